// Moderation page, mail views: newsletter progress, the delivery log and subscribers.
// Inlined after moderation.js, whose helpers it borrows. Server values are inserted as text only.
(function (M) {
  'use strict';
  var h = M.h, call = M.call, $ = M.$, fmtTime = M.fmtTime, fail = M.fail, d = document;
  var pages = { dl: { items: [], next: null }, sb: { items: [], next: null } };

  function when(t) { return t ? h('time', { datetime: t }, fmtTime(t)) : '—'; }
  // A 401 already signed the moderator out; anything else means the request never got an answer.
  function unreachable(target) { return function (e) { if (e.message !== 'unauthorized') target.textContent = 'The server could not be reached.'; }; }

  // In a box that scrolls sideways on a small screen: headers never break inside a word.
  function table(cols, rows, cells) {
    return h('div', { class: 'table-wrap' }, h('table', null,
      h('thead', null, h('tr', null, cols.map(function (c) { return h('th', { scope: 'col' }, c); }))),
      h('tbody', null, rows.map(function (r) { return h('tr', null, cells(r).map(function (c) { return h('td', null, c); })); }))));
  }

  // Newsletter: per post, how far the send got, and the chunks that need a decision.
  // Resolves true while a post is still being planned or sent (the queue steps run in the background).
  function newsletter(quiet) {
    var target = $('nl-posts');
    if (!quiet) target.textContent = 'Loading…';
    return call('GET', 'moderation/newsletter').then(function (r) {
      if (!r.ok) return fail(target, r);
      var f = r.data.feed, posts = r.data.posts || [];
      $('nl-feed').textContent = '';
      if (f) {
        $('nl-feed').appendChild(h('p', { class: 'feed' }, 'Feed ', h('code', null, f.url), ': ', f.items + ' item(s), last synced ', when(f.lastSyncAt),
          f.lastError ? h('span', { class: 'error' }, ' — ' + f.lastError) : null));
      }
      (r.data.queues || []).filter(function (q) { return q.poisoned > 0; }).forEach(function (q) {
        $('nl-feed').appendChild(h('p', { class: 'error' }, q.poisoned + ' message(s) failed for good in queue ', h('code', null, q.name + '-poison'),
          ', e.g. ', h('code', null, (q.recent[0] || {}).text || '')));
      });
      target.textContent = '';
      if (!posts.length) return target.appendChild(h('p', { class: 'empty' }, 'No posts yet. New feed items and registered posts show here.'));
      target.appendChild(table(['Post', 'Published', 'State', 'Sent', 'Chunks'], posts, function (p) {
        var c = p.chunks || {};
        return [
          h('div', null, /^https?:\/\//i.test(p.url || '') ? h('a', { href: p.url, target: '_blank', rel: 'noopener' }, p.title || p.id) : (p.title || p.id),
            (p.problems || []).map(function (x) { return problem(p, x); })),
          when(p.publishedAt),
          h('span', { class: 'state state-' + p.state }, p.state + (p.skipReason ? ' (' + p.skipReason + ')' : '')),
          h('div', null, h('progress', { max: Math.max(1, p.recipients), value: p.sentRecipients, 'aria-label': 'Sent to ' + p.sentRecipients + ' of ' + p.recipients }),
            p.sentRecipients + ' / ' + p.recipients),
          (c.sent || 0) + ' / ' + (c.total || 0) + ' sent' + (c.failed ? ', ' + c.failed + ' failed' : '') + (c.uncertain ? ', ' + c.uncertain + ' uncertain' : ''),
        ];
      }));
      return posts.some(function (p) { return p.state === 'pending' || p.state === 'dispatching'; });
    }, unreachable(target));
  }

  // Refreshes every 2 s while posts are in flight, for at most a minute.
  function follow(times) {
    return newsletter(true).then(function (busy) {
      if (busy && times > 0) return new Promise(function (ok) { setTimeout(ok, 2000); }).then(function () { return follow(times - 1); });
    });
  }

  function problem(post, x) {
    var text = 'Chunk ' + x.chunk + ': ' + x.state + ', ' + x.recipients + ' recipient(s), ' + x.attempts + ' attempt(s)' + (x.lastError ? ' — ' + x.lastError : '');
    var armed = false;
    return h('p', { class: 'problem' }, text, ' ', x.resend ? h('button', {
      type: 'button',
      onclick: function () {
        // Two clicks, the first one saying what a resend risks: no native dialog to click away.
        if (!armed) {
          armed = true;
          this.textContent = x.state === 'uncertain'
            ? 'SendGrid may have delivered it already; click again to resend anyway'
            : 'Click again to resend chunk ' + x.chunk;
          return;
        }
        this.disabled = true;
        // x.resend is the API path the server gave, e.g. /api/moderation/newsletter/…/resend.
        call('POST', x.resend.replace(/^\/?api\//, '')).then(function (r) {
          $('nl-line').textContent = r.ok ? 'Chunk ' + x.chunk + ' of ' + (post.title || post.id) + ': ' + r.data.state + '.' : 'Resend failed: ' + (r.data.detail || r.data.title || r.status);
          newsletter();
        }, unreachable($('nl-line')));
      },
    }, 'Resend chunk ' + x.chunk) : null);
  }

  $('nl-refresh').addEventListener('click', function () { newsletter(); });
  $('nl-run').addEventListener('click', function () {
    var b = this;
    b.disabled = true;
    $('nl-line').textContent = 'Queuing…';
    call('POST', 'moderation/newsletter/run').then(function (r) {
      $('nl-line').textContent = r.ok
        ? 'Queued: the feed sync runs now, then every open post is planned and sent in the background.'
        : 'Run failed: ' + (r.data.detail || r.data.title || r.status);
      return r.ok ? new Promise(function (ok) { setTimeout(ok, 1000); }).then(function () { return follow(30); }) : newsletter();
    }, function (e) { if (e.message === 'unauthorized') return; throw e; }).then(function () { b.disabled = false; }, function () { b.disabled = false; $('nl-line').textContent = 'The server could not be reached.'; });
  });

  // Listings with a cursor: the delivery log and subscribers.
  function more(name, path, render, line) {
    var pg = pages[name], target = $(name + '-body');
    return function (next) {
      var url = path() + (next && pg.next ? '&cursor=' + encodeURIComponent(pg.next) : '');
      if (!next) target.textContent = 'Loading…';
      return call('GET', url).then(function (r) {
        if (!r.ok) return fail(target, r);
        pg.items = next ? pg.items.concat(r.data.items || []) : (r.data.items || []);
        pg.next = r.data.next || null;
        target.textContent = '';
        target.appendChild(pg.items.length ? render(pg.items) : h('p', { class: 'empty' }, 'Nothing here.'));
        $(name + '-more').hidden = !pg.next;
        if (line) line(r.data, pg);
      }, unreachable(target));
    };
  }

  var deliveries = more('dl', function () {
    var q = 'moderation/deliveries?limit=50', e = $('dl-email').value.trim(), k = $('dl-kind').value;
    return q + (e ? '&email=' + encodeURIComponent(e) : '') + (k ? '&kind=' + encodeURIComponent(k) : '');
  }, function (items) {
    return table(['Time', 'Kind', 'Outcome', 'Recipients', 'Post / comment', 'Detail'], items, function (x) {
      return [when(x.at), x.kind, h('span', { class: 'state state-' + x.outcome }, x.outcome), String(x.recipients),
        [x.postTitle || x.postId, x.chunk != null ? 'chunk ' + x.chunk : null, x.commentId].filter(Boolean).join(' · '),
        [x.statusCode ? 'HTTP ' + x.statusCode : null, x.error, x.messageId ? 'id ' + x.messageId : null].filter(Boolean).join(' · ')];
    });
  }, function (data, pg) { $('dl-line').textContent = pg.items.length + ' entr' + (pg.items.length === 1 ? 'y' : 'ies') + (pg.next ? ' (more available)' : '') + ', newest first.'; });

  var subscribers = more('sb', function () {
    var s = $('sb-status').value;
    return 'moderation/subscribers?limit=100' + (s ? '&status=' + encodeURIComponent(s) : '');
  }, function (items) {
    return table(['Email', 'Name', 'Status', 'Subscribed', 'Confirmed', 'Consent'], items, function (x) {
      return [x.email, x.name || '', h('span', { class: 'state state-' + x.status }, x.status + (x.suppressedReason ? ' (' + x.suppressedReason + ')' : '')),
        when(x.createdAt), when(x.confirmedAt), [x.consentSource, x.consentWording].filter(Boolean).join(' · ')];
    });
  }, function (data) {
    var c = data.counts || {};
    $('sb-counts').textContent = data.total + ' subscriber(s): ' + Object.keys(c).map(function (k) { return c[k] + ' ' + k; }).join(', ') + '.';
  });

  $('dl-filter').addEventListener('submit', function (e) { e.preventDefault(); deliveries(false); });
  $('dl-more').addEventListener('click', function () { deliveries(true); });
  $('sb-status').addEventListener('change', function () { subscribers(false); });
  $('sb-more').addEventListener('click', function () { subscribers(true); });

  // The export needs the key, so it is fetched here and handed to the browser as a file.
  $('sb-csv').addEventListener('click', function () {
    fetch(M.base + '/moderation/subscribers.csv', {
      headers: { Authorization: 'Bearer ' + M.key() }, cache: 'no-store',
    }).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.blob();
    }).then(function (blob) {
      var a = h('a', { href: URL.createObjectURL(blob), download: 'subscribers.csv' });
      d.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
    }, function (e) { $('sb-counts').textContent = 'Export failed: ' + e.message; });
  });

  $('erase').addEventListener('submit', function (e) {
    e.preventDefault();
    var email = $('erase-email').value.trim();
    $('erase-line').textContent = 'Erasing…';
    call('POST', 'moderation/erase', null, { email: email }).then(function (r) {
      $('erase-line').textContent = r.ok
        ? (r.data.subscriberRemoved ? 'Subscriber removed' : 'No subscriber with that address') + '; ' + r.data.commentsErased + ' comment(s) anonymised.'
        : 'Erase failed: ' + (r.data.detail || r.data.title || r.status);
      if (r.ok) { $('erase-email').value = ''; $('erase-sure').checked = false; subscribers(false); }
    }, unreachable($('erase-line')));
  });

  M.views.newsletter = newsletter;
  M.views.deliveries = function () { return deliveries(false); };
  M.views.subscribers = function () { return subscribers(false); };
})(window.BlogModeration);
