// The moderator's session. The page holds no secret: the key lives in sessionStorage (this tab
// only) and goes with every call; a 401 signs the moderator out.
import { byId } from './dom.js';
import { readJson } from './http.js';

const KEY = 'blogfunctions-moderator-key';

// The page is served at <api>/moderation/ui: every call goes to the API that served it.
export const base = location.pathname.replace(/\/moderation\/ui\/?$/, '');

export const VIEWS = ['comments', 'newsletter', 'deliveries', 'subscribers'];

export const moderatorKey = () => sessionStorage.getItem(KEY);

export const keepKey = (key) => sessionStorage.setItem(KEY, key);

// Resolves to { ok, status, data }; rejects with Error('unauthorized') once it signed out.
export async function call(method, path, etag, json) {
  const headers = { Accept: 'application/json', Authorization: 'Bearer ' + moderatorKey() };
  if (etag) headers['If-Match'] = etag;
  if (json) headers['Content-Type'] = 'application/json';
  const response = await fetch(base + '/' + path, { method, headers, cache: 'no-store', body: json ? JSON.stringify(json) : undefined });
  const answer = await readJson(response);
  if (answer.status === 401) {
    signOut('The key was not accepted. Please sign in again.');
    throw new Error('unauthorized');
  }
  return answer;
}

// A 401 has already said so on the sign-in form; any other rejection means no answer came.
export const signedOut = (error) => error.message === 'unauthorized';

// Shows the text where the answer would have gone, unless the call signed the moderator out.
export const unreachable = (target) => (error) => {
  if (!signedOut(error)) target.textContent = 'The server could not be reached.';
};

export function signOut(message) {
  sessionStorage.removeItem(KEY);
  byId('tabs').hidden = true;
  VIEWS.forEach((view) => { byId(view).hidden = true; });
  byId('signin').hidden = false;
  byId('signin-error').textContent = message || '';
  byId('key').value = '';
  byId('key').focus();
}
