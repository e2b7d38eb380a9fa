/**
 * Product review invitation links, on the api host (not the invitations host):
 * `POST https://api.trustpilot.com/v1/private/product-reviews/business-units/{businessUnitId}/invitation-links`
 * (developers.trustpilot.com/product-reviews-api; Trustpilot's Bruno request "Create product review invitation link").
 *
 * Body keys as Bruno has them: consumer {email, name}, referenceId, locale, redirectUri, products [{sku, …}].
 * The answer is documented only by Trustpilot's node client ("an object containing the reviewLinkId and reviewUrl",
 * github.com/trustpilot/node-trustpilot, src/productReviewApi/productReview.js, 2015), so the schema also reads the
 * service link's `{id, url}` form and needs only one id and one https URL.
 */
import { z } from 'zod';

import type { TrustpilotClient } from './client';

export interface ProductInvitationLinkRequest {
  email: string;
  name: string;
  referenceId: string;
  locale?: string;
  redirectUri?: string;
  skus: string[];
}

const httpsUrl = z.url({ protocol: /^https$/ });

export const productInvitationLink = z
  .looseObject({
    reviewLinkId: z.string().min(1).optional(),
    reviewUrl: httpsUrl.optional(),
    id: z.string().min(1).optional(),
    url: httpsUrl.optional(),
  })
  .refine((link) => (link.reviewLinkId ?? link.id) !== undefined && (link.reviewUrl ?? link.url) !== undefined, {
    message: 'the answer has no reviewLinkId and reviewUrl',
  })
  .transform((link) => ({ id: (link.reviewLinkId ?? link.id)!, url: (link.reviewUrl ?? link.url)! }));
export type ProductInvitationLink = z.output<typeof productInvitationLink>;

/** The body in Bruno's key order, absent optionals left out. Products are named by SKU only: the app knows no more. */
export function productInvitationLinkBody(request: ProductInvitationLinkRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { consumer: { email: request.email, name: request.name }, referenceId: request.referenceId };
  if (request.locale !== undefined) body.locale = request.locale;
  if (request.redirectUri !== undefined) body.redirectUri = request.redirectUri;
  body.products = request.skus.map((sku) => ({ sku }));
  return body;
}

/** Creates the link. A write: never repeated after an unknown outcome. */
export async function createProductInvitationLink(
  client: TrustpilotClient,
  businessUnitId: string,
  request: ProductInvitationLinkRequest,
): Promise<ProductInvitationLink> {
  return client.request({
    method: 'POST',
    path: `/private/product-reviews/business-units/${encodeURIComponent(businessUnitId)}/invitation-links`,
    json: productInvitationLinkBody(request),
    action: 'create the product review invitation link',
    effect: 'write',
    asBusinessUser: Boolean(client.connection.businessUserId),
    schema: productInvitationLink,
  });
}
