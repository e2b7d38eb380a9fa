/**
 * The four review webhook triggers: what each confirms through Trustpilot's API, what it emits, and
 * its samples. The guarded handling of a delivery they share is in ./delivery.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';

import type { KeyValueCache } from '../util/cache';
import { instantReviewSample, SERVICE_ONLY_KEYS } from '../reviews/fields';
import { flattenProductReview, flattenServiceReview, isoDate, newestFirst, type FlatReview } from '../reviews/flatten';
import { readLanguage, readStars, readYesNo } from '../reviews/inputs';
import { SAMPLE_SIZE } from '../reviews/poll';
import { TrustpilotClient } from '../trustpilot/client';
import {
  PRODUCT_REVIEW_CREATED,
  productReviewOf,
  reviewOf,
  SERVICE_REVIEW_CREATED,
  SERVICE_REVIEW_DELETED,
  SERVICE_REVIEW_UPDATED,
} from '../trustpilot/review-events';
import {
  findProductReview,
  findServiceReview,
  listServiceReviews,
  publicReviewUrl,
  type ServiceReview,
} from '../trustpilot/reviews';
import { findNewestProductReviews } from '../reviews/newest-product-reviews';
import { handleDelivery, hasApiAccess, type CheckFields, type HookContext, type HookSpec } from './delivery';
import {
  deletedReviewSample,
  includeUnknownField,
  productHookSample,
  updatedReviewSample,
  type DeletedReviewRow,
  type ProductHookRow,
  type UpdatedReviewRow,
} from './fields';
import { previousVersion, recall, remember, seenServiceReview, textHash, type SeenReview } from './memory';

export type InstantReview = FlatReview & CheckFields;

interface Filters {
  stars?: number[];
  language?: string;
}

/** Read before anything else, so bad input fails before any call (also when samples load: the same form). */
const readFilters = (bundle: Bundle): Filters => {
  const input = (bundle.inputData ?? {}) as Record<string, unknown>;
  return { stars: readStars(input.stars), language: readLanguage(input.language) };
};

const readIncludeUnknown = (bundle: Bundle): boolean => readYesNo(((bundle.inputData ?? {}) as Record<string, unknown>).include_unknown, includeUnknownField.label);

/** Why a review does not pass the step's filters, or undefined when it does. */
const filteredOut = (filters: Filters, id: string, stars: number | null, language: string | null): string | undefined => {
  if (filters.stars && !(stars !== null && filters.stars.includes(stars))) return `Review ${id} has ${stars ?? 'no'} stars, not one of ${filters.stars.join(', ')}: not passed on.`;
  const lang = language?.toLowerCase() ?? null;
  if (filters.language && !(lang === filters.language || lang?.startsWith(`${filters.language}-`))) {
    return `Review ${id} is in ${language ?? 'no stated language'}, not ${filters.language}: not passed on.`;
  }
  return undefined;
};

const otherBusinessUnit = (id: string) => `Skipped review ${id}: it belongs to another business unit than this connection’s.`;

const seenOf = seenServiceReview;

const log = (z: ZObject) => (message: string) => z.console.log(message);
const cacheOf = (z: ZObject) => z.cache as unknown as KeyValueCache;

/** What differs between the webhook's copy of a review and Trustpilot's, for the log. */
const differences = (claimed: ServiceReview, actual: ServiceReview) =>
  (['stars', 'title', 'text', 'referenceId'] as const).filter((key) => (claimed[key] ?? null) !== (actual[key] ?? null));

const withoutServiceOnlyFields = (row: FlatReview): Omit<FlatReview, (typeof SERVICE_ONLY_KEYS)[number]> =>
  Object.fromEntries(Object.entries(row).filter(([key]) => !(SERVICE_ONLY_KEYS as readonly string[]).includes(key))) as Omit<FlatReview, (typeof SERVICE_ONLY_KEYS)[number]>;

