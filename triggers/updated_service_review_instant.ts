import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList } from 'zapier-platform-core';

import { reviewHookInputFields, updatedReviewOutputFields, updatedReviewSample, webhookDirections } from '../src/review-webhooks/fields';
import { INVITE_EVERYONE } from '../src/reviews/fields';

const perform = (async (z, bundle) => {
  const { performUpdatedServiceReviewHook } = await import('../src/review-webhooks/hooks');
  return performUpdatedServiceReviewHook(z, bundle);
}) satisfies WebhookTriggerPerform;

const performList = (async (z, bundle) => {
  const { listUpdatedServiceReviewSamples } = await import('../src/review-webhooks/hooks');
  return listUpdatedServiceReviewSamples(z, bundle);
}) satisfies WebhookTriggerPerformList;

/**
 * A static webhook, like New Service Review (Instant): Trustpilot has no API to subscribe a URL. There is
 * no polling twin: Trustpilot's review list can be ordered and filtered only by creation time and stars
 * (https://developers.trustpilot.com/business-units-api), so finding updates would mean reading every review.
 */
export default defineTrigger({
  key: 'updated_service_review_instant',
  noun: 'Review Update',
  display: {
    label: 'Updated Service Review',
    description: 'Triggers when a customer edits a review of your business, with what changed (stars before and after, text, reply).',
    directions:
      `${webhookDirections('updated service reviews')} Each update starts the Zap once. Stars Before and What Changed are known ` +
      `when the app saw the earlier version (a review trigger, this trigger or “Log Review in Salesforce” in the last 90 days). ${INVITE_EVERYONE}`,
  },
  operation: {
    type: 'hook',
    inputFields: reviewHookInputFields,
    outputFields: updatedReviewOutputFields,
    sample: updatedReviewSample,
    perform,
    performList,
  },
});
