import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distinctIds, countUrls, countKind, countText, IDS_PER_REQUEST } from './counts.js';

test('each post is asked about once, in page order', () => {
  assert.deepEqual(distinctIds(['a', 'b', 'a', '', null, 'c', 'b']), ['a', 'b', 'c']);
});

test('ids go out encoded, fifty per request', () => {
  assert.deepEqual(countUrls('https://app/api', ['hello world', 'ü/x']), ['https://app/api/comment-counts?postId=hello%20world&postId=%C3%BC%2Fx']);
  const ids = Array.from({ length: IDS_PER_REQUEST * 2 + 1 }, (_, n) => 'p' + n);
  const urls = countUrls('/api', ids);
  assert.equal(urls.length, 3);
  assert.equal(urls[0].split('postId=').length - 1, IDS_PER_REQUEST);
  assert.equal(urls[2], '/api/comment-counts?postId=p100');
  assert.deepEqual(countUrls('/api', []), []);
});

test('the text for a count follows zero / one / other', () => {
  assert.deepEqual([0, 1, 2, 17].map(countKind), ['zero', 'one', 'other', 'other']);
  assert.equal(countText(0, null), '0 comments');
  assert.equal(countText(1, null), '1 comment');
  assert.equal(countText(5, null), '5 comments');
  assert.equal(countText(0, 'Be the first'), 'Be the first');
  assert.equal(countText(3, '{n} Kommentare'), '3 Kommentare');
});
