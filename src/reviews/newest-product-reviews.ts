/**
 * The newest private product reviews, whatever order Trustpilot serves them in.
 *
 * The list endpoint documents `page` and `perPage` but no order parameter and no default order (Trustpilot's
 * Bruno collection, "Get private product reviews"; see docs/upstream-facts.md). Page 1 is therefore either the
 * newest page or the oldest one. Each poll finds out which (a page's first and last `createdAt` tell) and
 * remembers it in z.cache, with the number of the last page when the list is oldest first, so that:
 * - newest first: every poll reads page 1 (1 call);
 * - oldest first: a poll reads the remembered last page, and the next one when it has grown (1–2 calls);
 * - the last page is unknown (first poll, or reviews were removed): it is searched for by doubling, then
 *   halving, at most MAX_CALLS pages per poll. A search that needs more polls carries on at the next poll and
 *   returns nothing meanwhile; the reviews it then finds are kept only if they were created after the search
 *   began, so a long history never fires as "new" reviews.
 */
import type { ZObject } from 'zapier-platform-core';

import type { TrustpilotClient } from '../trustpilot/client';
import { listProductReviewPage, type ProductReview, type ProductReviewPage } from '../trustpilot/reviews';

/** Trustpilot's maximum page size. */
export const PRODUCT_PAGE_SIZE = 100;
/** Calls one poll may make, whatever the number of product reviews. */
export const MAX_CALLS = 4;
/** The remembered order and last page live this long after the last poll (a paused Zap starts afresh). */
const STATE_TTL_SECONDS = 30 * 24 * 3600;

export type ListOrder = 'oldest-first' | 'newest-first';

export interface PollState {
  order?: ListOrder;
  /** Oldest first: the page that held the newest reviews at the last poll. */
  lastPage?: number;
  /** An unfinished search: the highest page known to have a next page (0: none yet), the lowest known empty one. */
  lo?: number;
  hi?: number;
  /** ISO time the first search began: reviews created before it are history, never output. */
  since?: string;
}

export interface NewestProductReviews {
  /** Newest first. */
  reviews: ProductReview[];
  /** Pages read by this poll. */
  calls: number;
  /** False while a search for the last page is still under way (the reviews are then only samples). */
  complete: boolean;
}

const time = (review: ProductReview) => {
  const t = Date.parse(review.createdAt ?? '');
  return Number.isFinite(t) ? t : undefined;
};

/** The order a page shows, if its first and last reviews' creation times differ. */
export const orderOf = (reviews: ProductReview[]): ListOrder | undefined => {
  const first = reviews[0] && time(reviews[0]);
  const last = reviews.length > 1 ? time(reviews[reviews.length - 1]!) : undefined;
  if (first === undefined || last === undefined || first === last) return undefined;
  return first > last ? 'newest-first' : 'oldest-first';
};

/** Trustpilot's createdAt has whole seconds: a review posted in the second the search began is not history. */
const wholeSecond = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString();

const newestFirst = (reviews: ProductReview[]) => [...reviews].sort((a, b) => (time(b) ?? 0) - (time(a) ?? 0));

export const stateKey = (businessUnitId: string, sku: string | undefined) =>
  `trustpilot:product-review-poll:${businessUnitId.toLowerCase()}:${encodeURIComponent(sku ?? '')}`;

