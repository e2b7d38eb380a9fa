/**
 * Input rules shared by every invitation path (email invitation, invitation link, BGL, AFS).
 *
 * Keys are the snake_case Zapier input keys, so an error can name the field the user sees in the Zap editor.
 * Every schema carries its own message, written as a predicate ("is required", "must look like en-US …"),
 * and `inputErrorFromZod` puts the field name in front of it.
 *
 * Zapier sends an empty optional field as "" (and sometimes null), and a mapped number as a number or a
 * numeric string, so the schemas accept those forms instead of making users fix their mappings.
 */
import { z } from 'zod';

import { InputError } from '../errors/input-error';
import { isoUtcSeconds, assertValidDate } from '../util/utc';

const REQUIRED = 'is required';
const EMAIL_RULE = 'must be a valid email address, like jane@example.com';
const LOCALE_RULE = 'must look like en-US: two lowercase letters, a hyphen, two uppercase letters';
const DELAY_RULE = 'must be a whole number of days from 0 to 90';
const SEND_AT_RULE = 'must be a date and time, like 2026-12-01T09:30:00Z (no time zone means UTC)';
const BOTH_TIMES_RULE = 'cannot be combined with delay_days: set only one of them';
const LOCALE = /^[a-z]{2}-[A-Z]{2}$/;
const MAX_DELAY_DAYS = 90;

/** "" and null mean "not filled in" for an optional Zapier field. */
function blankToUndefined(value: unknown): unknown {
  if (value === null) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}

/** Trims text and turns a mapped number (a reference number, say) into text. */
function toTrimmedText(value: unknown): unknown {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' ? value.trim() : value;
}

const requiredText = z
  .string({ error: (issue) => (issue.input == null ? REQUIRED : 'must be text') })
  .min(1, { error: REQUIRED });

function requiredTextField() {
  return z.preprocess(toTrimmedText, requiredText);
}

/** An optional Zapier field: "" and null mean absent, text is trimmed, and what remains must pass `schema`. */
export function optionalTextField<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => toTrimmedText(blankToUndefined(value)), schema.optional());
}

/**
 * How long after the service invitation a product invitation is scheduled: strictly later, because "the
 * serviceReviewInvitation must precede the productReviewInvitation" (https://developers.trustpilot.com/invitation-api).
 */
export const PRODUCT_AFTER_SERVICE_MS = 60_000;

const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');

/** RFC 5322 atext, plus any non-ASCII character (RFC 6531 lets UTF-8 into the local part). */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\u{10FFFF}-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\u{10FFFF}-]+)*$/u;
const ASCII_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * The one email rule of every invitation path: what mail servers accept, no stricter. Internationalised
 * domains (`jürgen@münchen.de`, checked in their punycode form) and UTF-8 local parts are allowed (RFC 6531);
 * whitespace, CR/LF and other control characters never are, nor quoted local parts. At most 254 octets in all,
 * 64 in the local part (RFC 5321 §4.5.3.1). Trustpilot documents no stricter rule; it answers for itself.
 */
