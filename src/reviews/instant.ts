/**
 * New Service Review (Instant): Trustpilot POSTs batches of review events to the Zap's URL. Anyone who
 * learns that URL can POST to it too, and Trustpilot signs nothing, so the body is never trusted:
 * with API access each review is re-read from Trustpilot and only Trustpilot's copy is emitted.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';

import { TrustpilotClient } from '../trustpilot/client';
import { notJsonError, readEventBatch, reviewIdOf, reviewOf, SERVICE_REVIEW_CREATED } from '../trustpilot/review-events';
import { findServiceReview, listServiceReviews, type ServiceReview } from '../trustpilot/reviews';
import { instantReviewSample } from './fields';
import { flattenServiceReview, type FlatReview } from './flatten';
import { SAMPLE_SIZE } from './poll';

export type InstantReview = FlatReview & { verified: boolean };

/** The API part of the connection is optional: a Business Generated Links-only connection has none. */
const hasApiAccess = (bundle: Pick<Bundle, 'authData'>) =>
  Boolean(bundle.authData?.trustpilot_api_key && bundle.authData?.trustpilot_access_token);

const headerOf = (headers: Record<string, string> | undefined, name: string) =>
  Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

/**
 * The parsed webhook body. `rawRequest.content` is the body exactly as it arrived; `cleanedRequest` is
 * Zapier's parse of it (for JSON: the object itself, plus `querystring`), used when no raw body is given.
 */
const webhookBody = (z: ZObject, bundle: Bundle): unknown => {
  const raw = bundle.rawRequest?.content;
  const body: unknown = typeof raw === 'string' && raw.trim() !== '' ? raw : bundle.cleanedRequest;
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    throw notJsonError(z, headerOf(bundle.rawRequest?.headers, 'content-type'));
  }
};

/** What differs between the webhook's copy of a review and Trustpilot's, for the log. */
const differences = (claimed: ServiceReview, actual: ServiceReview) =>
  (['stars', 'title', 'text', 'referenceId'] as const).filter((key) => (claimed[key] ?? null) !== (actual[key] ?? null));

export const performInstant = async (z: ZObject, bundle: Bundle): Promise<InstantReview[]> => {
  const events = readEventBatch(z, webhookBody(z, bundle));

  // One Zap run per new review. Updated and deleted reviews (and product events) are not this trigger's.
  const created = events.filter((event) => event.eventName === SERVICE_REVIEW_CREATED);
  if (created.length < events.length) {
    z.console.log(`Ignored ${events.length - created.length} webhook event(s) other than ${SERVICE_REVIEW_CREATED}.`);
  }

  // A batch can repeat a review; Zapier does not dedupe webhooks, so each review runs once.
  const claimed = new Map<string, ServiceReview | undefined>();
  for (const event of created) {
    const id = reviewIdOf(event);
    if (id === undefined) z.console.log(`Skipped a ${SERVICE_REVIEW_CREATED} event without a review id.`);
    else if (!claimed.has(id)) claimed.set(id, reviewOf(event));
  }

  if (!hasApiAccess(bundle)) {
    const rows: InstantReview[] = [];
    for (const [id, review] of claimed) {
      if (review) rows.push({ ...flattenServiceReview(review), verified: false });
      else z.console.log(`Skipped review ${id}: the event’s fields are not the review Trustpilot documents.`);
    }
    return rows;
  }

  // Only the id is taken from the body: everything emitted is Trustpilot's own copy.
  const client = TrustpilotClient.fromBundle(z, bundle);
  const checked = await Promise.all(
    [...claimed].map(async ([id, review]): Promise<InstantReview | undefined> => {
      const actual = await findServiceReview(client, id);
      if (!actual) {
        z.console.log(`Skipped review ${id}: Trustpilot has no such review, so the event was forged or the review deleted.`);
        return undefined;
      }
      const changed = review ? differences(review, actual) : [];
      if (changed.length > 0) {
        z.console.log(`Review ${id}: the webhook’s ${changed.join(', ')} differed from Trustpilot’s; Trustpilot’s copy is used.`);
      }
      return { ...flattenServiceReview(actual), verified: true };
    }),
  );
  return checked.filter((row): row is InstantReview => row !== undefined);
};

/** Samples for the Zap editor: the newest real reviews when the connection can read them. */
export const performInstantList = async (z: ZObject, bundle: Bundle): Promise<InstantReview[]> => {
  // Without the API, rows are the webhook's own data, which never carries the customer's email.
  if (!hasApiAccess(bundle)) return [{ ...instantReviewSample, consumer_email: null, verified: false }];
  const client = TrustpilotClient.fromBundle(z, bundle);
  const reviews = await listServiceReviews(client, client.businessUnitId(), { perPage: SAMPLE_SIZE });
  if (reviews.length === 0) return [instantReviewSample];
  return reviews.map((review) => ({ ...flattenServiceReview(review), verified: true }));
};
