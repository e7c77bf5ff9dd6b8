// The widget's words. A blog replaces any of them through window.blogComments.strings (every
// widget of the page) or a data-strings attribute holding JSON (one widget or form).
export const STRINGS = {
  heading: 'Comments',
  loading: 'Loading comments…',
  empty: 'No comments yet. Start the conversation.',
  loadError: 'Comments could not be loaded.',
  retry: 'Try again',
  more: 'Show more comments',
  reply: 'Reply',
  replyTo: 'Replying to {name}',
  cancel: 'Cancel',
  leave: 'Leave a comment',
  name: 'Name',
  req: '(required)',
  email: 'Email (optional, never shown)',
  website: 'Website (optional)',
  notify: 'Notify me about',
  notifyNone: 'Nothing',
  notifyReplies: 'Replies to my comment',
  notifyPost: 'All new comments on this post',
  // Whether a confirmation was sent is never told (the POST's answer does not say), hence "if".
  notifyNote: 'If this address is new to us, we will first email you a link to confirm it.',
  body: 'Comment',
  hint: 'Markdown works: *italic*, **bold**, `code`, [link](https://…)',
  submit: 'Post comment',
  sending: 'Posting…',
  pending: 'Awaiting moderation',
  deleted: 'This comment was deleted.',
  held: 'Thank you! Your comment is awaiting moderation.',
  published: 'Thank you! Your comment is published.',
  live: 'Your comment is now live.',
  dismiss: 'Dismiss',
  required: 'Please fill in this field.',
  tooLong: 'Please use at most {max} characters.',
  badUrl: 'Please enter an address starting with http:// or https://',
  badEmail: 'Please enter a valid email address.',
  needEmail: 'Please enter your email address to be notified.',
  failed: 'Your comment could not be posted. Please try again.',
  offline: 'The comment server could not be reached. Please try again.',
  rate: 'You are posting too often. Please wait a moment.',
  subEmail: 'Email',
  subSubmit: 'Subscribe',
  subSending: 'Subscribing…',
  subDone: 'Check your inbox to confirm your subscription.',
  subFailed: 'The subscription did not work. Please try again.',
};

// The defaults, then the page's, then the element's; a data-strings that is no JSON is ignored.
export function mergeStrings(pageStrings, attributeJson) {
  let own;
  try {
    own = JSON.parse(attributeJson || '{}');
  } catch {
    own = {};
  }
  return Object.assign({}, STRINGS, pageStrings, own);
}