export function isEmailAddress(text: string): boolean {
  if (/[\s\p{Cc}\p{Cf}\u2028\u2029]/u.test(text) || utf8Length(text) > 254) return false;
  const at = text.lastIndexOf('@');
  if (at < 1) return false;
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (utf8Length(local) > 64 || !LOCAL_PART.test(local)) return false;
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

/**
 * The one redirect rule of every invitation path: an http:// or https:// web address, as Trustpilot's own
 * examples use both (https://developers.trustpilot.com/invitation-api: "redirectUri": "http://trustpilot.com").
 * Other schemes (javascript:, data:, ftp:, …) are no page to send a customer to.
 */
export function isRedirectUrl(text: string): boolean {
  if (/[\s\p{Cc}]/u.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && /^https?:\/\//i.test(text);
  } catch {
    return false;
  }
}

export const REDIRECT_RULE = 'must be a full web address starting with https:// or http://, like https://www.example.com/thank-you';

/** An optional email field (sender, reply-to): the same rule as the customer's email. */
export const optionalEmailField = optionalTextField(z.string({ error: EMAIL_RULE }).refine(isEmailAddress, { error: EMAIL_RULE }));
/** An optional redirect URL field. */
export const redirectUriField = optionalTextField(z.string({ error: REDIRECT_RULE }).refine(isRedirectUrl, { error: REDIRECT_RULE }));

export const consumerEmailSchema = z.preprocess(toTrimmedText, requiredText.pipe(z.string().refine(isEmailAddress, { error: EMAIL_RULE })));
export const consumerNameSchema = requiredTextField();
export const referenceNumberSchema = requiredTextField();
export const localeSchema = optionalTextField(
  z.string({ error: LOCALE_RULE }).regex(LOCALE, { error: LOCALE_RULE }),
);

export const delayDaysSchema = z.preprocess(
  (value) => {
    const v = blankToUndefined(value);
    // Zapier may deliver an integer field as "3"; only plain decimal text is read as a number.
    return typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v;
  },
  z
    .number({ error: DELAY_RULE })
    .int({ error: DELAY_RULE })
    .min(0, { error: DELAY_RULE })
    .max(MAX_DELAY_DAYS, { error: DELAY_RULE })
    .optional(),
);

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads an ISO-8601 date-time: seconds and fraction optional, `T` or a space, offset `Z`, `±HH:MM` or `±HHMM`.
 * No offset means UTC (Trustpilot wants UTC anyway). Impossible dates such as 2026-02-30 are rejected
 * instead of being rolled over into March the way `Date` would.
 */
function parseDateTime(text: string): Date | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? '0')) as [
    number, number, number, number, number, number,
  ];
  const millis = Math.floor(Number(`0${m[7] ?? ''}`) * 1000);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const local = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
  if (local.getUTCFullYear() !== year || local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day) {
    return undefined;
  }
  const offset = m[8];
  if (!offset || offset.toUpperCase() === 'Z') return local;
  const digits = offset.replace(':', '');
  const offsetHours = Number(digits.slice(1, 3));
  const offsetMinutes = Number(digits.slice(3, 5));
  if (offsetHours > 14 || offsetMinutes > 59) return undefined;
  const sign = digits.startsWith('-') ? -1 : 1;
  return new Date(local.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
}

export const sendAtSchema = optionalTextField(
  z
    .string({ error: SEND_AT_RULE })
    .refine((text) => parseDateTime(text) !== undefined, { error: SEND_AT_RULE })
    .transform((text) => parseDateTime(text) as Date),
);

/**
 * A list given either as a Zapier list (array) or as comma-separated text; both are common in mappings,
 * and a list item can itself be "a,b" when a user maps text into a list field, so every item is split too.
 * A value that is blank throughout means "not given". A blank entry among real ones (",," or a trailing comma,
 * an empty line item) is an error: it usually means the mapping is pulling the wrong field.
 */
function listField(noun: string, entryRule?: (entry: string) => string | undefined) {
  return z.preprocess(
    (value) => {
      const v = blankToUndefined(value);
      if (v === undefined) return undefined;
      const items = Array.isArray(v) ? v : [v];
      const entries = items.flatMap((item) =>
        typeof item === 'string' ? item.split(',') : typeof item === 'number' ? [String(item)] : [item],
      );
      const trimmed = entries.map((entry) => (typeof entry === 'string' ? entry.trim() : entry));
      return trimmed.every((entry) => entry === '') ? undefined : trimmed;
    },
    z
      .array(z.string({ error: `must be a list of ${noun}s or comma-separated text` }), {
        error: `must be a list of ${noun}s or comma-separated text`,
      })
      .superRefine((entries, ctx) => {
        entries.forEach((entry, index) => {
          const problem = entry === '' ? `has an empty ${noun} at position ${index + 1}: remove the extra comma or empty item` : entryRule?.(entry);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        });
      })
      .optional(),
  );
}

