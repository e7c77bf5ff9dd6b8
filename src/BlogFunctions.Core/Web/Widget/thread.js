// How a flat list of comments (the page's and this reader's own pending ones) is shown as a thread.

// Up to this many visible levels; deeper replies join the last one.
export const MAX_LEVEL = 3;

// Entries { comment, mention, replies }: each reply under its parent, a reply whose parent is not
// in the list at the top. A deleted comment stays (as a placeholder) only while it holds replies up.
// Below MAX_LEVEL replies follow their parent in the same list, depth first, with mention set to
// the author they answer (none for a deleted one), so the reader still sees who is addressed.
export function arrangeThread(comments) {
  const nodes = comments.map((comment) => ({ comment, kids: [] }));
  const byId = new Map(nodes.map((node) => [node.comment.id, node]));
  const roots = [];
  for (const node of nodes) {
    const parent = node.comment.parentId && byId.get(node.comment.parentId);
    (parent ? parent.kids : roots).push(node);
  }
  return place(prune(roots), 1, [], null);
}

function prune(nodes) {
  return nodes.filter((node) => {
    node.kids = prune(node.kids);
    return !node.comment.deleted || node.kids.length > 0;
  });
}

function place(nodes, level, into, mention) {
  for (const { comment, kids } of nodes) {
    const entry = { comment, mention, replies: [] };
    into.push(entry);
    if (level < MAX_LEVEL) place(kids, level + 1, entry.replies, null);
    else place(kids, level, into, comment.deleted ? null : comment.author);
  }
  return into;
}
