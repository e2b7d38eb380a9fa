/**
 * "TrustScore Changed": one public business-unit call per poll (`GET /v1/business-units/{id}`, API key
 * only: https://developers.trustpilot.com/business-units-api-(public)), compared with the value last seen.
 *
 * Where the last value lives, and why: Zapier's polling dedupe only drops ids it has seen; it never tells a
 * trigger what it returned before, so an id that encodes the value ("4.3") cannot carry the old value or
 * the size of the change, and once 4.3 → 4.2 → 4.3 happens the return to 4.3 has an id Zapier has already
 * seen and never fires. So the app keeps, in z.cache, per business unit and Minimum Change:
 *   - the baseline (the value the last change was measured to, and since when), and
 *   - the most recent changes, each with an id made of the baseline's time and the new value.
 * Every poll returns those recent changes, newest first; Zapier's dedupe makes each one fire once per Zap,
 * and Zaps with the same business unit and Minimum Change share them, so no Zap misses a change another
 * Zap's poll noticed first. Two polls noticing the same change at once compute the same id.
 * With a Minimum Change, small moves add up: the change is measured from the baseline, which only moves
 * when a change fires, so 4.3 → 4.2 → 4.1 fires once at 4.1 for a Minimum Change of 0.2.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';

import { forZapier } from '../errors/for-zapier';
import { optionalDecimal } from '../inputs/readers';
import { readBusinessUnitId } from '../trustpilot/business-unit-input';
import { CacheUnavailableError, type KeyValueCache } from '../util/cache';
import { TrustpilotClient } from '../trustpilot/client';
import type { BusinessUnit } from '../trustpilot/schemas';
import { isoUtcSeconds } from '../util/utc';
import { TRUSTSCORE_LABELS as LABELS, trustScoreSample, type TrustScoreChange } from './fields';

/** Changes kept (and returned) per business unit and Minimum Change: plenty between two polls. */
export const RECENT_CHANGES_KEPT = 10;
/** A Zap that has not polled for 60 days starts afresh (the first poll after that only records the value). */
const STATE_TTL_SECONDS = 60 * 24 * 3600;

export interface Reading {
  trustScore: number | null;
  stars: number | null;
  total: number | null;
  at: string;
}

export interface TrustScoreState {
  baseline: Reading;
  changes: TrustScoreChange[];
}

/** TrustScore has one decimal; compare in tenths so 4.3 - 4.2 is 0.1, not 0.09999. */
const tenths = (value: number | null) => (value === null ? null : Math.round(value * 10));
const diff = (a: number | null, b: number | null) => (a === null || b === null ? 0 : (Math.round(b * 10) - Math.round(a * 10)) / 10);

/** Empty means every change. TrustScore has one decimal, so a finer difference could never be seen. */
export const readMinChange = (raw: unknown): number =>
  optionalDecimal(raw, LABELS.min_change, { min: 0, max: 5, decimals: 1, describe: 'a TrustScore difference from 0.1 to 5 with one decimal, e.g. 0.1 or 0.3' }) ?? 0;

export const readingOf = (unit: BusinessUnit, now: Date): Reading => ({
  trustScore: typeof unit.score?.trustScore === 'number' ? unit.score.trustScore : null,
  stars: typeof unit.score?.stars === 'number' ? unit.score.stars : null,
  total: typeof unit.numberOfReviews?.total === 'number' ? unit.numberOfReviews.total : null,
  at: isoUtcSeconds(now),
});

/** Does `current` differ enough from the baseline? A star-rating change always counts. */
export const isChange = (baseline: Reading, current: Reading, minChange: number): boolean => {
  if (baseline.stars !== current.stars) return true;
  const moved = Math.abs((tenths(current.trustScore) ?? 0) - (tenths(baseline.trustScore) ?? 0));
  if (tenths(current.trustScore) === tenths(baseline.trustScore)) return false;
  return moved >= Math.max(1, Math.round(minChange * 10));
};

const fmt = (n: number | null) => (n === null ? 'none' : String(n));

