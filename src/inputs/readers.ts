/**
 * The one input vocabulary of the app: small readers that every trigger, action and search uses to read
 * its fields, so a rule (how long, which characters, which schemes, which yes/no words) is written once.
 *
 * Every reader:
 * - takes the raw Zapier value and the field's LABEL (what the user sees in the Zap editor);
 * - treats undefined, null and blank text as "not filled in" (Zapier sends an empty optional field so);
 * - refuses a wrong type instead of guessing: a list where one value is expected, an object where text is
 *   expected, yes/no where a number is expected. Nothing is ever coerced to a default;
 * - fails with an InputError whose message is `<Label>: <what is wrong>.`, before any call.
 *
 * Plain TypeScript, no library: shells and cores can both load it cheaply.
 */
import { InputError } from '../errors/input-error';

/** A sentence naming the field by its label. */
export const inputError = (label: string, problem: string): InputError => {
  const sentence = /[.!?]$/.test(problem) ? problem : `${problem}.`;
  return new InputError(label, `${label}: ${sentence}`);
};

/** Quoted for a message: short, one line, never the whole of a huge or hostile value. */
export const quoted = (text: string, max = 60): string => {
  const oneLine = text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, ' ');
  return `"${oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine}"`;
};

const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** What a value is, in a user's words, for "must be text, not …". */
const kindOf = (value: unknown): string => {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'boolean') return 'yes/no';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'object') return 'a group of fields';
  return `a ${typeof value}`;
};

const ONE_VALUE = 'must be one value, not a list: map a single field here';

/**
 * One value as text: a string, or a mapped finite number. A list or an object is refused by name, never
 * turned into "a,b" or "[object Object]".
 */
const scalarText = (value: unknown, label: string): string => {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) throw inputError(label, ONE_VALUE);
  throw inputError(label, `must be text, not ${kindOf(value)}`);
};

// ---------------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------------

/** Control characters: C0 (NUL, CR, LF, tab …), DEL and C1. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, but tab, line feed and carriage return are allowed (a message, an HTML body). */
const CONTROL_IN_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export interface TextRule {
  /** Most characters allowed (after trimming). State it in the field's help text. */
  max: number;
  /** Line breaks (and tabs) allowed: for a message or an HTML body. Names, ids and sender fields are one line. */
  multiline?: boolean;
}

export function optionalText(value: unknown, label: string, rule: TextRule): string | undefined {
  if (isBlank(value)) return undefined;
  const text = scalarText(value, label);
  if ((rule.multiline ? CONTROL_IN_MULTILINE : CONTROL).test(text)) {
    throw inputError(
      label,
      rule.multiline
        ? 'contains a control character (such as NUL) that cannot be sent: remove it'
        : 'must be one line: it contains a line break or another control character',
    );
  }
  if (text.length > rule.max) {
    throw inputError(label, `is ${text.length.toLocaleString('en-US')} characters long; the most allowed is ${rule.max.toLocaleString('en-US')}`);
  }
  return text;
}

export function requiredText(value: unknown, label: string, rule: TextRule): string {
  const text = optionalText(value, label, rule);
  if (text === undefined) throw inputError(label, 'is required');
  return text;
}

// ---------------------------------------------------------------------------------------------------
// Email (RFC 5321 lengths, RFC 6531 internationalised addresses)
// ---------------------------------------------------------------------------------------------------

