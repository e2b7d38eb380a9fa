/**
 * What the Zap editor shows for the review operations: input fields, output fields and samples.
 * Plain data with type-only imports: the operation shells load it with the app definition, so it must
 * not pull in zod or any other library.
 */
import type { PlainInputField, PlainOutputField } from 'zapier-platform-core';

import type { FlatProductReview, FlatReview } from './flatten';
import type { ReplyResult } from './reply';

/** Labels shared by the field definitions and the input errors that name them. */
export const LABELS = {
  business_unit_id: 'Business Unit',
  stars: 'Stars',
  language: 'Language',
  only_unanswered: 'Only Reviews Awaiting Reply',
  sku: 'Product SKU',
  review_id: 'Review ID',
  reference_id: 'Reference Number',
  consumer_email: 'Customer Email',
  review_type: 'Review Type',
  message: 'Reply Message',
} as const;

// Longest values the review fields take, stated in their help texts.
/** A Reference Number as invitations carry it (the invitation fields take at most 255 characters). */
export const REFERENCE_MAX = 255;
/** A product SKU, as the invitation fields take it. */
export const SKU_MAX = 100;
/** Trustpilot documents no limit for a reply; this keeps a mapped document or a whole thread from being posted by mistake. */
export const REPLY_MAX = 10_000;

/** Trustpilot's rule against cherry-picking, on every review trigger and wherever star ratings are chosen. */
export const INVITE_EVERYONE =
  'Route reviews by stars (e.g. 1–2 → a support ticket), but keep inviting every customer: Trustpilot forbids choosing whom to invite by how happy they are.';

export { businessUnitField } from '../trustpilot/fields';

export const starsField = {
  key: 'stars',
  label: LABELS.stars,
  type: 'string',
  list: true,
  required: false,
  choices: [
    { value: '1', sample: '1', label: '1 star' },
    { value: '2', sample: '2', label: '2 stars' },
    { value: '3', sample: '3', label: '3 stars' },
    { value: '4', sample: '4', label: '4 stars' },
    { value: '5', sample: '5', label: '5 stars' },
  ],
  helpText: `Only reviews with these star ratings; empty for all. ${INVITE_EVERYONE}`,
} satisfies PlainInputField;

export const reviewTypeField = {
  key: 'review_type',
  label: LABELS.review_type,
  type: 'string',
  required: false,
  default: 'service',
  choices: [
    { value: 'service', sample: 'service', label: 'Service review (of your business)' },
    { value: 'product', sample: 'product', label: 'Product review' },
  ],
  helpText: 'Service reviews are about your business; product reviews are about a product (SKU) you sell.',
} satisfies PlainInputField;

export const reviewIdHelp =
  'Pick one of your newest reviews, map **Review ID** from a review trigger, or paste the review’s address (trustpilot.com/reviews/…).';

/** A review picked from the newest ones, mapped, or found with "Find Review". */
export const reviewIdField = {
  key: 'review_id',
  label: LABELS.review_id,
  type: 'string',
  dynamic: 'review_list.id.name',
  search: 'find_review.id',
  helpText: reviewIdHelp,
} as const;

/** Languages Trustpilot reviews are commonly written in; any other two-letter code can be typed as a custom value. */
const REVIEW_LANGUAGES: Array<[string, string]> = [
  ['en', 'English'], ['da', 'Danish'], ['de', 'German'], ['es', 'Spanish'], ['fi', 'Finnish'], ['fr', 'French'], ['it', 'Italian'],
  ['ja', 'Japanese'], ['nb', 'Norwegian'], ['nl', 'Dutch'], ['pl', 'Polish'], ['pt', 'Portuguese'], ['sv', 'Swedish'],
];

export const reviewLanguageField = {
  key: 'language',
  label: LABELS.language,
  type: 'string',
  required: false,
  choices: REVIEW_LANGUAGES.map(([value, name]) => ({ value, label: `${name} (${value})`, sample: value })),
  helpText: 'Only reviews written in this language. Leave empty for all languages.',
} satisfies PlainInputField;

const field = (key: string, label: string, type: PlainOutputField['type'] = 'string'): PlainOutputField => ({ key, label, type });

/** Every review row, service or product. */
export const reviewOutputFields: PlainOutputField[] = [
  field('id', 'Review ID'),
  field('review_type', 'Review Type'),
  field('stars', 'Stars', 'integer'),
  field('title', 'Title'),
  field('text', 'Review Text'),
  field('language', 'Language'),
  field('created_at', 'Created At', 'datetime'),
  field('updated_at', 'Updated At', 'datetime'),
  field('consumer_id', 'Customer Trustpilot ID'),
  field('consumer_name', 'Customer Name'),
  field('consumer_location', 'Customer Location'),
  field('consumer_email', 'Customer Email'),
  field('reference_id', 'Reference Number'),
  field('is_verified', 'Verified Review (Trustpilot Label)', 'boolean'),
  field('review_url', 'Review URL'),
  field('company_reply_text', 'Company Reply'),
  field('company_reply_at', 'Company Reply At', 'datetime'),
  field('tags', 'Tags'),
  field('location_id', 'Location ID'),
  field('location_name', 'Location Name'),
  field('location_external_id', 'Location External ID'),
  field('business_unit_id', 'Business Unit ID'),
];

