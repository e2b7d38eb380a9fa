import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList } from 'zapier-platform-core';

import { reviewHookInputFields } from '../src/review-webhooks/fields';
import { INVITE_EVERYONE, instantReviewOutputFields, instantReviewSample } from '../src/reviews/fields';

const perform = (async (z, bundle) => {
  const { performInstant } = await import('../src/reviews/instant');
  return performInstant(z, bundle);
}) satisfies WebhookTriggerPerform;

const performList = (async (z, bundle) => {
  const { performInstantList } = await import('../src/reviews/instant');
  return performInstantList(z, bundle);
}) satisfies WebhookTriggerPerformList;

/**
 * A static webhook: the user pastes the Zap's URL into Trustpilot. Zapier's publishing rules prefer
 * REST hooks (subscribe/unsubscribe through the API), but Trustpilot has no API to subscribe a URL:
 * webhooks are set up only by hand in Trustpilot Business. The polling New Service Review is the
 * alternative for users who would rather not paste a URL.
 */
export default defineTrigger({
  key: 'new_service_review_instant',
  noun: 'Review',
  display: {
    label: 'New Service Review (Instant)',
    description: 'Triggers when a customer posts a new review of your business, as soon as Trustpilot’s webhook arrives.',
    directions:
      'Copy the URL below. In Trustpilot Business open Integrations → Developers → Webhooks, add it as a Subscription URL for ' +
      'service reviews, and click Test. Only new service reviews start the Zap; updated and deleted reviews have their own triggers. ' +
      'Trustpilot does not sign its webhooks: with Trustpilot API access in your connection, every review is re-read from ' +
      'Trustpilot and “Confirmed by Trustpilot” is true; without it the webhook’s own data is used and marked false, so keep ' +
      'the URL private. For privacy the webhook carries no customer email: use Reference Number to find the customer (with API ' +
      'access, Customer Email is filled from Trustpilot’s API where it has one). A repeated delivery does not start the Zap twice, ' +
      `and at most 10 reviews per delivery are checked (the rest arrive marked not checked). ${INVITE_EVERYONE}`,
  },
  operation: {
    type: 'hook',
    inputFields: reviewHookInputFields,
    outputFields: instantReviewOutputFields,
    sample: instantReviewSample,
    perform,
    performList,
  },
});
