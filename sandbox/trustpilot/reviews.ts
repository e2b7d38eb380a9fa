import { empty, isObject, json, parseJson, type Route, type SandboxRequest } from '../http';
import type { World } from '../world';
import { actingUser, businessUnit, businessUser, optionalActingUser, requireApiKey, requireToken } from './auth';
import { badRequest, notFound } from './errors';
import { tpTime, type BusinessUnit, type ServiceReview } from './model';
import { baseUrl, bool, dateTime, multi, pageOf, paging } from './query';

const STAR_NAMES = ['oneStar', 'twoStars', 'threeStars', 'fourStars', 'fiveStars'] as const;

const businessUnitBody = (world: World, req: SandboxRequest, bu: BusinessUnit) => {
  const reviews = world.trustpilot.reviews.filter((r) => r.businessUnitId === bu.id);
  const numberOfReviews: Record<string, number> = { total: reviews.length, usedForTrustScoreCalculation: reviews.length };
  STAR_NAMES.forEach((name, i) => (numberOfReviews[name] = reviews.filter((r) => r.stars === i + 1).length));
  const base = baseUrl(req);
  return {
    links: [
      { href: `${base}/v1/business-units/${bu.id}`, method: 'GET', rel: 'self' },
      { href: `${base}/v1/business-units/${bu.id}/reviews`, method: 'GET', rel: 'business-units-reviews' },
    ],
    ...bu,
    numberOfReviews,
  };
};

/** A private review item: the stored review plus what Trustpilot derives (business unit summary, links, flags). */
const reviewBody = (world: World, req: SandboxRequest, r: ServiceReview) => {
  const bu = world.trustpilot.businessUnits.find((b) => b.id === r.businessUnitId)!;
  const base = baseUrl(req);
  const { businessUnitId, ...rest } = r;
  return {
    links: [{ href: `${base}/v1/private/reviews/${r.id}`, method: 'GET', rel: 'reviews' }],
    ...rest,
    businessUnit: { id: businessUnitId, identifyingName: bu.name.identifying, displayName: bu.displayName },
    status: 'active',
    reportData: null,
    complianceLabels: [],
    countsTowardsTrustScore: true,
    countsTowardsLocationTrustScore: r.location ? true : null,
    invitation: r.source === 'Organic' ? null : { businessUnitId },
    businessUnitHistory: [],
    reviewVerificationLevel: r.isVerified ? 'invited' : 'notVerified',
    findReviewer: { isEligible: false, requests: [] },
  };
};

const ORDERS: Record<string, (a: ServiceReview, b: ServiceReview) => number> = {
  'createdat.desc': (a, b) => b.createdAt.localeCompare(a.createdAt),
  'createdat.asc': (a, b) => a.createdAt.localeCompare(b.createdAt),
  'stars.desc': (a, b) => b.stars - a.stars,
  'stars.asc': (a, b) => a.stars - b.stars,
};

const filterReviews = (req: SandboxRequest, reviews: ServiceReview[]): ServiceReview[] => {
  const stars = multi(req, 'stars').map(Number);
  if (stars.some((s) => !Number.isInteger(s) || s < 1 || s > 5)) throw badRequest('stars must be between 1 and 5');
  const languages = multi(req, 'language').map((l) => l.toLowerCase());
  const responded = bool(req, 'responded');
  const referenceId = req.query.get('referenceId');
  const referralEmail = req.query.get('referralEmail')?.toLowerCase();
  const tagGroup = req.query.get('tagGroup')?.toLowerCase();
  const tagValue = req.query.get('tagValue');
  const start = dateTime(req, 'startDateTime');
  const end = dateTime(req, 'endDateTime');
  const orderBy = (multi(req, 'orderBy')[0] ?? 'createdat.desc').toLowerCase();
  const order = ORDERS[orderBy];
  if (!order) throw badRequest(`orderBy must be one of ${Object.keys(ORDERS).join(', ')}`);

  return reviews
    .filter((r) => stars.length === 0 || stars.includes(r.stars))
    .filter((r) => languages.length === 0 || languages.includes('all') || languages.includes(r.language))
    .filter((r) => responded === undefined || (r.companyReply !== null) === responded)
    .filter((r) => referenceId === null || r.referenceId === referenceId)
    .filter((r) => referralEmail === undefined || r.referralEmail?.toLowerCase() === referralEmail)
    .filter((r) => tagGroup === undefined || r.tags.some((t) => t.group.toLowerCase() === tagGroup && (tagValue === null || t.value === tagValue)))
    .filter((r) => start === undefined || Date.parse(r.createdAt) >= start)
    .filter((r) => end === undefined || Date.parse(r.createdAt) <= end)
    .sort(order);
};

