// BlogFunctions comments widget (entry of the comments.js bundle). No framework, no iframe.
// Works under a strict Content-Security-Policy: no eval, no inline style attributes or <style>
// elements (the CSS is a separate, versioned file; the avatar hue is set through the CSSOM).
// Bundled as a classic script, which would otherwise run sloppy; esbuild keeps this directive.
'use strict';
import { element } from './dom.js';
import { apiFor, stringsFor } from './page.js';
import { Widget } from './widget.js';
import { enhanceSubscribe } from './subscribe.js';

// The stylesheet's content hash: the host puts it in for this placeholder when it serves the file.
const CSS_VERSION = '{{cssVersion}}';

// A <link> to the served stylesheet (a <style> element would need 'unsafe-inline'). The page may
// link it itself to avoid the wait; widgets are built once it has loaded (or failed, or 3 s passed).
let cssReady;
function loadCss(api) {
  if (cssReady) return cssReady;
  let link = document.querySelector('link[href*="/embed/comments.css"]');
  cssReady = new Promise((done) => {
    if (link && link.sheet) return done();
    if (!link) {
      link = element('link', { rel: 'stylesheet', id: 'bc-style', href: api + '/embed/comments.css?v=' + CSS_VERSION });
      // First in <head>, so the blog's own rules win at equal specificity.
      document.head.insertBefore(link, document.head.firstChild);
    }
    link.addEventListener('load', done);
    link.addEventListener('error', done);
    setTimeout(done, 3000);
  });
  return cssReady;
}

// Idempotent (data-bc marks what is done), so a page that adds widgets later calls it again.
function init() {
  document.querySelectorAll('[data-blog-comments]:not([data-bc])').forEach((root) => {
    root.setAttribute('data-bc', '');
    const api = apiFor(root);
    loadCss(api).then(() => new Widget(root, api, stringsFor(root)).start());
  });
  document.querySelectorAll('form[data-blog-subscribe]:not([data-bc])').forEach((form) => {
    form.setAttribute('data-bc', '');
    enhanceSubscribe(form, apiFor(form), stringsFor(form));
  });
}

window.blogComments = window.blogComments || {};
window.blogComments.init = init;
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
