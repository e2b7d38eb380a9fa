/**
 * What the app remembers of the reviews it has seen, so the deleted-review hook can still name the
 * reference number and stars of a review that no longer exists, and the updated-review hook can say what
 * changed (Trustpilot keeps no history of a review: its API only has the current version).
 *
 * One z.cache entry per review, keyed by business unit and review id, so a lookup for the connection's
 * business unit can only find that business unit's reviews. The entry keeps no review text, only a short
 * hash of it, and the version seen before the current one (`prev`), because another Zap step may have
 * remembered the new version before the update webhook arrives.
 *
 * Remembering is best effort: a cache failure is logged and never fails the step that remembers.
 */
import { createHash } from 'node:crypto';

import type { KeyValueCache } from '../util/cache';
import type { ServiceReview } from '../trustpilot/reviews';

/** 90 days: a deletion or an edit months after the review is rare, and the entries are small. */
export const MEMORY_TTL_SECONDS = 90 * 86_400;

export interface ReviewSnapshot {
  stars: number | null;
  referenceId: string | null;
  /** Hashes, so no review text sits in the cache. */
  title: string | null;
  text: string | null;
  /** null: not known (e.g. remembered from a Salesforce log step, which does not see the reply). */
  replied: boolean | null;
  updatedAt: string | null;
  seenAt: string;
}

export interface RememberedReview extends ReviewSnapshot {
  businessUnitId: string;
  reviewId: string;
  prev: ReviewSnapshot | null;
}

export interface SeenReview {
  reviewId: string;
  businessUnitId: string | null;
  stars: number | null;
  referenceId: string | null;
  title: string | null;
  text: string | null;
  replied: boolean | null;
  updatedAt: string | null;
}

const keyOf = (businessUnitId: string, reviewId: string) => `tp:review:v1:${businessUnitId.toLowerCase()}:${reviewId}`;

export const textHash = (value: string | null | undefined): string | null =>
  value ? createHash('sha256').update(value, 'utf8').digest('base64url').slice(0, 16) : null;

const snapshotOf = (review: SeenReview, seenAt: string): ReviewSnapshot => ({
  stars: review.stars,
  referenceId: review.referenceId,
  title: textHash(review.title),
  text: textHash(review.text),
  replied: review.replied,
  updatedAt: review.updatedAt,
  seenAt,
});

const sameVersion = (a: ReviewSnapshot, b: ReviewSnapshot) =>
  a.stars === b.stars && a.title === b.title && a.text === b.text && a.replied === b.replied && a.updatedAt === b.updatedAt;

const isRemembered = (value: unknown): value is RememberedReview =>
  typeof value === 'object' && value !== null && typeof (value as RememberedReview).reviewId === 'string';

type Log = (message: string) => void;

export const recall = async (cache: KeyValueCache, businessUnitId: string, reviewId: string, log: Log): Promise<RememberedReview | undefined> => {
  try {
    const stored = await cache.get(keyOf(businessUnitId, reviewId));
    return isRemembered(stored) ? stored : undefined;
  } catch {
    log(`Could not read what the app remembers of review ${reviewId} (the Zapier cache did not answer).`);
    return undefined;
  }
};

/**
 * Remembers one version of a review: one read and one write. A review without a business unit is not
 * remembered (it could not be found again). Returns what was remembered before, if anything.
 */
export const remember = async (cache: KeyValueCache, review: SeenReview, now: Date, log: Log): Promise<RememberedReview | undefined> => {
  if (!review.businessUnitId) return undefined;
  const before = await recall(cache, review.businessUnitId, review.reviewId, log);
  const current = snapshotOf(review, now.toISOString());
  if (before && sameVersion(before, current)) return before;
  const { businessUnitId: _bu, reviewId: _id, prev: _prev, ...beforeSnapshot } = before ?? ({} as RememberedReview);
  const entry: RememberedReview = {
    businessUnitId: review.businessUnitId,
    reviewId: review.reviewId,
    ...current,
    // A reference number is never removed from a review; keep it if this copy lacks it (e.g. from a log step).
    referenceId: current.referenceId ?? before?.referenceId ?? null,
    prev: before ? beforeSnapshot : null,
  };
  try {
    await cache.set(keyOf(review.businessUnitId, review.reviewId), entry, MEMORY_TTL_SECONDS);
  } catch {
    log(`Could not remember review ${review.reviewId} (the Zapier cache did not answer).`);
  }
  return before;
};

/**
 * The version of a review before `current`: the remembered one, or the one before it when another step
 * already remembered this very version.
 */
export const previousVersion = (remembered: RememberedReview | undefined, current: SeenReview): ReviewSnapshot | undefined => {
  if (!remembered) return undefined;
  const now = snapshotOf(current, remembered.seenAt);
  if (sameVersion(remembered, now)) return remembered.prev ?? undefined;
  return remembered;
};

/** Remembers a review only when nothing is remembered of it yet: for steps that see part of a review (one read, at most one write). */
export const rememberIfNew = async (cache: KeyValueCache, review: SeenReview, now: Date, log: Log): Promise<void> => {
  if (!review.businessUnitId) return;
  if (await recall(cache, review.businessUnitId, review.reviewId, log)) return;
  await remember(cache, review, now, log);
};

/** At most this many reviews are remembered per poll, so a poll costs at most this many cache writes plus two. */
export const MAX_REMEMBERED_PER_POLL = 20;

const watermarkKey = (businessUnitId: string) => `tp:review-watermark:v1:${businessUnitId.toLowerCase()}`;

/**
 * After a poll: remembers the reviews created or changed since the last poll (the watermark is the newest
 * version time remembered), newest first and at most MAX_REMEMBERED_PER_POLL, so a poll that sees nothing
 * new costs one cache read.
 */
export const rememberPolled = async (
  cache: KeyValueCache,
  businessUnitId: string,
  reviews: Array<{ review: SeenReview; versionAt: string | null }>,
  now: Date,
  log: Log,
): Promise<number> => {
  let watermark = '';
  try {
    const stored = await cache.get(watermarkKey(businessUnitId));
    if (typeof stored === 'string') watermark = stored;
  } catch {
    log('Could not read which reviews the app already remembers (the Zapier cache did not answer); none remembered this time.');
    return 0;
  }
  const fresh = reviews
    .filter((r): r is { review: SeenReview; versionAt: string } => typeof r.versionAt === 'string' && r.versionAt > watermark)
    .sort((a, b) => (a.versionAt < b.versionAt ? 1 : a.versionAt > b.versionAt ? -1 : 0))
    .slice(0, MAX_REMEMBERED_PER_POLL);
  if (fresh.length === 0) return 0;
  for (const { review } of fresh) await remember(cache, review, now, log);
  try {
    await cache.set(watermarkKey(businessUnitId), fresh[0]!.versionAt, MEMORY_TTL_SECONDS);
  } catch {
    log('Could not note which reviews the app remembers (the Zapier cache did not answer).');
  }
  return fresh.length;
};

/** What is remembered of a service review as Trustpilot's API returns it. */
export const seenServiceReview = (review: ServiceReview, businessUnitId: string | null): SeenReview => ({
  reviewId: review.id,
  businessUnitId: review.businessUnit?.id ?? businessUnitId,
  stars: review.stars ?? null,
  referenceId: review.referenceId ?? null,
  title: review.title ?? null,
  text: review.text ?? null,
  replied: Boolean(review.companyReply?.text),
  updatedAt: review.updatedAt ?? null,
});
