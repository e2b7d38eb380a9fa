/**
 * The polling review triggers: one API call per poll, at most 100 reviews, newest first. Zapier
 * dedupes on `id`, the review's own id, so a review triggers once however often it is seen.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';

import type { KeyValueCache } from '../util/cache';
import { optionalText } from '../inputs/readers';
import { rememberPolled, seenServiceReview } from '../review-webhooks/memory';
import { readBusinessUnitId } from '../trustpilot/business-unit-input';
import { TrustpilotClient } from '../trustpilot/client';
import { listServiceReviews } from '../trustpilot/reviews';
import { productReviewSample, serviceReviewSample, LABELS, SKU_MAX } from './fields';
import { flattenProductReview, flattenServiceReview, isoDate, newestFirst, type FlatReview } from './flatten';
import { readLanguage, readStars, readYesNo } from './inputs';
import { findNewestProductReviews } from './newest-product-reviews';

/** Trustpilot's maximum page size, and Zapier's advice for a poll ("100 items is plenty"). */
export const POLL_PAGE_SIZE = 100;
/** The Zap editor shows three samples. */
export const SAMPLE_SIZE = 3;

/** While the Zap editor loads samples: a few real reviews, or the static sample on an account without any yet. */
export const pollResult = <T extends { id: string }>(bundle: Pick<Bundle, 'meta'>, rows: T[], sample: T): T[] => {
  if (!bundle.meta?.isLoadingSample) return rows;
  return rows.length > 0 ? rows.slice(0, SAMPLE_SIZE) : [sample];
};

export const pollServiceReviews = async (z: ZObject, bundle: Bundle) => {
  const input = bundle.inputData as Record<string, unknown>;
  const stars = readStars(input.stars, LABELS.stars);
  const language = readLanguage(input.language, LABELS.language);
  const onlyUnanswered = readYesNo(input.only_unanswered, LABELS.only_unanswered);
  const chosenUnit = readBusinessUnitId(input.business_unit_id);

  const client = TrustpilotClient.fromBundle(z, bundle);
  const businessUnitId = client.businessUnitId(chosenUnit);
  const reviews = await listServiceReviews(client, businessUnitId, {
    perPage: POLL_PAGE_SIZE,
    stars,
    language,
    // Unticked means every review, answered or not, rather than only answered ones.
    responded: onlyUnanswered ? false : undefined,
  });
  // So the deleted and updated review webhooks can later say which review it was and what changed.
  if (!bundle.meta?.isLoadingSample) {
    await rememberPolled(
      z.cache as unknown as KeyValueCache,
      businessUnitId,
      reviews.map((review) => ({ review: seenServiceReview(review, businessUnitId), versionAt: isoDate(review.updatedAt ?? review.createdAt) })),
      new Date(),
      (message) => z.console.log(message),
    );
  }
  return pollResult(bundle, reviews.map(flattenServiceReview), serviceReviewSample);
};

/**
 * Trustpilot's product review list has no stars filter and no documented order: the newest reviews are
 * found whichever end they are served at (newest-product-reviews.ts, 1–2 calls in steady state, never more
 * than 4), then the stars are filtered here and the rows sorted newest first.
 */
export const pollProductReviews = async (z: ZObject, bundle: Bundle) => {
  const input = bundle.inputData as Record<string, unknown>;
  const stars = readStars(input.stars, LABELS.stars);
  const sku = optionalText(input.sku, LABELS.sku, { max: SKU_MAX });
  const chosenUnit = readBusinessUnitId(input.business_unit_id);

  const client = TrustpilotClient.fromBundle(z, bundle);
  const { reviews, complete } = await findNewestProductReviews(z, client, client.businessUnitId(chosenUnit), { sku });
  // While the last page is still being searched for, the reviews read are older ones: samples at most.
  if (!complete && !bundle.meta?.isLoadingSample) return [];
  const wanted = stars ? reviews.filter((review) => typeof review.stars === 'number' && stars.includes(review.stars)) : reviews;
  return pollResult(bundle, newestFirst(wanted.map(flattenProductReview)), productReviewSample);
};