const emptyFlat = (id: string, type: 'service' | 'product'): FlatReview => ({
  id,
  review_type: type,
  stars: null,
  title: null,
  text: null,
  language: null,
  created_at: null,
  updated_at: null,
  consumer_id: null,
  consumer_name: null,
  consumer_location: null,
  consumer_email: null,
  reference_id: null,
  is_verified: null,
  review_url: type === 'service' ? publicReviewUrl(id) : null,
  company_reply_text: null,
  company_reply_at: null,
  tags: null,
  location_id: null,
  location_name: null,
  location_external_id: null,
  business_unit_id: null,
});

/** Re-reads a service review; undefined with a reason in `skip` when it cannot be passed on. */
const trustedServiceReview = async (ctx: HookContext, reviewId: string): Promise<{ review: ServiceReview } | { skip: string }> => {
  const actual = await findServiceReview(ctx.client, reviewId);
  if (!actual) return { skip: `Skipped review ${reviewId}: Trustpilot has no such review, so the event was forged or the review deleted.` };
  if ((actual.businessUnit?.id ?? '').toLowerCase() !== ctx.businessUnitId.toLowerCase()) return { skip: otherBusinessUnit(reviewId) };
  return { review: actual };
};

// ---------------------------------------------------------------- New Service Review (Instant)

const newServiceReviewSpec = (filters: Filters): HookSpec<InstantReview> => ({
  key: 'new_service_review_instant',
  eventNames: [SERVICE_REVIEW_CREATED],
  claimBeforeLookup: (item) => item.reviewId,
  async check(ctx, { reviewId, event }) {
    const trusted = await trustedServiceReview(ctx, reviewId);
    if ('skip' in trusted) return trusted;
    const actual = trusted.review;
    // Only the id is taken from the body: everything emitted is Trustpilot's own copy.
    const claimed = reviewOf(event);
    const changed = claimed ? differences(claimed, actual) : [];
    if (changed.length > 0) ctx.log(`Review ${reviewId}: the webhook’s ${changed.join(', ')} differed from Trustpilot’s; Trustpilot’s copy is used.`);
    const row = flattenServiceReview(actual);
    const out = filteredOut(filters, reviewId, row.stars, row.language);
    if (out) return { skip: out };
    await remember(ctx.cache, seenOf(actual, ctx.businessUnitId), ctx.now, ctx.log);
    return { emit: { ...row, verified: true, check_note: null }, claim: reviewId };
  },
  async unchecked(_z, _bundle, { reviewId, event }) {
    const review = reviewOf(event);
    if (!review) return { skip: `Skipped review ${reviewId}: the event’s fields are not the review Trustpilot documents.` };
    const row = flattenServiceReview(review);
    const out = filteredOut(filters, reviewId, row.stars, row.language);
    if (out) return { skip: out };
    return { emit: { ...row, verified: false, check_note: NO_API_NOTE }, claim: reviewId };
  },
  notChecked: (reviewId, note) => ({ ...emptyFlat(reviewId, 'service'), verified: false, check_note: note }),
});

const NO_API_NOTE =
  'Not checked: this connection has no Trustpilot API access, so these are the webhook’s own data (which anyone who knows the URL could send).';

export const performNewServiceReviewHook = (z: ZObject, bundle: Bundle): Promise<InstantReview[]> =>
  handleDelivery(z, bundle, newServiceReviewSpec(readFilters(bundle)));

/** Samples for the Zap editor: the newest real reviews when the connection can read them. */
export const listNewServiceReviewSamples = async (z: ZObject, bundle: Bundle): Promise<InstantReview[]> => {
  readFilters(bundle);
  // Without the API, rows are the webhook's own data, which never carries the customer's email.
  if (!hasApiAccess(bundle)) return [{ ...instantReviewSample, consumer_email: null, verified: false, check_note: NO_API_NOTE }];
  const client = TrustpilotClient.fromBundle(z, bundle);
  const reviews = await listServiceReviews(client, client.businessUnitId(), { perPage: SAMPLE_SIZE });
  if (reviews.length === 0) return [instantReviewSample];
  return reviews.map((review) => ({ ...flattenServiceReview(review), verified: true, check_note: null }));
};

