// Moderation page. Holds no secret: the key lives in sessionStorage and goes with every call.
// Every server value is inserted as text; the page's CSP also forbids any other script.
(function () {
  'use strict';
  var d = document, KEY = 'blogfunctions-moderator-key';
  var base = location.pathname.replace(/\/moderation\/ui\/?$/, '');
  var postUrl = (d.querySelector('meta[name=post-url-template]') || {}).content || '';
  var $ = function (id) { return d.getElementById(id); };
  var state = { items: [], next: null, view: 'comments' };
  var VIEWS = ['comments', 'newsletter', 'deliveries', 'subscribers'];

  function h(tag, attrs) {
    var el = d.createElement(tag), k, i;
    for (k in attrs || {}) {
      if (attrs[k] == null || attrs[k] === false) continue;
      if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), attrs[k]);
      else el.setAttribute(k, attrs[k] === true ? '' : attrs[k]);
    }
    for (i = 2; i < arguments.length; i++) add(el, arguments[i]);
    return el;
  }

  function add(el, c) {
    if (Array.isArray(c)) c.forEach(function (x) { add(el, x); });
    else if (c != null && c !== false) el.appendChild(typeof c === 'object' ? c : d.createTextNode(String(c)));
  }

  function key() { return sessionStorage.getItem(KEY); }

  function call(method, path, etag, json) {
    var headers = { Accept: 'application/json', Authorization: 'Bearer ' + key() };
    if (etag) headers['If-Match'] = etag;
    if (json) headers['Content-Type'] = 'application/json';
    return fetch(base + '/' + path, { method: method, headers: headers, cache: 'no-store', body: json ? JSON.stringify(json) : undefined }).then(function (r) {
      return r.text().then(function (t) {
        var data = null;
        try { data = t ? JSON.parse(t) : null; } catch (e) { data = null; }
        if (r.status === 401) { signOut('The key was not accepted. Please sign in again.'); throw new Error('unauthorized'); }
        return { ok: r.ok, status: r.status, data: data || {} };
      });
    });
  }

  function say(text) { $('status-line').textContent = text; }

  function signOut(message) {
    sessionStorage.removeItem(KEY);
    $('tabs').hidden = true;
    VIEWS.forEach(function (v) { $(v).hidden = true; });
    $('signin').hidden = false;
    $('signin-error').textContent = message || '';
    $('key').value = '';
    $('key').focus();
  }

  // loaded: the queue came with the sign-in check already, so it is not fetched a second time.
  function show(view, loaded) {
    state.view = view;
    $('signin').hidden = true;
    $('tabs').hidden = false;
    [].forEach.call(d.querySelectorAll('[data-view]'), function (b) { b.setAttribute('aria-pressed', String(b.getAttribute('data-view') === view)); });
    VIEWS.forEach(function (v) { $(v).hidden = v !== view; });
    if (view === 'comments') { if (!loaded) loadQueue(); }
    else if (api.views[view]) api.views[view]();
  }

  function fmtTime(t) {
    var dt = new Date(t);
    return isNaN(dt) ? String(t || '') : dt.toLocaleString();
  }

  function link(postId) {
    var u = postUrl ? postUrl.replace('{postId}', encodeURIComponent(postId)) : '';
    return /^https?:\/\//i.test(u) ? h('a', { href: u, target: '_blank', rel: 'noopener' }, postId) : h('span', null, postId);
  }

  function queuePath(more) {
    var path = 'moderation/comments?status=' + encodeURIComponent($('status').value);
    return more && state.next ? path + '&cursor=' + encodeURIComponent(state.next) : path;
  }

  function loadQueue(more) {
    say('Loading…');
    return call('GET', queuePath(more)).then(function (r) { take(r, more); },
      function (e) { if (e.message !== 'unauthorized') say('The server could not be reached.'); });
  }

  function take(r, more) {
    if (!r.ok) return say('Could not load: ' + (r.data.detail || r.data.title || r.status));
    var list = r.data.comments || r.data.items || [];
    state.items = more ? state.items.concat(list) : list;
    state.next = r.data.next || null;
    renderQueue();
  }

  function renderQueue() {
    var q = $('queue'), status = $('status').value;
    q.textContent = '';
    $('all').checked = false;
    state.items.forEach(function (c) { q.appendChild(item(c, status)); });
    $('more').hidden = !state.next;
    // Stays after the last approval or rejection too, when the status line reports the action.
    $('queue-empty').hidden = state.items.length > 0 || !!state.next;
    $('queue-empty').textContent = status === 'pending' ? 'Nothing waiting for a decision. New comments that need one show up here.' : 'No ' + status + ' comments.';
    say(state.items.length ? state.items.length + ' ' + status + ' comment' + (state.items.length === 1 ? '' : 's') + (state.next ? ' (more available)' : '') : '');
  }

  function item(c, status) {
    var reasons = c.reasons || c.screeningReasons || [], site = /^https?:\/\//i.test(c.website || '') ? c.website : null;
    return h('li', { class: 'card item', 'data-id': c.id, 'data-post': c.postId },
      h('input', { type: 'checkbox', class: 'pick', 'aria-label': 'Select comment by ' + c.author }),
      h('div', null,
        h('div', { class: 'meta' },
          h('strong', { class: 'author' }, c.author),
          c.email ? h('span', { class: 'email' }, c.email) : null,
          site ? h('a', { href: site, rel: 'nofollow noopener', target: '_blank', class: 'website' }, site) : (c.website ? h('span', null, c.website) : null),
          h('span', null, 'on ', link(c.postId)),
          h('time', { datetime: c.createdAt }, fmtTime(c.createdAt)),
          c.parentId ? h('span', null, 'reply') : null,
          h('span', { class: 'state state-' + (c.status || status) }, c.status || status)),
        reasons.length ? h('div', { class: 'reasons', 'aria-label': 'Screening reasons' }, reasons.map(function (x) { return h('span', { class: 'reason' }, x); })) : null,
        h('p', { class: 'body' }, c.body != null ? c.body : (c.bodyMarkdown != null ? c.bodyMarkdown : (c.text || ''))),
        h('div', { class: 'actions' },
          status !== 'approved' ? h('button', { type: 'button', onclick: function () { act([c], 'approve'); } }, 'Approve') : null,
          status !== 'rejected' ? h('button', { type: 'button', onclick: function () { act([c], 'reject'); } }, 'Reject') : null,
          status !== 'spam' ? h('button', { type: 'button', onclick: function () { act([c], 'spam'); } }, 'Spam') : null,
          h('button', { type: 'button', class: 'danger', onclick: function () { act([c], 'delete'); } }, 'Delete'))));
  }

  function act(items, action) {
    if (!items.length) return say('Select comments first.');
    if (action === 'delete' && !confirm('Delete ' + items.length + ' comment(s) for good?')) return;
    var done = 0, failed = 0;
    say('Working…');
    return items.reduce(function (p, c) {
      return p.then(function () {
        var path = 'moderation/comments/' + encodeURIComponent(c.postId) + '/' + encodeURIComponent(c.id);
        return call(action === 'delete' ? 'DELETE' : 'POST', action === 'delete' ? path : path + '/' + action, c.etag)
          .then(function (r) {
            if (r.ok || r.status === 404) {
              done++;
              state.items = state.items.filter(function (x) { return x !== c; });
            } else failed++;
          });
      });
    }, Promise.resolve()).then(function () {
      renderQueue();
      say(done + ' comment(s): ' + action + ' done.' + (failed ? ' ' + failed + ' failed (changed meanwhile?): refresh and retry.' : ''));
    }, function () { });
  }

  function picked() {
    var ids = [].map.call(d.querySelectorAll('#queue .pick:checked'), function (cb) { return cb.closest('li'); });
    return state.items.filter(function (c) {
      return ids.some(function (li) { return li.getAttribute('data-id') === c.id && li.getAttribute('data-post') === c.postId; });
    });
  }

  $('signin').addEventListener('submit', function (e) {
    e.preventDefault();
    sessionStorage.setItem(KEY, $('key').value.trim());
    $('signin-error').textContent = '';
    call('GET', queuePath()).then(function (r) {
      if (r.ok) { show('comments', true); take(r); }
      else $('signin-error').textContent = 'Sign-in failed: ' + (r.data.detail || r.data.title || r.status);
    }, function (err) { if (err.message !== 'unauthorized') $('signin-error').textContent = 'The server could not be reached.'; });
  });
  $('signout').addEventListener('click', function () { signOut(''); });
  $('status').addEventListener('change', function () { loadQueue(); });
  $('refresh').addEventListener('click', function () { loadQueue(); });
  $('more').addEventListener('click', function () { loadQueue(true); });
  $('all').addEventListener('change', function () {
    var on = this.checked;
    [].forEach.call(d.querySelectorAll('#queue .pick'), function (cb) { cb.checked = on; });
  });
  [].forEach.call(d.querySelectorAll('[data-bulk]'), function (b) {
    b.addEventListener('click', function () { act(picked(), b.getAttribute('data-bulk')); });
  });
  [].forEach.call(d.querySelectorAll('[data-view]'), function (b) {
    b.addEventListener('click', function () { show(b.getAttribute('data-view')); });
  });

  function fail(target, r) {
    target.textContent = '';
    target.appendChild(h('p', { class: 'error', role: 'alert' }, r.status === 404 ? 'Not available on this server.' : (r.data.detail || r.data.title || 'Error ' + r.status)));
  }

  // The mail views (moderation-mail.js, inlined after this file) register themselves here.
  var api = window.BlogModeration = { base: base, key: key, h: h, call: call, fmtTime: fmtTime, link: link, fail: fail, $: $, views: {} };

  // Both scripts are one inline block: DOMContentLoaded comes after the views registered.
  d.addEventListener('DOMContentLoaded', function () {
    if (key()) show('comments');
    else signOut('');
  });
})();
