import { isObject, json, parseJson, type Route } from '../http';
import { hexId, linkId } from '../ids';
import type { World } from '../world';
import { actingUser, businessUnit, businessUnitWrite, requireToken } from './auth';
import { badRequest, notFound } from './errors';
import { tpTime, type ProductReview } from './model';
import { multi, pageOf, paging } from './query';

const STATES = ['published', 'unpublished', 'underModeration', 'archived'];

const findProductReview = (world: World, id: string | undefined): ProductReview => {
  const review = world.trustpilot.productReviews.find((r) => r.id === id);
  if (!review) throw notFound('Product review not found');
  return review;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LOCALE = /^[a-z]{2}-[A-Z]{2}$/;

/**
 * The body of `POST /v1/private/product-reviews/business-units/{id}/invitation-links`, as Trustpilot's Bruno request
 * "Create product review invitation link" has it: consumer {email, name}, referenceId, locale, redirectUri, products.
 * "The products should either be specified as product ids (see the Product API) or as a product with product
 * details. It is only possible to use one of these methods" (developers.trustpilot.com/product-reviews-api).
 */
const checkProductLinkBody = (body: Record<string, unknown>) => {
  const consumer = body.consumer;
  if (!isObject(consumer)) throw badRequest('consumer is required', { field: 'consumer' });
  if (typeof consumer.email !== 'string' || !EMAIL.test(consumer.email)) throw badRequest('consumer.email is not a valid email address', { field: 'consumer.email' });
  if (typeof consumer.name !== 'string' || consumer.name.trim() === '') throw badRequest('consumer.name is required', { field: 'consumer.name' });
  if (typeof body.referenceId !== 'string' || body.referenceId.trim() === '') throw badRequest('referenceId is required', { field: 'referenceId' });
  if (body.locale !== undefined && (typeof body.locale !== 'string' || !LOCALE.test(body.locale))) throw badRequest('locale must look like en-US', { field: 'locale' });
  if ((body.products === undefined) === (body.productIds === undefined)) {
    throw badRequest('Specify the products either as productIds or as products, not both', { field: 'products' });
  }
  const list = body.products ?? body.productIds;
  if (!Array.isArray(list) || list.length === 0) throw badRequest('At least one product is required', { field: 'products' });
  if (body.products !== undefined && list.some((p) => !isObject(p) || typeof p.sku !== 'string' || p.sku.trim() === '')) {
    throw badRequest('Every product needs a sku', { field: 'products' });
  }
};

export const productReviewRoutes = (world: World): Route[] => [
  {
    method: 'POST',
    pattern: '/v1/private/product-reviews/business-units/:businessUnitId/invitation-links',
    handler: (req) => {
      const { bu, body } = businessUnitWrite(world, req);
      checkProductLinkBody(body);
      // The answer names `reviewLinkId` and `reviewUrl` (Trustpilot's own node client documents "an object containing
      // the reviewLinkId and reviewUrl"). The URL's form is the sandbox's own: no real one has been published.
      const reviewLinkId = linkId();
      const reviewUrl = `https://www.trustpilot.com/evaluate-link/${reviewLinkId}`;
      world.recorded.productLinks.push({ reviewLinkId, reviewUrl, businessUnitId: bu.id, body, receivedAt: world.isoNow });
      return json(200, { reviewLinkId, reviewUrl });
    },
  },
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
