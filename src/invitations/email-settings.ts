/**
 * The settings of an email invitation that are not about the customer: template, sender, redirect,
 * location, sampling and cap. "Send Review Invitation" and every row of the batch share them, so they are
 * validated once, before any call, with errors that name the Zapier field.
 */
import { z } from 'zod';

import { parseSampleOneIn } from './policy/sampling';
import { isEmailAddress, isRedirectUrl, parseOrThrow, REDIRECT_RULE } from './validation';

const EMAIL_RULE = 'must be a valid email address, like support@example.com';
const ID_RULE = 'must be an ID without spaces: choose it from the dropdown';
const CAP_RULE = 'must be a whole number of 1 or more, or empty for no cap';

/** "" and null mean "not filled in"; a mapped number becomes text; text is trimmed. */
const cleanText = (value: unknown): unknown => {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

const optionalText = (rule = 'must be text') => z.preprocess(cleanText, z.string({ error: rule }).optional());

const optionalId = z.preprocess(cleanText, z.string({ error: ID_RULE }).regex(/^\S+$/, { error: ID_RULE }).optional());

const optionalEmail = z.preprocess(
  cleanText,
  z.string({ error: EMAIL_RULE }).refine(isEmailAddress, { error: EMAIL_RULE }).optional(),
);

const optionalRedirectUrl = z.preprocess(
  cleanText,
  z.string({ error: REDIRECT_RULE }).refine(isRedirectUrl, { error: REDIRECT_RULE }).optional(),
);

const monthlyCapSchema = z.preprocess(
  (value) => {
    const v = cleanText(value);
    return typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  },
  z.number({ error: CAP_RULE }).int({ error: CAP_RULE }).min(1, { error: CAP_RULE }).optional(),
);

const emailSettingsSchema = z.object({
  template_id: optionalId,
  product_template_id: optionalId,
  sender_name: optionalText(),
  sender_email: optionalEmail,
  reply_to: optionalEmail,
  redirect_uri: optionalRedirectUrl,
  location_id: optionalText(),
  monthly_cap: monthlyCapSchema,
});

export interface EmailSettings {
  templateId?: string;
  productTemplateId?: string;
  senderName?: string;
  senderEmail?: string;
  replyTo?: string;
  redirectUri?: string;
  locationId?: string;
  sampleOneIn: number;
  monthlyCap?: number;
}

/** Reads the settings from Zapier's inputData (other keys are ignored), throwing an InputError naming the field. */
export function parseEmailSettings(raw: Record<string, unknown>): EmailSettings {
  const parsed = parseOrThrow(emailSettingsSchema, raw);
  return {
    templateId: parsed.template_id,
    productTemplateId: parsed.product_template_id,
    senderName: parsed.sender_name,
    senderEmail: parsed.sender_email,
    replyTo: parsed.reply_to,
    redirectUri: parsed.redirect_uri,
    locationId: parsed.location_id,
    sampleOneIn: parseSampleOneIn(raw.sample_one_in),
    monthlyCap: parsed.monthly_cap,
  };
}
