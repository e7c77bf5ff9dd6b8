import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateComment, fieldErrors, LIMITS } from './form-checks.js';
import { STRINGS } from './strings.js';

const valid = { author: 'Ann', body: 'Hello', email: '', website: '' };
const check = (changes) => validateComment({ ...valid, ...changes }, STRINGS);

test('a comment with a name and a body passes', () => {
  assert.deepEqual(check({}), {});
  assert.deepEqual(check({ email: 'ann@example.org', website: 'https://ann.example/blog?x=1' }), {});
});

test('name and body are required, blanks do not count', () => {
  assert.deepEqual(check({ author: '', body: '  \n ' }), { author: STRINGS.required, body: STRINGS.required });
  assert.deepEqual(check({ author: '   ' }), { author: STRINGS.required });
});

test('too long a name or body says the limit', () => {
  assert.deepEqual(check({ author: 'a'.repeat(LIMITS.author + 1) }), { author: 'Please use at most 80 characters.' });
  assert.deepEqual(check({ body: 'b'.repeat(LIMITS.body + 1) }), { body: 'Please use at most 5000 characters.' });
  assert.deepEqual(check({ author: 'a'.repeat(LIMITS.author), body: 'b'.repeat(LIMITS.body) }), {});
});

test('a website must be an http(s) address and an email look like one', () => {
  for (const website of ['ann.example', 'ftp://ann.example', 'https://', 'https://ann example', 'javascript:alert(1)']) {
    assert.deepEqual(check({ website }), { website: STRINGS.badUrl }, website);
  }
  for (const email of ['ann', 'ann@', 'ann@example', 'ann @example.org', '@example.org']) {
    assert.deepEqual(check({ email }), { email: STRINGS.badEmail }, email);
  }
});

test('notifications need an email, as the server requires (notify_requires_email)', () => {
  assert.deepEqual(check({ notify: 'replies' }), { email: STRINGS.needEmail });
  assert.deepEqual(check({ notify: 'post' }), { email: STRINGS.needEmail });
  assert.deepEqual(check({ notify: 'replies', email: 'ann@example.org' }), {});
  assert.deepEqual(check({ notify: 'none' }), {});
  // A bad address says so, not that one is missing.
  assert.deepEqual(check({ notify: 'post', email: 'ann@' }), { email: STRINGS.badEmail });
});

test('messages follow the blog\'s own strings', () => {
  const strings = { ...STRINGS, required: 'Bitte ausfüllen.', tooLong: 'Höchstens {max} Zeichen.' };
  assert.deepEqual(validateComment({ ...valid, author: '', body: 'x'.repeat(5001) }, strings), { author: 'Bitte ausfüllen.', body: 'Höchstens 5000 Zeichen.' });
});

const fields = ['body', 'author', 'email', 'website'];

test('validation errors land on the fields they name, first message each, any case', () => {
  const problem = { title: 'Invalid', errors: { Author: ['Too long', 'Other'], website: 'Bad address', formToken: ['Expired'] } };
  assert.deepEqual(fieldErrors(problem, fields), { author: 'Too long', website: 'Bad address' });
});

test('a domain problem naming one field lands there with its detail', () => {
  assert.deepEqual(fieldErrors({ field: 'Email', detail: 'Blocked domain', title: 'Invalid' }, fields), { email: 'Blocked domain' });
  assert.deepEqual(fieldErrors({ field: 'body', title: 'Spam' }, fields), { body: 'Spam' });
  assert.deepEqual(fieldErrors({ field: 'homepage', detail: 'x' }, fields), {});
});

test('a problem without fields gives no field errors', () => {
  assert.deepEqual(fieldErrors({}, fields), {});
  assert.deepEqual(fieldErrors({ errors: 'not an object', title: 'x' }, fields), {});
  assert.deepEqual(fieldErrors({ errors: { constructor: ['x'] } }, fields), {});
});
