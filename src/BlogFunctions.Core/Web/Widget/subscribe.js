// <form data-blog-subscribe>: a plain form post without JS; with JS, JSON and an inline answer.
import { element } from './dom.js';
import { sendJson, problemText } from './http.js';

// What the status line says after the server answered.
export const subscribeAnswer = (answer, strings) =>
  answer.ok ? strings.subDone : answer.status === 429 ? strings.rate : problemText(answer.data, strings.subFailed);

export function enhanceSubscribe(form, api, strings) {
  const button = form.querySelector('[type=submit]');
  const status = form.querySelector('[role=status]')
    || form.appendChild(element('p', { class: 'bc-status', role: 'status', 'aria-live': 'polite' }));
  if (!form.getAttribute('action')) form.setAttribute('action', api + '/subscriptions');
  form.setAttribute('method', 'post');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = {};
    new FormData(form).forEach((value, name) => { data[name] = value; });
    // The page itself is the consent evidence; a cross-origin Referer would carry only the origin.
    if (!data.source) data.source = location.href;
    if (button) button.disabled = true;
    status.textContent = strings.subSending;
    sendJson('POST', api + '/subscriptions', data).then((answer) => {
      status.textContent = subscribeAnswer(answer, strings);
      status.classList.toggle('bc-bad', !answer.ok);
      if (answer.ok) form.reset();
    }, () => {
      status.textContent = strings.offline;
      status.classList.add('bc-bad');
    }).then(() => { if (button) button.disabled = false; });
  });
}
