import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrangeThread } from './thread.js';

// The thread as "id" / "@mention id" strings, replies nested in arrays, for readable expectations.
const shape = (entries) => entries.flatMap((entry) => {
  const label = (entry.mention ? '@' + entry.mention + ' ' : '') + entry.comment.id;
  return entry.replies.length ? [label, shape(entry.replies)] : [label];
});

const comment = (id, parentId, more) => ({ id, parentId, author: 'author of ' + id, ...more });

test('replies sit under their parent, in the order given', () => {
  const thread = arrangeThread([comment('a'), comment('b'), comment('a1', 'a'), comment('a2', 'a'), comment('b1', 'b')]);
  assert.deepEqual(shape(thread), ['a', ['a1', 'a2'], 'b', ['b1']]);
});

test('a reply whose parent is not in the list is shown at the top', () => {
  assert.deepEqual(shape(arrangeThread([comment('x', 'not-on-this-page'), comment('y')])), ['x', 'y']);
});

test('replies deeper than three levels join the third, naming whom they answer', () => {
  const thread = arrangeThread([
    comment('1'), comment('2', '1'), comment('3', '2'), comment('4', '3'), comment('5', '4'), comment('3b', '2'),
  ]);
  assert.deepEqual(shape(thread), ['1', ['2', ['3', '@author of 3 4', '@author of 4 5', '3b']]]);
});

test('a deleted comment stays only while it holds replies up, and is never named', () => {
  const thread = arrangeThread([
    comment('gone', null, { deleted: true }),
    comment('holder', null, { deleted: true }), comment('kept', 'holder'),
    comment('1'), comment('2', '1'), comment('3', '2', { deleted: true }), comment('4', '3'),
    comment('chain', null, { deleted: true }), comment('chain-1', 'chain', { deleted: true }),
  ]);
  assert.deepEqual(shape(thread), ['holder', ['kept'], '1', ['2', ['3', '4']]]);
});

test('the comments given are left as they were', () => {
  const comments = [comment('a'), comment('a1', 'a')];
  const copy = structuredClone(comments);
  arrangeThread(comments);
  assert.deepEqual(comments, copy);
});

test('no comments, no thread', () => {
  assert.deepEqual(arrangeThread([]), []);
});
