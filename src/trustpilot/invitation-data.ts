/**
 * Deleting invitation data, Trustpilot's erasure call (developers.trustpilot.com/invitation-api, "Delete invitation
 * data"; Trustpilot's Bruno request "Delete invitation data (private)"):
 * `POST https://invitations-api.trustpilot.com/v1/private/business-units/{businessUnitId}/invitation-data/delete`.
 *
 * "When providing a list of email addresses, all invitations data related to the specified consumer email addresses
 * will be deleted. When providing a date, all invitations data older than the specified date will be deleted. It is
 * not possible to specify a list of email addresses and a date at the same time. This is not reversible."
 * The answer's body is undocumented, so any 2xx is success and nothing in it is read.
 */
import type { TrustpilotClient } from './client';

export type InvitationDataDeletion =
  | { customerEmails: string[]; deleteOlderThan?: never }
  /** UTC without an offset, `2025-01-31T00:00:00`, as Trustpilot's examples write times. */
  | { deleteOlderThan: string; customerEmails?: never };

export async function deleteInvitationData(client: TrustpilotClient, businessUnitId: string, deletion: InvitationDataDeletion): Promise<void> {
  await client.request({
    host: 'invitations',
    method: 'POST',
    path: `/private/business-units/${encodeURIComponent(businessUnitId)}/invitation-data/delete`,
    json: deletion,
    action: 'delete the customers’ invitation data',
    effect: 'write',
    // Optional here, as for email invitations: "should be provided when access token is obtained using
    // client_credentials grant type". Sent when the connection names a business user.
    asBusinessUser: Boolean(client.connection.businessUserId),
  });
}
