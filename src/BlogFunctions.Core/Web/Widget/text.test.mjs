import { test } from 'node:test';
import assert from 'node:assert/strict';
import { format, httpUrl, apiBase, servedFrom, avatarHue, initial, shortDate, dateTime } from './text.js';

test('format fills named placeholders and leaves unknown ones as written', () => {
  assert.equal(format('Replying to {name}', { name: 'Ann' }), 'Replying to Ann');
  assert.equal(format('at most {max} characters', { max: 80 }), 'at most 80 characters');
  assert.equal(format('{a} and {b}', { a: 0 }), '0 and {b}');
});

test('format inserts values as they are, never as further templates', () => {
  assert.equal(format('{name}', { name: '{name}' }), '{name}');
  assert.equal(format('{name}', { name: '$& <b>' }), '$& <b>');
});

test('only http and https addresses count as links', () => {
  assert.equal(httpUrl('https://ann.example/'), 'https://ann.example/');
  assert.equal(httpUrl('HTTP://ann.example'), 'HTTP://ann.example');
  for (const bad of ['javascript:alert(1)', 'data:text/html,x', '//ann.example', '/post', '', null, undefined]) {
    assert.equal(httpUrl(bad), null, String(bad));
  }
});

test('apiBase ends in /api whichever way the blog wrote the address', () => {
  for (const given of ['https://app.example', 'https://app.example/', 'https://app.example/api', 'https://app.example/api//']) {
    assert.equal(apiBase(given), 'https://app.example/api', given);
  }
  assert.equal(apiBase(''), '/api');
});

test('servedFrom drops the /embed/ script path and its query', () => {
  assert.equal(servedFrom('https://app.example/api/embed/comments.js?v=abc'), 'https://app.example/api');
  assert.equal(servedFrom('https://app.example/api/embed/count.js'), 'https://app.example/api');
  assert.equal(servedFrom('https://cdn.example/widget.js'), 'https://cdn.example/widget.js');
  assert.equal(servedFrom(undefined), '');
});

test('avatarHue is a stable hue per seed', () => {
  assert.equal(avatarHue('abc'), avatarHue('abc'));
  assert.notEqual(avatarHue('abc'), avatarHue('abd'));
  for (const seed of ['', 'x', 'a long avatar hash 0123456789abcdef', undefined]) {
    const hue = avatarHue(seed);
    assert.ok(Number.isInteger(hue) && hue >= 0 && hue < 360, String(seed));
  }
  assert.equal(avatarHue(''), 0);
});

test('initial is the first letter, upper case, or ? for no name', () => {
  assert.equal(initial('ann'), 'A');
  assert.equal(initial('  émile'), 'É');
  assert.equal(initial('   '), '?');
  assert.equal(initial(undefined), '?');
});

test('shortDate shows the day in the given language and nothing for no date', () => {
  assert.equal(shortDate('2025-03-05T10:00:00Z', 'en-US'), 'Mar 5, 2025');
  assert.equal(shortDate('not a date', 'en-US'), '');
  assert.equal(shortDate(undefined, 'en-US'), '');
});

test('dateTime shows a moment, or the text as it came when it is no date', () => {
  // 10:00 UTC is March 5 in every time zone the machine may be in.
  assert.match(dateTime('2025-03-05T10:00:00Z', 'en-US'), /^3\/5\/2025, \d{1,2}:\d\d:00 [AP]M$/);
  assert.equal(dateTime('soon', 'en-US'), 'soon');
  assert.equal(dateTime(undefined, 'en-US'), '');
});
