// Fills every [data-comment-count="post-id"] from one /api/comment-counts request (50 ids each).
// Text comes from data-zero / data-one / data-other on the element or this script ("{n}" = count).
// Bundled as a classic script, which would otherwise run sloppy; esbuild keeps this directive.
'use strict';
import { apiBase, servedFrom } from './text.js';
import { distinctIds, countUrls, countKind, countText } from './counts.js';

const script = document.currentScript || {};
const scriptAttribute = (name) => (script.getAttribute && script.getAttribute(name)) || null;
const api = apiBase(scriptAttribute('data-api') || servedFrom(script.src));
const elements = [...document.querySelectorAll('[data-comment-count]')];

function text(target, count) {
  const attribute = 'data-' + countKind(count);
  return countText(count, target.getAttribute(attribute) || scriptAttribute(attribute));
}

for (const url of countUrls(api, distinctIds(elements.map((target) => target.getAttribute('data-comment-count'))))) {
  fetch(url)
    .then((response) => (response.ok ? response.json() : {}))
    .then((counts) => {
      for (const target of elements) {
        const count = counts[target.getAttribute('data-comment-count')];
        if (typeof count === 'number') target.textContent = text(target, count);
      }
    }, () => {});
}
