/**
 * "Send Review Invitation": one Trustpilot email invitation (service review, plus a product review when
 * SKUs are given), through the shared pipeline: neutral sample → replay guard → monthly cap → send.
 * The batch action schedules each row with `scheduleEmailInvitation` too, so a row and a single step
 * for the same customer and reference are the same invitation to the replay guard.
 */
import { createHash } from 'node:crypto';

import type { Bundle, ZObject } from 'zapier-platform-core';

import { forZapier } from '../errors/for-zapier';
import { FIELD_LABELS } from '../inputs/invitation-fields';
import { inputError } from '../inputs/readers';
import { readBusinessUnitId } from '../trustpilot/business-unit-input';
import { TrustpilotClient } from '../trustpilot/client';
import { createEmailInvitation, trustpilotUtcTime, type EmailInvitationBody } from '../trustpilot/email-invitations';
import { isoUtcSeconds } from '../util/utc';
import { parseEmailSettings, type EmailSettings } from './email-settings';
import { DEFAULT_INVITATION_TYPE, INVITATION_TYPE_LABEL, parseInvitationType, shapeForInvitationType, type InvitationType } from './invitation-type';
import { missingEmailReason, text } from './missing-email';
import { inviteOnce, type InviteOutcome } from './policy/pipeline';
import { invitationKey, type InvitationIdentity } from './policy/replay-guard';
import { parseInvitationInput, preferredSendTime, PRODUCT_AFTER_SERVICE_MS, type InvitationInput } from './validation';

/** The invitation type in the replay guard's identity: every email invitation path uses it. */
export const EMAIL_INVITATION_TYPE = 'email';
export const NOT_IN_SAMPLE = 'not in sample';

export interface Recipient {
  email: string;
  name: string;
  referenceNumber: string;
  locale?: string;
  tags?: string[];
  productSkus?: string[];
  /** Undefined is the default, service_and_products. */
  invitationType?: InvitationType;
}

export interface InvitationTarget {
  businessUnitId: string;
  businessUnitName: string | null;
}

/** The action's output, and what the replay guard stores so a replay can return it. JSON-safe. */
export interface InvitationOutput {
  id: string;
  business_unit_id: string;
  business_unit_name: string | null;
  consumer_email: string;
  consumer_name: string;
  reference_number: string;
  locale: string | null;
  types: string[];
  types_text: string;
  preferred_send_time: string | null;
  template_id: string | null;
  product_template_id: string | null;
  tags: string[];
  tags_text: string;
  product_skus: string[];
  product_skus_text: string;
  scheduled_at: string | null;
  invited: boolean;
  duplicate: boolean;
  reason: string;
}

/** A products-only email is its own invitation: it may follow a service invitation for the same order. */
export const PRODUCTS_ONLY_INVITATION_TYPE = 'email-products';

export function invitationIdentity(
  businessUnitId: string,
  recipient: Pick<Recipient, 'email' | 'referenceNumber'> & { invitationType?: InvitationType },
): InvitationIdentity {
  const type = recipient.invitationType === 'products_only' ? PRODUCTS_ONLY_INVITATION_TYPE : EMAIL_INVITATION_TYPE;
  return { businessUnit: businessUnitId, referenceNumber: recipient.referenceNumber, email: recipient.email, type };
}

/**
 * Trustpilot returns no id for an email invitation, so the output's id is a hash of the invitation's
 * identity (the replay guard's key): stable across replays, and it reveals no email address.
 */
export function invitationId(identity: InvitationIdentity): string {
  return createHash('sha256').update(invitationKey(identity)).digest('hex').slice(0, 32);
}

const hasSkus = (recipient: Recipient) => (recipient.productSkus?.length ?? 0) > 0;

