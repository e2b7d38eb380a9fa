/**
 * Paged, time-bounded reads of a business unit's reviews, for summaries and imports that walk a period
 * page by page (`GET /v1/private/business-units/{id}/reviews` with `startDateTime`, `page`, `perPage`
 * ≤ 100 and `orderBy`: https://developers.trustpilot.com/business-units-api). Each function is one call.
 */
import { z } from 'zod';

import type { TrustpilotClient } from './client';
import { trustpilotUtcTime } from './email-invitations';
import { productReview, serviceReview } from './reviews';

/** The most reviews one page holds. */
export const REVIEW_PAGE_MAX = 100;

export interface ServiceReviewPageQuery {
  page?: number;
  perPage: number;
  orderBy: 'createdat.asc' | 'createdat.desc';
  /** Reviews created at or after this moment (UTC). */
  since?: Date;
  /** Reviews created at or before this moment (UTC). */
  until?: Date;
  stars?: number;
  /** false: only reviews without a company reply. */
  responded?: boolean;
}

const serviceReviewPage = z.looseObject({ reviews: z.array(serviceReview).nullish() });
const productReviewPage = z.looseObject({ productReviews: z.array(productReview).nullish() });

export const readServiceReviewPage = async (client: TrustpilotClient, businessUnitId: string, query: ServiceReviewPageQuery, action: string) => {
  const { reviews } = await client.request({
    path: `/private/business-units/${encodeURIComponent(businessUnitId)}/reviews`,
    params: {
      orderBy: query.orderBy,
      page: query.page && query.page > 1 ? query.page : undefined,
      perPage: query.perPage,
      startDateTime: query.since ? trustpilotUtcTime(query.since) : undefined,
      endDateTime: query.until ? trustpilotUtcTime(query.until) : undefined,
      stars: query.stars,
      responded: query.responded,
    },
    action,
    schema: serviceReviewPage,
  });
  return reviews ?? [];
};

/** Product reviews have no documented date filter or order (Bruno `Get private product reviews.bru`): callers filter by createdAt. */
export const readProductReviewPage = async (client: TrustpilotClient, businessUnitId: string, page: number, action: string) => {
  const { productReviews } = await client.request({
    path: `/private/product-reviews/business-units/${encodeURIComponent(businessUnitId)}/reviews`,
    params: { page: page > 1 ? page : undefined, perPage: REVIEW_PAGE_MAX },
    action,
    schema: productReviewPage,
  });
  return productReviews ?? [];
};
