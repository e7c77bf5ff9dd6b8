// The pure part of count.js: which requests to make and what each element says.

// Post ids per /comment-counts request (the server's limit).
export const IDS_PER_REQUEST = 50;

// Each post once, in page order; elements without an id are skipped.
export const distinctIds = (values) => values.filter((value, index) => value && values.indexOf(value) === index);

export function countUrls(api, ids) {
  const urls = [];
  for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) {
    urls.push(api + '/comment-counts?' + ids.slice(i, i + IDS_PER_REQUEST).map((id) => 'postId=' + encodeURIComponent(id)).join('&'));
  }
  return urls;
}

// Which data-zero / data-one / data-other text applies to a count.
export const countKind = (count) => (count === 0 ? 'zero' : count === 1 ? 'one' : 'other');

// template: the page's text for this kind, "{n}" standing for the count; English when none.
export const countText = (count, template) =>
  (template || (count === 1 ? '{n} comment' : '{n} comments')).replace('{n}', count);