/**
 * What only service reviews have: Trustpilot's product reviews carry no title, public page, verification label,
 * tags or location, and their replies live in a conversation. A product review row leaves these out rather than
 * showing ten fields that are always empty.
 */
export const SERVICE_ONLY_KEYS = [
  'title',
  'consumer_location',
  'is_verified',
  'review_url',
  'company_reply_text',
  'company_reply_at',
  'tags',
  'location_id',
  'location_name',
  'location_external_id',
] as const;
const productOutputFields: PlainOutputField[] = [
  field('product_sku', 'Product SKU'),
  field('product_name', 'Product Name'),
  field('product_url', 'Product URL'),
  field('product_id', 'Product Trustpilot ID'),
  field('conversation_id', 'Conversation ID'),
  field('state', 'Review State'),
];

/** A product review: the service-only fields left out. */
export const productReviewOutputFields: PlainOutputField[] = [
  ...reviewOutputFields.filter((f) => !(SERVICE_ONLY_KEYS as readonly string[]).includes(f.key)),
  ...productOutputFields,
];

/** Find Review returns either kind, so it lists the fields of both. */
export const anyReviewOutputFields: PlainOutputField[] = [...reviewOutputFields, ...productOutputFields];

export const instantReviewOutputFields: PlainOutputField[] = [
  ...reviewOutputFields,
  field('verified', 'Confirmed by Trustpilot', 'boolean'),
  field('check_note', 'Why Not Confirmed'),
];

/** Built from the official "Get a review" sample and Airbyte's private_reviews schema (docs/upstream-facts.md, "Trustpilot: reviews and business units"). */
export const serviceReviewSample: FlatReview = {
  id: '664327a1f0e2b8c3d4e5f601',
  review_type: 'service',
  stars: 2,
  title: 'Tent arrived without poles',
  text: 'The tent came without its poles and support took a week to answer.',
  language: 'en',
  created_at: '2024-05-14T08:21:37Z',
  updated_at: '2024-05-15T10:02:11Z',
  consumer_id: '618d5a8bebf38a0012a83bdd',
  consumer_name: 'Jane Cooper',
  consumer_location: 'Leeds, GB',
  consumer_email: 'jane.cooper@example.com',
  reference_id: 'SO-104233',
  is_verified: true,
  review_url: 'https://www.trustpilot.com/reviews/664327a1f0e2b8c3d4e5f601',
  company_reply_text: 'Sorry about the poles, Jane: a new set is on its way.',
  company_reply_at: '2024-05-15T10:02:11Z',
  tags: 'generic:delivery, generic:support',
  location_id: '43f51215-a1fc-4c60-b6dd-e4afb6d7b831',
  location_name: 'Leeds Store',
  location_external_id: 'LDS-01',
  business_unit_id: '507f191e810c19729de860ea',
};

/** Built from the fields of Pipedream's product review parser of the real API (docs/upstream-facts.md, "Trustpilot: reviews and business units"). */
export const productReviewSample: FlatProductReview = {
  id: '6650a1f2c3b4d5e6f7a8b9c0',
  review_type: 'product',
  stars: 4,
  text: 'Warm and light, but the zip snags a little.',
  language: 'en',
  created_at: '2024-05-20T17:45:03Z',
  updated_at: '2024-05-20T17:45:03Z',
  consumer_id: '5f1e2d3c4b5a69788796a5b4',
  consumer_name: 'Sam Patel',
  consumer_email: 'sam.patel@example.com',
  reference_id: 'SO-104250',
  business_unit_id: '507f191e810c19729de860ea',
  product_sku: 'SB-ALP-200',
  product_name: 'Alpine 200 Sleeping Bag',
  product_url: 'https://acme-outdoor.example/products/alpine-200',
  product_id: '6601aa0b1c2d3e4f5a6b7c8d',
  conversation_id: null, // until the business replies (Reply to Review opens the conversation)
  state: 'published',
};

/** A webhook review re-read through the API; without API access `verified` is false and there is no email (docs/upstream-facts.md, "Trustpilot: webhooks"). */
export const instantReviewSample: FlatReview & { verified: boolean; check_note: string | null } = { ...serviceReviewSample, verified: true, check_note: null };

export const replyOutputFields: PlainOutputField[] = [
  field('review_id', 'Review ID'),
  field('review_type', 'Review Type'),
  field('reply_text', 'Reply Text'),
  field('replied_at', 'Replied At', 'datetime'),
  field('review_url', 'Review URL'),
  field('product_url', 'Product URL'),
  field('conversation_id', 'Conversation ID'),
  field('comment_id', 'Comment ID'),
  field('conversation_created', 'Conversation Created', 'boolean'),
  field('duplicate', 'Duplicate (Replayed Step)', 'boolean'),
];

export const replySample: ReplyResult = {
  review_id: '664327a1f0e2b8c3d4e5f601',
  review_type: 'service',
  reply_text: 'Sorry about the poles, Jane: a new set is on its way.',
  replied_at: '2024-05-15T10:02:11Z',
  review_url: 'https://www.trustpilot.com/reviews/664327a1f0e2b8c3d4e5f601',
  product_url: null,
  conversation_id: null,
  comment_id: null,
  conversation_created: false,
  duplicate: false,
};
