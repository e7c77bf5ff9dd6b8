import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as text from './moderation-text.js';

test('listing paths encode their filters and add the cursor only when there is one', () => {
  assert.equal(text.queuePath('pending'), 'moderation/comments?status=pending');
  assert.equal(text.queuePath('spam', 'a b&c'), 'moderation/comments?status=spam&cursor=a%20b%26c');
  assert.equal(text.deliveriesPath('', ''), 'moderation/deliveries?limit=50');
  assert.equal(text.deliveriesPath('a+b@example.org', 'newsletter'), 'moderation/deliveries?limit=50&email=a%2Bb%40example.org&kind=newsletter');
  assert.equal(text.subscribersPath(''), 'moderation/subscribers?limit=100');
  assert.equal(text.subscribersPath('active'), 'moderation/subscribers?limit=100&status=active');
  assert.equal(text.withCursor('x?limit=1', null), 'x?limit=1');
});

test('delete is a DELETE of the comment, the other actions POSTs to it', () => {
  const comment = { postId: 'hello/world', id: 'c1' };
  assert.deepEqual(text.actionRequest(comment, 'delete'), { method: 'DELETE', path: 'moderation/comments/hello%2Fworld/c1' });
  assert.deepEqual(text.actionRequest(comment, 'approve'), { method: 'POST', path: 'moderation/comments/hello%2Fworld/c1/approve' });
});

test('the resend link loses its API prefix, with or without the leading slash', () => {
  assert.equal(text.resendPath('/api/moderation/newsletter/p/chunks/2/resend'), 'moderation/newsletter/p/chunks/2/resend');
  assert.equal(text.resendPath('api/x'), 'x');
});

test('a post links to the blog only through an http(s) template', () => {
  assert.equal(text.postUrl('https://blog.example/posts/{postId}', 'a b'), 'https://blog.example/posts/a%20b');
  assert.equal(text.postUrl('', 'a'), null);
  assert.equal(text.postUrl('javascript:alert({postId})', 'a'), null);
});

test('a comment\'s text is whichever field the listing used', () => {
  assert.equal(text.commentText({ body: '', bodyMarkdown: 'md' }), '');
  assert.equal(text.commentText({ bodyMarkdown: 'md', text: 't' }), 'md');
  assert.equal(text.commentText({ text: 't' }), 't');
  assert.equal(text.commentText({}), '');
});

test('the queue says how many comments it shows and what an empty one means', () => {
  assert.equal(text.queueSummary(0, 'pending', false), '');
  assert.equal(text.queueSummary(1, 'pending', false), '1 pending comment');
  assert.equal(text.queueSummary(2, 'spam', true), '2 spam comments (more available)');
  assert.match(text.emptyQueueText('pending'), /^Nothing waiting for a decision/);
  assert.equal(text.emptyQueueText('approved'), 'No approved comments.');
  assert.equal(text.actionSummary(3, 0, 'approve'), '3 comment(s): approve done.');
  assert.equal(text.actionSummary(1, 2, 'reject'), '1 comment(s): reject done. 2 failed (changed meanwhile?): refresh and retry.');
});

test('a failed listing says why', () => {
  assert.equal(text.failureText({ status: 404, data: { title: 'Not Found' } }), 'Not available on this server.');
  assert.equal(text.failureText({ status: 400, data: { detail: 'Bad kind' } }), 'Bad kind');
  assert.equal(text.failureText({ status: 500, data: {} }), 'Error 500');
});

test('newsletter lines', () => {
  assert.equal(text.chunkSummary({}), '0 / 0 sent');
  assert.equal(text.chunkSummary({ sent: 3, total: 5, failed: 1, uncertain: 1 }), '3 / 5 sent, 1 failed, 1 uncertain');
  assert.equal(text.chunkProblem({ chunk: 2, state: 'failed', recipients: 100, attempts: 3, lastError: '503' }), 'Chunk 2: failed, 100 recipient(s), 3 attempt(s) — 503');
  assert.equal(text.chunkProblem({ chunk: 2, state: 'uncertain', recipients: 1, attempts: 1 }), 'Chunk 2: uncertain, 1 recipient(s), 1 attempt(s)');
  assert.match(text.resendWarning({ chunk: 2, state: 'uncertain' }), /may have delivered it already/);
  assert.equal(text.resendWarning({ chunk: 2, state: 'failed' }), 'Click again to resend chunk 2');
  assert.equal(text.postState({ state: 'skipped', skipReason: 'too old' }), 'skipped (too old)');
  assert.equal(text.postState({ state: 'sent' }), 'sent');
});

test('the page keeps following a run while a post is in flight or none has come yet', () => {
  assert.equal(text.stillSending([{ state: 'sent' }, { state: 'dispatching' }]), true);
  assert.equal(text.stillSending([{ state: 'pending' }]), true);
  assert.equal(text.stillSending([{ state: 'sent' }, { state: 'skipped' }]), false);
  assert.equal(text.stillSending([]), true);
});

test('delivery log and subscriber lines', () => {
  assert.equal(text.deliveryTarget({ postTitle: 'Hello', postId: 'p', chunk: 0, commentId: 'c' }), 'Hello · chunk 0 · c');
  assert.equal(text.deliveryTarget({ postId: 'p' }), 'p');
  assert.equal(text.deliveryDetail({ statusCode: 429, error: 'slow down', messageId: 'm1' }), 'HTTP 429 · slow down · id m1');
  assert.equal(text.deliveryDetail({}), '');
  assert.equal(text.deliveryCount(1, false), '1 entry, newest first.');
  assert.equal(text.deliveryCount(50, true), '50 entries (more available), newest first.');
  assert.equal(text.subscriberState({ status: 'suppressed', suppressedReason: 'bounce' }), 'suppressed (bounce)');
  assert.equal(text.consent({ consentSource: 'https://blog.example/', consentWording: 'Yes please' }), 'https://blog.example/ · Yes please');
  assert.equal(text.subscriberCounts({ total: 3, counts: { active: 2, pending: 1 } }), '3 subscriber(s): 2 active, 1 pending.');
  assert.equal(text.subscriberCounts({ total: 0 }), '0 subscriber(s): .');
  assert.equal(text.erasedText({ subscriberRemoved: true, commentsErased: 2 }), 'Subscriber removed; 2 comment(s) anonymised.');
  assert.equal(text.erasedText({ subscriberRemoved: false, commentsErased: 0 }), 'No subscriber with that address; 0 comment(s) anonymised.');
});
