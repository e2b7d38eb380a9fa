/**
 * The input vocabulary: small readers every operation can use for its fields, each failing before any
 * call with `<Field label>: <what is wrong>` (an InputError, turned into a Zapier error by the boundary).
 * Wrong types are refused, never coerced to a default: a list where one value is expected, an object for
 * a text, a number for a yes/no. An empty value (undefined, null, '') means "not given".
 *
 * Bounds:
 * - email: 254 characters in all, 64 before the @ (RFC 5321 §4.5.3.1,
 *   https://www.rfc-editor.org/rfc/rfc5321#section-4.5.3.1); international domains and UTF-8 local parts
 *   (RFC 6531) are allowed; spaces, CR/LF and other control characters never are;
 * - URL: http and https only (javascript:, data:, file: … are refused), no credentials, no control characters.
 */
import { InputError } from '../errors/input-error';

export interface Field {
  /** The input key, e.g. `consumer_name`. */
  key: string;
  /** The label the user sees, e.g. `Customer Name`. */
  label: string;
}

const fail = (field: Field, problem: string): InputError => new InputError(field.key, `${field.label}: ${problem}`, field.label);

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

const describe = (value: unknown): string =>
  Array.isArray(value) ? 'a list' : value === null ? 'empty' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export interface TextOptions {
  max: number;
  /** Line breaks allowed (a message); otherwise one line. */
  multiline?: boolean;
}

/** Optional text: a string (or a finite number, as Zapier maps numbers) within `max` characters, without control characters. */
export function optionalText(field: Field, value: unknown, options: TextOptions): string | undefined {
  if (isEmpty(value)) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
  if (typeof value !== 'string') throw fail(field, `must be text, not ${describe(value)}.`);
  const text = value.trim();
  if (text === '') return undefined;
  const forbidden = options.multiline ? text.replace(/\r\n|\n|\t/g, '') : text;
  if (CONTROL.test(forbidden)) throw fail(field, options.multiline ? 'must not contain control characters.' : 'must be one line, without control characters.');
  if ([...text].length > options.max) throw fail(field, `must be at most ${options.max} characters (it has ${[...text].length}).`);
  return text;
}

export function requiredText(field: Field, value: unknown, options: TextOptions): string {
  const text = optionalText(field, value, options);
  if (text === undefined) throw fail(field, 'is required.');
  return text;
}

const EMAIL_MAX = 254;
const LOCAL_MAX = 64;
const DOMAIN_LABEL = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)$/u;

export function optionalEmail(field: Field, value: unknown): string | undefined {
  const text = optionalText(field, value, { max: EMAIL_MAX * 2 });
  if (text === undefined) return undefined;
  if (/\s/.test(text) || CONTROL.test(text)) throw fail(field, 'must be one email address, without spaces.');
  if (text.length > EMAIL_MAX) throw fail(field, `must be at most ${EMAIL_MAX} characters (it has ${text.length}).`);
  const at = text.lastIndexOf('@');
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (at < 1 || !domain) throw fail(field, `"${text.slice(0, 80)}" is not an email address.`);
  if (local.length > LOCAL_MAX) throw fail(field, `the part before the @ must be at most ${LOCAL_MAX} characters.`);
  if (/[@"(),:;<>[\]\\]/.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    throw fail(field, `"${text.slice(0, 80)}" is not an email address.`);
  }
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l))) throw fail(field, `"${text.slice(0, 80)}" is not an email address.`);
  return text;
}

export function requiredEmail(field: Field, value: unknown): string {
  const email = optionalEmail(field, value);
  if (email === undefined) throw fail(field, 'is required.');
  return email;
}

/** Yes/no: a boolean, or the words Zapier's boolean fields and users send. Anything else is refused. */
export function optionalYesNo(field: Field, value: unknown): boolean | undefined {
  if (isEmpty(value)) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (['yes', 'true', '1', 'y', 'on'].includes(word)) return true;
    if (['no', 'false', '0', 'n', 'off'].includes(word)) return false;
  }
  throw fail(field, `must be yes or no, not ${typeof value === 'string' ? `"${value.slice(0, 40)}"` : describe(value)}.`);
}

