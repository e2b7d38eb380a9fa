/**
 * Trustpilot's email invitation endpoint (docs/upstream-facts.md, "Trustpilot: email invitations"): one call schedules a service review invitation
 * and, with SKUs, a product review invitation. Only this file knows the path and the body's field names.
 */
import type { TrustpilotClient } from './client';
import { INVITATION_FIELD_LABELS } from './errors';

/** Times in this body are UTC without an offset (`2026-12-08T09:30:00`), the form Trustpilot's own examples use. */
export interface EmailInvitationBody {
  referenceNumber: string;
  consumerName: string;
  consumerEmail: string;
  type: 'email';
  locale?: string;
  senderName?: string;
  senderEmail?: string;
  replyTo?: string;
  locationId?: string;
  /** Absent for a products-only invitation. */
  serviceReviewInvitation?: {
    templateId?: string;
    preferredSendTime?: string;
    redirectUri?: string;
    tags?: string[];
  };
  productReviewInvitation?: {
    templateId?: string;
    preferredSendTime?: string;
    redirectUri?: string;
    productSkus: string[];
  };
}

/**
 * `2026-12-08T09:30:00`: the UTC time as Trustpilot's examples write it. "The preferredSendTime must be in UTC"
 * (docs/upstream-facts.md, "Trustpilot: email invitations"), and its examples carry no offset; a `Z` is what some date parsers turn into server-local time.
 */
export function trustpilotUtcTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '');
}

/**
 * Schedules the invitation. The response body is undocumented (docs/upstream-facts.md, "Trustpilot: email invitations"), so any 2xx is success and
 * nothing in it is read; 4xx become sentences in the client, and a 5xx or dropped connection on this write
 * becomes `outcome_unknown` instead of a repeat.
 */
export async function createEmailInvitation(
  client: TrustpilotClient,
  businessUnitId: string,
  body: EmailInvitationBody,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  await client.request({
    host: 'invitations',
    method: 'POST',
    path: `/private/business-units/${encodeURIComponent(businessUnitId)}/email-invitations`,
    json: body,
    action: 'schedule the review invitation',
    effect: 'write',
    asBusinessUser: true,
    fieldLabels: INVITATION_FIELD_LABELS,
    timeoutMs: options.timeoutMs,
  });
}
