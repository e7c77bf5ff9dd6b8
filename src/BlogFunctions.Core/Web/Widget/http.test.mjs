import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readJson, problemText } from './http.js';

test('a JSON answer is read with its status', async () => {
  const answer = await readJson(new Response('{"comments":[],"next":null}', { status: 200 }));
  assert.deepEqual(answer, { ok: true, status: 200, data: { comments: [], next: null } });
});

test('an empty or non-JSON body reads as {} so callers need no guard', async () => {
  assert.deepEqual(await readJson(new Response(null, { status: 204 })), { ok: true, status: 204, data: {} });
  assert.deepEqual(await readJson(new Response('<html>Bad gateway</html>', { status: 502 })), { ok: false, status: 502, data: {} });
  assert.deepEqual(await readJson(new Response('null', { status: 200 })), { ok: true, status: 200, data: {} });
});

test('problemText prefers the detail, then the title, then the fallback', () => {
  assert.equal(problemText({ detail: 'd', title: 't' }, 'f'), 'd');
  assert.equal(problemText({ title: 't' }, 'f'), 't');
  assert.equal(problemText({}, 'f'), 'f');
  assert.equal(problemText({}, 503), 503);
});