export function optionalInteger(field: Field, value: unknown, range: { min: number; max: number }): number | undefined {
  if (isEmpty(value)) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (typeof value !== 'number' && typeof value !== 'string') throw fail(field, `must be a whole number, not ${describe(value)}.`);
  if (!Number.isSafeInteger(n)) throw fail(field, `must be a whole number from ${range.min} to ${range.max}.`);
  if (n < range.min || n > range.max) throw fail(field, `must be from ${range.min} to ${range.max} (it is ${n}).`);
  return n;
}

/** A date and time within [now + minMs, now + maxMs]; ISO 8601 text (or epoch milliseconds). */
export function optionalDateInWindow(field: Field, value: unknown, window: { now: Date; minMs: number; maxMs: number; describe: string }): Date | undefined {
  if (isEmpty(value)) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') throw fail(field, `must be a date and time, not ${describe(value)}.`);
  const date = new Date(typeof value === 'string' ? value.trim() : value);
  if (Number.isNaN(date.getTime())) throw fail(field, `"${String(value).slice(0, 40)}" is not a date and time (use ISO 8601, e.g. 2026-12-24T09:00:00Z).`);
  const offset = date.getTime() - window.now.getTime();
  if (offset < window.minMs || offset > window.maxMs) throw fail(field, `must be ${window.describe}.`);
  return date;
}

/** A list: an array of texts, or one text with commas. Each item is read with `item`. */
export function optionalList(field: Field, value: unknown, options: { maxItems: number; item: TextOptions }): string[] | undefined {
  if (isEmpty(value)) return undefined;
  const raw = Array.isArray(value) ? value : typeof value === 'string' || typeof value === 'number' ? String(value).split(',') : undefined;
  if (!raw) throw fail(field, `must be a list of texts, not ${describe(value)}.`);
  const items: string[] = [];
  for (const entry of raw) {
    if (Array.isArray(entry) || (entry !== null && typeof entry === 'object')) throw fail(field, `each item must be text, not ${describe(entry)}.`);
    const text = optionalText(field, entry, options.item);
    if (text !== undefined) items.push(text);
  }
  if (items.length > options.maxItems) throw fail(field, `must have at most ${options.maxItems} items (it has ${items.length}).`);
  return items.length > 0 ? items : undefined;
}

/** An id: letters, digits, `-` and `_` only, within `max` characters. */
export function optionalId(field: Field, value: unknown, options: { max: number; pattern?: RegExp; hint?: string } = { max: 64 }): string | undefined {
  const text = optionalText(field, value, { max: options.max });
  if (text === undefined) return undefined;
  if (!(options.pattern ?? /^[A-Za-z0-9_-]+$/).test(text)) throw fail(field, `"${text.slice(0, 70)}" is not a valid id${options.hint ? `; ${options.hint}` : ''}.`);
  return text;
}

/** An http(s) URL: one rule everywhere (javascript:, data:, file: and other schemes refused). */
export function optionalUrl(field: Field, value: unknown, options: { max?: number } = {}): string | undefined {
  const text = optionalText(field, value, { max: options.max ?? 2000 });
  if (text === undefined) return undefined;
  if (/\s/.test(text)) throw fail(field, 'must be one link, without spaces.');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw fail(field, 'must be a full link starting with https:// (or http://).');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw fail(field, 'must be a link starting with https:// or http://.');
  if (url.username || url.password) throw fail(field, 'must not contain a user name or password.');
  return text;
}

/** One of `choices` (compared case-insensitively); returns the choice as listed. */
export function optionalChoice<C extends string>(field: Field, value: unknown, choices: readonly C[]): C | undefined {
  if (isEmpty(value)) return undefined;
  if (typeof value !== 'string') throw fail(field, `must be one of ${choices.join(', ')}, not ${describe(value)}.`);
  const found = choices.find((c) => c.toLowerCase() === value.trim().toLowerCase());
  if (!found) throw fail(field, `"${value.slice(0, 40)}" is not one of ${choices.join(', ')}.`);
  return found;
}
