// The JSON answer of a fetch, read without ever throwing on the body: an empty or non-JSON body
// (a proxy's error page, a 204) gives data {}, so callers read data.detail and the like unguarded.
export async function readJson(response) {
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  return { ok: response.ok, status: response.status, data: data || {} };
}

// What a problem+json answer says to a person, or the fallback when it says nothing.
export const problemText = (data, fallback) => data.detail || data.title || fallback;

// The widget's calls: JSON both ways. cache is a fetch cache mode ('no-cache' revalidates with
// the ETag, 'no-store' bypasses the HTTP cache).
export function sendJson(method, url, body, cache) {
  const init = { method, headers: { Accept: 'application/json' }, cache: cache || 'default' };
  if (body) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return fetch(url, init).then(readJson);
}
