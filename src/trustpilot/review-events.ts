/**
 * Trustpilot's review webhooks: a POST whose body is a batch, `{"events":[{eventName, version, eventData}]}`
 * (https://support.trustpilot.com/hc/en-us/community/posts/10109980750738-How-to-set-up-Trustpilot-Webhooks).
 * Trustpilot documents no signature, so nothing in here is trusted: callers re-read each review through
 * the API when they can, and no error sentence ever repeats what the body held.
 */
import type { ZObject } from 'zapier-platform-core';

import { appError } from '../errors/facts';
import { productReview, serviceReview, type ProductReview, type ServiceReview } from './reviews';

/**
 * The service-review event names, from Trustpilot's community post above and a client that decodes real
 * deliveries (github.com/lindar-open/trustpilot-client, `model/event/kafka/TrustpilotEvent.java`).
 * `service-review-deleted` carries `{id}` only.
 */
export const SERVICE_REVIEW_CREATED = 'service-review-created';
export const SERVICE_REVIEW_UPDATED = 'service-review-updated';
export const SERVICE_REVIEW_DELETED = 'service-review-deleted';
/**
 * Product-review webhooks exist (Trustpilot's French help article "Gérer vos notifications webhook",
 * https://support.trustpilot.com/hc/fr/articles/115015822068, has a product-review section), but their event
 * name is not in Trustpilot's own pages: `product-review-created` is the name a public decoder of real
 * deliveries matches, with eventData {id, stars, content, product, referenceId, consumer, state, createdAt}.
 */
export const PRODUCT_REVIEW_CREATED = 'product-review-created';

export const KNOWN_EVENT_NAMES = [SERVICE_REVIEW_CREATED, SERVICE_REVIEW_UPDATED, SERVICE_REVIEW_DELETED, PRODUCT_REVIEW_CREATED] as const;

export interface ReviewEvent {
  eventName: string;
  eventData: unknown;
}

const WHERE_TO_PASTE = 'Paste this Zap’s URL only into Trustpilot Business → Integrations → Developers → Webhooks.';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The events of a webhook body (already parsed from JSON), or a clear error when it is not Trustpilot's
 * envelope. The error names only the kind of JSON it got, never a key or value from it.
 */
export const readEventBatch = (z: ZObject, body: unknown): ReviewEvent[] => {
  if (!isObject(body) || !Array.isArray(body.events)) {
    const got = Array.isArray(body) ? 'a JSON list' : isObject(body) ? 'a JSON object without an "events" list' : 'no JSON object';
    throw appError(z, {
      kind: 'input',
      sentence: `The webhook request has no "events" list, so it is not a Trustpilot review webhook (it held ${got}). ${WHERE_TO_PASTE}`,
      code: 'invalid_webhook_body',
    });
  }
  return body.events.filter(isObject).map((event) => ({
    eventName: typeof event.eventName === 'string' ? event.eventName : '',
    eventData: event.eventData,
  }));
};

/** Only a plain media type is repeated (it is a header, not the body), so nothing odd reaches the sentence. */
export const notJsonError = (z: ZObject, contentType: string | undefined) => {
  const type = contentType && /^[\w.+-]+\/[\w.+-]+$/.test(contentType.split(';')[0]!.trim()) ? contentType.split(';')[0]!.trim() : undefined;
  return appError(z, {
    kind: 'input',
    sentence: `The webhook request body is not JSON${type ? ` (Content-Type: ${type})` : ''}, so it is not a Trustpilot review webhook. ${WHERE_TO_PASTE}`,
    code: 'invalid_webhook_body',
  });
};

export const tooLargeError = (z: ZObject, bytes: number, limit: number) =>
  appError(z, {
    kind: 'input',
    sentence:
      `The webhook request body is ${Math.round(bytes / 1024)} KB; Trustpilot’s review webhooks are far smaller, so it was not read ` +
      `(the limit is ${Math.round(limit / 1024)} KB). ${WHERE_TO_PASTE}`,
    code: 'invalid_webhook_body',
  });

/** The id of the review an event is about, if it names one that could be a review id. */
export const reviewIdOf = (event: ReviewEvent): string | undefined => {
  const id = isObject(event.eventData) ? event.eventData.id : undefined;
  return typeof id === 'string' && /^[a-z0-9-]{1,64}$/i.test(id) ? id : undefined;
};

/** The review inside an event, or undefined when its fields are not what Trustpilot documents. */
export const reviewOf = (event: ReviewEvent): ServiceReview | undefined => {
  const parsed = serviceReview.safeParse(event.eventData);
  return parsed.success ? parsed.data : undefined;
};

export const productReviewOf = (event: ReviewEvent): ProductReview | undefined => {
  const parsed = productReview.safeParse(event.eventData);
  return parsed.success ? parsed.data : undefined;
};
