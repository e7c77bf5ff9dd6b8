// Fills every [data-comment-count="post-id"] from one /api/comment-counts request (50 ids each).
// Text comes from data-zero / data-one / data-other on the element or this script ("{n}" = count).
(function (d) {
  'use strict';
  var me = d.currentScript || {};
  var api = ((me.getAttribute && me.getAttribute('data-api')) || (me.src || '').replace(/\/embed\/count\.js(\?.*)?$/, '')).replace(/\/+$/, '');
  if (!/\/api$/.test(api)) api += '/api';
  var els = [].slice.call(d.querySelectorAll('[data-comment-count]'));
  var ids = els.map(function (e) { return e.getAttribute('data-comment-count'); }).filter(function (v, i, a) { return v && a.indexOf(v) === i; });
  function text(e, n) {
    var k = n === 0 ? 'zero' : n === 1 ? 'one' : 'other';
    var t = e.getAttribute('data-' + k) || (me.getAttribute && me.getAttribute('data-' + k)) || (n === 1 ? '{n} comment' : '{n} comments');
    return t.replace('{n}', n);
  }
  for (var i = 0; i < ids.length; i += 50) {
    fetch(api + '/comment-counts?' + ids.slice(i, i + 50).map(function (id) { return 'postId=' + encodeURIComponent(id); }).join('&'))
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (counts) {
        els.forEach(function (e) {
          var n = counts[e.getAttribute('data-comment-count')];
          if (typeof n === 'number') e.textContent = text(e, n);
        });
      }, function () { });
  }
})(document);
