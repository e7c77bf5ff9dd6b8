// The moderation page's comments view: the queue of one status, and the actions on it.
import { element, byId, each } from './dom.js';
import { problemText } from './http.js';
import { httpUrl, dateTime } from './text.js';
import { call, unreachable } from './moderation-session.js';
import { queuePath, actionRequest, postUrl, commentText, queueSummary, emptyQueueText, actionSummary } from './moderation-text.js';

const postUrlTemplate = (document.querySelector('meta[name=post-url-template]') || {}).content || '';
const queue = { items: [], next: null };

const say = (text) => { byId('status-line').textContent = text; };

// more: the next page after what is shown.
export const currentQueuePath = (more) => queuePath(byId('status').value, more ? queue.next : null);

export function loadQueue(more) {
  say('Loading…');
  return call('GET', currentQueuePath(more)).then((answer) => showQueue(answer, more), unreachable(byId('status-line')));
}

export function showQueue(answer, more) {
  if (!answer.ok) return say('Could not load: ' + problemText(answer.data, answer.status));
  const list = answer.data.comments || answer.data.items || [];
  queue.items = more ? queue.items.concat(list) : list;
  queue.next = answer.data.next || null;
  renderQueue();
}

function renderQueue() {
  const target = byId('queue');
  const status = byId('status').value;
  target.textContent = '';
  byId('all').checked = false;
  queue.items.forEach((comment) => target.appendChild(item(comment, status)));
  byId('more').hidden = !queue.next;
  // Stays after the last approval or rejection too, when the status line reports the action.
  byId('queue-empty').hidden = queue.items.length > 0 || !!queue.next;
  byId('queue-empty').textContent = emptyQueueText(status);
  say(queueSummary(queue.items.length, status, !!queue.next));
}

function postLink(postId) {
  const url = postUrl(postUrlTemplate, postId);
  return url ? element('a', { href: url, target: '_blank', rel: 'noopener' }, postId) : element('span', null, postId);
}

function item(comment, status) {
  const reasons = comment.reasons || comment.screeningReasons || [];
  const site = httpUrl(comment.website);
  const shownStatus = comment.status || status;
  const button = (action, label, attributes) =>
    element('button', { type: 'button', ...attributes, onclick: () => act([comment], action) }, label);
  return element('li', { class: 'card item', 'data-id': comment.id, 'data-post': comment.postId },
    element('input', { type: 'checkbox', class: 'pick', 'aria-label': 'Select comment by ' + comment.author }),
    element('div', null,
      element('div', { class: 'meta' },
        element('strong', { class: 'author' }, comment.author),
        comment.email ? element('span', { class: 'email' }, comment.email) : null,
        site ? element('a', { href: site, rel: 'nofollow noopener', target: '_blank', class: 'website' }, site)
          : comment.website ? element('span', null, comment.website) : null,
        element('span', null, 'on ', postLink(comment.postId)),
        element('time', { datetime: comment.createdAt }, dateTime(comment.createdAt)),
        comment.parentId ? element('span', null, 'reply') : null,
        element('span', { class: 'state state-' + shownStatus }, shownStatus)),
      reasons.length ? element('div', { class: 'reasons', 'aria-label': 'Screening reasons' }, reasons.map((reason) => element('span', { class: 'reason' }, reason))) : null,
      element('p', { class: 'body' }, commentText(comment)),
      element('div', { class: 'actions' },
        status !== 'approved' ? button('approve', 'Approve') : null,
        status !== 'rejected' ? button('reject', 'Reject') : null,
        status !== 'spam' ? button('spam', 'Spam') : null,
        button('delete', 'Delete', { class: 'danger' }))));
}

// One call after another, each with the ETag the comment was listed with, so a comment changed
// meanwhile fails (412) instead of being overwritten. A 404 counts as done: it is gone already.
async function act(comments, action) {
  if (!comments.length) return say('Select comments first.');
  if (action === 'delete' && !confirm('Delete ' + comments.length + ' comment(s) for good?')) return;
  let done = 0;
  let failed = 0;
  say('Working…');
  try {
    for (const comment of comments) {
      const { method, path } = actionRequest(comment, action);
      const answer = await call(method, path, comment.etag);
      if (answer.ok || answer.status === 404) {
        done++;
        queue.items = queue.items.filter((other) => other !== comment);
      } else failed++;
    }
  } catch {
    // Signed out (the sign-in form says why) or no answer: the rest stays undone, the list as it was.
    return;
  }
  renderQueue();
  say(actionSummary(done, failed, action));
}

function picked() {
  const rows = [...document.querySelectorAll('#queue .pick:checked')].map((box) => box.closest('li'));
  return queue.items.filter((comment) =>
    rows.some((row) => row.getAttribute('data-id') === comment.id && row.getAttribute('data-post') === comment.postId));
}

export function wireQueue() {
  byId('status').addEventListener('change', () => loadQueue());
  byId('refresh').addEventListener('click', () => loadQueue());
  byId('more').addEventListener('click', () => loadQueue(true));
  byId('all').addEventListener('change', (event) => {
    const on = event.currentTarget.checked;
    each('#queue .pick', (box) => { box.checked = on; });
  });
  each('[data-bulk]', (button) => button.addEventListener('click', () => act(picked(), button.getAttribute('data-bulk'))));
}
