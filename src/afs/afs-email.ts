/**
 * "Build AFS Invitation Email": the pieces a following Gmail / Outlook / "Email by Zapier" step needs to
 * invite through Trustpilot's Automatic Feedback Service (docs/upstream-facts.md, "Trustpilot: Automatic Feedback Service (AFS)"): the customer as To, the AFS address
 * as BCC, and the structured-data snippet appended to the email's HTML.
 *
 * AFS works on every plan, without API access. The BCC address comes from the connection's "AFS BCC Address";
 * the step's own field, kept for Zaps built before the connection had it, overrides it. The address stands in
 * for the business unit in the replay guard and the monthly cap.
 *
 * A customer without an email goes through with `invited: false` and the reason, and the user's own body
 * unchanged, unless the user chose "Stop with an error".
 *
 * Outside the neutral sample nothing in the output invites: BCC and the snippet are empty and the HTML body
 * is the user's own, so the following step still sends the transactional email, without an invitation.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { forZapier } from '../errors/for-zapier';
import { InputError } from '../errors/input-error';
import { missingEmailReason } from '../invitations/missing-email';
import { isoUtcSeconds } from '../util/utc';
import { EMAIL_MAX, optionalText } from '../inputs/readers';
import { AFS_DOMAIN, AFS_OVERRIDE_LABEL, BODY_HTML_LABEL, BODY_HTML_MAX, WHERE_AFS_IS } from './address';
import { afsTime, appendSnippetToHtml, buildAfsSnippet, validateAfsAddress } from './snippet';
import { withComplianceOutputs, type ComplianceOutputs } from '../invitations/policy/outcome';
import { optionalEmailSchema, optionalTextSchema, parseMonthlyCap } from '../invitations/optional-inputs';
import { inviteOnce } from '../invitations/policy/pipeline';
import { parseSampleOneIn } from '../invitations/policy/sampling';
import {
  consumerEmailSchema,
  consumerNameSchema,
  delayDaysSchema,
  localeSchema,
  optionalConsumerEmailSchema,
  optionalConsumerNameSchema,
  parseOrThrow,
  preferredSendTime,
  PRODUCT_AFTER_SERVICE_MS,
  productSkusSchema,
  referenceNumberSchema,
  sendAtSchema,
  tagsSchema,
} from '../invitations/validation';

const afsInputSchema = zod.object({
  consumer_email: consumerEmailSchema,
  consumer_name: consumerNameSchema,
  reference_number: referenceNumberSchema,
  template_id: optionalTextSchema,
  product_template_id: optionalTextSchema,
  locale: localeSchema,
  delay_days: delayDaysSchema,
  send_at: sendAtSchema,
  tags: tagsSchema,
  product_skus: productSkusSchema,
  sender_name: optionalTextSchema,
  sender_email: optionalEmailSchema,
  reply_to: optionalEmailSchema,
  location_id: optionalTextSchema,
});

/** A customer without an email whom the step lets through: the email and the name may be empty. */
const afsInputWithoutEmailSchema = afsInputSchema.extend({ consumer_email: optionalConsumerEmailSchema, consumer_name: optionalConsumerNameSchema });

/** The validated fields, as outputs: every key present, '' or [] when not given. */
export interface AfsParsedOutputs {
  consumer_email: string;
  consumer_name: string;
  reference_number: string;
  template_id: string;
  product_template_id: string;
  locale: string;
  preferred_send_time: string;
  product_preferred_send_time: string;
  tags: string[];
  product_skus: string[];
  sender_name: string;
  sender_email: string;
  reply_to: string;
  location_id: string;
}

export type AfsEmailOutput = {
  to: string;
  bcc: string;
  snippet_html: string;
  html_body: string;
} & AfsParsedOutputs &
  ComplianceOutputs;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The step's AFS BCC Address when filled in, else the connection's. */
function afsAddressFor(bundle: Bundle, inputData: Record<string, unknown>): string {
  const own = optionalText(inputData.afs_address, AFS_OVERRIDE_LABEL, { max: EMAIL_MAX });
  if (own) return validateAfsAddress(own, 'afs_address', AFS_OVERRIDE_LABEL);
  const connection = text((bundle.authData ?? {}).afs_bcc_address);
  if (connection) return validateAfsAddress(connection, 'afs_address', 'The connection’s AFS BCC Address');
  throw new InputError(
    'afs_address',
    `AFS BCC Address: fill it in once in the connection (or in this step's ${AFS_OVERRIDE_LABEL}). It is your address ending in @${AFS_DOMAIN}, from ${WHERE_AFS_IS}.`,
    'AFS BCC Address',
  );
}

