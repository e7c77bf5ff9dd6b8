// The moderation page's mail views: newsletter progress, the delivery log and subscribers.
// Server values are inserted as text only.
import { element, byId } from './dom.js';
import { problemText } from './http.js';
import { httpUrl, dateTime } from './text.js';
import { base, moderatorKey, call, signedOut, unreachable } from './moderation-session.js';
import {
  deliveriesPath, subscribersPath, withCursor, resendPath, failureText, chunkSummary, chunkProblem, resendWarning,
  postState, stillSending, deliveryTarget, deliveryDetail, deliveryCount, subscriberState, consent, subscriberCounts, erasedText,
} from './moderation-text.js';

const delay = (ms) => new Promise((done) => setTimeout(done, ms));

const when = (value) => (value ? element('time', { datetime: value }, dateTime(value)) : '—');

const state = (name, text) => element('span', { class: 'state state-' + name }, text);

function fail(target, answer) {
  target.textContent = '';
  target.appendChild(element('p', { class: 'error', role: 'alert' }, failureText(answer)));
}

// In a box that scrolls sideways on a small screen: headers never break inside a word.
function table(columns, rows, cells) {
  return element('div', { class: 'table-wrap' }, element('table', null,
    element('thead', null, element('tr', null, columns.map((column) => element('th', { scope: 'col' }, column)))),
    element('tbody', null, rows.map((row) => element('tr', null, cells(row).map((cell) => element('td', null, cell)))))));
}

// Newsletter: per post, how far the send got, and the chunks that need a decision.
// Resolves true while the page should keep looking (see stillSending).
function newsletter(quiet) {
  const target = byId('nl-posts');
  if (!quiet) target.textContent = 'Loading…';
  return call('GET', 'moderation/newsletter').then((answer) => {
    if (!answer.ok) return fail(target, answer);
    const feed = answer.data.feed;
    const posts = answer.data.posts || [];
    const feedBox = byId('nl-feed');
    feedBox.textContent = '';
    if (feed) {
      feedBox.appendChild(element('p', { class: 'feed' }, 'Feed ', element('code', null, feed.url), ': ', feed.items + ' item(s), last synced ', when(feed.lastSyncAt),
        feed.lastError ? element('span', { class: 'error' }, ' — ' + feed.lastError) : null));
    }
    (answer.data.queues || []).filter((queue) => queue.poisoned > 0).forEach((queue) => {
      feedBox.appendChild(element('p', { class: 'error' }, queue.poisoned + ' message(s) failed for good in queue ', element('code', null, queue.name + '-poison'),
        ', e.g. ', element('code', null, (queue.recent[0] || {}).text || '')));
    });
    target.textContent = '';
    if (!posts.length) target.appendChild(element('p', { class: 'empty' }, 'No posts yet. New feed items and registered posts show here.'));
    else {
      target.appendChild(table(['Post', 'Published', 'State', 'Sent', 'Chunks'], posts, (post) => [
        element('div', null, httpUrl(post.url) ? element('a', { href: post.url, target: '_blank', rel: 'noopener' }, post.title || post.id) : (post.title || post.id),
          (post.problems || []).map((chunk) => chunkLine(post, chunk))),
        when(post.publishedAt),
        state(post.state, postState(post)),
        element('div', null, element('progress', { max: Math.max(1, post.recipients), value: post.sentRecipients, 'aria-label': 'Sent to ' + post.sentRecipients + ' of ' + post.recipients }),
          post.sentRecipients + ' / ' + post.recipients),
        chunkSummary(post.chunks || {}),
      ]));
    }
    return stillSending(posts);
  }, unreachable(target));
}

// Refreshes every 2 s while the newsletter is in flight, at most `times` times.
function follow(times) {
  return newsletter(true).then((busy) => {
    if (busy && times > 0) return delay(2000).then(() => follow(times - 1));
  });
}

function chunkLine(post, chunk) {
  let armed = false;
  const resend = chunk.resend ? element('button', {
    type: 'button',
    onclick: () => {
      // Two clicks, the first one saying what a resend risks: no native dialog to click away.
      if (!armed) {
        armed = true;
        resend.textContent = resendWarning(chunk);
        return;
      }
      resend.disabled = true;
      call('POST', resendPath(chunk.resend)).then((answer) => {
        byId('nl-line').textContent = answer.ok
          ? 'Chunk ' + chunk.chunk + ' of ' + (post.title || post.id) + ': ' + answer.data.state + '.'
          : 'Resend failed: ' + problemText(answer.data, answer.status);
        newsletter();
      }, unreachable(byId('nl-line')));
    },
  }, 'Resend chunk ' + chunk.chunk) : null;
  return element('p', { class: 'problem' }, chunkProblem(chunk), ' ', resend);
}