const findReview = (world: World, id: string | undefined): ServiceReview => {
  const review = world.trustpilot.reviews.find((r) => r.id === id);
  if (!review) throw notFound('Review not found');
  return review;
};

export const reviewRoutes = (world: World): Route[] => [
  {
    method: 'GET',
    pattern: '/v1/business-units/find',
    handler: (req) => {
      requireApiKey(req);
      const name = req.query.get('name')?.toLowerCase();
      if (!name) throw badRequest('name is required');
      const bu = world.trustpilot.businessUnits.find(
        (b) => b.name.identifying === name || b.name.referring.includes(name) || b.displayName.toLowerCase() === name,
      );
      if (!bu) throw notFound('Business unit not found');
      return json(200, businessUnitBody(world, req, bu));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/business-units/:businessUnitId',
    handler: (req) => {
      requireApiKey(req);
      return json(200, businessUnitBody(world, req, businessUnit(world, req.params.businessUnitId)));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/private/business-units/:businessUnitId/reviews',
    handler: (req) => {
      requireToken(world, req);
      const bu = businessUnit(world, req.params.businessUnitId);
      const { page, perPage } = paging(req);
      const matching = filterReviews(req, world.trustpilot.reviews.filter((r) => r.businessUnitId === bu.id));
      const { items, links } = pageOf(req, matching, page, perPage);
      return json(200, { reviews: items.map((r) => reviewBody(world, req, r)), links });
    },
  },
  {
    method: 'GET',
    pattern: '/v1/private/reviews/:reviewId',
    handler: (req) => {
      requireToken(world, req);
      return json(200, reviewBody(world, req, findReview(world, req.params.reviewId)));
    },
  },
  {
    method: 'POST',
    pattern: '/v1/private/reviews/:reviewId/reply',
    handler: (req) => {
      requireToken(world, req);
      const review = findReview(world, req.params.reviewId);
      const body = parseJson(req);
      if (!isObject(body)) throw badRequest('The request body must be a JSON object');
      const acting = actingUser(world, req, review.businessUnitId, body.authorBusinessUserId);
      const author = body.authorBusinessUserId === undefined ? acting : businessUser(world, body.authorBusinessUserId, review.businessUnitId);
      if (typeof body.message !== 'string' || body.message.trim() === '') throw badRequest('message is required');
      const now = tpTime(world.now);
      review.companyReply = {
        text: body.message,
        authorBusinessUserId: author.id,
        authorBusinessUserName: author.name,
        createdAt: review.companyReply?.createdAt ?? now,
        updatedAt: review.companyReply ? now : null,
      };
      review.updatedAt = now;
      world.recorded.replies.push({ reviewId: review.id, authorBusinessUserId: author.id, message: body.message, body, receivedAt: world.isoNow });
      return empty(201);
    },
  },
  {
    // DELETE https://api.trustpilot.com/v1/private/reviews/{reviewId}/reply (developers.trustpilot.com/service-reviews-api;
    // Bruno "Delete a reply to a review": no body). Trustpilot documents no answer for a review without a reply; its
    // error table (developers.trustpilot.com/common-error-messages) gives 404 for a missing resource, and the reply is
    // the resource of this path, so a review without one answers 404 here, like an unknown review, with its own message.
    method: 'DELETE',
    pattern: '/v1/private/reviews/:reviewId/reply',
    handler: (req) => {
      requireToken(world, req);
      const review = findReview(world, req.params.reviewId);
      optionalActingUser(world, req, review.businessUnitId);
      if (!review.companyReply) throw notFound('Review has no reply');
      world.recorded.replyDeletions.push({ reviewId: review.id, text: review.companyReply.text, receivedAt: world.isoNow });
      review.companyReply = null;
      review.updatedAt = tpTime(world.now);
      return empty(204);
    },
  },
];
