/**
 * Trustpilot's review endpoints (service reviews, product reviews and their conversations) and the
 * shapes they answer with (reference/trustpilot-api.md §3.2–3.4, §7). Schemas are tolerant on purpose:
 * reviews without a title, a reply, tags or a location are normal, and Trustpilot adds fields over time.
 */
import { z } from 'zod';

import { errorCode } from '../errors/error-message';
import type { TrustpilotClient } from './client';

const text = z.string().nullish();

const tag = z.looseObject({ group: text, value: text });

const companyReply = z.looseObject({
  text,
  createdAt: text,
  updatedAt: text,
  authorBusinessUserId: text,
});

/**
 * A service review as the private list, the private single-review endpoint and the
 * `service-review-created` webhook event all describe it. The webhook names the consumer `name` and
 * the location `locationId`; the API says `displayName` and `location {id, name, externalId}`.
 */
export const serviceReview = z.looseObject({
  id: z.string().min(1),
  stars: z.number().nullish(),
  title: text,
  text,
  language: text,
  createdAt: text,
  updatedAt: text,
  isVerified: z.boolean().nullish(),
  referenceId: text,
  /** The invited customer's email: private endpoints only, never in webhooks. */
  referralEmail: text,
  consumer: z.looseObject({ id: text, displayName: text, name: text, displayLocation: text }).nullish(),
  businessUnit: z.looseObject({ id: text, identifyingName: text, displayName: text }).nullish(),
  location: z.looseObject({ id: text, name: text, externalId: text, urlFormattedName: text }).nullish(),
  locationId: text,
  companyReply: companyReply.nullish(),
  tags: z.array(tag).nullish(),
});
export type ServiceReview = z.infer<typeof serviceReview>;

const serviceReviewList = z.looseObject({ reviews: z.array(serviceReview).nullish() });

/** A private product review (Pipedream's parser of the real API, docs/upstream-facts.md, "Trustpilot: reviews and business units"). Product reviews have no title. */
export const productReview = z.looseObject({
  id: z.string().min(1),
  stars: z.number().nullish(),
  content: text,
  language: text,
  locale: text,
  createdAt: text,
  updatedAt: text,
  businessUnitId: text,
  referenceId: text,
  state: text,
  conversationId: text,
  consumer: z.looseObject({ id: text, name: text, email: text }).nullish(),
  product: z.looseObject({ id: text, sku: text, name: text, productUrl: text, brand: text }).nullish(),
});
export type ProductReview = z.infer<typeof productReview>;

const createdConversation = z.looseObject({ conversationId: z.string().min(1) });

export const conversationComment = z.looseObject({
  commentId: z.string().min(1),
  createdAt: text,
  content: text,
  author: z.looseObject({ id: text, type: text }).nullish(),
});
export type ConversationComment = z.infer<typeof conversationComment>;

/** The public page of a service review. Product reviews have no page of their own on trustpilot.com. */
export const publicReviewUrl = (reviewId: string) => `https://www.trustpilot.com/reviews/${encodeURIComponent(reviewId)}`;

const reviewPath = (reviewId: string) => `/private/reviews/${encodeURIComponent(reviewId)}`;
const productReviewPath = (reviewId: string) => `/private/product-reviews/${encodeURIComponent(reviewId)}`;

export interface ServiceReviewQuery {
  perPage: number;
  stars?: number[];
  language?: string;
  /** false: only reviews without a company reply. */
  responded?: boolean;
  referenceId?: string;
  referralEmail?: string;
}

/** One page of the business unit's private service reviews, newest first. */
export const listServiceReviews = async (client: TrustpilotClient, businessUnitId: string, query: ServiceReviewQuery) => {
  const { reviews } = await client.request({
    path: `/private/business-units/${encodeURIComponent(businessUnitId)}/reviews`,
    params: {
      orderBy: 'createdat.desc',
      perPage: query.perPage,
      // Several values are sent comma-separated, as Trustpilot's "1-5, separated by commas" describes.
      stars: query.stars?.length ? query.stars.join(',') : undefined,
      language: query.language,
      responded: query.responded,
      referenceId: query.referenceId,
      referralEmail: query.referralEmail,
    },
    action: 'list the service reviews',
    schema: serviceReviewList,
  });
  return reviews ?? [];
};

