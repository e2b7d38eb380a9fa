/** Plain data for "Get Review Summary": labels, help, output fields, sample. Loaded with the app definition. */
import type { OutputField } from '../util/output-field';

export const SUMMARY_LABELS = { business_unit_id: 'Business Unit', period: 'Period', since: 'Since' } as const;

export const SUMMARY_PERIODS = ['last_7_days', 'last_30_days', 'since_date'] as const;
export type SummaryPeriod = (typeof SUMMARY_PERIODS)[number];

/** Calls one summary makes at most; the help text and the code both use it. */
export const SUMMARY_MAX_CALLS = 10;

export const NO_INVITATION_STATUSES =
  'Invitation statuses (sent, opened, clicked) are not included: Trustpilot’s API does not expose them; see them in Trustpilot Business → Invitations.';

/** Types, not interfaces: Zapier's typings want plain records. */
export type ReviewSummary = {
  id: string;
  business_unit_id: string;
  business_unit_name: string | null;
  profile_url: string | null;
  period: SummaryPeriod;
  period_start: string;
  period_end: string;
  trust_score: number | null;
  stars: number | null;
  total_reviews: number | null;
  /** "12", or "100+" when counting further would take more calls than the summary allows. */
  new_service_reviews: string;
  new_service_reviews_count: number;
  new_service_reviews_exact: boolean;
  new_five_stars: string;
  new_four_stars: string;
  new_three_stars: string;
  new_two_stars: string;
  new_one_star: string;
  new_average_stars: number | null;
  /** null when the connection cannot read product reviews (no product reviews module). */
  new_product_reviews: string | null;
  new_product_reviews_count: number | null;
  awaiting_reply: string;
  awaiting_reply_count: number;
  oldest_awaiting_reply_days: number | null;
  oldest_awaiting_reply_at: string | null;
  oldest_awaiting_reply_url: string | null;
  api_calls: number;
  digest_text: string;
  digest_markdown: string;
};


export const summaryOutputFields: OutputField[] = [
  { key: 'id', label: 'Summary ID' },
  { key: 'business_unit_id', label: 'Business Unit ID' },
  { key: 'business_unit_name', label: 'Business Unit Name' },
  { key: 'profile_url', label: 'Profile URL' },
  { key: 'period', label: 'Period' },
  { key: 'period_start', label: 'Period Start', type: 'datetime' },
  { key: 'period_end', label: 'Period End', type: 'datetime' },
  { key: 'trust_score', label: 'TrustScore', type: 'number' },
  { key: 'stars', label: 'Stars', type: 'number' },
  { key: 'total_reviews', label: 'Total Reviews', type: 'number' },
  { key: 'new_service_reviews', label: 'New Service Reviews' },
  { key: 'new_service_reviews_count', label: 'New Service Reviews (At Least)', type: 'number' },
  { key: 'new_service_reviews_exact', label: 'New Service Reviews Counted Exactly', type: 'boolean' },
  { key: 'new_five_stars', label: 'New 5-Star Reviews' },
  { key: 'new_four_stars', label: 'New 4-Star Reviews' },
  { key: 'new_three_stars', label: 'New 3-Star Reviews' },
  { key: 'new_two_stars', label: 'New 2-Star Reviews' },
  { key: 'new_one_star', label: 'New 1-Star Reviews' },
  { key: 'new_average_stars', label: 'Average Stars of New Reviews', type: 'number' },
  { key: 'new_product_reviews', label: 'New Product Reviews' },
  { key: 'new_product_reviews_count', label: 'New Product Reviews (At Least)', type: 'number' },
  { key: 'awaiting_reply', label: 'Service Reviews Awaiting Reply (All Time)' },
  { key: 'awaiting_reply_count', label: 'Service Reviews Awaiting Reply (At Least)', type: 'number' },
  { key: 'oldest_awaiting_reply_days', label: 'Oldest Awaiting Reply: Age in Days', type: 'number' },
  { key: 'oldest_awaiting_reply_at', label: 'Oldest Awaiting Reply: Posted At', type: 'datetime' },
  { key: 'oldest_awaiting_reply_url', label: 'Oldest Awaiting Reply: Link' },
  { key: 'api_calls', label: 'Trustpilot API Calls Used', type: 'number' },
  { key: 'digest_text', label: 'Digest (Plain Text)' },
  { key: 'digest_markdown', label: 'Digest (Markdown)' },
];

export const summarySample: ReviewSummary = {
  id: '507f191e810c19729de860ea:2026-11-26T08:00:00Z:2026-12-03T08:00:00Z',
  business_unit_id: '507f191e810c19729de860ea',
  business_unit_name: 'Acme Outdoor Gear',
  profile_url: 'https://www.trustpilot.com/review/acme-outdoor.example',
  period: 'last_7_days',
  period_start: '2026-11-26T08:00:00Z',
  period_end: '2026-12-03T08:00:00Z',
  trust_score: 4.3,
  stars: 4.5,
  total_reviews: 412,
  new_service_reviews: '12',
  new_service_reviews_count: 12,
  new_service_reviews_exact: true,
  new_five_stars: '8',
  new_four_stars: '2',
  new_three_stars: '1',
  new_two_stars: '0',
  new_one_star: '1',
  new_average_stars: 4.3,
  new_product_reviews: '3',
  new_product_reviews_count: 3,
  awaiting_reply: '4',
  awaiting_reply_count: 4,
  oldest_awaiting_reply_days: 6,
  oldest_awaiting_reply_at: '2026-11-27T10:12:00Z',
  oldest_awaiting_reply_url: 'https://www.trustpilot.com/reviews/664327a1f0e2b8c3d4e5f601',
  api_calls: 4,
  digest_text:
    'Trustpilot summary for Acme Outdoor Gear, last 7 days (26 Nov 2026 – 3 Dec 2026)\n' +
    'TrustScore 4.3 (4.5 stars), 412 reviews in total\n' +
    'New service reviews: 12 (5★ 8, 4★ 2, 3★ 1, 2★ 0, 1★ 1; average 4.3)\n' +
    'New product reviews: 3\n' +
    'Awaiting a reply: 4; the oldest is 6 days old: https://www.trustpilot.com/reviews/664327a1f0e2b8c3d4e5f601\n' +
    'Profile: https://www.trustpilot.com/review/acme-outdoor.example',
  digest_markdown:
    '**Trustpilot summary for Acme Outdoor Gear**, last 7 days (26 Nov 2026 – 3 Dec 2026)\n' +
    '- TrustScore **4.3** (4.5 stars), 412 reviews in total\n' +
    '- New service reviews: **12** (5★ 8, 4★ 2, 3★ 1, 2★ 0, 1★ 1; average 4.3)\n' +
    '- New product reviews: **3**\n' +
    '- Awaiting a reply: **4**; the oldest is 6 days old: [open it](https://www.trustpilot.com/reviews/664327a1f0e2b8c3d4e5f601)\n' +
    '- [Profile on Trustpilot](https://www.trustpilot.com/review/acme-outdoor.example)',
};
