/**
 * Which review invitations one email request schedules: Trustpilot's email invitation carries a
 * `serviceReviewInvitation`, a `productReviewInvitation`, or both. "If you only want to create a service review
 * invitation, you can omit the productReviewInvitation section" (developers.trustpilot.com/invitation-api), and
 * Trustpilot's own "Just Product Review" example omits the service section (support.trustpilot.com community post
 * 10091177348754, "API for Invitations: Simplified Payload Examples").
 *
 * Plain data and small functions only: the "Send Review Invitation" shell imports the field while the app loads.
 */
import type { PlainInputField } from 'zapier-platform-core';

import { inputError, optionalChoice } from '../inputs/readers';
import { trustpilotUtcTime, type EmailInvitationBody } from '../trustpilot/email-invitations';

export const INVITATION_TYPES = ['service_and_products', 'service_only', 'products_only'] as const;
export type InvitationType = (typeof INVITATION_TYPES)[number];
export const DEFAULT_INVITATION_TYPE: InvitationType = 'service_and_products';

export const INVITATION_TYPE_LABEL = 'Invitation Type';

export const invitationTypeField = {
  key: 'invitation_type',
  label: INVITATION_TYPE_LABEL,
  type: 'string',
  required: false,
  default: DEFAULT_INVITATION_TYPE,
  choices: [
    { value: 'service_and_products', sample: 'service_and_products', label: 'Service review, plus product reviews when SKUs are given' },
    { value: 'service_only', sample: 'service_only', label: 'Service review only (SKUs are ignored)' },
    { value: 'products_only', sample: 'products_only', label: 'Product reviews only (needs Product SKUs)' },
  ],
  helpText:
    'What the email asks the customer to review. **Products only** needs **Product SKUs**, e.g. for a product that ships ' +
    'later. A products-only and a service invitation for the same order are separate invitations: each is sent once.',
} satisfies PlainInputField;

/** The choice, or the default when the field is empty. Anything else names the field and the choices. */
export function parseInvitationType(value: unknown): InvitationType {
  return optionalChoice(value, INVITATION_TYPE_LABEL, INVITATION_TYPES) ?? DEFAULT_INVITATION_TYPE;
}

/**
 * The body for a products-only invitation: the product section alone, at the chosen send time. The other types
 * are the body as built (service_only has no SKUs by the time the body is built).
 */
export function shapeForInvitationType(body: EmailInvitationBody, type: InvitationType | undefined, sendAt: Date | undefined): EmailInvitationBody {
  if (type !== 'products_only') return body;
  const { serviceReviewInvitation: _service, productReviewInvitation, ...rest } = body;
  if (!productReviewInvitation) throw inputError('Product SKUs', `is required when ${INVITATION_TYPE_LABEL} is products only`);
  const product = { ...productReviewInvitation };
  // With no service invitation there is nothing for the product one to follow: it goes at the chosen time.
  if (sendAt) product.preferredSendTime = trustpilotUtcTime(sendAt);
  else delete product.preferredSendTime;
  return { ...rest, productReviewInvitation: product };
}
