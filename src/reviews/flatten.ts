/**
 * One flat row per review, for no-code users: no nested objects or arrays they cannot map, ISO-8601
 * dates, null for what a review does not have. Shared by the review triggers, Find Review and the
 * instant trigger, so a field means the same everywhere. The keys are a contract with users' Zaps.
 */
import { publicReviewUrl, type ProductReview, type ServiceReview } from '../trustpilot/reviews';
import { SERVICE_ONLY_KEYS } from './fields';

export type ReviewType = 'service' | 'product';

/** Types, not interfaces: Zapier's typings want plain records. */
export type FlatReview = {
  id: string;
  review_type: ReviewType;
  stars: number | null;
  title: string | null;
  text: string | null;
  language: string | null;
  created_at: string | null;
  updated_at: string | null;
  consumer_id: string | null;
  consumer_name: string | null;
  consumer_location: string | null;
  consumer_email: string | null;
  reference_id: string | null;
  is_verified: boolean | null;
  review_url: string | null;
  company_reply_text: string | null;
  company_reply_at: string | null;
  tags: string | null;
  location_id: string | null;
  location_name: string | null;
  location_external_id: string | null;
  business_unit_id: string | null;
};

type ServiceOnlyKey = (typeof SERVICE_ONLY_KEYS)[number];

export type ProductFields = {
  product_sku: string | null;
  product_name: string | null;
  product_url: string | null;
  product_id: string | null;
  conversation_id: string | null;
  state: string | null;
};

export type FlatProductReview = Omit<FlatReview, ServiceOnlyKey> & ProductFields;

/** A row of Find Review, which returns either kind: every field of both, the other kind's empty. */
export type AnyReviewRow = FlatReview & ProductFields;

const NO_PRODUCT: ProductFields = { product_sku: null, product_name: null, product_url: null, product_id: null, conversation_id: null, state: null };
const NO_SERVICE = Object.fromEntries(SERVICE_ONLY_KEYS.map((key) => [key, null])) as Pick<FlatReview, ServiceOnlyKey>;

export const asAnyReviewRow = (row: FlatReview | FlatProductReview): AnyReviewRow => ({ ...NO_SERVICE, ...NO_PRODUCT, ...row }) as AnyReviewRow;

/** Trustpilot writes UTC, sometimes without the zone ("2013-09-07T13:37:00"); Zapier wants an explicit one. */
export const isoDate = (value: string | null | undefined): string | null => {
  if (!value) return null;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  let ms = Date.parse(hasZone ? value : `${value}Z`);
  if (Number.isNaN(ms)) ms = Date.parse(value);
  // Keep what Trustpilot sent rather than lose it if it is not a date we can read.
  return Number.isNaN(ms) ? value : new Date(ms).toISOString().replace('.000Z', 'Z');
};

const orNull = <T>(value: T | null | undefined): T | null => (value === undefined || value === null || value === '' ? null : value);

/** `group:value, group:value`; a tag without a group is just its value. */
export const tagsText = (tags: ServiceReview['tags']): string | null => {
  const parts = (tags ?? [])
    .filter((t) => t.value)
    .map((t) => (t.group ? `${t.group}:${t.value}` : `${t.value}`));
  return parts.length > 0 ? parts.join(', ') : null;
};

export const flattenServiceReview = (review: ServiceReview): FlatReview => ({
  id: review.id,
  review_type: 'service',
  stars: orNull(review.stars),
  title: orNull(review.title),
  text: orNull(review.text),
  language: orNull(review.language),
  created_at: isoDate(review.createdAt),
  updated_at: isoDate(review.updatedAt),
  consumer_id: orNull(review.consumer?.id),
  consumer_name: orNull(review.consumer?.displayName ?? review.consumer?.name),
  consumer_location: orNull(review.consumer?.displayLocation),
  consumer_email: orNull(review.referralEmail),
  reference_id: orNull(review.referenceId),
  is_verified: orNull(review.isVerified),
  review_url: publicReviewUrl(review.id),
  company_reply_text: orNull(review.companyReply?.text),
  company_reply_at: isoDate(review.companyReply?.createdAt),
  tags: tagsText(review.tags),
  location_id: orNull(review.location?.id ?? review.locationId),
  location_name: orNull(review.location?.name),
  location_external_id: orNull(review.location?.externalId),
  business_unit_id: orNull(review.businessUnit?.id),
});

/** A product review as one flat row (see SERVICE_ONLY_KEYS for what it leaves out). */
export const flattenProductReview = (review: ProductReview): FlatProductReview => ({
  id: review.id,
  review_type: 'product',
  stars: orNull(review.stars),
  text: orNull(review.content),
  language: orNull(review.language),
  created_at: isoDate(review.createdAt),
  updated_at: isoDate(review.updatedAt),
  consumer_id: orNull(review.consumer?.id),
  consumer_name: orNull(review.consumer?.name),
  consumer_email: orNull(review.consumer?.email),
  reference_id: orNull(review.referenceId),
  business_unit_id: orNull(review.businessUnitId),
  product_sku: orNull(review.product?.sku),
  product_name: orNull(review.product?.name),
  product_url: orNull(review.product?.productUrl),
  product_id: orNull(review.product?.id),
  conversation_id: orNull(review.conversationId),
  state: orNull(review.state),
});

const createdTime = (row: { created_at: string | null }) => {
  const ms = row.created_at ? Date.parse(row.created_at) : Number.NaN;
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
};

/** Newest first, the order Zapier expects from a polling trigger; stable for equal times. */
export const newestFirst = <T extends { created_at: string | null }>(rows: T[]): T[] => [...rows].sort((a, b) => createdTime(b) - createdTime(a));
