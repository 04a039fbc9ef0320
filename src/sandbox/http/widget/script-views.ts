// The page's script, part 2: search, sign-in and the OAuth hand-off.
export const SCRIPT_VIEWS = String.raw`
function searchView(query, results) {
  var input = field('Search for your bank', 'search', 'q');
  input[1].value = query || '';
  input[1].required = false;
  var form = h('form', { role: 'search', onsubmit: function (event) {
    event.preventDefault();
    var q = input[1].value.trim();
    call('GET', 'institutions?name=' + encodeURIComponent(q)).then(function (data) { searchView(q, data.institutions); }, failed);
  } }, input.concat([button('Search')]));
  var list = null;
  if (results) {
    list = results.length === 0
      ? h('p', { text: 'No institutions match "' + query + '".' })
      : h('ul', { 'class': 'results', 'aria-label': 'Institutions' }, results.map(function (inst) {
        return h('li', {}, [button(inst.name, function () { choose(inst); }, true)]);
      }));
  }
  var intro = ctx.verification ? 'Choose your bank to verify your account.' : 'Choose your bank to connect your accounts.';
  show('search', [h('h1', { text: 'Select your institution' }), h('p', { text: intro }), form, list]);
  if (results) input[1].focus();
}

function choose(inst) {
  send('mx/connect/selectedInstitution', { code: inst.code, guid: inst.guid, name: inst.name, url: inst.url });
  call('GET', 'institutions/' + encodeURIComponent(inst.code)).then(function (data) { credentialsView(data.institution, null, null); }, failed);
}

function backToSearch() {
  send('mx/connect/backToSearch', {});
  searchView('', null);
}

function backButton() {
  return ctx.search ? button('Back to search', backToSearch, true) : null;
}

/** The institution's own fields with MX's labels; on a retry, the member's message above them. */
function credentialsView(inst, member, message) {
  ctx.institution = inst;
  var inputs = [];
  var fields = inst.credentials.map(function (c) {
    var pair = field(c.label, c.secret ? 'password' : 'text', c.guid);
    inputs.push({ guid: c.guid, input: pair[1] });
    return pair;
  }).reduce(function (all, pair) { return all.concat(pair); }, []);
  var oauth = inst.credentials.length === 0;
  var intro = oauth ? (inst.instructions || 'You will be sent to ' + inst.name + ' to sign in.') : 'Enter your credentials for ' + inst.name + '.';
  var form = h('form', { onsubmit: function (event) {
    event.preventDefault();
    var credentials = inputs.map(function (i) { return { guid: i.guid, value: i.input.value }; });
    if (!oauth) send('mx/connect/enterCredentials', { institution: { code: inst.code, guid: inst.guid } });
    var submitted = member
      ? call('POST', 'members/' + encodeURIComponent(member.guid) + '/retry', { credentials: credentials })
      : call('POST', 'members', { institution_code: inst.code, credentials: credentials });
    submitted.then(function (data) { follow(data.member); }, function (error) {
      if (!member) send('mx/connect/createMemberError', { institution_guid: inst.guid, institution_code: inst.code });
      credentialsView(inst, member, error.message);
    });
  } }, fields.concat([button(member ? 'Try again' : 'Continue'), backButton()]));
  show(oauth ? 'oauth' : 'enterCreds', [h('h1', { text: inst.name }), message ? messageBox(message) : null, h('p', { text: intro }), form]);
}

/** MX opens the bank in a new window and waits; in a WebView only the event goes out ("the redirect does not happen"). */
function oauthView(member) {
  var name = member.institution.name;
  var go = button('Go to ' + name, function () {
    send('mx/connect/oauthRequested', { url: member.oauth_url, member_guid: member.guid });
    if (!scheme) window.open(member.oauth_url, '_blank', 'noopener');
  });
  show('oauth', [h('h1', { text: name }), h('p', { text: 'Sign in at ' + name + ' and approve access, then come back here.' }), go, backButton()]);
  poll(member);
}

function workingView(member) {
  var what = ctx.verification ? 'Verifying your account at ' : 'Connecting to ';
  show('connecting', [h('h1', { text: member.institution.name }), h('p', { role: 'status', text: what + member.institution.name + '…' })]);
  poll(member);
}
`;
