import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subscribeAnswer } from './subscribe.js';
import { STRINGS } from './strings.js';

test('the subscribe form says what the server answered', () => {
  assert.equal(subscribeAnswer({ ok: true, status: 202, data: {} }, STRINGS), STRINGS.subDone);
  assert.equal(subscribeAnswer({ ok: false, status: 429, data: { title: 'Too many' } }, STRINGS), STRINGS.rate);
  assert.equal(subscribeAnswer({ ok: false, status: 400, data: { detail: 'That address is not valid.' } }, STRINGS), 'That address is not valid.');
  assert.equal(subscribeAnswer({ ok: false, status: 500, data: {} }, STRINGS), STRINGS.subFailed);
});