/** The user's own email body, checked like any text field but passed on exactly as given (not trimmed). */
function readBodyHtml(value: unknown): string {
  const checked = optionalText(value, BODY_HTML_LABEL, { max: BODY_HTML_MAX, multiline: true });
  if (checked === undefined) return '';
  return typeof value === 'string' ? value : checked;
}

const EMPTY_PARSED: AfsParsedOutputs = {
  consumer_email: '',
  consumer_name: '',
  reference_number: '',
  template_id: '',
  product_template_id: '',
  locale: '',
  preferred_send_time: '',
  product_preferred_send_time: '',
  tags: [],
  product_skus: [],
  sender_name: '',
  sender_email: '',
  reply_to: '',
  location_id: '',
};

export async function buildAfsEmail(z: ZObject, bundle: Bundle, now: Date = new Date()): Promise<AfsEmailOutput> {
  return forZapier(z, async () => {
    const inputData = (bundle.inputData ?? {}) as Record<string, unknown>;
    // Every field is read before anything is counted or remembered, and before a record without an email is let through.
    const noEmail = missingEmailReason(inputData);
    const afsAddress = afsAddressFor(bundle, inputData);
    const bodyHtml = readBodyHtml(inputData.body_html);
    const input = parseOrThrow(noEmail ? afsInputWithoutEmailSchema : afsInputSchema, inputData);
    const sampleOneIn = parseSampleOneIn(inputData.sample_one_in);
    const monthlyCap = parseMonthlyCap(inputData.monthly_cap);
    const sendTime = preferredSendTime({ delayDays: input.delay_days, sendAt: input.send_at, now });
    if (noEmail) {
      // The email step that follows has no one to send to; the user's own body is passed on unchanged.
      return {
        ...EMPTY_PARSED,
        consumer_name: input.consumer_name,
        reference_number: input.reference_number,
        to: '',
        bcc: '',
        snippet_html: '',
        html_body: bodyHtml,
        invited: false,
        duplicate: false,
        reason: noEmail,
      };
    }

    const skus = input.product_skus ?? [];
    // As for API invitations, the product invitation goes strictly after the service one: Trustpilot's snippet
    // example schedules it later (https://support.trustpilot.com/hc/en-us/articles/221618467).
    const productSendTime =
      skus.length > 0 && sendTime ? isoUtcSeconds(new Date(Date.parse(sendTime) + PRODUCT_AFTER_SERVICE_MS)) : undefined;
    // Rendered before the pipeline even when it may not be used: a snippet that cannot be built fails the
    // step before anything is counted or remembered.
    const snippet = buildAfsSnippet({
      recipientEmail: input.consumer_email,
      recipientName: input.consumer_name,
      referenceId: input.reference_number,
      templateId: input.template_id,
      productReviewInvitationTemplateId: input.product_template_id,
      locale: input.locale,
      senderEmail: input.sender_email,
      senderName: input.sender_name,
      replyTo: input.reply_to,
      preferredSendTime: sendTime && afsTime(sendTime),
      productReviewInvitationPreferredSendTime: productSendTime && afsTime(productSendTime),
      tags: input.tags,
      products: skus.map((sku) => ({ sku })),
      locationId: input.location_id,
    });

    const parsed: AfsParsedOutputs = {
      consumer_email: input.consumer_email,
      consumer_name: input.consumer_name,
      reference_number: input.reference_number,
      template_id: input.template_id ?? '',
      product_template_id: input.product_template_id ?? '',
      locale: input.locale ?? '',
      preferred_send_time: sendTime ?? '',
      product_preferred_send_time: productSendTime ?? '',
      tags: input.tags ?? [],
      product_skus: skus,
      sender_name: input.sender_name ?? '',
      sender_email: input.sender_email ?? '',
      reply_to: input.reply_to ?? '',
      location_id: input.location_id ?? '',
    };

    const outcome = await inviteOnce(z, {
      identity: { businessUnit: afsAddress, referenceNumber: input.reference_number, email: input.consumer_email, type: 'afs' },
      sampleOneIn,
      monthlyCap,
      now,
      send: async () => ({
        to: input.consumer_email,
        bcc: afsAddress,
        snippet_html: snippet,
        html_body: appendSnippetToHtml(bodyHtml, snippet),
        ...parsed,
      }),
    });
    // Not in the sample: nothing that invites. The email still goes out, as the user's own body, without BCC.
    return withComplianceOutputs(outcome, sampleOneIn, {
      to: input.consumer_email,
      bcc: '',
      snippet_html: '',
      html_body: bodyHtml,
      ...parsed,
    });
  });
}
