// The widget's comment form: each field with its label, hint and error line, the honeypot, the
// buttons and the status line. It knows how it looks and what was typed; the widget decides what
// happens (and where the form sits: under the thread, or under the comment being answered).
import { element } from './dom.js';
import { LIMITS } from './form-checks.js';

export class CommentForm {
  // saved: the name, email and website used last time. onSubmit, onCancel: what the buttons do.
  constructor(strings, saved, onSubmit, onCancel) {
    const s = strings;
    this.strings = strings;
    // Several widgets on one page each need their own ids for label for= and aria-describedby.
    this.uid = Math.random().toString(36).slice(2, 8);
    this.inputs = {};
    this.errors = {};
    this.hints = {};
    this.replyInfo = element('p', { class: 'bc-replying', hidden: true });
    this.submitButton = element('button', { type: 'submit', class: 'bc-btn bc-primary' }, s.submit);
    this.cancelButton = element('button', { type: 'button', class: 'bc-btn bc-cancel', hidden: true, onclick: () => onCancel() }, s.cancel);
    this.honeypot = element('input', { type: 'text', name: 'homepage', tabindex: '-1', autocomplete: 'off' });
    this.status = element('p', { class: 'bc-status', role: 'status', 'aria-live': 'polite' });
    this.element = element('form', { class: 'bc-form', novalidate: true, onsubmit: (event) => { event.preventDefault(); onSubmit(); } },
      element('h3', { class: 'bc-form-title' }, s.leave),
      this.replyInfo,
      this.field('body', s.body, element('textarea', { rows: 5, required: true, maxlength: LIMITS.body }), s.hint),
      element('div', { class: 'bc-row' },
        this.field('author', s.name, element('input', { type: 'text', required: true, 'aria-required': 'true', maxlength: LIMITS.author, autocomplete: 'name', value: saved.author }), null, true),
        this.field('email', s.email, element('input', { type: 'email', maxlength: LIMITS.email, autocomplete: 'email', value: saved.email })),
        this.field('website', s.website, element('input', { type: 'url', maxlength: LIMITS.website, autocomplete: 'url', placeholder: 'https://', value: saved.website }))),
      // The server's notify values; a native <select>, so keyboard and screen readers need nothing more.
      this.field('notify', s.notify, element('select', { onchange: () => this.notifyChanged() },
        [['none', s.notifyNone], ['replies', s.notifyReplies], ['post', s.notifyPost]].map(([value, text]) => element('option', { value }, text))),
      s.notifyNote),
      // Honeypot: invisible to people and skipped by keyboard and screen readers; bots fill it.
      element('div', { class: 'bc-hp', 'aria-hidden': 'true' }, element('label', null, 'Leave empty', this.honeypot)),
      element('div', { class: 'bc-actions' }, this.submitButton, this.cancelButton),
      this.status);
    this.notifyChanged();
  }

  // The confirmation note only while notifications are chosen, and only then in the description:
  // aria-describedby would read a hidden element's text all the same.
  notifyChanged() {
    const select = this.inputs.notify;
    const note = this.hints.notify;
    note.hidden = select.value === 'none';
    select.setAttribute('aria-describedby', select.id + '-err' + (note.hidden ? '' : ' ' + note.id));
  }

  // required: a visible "(required)" after the label; screen readers hear aria-required instead.
  field(name, label, input, hint, required) {
    const id = 'bc-' + name + '-' + this.uid;
    const error = element('p', { class: 'bc-err', id: id + '-err' });
    const note = hint ? element('p', { class: 'bc-muted bc-hint', id: id + '-hint' }, hint) : null;
    input.id = id;
    input.name = name;
    input.setAttribute('aria-describedby', id + '-err' + (hint ? ' ' + id + '-hint' : ''));
    this.inputs[name] = input;
    this.errors[name] = error;
    this.hints[name] = note;
    return element('div', { class: 'bc-field bc-f-' + name },
      element('label', { for: id }, label, required ? element('span', { class: 'bc-req', 'aria-hidden': 'true' }, ' ' + this.strings.req) : null),
      input,
      note,
      error);
  }

  get fieldNames() {
    return Object.keys(this.inputs);
  }

  // What was typed, trimmed (but the body, whose spacing is Markdown).
  values() {
    const inputs = this.inputs;
    return {
      author: inputs.author.value.trim(), email: inputs.email.value.trim(), website: inputs.website.value.trim(),
      body: inputs.body.value, homepage: this.honeypot.value, notify: inputs.notify.value,
    };
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

  say(text, bad) {
    this.status.textContent = text;
    this.status.classList.toggle('bc-bad', !!bad);
  }

  // The "Replying to …" line and the cancel button; null: a comment of its own again.
  replying(text) {
    this.replyInfo.hidden = this.cancelButton.hidden = text == null;
    this.replyInfo.textContent = text == null ? '' : text;
  }
}
