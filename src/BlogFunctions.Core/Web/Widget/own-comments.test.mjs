import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toAskAbout, statusQuery, afterStatus, stillPending, asShown, heldComment, MAX_STATUS_IDS, PENDING_DAYS } from './own-comments.js';

const id = (n) => n.toString(16).padStart(21, '0');

test('only ids of the server\'s shape are asked about, the newest ones', () => {
  const mine = [{ id: id(1) }, { id: 'x&admin=1' }, { id: id(2).toUpperCase() + 'f' }, { id: id(3) }];
  assert.deepEqual(toAskAbout(mine).map((own) => own.id), [id(1), id(3)]);
  const many = Array.from({ length: MAX_STATUS_IDS + 5 }, (_, n) => ({ id: id(n) }));
  assert.deepEqual(toAskAbout(many).map((own) => own.id), many.slice(5).map((own) => own.id));
});

test('statusQuery asks for every id in one request', () => {
  assert.equal(statusQuery([{ id: id(1) }, { id: id(2) }]), `/status?id=${id(1)}&id=${id(2)}`);
});

test('after the status answer gone ones are forgotten and approved ones lose their badge', () => {
  const mine = [{ id: 'a', at: 'token-a' }, { id: 'b', at: 'token-b' }, { id: 'c', at: 'token-c' }, { id: 'd' }];
  const { kept, token } = afterStatus(mine, { a: 'approved', b: 'gone', c: 'pending', d: 'approved' });
  assert.deepEqual(kept, [{ id: 'a', at: 'token-a', approved: true }, { id: 'c', at: 'token-c', approved: false }, { id: 'd', approved: true }]);
  assert.equal(token, 'token-a');
  assert.equal(mine[0].approved, undefined, 'the remembered list itself is not changed');
});

test('live lists the comments approved since the last check, once', () => {
  const mine = [{ id: 'a' }, { id: 'b', approved: true }, { id: 'c' }, { id: 'd' }];
  const first = afterStatus(mine, { a: 'approved', b: 'approved', c: 'pending', d: 'gone' });
  assert.deepEqual(first.live, ['a']);
  assert.deepEqual(afterStatus(first.kept, { a: 'approved', c: 'approved' }).live, ['c']);
  assert.deepEqual(afterStatus([], {}).live, []);
});

test('the token kept is the one of the last approved comment that has one', () => {
  const mine = [{ id: 'a', at: 'first' }, { id: 'b', at: 'second' }];
  assert.equal(afterStatus(mine, { a: 'approved', b: 'approved' }).token, 'second');
  assert.equal(afterStatus(mine, {}).token, null);
});

test('a held comment stays pending until the page carries it or it is too old', () => {
  const now = Date.parse('2025-06-01T00:00:00Z');
  const daysAgo = (days) => new Date(now - days * 864e5).toISOString();
  const mine = [
    { id: 'fresh', createdAt: daysAgo(1) },
    { id: 'shown', createdAt: daysAgo(1) },
    { id: 'old', createdAt: daysAgo(PENDING_DAYS) },
    { id: 'almost', createdAt: daysAgo(PENDING_DAYS - 0.01) },
    { id: 'undated' },
  ];
  assert.deepEqual(stillPending(mine, new Set(['shown']), now).map((own) => own.id), ['fresh', 'almost']);
});

test('shown own comments are local and badged until approved', () => {
  assert.deepEqual(asShown({ id: 'a' }), { id: 'a', local: true, pending: true });
  assert.deepEqual(asShown({ id: 'a', approved: true }), { id: 'a', approved: true, local: true, pending: false });
});

test('a held comment is remembered with what the thread needs and the author token', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  const held = heldComment({ id: id(7), authorToken: 'tok' }, { author: 'Ann', body: 'Hi *there*', formToken: 'f', homepage: '' }, now);
  assert.deepEqual(held, { id: id(7), parentId: null, author: 'Ann', website: null, body: 'Hi *there*', at: 'tok', createdAt: '2025-06-01T12:00:00.000Z' });
  const reply = heldComment({ id: id(8) }, { author: 'Bo', body: 'x', parentId: id(7), website: 'https://bo.example' }, now);
  assert.equal(reply.parentId, id(7));
  assert.equal(reply.website, 'https://bo.example');
  assert.equal(reply.at, undefined);
});
