/**
 * What the Zap editor shows for the review webhook triggers: directions, input fields, output fields and
 * samples. Plain data with type-only imports: the shells load it with the app definition.
 */
import type { PlainInputField, PlainOutputField } from 'zapier-platform-core';

import {
  INVITE_EVERYONE,
  LABELS,
  productReviewOutputFields,
  productReviewSample,
  reviewOutputFields,
  serviceReviewSample,
  starsField,
} from '../reviews/fields';
import type { FlatProductReview, FlatReview } from '../reviews/flatten';

const field = (key: string, label: string, type: PlainOutputField['type'] = 'string'): PlainOutputField => ({ key, label, type });

export const checkOutputFields: PlainOutputField[] = [field('verified', 'Checked With Trustpilot API', 'boolean'), field('check_note', 'Check Note')];

/** The steps in Trustpilot Business, shared by every review webhook trigger. */
export const webhookDirections = (events: string) =>
  'Copy the URL below. In Trustpilot Business open Integrations → Developers → Webhooks, add it as a Subscription URL, ' +
  `switch on ${events}, save, and click Test. Trustpilot does not sign its webhooks: with Trustpilot API access in your ` +
  'connection every event is checked with Trustpilot and “Checked With Trustpilot API” is true; without it the webhook’s own ' +
  'data is used and marked false, so keep the URL private. A repeated delivery does not start the Zap twice, and at most 10 ' +
  'reviews per delivery are checked (the rest arrive marked not checked).';

export const languageField = {
  key: 'language',
  label: LABELS.language,
  type: 'string',
  required: false,
  helpText: 'Only reviews in this language, as a two-letter code such as en, de or da. Leave empty for all.',
} satisfies PlainInputField;

export const reviewHookInputFields = [starsField, languageField];

export const includeUnknownField = {
  key: 'include_unknown',
  label: 'Include Reviews This App Never Saw',
  type: 'boolean',
  required: false,
  default: 'false',
  helpText:
    'No (default): only deletions of your reviews the app saw in the last 90 days (with their Reference Number and stars). ' +
    'Yes: also reviews it never saw, with those empty, and Trustpilot cannot confirm whose review it was.',
} satisfies PlainInputField;

export type UpdatedReviewRow = FlatReview & {
  verified: boolean;
  check_note: string | null;
  review_id: string;
  seen_before: boolean;
  stars_before: number | null;
  stars_after: number | null;
  stars_changed: boolean | null;
  title_changed: boolean | null;
  text_changed: boolean | null;
  reply_status: 'replied' | 'awaiting_reply' | null;
  reply_changed: boolean | null;
  changes: string;
};

export type DeletedReviewRow = {
  id: string;
  review_id: string;
  deleted_at: string;
  reference_id: string | null;
  stars: number | null;
  business_unit_id: string | null;
  seen_before: boolean;
  last_seen_at: string | null;
  verified: boolean;
  check_note: string | null;
};

export type ProductHookRow = FlatProductReview & { verified: boolean; check_note: string | null };

export const updatedReviewOutputFields: PlainOutputField[] = [
  field('id', 'Update ID (Review ID and Update Time)'),
  field('review_id', 'Review ID'),
  ...reviewOutputFields.filter((f) => f.key !== 'id'),
  field('seen_before', 'App Saw Earlier Version', 'boolean'),
  field('stars_before', 'Stars Before', 'integer'),
  field('stars_after', 'Stars After', 'integer'),
  field('stars_changed', 'Stars Changed', 'boolean'),
  field('title_changed', 'Title Changed', 'boolean'),
  field('text_changed', 'Text Changed', 'boolean'),
  field('reply_status', 'Reply Status'),
  field('reply_changed', 'Reply Changed', 'boolean'),
  field('changes', 'What Changed'),
  ...checkOutputFields,
];

export const deletedReviewOutputFields: PlainOutputField[] = [
  field('id', 'Review ID'),
  field('review_id', 'Review ID (Again, for Mapping)'),
  field('deleted_at', 'Deletion Received At', 'datetime'),
  field('reference_id', 'Reference Number'),
  field('stars', 'Stars', 'integer'),
  field('business_unit_id', 'Business Unit ID'),
  field('seen_before', 'App Saw This Review', 'boolean'),
  field('last_seen_at', 'Last Seen At', 'datetime'),
  ...checkOutputFields,
];

export const productHookOutputFields: PlainOutputField[] = [...productReviewOutputFields, ...checkOutputFields];

/** A 2-star review edited to 4 stars after the company replied; the earlier version was seen by the app. */
export const updatedReviewSample: UpdatedReviewRow = {
  ...serviceReviewSample,
  id: '664327a1f0e2b8c3d4e5f601@2024-05-18T09:12:40Z',
  review_id: '664327a1f0e2b8c3d4e5f601',
  stars: 4,
  title: 'Poles sorted quickly in the end',
  text: 'The tent came without its poles, but a new set arrived two days after I wrote. Great camping trip.',
  updated_at: '2024-05-18T09:12:40Z',
  seen_before: true,
  stars_before: 2,
  stars_after: 4,
  stars_changed: true,
  title_changed: true,
  text_changed: true,
  reply_status: 'replied',
  reply_changed: false,
  changes: 'Stars 2 → 4; title edited; text edited',
  verified: true,
  check_note: null,
};

export const deletedReviewSample: DeletedReviewRow = {
  id: '664327a1f0e2b8c3d4e5f601',
  review_id: '664327a1f0e2b8c3d4e5f601',
  deleted_at: '2024-06-02T14:05:09Z',
  reference_id: 'SO-104233',
  stars: 2,
  business_unit_id: '507f191e810c19729de860ea',
  seen_before: true,
  last_seen_at: '2024-05-15T10:02:11Z',
  verified: true,
  check_note: null,
};

export const productHookSample: ProductHookRow = { ...productReviewSample, verified: true, check_note: null };

export { INVITE_EVERYONE };
