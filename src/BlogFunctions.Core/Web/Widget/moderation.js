// The moderation page (entry of the moderation.js bundle, inlined into moderation.html under a
// hash-based Content-Security-Policy). Every server value is inserted as text.
// Bundled as a classic script, which would otherwise run sloppy; esbuild keeps this directive.
'use strict';
import { byId, each } from './dom.js';
import { problemText } from './http.js';
import { VIEWS, moderatorKey, keepKey, call, signedOut, signOut } from './moderation-session.js';
import { currentQueuePath, loadQueue, showQueue, wireQueue } from './moderation-queue.js';
import { mailViews, wireMailViews } from './moderation-mail.js';

const views = { comments: () => loadQueue(), ...mailViews };

// loaded: the queue came with the sign-in check already, so it is not fetched a second time.
function show(view, loaded) {
  byId('signin').hidden = true;
  byId('tabs').hidden = false;
  each('[data-view]', (button) => button.setAttribute('aria-pressed', String(button.getAttribute('data-view') === view)));
  VIEWS.forEach((name) => { byId(name).hidden = name !== view; });
  if (!loaded && views[view]) views[view]();
}

// Signing in is the first queue request: a wrong key is told at once, a right one shows the queue.
byId('signin').addEventListener('submit', (event) => {
  event.preventDefault();
  keepKey(byId('key').value.trim());
  byId('signin-error').textContent = '';
  call('GET', currentQueuePath()).then((answer) => {
    if (answer.ok) {
      show('comments', true);
      showQueue(answer);
    } else byId('signin-error').textContent = 'Sign-in failed: ' + problemText(answer.data, answer.status);
  }, (error) => { if (!signedOut(error)) byId('signin-error').textContent = 'The server could not be reached.'; });
});
byId('signout').addEventListener('click', () => signOut(''));
each('[data-view]', (button) => button.addEventListener('click', () => show(button.getAttribute('data-view'))));
wireQueue();
wireMailViews();

// The script is inlined at the end of <body>; DOMContentLoaded follows once it has run.
document.addEventListener('DOMContentLoaded', () => {
  if (moderatorKey()) show('comments');
  else signOut('');
});
