/** Plain data for "TrustScore Changed": labels, output fields, sample. Loaded with the app definition. */
import type { OutputField } from '../util/output-field';

export const TRUSTSCORE_LABELS = { business_unit_id: 'Business Unit', min_change: 'Minimum Change' } as const;

/** Types, not interfaces: Zapier's typings want plain records. */
export type TrustScoreChange = {
  id: string;
  business_unit_id: string;
  business_unit_name: string | null;
  profile_url: string | null;
  old_trust_score: number | null;
  new_trust_score: number | null;
  trust_score_change: number;
  old_stars: number | null;
  new_stars: number | null;
  stars_change: number;
  direction: 'up' | 'down';
  total_reviews: number | null;
  previous_total_reviews: number | null;
  changed_at: string;
  previous_since: string;
  summary: string;
};


export const trustScoreOutputFields: OutputField[] = [
  { key: 'id', label: 'Change ID' },
  { key: 'business_unit_id', label: 'Business Unit ID' },
  { key: 'business_unit_name', label: 'Business Unit Name' },
  { key: 'profile_url', label: 'Profile URL' },
  { key: 'old_trust_score', label: 'Old TrustScore', type: 'number' },
  { key: 'new_trust_score', label: 'New TrustScore', type: 'number' },
  { key: 'trust_score_change', label: 'TrustScore Change', type: 'number' },
  { key: 'old_stars', label: 'Old Stars', type: 'number' },
  { key: 'new_stars', label: 'New Stars', type: 'number' },
  { key: 'stars_change', label: 'Stars Change', type: 'number' },
  { key: 'direction', label: 'Direction (up or down)' },
  { key: 'total_reviews', label: 'Total Reviews', type: 'number' },
  { key: 'previous_total_reviews', label: 'Total Reviews Before', type: 'number' },
  { key: 'changed_at', label: 'Noticed At', type: 'datetime' },
  { key: 'previous_since', label: 'Old Value Since', type: 'datetime' },
  { key: 'summary', label: 'Summary' },
];

export const trustScoreSample: TrustScoreChange = {
  id: '507f191e810c19729de860ea-1764288000000-4.2-4',
  business_unit_id: '507f191e810c19729de860ea',
  business_unit_name: 'Acme Outdoor Gear',
  profile_url: 'https://www.trustpilot.com/review/acme-outdoor.example',
  old_trust_score: 4.3,
  new_trust_score: 4.2,
  trust_score_change: -0.1,
  old_stars: 4.5,
  new_stars: 4,
  stars_change: -0.5,
  direction: 'down',
  total_reviews: 412,
  previous_total_reviews: 409,
  changed_at: '2026-11-30T08:15:00Z',
  previous_since: '2026-11-28T00:00:00Z',
  summary: 'Acme Outdoor Gear’s TrustScore went down from 4.3 to 4.2 (stars 4.5 → 4) with 412 reviews.',
};
