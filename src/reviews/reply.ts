/**
 * Reply to Review. A reply is public and Zapier may replay a step, so a replay must not post twice:
 *
 * - Service reviews carry one company reply (`companyReply` is a single object with an `updatedAt`;
 *   the reply is deleted without an id). Posting again replaces it with the same text, so a replay is
 *   harmless and needs no guard.
 * - Product review replies are comments in a conversation, and each POST adds one. A replay would post
 *   a second comment, so the first result is kept in z.cache for a day under the review id and a hash
 *   of the message, and a replay returns it with `duplicate: true` instead of posting.
 */
import { createHash } from 'node:crypto';

import type { Bundle, ZObject } from 'zapier-platform-core';

import { errorMessage } from '../errors/error-message';
import { TrustpilotClient } from '../trustpilot/client';
import {
  addConversationComment,
  createProductReviewConversation,
  findProductReview,
  publicReviewUrl,
  replyToServiceReview,
} from '../trustpilot/reviews';
import { LABELS } from './fields';
import { isoDate, type ReviewType } from './flatten';
import { inputError, parseReviewId, parseReviewType, requiredText } from './inputs';

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

export const replayGuardKey = (reviewId: string, message: string) =>
  `reply_to_review:product:${reviewId}:${createHash('sha256').update(message).digest('hex')}`;

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

const replyToProductReview = async (z: ZObject, client: TrustpilotClient, reviewId: string, message: string): Promise<ReplyResult> => {
  const review = await findProductReview(client, reviewId);
  if (!review) {
    throw inputError(
      z,
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

/** The replay guard around a product reply. If the cache fails, the reply is sent anyway: losing a reply is worse. */
const guardedProductReply = async (z: ZObject, client: TrustpilotClient, reviewId: string, message: string): Promise<ReplyResult> => {
  const key = replayGuardKey(reviewId, message);
  try {
    const first = (await z.cache.get(key)) as ReplyResult | null;
    if (first) return { ...first, duplicate: true };
  } catch (err) {
    z.console.log(`Replay guard unavailable (${errorMessage(err)}); replying without it.`);
  }

  const result = await replyToProductReview(z, client, reviewId, message);
  try {
    // No scope (the default, passed as undefined because the typings forbid null); set-if-absent, so a
    // concurrent run that finished first keeps its result as "the first".
    await z.cache.set(key, result, REPLAY_GUARD_TTL_SECONDS, undefined, true);
  } catch (err) {
    z.console.log(`Replay guard unavailable (${errorMessage(err)}); a replay of this step could reply twice.`);
  }
  return result;
};

export const replyToReview = async (z: ZObject, bundle: Bundle): Promise<ReplyResult> => {
  const input = bundle.inputData as Record<string, unknown>;
  const reviewId = parseReviewId(z, input.review_id);
  if (!reviewId) throw inputError(z, LABELS.review_id, 'is required.');
  const message = requiredText(z, input.message, LABELS.message);
  const reviewType = parseReviewType(z, input.review_type);

  const client = TrustpilotClient.fromBundle(z, bundle);
  // Both flows need the acting business user: fail before the first call, not between a conversation and its comment.
  client.businessUserId('reply to the review');

  if (reviewType === 'product') return guardedProductReply(z, client, reviewId, message);

  await replyToServiceReview(client, reviewId, message);
  return {
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
  };
};