export const tagsSchema = listField('tag', (tag) =>
  /\s/.test(tag)
    ? `must not contain spaces (Trustpilot's rule), but "${tag}" does: use a hyphen or underscore instead`
    : undefined,
);
export const productSkusSchema = listField('SKU');

export const invitationInputSchema = z
  .object({
    consumer_email: consumerEmailSchema,
    consumer_name: consumerNameSchema,
    reference_number: referenceNumberSchema,
    locale: localeSchema,
    delay_days: delayDaysSchema,
    send_at: sendAtSchema,
    tags: tagsSchema,
    product_skus: productSkusSchema,
  })
  .refine((input) => input.delay_days === undefined || input.send_at === undefined, {
    path: ['send_at'],
    error: BOTH_TIMES_RULE,
  });

export type InvitationInput = z.output<typeof invitationInputSchema>;

/**
 * Turns a zod failure into one InputError. `field` is the first failing key; the message lists every
 * failure, so a user fixes the step in one go instead of one error per run.
 * `fieldNames` renames schema keys to Zapier keys where they differ (the BGL payload uses `email`, `ref` …);
 * its '' entry names the value when a single field's schema is parsed on its own.
 */
export function inputErrorFromZod(error: z.ZodError, fieldNames: Record<string, string> = {}): InputError {
  const fieldOf = (issue: z.core.$ZodIssue): string => {
    // A schema parsed on its own (not inside an object) reports an empty path: fieldNames[''] names it.
    const key = issue.path.length > 0 ? String(issue.path[0]) : '';
    return fieldNames[key] ?? (key || 'input');
  };
  const sentences = error.issues.map((issue) => {
    const message = issue.message.replace(/\.$/, '');
    // Our own rules are predicates ("is required"); a stray built-in zod message reads better after a colon.
    return /^[A-Z]/.test(message) ? `${fieldOf(issue)}: ${message}.` : `${fieldOf(issue)} ${message}.`;
  });
  const first = error.issues[0];
  return new InputError(first ? fieldOf(first) : (fieldNames[''] ?? 'input'), [...new Set(sentences)].join(' '));
}

/** Parses with `schema`, throwing an InputError that names the field on failure. */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  raw: unknown,
  fieldNames?: Record<string, string>,
): z.output<T> {
  const result = schema.safeParse(raw);
  if (!result.success) throw inputErrorFromZod(result.error, fieldNames);
  return result.data;
}

/** Validates and normalises the invitation fields every path shares (Zapier `inputData` goes in as is). */
export function parseInvitationInput(raw: unknown): InvitationInput {
  return parseOrThrow(invitationInputSchema, raw);
}

/**
 * When Trustpilot should send: `send_at` as given, or `delay_days` counted from `now`.
 * Returns ISO-8601 UTC with whole seconds (`2026-12-01T09:30:00Z`), or undefined for "send as soon as possible".
 */
export function preferredSendTime(options: { delayDays?: number; sendAt?: Date | string; now: Date }): string | undefined {
  const { delayDays, sendAt, now } = options;
  assertValidDate(now, 'now');
  if (delayDays !== undefined && sendAt !== undefined) throw new InputError('send_at', `send_at ${BOTH_TIMES_RULE}.`);
  if (delayDays !== undefined) {
    const days = parseOrThrow(delayDaysSchema, delayDays, { '': 'delay_days' }) as number;
    return isoUtcSeconds(new Date(now.getTime() + days * 86_400_000));
  }
  if (sendAt !== undefined) {
    const at = sendAt instanceof Date ? sendAt : parseOrThrow(sendAtSchema, sendAt, { '': 'send_at' });
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new InputError('send_at', `send_at ${SEND_AT_RULE}.`);
    return isoUtcSeconds(at);
  }
  return undefined;
}
