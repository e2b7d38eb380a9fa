/**
 * The settings of an email invitation that are not about the customer: template, sender, redirect,
 * location, sampling and cap. "Send Review Invitation" and every row of the batch share them, so they are
 * validated once, before any call, with errors that name the Zapier field.
 */
import { z } from 'zod';

import { TEXT_LIMITS, readerSchema } from '../inputs/invitation-fields';
import { optionalId, TRUSTPILOT_ID } from '../inputs/readers';
import { parseMonthlyCap } from './optional-inputs';
import { parseSampleOneIn } from './policy/sampling';
import { optionalEmailField, optionalTextField, parseOrThrow, redirectUriField } from './validation';

const optionalTrustpilotId = readerSchema((value, label) => optionalId(value, label, TRUSTPILOT_ID));

const emailSettingsSchema = z.object({
  template_id: optionalTrustpilotId,
  product_template_id: optionalTrustpilotId,
  sender_name: optionalTextField(TEXT_LIMITS.shortText),
  sender_email: optionalEmailField,
  reply_to: optionalEmailField,
  redirect_uri: redirectUriField,
  location_id: optionalTextField(TEXT_LIMITS.shortText),
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
    monthlyCap: parseMonthlyCap(raw.monthly_cap),
  };
}
