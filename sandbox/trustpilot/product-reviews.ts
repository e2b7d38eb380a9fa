import { isObject, json, parseJson, type Route } from '../http';
import { hexId } from '../ids';
import type { World } from '../world';
import { actingUser, businessUnit, requireToken } from './auth';
import { badRequest, notFound } from './errors';
import { tpTime, type ProductReview } from './model';
import { multi, pageOf, paging } from './query';

const STATES = ['published', 'unpublished', 'underModeration', 'archived'];

const findProductReview = (world: World, id: string | undefined): ProductReview => {
  const review = world.trustpilot.productReviews.find((r) => r.id === id);
  if (!review) throw notFound('Product review not found');
  return review;
};

export const productReviewRoutes = (world: World): Route[] => [
  {
    method: 'GET',
    pattern: '/v1/private/product-reviews/business-units/:businessUnitId/reviews',
    handler: (req) => {
      requireToken(world, req);
      const bu = businessUnit(world, req.params.businessUnitId);
      const { page, perPage } = paging(req);
      const skus = multi(req, 'sku');
      const languages = multi(req, 'language').map((l) => l.toLowerCase());
      const states = multi(req, 'state');
      if (states.some((s) => !STATES.includes(s))) throw badRequest(`state must be one or more of ${STATES.join(', ')}`);
      const wanted = states.length > 0 ? states : ['published'];
      const matching = world.trustpilot.productReviews
        .filter((r) => r.businessUnitId === bu.id)
        .filter((r) => skus.length === 0 || skus.includes(r.product.sku))
        .filter((r) => languages.length === 0 || languages.includes(r.language))
        .filter((r) => wanted.includes(r.state))
        // No order parameter is documented (Bruno "Get private product reviews": page, perPage, sku, language,
        // state, locale), nor a default order: served oldest first unless the sandbox is told otherwise.
        .sort((a, b) =>
          world.options.productReviewOrder === 'newest-first' ? b.createdAt.localeCompare(a.createdAt) : a.createdAt.localeCompare(b.createdAt),
        );
      const { items, links } = pageOf(req, matching, page, perPage);
      return json(200, { productReviews: items, links });
    },
  },
  {
    method: 'GET',
    pattern: '/v1/private/product-reviews/:reviewId',
    handler: (req) => {
      requireToken(world, req);
      return json(200, findProductReview(world, req.params.reviewId));
    },
  },
  {
    method: 'POST',
    pattern: '/v1/private/product-reviews/:reviewId/create-conversation',
    handler: (req) => {
      requireToken(world, req);
      const review = findProductReview(world, req.params.reviewId);
      // A second call hands back the existing conversation rather than starting another one.
      if (review.conversationId) return json(200, { conversationId: review.conversationId });
      const id = hexId();
      world.trustpilot.conversations.set(id, {
        id,
        businessUnitId: review.businessUnitId,
        consumerId: review.consumer.id,
        source: 'Product reviews',
        sourceId: review.id,
        state: 'public',
        comments: [],
      });
      review.conversationId = id;
      review.updatedAt = tpTime(world.now);
      return json(201, { conversationId: id });
    },
  },
  {
    method: 'GET',
    pattern: '/v1/private/conversations/:conversationId',
    handler: (req) => {
      requireToken(world, req);
      const conversation = world.trustpilot.conversations.get(req.params.conversationId ?? '');
      if (!conversation) throw notFound('Conversation not found');
      return json(200, conversation);
    },
  },
  {
    method: 'POST',
    pattern: '/v1/private/conversations/:conversationId/comments',
    handler: (req) => {
      requireToken(world, req);
      const conversation = world.trustpilot.conversations.get(req.params.conversationId ?? '');
      if (!conversation) throw notFound('Conversation not found');
      const author = actingUser(world, req, conversation.businessUnitId);
      const body = parseJson(req);
      if (!isObject(body) || typeof body.content !== 'string' || body.content.trim() === '') throw badRequest('content is required');
      const comment = {
        commentId: hexId(),
        createdAt: tpTime(world.now),
        author: { id: author.id, type: 'businessUser' as const },
        content: body.content,
      };
      conversation.comments.push(comment);
      world.recorded.comments.push({
        conversationId: conversation.id,
        commentId: comment.commentId,
        authorBusinessUserId: author.id,
        content: body.content,
        body,
        receivedAt: world.isoNow,
      });
      return json(201, comment);
    },
  },
];
