// The page's script, part 1: DOM helpers, the calls to this sandbox, and MX's widget events. Plain ES2017 in a
// string (served inline under the response's nonce); no template literals inside, so it embeds as it reads.
export const SCRIPT_CORE = String.raw`
'use strict';
var root = document.getElementById('widget');
var base = '/widget/session/' + encodeURIComponent(root.getAttribute('data-session')) + '/';
var scheme = root.getAttribute('data-scheme');
var ctx = { user_guid: '', session_guid: '', search: true, verification: true, institution: null, step: 'loading', statuses: {}, timer: null };

function h(tag, attrs, children) {
  var el = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (key) {
    if (key === 'text') el.textContent = attrs[key];
    else if (key === 'onclick') el.addEventListener('click', attrs[key]);
    else if (key === 'onsubmit') el.addEventListener('submit', attrs[key]);
    else if (attrs[key] !== null && attrs[key] !== undefined && attrs[key] !== false) el.setAttribute(key, attrs[key] === true ? '' : attrs[key]);
  });
  (children || []).forEach(function (child) { if (child) el.appendChild(child); });
  return el;
}

function button(text, onclick, secondary) {
  return h('button', { type: onclick ? 'button' : 'submit', 'class': secondary ? 'secondary' : null, text: text, onclick: onclick });
}

var uid = 0;
function field(labelText, type, name) {
  var id = 'f' + (++uid);
  return [h('label', { 'for': id, text: labelText }), h('input', { id: id, name: name, type: type, autocomplete: 'off', required: true })];
}

/** Replaces the view; focus goes to its first field, else its heading, so a keyboard user carries on where it is. */
function show(step, children) {
  if (step !== ctx.step && ctx.step !== 'loading') send('mx/connect/stepChange', { previous: ctx.step, current: step });
  ctx.step = step;
  root.replaceChildren.apply(root, children.filter(Boolean));
  var first = root.querySelector('input, select');
  var heading = root.querySelector('h1, h2');
  if (heading) heading.setAttribute('tabindex', '-1');
  (first || heading || root).focus();
}

/**
 * MX's ui_message_version 4 events: { mx: true, type, metadata } posted to the page that embeds or opened this
 * one; every metadata carries user_guid and session_guid. In a mobile WebView they are navigations instead,
 * <scheme>://connect/<event>?metadata=<json>, one at a time so none replaces the one before.
 */
var navigations = [];
function send(type, metadata) {
  var full = Object.assign({ user_guid: ctx.user_guid, session_guid: ctx.session_guid }, metadata || {});
  if (scheme) {
    navigations.push(scheme + '://' + type.replace(/^mx\//, '') + '?metadata=' + encodeURIComponent(JSON.stringify(full)));
    if (navigations.length === 1) navigate();
    return;
  }
  var message = { mx: true, type: type, metadata: full };
  if (window.parent && window.parent !== window) window.parent.postMessage(message, '*');
  if (window.opener && window.opener !== window) window.opener.postMessage(message, '*');
}
function navigate() {
  if (navigations.length === 0) return;
  window.location.href = navigations[0];
  setTimeout(function () { navigations.shift(); navigate(); }, 150);
}

function call(method, path, body) {
  var init = { method: method, headers: { accept: 'application/json' } };
  if (body !== undefined) { init.headers['content-type'] = 'application/json'; init.body = JSON.stringify(body); }
  return fetch(base + path, init).then(function (res) {
    return res.json().then(function (data) {
      if (!res.ok) { var error = new Error(data && data.error ? data.error.message : 'Something went wrong. Please try again.'); error.status = res.status; throw error; }
      return data;
    });
  });
}

function messageBox(text) {
  return h('p', { 'class': 'message', role: 'alert', text: text });
}

function failed(error) {
  var again = button('Try again', function () { start(); });
  show('error', [h('h1', { text: 'Something went wrong' }), messageBox(error.message), again]);
}
`;