// Queues the feed sync and every open post's send, then follows them for a minute.
async function runNewsletter(button) {
  const line = byId('nl-line');
  button.disabled = true;
  line.textContent = 'Queuing…';
  try {
    const answer = await call('POST', 'moderation/newsletter/run');
    line.textContent = answer.ok
      ? 'Queued: the feed sync runs now, then every open post is planned and sent in the background.'
      : 'Run failed: ' + problemText(answer.data, answer.status);
    if (answer.ok) {
      await delay(1000);
      await follow(30);
    } else await newsletter();
  } catch (error) {
    if (!signedOut(error)) line.textContent = 'The server could not be reached.';
  }
  button.disabled = false;
}

// Listings with a cursor (the delivery log and subscribers): the returned function loads the
// first page, or with next the following one.
function listing(name, path, render, line) {
  const page = { items: [], next: null };
  return (next) => {
    const target = byId(name + '-body');
    if (!next) target.textContent = 'Loading…';
    return call('GET', withCursor(path(), next ? page.next : null)).then((answer) => {
      if (!answer.ok) return fail(target, answer);
      const items = answer.data.items || [];
      page.items = next ? page.items.concat(items) : items;
      page.next = answer.data.next || null;
      target.textContent = '';
      target.appendChild(page.items.length ? render(page.items) : element('p', { class: 'empty' }, 'Nothing here.'));
      byId(name + '-more').hidden = !page.next;
      line(answer.data, page);
    }, unreachable(target));
  };
}

const deliveries = listing('dl',
  () => deliveriesPath(byId('dl-email').value.trim(), byId('dl-kind').value),
  (items) => table(['Time', 'Kind', 'Outcome', 'Recipients', 'Post / comment', 'Detail'], items, (entry) =>
    [when(entry.at), entry.kind, state(entry.outcome, entry.outcome), String(entry.recipients), deliveryTarget(entry), deliveryDetail(entry)]),
  (data, page) => { byId('dl-line').textContent = deliveryCount(page.items.length, !!page.next); });

const subscribers = listing('sb',
  () => subscribersPath(byId('sb-status').value),
  (items) => table(['Email', 'Name', 'Status', 'Subscribed', 'Confirmed', 'Consent'], items, (subscriber) =>
    [subscriber.email, subscriber.name || '', state(subscriber.status, subscriberState(subscriber)),
      when(subscriber.createdAt), when(subscriber.confirmedAt), consent(subscriber)]),
  (data) => { byId('sb-counts').textContent = subscriberCounts(data); });

// The export needs the key, so it is fetched here and handed to the browser as a file.
function exportSubscribers() {
  fetch(base + '/moderation/subscribers.csv', { headers: { Authorization: 'Bearer ' + moderatorKey() }, cache: 'no-store' })
    .then((response) => {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.blob();
    })
    .then((blob) => {
      const link = element('a', { href: URL.createObjectURL(blob), download: 'subscribers.csv' });
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    }, (error) => { byId('sb-counts').textContent = 'Export failed: ' + error.message; });
}

function erase(event) {
  event.preventDefault();
  const line = byId('erase-line');
  line.textContent = 'Erasing…';
  call('POST', 'moderation/erase', null, { email: byId('erase-email').value.trim() }).then((answer) => {
    line.textContent = answer.ok ? erasedText(answer.data) : 'Erase failed: ' + problemText(answer.data, answer.status);
    if (answer.ok) {
      byId('erase-email').value = '';
      byId('erase-sure').checked = false;
      subscribers(false);
    }
  }, unreachable(line));
}

// What opening each view loads.
export const mailViews = {
  newsletter: () => newsletter(),
  deliveries: () => deliveries(false),
  subscribers: () => subscribers(false),
};

export function wireMailViews() {
  byId('nl-refresh').addEventListener('click', () => newsletter());
  byId('nl-run').addEventListener('click', (event) => runNewsletter(event.currentTarget));
  byId('dl-filter').addEventListener('submit', (event) => { event.preventDefault(); deliveries(false); });
  byId('dl-more').addEventListener('click', () => deliveries(true));
  byId('sb-status').addEventListener('change', () => subscribers(false));
  byId('sb-more').addEventListener('click', () => subscribers(true));
  byId('sb-csv').addEventListener('click', exportSubscribers);
  byId('erase').addEventListener('submit', erase);
}
