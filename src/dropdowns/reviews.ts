/**
 * The Review ID dropdowns: the business unit's newest reviews (one call for service reviews), labelled the way a
 * person recognises a review: stars, title or text, reviewer and date. Product reviews when the form's
 * Review Type says so, else service reviews.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';

import { flattenProductReview, flattenServiceReview, type FlatProductReview, type FlatReview } from '../reviews/flatten';
import { findNewestProductReviews } from '../reviews/newest-product-reviews';
import { TrustpilotClient } from '../trustpilot/client';
import { listServiceReviews } from '../trustpilot/reviews';

/** Enough to find a recent review by eye; older ones are found with "Find Review". */
export const REVIEW_CHOICES = 50;

export interface ReviewChoice {
  id: string;
  name: string;
}

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

export const reviewChoiceName = (review: FlatReview | FlatProductReview): string => {
  const stars = typeof review.stars === 'number' ? '★'.repeat(review.stars) + '☆'.repeat(Math.max(0, 5 - review.stars)) : '';
  const what = shorten(((('title' in review ? review.title : null) ?? '') || (review.text ?? '')).replace(/\s+/g, ' ').trim(), 60);
  const who = [review.consumer_name, (review.created_at ?? '').slice(0, 10)].filter(Boolean).join(', ');
  return [stars, what ? `“${what}”` : '', who ? `– ${who}` : ''].filter(Boolean).join(' ');
};

export async function listReviewChoices(z: ZObject, bundle: Bundle): Promise<ReviewChoice[]> {
  const input = (bundle.inputData ?? {}) as Record<string, unknown>;
  const client = TrustpilotClient.fromBundle(z, bundle);
  const chosen = typeof input.business_unit_id === 'string' && input.business_unit_id.trim() ? input.business_unit_id.trim() : undefined;
  const businessUnitId = client.businessUnitId(chosen);
  const reviews =
    input.review_type === 'product'
      ? // Trustpilot serves product reviews in no documented order; the trigger's search for the newest end is reused.
        (await findNewestProductReviews(z, client, businessUnitId)).reviews.slice(0, REVIEW_CHOICES).map(flattenProductReview)
      : (await listServiceReviews(client, businessUnitId, { perPage: REVIEW_CHOICES })).map(flattenServiceReview);
  return reviews.map((review) => ({ id: review.id, name: reviewChoiceName(review) }));
}
