// The moderation page's pure part: the API paths it calls and the sentences it shows.
import { httpUrl } from './text.js';
import { problemText } from './http.js';

export const withCursor = (path, cursor) => (cursor ? path + '&cursor=' + encodeURIComponent(cursor) : path);

export const queuePath = (status, cursor) => withCursor('moderation/comments?status=' + encodeURIComponent(status), cursor);

export const deliveriesPath = (email, kind) =>
  'moderation/deliveries?limit=50' + (email ? '&email=' + encodeURIComponent(email) : '') + (kind ? '&kind=' + encodeURIComponent(kind) : '');

export const subscribersPath = (status) => 'moderation/subscribers?limit=100' + (status ? '&status=' + encodeURIComponent(status) : '');

// approve, reject and spam are POSTs to the comment's sub-resource; delete is a DELETE of it.
export function actionRequest(comment, action) {
  const path = 'moderation/comments/' + encodeURIComponent(comment.postId) + '/' + encodeURIComponent(comment.id);
  return action === 'delete' ? { method: 'DELETE', path } : { method: 'POST', path: path + '/' + action };
}

// The server gives the resend link as an API path, e.g. /api/moderation/newsletter/…/resend.
export const resendPath = (link) => link.replace(/^\/?api\//, '');

// The post's page on the blog, from the configured template; null when there is none.
export const postUrl = (template, postId) => httpUrl(template ? template.replace('{postId}', encodeURIComponent(postId)) : '');

// The text a comment was written in, whatever the listing called it.
export const commentText = (comment) =>
  comment.body != null ? comment.body : comment.bodyMarkdown != null ? comment.bodyMarkdown : comment.text || '';

export const queueSummary = (count, status, more) =>
  count ? count + ' ' + status + ' comment' + (count === 1 ? '' : 's') + (more ? ' (more available)' : '') : '';

export const emptyQueueText = (status) =>
  status === 'pending' ? 'Nothing waiting for a decision. New comments that need one show up here.' : 'No ' + status + ' comments.';

export const actionSummary = (done, failed, action) =>
  done + ' comment(s): ' + action + ' done.' + (failed ? ' ' + failed + ' failed (changed meanwhile?): refresh and retry.' : '');

// A listing call that got an answer, but not the one wanted.
export const failureText = (answer) =>
  answer.status === 404 ? 'Not available on this server.' : problemText(answer.data, 'Error ' + answer.status);

// The sentences of the newsletter view.
export const chunkSummary = (chunks) =>
  (chunks.sent || 0) + ' / ' + (chunks.total || 0) + ' sent' + (chunks.failed ? ', ' + chunks.failed + ' failed' : '') + (chunks.uncertain ? ', ' + chunks.uncertain + ' uncertain' : '');

export const chunkProblem = (chunk) =>
  'Chunk ' + chunk.chunk + ': ' + chunk.state + ', ' + chunk.recipients + ' recipient(s), ' + chunk.attempts + ' attempt(s)' + (chunk.lastError ? ' — ' + chunk.lastError : '');

// What the resend button says once armed: an uncertain chunk may have gone out already.
export const resendWarning = (chunk) => (chunk.state === 'uncertain'
  ? 'SendGrid may have delivered it already; click again to resend anyway'
  : 'Click again to resend chunk ' + chunk.chunk);

export const postState = (post) => post.state + (post.skipReason ? ' (' + post.skipReason + ')' : '');

// While a post is being planned or sent the page keeps looking; so it does while there is no post
// yet, since after a run the feed sync may still be adding them.
export const stillSending = (posts) => !posts.length || posts.some((post) => post.state === 'pending' || post.state === 'dispatching');

// The sentences of the delivery log and the subscriber list.
export const deliveryTarget = (entry) =>
  [entry.postTitle || entry.postId, entry.chunk != null ? 'chunk ' + entry.chunk : null, entry.commentId].filter(Boolean).join(' · ');

export const deliveryDetail = (entry) =>
  [entry.statusCode ? 'HTTP ' + entry.statusCode : null, entry.error, entry.messageId ? 'id ' + entry.messageId : null].filter(Boolean).join(' · ');

export const deliveryCount = (count, more) =>
  count + ' entr' + (count === 1 ? 'y' : 'ies') + (more ? ' (more available)' : '') + ', newest first.';

export const subscriberState = (subscriber) =>
  subscriber.status + (subscriber.suppressedReason ? ' (' + subscriber.suppressedReason + ')' : '');

export const consent = (subscriber) => [subscriber.consentSource, subscriber.consentWording].filter(Boolean).join(' · ');

export const subscriberCounts = (data) => {
  const counts = data.counts || {};
  return data.total + ' subscriber(s): ' + Object.keys(counts).map((status) => counts[status] + ' ' + status).join(', ') + '.';
};

export const erasedText = (data) =>
  (data.subscriberRemoved ? 'Subscriber removed' : 'No subscriber with that address') + '; ' + data.commentsErased + ' comment(s) anonymised.';
