// One comments widget: loads a post's thread (and more pages of it), shows this reader's held
// comments with it, and posts the form, which moves under the comment being answered.
import { element } from './dom.js';
import { sendJson, problemText } from './http.js';
import { format } from './text.js';
import { recall, remember } from './storage.js';
import { arrangeThread } from './thread.js';
import { validateComment, fieldErrors } from './form-checks.js';
import { toAskAbout, statusQuery, afterStatus, stillPending, asShown, heldComment } from './own-comments.js';
import { CommentForm } from './comment-form.js';
import { threadList } from './comment-view.js';

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
    this.moreButton = element('button', { type: 'button', class: 'bc-btn bc-more', hidden: true, onclick: () => this.load(this.next) }, s.more);
    this.form = new CommentForm(s, recall(SAVED_AUTHOR) || {}, () => this.submit(), () => this.replyTo(null));
    this.formHome = element('div', { class: 'bc-form-home' }, this.form.element);
    this.root.classList.add('bc');
    this.root.textContent = '';
    this.root.appendChild(element('h2', { class: 'bc-title' }, s.heading));
    this.root.appendChild(this.list);
    this.root.appendChild(this.moreButton);
    this.root.appendChild(this.formHome);
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
    const { kept, token, live } = afterStatus(mine, answer.data);
    remember(this.ownKey, kept);
    if (token) remember(this.tokenKey, token);
    if (live.length) this.liveNote(live[live.length - 1]);
  }

  // "Your comment is now live", above the thread, linking to it. Shown once: storage now says
  // approved, so the next check does not count it again.
  liveNote(id) {
    if (this.note) this.note.remove();
    const note = this.note = element('div', { class: 'bc-note' },
      element('p', { role: 'status' }, element('a', { href: '#comment-' + id }, this.strings.live)),
      element('button', { type: 'button', class: 'bc-link', onclick: () => note.remove() }, this.strings.dismiss));
    this.root.insertBefore(note, this.list);
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
    if (this.list.contains(this.form.element)) this.replyTo(null, null, true);
    const thread = arrangeThread(all);
    this.list.textContent = '';
    if (!thread.length) this.list.appendChild(element('p', { class: 'bc-muted bc-empty' }, this.strings.empty));
    else this.list.appendChild(threadList(thread, 1, this.strings, (comment, article) => this.replyTo(comment, article)));
    this.moreButton.hidden = !this.next;
  }

  // comment null: the form goes back under the thread. quiet: without taking the focus.
  replyTo(comment, article, quiet) {
    this.parent = comment;
    this.form.replying(comment ? format(this.strings.replyTo, { name: comment.author }) : null);
    (comment ? article : this.formHome).appendChild(this.form.element);
    if (!quiet) this.form.inputs.body.focus();
  }

  // A refusal: inline at the fields it names, else in the status line.
  problem(answer) {
    const details = answer.data;
    if (this.form.showErrors(fieldErrors(details, this.form.fieldNames))) return this.form.say('');
    if (answer.status === 429) return this.form.say(this.strings.rate);
    this.form.say(problemText(details, this.strings.failed), true);
  }

  // retried: the one retry after a form-token problem has been made.
  async submit(retried) {
    const s = this.strings;
    const form = this.form;
    const values = form.values();
    if (this.busy || form.showErrors(validateComment(values, s))) return;
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
    // "none" is the server's default: left out.
    if (values.notify !== 'none') payload.notify = values.notify;
    if (this.parent) payload.parentId = this.parent.id;
    this.busy = true;
    form.submitButton.disabled = true;
    // One status at a time: the form's own line speaks from here on.
    if (this.note) this.note.remove();
    form.say(s.sending);
    remember(SAVED_AUTHOR, { author: values.author, email: values.email, website: values.website });
    let answer;
    try {
      answer = await sendJson('POST', this.url(), payload);
    } catch {
      this.busy = false;
      form.submitButton.disabled = false;
      return form.say(s.offline, true);
    }
    this.busy = false;
    form.submitButton.disabled = false;
    if (answer.ok) return this.posted(answer, payload);
    // The form token is signed and dated: wait when too fresh, or take the new one, and try once more.
    const code = answer.data.code || '';
    if (!retried && code === 'form_token_too_fast') {
      this.busy = form.submitButton.disabled = true;
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
    this.form.inputs.body.value = '';
    this.replyTo(null);
    if (accepted.authorToken && (answer.status === 201 || !recall(this.tokenKey))) remember(this.tokenKey, accepted.authorToken);
    if (answer.status === 201) {
      this.form.say(this.strings.published);
      return this.load(null, true);
    }
    if (!accepted.id) return this.form.say(this.strings.held);
    const mine = recall(this.ownKey) || [];
    mine.push(heldComment(accepted, payload, Date.now()));
    remember(this.ownKey, mine);
    this.render();
    this.form.say(this.strings.held);
  }
}
