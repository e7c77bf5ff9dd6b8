// What the blog page tells the widget: window.blogComments (api, strings), the element's own data-
// attributes, and, failing both, the host that served this script.
import { apiBase, servedFrom } from './text.js';
import { mergeStrings } from './strings.js';

// Read while the script runs: currentScript is null in callbacks later on.
const script = document.currentScript;
const scriptApi = script && script.src ? servedFrom(script.src) : '';

const pageConfig = () => window.blogComments || {};

export const apiFor = (element) => apiBase(element.getAttribute('data-api') || pageConfig().api || scriptApi);

export const stringsFor = (element) => mergeStrings(pageConfig().strings, element.getAttribute('data-strings'));
