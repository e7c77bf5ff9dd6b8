// Pure text helpers shared by the widget, the counts script and the moderation page.

// format('Replying to {name}', { name: 'Ann' }); unknown placeholders stay as written.
export const format = (template, values) =>
  String(template).replace(/\{(\w+)\}/g, (placeholder, name) => (values[name] == null ? placeholder : values[name]));

// Only http(s) addresses become links: never javascript:, data: or a relative path.
export const httpUrl = (address) => (/^https?:\/\//i.test(address || '') ? address : null);

// The API root from what a blog gave: "https://app", "https://app/", "https://app/api" all mean
// https://app/api.
export function apiBase(address) {
  const trimmed = String(address).replace(/\/+$/, '');
  return /\/api$/.test(trimmed) ? trimmed : trimmed + '/api';
}

// Where a script was served from, without its /embed/… path: the API of the host that served it.
export const servedFrom = (scriptUrl) => String(scriptUrl || '').replace(/\/embed\/[^/?#]+\.js(\?.*)?$/, '');

// A stable colour per person from the server's avatar hash (no image request, no tracking).
export function avatarHue(seed) {
  const text = String(seed);
  let hue = 0;
  for (let i = 0; i < text.length; i++) hue = (hue * 31 + text.charCodeAt(i)) % 360;
  return hue;
}

export const initial = (name) => (String(name || '?').trim()[0] || '?').toUpperCase();

// A comment's day in the reader's language ("Mar 5, 2025"); nothing for a date it cannot read.
export function shortDate(value, locale) {
  const date = new Date(value);
  return isNaN(date) ? '' : date.toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' });
}

// A moment in the moderator's locale; what the server sent, as it is, when it is no date.
export function dateTime(value, locale) {
  const date = new Date(value);
  return isNaN(date) ? String(value || '') : date.toLocaleString(locale);
}
