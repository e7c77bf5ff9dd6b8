import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STRINGS, mergeStrings } from './strings.js';

test('without overrides the English defaults apply', () => {
  assert.deepEqual(mergeStrings(undefined, null), STRINGS);
});

test('the element\'s data-strings win over the page\'s, which win over the defaults', () => {
  const strings = mergeStrings({ heading: 'Kommentare', reply: 'Antworten' }, '{"heading":"Reaktionen"}');
  assert.equal(strings.heading, 'Reaktionen');
  assert.equal(strings.reply, 'Antworten');
  assert.equal(strings.submit, STRINGS.submit);
});

test('a data-strings that is no JSON is ignored, and the defaults stay untouched', () => {
  assert.deepEqual(mergeStrings({}, '{heading: oops'), STRINGS);
  mergeStrings({ heading: 'changed' }, '{"reply":"changed"}');
  assert.equal(STRINGS.heading, 'Comments');
  assert.equal(STRINGS.reply, 'Reply');
});