// ---------------------------------------------------------------- Updated Service Review

/** When this version was made: the review's update time, else its reply's (a reply also updates a review). */
const updateTimeOf = (review: ServiceReview) => isoDate(review.updatedAt ?? review.companyReply?.updatedAt ?? review.companyReply?.createdAt);

const updateRow = (review: ServiceReview, updatedAt: string, seen: SeenReview, before: ReturnType<typeof previousVersion>): UpdatedReviewRow => {
  const flat = flattenServiceReview(review);
  // Unknown (null) when the app has no earlier version, or did not know that part of it.
  const changed = <T>(a: T | null | undefined, b: T) => (before && a !== null && a !== undefined ? a !== b : null);
  const starsChanged = changed(before?.stars, seen.stars);
  const titleChanged = changed(before?.title, textHash(seen.title));
  const textChanged = changed(before?.text, textHash(seen.text));
  const replyChanged = changed(before?.replied, seen.replied);
  const parts = before
    ? [
        starsChanged ? `Stars ${before.stars ?? '?'} → ${seen.stars ?? '?'}` : '',
        titleChanged ? 'title edited' : '',
        textChanged ? 'text edited' : '',
        replyChanged ? (seen.replied ? 'company reply added' : 'company reply removed') : '',
      ].filter(Boolean)
    : [];
  return {
    ...flat,
    id: `${review.id}@${updatedAt}`,
    review_id: review.id,
    seen_before: Boolean(before),
    stars_before: before ? before.stars : null,
    stars_after: flat.stars,
    stars_changed: starsChanged,
    title_changed: titleChanged,
    text_changed: textChanged,
    reply_status: seen.replied ? 'replied' : 'awaiting_reply',
    reply_changed: replyChanged,
    changes: before
      ? parts.length > 0
        ? parts.join('; ')
        : 'No change the app can see in stars, title, text or reply'
      : 'Not known: the app had not seen an earlier version of this review',
    verified: true,
    check_note: null,
  };
};

const updatedServiceReviewSpec = (filters: Filters): HookSpec<UpdatedReviewRow> => ({
  key: 'updated_service_review_instant',
  eventNames: [SERVICE_REVIEW_UPDATED],
  claimBeforeLookup: ({ reviewId, event }) => {
    const hinted = isoDate(reviewOf(event)?.updatedAt);
    return hinted ? `${reviewId}@${hinted}` : undefined;
  },
  async check(ctx, { reviewId }) {
    const trusted = await trustedServiceReview(ctx, reviewId);
    if ('skip' in trusted) return trusted;
    const actual = trusted.review;
    const updatedAt = updateTimeOf(actual);
    if (!updatedAt) return { skip: `Skipped review ${reviewId}: Trustpilot shows no update of it, so the event was forged.` };
    const out = filteredOut(filters, reviewId, actual.stars ?? null, actual.language ?? null);
    if (out) return { skip: out };
    const seen = seenOf(actual, ctx.businessUnitId);
    const remembered = await recall(ctx.cache, ctx.businessUnitId, reviewId, ctx.log);
    const row = updateRow(actual, updatedAt, seen, previousVersion(remembered, seen));
    await remember(ctx.cache, seen, ctx.now, ctx.log);
    return { emit: row, claim: row.id };
  },
  async unchecked(_z, _bundle, { reviewId, event }) {
    const review = reviewOf(event);
    if (!review) return { skip: `Skipped review ${reviewId}: the event’s fields are not the review Trustpilot documents.` };
    const out = filteredOut(filters, reviewId, review.stars ?? null, review.language ?? null);
    if (out) return { skip: out };
    const updatedAt = updateTimeOf(review) ?? isoDate(review.createdAt) ?? 'unknown';
    const row = updateRow(review, updatedAt, seenOf(review, null), undefined);
    return { emit: { ...row, verified: false, check_note: NO_API_NOTE }, claim: row.id };
  },
  notChecked: (reviewId, note) => ({
    ...emptyFlat(reviewId, 'service'),
    id: `${reviewId}@not-checked`,
    review_id: reviewId,
    seen_before: false,
    stars_before: null,
    stars_after: null,
    stars_changed: null,
    title_changed: null,
    text_changed: null,
    reply_status: null,
    reply_changed: null,
    changes: 'Not known: the update was not checked',
    verified: false,
    check_note: note,
  }),
});

