/**
 * "Find Business Unit": a Trustpilot business unit by domain or exact name (public lookup, API key only),
 * with its TrustScore and review counts, and, where the connection may read the unit's private reviews,
 * how many recent reviews still await a reply: the figure a weekly summary Zap posts to Slack.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';

import { factsOf } from '../errors/facts';
import { forZapier } from '../errors/for-zapier';
import { inputError, quoted, requiredText, URL_MAX } from '../inputs/readers';
import { countReviewsAwaitingReply } from '../trustpilot/business-units';
import { TrustpilotClient } from '../trustpilot/client';
import type { BusinessUnit } from '../trustpilot/schemas';
import { isoUtcSeconds } from '../util/utc';

export const AWAITING_REPLY_DAYS = 30;

export interface BusinessUnitResult {
  id: string;
  name: string | null;
  domain: string | null;
  website_url: string | null;
  country: string | null;
  status: string | null;
  trust_score: number | null;
  stars: number | null;
  reviews_total: number | null;
  reviews_used_for_trustscore: number | null;
  reviews_one_star: number | null;
  reviews_two_stars: number | null;
  reviews_three_stars: number | null;
  reviews_four_stars: number | null;
  reviews_five_stars: number | null;
  profile_url: string | null;
  /** null when the connection may not read this unit's private reviews (another company's unit, or no API access). */
  reviews_awaiting_reply: number | null;
  reviews_awaiting_reply_capped: boolean | null;
  reviews_awaiting_reply_since: string | null;
}

export const DOMAIN_OR_NAME_LABEL = 'Domain or Name';

/**
 * What the user typed, as the find endpoint wants it: a pasted URL (`https://www.example.com/shop`) becomes
 * its host (`www.example.com`); a name is kept as typed, since the lookup is by exact name.
 */
export function normaliseBusinessUnitQuery(raw: unknown): string {
  const label = DOMAIN_OR_NAME_LABEL;
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    throw inputError(label, 'is required: enter your Trustpilot profile’s domain (e.g. example.com) or its exact name');
  }
  // A pasted address may be long; a name or domain is one line.
  const text = requiredText(raw, label, { max: URL_MAX });
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      return new URL(text).hostname;
    } catch {
      throw inputError(label, `${quoted(text)} is not a valid web address; enter a domain like example.com`);
    }
  }
  const domainWithPath = /^([^\s/]+\.[^\s/]+)[/?#]/.exec(text);
  return domainWithPath ? domainWithPath[1]! : text;
}

const numberOrNull = (value: number | null | undefined) => (typeof value === 'number' ? value : null);

export function describeBusinessUnit(unit: BusinessUnit): Omit<BusinessUnitResult, 'reviews_awaiting_reply' | 'reviews_awaiting_reply_capped' | 'reviews_awaiting_reply_since'> {
  const domain = unit.name?.identifying ?? null;
  const counts = unit.numberOfReviews ?? {};
  return {
    id: unit.id,
    name: unit.displayName ?? domain,
    domain,
    website_url: unit.websiteUrl ?? null,
    country: unit.country ?? null,
    status: unit.status ?? null,
    trust_score: numberOrNull(unit.score?.trustScore),
    stars: numberOrNull(unit.score?.stars),
    reviews_total: numberOrNull(counts.total),
    reviews_used_for_trustscore: numberOrNull(counts.usedForTrustScoreCalculation),
    reviews_one_star: numberOrNull(counts.oneStar),
    reviews_two_stars: numberOrNull(counts.twoStars),
    reviews_three_stars: numberOrNull(counts.threeStars),
    reviews_four_stars: numberOrNull(counts.fourStars),
    reviews_five_stars: numberOrNull(counts.fiveStars),
    profile_url: domain ? `https://www.trustpilot.com/review/${encodeURIComponent(domain)}` : null,
  };
}

/** 403: not this account's unit, or no API access; 404: Trustpilot has no private view of it. */
const NOT_READABLE = new Set(['trustpilot_forbidden', 'trustpilot_not_found']);

export async function findBusinessUnit(z: ZObject, bundle: Bundle, now: Date = new Date()): Promise<BusinessUnitResult[]> {
  return forZapier(z, async () => {
    const query = normaliseBusinessUnitQuery((bundle.inputData as Record<string, unknown> | undefined)?.name);
    const client = TrustpilotClient.fromBundle(z, bundle);

    let unit: BusinessUnit;
    try {
      unit = await client.findBusinessUnit(query);
    } catch (err) {
      if (factsOf(err)?.code === 'trustpilot_not_found') return []; // a search that finds nothing is not an error
      throw err;
    }

    const since = new Date(now.getTime() - AWAITING_REPLY_DAYS * 86_400_000);
    let awaiting: { count: number; capped: boolean } | null = null;
    try {
      awaiting = await countReviewsAwaitingReply(client, unit.id, since);
    } catch (err) {
      const code = factsOf(err)?.code ?? '';
      if (!NOT_READABLE.has(code)) throw err;
      z.console.log(`Reviews awaiting reply not available for business unit ${unit.id}: ${code}.`);
    }

    return [
      {
        ...describeBusinessUnit(unit),
        reviews_awaiting_reply: awaiting?.count ?? null,
        reviews_awaiting_reply_capped: awaiting ? awaiting.capped : null,
        reviews_awaiting_reply_since: awaiting ? isoUtcSeconds(since) : null,
      },
    ];
  });
}
