/**
 * "Get Review Summary": one item describing a period, for Schedule → Get Review Summary → Slack or Email.
 *
 * Calls, at most SUMMARY_MAX_CALLS (10), never a crawl:
 *   1    public business-unit profile: TrustScore, stars, total reviews;
 *   1    new service reviews of the period, newest first, 100 per page: the count and star split when
 *        fewer than 100 arrived;
 *   0–5  only when 100 or more arrived: one call per star rating (`stars=n`), each counting up to 100,
 *        so a count that would need more pages reads "100+";
 *   1    service reviews without a reply (`responded=false`), oldest first: the count and the oldest;
 *   1–2  product reviews: the list has no date filter or documented order (Bruno `Get private product
 *        reviews.bru`), so two pages of 100 are read and the ones created in the period counted; a full
 *        second page makes the count "N+".
 * Trustpilot's API exposes no invitation statuses, so none are reported.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';

import { errorCode } from '../errors/error-message';
import { forZapier } from '../errors/for-zapier';
import { isoDate } from '../reviews/flatten';
import { inputError, optionalChoice, optionalDateTime } from '../inputs/readers';
import { readBusinessUnitId } from '../trustpilot/business-unit-input';
import { TrustpilotClient } from '../trustpilot/client';
import { readProductReviewPage, readServiceReviewPage, REVIEW_PAGE_MAX } from '../trustpilot/review-pages';
import { publicReviewUrl, type ServiceReview } from '../trustpilot/reviews';
import type { BusinessUnit } from '../trustpilot/schemas';
import { isoUtcSeconds } from '../util/utc';
import { SUMMARY_LABELS as LABELS, SUMMARY_MAX_CALLS, SUMMARY_PERIODS, type ReviewSummary, type SummaryPeriod } from './fields';

const DAY_MS = 86_400_000;
/** Product review pages read at most. */
export const PRODUCT_PAGES = 2;

export interface SummaryWindow {
  period: SummaryPeriod;
  start: Date;
  end: Date;
}

/**
 * How far back Since may go. Counts beyond one page of 100 reviews show as "100+", and a digest is about
 * recent reviews: a year is plenty, and stated in the field's help text.
 */
export const SINCE_MAX_DAYS = 365;

/** Every field is read, and refused when wrong, before any call; Since is checked even when another Period is chosen. */
export const readWindow = (input: Record<string, unknown>, now: Date): SummaryWindow => {
  const period = optionalChoice(input.period, LABELS.period, SUMMARY_PERIODS) ?? 'last_7_days';
  const rawSince = typeof input.since === 'string' ? input.since.trim() : input.since;
  // A date alone means midnight UTC, as Trustpilot reads startDateTime.
  const since = optionalDateTime(typeof rawSince === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(rawSince) ? `${rawSince}T00:00:00Z` : rawSince, LABELS.since, {
    notBefore: { at: new Date(now.getTime() - SINCE_MAX_DAYS * DAY_MS), words: `${SINCE_MAX_DAYS} days ago` },
  });
  if (since && since.getTime() >= now.getTime()) throw inputError(LABELS.since, `${isoUtcSeconds(since)} is in the future; choose a date in the past`);
  if (period === 'last_7_days') return { period, start: new Date(now.getTime() - 7 * DAY_MS), end: now };
  if (period === 'last_30_days') return { period, start: new Date(now.getTime() - 30 * DAY_MS), end: now };
  if (!since) throw inputError(LABELS.since, 'is required when Period is “Since a date”: enter a date such as 2026-11-01, or map the last run’s date');
  return { period, start: since, end: now };
};

export interface Count {
  /** At least this many. */
  count: number;
  exact: boolean;
}

export const countText = (c: Count) => (c.exact ? String(c.count) : `${c.count}+`);

const fmtDay = (d: Date) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const PERIOD_WORDS: Record<SummaryPeriod, string> = { last_7_days: 'last 7 days', last_30_days: 'last 30 days', since_date: 'since' };