export const performUpdatedServiceReviewHook = (z: ZObject, bundle: Bundle): Promise<UpdatedReviewRow[]> =>
  handleDelivery(z, bundle, updatedServiceReviewSpec(readFilters(bundle)));

/** Samples: the newest real reviews shown as their latest update (what changed is unknown for a sample). */
export const listUpdatedServiceReviewSamples = async (z: ZObject, bundle: Bundle): Promise<UpdatedReviewRow[]> => {
  readFilters(bundle);
  if (!hasApiAccess(bundle)) return [{ ...updatedReviewSample, consumer_email: null, verified: false, check_note: NO_API_NOTE }];
  const client = TrustpilotClient.fromBundle(z, bundle);
  const reviews = await listServiceReviews(client, client.businessUnitId(), { perPage: SAMPLE_SIZE });
  if (reviews.length === 0) return [updatedReviewSample];
  return reviews.map((review) =>
    updateRow(review, updateTimeOf(review) ?? isoDate(review.createdAt) ?? 'unknown', seenOf(review, null), undefined),
  );
};

// ---------------------------------------------------------------- Deleted Service Review

const deletedRow = (reviewId: string, now: Date, remembered: Awaited<ReturnType<typeof recall>>, verified: boolean, note: string | null): DeletedReviewRow => ({
  id: reviewId,
  review_id: reviewId,
  deleted_at: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  reference_id: remembered?.referenceId ?? null,
  stars: remembered?.stars ?? null,
  business_unit_id: remembered?.businessUnitId ?? null,
  seen_before: Boolean(remembered),
  last_seen_at: remembered?.seenAt ? remembered.seenAt.replace(/\.\d{3}Z$/, 'Z') : null,
  verified,
  check_note: note,
});

const NEVER_SAW = (id: string) =>
  `Skipped review ${id}: the app never saw it, so it cannot tell whether it was your business unit’s (turn on “Include Reviews This App Never Saw” to pass such deletions on).`;

const deletedServiceReviewSpec = (includeUnknown: boolean): HookSpec<DeletedReviewRow> => ({
  key: 'deleted_service_review_instant',
  eventNames: [SERVICE_REVIEW_DELETED],
  claimBeforeLookup: (item) => item.reviewId,
  async check(ctx, { reviewId }) {
    // The event carries the id only. Trustpilot confirms the deletion when it no longer has the review.
    const still = await findServiceReview(ctx.client, reviewId);
    if (still && (still.status === undefined || still.status === null || still.status === 'active')) {
      return { skip: `Skipped review ${reviewId}: Trustpilot still has this review, so the deletion event was forged.` };
    }
    const remembered = await recall(ctx.cache, ctx.businessUnitId, reviewId, ctx.log);
    if (!remembered && !includeUnknown) return { skip: NEVER_SAW(reviewId) };
    return { emit: deletedRow(reviewId, ctx.now, remembered, true, null), claim: reviewId };
  },
  async unchecked(_z, bundle, { reviewId }, cache, logLine) {
    const businessUnitId = bundle.authData?.trustpilot_business_unit_id;
    const remembered = businessUnitId ? await recall(cache, businessUnitId, reviewId, logLine) : undefined;
    if (!remembered && !includeUnknown) return { skip: NEVER_SAW(reviewId) };
    return { emit: deletedRow(reviewId, new Date(), remembered, false, NO_API_NOTE), claim: reviewId };
  },
  notChecked: (reviewId, note) => deletedRow(reviewId, new Date(), undefined, false, note),
});

