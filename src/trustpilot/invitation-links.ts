/**
 * Service review invitation links (docs/upstream-facts.md, "Trustpilot: invitation links"):
 * `POST https://invitations-api.trustpilot.com/v1/private/business-units/{id}/invitation-links`.
 *
 * Request keys as in Trustpilot's own request collection (Bruno "Generate service review invitation link"):
 * locationId, referenceId, email, name, locale, tags, redirectUri. The answer is `{id, url}`, the id being
 * 32 hex characters and the url an evaluate-link page, possibly on a country host (uk.trustpilot.com).
 */
import { z } from 'zod';

import type { TrustpilotClient } from './client';
import { INVITATION_FIELD_LABELS } from './errors';

export interface InvitationLinkRequest {
  referenceId: string;
  email: string;
  name: string;
  locale?: string;
  tags?: string[];
  redirectUri?: string;
  locationId?: string;
}

export const invitationLink = z.looseObject({
  id: z.string().min(1),
  url: z.url({ protocol: /^https$/ }),
});
export type InvitationLink = z.infer<typeof invitationLink>;

/** The body with absent optionals left out, in the reference's key order. */
export function invitationLinkBody(request: InvitationLinkRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (request.locationId !== undefined) body.locationId = request.locationId;
  body.referenceId = request.referenceId;
  body.email = request.email;
  body.name = request.name;
  if (request.locale !== undefined) body.locale = request.locale;
  if (request.tags !== undefined && request.tags.length > 0) body.tags = request.tags;
  if (request.redirectUri !== undefined) body.redirectUri = request.redirectUri;
  return body;
}

/**
 * Creates a unique invitation link. A write: never repeated after an unknown outcome.
 * `x-business-user-id` is documented for email invitations made with a client-credentials token, not for
 * links (https://developers.trustpilot.com/invitation-api), so it is sent only when the connection has one.
 */
export async function createInvitationLink(
  client: TrustpilotClient,
  businessUnitId: string,
  request: InvitationLinkRequest,
): Promise<InvitationLink> {
  return client.request({
    host: 'invitations',
    method: 'POST',
    path: `/private/business-units/${encodeURIComponent(businessUnitId)}/invitation-links`,
    json: invitationLinkBody(request),
    action: 'create the invitation link',
    effect: 'write',
    asBusinessUser: 'when-known',
    fieldLabels: INVITATION_FIELD_LABELS,
    schema: invitationLink,
  });
}