export const digest = (s: Omit<ReviewSummary, 'digest_text' | 'digest_markdown'>, window: SummaryWindow): { text: string; markdown: string } => {
  const name = s.business_unit_name ?? s.business_unit_id;
  const range = window.period === 'since_date' ? `since ${fmtDay(window.start)}` : `${PERIOD_WORDS[window.period]} (${fmtDay(window.start)} – ${fmtDay(window.end)})`;
  const score = s.trust_score === null ? 'no TrustScore yet' : `TrustScore ${s.trust_score}${s.stars === null ? '' : ` (${s.stars} stars)`}`;
  const total = s.total_reviews === null ? '' : `, ${s.total_reviews} reviews in total`;
  const split = `5★ ${s.new_five_stars}, 4★ ${s.new_four_stars}, 3★ ${s.new_three_stars}, 2★ ${s.new_two_stars}, 1★ ${s.new_one_star}`;
  const average = s.new_average_stars === null ? '' : `; average ${s.new_average_stars}`;
  const service = s.new_service_reviews_count === 0 && s.new_service_reviews_exact ? 'none' : `${s.new_service_reviews} (${split}${average})`;
  const product = s.new_product_reviews ?? 'not available for this connection';
  const oldest =
    s.oldest_awaiting_reply_url && s.oldest_awaiting_reply_days !== null
      ? `; the oldest is ${s.oldest_awaiting_reply_days} ${s.oldest_awaiting_reply_days === 1 ? 'day' : 'days'} old`
      : '';
  const b = (v: string) => `**${v}**`;
  const text = [
    `Trustpilot summary for ${name}, ${range}`,
    `${score}${total}`,
    `New service reviews: ${service}`,
    `New product reviews: ${product}`,
    `Awaiting a reply: ${s.awaiting_reply}${oldest}${s.oldest_awaiting_reply_url ? `: ${s.oldest_awaiting_reply_url}` : ''}`,
    ...(s.profile_url ? [`Profile: ${s.profile_url}`] : []),
  ].join('\n');
  const markdown = [
    `${b(`Trustpilot summary for ${name}`)}, ${range}`,
    `- ${s.trust_score === null ? score : `TrustScore ${b(String(s.trust_score))}${s.stars === null ? '' : ` (${s.stars} stars)`}`}${total}`,
    `- New service reviews: ${s.new_service_reviews_count === 0 && s.new_service_reviews_exact ? 'none' : `${b(s.new_service_reviews)} (${split}${average})`}`,
    `- New product reviews: ${s.new_product_reviews === null ? product : b(product)}`,
    `- Awaiting a reply: ${b(s.awaiting_reply)}${oldest}${s.oldest_awaiting_reply_url ? `: [open it](${s.oldest_awaiting_reply_url})` : ''}`,
    ...(s.profile_url ? [`- [Profile on Trustpilot](${s.profile_url})`] : []),
  ].join('\n');
  return { text, markdown };
};

/** 403: no product reviews for this account or connection; 404: no product reviews resource for the unit. */
const NOT_AVAILABLE = new Set(['trustpilot_forbidden', 'trustpilot_not_found']);

