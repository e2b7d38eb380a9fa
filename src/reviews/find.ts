/**
 * Find Review: by id, or (service reviews) by the reference number or customer email the invitation
 * carried. Every filled-in field must match. A miss is an empty list, as Zapier expects of a search.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';

import { inputError, optionalEmail, optionalText } from '../inputs/readers';
import { readBusinessUnitId } from '../trustpilot/business-unit-input';
import { TrustpilotClient } from '../trustpilot/client';
import { findProductReview, findServiceReview, listServiceReviews } from '../trustpilot/reviews';
import { LABELS, REFERENCE_MAX } from './fields';
import { asAnyReviewRow, flattenProductReview, flattenServiceReview, type AnyReviewRow } from './flatten';
import { readReviewId, readReviewType } from './inputs';

/** A search uses its first result; a few more let "find multiple" users see near-duplicates. */
export const FIND_PAGE_SIZE = 10;

/** Every row has the fields of both kinds, the other kind's empty: a search's output fields are fixed. */
export const findReview = async (z: ZObject, bundle: Bundle): Promise<AnyReviewRow[]> => {
  const input = bundle.inputData as Record<string, unknown>;
  const reviewType = readReviewType(input.review_type, LABELS.review_type);
  const reviewId = readReviewId(input.review_id, LABELS.review_id);
  const referenceId = optionalText(input.reference_id, LABELS.reference_id, { max: REFERENCE_MAX });
  const email = optionalEmail(input.consumer_email, LABELS.consumer_email);
  const businessUnitId = readBusinessUnitId(input.business_unit_id);

  if (!reviewId && !referenceId && !email) {
    throw inputError(`${LABELS.review_id}, ${LABELS.reference_id} or ${LABELS.consumer_email}`, 'fill in at least one to look a review up');
  }
  if (reviewType === 'product' && !reviewId) {
    throw inputError(
      referenceId ? LABELS.reference_id : LABELS.consumer_email,
      'Trustpilot’s product review API cannot look product reviews up by Reference Number or email. Fill in Review ID, or set Review Type to service review.',
    );
  }

  const client = TrustpilotClient.fromBundle(z, bundle);

  if (reviewId) {
    const found =
      reviewType === 'product'
        ? await findProductReview(client, reviewId).then((review) => review && asAnyReviewRow(flattenProductReview(review)))
        : await findServiceReview(client, reviewId).then((review) => review && asAnyReviewRow(flattenServiceReview(review)));
    const matches =
      found !== undefined &&
      (!referenceId || found.reference_id === referenceId) &&
      (!email || found.consumer_email?.toLowerCase() === email.toLowerCase());
    return matches ? [found] : [];
  }

  // Both are filters of Trustpilot's private review list, so the API does the matching.
  const reviews = await listServiceReviews(client, client.businessUnitId(businessUnitId), {
    perPage: FIND_PAGE_SIZE,
    referenceId,
    referralEmail: email,
  });
  return reviews.map((review) => asAnyReviewRow(flattenServiceReview(review)));
};