export const describeChange = (unit: BusinessUnit, baseline: Reading, current: Reading): TrustScoreChange => {
  const trustScoreChange = diff(baseline.trustScore, current.trustScore);
  const starsChange = diff(baseline.stars, current.stars);
  const direction = (trustScoreChange !== 0 ? trustScoreChange : starsChange) > 0 ? 'up' : 'down';
  const domain = unit.name?.identifying ?? null;
  const name = unit.displayName ?? domain;
  const stars = baseline.stars !== current.stars ? ` (stars ${fmt(baseline.stars)} → ${fmt(current.stars)})` : ` (stars ${fmt(current.stars)})`;
  const what =
    trustScoreChange === 0
      ? `star rating went ${direction} from ${fmt(baseline.stars)} to ${fmt(current.stars)} (TrustScore ${fmt(current.trustScore)})`
      : `TrustScore went ${direction} from ${fmt(baseline.trustScore)} to ${fmt(current.trustScore)}${stars}`;
  return {
    id: `${unit.id}-${Date.parse(baseline.at)}-${fmt(current.trustScore)}-${fmt(current.stars)}`,
    business_unit_id: unit.id,
    business_unit_name: name ?? null,
    profile_url: domain ? `https://www.trustpilot.com/review/${encodeURIComponent(domain)}` : null,
    old_trust_score: baseline.trustScore,
    new_trust_score: current.trustScore,
    trust_score_change: trustScoreChange,
    old_stars: baseline.stars,
    new_stars: current.stars,
    stars_change: starsChange,
    direction,
    total_reviews: current.total,
    previous_total_reviews: baseline.total,
    changed_at: current.at,
    previous_since: baseline.at,
    summary: `${name ?? unit.id}’s ${what}${current.total === null ? '' : ` with ${current.total} reviews`}.`,
  };
};

/** The next state after a reading: unchanged when the move is below the Minimum Change. */
export const nextState = (unit: BusinessUnit, state: TrustScoreState | null, current: Reading, minChange: number): { state: TrustScoreState; changed: boolean } => {
  if (!state) return { state: { baseline: current, changes: [] }, changed: true };
  if (!isChange(state.baseline, current, minChange)) return { state, changed: false };
  const change = describeChange(unit, state.baseline, current);
  return { state: { baseline: current, changes: [change, ...state.changes.filter((c) => c.id !== change.id)].slice(0, RECENT_CHANGES_KEPT) }, changed: true };
};

const isState = (value: unknown): value is TrustScoreState =>
  typeof value === 'object' && value !== null && typeof (value as TrustScoreState).baseline?.at === 'string' && Array.isArray((value as TrustScoreState).changes);

export const stateKey = (businessUnitId: string, minChange: number) => `trustscore-changed:v1:${businessUnitId}:${minChange.toFixed(1)}`;

export const pollTrustScore = (z: ZObject, bundle: Bundle, now: Date = new Date()): Promise<TrustScoreChange[]> =>
  forZapier(z, async () => {
    const input = (bundle.inputData ?? {}) as Record<string, unknown>;
    const minChange = readMinChange(input.min_change);
    const chosenUnit = readBusinessUnitId(input.business_unit_id);
    const client = TrustpilotClient.fromBundle(z, bundle);
    const businessUnitId = client.businessUnitId(chosenUnit);
    const cache = z.cache as unknown as KeyValueCache;
    const key = stateKey(businessUnitId, minChange);

    let saved: unknown;
    try {
      saved = await cache.get(key);
    } catch {
      throw new CacheUnavailableError('Zapier’s storage did not answer, so the last TrustScore seen could not be read; Zapier will check again shortly.');
    }
    const unit = await client.getBusinessUnit(businessUnitId);
    const { state, changed } = nextState(unit, isState(saved) ? saved : null, readingOf(unit, now), minChange);
    if (changed) {
      // A lost write is harmless: the next poll finds the same change again, under the same id.
      await Promise.resolve(cache.set(key, state, STATE_TTL_SECONDS)).catch(() => undefined);
    }
    if (state.changes.length === 0 && bundle.meta?.isLoadingSample) {
      // No change seen yet: show the editor the current values, in the shape a change will have.
      return [{ ...trustScoreSample, ...describeChange(unit, state.baseline, state.baseline), id: `${businessUnitId}-current`, summary: `No change yet: ${unit.displayName ?? businessUnitId} has a TrustScore of ${fmt(state.baseline.trustScore)}.` }];
    }
    return state.changes;
  });
