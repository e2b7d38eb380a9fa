/**
 * Reply to Review. A reply is public and Zapier may replay a step (or run two at once), so a replay must
 * not post twice. Every reply claims its key (review id + hash of the message) in z.cache with
 * set-if-absent before it posts (src/util/write-once.ts):
 * - Product review replies are comments in a conversation, and each POST adds one.
 * - Service reviews carry one company reply, and posting replaces it; the reviewer may be notified of
 *   each reply, so a replay does not post it again either.
 * A replay of a finished reply returns the first result with `duplicate: true`; a replay after an unknown
 * outcome (a gateway error, a reset, a timeout) halts with the same sentence the first run showed.
 */
import { createHash } from 'node:crypto';

import type { Bundle, ZObject } from 'zapier-platform-core';

import { inputError, requiredText } from '../inputs/readers';
import { writeOnce } from '../util/write-once';
import { TrustpilotClient } from '../trustpilot/client';
import {
  addConversationComment,
  createProductReviewConversation,
  findProductReview,
  publicReviewUrl,
  replyToServiceReview,
} from '../trustpilot/reviews';
import { LABELS, REPLY_MAX } from './fields';
import { isoDate, type ReviewType } from './flatten';
import { readReviewType, requireReviewId } from './inputs';

/** A type, not an interface: Zapier's typings want a plain record. */
export type ReplyResult = {
  review_id: string;
  review_type: ReviewType;
  reply_text: string;
  replied_at: string;
  review_url: string | null;
  product_url: string | null;
  conversation_id: string | null;
  comment_id: string | null;
  conversation_created: boolean;
  duplicate: boolean;
};

export const REPLAY_GUARD_TTL_SECONDS = 24 * 60 * 60;

export const replayGuardKey = (reviewId: string, message: string, type: ReviewType = 'product') =>
  `reply_to_review:v2:${type}:${reviewId}:${createHash('sha256').update(message).digest('hex')}`;

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

const replyToProductReview = async (z: ZObject, client: TrustpilotClient, reviewId: string, message: string): Promise<ReplyResult> => {
  const review = await findProductReview(client, reviewId);
  if (!review) {
    throw inputError(
      LABELS.review_id,
      `Trustpilot has no product review ${reviewId}. If it is a review of your business rather than of a product, set Review Type to service review.`,
    );
  }
  const conversationId = review.conversationId || (await createProductReviewConversation(client, reviewId));
  const comment = await addConversationComment(client, conversationId, message);
  return {
    review_id: reviewId,
    review_type: 'product',
    reply_text: comment.content ?? message,
    replied_at: isoDate(comment.createdAt) ?? now(),
    review_url: null,
    product_url: review.product?.productUrl || null,
    conversation_id: conversationId,
    comment_id: comment.commentId,
    conversation_created: !review.conversationId,
    duplicate: false,
  };
};

/** The replay guard around a reply: claim, post, remember; a replay gets the first result back. */
const guardedReply = async (z: ZObject, reviewId: string, message: string, type: ReviewType, post: () => Promise<ReplyResult>): Promise<ReplyResult> => {
  const outcome = await writeOnce(
    z,
    {
      key: replayGuardKey(reviewId, message, type),
      ttlSeconds: REPLAY_GUARD_TTL_SECONDS,
      inFlightMessage: (at) =>
        `This reply to review ${reviewId} was already started${at ? ` at ${at.replace(/\.\d{3}Z$/, 'Z')}` : ''} and its outcome is not known yet, ` +
        'so it was not posted again. Check the review on Trustpilot before replying another way.',
    },
    post,
  );
  return outcome.duplicate ? { ...outcome.result, duplicate: true } : outcome.result;
};

export const replyToReview = async (z: ZObject, bundle: Bundle): Promise<ReplyResult> => {
  const input = bundle.inputData as Record<string, unknown>;
  const reviewId = requireReviewId(input.review_id, LABELS.review_id);
  const message = requiredText(input.message, LABELS.message, { max: REPLY_MAX, multiline: true });
  const reviewType = readReviewType(input.review_type, LABELS.review_type);

  const client = TrustpilotClient.fromBundle(z, bundle);
  // Both flows need the acting business user: fail before the first call, not between a conversation and its comment.
  client.businessUserId('reply to the review');

  if (reviewType === 'product') return guardedReply(z, reviewId, message, 'product', () => replyToProductReview(z, client, reviewId, message));

  return guardedReply(z, reviewId, message, 'service', async () => {
    await replyToServiceReview(client, reviewId, message);
    return serviceReplyResult(reviewId, message);
  });
};

const serviceReplyResult = (reviewId: string, message: string): ReplyResult => ({
    review_id: reviewId,
    review_type: 'service',
    reply_text: message,
    // Trustpilot answers with no body to read the time from: this is when it accepted the reply.
    replied_at: now(),
    review_url: publicReviewUrl(reviewId),
    product_url: null,
    conversation_id: null,
    comment_id: null,
    conversation_created: false,
    duplicate: false,
});
