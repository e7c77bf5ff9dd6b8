// One comments widget: the thread of a post, "Show more", and the form (which moves under the
// comment being answered). Server text goes in as text, except bodyHtml, which the server renders
// from Markdown and sanitizes.
import { element } from './dom.js';
import { sendJson, problemText } from './http.js';
import { format, httpUrl, avatarHue, initial, shortDate } from './text.js';
import { recall, remember } from './storage.js';
import { arrangeThread } from './thread.js';
import { LIMITS, validateComment, fieldErrors } from './form-checks.js';
import { toAskAbout, statusQuery, afterStatus, stillPending, asShown, heldComment } from './own-comments.js';

// The name, email and website last used on this blog, to fill the form in next time.
const SAVED_AUTHOR = 'bc:me';

export class Widget {
  constructor(root, api, strings) {
    this.root = root;
    this.post = root.getAttribute('data-post') || '';
    this.api = api;
    this.strings = strings;
    // This reader's held comments on this post.
    this.ownKey = 'bc:' + api + ':' + this.post;
    // The authorToken of this reader's latest comment known to be approved (or of a first one, to try):
    // the only thing that makes a returning reader "known" to the server; name and email prove nothing.
    this.tokenKey = 'bc:at:' + api;
    this.comments = [];
    this.formToken = null;
    this.next = null;
    this.build();
  }

  build() {
    const s = this.strings;
    this.list = element('div', { class: 'bc-list', 'aria-busy': 'true' }, element('p', { class: 'bc-muted' }, s.loading));
    this.status = element('p', { class: 'bc-status', role: 'status', 'aria-live': 'polite' });
    this.moreButton = element('button', { type: 'button', class: 'bc-btn bc-more', hidden: true, onclick: () => this.load(this.next) }, s.more);
    this.form = this.buildForm();
    this.formHome = element('div', { class: 'bc-form-home' }, this.form);
    this.root.classList.add('bc');
    this.root.textContent = '';
    this.root.appendChild(element('h2', { class: 'bc-title' }, s.heading));
    this.root.appendChild(this.list);
    this.root.appendChild(this.moreButton);
    this.root.appendChild(this.formHome);
  }

  // required: a visible "(required)" after the label; screen readers hear aria-required instead.
  field(name, label, input, hint, required) {
    const id = 'bc-' + name + '-' + this.uid;
    const error = element('p', { class: 'bc-err', id: id + '-err' });
    input.id = id;
    input.name = name;
    input.setAttribute('aria-describedby', id + '-err' + (hint ? ' ' + id + '-hint' : ''));
    this.inputs[name] = input;
    this.errors[name] = error;
    return element('div', { class: 'bc-field bc-f-' + name },
      element('label', { for: id }, label, required ? element('span', { class: 'bc-req', 'aria-hidden': 'true' }, ' ' + this.strings.req) : null),
      input,
      hint ? element('p', { class: 'bc-muted bc-hint', id: id + '-hint' }, hint) : null,
      error);
  }

  buildForm() {
    const s = this.strings;
    const saved = recall(SAVED_AUTHOR) || {};
    // Several widgets on one page each need their own ids for label for= and aria-describedby.
    this.uid = Math.random().toString(36).slice(2, 8);
    this.inputs = {};
    this.errors = {};
    this.replyInfo = element('p', { class: 'bc-replying', hidden: true });
    this.submitButton = element('button', { type: 'submit', class: 'bc-btn bc-primary' }, s.submit);
    return element('form', { class: 'bc-form', novalidate: true, onsubmit: (event) => { event.preventDefault(); this.submit(); } },
      element('h3', { class: 'bc-form-title' }, s.leave),
      this.replyInfo,
      this.field('body', s.body, element('textarea', { rows: 5, required: true, maxlength: LIMITS.body }), s.hint),
      element('div', { class: 'bc-row' },
        this.field('author', s.name, element('input', { type: 'text', required: true, 'aria-required': 'true', maxlength: LIMITS.author, autocomplete: 'name', value: saved.author }), null, true),
        this.field('email', s.email, element('input', { type: 'email', maxlength: LIMITS.email, autocomplete: 'email', value: saved.email })),
        this.field('website', s.website, element('input', { type: 'url', maxlength: LIMITS.website, autocomplete: 'url', placeholder: 'https://', value: saved.website }))),
      // Honeypot: invisible to people and skipped by keyboard and screen readers; bots fill it.
      element('div', { class: 'bc-hp', 'aria-hidden': 'true' },
        element('label', null, 'Leave empty', element('input', { type: 'text', name: 'homepage', tabindex: '-1', autocomplete: 'off' }))),
      element('div', { class: 'bc-actions' },
        this.submitButton,
        element('button', { type: 'button', class: 'bc-btn bc-cancel', hidden: true, onclick: () => this.replyTo(null) }, s.cancel)),
      this.status);
  }

