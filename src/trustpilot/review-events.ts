/**
 * Trustpilot's review webhooks (reference §7): a POST whose body is a batch,
 * `{"events":[{eventName, version, eventData}]}`. Trustpilot documents no signature, so nothing in
 * here is trusted: callers re-read each review through the API when they can.
 */
import type { ZObject } from 'zapier-platform-core';

import { serviceReview, type ServiceReview } from './reviews';

export const SERVICE_REVIEW_CREATED = 'service-review-created';

export interface ReviewEvent {
  eventName: string;
  eventData: unknown;
}

const WHERE_TO_PASTE = 'Paste this Zap’s URL only into Trustpilot Business → Integrations → Developers → Webhooks.';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The events of a webhook body (already parsed from JSON), or a clear error when it is not Trustpilot's envelope. */
export const readEventBatch = (z: ZObject, body: unknown): ReviewEvent[] => {
  if (!isObject(body) || !Array.isArray(body.events)) {
    const got = Array.isArray(body) ? 'a JSON list' : isObject(body) ? `an object with ${Object.keys(body).slice(0, 5).join(', ') || 'no fields'}` : 'no body';
    throw new z.errors.Error(
      `The webhook request has no "events" list, so it is not a Trustpilot review webhook (it held ${got}). ${WHERE_TO_PASTE}`,
      'invalid_webhook_body',
    );
  }
  return body.events.filter(isObject).map((event) => ({
    eventName: typeof event.eventName === 'string' ? event.eventName : '',
    eventData: event.eventData,
  }));
};

export const notJsonError = (z: ZObject, contentType: string | undefined) =>
  new z.errors.Error(
    `The webhook request body is not JSON${contentType ? ` (Content-Type: ${contentType.slice(0, 80)})` : ''}, so it is not a ` +
      `Trustpilot review webhook. ${WHERE_TO_PASTE}`,
    'invalid_webhook_body',
  );

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
