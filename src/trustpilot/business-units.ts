/**
 * Business unit figures beyond the public profile (which `TrustpilotClient.getBusinessUnit` and
 * `findBusinessUnit` return).
 */
import { z } from 'zod';

import type { TrustpilotClient } from './client';
import { trustpilotUtcTime } from './email-invitations';

/** The most reviews one page of `/private/business-units/{id}/reviews` holds (docs/upstream-facts.md, "Trustpilot: reviews and business units"). */
export const REVIEWS_PAGE_MAX = 100;

/** Only the count matters here, so each review is kept as an opaque object. */
const reviewPage = z.looseObject({ reviews: z.array(z.looseObject({})) });

/**
 * Reviews created since `since` that have no company reply yet, counted from one page: at most
 * REVIEWS_PAGE_MAX, so `capped` says when the true number may be higher.
 */
export async function countReviewsAwaitingReply(
  client: TrustpilotClient,
  businessUnitId: string,
  since: Date,
): Promise<{ count: number; capped: boolean }> {
  const { reviews } = await client.request({
    path: `/private/business-units/${encodeURIComponent(businessUnitId)}/reviews`,
    params: { responded: 'false', startDateTime: trustpilotUtcTime(since), perPage: REVIEWS_PAGE_MAX },
    action: 'count the reviews awaiting a reply',
    schema: reviewPage,
  });
  return { count: reviews.length, capped: reviews.length >= REVIEWS_PAGE_MAX };
}
