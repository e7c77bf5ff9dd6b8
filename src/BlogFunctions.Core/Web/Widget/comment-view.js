// How the thread and each comment in it look. Server text goes in as text, except bodyHtml,
// which the server renders from Markdown and sanitizes.
import { element } from './dom.js';
import { httpUrl, avatarHue, initial, shortDate } from './text.js';

// entries: from arrangeThread. onReply(comment, article): a Reply button was pressed.
export function threadList(entries, level, strings, onReply) {
  const list = element('ol', { class: 'bc-thread bc-l' + level });
  for (const entry of entries) {
    const item = commentItem(entry.comment, entry.mention, strings, onReply);
    list.appendChild(item);
    if (entry.replies.length) item.appendChild(threadList(entry.replies, level + 1, strings, onReply));
  }
  return list;
}

// mention: the author a reply below the deepest level answers, shown as "@name" before its text.
function commentItem(comment, mention, strings, onReply) {
  if (comment.deleted) {
    // No author, avatar, body or reply button: only the place in the thread remains.
    const tomb = element('article', { class: 'bc-comment bc-deleted' }, element('p', { class: 'bc-muted' }, strings.deleted));
    return element('li', { class: 'bc-item bc-tomb', id: 'comment-' + comment.id, 'data-id': comment.id }, tomb);
  }
  const site = httpUrl(comment.website);
  const name = site
    ? element('a', { href: site, rel: 'ugc nofollow noopener', target: '_blank' }, comment.author)
    : element('span', null, comment.author);
  let body;
  // This reader's own held comment has no server rendering yet: its Markdown shows as typed.
  if (comment.local) body = element('div', { class: 'bc-body bc-plain' }, comment.body);
  else {
    body = element('div', { class: 'bc-body' });
    body.innerHTML = comment.bodyHtml || '';
  }
  if (mention) body.insertBefore(element('span', { class: 'bc-at' }, '@' + mention + ' '), body.firstChild);
  const avatar = element('span', { class: 'bc-avatar', 'aria-hidden': 'true' }, initial(comment.author));
  // CSSOM, not a style="" attribute: a strict CSP allows the former only.
  avatar.style.setProperty('--bc-hue', avatarHue(comment.avatar || comment.author));
  const article = element('article', { class: 'bc-comment' },
    element('header', { class: 'bc-meta' },
      avatar,
      element('strong', { class: 'bc-author' }, name),
      element('time', { datetime: comment.createdAt, class: 'bc-muted' }, shortDate(comment.createdAt)),
      comment.pending ? element('span', { class: 'bc-badge' }, strings.pending) : null),
    body,
    comment.pending ? null : element('button', {
      type: 'button', class: 'bc-link bc-reply', 'aria-label': strings.reply + ': ' + comment.author,
      onclick: () => onReply(comment, article),
    }, strings.reply));
  return element('li', { class: 'bc-item' + (comment.pending ? ' bc-pending' : ''), id: 'comment-' + comment.id, 'data-id': comment.id }, article);
}
