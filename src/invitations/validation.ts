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
import {
  isEmailAddress as isEmailAddressRule,
  optionalDateTime,
  optionalEmail,
  optionalInteger,
  optionalText,
  optionalWebAddress,
  isWebAddress,
  list,
  requiredEmail,
  requiredText,
} from '../inputs/readers';
import { FIELD_LABELS, locale, readerSchema, SEND_WINDOW_DAYS, sendWindow, TEXT_LIMITS } from '../inputs/invitation-fields';
import { isoUtcSeconds, assertValidDate } from '../util/utc';

const BOTH_TIMES_RULE = 'cannot be combined with Send After (Days): set only one of them';
const MAX_DELAY_DAYS = SEND_WINDOW_DAYS;
const DELAY_RULE = `a whole number of days from 0 to ${MAX_DELAY_DAYS}`;

/** An optional Zapier text field: "" and null mean absent, text is trimmed, one line, at most `max` characters. */
export function optionalTextField(max: number = TEXT_LIMITS.shortText) {
  return readerSchema((value, label) => optionalText(value, label, { max }));
}

/** True when `text` is an email address mail servers accept (see src/inputs/readers.ts). */
export const isEmailAddress = isEmailAddressRule;

/** The one redirect rule of every invitation path: an http:// or https:// web address (see src/inputs/readers.ts). */
export const isRedirectUrl = isWebAddress;

/**
 * How long after the service invitation a product invitation is scheduled: strictly later, because "the
 * serviceReviewInvitation must precede the productReviewInvitation" (https://developers.trustpilot.com/invitation-api).
 */
export const PRODUCT_AFTER_SERVICE_MS = 60_000;

export const consumerEmailSchema = readerSchema(requiredEmail);
export const consumerNameSchema = readerSchema((value, label) => requiredText(value, label, { max: TEXT_LIMITS.name }));
export const referenceNumberSchema = readerSchema((value, label) => requiredText(value, label, { max: TEXT_LIMITS.reference }));
/** For a customer without an email whom the step lets through: empty reads as ''. */
export const optionalConsumerEmailSchema = readerSchema((value, label) => optionalEmail(value, label) ?? '');
export const optionalConsumerNameSchema = readerSchema((value, label) => optionalText(value, label, { max: TEXT_LIMITS.name }) ?? '');
export const localeSchema = readerSchema(locale);
export const optionalEmailField = readerSchema(optionalEmail);
export const redirectUriField = readerSchema(optionalWebAddress);

export const delayDaysSchema = readerSchema((value, label) => optionalInteger(value, label, { min: 0, max: MAX_DELAY_DAYS, describe: DELAY_RULE }));

/** A send time as written; `preferredSendTime` then holds it to the window from now to SEND_WINDOW_DAYS ahead. */
export const sendAtSchema = readerSchema((value, label) => optionalDateTime(value, label));

const TAG_RULE = (tag: string) =>
  /\s/.test(tag) ? `must not contain spaces (Trustpilot's rule), but "${tag}" does: use a hyphen or underscore instead` : undefined;

const listOrAbsent = (entries: string[]) => (entries.length === 0 ? undefined : entries);
export const tagsSchema = readerSchema((value, label) =>
  listOrAbsent(list(value, label, { noun: 'tag', maxItems: TEXT_LIMITS.tags, maxLength: TEXT_LIMITS.tag, entry: TAG_RULE })),
);
export const productSkusSchema = readerSchema((value, label) =>
  listOrAbsent(list(value, label, { noun: 'SKU', maxItems: TEXT_LIMITS.skus, maxLength: TEXT_LIMITS.sku })),
);

const invitationFields = {
  consumer_email: consumerEmailSchema,
  consumer_name: consumerNameSchema,
  reference_number: referenceNumberSchema,
  locale: localeSchema,
  delay_days: delayDaysSchema,
  send_at: sendAtSchema,
  tags: tagsSchema,
  product_skus: productSkusSchema,
};
const oneSendTime = (input: { delay_days?: number; send_at?: Date }) => input.delay_days === undefined || input.send_at === undefined;

export const invitationInputSchema = z.object(invitationFields).refine(oneSendTime, { path: ['send_at'], error: BOTH_TIMES_RULE });

/**
 * The same fields for a customer without an email whom the step lets through (./missing-email): nobody is
 * invited, so the email and the name may be empty, but everything given is still checked.
 */
const withoutEmailSchema = z
  .object({
    ...invitationFields,
    consumer_email: optionalConsumerEmailSchema,
    consumer_name: optionalConsumerNameSchema,
  })
  .refine(oneSendTime, { path: ['send_at'], error: BOTH_TIMES_RULE });

export type InvitationInput = z.output<typeof invitationInputSchema>;

/**
 * Turns a zod failure into one InputError. `field` is the first failing field; the message lists every
 * failure as `<Label>: <problem>.`, so a user fixes the step in one go instead of one error per run.
 * `labels` names schema keys by the labels the user sees where they differ from FIELD_LABELS (the BGL
 * payload uses `email`, `ref` …); its '' entry names the value when a single field's schema is parsed alone.
 */
export function inputErrorFromZod(error: z.ZodError, labels: Record<string, string> = {}): InputError {
  const labelOf = (issue: z.core.$ZodIssue): string => {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '';
    return labels[key] ?? FIELD_LABELS[key] ?? (key || 'Input');
  };
  const sentences = error.issues.map((issue) => `${labelOf(issue)}: ${issue.message.replace(/\.$/, '')}.`);
  const first = error.issues[0];
  return new InputError(first ? labelOf(first) : (labels[''] ?? 'Input'), [...new Set(sentences)].join(' '));
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

/**
 * Validates and normalises the invitation fields every path shares (Zapier `inputData` goes in as is).
 * `emailMissing`: the customer has no email and the step lets the record through; the email and the name
 * then read as '' when empty.
 */
export function parseInvitationInput(raw: unknown, options: { emailMissing?: boolean } = {}): InvitationInput {
  return options.emailMissing ? parseOrThrow(withoutEmailSchema, raw) : parseOrThrow(invitationInputSchema, raw);
}

/**
 * When Trustpilot should send: `send_at` as given, or `delay_days` counted from `now`.
 * Returns ISO-8601 UTC with whole seconds (`2026-12-01T09:30:00Z`), or undefined for "send as soon as possible".
 */
export function preferredSendTime(options: { delayDays?: number; sendAt?: Date | string; now: Date }): string | undefined {
  const { delayDays, sendAt, now } = options;
  assertValidDate(now, 'now');
  if (delayDays !== undefined && sendAt !== undefined) throw new InputError(FIELD_LABELS.send_at!, `${FIELD_LABELS.send_at}: ${BOTH_TIMES_RULE}.`);
  if (delayDays !== undefined) {
    const days = optionalInteger(delayDays, FIELD_LABELS.delay_days!, { min: 0, max: MAX_DELAY_DAYS, describe: DELAY_RULE });
    if (days !== undefined) return isoUtcSeconds(new Date(now.getTime() + days * 86_400_000));
  }
  if (sendAt !== undefined) {
    const at = optionalDateTime(sendAt, FIELD_LABELS.send_at!, sendWindow(now));
    if (at !== undefined) return isoUtcSeconds(at);
  }
  return undefined;
}
