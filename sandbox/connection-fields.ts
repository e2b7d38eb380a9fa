/** What a user would type into the app's connection form for the sandbox. The keys are the app's contract. */
import type { Sandbox } from '.';

export const connectionFields = (sb: Pick<Sandbox, 'urls' | 'credentials'>): Record<string, string> => ({
  trustpilot_api_key: sb.credentials.trustpilot.apiKey,
  trustpilot_api_secret: sb.credentials.trustpilot.apiSecret,
  trustpilot_business_user_id: sb.credentials.trustpilot.businessUserId,
  trustpilot_business_unit: sb.credentials.trustpilot.domain,
  salesforce_domain: sb.urls.salesforce,
  salesforce_client_id: sb.credentials.salesforce.clientId,
  salesforce_client_secret: sb.credentials.salesforce.clientSecret,
  // The Automatic Feedback Service address Trustpilot shows the business (`<domain>+<code>@invite.trustpilot.com`).
  afs_bcc_address: `${sb.credentials.trustpilot.domain}+3b16a3a86d@invite.trustpilot.com`,
  bgl_encryption_key: sb.credentials.bgl.encryptionKey,
  bgl_authentication_key: sb.credentials.bgl.authenticationKey,
});
