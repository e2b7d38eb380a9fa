/**
 * The invitation fields' rules in the input vocabulary: their bounds, the languages Trustpilot takes, the
 * send-time window, and the labels a message names them by. Shared by every invitation path (send, batch,
 * link, BGL, AFS) so the rules cannot drift between them.
 */
import { z } from 'zod';

import { InputError } from '../errors/input-error';
import { COMMON_LOCALES } from '../invitations/fields';
import { inputError, optionalText, type DateWindow } from './readers';

/** Longest values accepted. Each is stated in its field's help text. */
export const TEXT_LIMITS = {
  /** Customer name. */
  name: 200,
  /** Reference number: an order, opportunity or case number (Salesforce names are at most 120). */
  reference: 255,
  /** Sender name, location ID, template IDs and other one-line settings. */
  shortText: 255,
  tag: 100,
  tags: 50,
  sku: 100,
  skus: 200,
} as const;

/** Send times (and Send After (Days)) reach at most this far ahead. */
export const SEND_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;
/** A little slack behind "now": a time mapped from the trigger a moment ago is not "in the past". */
const PAST_SLACK_MS = 10 * 60_000;

export const sendWindow = (now: Date): DateWindow => ({
  notBefore: { at: new Date(now.getTime() - PAST_SLACK_MS), words: 'now' },
  notAfter: { at: new Date(now.getTime() + SEND_WINDOW_DAYS * DAY_MS), words: `${SEND_WINDOW_DAYS} days from now` },
});

/** The invitation languages the app offers (the Language dropdown); Trustpilot writes them language-COUNTRY. */
export const LOCALES: readonly string[] = COMMON_LOCALES;

export function locale(value: unknown, label: string): string | undefined {
  const text = optionalText(value, label, { max: 10 });
  if (text === undefined) return undefined;
  const found = LOCALES.find((l) => l === text);
  if (!found) throw inputError(label, `"${text}" is not a language Trustpilot sends invitations in: choose one from the dropdown, like en-US or de-DE`);
  return found;
}

/** The labels the invitation fields carry in the Zap editor, by key. An action may rename one (AFS). */
export const FIELD_LABELS: Record<string, string> = {
  consumer_email: 'Customer Email',
  consumer_name: 'Customer Name',
  reference_number: 'Reference Number',
  locale: 'Language',
  default_locale: 'Default Language',
  delay_days: 'Send After (Days)',
  send_at: 'Send At',
  tags: 'Tags',
  shared_tags: 'Tags for Every Row',
  product_skus: 'Product SKUs',
  template_id: 'Template',
  product_template_id: 'Product Review Template',
  sender_name: 'Sender Name',
  sender_email: 'Sender Email',
  reply_to: 'Reply-To Email',
  redirect_uri: 'Redirect URL',
  location_id: 'Location ID',
  sample_one_in: 'Invite One In',
  monthly_cap: 'Monthly Invitation Cap',
  business_unit_id: 'Business Unit',
  phone_number: 'Customer Phone Number',
  default_country: 'Default Phone Country',
  message_template: 'Message Template',
};

const PLACEHOLDER = '\u0001field\u0001';

/**
 * A reader as a zod schema, so the invitation paths keep their object schemas while every rule comes from
 * the readers. The reader's problem becomes the issue; `inputErrorFromZod` puts the field's label in front.
 */
export function readerSchema<T>(read: (value: unknown, label: string) => T) {
  const schema = z.unknown().transform((value, ctx): T => {
    try {
      return read(value, PLACEHOLDER);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.message.replace(`${PLACEHOLDER}: `, '').split(PLACEHOLDER).join('this field') });
      return z.NEVER;
    }
  });
  // An absent key reads as "not filled in" (a required reader refuses it by itself, so it is never skipped).
  return z.preprocess((value) => (value === undefined ? null : value), schema);
}