export const getReviewSummary = (z: ZObject, bundle: Bundle, now: Date = new Date()): Promise<ReviewSummary[]> =>
  forZapier(z, async () => {
    const input = (bundle.inputData ?? {}) as Record<string, unknown>;
    const window = readWindow(input, now);
    const chosenUnit = readBusinessUnitId(input.business_unit_id);
    const client = TrustpilotClient.fromBundle(z, bundle);
    const businessUnitId = client.businessUnitId(chosenUnit);
    let calls = 0;
    const call = <T>(work: Promise<T>) => {
      calls++;
      return work;
    };

    const unit: BusinessUnit = await call(client.getBusinessUnit(businessUnitId));

    // New service reviews and their stars.
    const period = { since: window.start, until: window.end, perPage: REVIEW_PAGE_MAX, orderBy: 'createdat.desc' as const };
    const fresh = await call(readServiceReviewPage(client, businessUnitId, period, 'count the new service reviews'));
    let byStar: Count[];
    if (fresh.length < REVIEW_PAGE_MAX) {
      byStar = [1, 2, 3, 4, 5].map((n) => ({ count: fresh.filter((r) => r.stars === n).length, exact: true }));
    } else {
      byStar = [];
      for (const stars of [1, 2, 3, 4, 5]) {
        const page = await call(readServiceReviewPage(client, businessUnitId, { ...period, stars }, `count the new ${stars}-star reviews`));
        byStar.push({ count: page.length, exact: page.length < REVIEW_PAGE_MAX });
      }
    }
    const service: Count = { count: byStar.reduce((sum, c) => sum + c.count, 0), exact: byStar.every((c) => c.exact) };
    const average = service.exact && service.count > 0 ? Math.round((byStar.reduce((sum, c, i) => sum + c.count * (i + 1), 0) / service.count) * 10) / 10 : null;

    // Awaiting a reply (all time), oldest first.
    const unanswered: ServiceReview[] = await call(
      readServiceReviewPage(client, businessUnitId, { responded: false, perPage: REVIEW_PAGE_MAX, orderBy: 'createdat.asc' }, 'count the reviews awaiting a reply'),
    );
    const oldest = unanswered[0];
    const oldestAt = isoDate(oldest?.createdAt);
    const awaiting: Count = { count: unanswered.length, exact: unanswered.length < REVIEW_PAGE_MAX };

    // Product reviews created in the period, from at most PRODUCT_PAGES pages.
    let product: Count | null = { count: 0, exact: true };
    try {
      for (let page = 1; page <= PRODUCT_PAGES; page++) {
        const rows = await call(readProductReviewPage(client, businessUnitId, page, 'count the new product reviews'));
        product.count += rows.filter((r) => {
          const at = Date.parse(isoDate(r.createdAt) ?? '');
          return at >= window.start.getTime() && at <= window.end.getTime();
        }).length;
        if (rows.length < REVIEW_PAGE_MAX) break;
        if (page === PRODUCT_PAGES) product.exact = false;
      }
    } catch (err) {
      if (!NOT_AVAILABLE.has(errorCode(err) ?? '')) throw err;
      z.console.log(`Product reviews not available for business unit ${businessUnitId}: ${errorCode(err)}.`);
      product = null;
    }
    if (calls > SUMMARY_MAX_CALLS) throw new Error(`the summary made ${calls} calls, more than its bound of ${SUMMARY_MAX_CALLS}`);

    const domain = unit.name?.identifying ?? null;
    const start = isoUtcSeconds(window.start);
    const end = isoUtcSeconds(window.end);
    const base: Omit<ReviewSummary, 'digest_text' | 'digest_markdown'> = {
      id: `${businessUnitId}:${start}:${end}`,
      business_unit_id: businessUnitId,
      business_unit_name: unit.displayName ?? domain,
      profile_url: domain ? `https://www.trustpilot.com/review/${encodeURIComponent(domain)}` : null,
      period: window.period,
      period_start: start,
      period_end: end,
      trust_score: typeof unit.score?.trustScore === 'number' ? unit.score.trustScore : null,
      stars: typeof unit.score?.stars === 'number' ? unit.score.stars : null,
      total_reviews: typeof unit.numberOfReviews?.total === 'number' ? unit.numberOfReviews.total : null,
      new_service_reviews: countText(service),
      new_service_reviews_count: service.count,
      new_service_reviews_exact: service.exact,
      new_one_star: countText(byStar[0]!),
      new_two_stars: countText(byStar[1]!),
      new_three_stars: countText(byStar[2]!),
      new_four_stars: countText(byStar[3]!),
      new_five_stars: countText(byStar[4]!),
      new_average_stars: average,
      new_product_reviews: product ? countText(product) : null,
      new_product_reviews_count: product ? product.count : null,
      awaiting_reply: countText(awaiting),
      awaiting_reply_count: awaiting.count,
      oldest_awaiting_reply_days: oldestAt ? Math.max(0, Math.floor((now.getTime() - Date.parse(oldestAt)) / DAY_MS)) : null,
      oldest_awaiting_reply_at: oldestAt,
      oldest_awaiting_reply_url: oldest ? publicReviewUrl(oldest.id) : null,
      api_calls: calls,
    };
    const { text: digestText, markdown } = digest(base, window);
    return [{ ...base, digest_text: digestText, digest_markdown: markdown }];
  });