  // Comments load when the widget comes near the viewport, not with the page.
  start() {
    if (!('IntersectionObserver' in window)) return this.load();
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        this.load();
      }
    }, { rootMargin: '800px 0px' });
    observer.observe(this.root);
  }

  url(rest) {
    return this.api + '/posts/' + encodeURIComponent(this.post) + '/comments' + (rest || '');
  }

  // fresh: revalidate (ETag, cheap 304) instead of trusting the short HTTP cache, when we wait for
  // our own comment (also whenever this reader has held ones: one may have been approved meanwhile).
  async load(cursor, fresh) {
    const url = this.url(cursor ? '?cursor=' + encodeURIComponent(cursor) : '');
    this.list.setAttribute('aria-busy', 'true');
    const revalidate = fresh || (recall(this.ownKey) || []).length > 0;
    try {
      const [answer] = await Promise.all([sendJson('GET', url, null, revalidate ? 'no-cache' : 'default'), cursor ? null : this.check()]);
      if (!answer.ok) throw answer;
      this.formToken = answer.data.formToken || this.formToken;
      const page = answer.data.comments || [];
      this.comments = cursor ? this.comments.concat(page) : page;
      this.next = answer.data.next || null;
      this.render();
    } catch {
      this.list.textContent = '';
      this.list.appendChild(element('p', { class: 'bc-muted' }, this.strings.loadError + ' ',
        element('button', { type: 'button', class: 'bc-link', onclick: () => this.load(cursor) }, this.strings.retry)));
    }
    this.list.removeAttribute('aria-busy');
  }

  // One request for all held comments of this browser (see own-comments.js).
  async check() {
    const mine = toAskAbout(recall(this.ownKey) || []);
    if (!mine.length) return remember(this.ownKey, []);
    let answer;
    try {
      answer = await sendJson('GET', this.url(statusQuery(mine)), null, 'no-store');
    } catch {
      return; // Unreachable: ask again on the next page view.
    }
    if (!answer.ok) return;
    const { kept, token } = afterStatus(mine, answer.data);
    remember(this.ownKey, kept);
    if (token) remember(this.tokenKey, token);
  }

  // Own held comments the page does not carry yet; dropped once it does, or when too old.
  pending() {
    const shown = new Set(this.comments.map((comment) => comment.id));
    const mine = stillPending(recall(this.ownKey) || [], shown, Date.now());
    remember(this.ownKey, mine);
    return mine.map(asShown);
  }

  render() {
    const all = this.comments.concat(this.pending());
    // The form may sit under a comment that is about to be replaced: bring it home first.
    if (this.list.contains(this.form)) this.replyTo(null, null, true);
    const thread = arrangeThread(all);
    this.list.textContent = '';
    if (!thread.length) this.list.appendChild(element('p', { class: 'bc-muted bc-empty' }, this.strings.empty));
    else this.list.appendChild(this.threadList(thread, 1));
    this.moreButton.hidden = !this.next;
  }

  threadList(entries, level) {
    const list = element('ol', { class: 'bc-thread bc-l' + level });
    for (const entry of entries) {
      const item = this.item(entry.comment, entry.mention);
      list.appendChild(item);
      if (entry.replies.length) item.appendChild(this.threadList(entry.replies, level + 1));
    }
    return list;
  }

  item(comment, mention) {
    const s = this.strings;
    if (comment.deleted) {
      // No author, avatar, body or reply button: only the place in the thread remains.
      const tomb = element('article', { class: 'bc-comment bc-deleted' }, element('p', { class: 'bc-muted' }, s.deleted));
      return element('li', { class: 'bc-item bc-tomb', id: 'comment-' + comment.id, 'data-id': comment.id }, tomb);
    }
    const site = httpUrl(comment.website);
    const name = site
      ? element('a', { href: site, rel: 'ugc nofollow noopener', target: '_blank' }, comment.author)
      : element('span', null, comment.author);
    let body;
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
        comment.pending ? element('span', { class: 'bc-badge' }, s.pending) : null),
      body,
      comment.pending ? null : element('button', {
        type: 'button', class: 'bc-link bc-reply', 'aria-label': s.reply + ': ' + comment.author,
        onclick: () => this.replyTo(comment, article),
      }, s.reply));
    return element('li', { class: 'bc-item' + (comment.pending ? ' bc-pending' : ''), id: 'comment-' + comment.id, 'data-id': comment.id }, article);
  }

  // comment null: the form goes back under the thread. quiet: without taking the focus.
  replyTo(comment, article, quiet) {
    const cancel = this.form.querySelector('.bc-cancel');
    this.parent = comment;
    this.replyInfo.hidden = cancel.hidden = !comment;
    this.replyInfo.textContent = comment ? format(this.strings.replyTo, { name: comment.author }) : '';
    (comment ? article : this.formHome).appendChild(this.form);
    if (!quiet) this.inputs.body.focus();
  }

  // Shows each field's message (or clears it) and focuses the first bad field; true when any.
  showErrors(errors) {
    let first = null;
    for (const name in this.errors) {
      this.errors[name].textContent = errors[name] || '';
      if (errors[name]) {
        this.inputs[name].setAttribute('aria-invalid', 'true');
        first = first || this.inputs[name];
      } else this.inputs[name].removeAttribute('aria-invalid');
    }
    if (first) first.focus();
    return !!first;
  }

  // A refusal: inline at the fields it names, else in the status line.
  problem(answer) {
    const details = answer.data;
    if (this.showErrors(fieldErrors(details, Object.keys(this.inputs)))) return this.say('');
    if (answer.status === 429) return this.say(this.strings.rate);
    this.say(problemText(details, this.strings.failed), true);
  }

  say(text, bad) {
    this.status.textContent = text;
    this.status.classList.toggle('bc-bad', !!bad);
  }

  values() {
    const inputs = this.inputs;
    return {
      author: inputs.author.value.trim(), email: inputs.email.value.trim(), website: inputs.website.value.trim(),
      body: inputs.body.value, homepage: this.form.querySelector('[name=homepage]').value,
    };
  }

  // retried: the one retry after a form-token problem has been made.
  async submit(retried) {
    const s = this.strings;
    const values = this.values();
    if (this.busy || this.showErrors(validateComment(values, s))) return;
    if (!this.formToken) {
      // The comments have not loaded yet (or failed to): their answer carries the form token.
      await this.load();
      if (this.formToken) this.submit();
      return;
    }
    const payload = { author: values.author, body: values.body, formToken: this.formToken, homepage: values.homepage };
    if (values.email) payload.email = values.email;
    if (values.email && recall(this.tokenKey)) payload.authorToken = recall(this.tokenKey);
    if (values.website) payload.website = values.website;
    if (this.parent) payload.parentId = this.parent.id;
    this.busy = true;
    this.submitButton.disabled = true;
    this.say(s.sending);
    remember(SAVED_AUTHOR, { author: values.author, email: values.email, website: values.website });
    let answer;
    try {
      answer = await sendJson('POST', this.url(), payload);
    } catch {
      this.busy = false;
      this.submitButton.disabled = false;
      return this.say(s.offline, true);
    }
    this.busy = false;
    this.submitButton.disabled = false;
    if (answer.ok) return this.posted(answer, payload);
    // The form token is signed and dated: wait when too fresh, or take the new one, and try once more.
    const code = answer.data.code || '';
    if (!retried && code === 'form_token_too_fast') {
      this.busy = this.submitButton.disabled = true;
      setTimeout(() => {
        this.busy = false;
        this.submit(true);
      }, 1000 * (answer.data.retryAfterSeconds || 2));
      return;
    }
    if (!retried && /^form_token/.test(code)) {
      if (answer.data.formToken) {
        this.formToken = answer.data.formToken;
        return this.submit(true);
      }
      await this.load();
      return this.submit(true);
    }
    this.problem(answer);
  }

  // 201: published at once (a known author); 202 with an id: held, shown to this reader only.
  posted(answer, payload) {
    const accepted = answer.data || {};
    this.inputs.body.value = '';
    this.replyTo(null);
    if (accepted.authorToken && (answer.status === 201 || !recall(this.tokenKey))) remember(this.tokenKey, accepted.authorToken);
    if (answer.status === 201) {
      this.say(this.strings.published);
      return this.load(null, true);
    }
    if (!accepted.id) return this.say(this.strings.held);
    const mine = recall(this.ownKey) || [];
    mine.push(heldComment(accepted, payload, Date.now()));
    remember(this.ownKey, mine);
    this.render();
    this.say(this.strings.held);
  }
}