/** undefined when Trustpilot has no such review (deleted, never existed, or another account's). */
export const findServiceReview = (client: TrustpilotClient, reviewId: string) =>
  client.request({
    path: reviewPath(reviewId),
    action: 'look up the review',
    notFoundAsUndefined: true,
    schema: serviceReview,
  }) as Promise<ServiceReview | undefined>;

/**
 * Trustpilot keeps one company reply per service review: posting again replaces it. The answer is a
 * 2xx, often 201 with an empty body, so nothing is read from it.
 */
export const replyToServiceReview = async (client: TrustpilotClient, reviewId: string, message: string): Promise<void> => {
  const action = 'reply to the review';
  await client.request({
    method: 'POST',
    path: `${reviewPath(reviewId)}/reply`,
    json: { authorBusinessUserId: client.businessUserId(action), message },
    action,
    asBusinessUser: true,
  });
};

/**
 * `DELETE /v1/private/reviews/{reviewId}/reply` (developers.trustpilot.com/service-reviews-api; Bruno "Delete a
 * reply to a review": no body either way). 'no_reply' is Trustpilot's 404: the reply, the resource of this path,
 * does not exist (its error table: 404 for a missing resource). An unknown review answers 404 too, so the caller
 * tells the two apart with one look-up. The acting business user is sent when the connection names one; the
 * docs name none for this call.
 */
export const deleteServiceReviewReply = async (client: TrustpilotClient, reviewId: string): Promise<'deleted' | 'no_reply'> => {
  const request = {
    method: 'DELETE' as const,
    path: `${reviewPath(reviewId)}/reply`,
    action: 'delete the reply to the review',
    effect: 'write' as const,
    asBusinessUser: Boolean(client.connection.businessUserId),
  };
  try {
    await client.request(request);
    return 'deleted';
  } catch (err) {
    if (errorCode(err) === 'trustpilot_not_found') return 'no_reply';
    throw err;
  }
};

export interface ProductReviewPageQuery {
  page: number;
  perPage: number;
  sku?: string;
}

export interface ProductReviewPage {
  reviews: ProductReview[];
  /** Trustpilot says there is a page after this one (a `links` entry with rel `next-page`). */
  hasNext: boolean;
}

const pageLink = z.looseObject({ rel: text, href: text });
/** The key is `productReviews`, not `reviews`; `links` carries rel `next-page` / `prev-page` entries. */
const productReviewPage = z.looseObject({ productReviews: z.array(productReview).nullish(), links: z.array(pageLink).nullish() });

/**
 * One page of the business unit's private product reviews. Trustpilot documents `page`, `perPage`, `sku`,
 * `language`, `state` and `locale` here (its Bruno collection, "Get private product reviews"), but no order
 * parameter, no default order and no stars filter: callers must not assume which end is newest.
 * Without `links`, a full page is taken to have a successor, as connectors that page this API do.
 */
export const listProductReviewPage = async (client: TrustpilotClient, businessUnitId: string, query: ProductReviewPageQuery): Promise<ProductReviewPage> => {
  const { productReviews, links } = await client.request({
    path: `/private/product-reviews/business-units/${encodeURIComponent(businessUnitId)}/reviews`,
    params: { page: query.page, perPage: query.perPage, sku: query.sku },
    action: 'list the product reviews',
    schema: productReviewPage,
  });
  const reviews = productReviews ?? [];
  const hasNext = links ? links.some((l) => /^next/i.test(l.rel ?? '')) : reviews.length >= query.perPage;
  return { reviews, hasNext };
};

export const findProductReview = (client: TrustpilotClient, reviewId: string) =>
  client.request({
    path: productReviewPath(reviewId),
    action: 'look up the product review',
    notFoundAsUndefined: true,
    schema: productReview,
  }) as Promise<ProductReview | undefined>;

/** Replies to product reviews are comments in a conversation, which has to be opened first. */
export const createProductReviewConversation = async (client: TrustpilotClient, reviewId: string): Promise<string> => {
  const { conversationId } = await client.request({
    method: 'POST',
    path: `${productReviewPath(reviewId)}/create-conversation`,
    action: 'open a conversation on the product review',
    asBusinessUser: true,
    schema: createdConversation,
  });
  return conversationId;
};

export const addConversationComment = (client: TrustpilotClient, conversationId: string, content: string) =>
  client.request({
    method: 'POST',
    path: `/private/conversations/${encodeURIComponent(conversationId)}/comments`,
    json: { content },
    action: 'reply to the product review',
    asBusinessUser: true,
    schema: conversationComment,
  });