export const findNewestProductReviews = async (
  z: ZObject,
  client: TrustpilotClient,
  businessUnitId: string,
  options: { sku?: string; now?: Date } = {},
): Promise<NewestProductReviews> => {
  const key = stateKey(businessUnitId, options.sku);
  const cached = (await z.cache.get(key)) as PollState | null;
  const hadState = cached !== null && typeof cached === 'object';
  let state: PollState = hadState ? { ...cached } : {};
  const pages = new Map<number, ProductReviewPage>();
  let calls = 0;

  const read = async (page: number) => {
    const known = pages.get(page);
    if (known) return known;
    calls++;
    const result = await listProductReviewPage(client, businessUnitId, { page, perPage: PRODUCT_PAGE_SIZE, sku: options.sku });
    pages.set(page, result);
    return result;
  };
  // z.cache refuses undefined members: store only the ones set.
  const save = () => z.cache.set(key, Object.fromEntries(Object.entries(state).filter(([, v]) => v !== undefined)), STATE_TTL_SECONDS);
  const keepNew = (reviews: ProductReview[]) => {
    const since = state.since ? Date.parse(state.since) : Number.NaN;
    return Number.isFinite(since) ? reviews.filter((r) => (time(r) ?? Number.POSITIVE_INFINITY) >= since) : reviews;
  };
  const done = async (reviews: ProductReview[]) => {
    await save();
    return { reviews: newestFirst(keepNew(reviews)), calls, complete: true };
  };

  for (let restarts = 0; ; restarts++) {
    if (state.order !== 'oldest-first') {
      const first = await read(1);
      const order = orderOf(first.reviews);
      if (order === 'newest-first' || (order === undefined && !first.hasNext)) {
        // Page 1 is the newest page, or all there is.
        state = { ...state, order: order ?? state.order, lastPage: undefined, lo: undefined, hi: undefined };
        return done(first.reviews);
      }
      if (order === undefined && state.order === 'newest-first') return done(first.reviews);
      state = { ...state, order: 'oldest-first' };
      if (!first.hasNext) {
        state = { ...state, lastPage: 1, lo: undefined, hi: undefined };
        return done(first.reviews);
      }
      if (state.lastPage === undefined && state.lo === undefined) state = { ...state, lo: 1, hi: undefined };
    }

    // Oldest first: find the last page, starting from the one remembered.
    let guess = state.lastPage;
    let lo = state.lo ?? 0;
    let hi = state.hi;
    let followNext = false;
    let reversed = false;
    while (calls < MAX_CALLS) {
      let page: number;
      if (guess !== undefined) page = guess;
      else if (hi === undefined) page = followNext || lo === 0 ? lo + 1 : lo * 2;
      else page = Math.max(lo + 1, Math.floor((lo + hi) / 2));
      if (hi !== undefined && page >= hi) {
        // A page known to have a successor sits right below one known to be empty: the list changed
        // under the search. Start it again from the first page.
        lo = 0;
        hi = undefined;
        page = 1;
      }
      const wasGuess = guess !== undefined;
      guess = undefined;
      const result = await read(page);
      if (orderOf(result.reviews) === 'newest-first') {
        reversed = true;
        break;
      }
      if (result.reviews.length === 0) {
        if (page === 1) {
          state = { ...state, lastPage: undefined, lo: undefined, hi: undefined };
          return done([]);
        }
        hi = page;
        followNext = false;
      } else if (result.hasNext) {
        lo = page;
        // A remembered last page that grew: the newest reviews are most likely on the very next page.
        followNext = wasGuess || followNext;
      } else {
        // The last page, and any pages read just below it, hold the newest reviews.
        const newest: ProductReview[] = [];
        for (let p = page; pages.has(p); p--) newest.push(...pages.get(p)!.reviews);
        state = { ...state, lastPage: page, lo: undefined, hi: undefined };
        return done(newest);
      }
    }

    if (reversed && restarts === 0 && calls < MAX_CALLS) {
      // The endpoint now serves newest first: forget what was remembered and read page 1 again.
      state = { since: state.since };
      pages.clear();
      continue;
    }
    if (reversed) state = { since: state.since };
    else {
      // Out of calls for this poll: carry the search over. On a first search, remember when it began.
      state = { ...state, lastPage: undefined, lo, hi, since: state.since ?? (hadState ? undefined : wholeSecond(options.now ?? new Date())) };
    }
    await save();
    const seen = [...pages.values()].flatMap((p) => p.reviews);
    return { reviews: newestFirst(seen), calls, complete: false };
  }
};
