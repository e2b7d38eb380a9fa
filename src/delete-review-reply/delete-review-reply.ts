/**
 * "Delete Review Reply": removes your business's public reply under a service review
 * (`DELETE /v1/private/reviews/{reviewId}/reply`, developers.trustpilot.com/service-reviews-api).
 *
 * Replays need no claim in z.cache: the delete is idempotent. A service review has at most one company reply, and
 * the call names no reply, only the review, so running it again cannot remove anything the first run did not mean
 * to remove: a replay (or a concurrent duplicate run) finds no reply and reports `deleted: false` with the reason,
 * without changing anything. A guard keyed on the review would instead block a legitimate later deletion of a new
 * reply on the same review.
 *
 * Trustpilot answers 404 both when the review has no reply and when there is no such review. One look-up of the
 * review tells them apart, and is made only after a 404: the usual path costs one call.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';

import { appError } from '../errors/facts';
import { LABELS } from '../reviews/fields';
import { inputError } from '../inputs/readers';
import { requireReviewId } from '../reviews/inputs';
import { TrustpilotClient } from '../trustpilot/client';
import { deleteServiceReviewReply, findServiceReview, publicReviewUrl } from '../trustpilot/reviews';

/** A type, not an interface: Zapier's typings want a plain record. */
export type DeleteReplyResult = {
  review_id: string;
  deleted: boolean;
  /** Why nothing was deleted; '' when the reply was deleted. */
  reason: string;
  deleted_at: string | null;
  review_url: string;
};

export const NO_REPLY_REASON =
  'The review has no reply from your business: it was already deleted (by an earlier run of this step, or in Trustpilot Business) or never written.';

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export const deleteReviewReply = async (z: ZObject, bundle: Bundle): Promise<DeleteReplyResult> => {
  const input = (bundle.inputData ?? {}) as Record<string, unknown>;
  const reviewId = requireReviewId(input.review_id, LABELS.review_id);

  const client = TrustpilotClient.fromBundle(z, bundle);
  const outcome = await deleteServiceReviewReply(client, reviewId);
  const base = { review_id: reviewId, review_url: publicReviewUrl(reviewId) };
  if (outcome === 'deleted') return { ...base, deleted: true, reason: '', deleted_at: now() };

  const review = await findServiceReview(client, reviewId);
  if (!review) {
    throw inputError(
      LABELS.review_id,
      `Trustpilot has no service review ${reviewId} in your account. Product reviews have no reply to delete: their replies are comments.`,
    );
  }
  if (review.companyReply) {
    // The review exists and still shows a reply, yet Trustpilot said 404: report it rather than claim success.
    // Trustpilot answered the delete with 404, so it did not apply it.
    throw appError(z, {
      kind: 'refused',
      service: 'Trustpilot',
      sentence:
        `Trustpilot did not find the reply to review ${reviewId} although the review shows one. Try again in a few minutes; ` +
        'if it persists, delete the reply in Trustpilot Business.',
      code: 'trustpilot_not_found',
    });
  }
  return { ...base, deleted: false, reason: NO_REPLY_REASON, deleted_at: null };
};
