// This browser's own held comments: kept in localStorage so the writer sees them (badged) until
// the page carries them, and asked about in one status request per page view.

export const PENDING_DAYS = 30;
export const MAX_STATUS_IDS = 20;
const DAY_MS = 864e5;

// The ids go into the status URL as they are, so only the shape the server gives (21 hex digits)
// is asked about; the newest MAX_STATUS_IDS of them.
export const toAskAbout = (mine) => mine.filter((own) => /^[0-9a-f]{21}$/.test(own.id)).slice(-MAX_STATUS_IDS);

export const statusQuery = (mine) => '/status?' + mine.map((own) => 'id=' + own.id).join('&');

// After the status answer: "gone" ones (rejected, deleted, unknown) are forgotten quietly,
// approved ones lose their badge. token: the authorToken of the last approved one, the proof that
// makes this reader a known author next time. live: the ids approved since the last check.
export function afterStatus(mine, statuses) {
  let token = null;
  const kept = [];
  const live = [];
  for (const own of mine) {
    const approved = statuses[own.id] === 'approved';
    if (approved && own.at) token = own.at;
    if (approved && !own.approved) live.push(own.id);
    if (statuses[own.id] !== 'gone') kept.push({ ...own, approved });
  }
  return { kept, token, live };
}

// Those the page does not carry yet, for at most PENDING_DAYS.
export const stillPending = (mine, shownIds, now) =>
  mine.filter((own) => !shownIds.has(own.id) && now - Date.parse(own.createdAt) < PENDING_DAYS * DAY_MS);

// As the thread shows one: plain text (it has no server-rendered HTML), badged until approved.
export const asShown = (own) => ({ ...own, local: true, pending: !own.approved });

// What is remembered of a comment the server accepted and holds for moderation.
export const heldComment = (answer, payload, now) => ({
  id: answer.id,
  parentId: payload.parentId || null,
  author: payload.author,
  website: payload.website || null,
  body: payload.body,
  at: answer.authorToken,
  createdAt: new Date(now).toISOString(),
});
