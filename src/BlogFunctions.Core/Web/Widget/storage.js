// localStorage as JSON. Storage may be off (private windows, blocked cookies) or full: then the
// widget simply remembers nothing, it never fails.
export function recall(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || 'null');
  } catch {
    return null;
  }
}

export function remember(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Nothing remembered; see above.
  }
}
