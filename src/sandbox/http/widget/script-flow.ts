// The page's script, part 3: following the member (through this sandbox's own state) and answering challenges.
export const SCRIPT_FLOW = String.raw`
function poll(member) {
  clearTimeout(ctx.timer);
  ctx.timer = setTimeout(function () {
    call('GET', 'members/' + encodeURIComponent(member.guid)).then(function (data) { follow(data.member); }, failed);
  }, 300);
}

/** Reports each status once, as MX's memberStatusUpdate, then shows what the member needs next. */
function follow(member) {
  clearTimeout(ctx.timer);
  if (ctx.statuses[member.guid] !== member.connection_status) {
    ctx.statuses[member.guid] = member.connection_status;
    send('mx/connect/memberStatusUpdate', { member_guid: member.guid, connection_status: member.status_code });
  }
  var shown = { working: 'connecting', oauth: 'oauth', challenged: 'mfa', connected: 'connected', no_eligible: 'verifyError', error: 'error' }[member.outcome];
  if ((member.outcome === 'working' || member.outcome === 'oauth') && shown === ctx.step && ctx.member === member.guid) return poll(member);
  ctx.member = member.guid;
  if (member.outcome === 'working') return workingView(member);
  if (member.outcome === 'oauth') return oauthView(member);
  if (member.outcome === 'challenged') return challengeView(member);
  if (member.outcome === 'connected') return connectedView(member);
  if (member.outcome === 'no_eligible') return noEligibleView(member);
  errorView(member);
}

/** One control per challenge, by MX's challenge types; the account-selection challenge is an OPTIONS one. */
function challengeControl(c, answers) {
  if (c.type === 'OPTIONS' || c.type === 'IMAGE_OPTIONS') {
    var choices = (c.type === 'OPTIONS' ? c.options : c.image_options) || [];
    var radios = choices.map(function (o, i) {
      var input = h('input', { type: 'radio', name: c.guid, value: o.value, required: true });
      if (i === 0) answers.push({ guid: c.guid, read: function () { var on = root.querySelector('input[name="' + c.guid + '"]:checked'); return on ? on.value : ''; } });
      // The option's label names the radio; the picture beside it adds no words of its own.
      var picture = c.type === 'IMAGE_OPTIONS' ? h('img', { src: o.data_uri, alt: '', width: 48, height: 48 }) : null;
      return h('label', {}, [input, picture, h('span', { text: o.label })]);
    });
    return h('fieldset', {}, [h('legend', { text: c.label })].concat(radios));
  }
  var pair = field(c.label, 'text', c.guid);
  answers.push({ guid: c.guid, read: function () { return pair[1].value; } });
  var picture = c.type === 'IMAGE_DATA' && c.image_data ? h('img', { src: 'data:image/png;base64,' + c.image_data, alt: 'The image the question is about' }) : null;
  return h('div', {}, [picture].concat(pair));
}

function challengeView(member) {
  var answers = [];
  var controls = member.challenges.map(function (c) { return challengeControl(c, answers); });
  var form = h('form', { onsubmit: function (event) {
    event.preventDefault();
    var challenges = answers.map(function (a) { return { guid: a.guid, value: a.read() }; });
    send('mx/connect/submitMFA', { member_guid: member.guid });
    call('POST', 'members/' + encodeURIComponent(member.guid) + '/answers', { challenges: challenges }).then(function (data) { follow(data.member); }, failed);
  } }, controls.concat([button('Continue')]));
  show('mfa', [h('h1', { text: member.institution.name }), h('p', { text: member.message }), form]);
}

function connectedView(member) {
  var done = ctx.verification ? 'Your account at ' + member.institution.name + ' is verified.' : 'Your accounts at ' + member.institution.name + ' are connected.';
  show('connected', [h('h1', { text: 'Connected' }), h('p', { role: 'status', text: done }), h('p', { text: 'You can close this page.' })]);
  send('mx/connect/memberConnected', { member_guid: member.guid });
}

/** MX's invalidData code 1000: the connection worked, but no checking or savings account was found to verify. */
function noEligibleView(member) {
  var text = 'We could not find a checking or savings account at ' + member.institution.name + ' that can be verified.';
  show('verifyError', [h('h1', { text: 'No eligible accounts' }), messageBox(text), backButton()]);
  send('mx/connect/invalidData', { member_guid: member.guid, code: 1000 });
}

/** MX's own wording for the status (connection_status_message), then a way to try again. */
function errorView(member) {
  send('mx/connect/memberError', { member: { guid: member.guid, connection_status: member.status_code } });
  call('GET', 'institutions/' + encodeURIComponent(member.institution.code)).then(function (data) {
    credentialsView(data.institution, member, member.message);
  }, failed);
}

function start() {
  call('GET', 'start').then(function (data) {
    ctx.user_guid = data.user_guid;
    ctx.session_guid = data.session_guid;
    ctx.search = data.search;
    ctx.verification = data.verification;
    var initial = data.member ? { working: 'connecting', oauth: 'oauth', challenged: 'mfa', connected: 'connected', no_eligible: 'verifyError', error: 'error' }[data.member.outcome]
      : data.institution ? 'enterCreds' : 'search';
    send('mx/connect/loaded', { initial_step: initial });
    if (data.member) follow(data.member);
    else if (data.institution) credentialsView(data.institution, null, null);
    else searchView('', null);
  }, failed);
}
start();
`;