export const performDeletedServiceReviewHook = (z: ZObject, bundle: Bundle): Promise<DeletedReviewRow[]> => {
  return handleDelivery(z, bundle, deletedServiceReviewSpec(readIncludeUnknown(bundle)));
};

/** Deleted reviews cannot be listed through the API, so the editor's sample is the static one. */
export const listDeletedServiceReviewSamples = async (_z: ZObject, bundle: Bundle): Promise<DeletedReviewRow[]> => {
  readIncludeUnknown(bundle);
  return [deletedReviewSample];
};

// ---------------------------------------------------------------- New Product Review (Instant)

const newProductReviewSpec = (filters: Filters): HookSpec<ProductHookRow> => ({
  key: 'new_product_review_instant',
  eventNames: [PRODUCT_REVIEW_CREATED],
  claimBeforeLookup: (item) => item.reviewId,
  async check(ctx, { reviewId }) {
    const actual = await findProductReview(ctx.client, reviewId);
    if (!actual) return { skip: `Skipped product review ${reviewId}: Trustpilot has no such product review, so the event was forged or the review removed.` };
    if ((actual.businessUnitId ?? '').toLowerCase() !== ctx.businessUnitId.toLowerCase()) return { skip: otherBusinessUnit(reviewId) };
    // As the public decoder of real deliveries does: only published reviews are news.
    if (actual.state && actual.state !== 'published') return { skip: `Skipped product review ${reviewId}: it is ${actual.state}, not published.` };
    const row = flattenProductReview(actual);
    const out = filteredOut(filters, reviewId, row.stars, row.language);
    if (out) return { skip: out };
    return { emit: { ...row, verified: true, check_note: null }, claim: reviewId };
  },
  async unchecked(_z, _bundle, { reviewId, event }) {
    const review = productReviewOf(event);
    if (!review) return { skip: `Skipped product review ${reviewId}: the event’s fields are not the product review Trustpilot documents.` };
    if (review.state && review.state !== 'published') return { skip: `Skipped product review ${reviewId}: it is ${review.state.slice(0, 20)}, not published.` };
    const row = flattenProductReview(review);
    const out = filteredOut(filters, reviewId, row.stars, row.language);
    if (out) return { skip: out };
    return { emit: { ...row, verified: false, check_note: NO_API_NOTE }, claim: reviewId };
  },
  notChecked: (reviewId, note) => ({
    ...withoutServiceOnlyFields(emptyFlat(reviewId, 'product')),
    product_sku: null,
    product_name: null,
    product_url: null,
    product_id: null,
    conversation_id: null,
    state: null,
    verified: false,
    check_note: note,
  }),
});

export const performNewProductReviewHook = (z: ZObject, bundle: Bundle): Promise<ProductHookRow[]> =>
  handleDelivery(z, bundle, newProductReviewSpec(readFilters(bundle)));

export const listNewProductReviewSamples = async (z: ZObject, bundle: Bundle): Promise<ProductHookRow[]> => {
  readFilters(bundle);
  if (!hasApiAccess(bundle)) return [{ ...productHookSample, verified: false, check_note: NO_API_NOTE }];
  const client = TrustpilotClient.fromBundle(z, bundle);
  // Trustpilot documents no order for this list: the newest reviews are found whichever end they are at.
  const { reviews } = await findNewestProductReviews(z, client, client.businessUnitId());
  if (reviews.length === 0) return [productHookSample];
  return newestFirst(reviews.map(flattenProductReview))
    .slice(0, SAMPLE_SIZE)
    .map((row) => ({ ...row, verified: true, check_note: null }));
};

