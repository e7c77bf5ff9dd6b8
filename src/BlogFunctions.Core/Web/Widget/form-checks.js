// The comment form's checks before sending, and the server's objections mapped back onto fields.
import { format } from './text.js';

// The server's limits, also set as maxlength on the inputs.
export const LIMITS = { author: 80, body: 5000, email: 254, website: 300 };

// values: the trimmed form values (body untrimmed). Gives { field: message } for what is wrong.
export function validateComment(values, strings) {
  const errors = {};
  if (!values.author.trim()) errors.author = strings.required;
  else if (values.author.length > LIMITS.author) errors.author = format(strings.tooLong, { max: LIMITS.author });
  if (!values.body.trim()) errors.body = strings.required;
  else if (values.body.length > LIMITS.body) errors.body = format(strings.tooLong, { max: LIMITS.body });
  if (values.website && !/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(values.website)) errors.website = strings.badUrl;
  if (values.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) errors.email = strings.badEmail;
  // The server's rule (notify_requires_email): notifications need an address to go to.
  else if (!values.email && values.notify && values.notify !== 'none') errors.email = strings.needEmail;
  return errors;
}

// A problem+json answer's complaints about the given fields: its validation errors (first message
// per field, any case of name) and the single field a domain problem names.
export function fieldErrors(problem, fields) {
  const errors = {};
  if (problem.errors && typeof problem.errors === 'object') {
    for (const name in problem.errors) {
      const field = name.toLowerCase();
      if (fields.includes(field)) errors[field] = [].concat(problem.errors[name])[0];
    }
  }
  const named = String(problem.field || '').toLowerCase();
  if (problem.field && fields.includes(named)) errors[named] = problem.detail || problem.title;
  return errors;
}