/** Drops undefined members, so the JSON carries no `null` or empty placeholders. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The request body of docs/upstream-facts.md, "Trustpilot: email invitations". Absent optionals are omitted; nothing is sent as an empty string. */
export function buildEmailInvitationBody(recipient: Recipient, settings: EmailSettings, sendAt: Date | undefined): EmailInvitationBody {
  const preferred = sendAt ? trustpilotUtcTime(sendAt) : undefined;
  const body: EmailInvitationBody = compact({
    referenceNumber: recipient.referenceNumber,
    consumerName: recipient.name,
    consumerEmail: recipient.email,
    type: 'email' as const,
    locale: recipient.locale,
    senderName: settings.senderName,
    senderEmail: settings.senderEmail,
    replyTo: settings.replyTo,
    locationId: settings.locationId,
    serviceReviewInvitation: compact({
      templateId: settings.templateId,
      preferredSendTime: preferred,
      redirectUri: settings.redirectUri,
      tags: recipient.tags?.length ? recipient.tags : undefined,
    }),
  });
  if (hasSkus(recipient)) {
    // "If preferredSendTime is specified for both the serviceReviewInvitation and productReviewInvitation, then the
    // serviceReviewInvitation must precede the productReviewInvitation" (https://developers.trustpilot.com/invitation-api).
    // Chosen: a product time PRODUCT_AFTER_SERVICE_MS after the service one, rather than leaving it out, because what
    // Trustpilot does with an unset product time next to a set service time is not documented; one minute keeps the
    // two emails together, as the user scheduled them. The service invitation stays first in the body.
    body.productReviewInvitation = compact({
      templateId: settings.productTemplateId,
      preferredSendTime: sendAt ? trustpilotUtcTime(new Date(sendAt.getTime() + PRODUCT_AFTER_SERVICE_MS)) : undefined,
      redirectUri: settings.redirectUri,
      productSkus: recipient.productSkus!,
    });
  }
  return body;
}

/** The output for this invitation before anything happened (invited: false). */
export function describeInvitation(
  target: InvitationTarget,
  recipient: Recipient,
  settings: EmailSettings,
  sendAt: Date | undefined,
): InvitationOutput {
  const productsOnly = recipient.invitationType === 'products_only';
  const types = productsOnly ? ['product'] : hasSkus(recipient) ? ['service', 'product'] : ['service'];
  const tags = recipient.tags ?? [];
  const skus = recipient.productSkus ?? [];
  return {
    id: invitationId(invitationIdentity(target.businessUnitId, recipient)),
    business_unit_id: target.businessUnitId,
    business_unit_name: target.businessUnitName,
    consumer_email: recipient.email,
    consumer_name: recipient.name,
    reference_number: recipient.referenceNumber,
    locale: recipient.locale ?? null,
    types,
    types_text: types.join(', '),
    preferred_send_time: sendAt ? isoUtcSeconds(sendAt) : null,
    template_id: productsOnly ? null : (settings.templateId ?? null),
    product_template_id: hasSkus(recipient) ? (settings.productTemplateId ?? null) : null,
    tags,
    tags_text: tags.join(', '),
    product_skus: skus,
    product_skus_text: skus.join(', '),
    scheduled_at: null,
    invited: false,
    duplicate: false,
    reason: '',
  };
}

const looksLikeOutput = (value: unknown): value is InvitationOutput =>
  typeof value === 'object' && value !== null && typeof (value as InvitationOutput).id === 'string' && typeof (value as InvitationOutput).consumer_email === 'string';

/** What a step reports for an outcome: a replay returns the first run's output, marked as a duplicate. */
export function outputFor(outcome: InviteOutcome<InvitationOutput>, fresh: InvitationOutput): InvitationOutput {
  switch (outcome.status) {
    case 'sent':
      return outcome.result;
    case 'duplicate':
      return looksLikeOutput(outcome.result)
        ? { ...outcome.result, duplicate: true }
        : { ...fresh, invited: true, duplicate: true };
    case 'not_in_sample':
      return { ...fresh, invited: false, duplicate: false, reason: NOT_IN_SAMPLE };
  }
}

export interface ScheduleOptions {
  target: InvitationTarget;
  recipient: Recipient;
  settings: EmailSettings;
  /** When Trustpilot should send; undefined lets Trustpilot decide. */
  sendAt: Date | undefined;
  now: Date;
}

/** One invitation through the pipeline. Errors propagate as the pipeline and the client throw them. */
export async function scheduleEmailInvitation(
  z: ZObject,
  client: TrustpilotClient,
  options: ScheduleOptions,
): Promise<{ outcome: InviteOutcome<InvitationOutput>; output: InvitationOutput }> {
  const { target, recipient, settings, sendAt, now } = options;
  const fresh = describeInvitation(target, recipient, settings, sendAt);
  const body = shapeForInvitationType(buildEmailInvitationBody(recipient, settings, sendAt), recipient.invitationType, sendAt);
  const outcome = await inviteOnce(z, {
    identity: invitationIdentity(target.businessUnitId, recipient),
    sampleOneIn: settings.sampleOneIn,
    monthlyCap: settings.monthlyCap,
    now,
    send: async () => {
      await createEmailInvitation(client, target.businessUnitId, body);
      return { ...fresh, invited: true, scheduled_at: isoUtcSeconds(now) };
    },
  });
  return { outcome, output: outputFor(outcome, fresh) };
}

