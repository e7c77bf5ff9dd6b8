// BlogFunctions comments widget. No framework, no iframe. Server text is only ever inserted
// with textContent, except bodyHtml, which the server renders from Markdown and sanitizes.
// Works under a strict Content-Security-Policy: no eval, no inline style attributes or <style>
// elements (the CSS is a separate, versioned file; the avatar hue is set through the CSSOM).
(function () {
  'use strict';
  var d = document, w = window;
  // The stylesheet's content hash, filled in when the host builds this file.
  var CSS_VERSION = /*CSS*/"";
  var me = d.currentScript;
  var scriptApi = me && me.src ? me.src.replace(/\/embed\/comments\.js(\?.*)?$/, '') : '';
  var LIMITS = { author: 80, body: 5000, email: 254, website: 300 };
  var PENDING_DAYS = 30;
  var MAX_STATUS_IDS = 20;
  var STRINGS = {
    heading: 'Comments',
    loading: 'Loading comments…',
    empty: 'No comments yet. Start the conversation.',
    loadError: 'Comments could not be loaded.',
    retry: 'Try again',
    more: 'Show more comments',
    reply: 'Reply',
    replyTo: 'Replying to {name}',
    cancel: 'Cancel',
    leave: 'Leave a comment',
    name: 'Name',
    req: '(required)',
    email: 'Email (optional, never shown)',
    website: 'Website (optional)',
    body: 'Comment',
    hint: 'Markdown works: *italic*, **bold**, `code`, [link](https://…)',
    submit: 'Post comment',
    sending: 'Posting…',
    pending: 'Awaiting moderation',
    deleted: 'This comment was deleted.',
    held: 'Thank you! Your comment is awaiting moderation.',
    published: 'Thank you! Your comment is published.',
    required: 'Please fill in this field.',
    tooLong: 'Please use at most {max} characters.',
    badUrl: 'Please enter an address starting with http:// or https://',
    badEmail: 'Please enter a valid email address.',
    failed: 'Your comment could not be posted. Please try again.',
    offline: 'The comment server could not be reached. Please try again.',
    rate: 'You are posting too often. Please wait a moment.',
    subEmail: 'Email',
    subSubmit: 'Subscribe',
    subSending: 'Subscribing…',
    subDone: 'Check your inbox to confirm your subscription.',
    subFailed: 'The subscription did not work. Please try again.'
  };

  function cfg() { return w.blogComments || {}; }

  function strings(root) {
    var s = {}, k, extra;
    for (k in STRINGS) s[k] = STRINGS[k];
    extra = cfg().strings || {};
    for (k in extra) s[k] = extra[k];
    try { extra = JSON.parse(root.getAttribute('data-strings') || '{}'); } catch (e) { extra = {}; }
    for (k in extra) s[k] = extra[k];
    return s;
  }

  function fmt(t, v) { return String(t).replace(/\{(\w+)\}/g, function (m, k) { return v[k] == null ? m : v[k]; }); }

  function apiBase(root) {
    var a = root.getAttribute('data-api') || cfg().api || scriptApi;
    a = String(a).replace(/\/+$/, '');
    return /\/api$/.test(a) ? a : a + '/api';
  }

  // h('p', {class: 'x'}, 'text', child) builds elements; strings become text nodes, never HTML.
  function h(tag, attrs) {
    var el = d.createElement(tag), k, i, c;
    for (k in attrs || {}) {
      if (attrs[k] == null || attrs[k] === false) continue;
      if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), attrs[k]);
      else el.setAttribute(k, attrs[k] === true ? '' : attrs[k]);
    }
    for (i = 2; i < arguments.length; i++) {
      c = arguments[i];
      if (c == null || c === false) continue;
      el.appendChild(typeof c === 'object' ? c : d.createTextNode(c));
    }
    return el;
  }

  // A stable colour per person from the server's avatar hash (no image request, no tracking).
  function hue(t) {
    for (var i = 0, n = 0; i < String(t).length; i++) n = (n * 31 + String(t).charCodeAt(i)) % 360;
    return n;
  }

  function safeUrl(u) { return /^https?:\/\//i.test(u || '') ? u : null; }

  function store(key, value) {
    try {
      if (value === undefined) return JSON.parse(localStorage.getItem(key) || 'null');
      localStorage.setItem(key, JSON.stringify(value));
    } catch (e) { return null; }
  }

  // cache: a fetch cache mode ('no-cache' revalidates, 'no-store' bypasses the HTTP cache).
  function request(method, url, body, cache) {
    var init = { method: method, headers: { Accept: 'application/json' }, cache: cache || 'default' };
    if (body) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(url, init).then(function (r) {
      return r.text().then(function (t) {
        var data = null;
        try { data = t ? JSON.parse(t) : null; } catch (e) { data = null; }
        return { ok: r.ok, status: r.status, data: data || {}, retryAfter: r.headers.get('Retry-After') };
      });
    });
  }

  // A <link> to the served stylesheet (a <style> element would need 'unsafe-inline'). The page may
  // link it itself to avoid the wait; widgets are built once it has loaded (or failed, or 3 s passed).
  var cssReady;
  function loadCss(api) {
    if (cssReady) return cssReady;
    var link = d.querySelector('link[href*="/embed/comments.css"]');
    cssReady = new Promise(function (done) {
      if (link && link.sheet) return done();
      if (!link) {
        link = h('link', { rel: 'stylesheet', id: 'bc-style', href: api + '/embed/comments.css?v=' + CSS_VERSION });
        // First in <head>, so the blog's own rules win at equal specificity.
        d.head.insertBefore(link, d.head.firstChild);
      }
      link.addEventListener('load', done);
      link.addEventListener('error', done);
      setTimeout(done, 3000);
    });
    return cssReady;
  }

  function Widget(root) {
    this.root = root;
    this.post = root.getAttribute('data-post') || '';
    this.api = apiBase(root);
    this.s = strings(root);
    this.key = 'bc:' + this.api + ':' + this.post;
    // The authorToken of this reader's latest comment known to be approved (or of a first one, to try):
    // the only thing that makes a returning reader "known" to the server; name and email prove nothing.
    this.atKey = 'bc:at:' + this.api;
    this.comments = [];
    this.token = null;
    this.next = null;
    this.build();
  }

  Widget.prototype.build = function () {
    var s = this.s, self = this;
    this.list = h('div', { class: 'bc-list', 'aria-busy': 'true' }, h('p', { class: 'bc-muted' }, s.loading));
    this.status = h('p', { class: 'bc-status', role: 'status', 'aria-live': 'polite' });
    this.moreBtn = h('button', { type: 'button', class: 'bc-btn bc-more', hidden: true, onclick: function () { self.load(self.next); } }, s.more);
    this.form = this.buildForm();
    this.formHome = h('div', { class: 'bc-form-home' }, this.form);
    this.root.classList.add('bc');
    this.root.textContent = '';
    this.root.appendChild(h('h2', { class: 'bc-title' }, s.heading));
    this.root.appendChild(this.list);
    this.root.appendChild(this.moreBtn);
    this.root.appendChild(this.formHome);
  };

  // req: a visible "(required)" after the label; screen readers hear aria-required instead.
  Widget.prototype.field = function (name, label, input, hint, req) {
    var id = 'bc-' + name + '-' + this.uid, err = h('p', { class: 'bc-err', id: id + '-err' });
    input.id = id;
    input.name = name;
    input.setAttribute('aria-describedby', id + '-err' + (hint ? ' ' + id + '-hint' : ''));
    this.inputs[name] = input;
    this.errors[name] = err;
    return h('div', { class: 'bc-field bc-f-' + name },
      h('label', { for: id }, label, req ? h('span', { class: 'bc-req', 'aria-hidden': 'true' }, ' ' + this.s.req) : null), input,
      hint ? h('p', { class: 'bc-muted bc-hint', id: id + '-hint' }, hint) : null, err);
  };

  Widget.prototype.buildForm = function () {
    var s = this.s, self = this, saved = store('bc:me') || {};
    this.uid = Math.random().toString(36).slice(2, 8);
    this.inputs = {};
    this.errors = {};
    this.replyInfo = h('p', { class: 'bc-replying', hidden: true });
    this.submitBtn = h('button', { type: 'submit', class: 'bc-btn bc-primary' }, s.submit);
    var f = h('form', { class: 'bc-form', novalidate: true, onsubmit: function (e) { e.preventDefault(); self.submit(); } },
      h('h3', { class: 'bc-form-title' }, s.leave),
      this.replyInfo,
      this.field('body', s.body, h('textarea', { rows: 5, required: true, maxlength: LIMITS.body }), s.hint),
      h('div', { class: 'bc-row' },
        this.field('author', s.name, h('input', { type: 'text', required: true, 'aria-required': 'true', maxlength: LIMITS.author, autocomplete: 'name', value: saved.author }), null, true),
        this.field('email', s.email, h('input', { type: 'email', maxlength: LIMITS.email, autocomplete: 'email', value: saved.email })),
        this.field('website', s.website, h('input', { type: 'url', maxlength: LIMITS.website, autocomplete: 'url', placeholder: 'https://', value: saved.website }))),
      // Honeypot: invisible to people and skipped by keyboard and screen readers; bots fill it.
      h('div', { class: 'bc-hp', 'aria-hidden': 'true' },
        h('label', null, 'Leave empty', h('input', { type: 'text', name: 'homepage', tabindex: '-1', autocomplete: 'off' }))),
      h('div', { class: 'bc-actions' },
        this.submitBtn,
        h('button', { type: 'button', class: 'bc-btn bc-cancel', hidden: true, onclick: function () { self.replyTo(null); } }, s.cancel)),
      this.status);
    return f;
  };

  Widget.prototype.start = function () {
    var self = this, io;
    if (!('IntersectionObserver' in w)) return this.load();
    io = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { io.disconnect(); self.load(); }
    }, { rootMargin: '800px 0px' });
    io.observe(this.root);
  };

  Widget.prototype.url = function (rest) {
    return this.api + '/posts/' + encodeURIComponent(this.post) + '/comments' + (rest || '');
  };

  // fresh: revalidate (ETag, cheap 304) instead of trusting the short HTTP cache, when we wait for our own comment.
  Widget.prototype.load = function (cursor, fresh) {
    var self = this, url = this.url(cursor ? '?cursor=' + encodeURIComponent(cursor) : '');
    this.list.setAttribute('aria-busy', 'true');
    fresh = fresh || (store(this.key) || []).length > 0;
    return Promise.all([request('GET', url, null, fresh ? 'no-cache' : 'default'), cursor ? null : this.check()]).then(function (all) {
      var r = all[0];
      if (!r.ok) throw r;
      self.token = r.data.formToken || self.token;
      self.comments = cursor ? self.comments.concat(r.data.comments || []) : (r.data.comments || []);
      self.next = r.data.next || null;
      self.render();
    }).catch(function () {
      self.list.textContent = '';
      self.list.appendChild(h('p', { class: 'bc-muted' }, self.s.loadError + ' ',
        h('button', { type: 'button', class: 'bc-link', onclick: function () { self.load(cursor); } }, self.s.retry)));
    }).then(function () { self.list.removeAttribute('aria-busy'); });
  };

  // One request for all held comments of this browser: "gone" ones (rejected, deleted, unknown)
  // are forgotten quietly; approved ones lose their badge and leave once a page carries them.
  Widget.prototype.check = function () {
    var self = this, mine = (store(this.key) || []).filter(function (p) { return /^[0-9a-f]{21}$/.test(p.id); });
    mine = mine.slice(-MAX_STATUS_IDS);
    if (!mine.length) return store(this.key, []);
    return request('GET', this.url('/status?' + mine.map(function (p) { return 'id=' + p.id; }).join('&')), null, 'no-store').then(function (r) {
      if (!r.ok) return;
      store(self.key, mine.filter(function (p) {
        p.approved = r.data[p.id] === 'approved';
        if (p.approved && p.at) store(self.atKey, p.at);
        return r.data[p.id] !== 'gone';
      }));
    }, function () { });
  };

  // Own comments the page does not carry yet; dropped once it does, or after PENDING_DAYS.
  Widget.prototype.pending = function () {
    var ids = {}, now = Date.now(), keep;
    this.comments.forEach(function (c) { ids[c.id] = 1; });
    keep = (store(this.key) || []).filter(function (p) {
      return !ids[p.id] && now - Date.parse(p.createdAt) < PENDING_DAYS * 864e5;
    });
    store(this.key, keep);
    return keep.map(function (p) { p.local = true; p.pending = !p.approved; return p; });
  };

  Widget.prototype.render = function () {
    var self = this, all = this.comments.concat(this.pending()), byId = {}, roots = [];
    if (this.list.contains(this.form)) this.replyTo(null, null, true);
    all.forEach(function (c) { byId[c.id] = c; c.kids = []; });
    all.forEach(function (c) { (c.parentId && byId[c.parentId] ? byId[c.parentId].kids : roots).push(c); });
    roots = prune(roots);
    this.list.textContent = '';
    if (!roots.length) this.list.appendChild(h('p', { class: 'bc-muted bc-empty' }, this.s.empty));
    else this.list.appendChild(this.thread(roots, 1));
    this.moreBtn.hidden = !this.next;
  };

  // A deleted comment stays as a placeholder only while it holds replies up.
  function prune(nodes) {
    return nodes.filter(function (c) {
      c.kids = prune(c.kids);
      return !c.deleted || c.kids.length;
    });
  }

  // Three visible levels; replies deeper than that join the third level, prefixed with "@name".
  Widget.prototype.thread = function (nodes, level, ol, mention) {
    var self = this;
    ol = ol || h('ol', { class: 'bc-thread bc-l' + level });
    nodes.forEach(function (c) {
      var li = self.item(c, level, mention);
      ol.appendChild(li);
      if (!c.kids.length) return;
      if (level < 3) li.appendChild(self.thread(c.kids, level + 1));
      else self.thread(c.kids, 3, ol, c.deleted ? null : c.author);
    });
    return ol;
  };

  Widget.prototype.item = function (c, level, mention) {
    var s = this.s, self = this, site = safeUrl(c.website), when = new Date(c.createdAt), body, avatar, art;
    var name = site ? h('a', { href: site, rel: 'ugc nofollow noopener', target: '_blank' }, c.author) : h('span', null, c.author);
    if (c.deleted) {
      // No author, avatar, body or reply button: only the place in the thread remains.
      art = h('article', { class: 'bc-comment bc-deleted' }, h('p', { class: 'bc-muted' }, s.deleted));
      return h('li', { class: 'bc-item bc-tomb', id: 'comment-' + c.id, 'data-id': c.id }, art);
    }
    if (c.local) body = h('div', { class: 'bc-body bc-plain' }, c.body);
    else { body = h('div', { class: 'bc-body' }); body.innerHTML = c.bodyHtml || ''; }
    if (mention) body.insertBefore(h('span', { class: 'bc-at' }, '@' + mention + ' '), body.firstChild);
    avatar = h('span', { class: 'bc-avatar', 'aria-hidden': 'true' }, (String(c.author || '?').trim()[0] || '?').toUpperCase());
    // CSSOM, not a style="" attribute: a strict CSP allows the former only.
    avatar.style.setProperty('--bc-hue', hue(c.avatar || c.author));
    art = h('article', { class: 'bc-comment' },
      h('header', { class: 'bc-meta' },
        avatar,
        h('strong', { class: 'bc-author' }, name),
        h('time', { datetime: c.createdAt, class: 'bc-muted' }, isNaN(when) ? '' : when.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })),
        c.pending ? h('span', { class: 'bc-badge' }, s.pending) : null),
      body,
      c.pending ? null : h('button', { type: 'button', class: 'bc-link bc-reply', 'aria-label': s.reply + ': ' + c.author, onclick: function () { self.replyTo(c, art); } }, s.reply));
    return h('li', { class: 'bc-item' + (c.pending ? ' bc-pending' : ''), id: 'comment-' + c.id, 'data-id': c.id }, art);
  };

  Widget.prototype.replyTo = function (c, art, quiet) {
    var cancel = this.form.querySelector('.bc-cancel');
    this.parent = c;
    this.replyInfo.hidden = cancel.hidden = !c;
    this.replyInfo.textContent = c ? fmt(this.s.replyTo, { name: c.author }) : '';
    (c ? art : this.formHome).appendChild(this.form);
    if (!quiet) this.inputs.body.focus();
  };

  Widget.prototype.validate = function (v) {
    var s = this.s, e = {};
    if (!v.author.trim()) e.author = s.required;
    else if (v.author.length > LIMITS.author) e.author = fmt(s.tooLong, { max: LIMITS.author });
    if (!v.body.trim()) e.body = s.required;
    else if (v.body.length > LIMITS.body) e.body = fmt(s.tooLong, { max: LIMITS.body });
    if (v.website && !/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v.website)) e.website = s.badUrl;
    if (v.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email)) e.email = s.badEmail;
    return e;
  };

  Widget.prototype.showErrors = function (errs) {
    var k, first = null;
    for (k in this.errors) {
      this.errors[k].textContent = errs[k] || '';
      if (errs[k]) { this.inputs[k].setAttribute('aria-invalid', 'true'); first = first || this.inputs[k]; }
      else this.inputs[k].removeAttribute('aria-invalid');
    }
    if (first) first.focus();
    return !!first;
  };

  // Maps a problem+json answer to inline field errors where it names a field.
  Widget.prototype.problem = function (r) {
    var p = r.data, errs = {}, k, f, self = this;
    if (p.errors && typeof p.errors === 'object') {
      for (k in p.errors) {
        f = k.toLowerCase();
        if (this.inputs[f]) errs[f] = [].concat(p.errors[k])[0];
      }
    }
    if (p.field && this.inputs[String(p.field).toLowerCase()]) errs[String(p.field).toLowerCase()] = p.detail || p.title;
    if (this.showErrors(errs)) return this.say('');
    if (r.status === 429) return this.say(this.s.rate);
    this.say(p.detail || p.title || self.s.failed, true);
  };

  Widget.prototype.say = function (text, bad) {
    this.status.textContent = text;
    this.status.classList.toggle('bc-bad', !!bad);
  };

  Widget.prototype.values = function () {
    var i = this.inputs;
    return {
      author: i.author.value.trim(), email: i.email.value.trim(), website: i.website.value.trim(),
      body: i.body.value, homepage: this.form.querySelector('[name=homepage]').value
    };
  };

  Widget.prototype.submit = function (retried) {
    var self = this, v = this.values(), s = this.s, payload;
    if (this.busy || this.showErrors(this.validate(v))) return;
    if (!this.token) { this.load().then(function () { if (self.token) self.submit(); }); return; }
    payload = { author: v.author, body: v.body, formToken: this.token, homepage: v.homepage };
    if (v.email) payload.email = v.email;
    if (v.email && store(this.atKey)) payload.authorToken = store(this.atKey);
    if (v.website) payload.website = v.website;
    if (this.parent) payload.parentId = this.parent.id;
    this.busy = true;
    this.submitBtn.disabled = true;
    this.say(s.sending);
    store('bc:me', { author: v.author, email: v.email, website: v.website });
    request('POST', this.url(), payload).then(function (r) {
      self.busy = false;
      self.submitBtn.disabled = false;
      if (r.ok) return self.posted(r, payload);
      // The form token is signed and dated: wait when too fresh, or take the new one, and try once more.
      var code = r.data.code || '';
      if (!retried && code === 'form_token_too_fast') {
        self.busy = self.submitBtn.disabled = true;
        return setTimeout(function () { self.busy = false; self.submit(true); }, 1000 * (r.data.retryAfterSeconds || 2));
      }
      if (!retried && /^form_token/.test(code)) {
        if (r.data.formToken) { self.token = r.data.formToken; return self.submit(true); }
        return self.load().then(function () { self.submit(true); });
      }
      self.problem(r);
    }, function () {
      self.busy = false;
      self.submitBtn.disabled = false;
      self.say(s.offline, true);
    });
  };

  Widget.prototype.posted = function (r, payload) {
    var c = r.data || {}, mine;
    this.inputs.body.value = '';
    this.replyTo(null);
    if (c.authorToken && (r.status === 201 || !store(this.atKey))) store(this.atKey, c.authorToken);
    if (r.status === 201) {
      this.say(this.s.published);
      return this.load(null, true);
    }
    if (!c.id) return this.say(this.s.held);
    mine = store(this.key) || [];
    mine.push({ id: c.id, parentId: payload.parentId || null, author: payload.author, website: payload.website || null, body: payload.body, at: c.authorToken, createdAt: new Date().toISOString() });
    store(this.key, mine);
    this.render();
    this.say(this.s.held);
  };

  // <form data-blog-subscribe>: a plain form post without JS; with JS, JSON and an inline answer.
  function enhanceSubscribe(form) {
    var s = strings(form), api = apiBase(form), btn = form.querySelector('[type=submit]');
    var status = form.querySelector('[role=status]') || form.appendChild(h('p', { class: 'bc-status', role: 'status', 'aria-live': 'polite' }));
    if (!form.getAttribute('action')) form.setAttribute('action', api + '/subscriptions');
    form.setAttribute('method', 'post');
    form.addEventListener('submit', function (e) {
      var data = {}, fd = new FormData(form);
      e.preventDefault();
      fd.forEach(function (v, k) { data[k] = v; });
      // The page itself is the consent evidence; a cross-origin Referer would carry only the origin.
      if (!data.source) data.source = location.href;
      if (btn) btn.disabled = true;
      status.textContent = s.subSending;
      request('POST', api + '/subscriptions', data).then(function (r) {
        status.textContent = r.ok ? s.subDone : (r.status === 429 ? s.rate : (r.data.detail || r.data.title || s.subFailed));
        status.classList.toggle('bc-bad', !r.ok);
        if (r.ok) form.reset();
      }, function () {
        status.textContent = s.offline;
        status.classList.add('bc-bad');
      }).then(function () { if (btn) btn.disabled = false; });
    });
  }

  function init() {
    [].forEach.call(d.querySelectorAll('[data-blog-comments]:not([data-bc])'), function (el) {
      el.setAttribute('data-bc', '');
      loadCss(apiBase(el)).then(function () { new Widget(el).start(); });
    });
    [].forEach.call(d.querySelectorAll('form[data-blog-subscribe]:not([data-bc])'), function (f) { f.setAttribute('data-bc', ''); enhanceSubscribe(f); });
  }

  w.blogComments = w.blogComments || {};
  w.blogComments.init = init;
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', init);
  else init();
})();
