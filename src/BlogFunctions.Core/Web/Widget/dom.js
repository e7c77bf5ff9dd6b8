// Shared by the widget and the moderation page: every element either of them adds is built here,
// and server text only ever becomes a text node, never HTML.

// element('p', { class: 'x', onclick: f }, 'text', child, [more, children]): attributes named on…
// become listeners, true becomes an empty attribute, null and false are left out (so are children).
export function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const name in attributes || {}) {
    const value = attributes[name];
    if (value == null || value === false) continue;
    if (name.slice(0, 2) === 'on') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  append(node, children);
  return node;
}

export function append(parent, child) {
  if (Array.isArray(child)) child.forEach((each) => append(parent, each));
  else if (child != null && child !== false) {
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export const byId = (id) => document.getElementById(id);

export const each = (selector, action) => document.querySelectorAll(selector).forEach(action);