/**
 * The business unit a step works on, with its name: the connection's costs no call; another id is looked
 * up once, which also rejects a mistyped id before anything is sent.
 */
export async function resolveTarget(client: TrustpilotClient, chosen: unknown): Promise<InvitationTarget> {
  const businessUnitId = client.businessUnitId(typeof chosen === 'string' ? chosen : undefined);
  const own = client.connection.businessUnitId;
  if (own && own.toLowerCase() === businessUnitId.toLowerCase()) {
    return { businessUnitId, businessUnitName: client.connection.businessUnitName ?? null };
  }
  const unit = await client.getBusinessUnit(businessUnitId);
  return { businessUnitId, businessUnitName: unit.displayName ?? unit.name?.identifying ?? null };
}

/** The output when the customer has no email: nothing is called, and the reason is the task history's line. */
function notInvitedForMissingEmail(
  bundle: Bundle,
  input: InvitationInput,
  settings: EmailSettings,
  chosenBusinessUnit: string | undefined,
  reason: string,
): InvitationOutput {
  const authData = (bundle.authData ?? {}) as Record<string, unknown>;
  const own = text(authData.trustpilot_business_unit_id);
  const businessUnitId = chosenBusinessUnit ?? own;
  return {
    id: '',
    business_unit_id: businessUnitId,
    business_unit_name: businessUnitId === own ? text(authData.trustpilot_business_unit_name) || null : null,
    consumer_email: '',
    consumer_name: input.consumer_name,
    reference_number: input.reference_number,
    locale: input.locale ?? null,
    types: [],
    types_text: '',
    preferred_send_time: null,
    template_id: settings.templateId ?? null,
    product_template_id: settings.productTemplateId ?? null,
    tags: [],
    tags_text: '',
    product_skus: [],
    product_skus_text: '',
    scheduled_at: null,
    invited: false,
    duplicate: false,
    reason,
  };
}

/** The perform of "Send Review Invitation". */
export async function sendInvitation(z: ZObject, bundle: Bundle): Promise<InvitationOutput> {
  return forZapier(z, async () => {
    const inputData = (bundle.inputData ?? {}) as Record<string, unknown>;
    // Every input rule runs before any call, and before a record without an email is let through.
    const noEmail = missingEmailReason(inputData);
    const input = parseInvitationInput(inputData, { emailMissing: noEmail !== undefined });
    const settings = parseEmailSettings(inputData);
    const chosenBusinessUnit = readBusinessUnitId(inputData.business_unit_id);
    const now = new Date();
    const invitationType = parseInvitationType(inputData.invitation_type);
    if (invitationType === 'products_only' && !input.product_skus?.length) {
      throw inputError(FIELD_LABELS.product_skus!, `is required when ${INVITATION_TYPE_LABEL} is products only: list the SKUs to ask about`);
    }
    const preferred = preferredSendTime({ delayDays: input.delay_days, sendAt: input.send_at, now });
    if (noEmail) return notInvitedForMissingEmail(bundle, input, settings, chosenBusinessUnit, noEmail);
    const client = TrustpilotClient.fromBundle(z, bundle);
    const target = await resolveTarget(client, chosenBusinessUnit);

    const recipient: Recipient = {
      email: input.consumer_email,
      name: input.consumer_name,
      referenceNumber: input.reference_number,
      locale: input.locale,
      tags: input.tags,
      // Service only: SKUs mapped into the step are not sent, as the chosen type says.
      productSkus: invitationType === 'service_only' ? undefined : input.product_skus,
      invitationType: invitationType === DEFAULT_INVITATION_TYPE ? undefined : invitationType,
    };
    const { output } = await scheduleEmailInvitation(z, client, {
      target,
      recipient,
      settings,
      sendAt: preferred ? new Date(preferred) : undefined,
      now,
    });
    return output;
  });
}