export const EMAIL_MAX = 254;
export const EMAIL_LOCAL_MAX = 64;
const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');
/** RFC 5322 atext, plus any non-ASCII character (RFC 6531 lets UTF-8 into the local part). */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\u{10FFFF}-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\u{10FFFF}-]+)*$/u;
const ASCII_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * What mail servers accept, no stricter: internationalised domains (`jürgen@münchen.de`, checked in their
 * punycode form) and UTF-8 local parts are allowed (RFC 6531, https://www.rfc-editor.org/rfc/rfc6531);
 * whitespace, CR/LF and other control characters never are, nor quoted local parts. At most 254 octets in
 * all, 64 in the local part (RFC 5321 §4.5.3.1, https://www.rfc-editor.org/rfc/rfc5321#section-4.5.3.1).
 */
export function isEmailAddress(text: string): boolean {
  if (/[\s\p{Cc}\p{Cf}\u2028\u2029]/u.test(text) || utf8Length(text) > EMAIL_MAX) return false;
  const at = text.lastIndexOf('@');
  if (at < 1) return false;
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (utf8Length(local) > EMAIL_LOCAL_MAX || !LOCAL_PART.test(local)) return false;
  if (!domain || domain.length > 253 || /[@/\\?#:[\]%]/.test(domain)) return false;
  let ascii: string;
  try {
    ascii = new URL(`http://${domain}`).hostname;
  } catch {
    return false;
  }
  const labels = ascii.split('.');
  if (labels.length < 2 || ascii.length > 253) return false;
  const tld = labels[labels.length - 1]!;
  return labels.every((l) => ASCII_LABEL.test(l)) && (/^[a-z]{2,63}$/.test(tld) || /^xn--[a-z0-9-]{1,59}$/.test(tld));
}

export function optionalEmail(value: unknown, label: string): string | undefined {
  if (isBlank(value)) return undefined;
  const text = scalarText(value, label);
  if (!isEmailAddress(text)) {
    const long = utf8Length(text) > EMAIL_MAX ? ` (at most ${EMAIL_MAX} characters)` : '';
    throw inputError(label, `${quoted(text)} is not a valid email address${long}; use one like jane@example.com`);
  }
  return text;
}

export function requiredEmail(value: unknown, label: string): string {
  const email = optionalEmail(value, label);
  if (email === undefined) throw inputError(label, 'is required');
  return email;
}

// ---------------------------------------------------------------------------------------------------
// Yes/no, numbers, choices
// ---------------------------------------------------------------------------------------------------

const YES = ['true', 'yes', 'y', '1', 'on'];
const NO = ['false', 'no', 'n', '0', 'off'];

/** Yes/no: true/false as Zapier's boolean field sends them, or yes/no/true/false/1/0/on/off as text. */
export function yesNo(value: unknown, label: string, whenEmpty: boolean): boolean {
  if (isBlank(value)) return whenEmpty;
  if (value === true || value === false) return value;
  if (value === 1 || value === 0) return value === 1;
  const text = scalarText(value, label).toLowerCase();
  if (YES.includes(text)) return true;
  if (NO.includes(text)) return false;
  throw inputError(label, `${quoted(text)} is not yes or no`);
}

export interface IntegerRule {
  min: number;
  max: number;
  /** The rule in words, for the message: "a whole number of days from 0 to 90". */
  describe?: string;
}

/** A whole number in a range: a number, or plain decimal text as Zapier sends a mapped integer. */
export function optionalInteger(value: unknown, label: string, rule: IntegerRule): number | undefined {
  if (isBlank(value)) return undefined;
  const words = rule.describe ?? `a whole number from ${rule.min} to ${rule.max}`;
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\s*-?\d{1,16}\s*$/.test(value)) n = Number(value);
  else if (typeof value === 'string') throw inputError(label, `${quoted(value.trim())} is not a number: use ${words}`);
  else if (Array.isArray(value)) throw inputError(label, ONE_VALUE);
  else throw inputError(label, `must be ${words}, not ${kindOf(value)}`);
  if (!Number.isInteger(n) || n < rule.min || n > rule.max) throw inputError(label, `must be ${words}`);
  return n;
}

/** One of a fixed set (case-insensitive); returns the set's own spelling. */
export function optionalChoice<T extends string>(value: unknown, label: string, choices: readonly T[]): T | undefined {
  if (isBlank(value)) return undefined;
  const text = scalarText(value, label);
  const found = choices.find((c) => c.toLowerCase() === text.toLowerCase());
  if (!found) throw inputError(label, `${quoted(text)} is not one of ${choices.join(', ')}`);
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Ids and URLs
// ---------------------------------------------------------------------------------------------------

export interface IdRule {
  /** What a valid id looks like. Ids go into URL paths and queries, so only safe characters. */
  pattern: RegExp;
  /** An example for the message: "like 507f191e810c19729de860ea". */
  example: string;
  /** What to do instead, e.g. "choose it from the dropdown". */
  hint?: string;
}

export function optionalId(value: unknown, label: string, rule: IdRule): string | undefined {
  if (isBlank(value)) return undefined;
  const text = scalarText(value, label);
  if (!rule.pattern.test(text)) {
    throw inputError(label, `${quoted(text)} is not a valid ID (like ${rule.example})${rule.hint ? `: ${rule.hint}` : ''}`);
  }
  return text;
}

export function requiredId(value: unknown, label: string, rule: IdRule): string {
  const id = optionalId(value, label, rule);
  if (id === undefined) throw inputError(label, `is required${rule.hint ? `: ${rule.hint}` : ''}`);
  return id;
}

/** A Trustpilot id (business unit, template, review): 24 hex digits in practice; letters, digits, hyphens allowed. */
export const TRUSTPILOT_ID: IdRule = { pattern: /^[A-Za-z0-9-]{1,64}$/, example: '507f191e810c19729de860ea', hint: 'choose it from the dropdown' };

export const URL_MAX = 2048;
/**
 * The one web-address rule of every action: http:// or https:// only (Trustpilot's own examples use both,
 * https://developers.trustpilot.com/invitation-api: "redirectUri": "http://trustpilot.com"). javascript:,
 * data:, ftp: and every other scheme are refused: they are no page to send a customer to.
 */
export function isWebAddress(text: string): boolean {
  if (/[\s\p{Cc}]/u.test(text) || text.length > URL_MAX) return false;
  try {
    const url = new URL(text);
    const web = (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && /^https?:\/\//i.test(text);
    // A user name or password in a link is a credential sent to the customer's browser: never.
    return web && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export const WEB_ADDRESS_RULE = `must be a full web address starting with https:// or http://, like https://www.example.com/thank-you, without a user name or password (at most ${URL_MAX} characters)`;

export function optionalWebAddress(value: unknown, label: string): string | undefined {
  if (isBlank(value)) return undefined;
  const text = scalarText(value, label);
  if (!isWebAddress(text)) throw inputError(label, WEB_ADDRESS_RULE);
  return text;
}

// ---------------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------------

export interface ListRule {
  /** The noun of one entry, for messages: "tag", "SKU". */
  noun: string;
  /** Most entries. */
  maxItems: number;
  /** Longest entry. */
  maxLength: number;
  /** A further rule for one entry; returns the problem in words, or undefined. */
  entry?: (entry: string) => string | undefined;
}

/**
 * A list given as a Zapier list or as comma-separated text (both are common in mappings); each item may
 * itself be "a,b". Blank throughout means "not given" (an empty list). A blank entry among real ones is an
 * error: it usually means the mapping pulls the wrong field. An object among the items is refused.
 */
export function list(value: unknown, label: string, rule: ListRule): string[] {
  if (isBlank(value)) return [];
  const items = Array.isArray(value) ? value : [value];
  const entries: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') entries.push(...item.split(','));
    else if (typeof item === 'number' && Number.isFinite(item)) entries.push(String(item));
    else if (item === null || item === undefined) entries.push('');
    else throw inputError(label, `must be a list of ${rule.noun}s or comma-separated text, not ${Array.isArray(value) ? 'a list holding ' : ''}${kindOf(item)}`);
  }
  // Control characters are looked for before trimming: trimming each entry after the split at commas would
  // otherwise hide a line break next to a comma ("a,\nb"). Blank space around the whole value is ignored.
  const whole = entries.join(',').trim();
  if (CONTROL.test(whole)) throw inputError(label, `${quoted(whole)} contains a line break or another control character`);
  const trimmed = entries.map((entry) => entry.trim());
  if (trimmed.every((entry) => entry === '')) return [];
  if (trimmed.length > rule.maxItems) throw inputError(label, `has ${trimmed.length} ${rule.noun}s; the most allowed is ${rule.maxItems}`);
  trimmed.forEach((entry, index) => {
    if (entry === '') throw inputError(label, `has an empty ${rule.noun} at position ${index + 1}: remove the extra comma or empty item`);
    if (CONTROL.test(entry)) throw inputError(label, `${quoted(entry)} contains a line break or another control character`);
    if (entry.length > rule.maxLength) throw inputError(label, `${quoted(entry)} is longer than ${rule.maxLength} characters`);
    const problem = rule.entry?.(entry);
    if (problem) throw inputError(label, problem);
  });
  return trimmed;
}

// ---------------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------------

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An ISO-8601 date-time: seconds and fraction optional, `T` or a space, offset `Z`, `±HH:MM` or
 * `±HHMM`; no offset means UTC. Impossible dates such as 2026-02-30 are refused instead of being rolled
 * over into March the way `Date` would.
 */
export function parseDateTime(text: string): Date | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? '0')) as [
    number, number, number, number, number, number,
  ];
  const millis = Math.floor(Number(`0${m[7] ?? ''}`) * 1000);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const local = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
  if (local.getUTCFullYear() !== year || local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day) return undefined;
  const offset = m[8];
  if (!offset || offset.toUpperCase() === 'Z') return local;
  const digits = offset.replace(':', '');
  const offsetHours = Number(digits.slice(1, 3));
  const offsetMinutes = Number(digits.slice(3, 5));
  if (offsetHours > 14 || offsetMinutes > 59) return undefined;
  const sign = digits.startsWith('-') ? -1 : 1;
  return new Date(local.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
}

export const DATE_TIME_RULE = 'must be a date and time, like 2026-12-01T09:30:00Z (no time zone means UTC)';

export interface DateWindow {
  /** Earliest allowed moment (inclusive), and how to say it: "now". */
  notBefore?: { at: Date; words: string };
  /** Latest allowed moment (inclusive), and how to say it: "90 days from now". */
  notAfter?: { at: Date; words: string };
}

/** A date-time inside a window. */
export function optionalDateTime(value: unknown, label: string, window: DateWindow = {}): Date | undefined {
  if (isBlank(value)) return undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw inputError(label, DATE_TIME_RULE);
    return inWindow(value, label, window);
  }
  if (typeof value !== 'string') {
    throw inputError(label, Array.isArray(value) ? ONE_VALUE : `${DATE_TIME_RULE}, not ${kindOf(value)}`);
  }
  const at = parseDateTime(value.trim());
  if (!at) throw inputError(label, `${quoted(value.trim())} is not a date: it ${DATE_TIME_RULE}`);
  return inWindow(at, label, window);
}

const inWindow = (at: Date, label: string, window: DateWindow): Date => {
  const iso = at.toISOString().replace(/\.000Z$/, 'Z');
  if (window.notBefore && at.getTime() < window.notBefore.at.getTime()) throw inputError(label, `${iso} is in the past: use a time from ${window.notBefore.words}`);
  if (window.notAfter && at.getTime() > window.notAfter.at.getTime()) throw inputError(label, `${iso} is too far ahead: use a time up to ${window.notAfter.words}`);
  return at;
};

// ---------------------------------------------------------------------------------------------------
// Decimals
// ---------------------------------------------------------------------------------------------------

export interface DecimalRule {
  min: number;
  max: number;
  /** Most digits after the decimal point: a TrustScore has one. */
  decimals: number;
  /** The rule in words, for the message: "a number from 0.1 to 5, e.g. 0.3". */
  describe: string;
}

/**
 * A decimal number in a range: a number, or decimal text with a point or a comma (`0.3`, `0,3`), as a
 * mapped number field may send it. More digits than the rule allows are refused rather than rounded.
 */
export function optionalDecimal(value: unknown, label: string, rule: DecimalRule): number | undefined {
  if (isBlank(value)) return undefined;
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\s*-?\d{1,16}(?:[.,]\d{1,16})?\s*$/.test(value)) n = Number(value.trim().replace(',', '.'));
  else if (typeof value === 'string') throw inputError(label, `${quoted(value.trim())} is not a number: use ${rule.describe}`);
  else if (Array.isArray(value)) throw inputError(label, ONE_VALUE);
  else throw inputError(label, `must be ${rule.describe}, not ${kindOf(value)}`);
  // Exactly a number with at most that many decimals: 0.3 is, 0.25 and 5e-324 are not.
  if (!Number.isFinite(n) || n < rule.min || n > rule.max || Number(n.toFixed(rule.decimals)) !== n) throw inputError(label, `must be ${rule.describe}`);
  return n;
}
