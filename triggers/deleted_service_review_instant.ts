import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList } from 'zapier-platform-core';

import { deletedReviewOutputFields, deletedReviewSample, includeUnknownField, webhookDirections } from '../src/review-webhooks/fields';

const perform = (async (z, bundle) => {
  const { performDeletedServiceReviewHook } = await import('../src/review-webhooks/hooks');
  return performDeletedServiceReviewHook(z, bundle);
}) satisfies WebhookTriggerPerform;

const performList = (async (z, bundle) => {
  const { listDeletedServiceReviewSamples } = await import('../src/review-webhooks/hooks');
  return listDeletedServiceReviewSamples(z, bundle);
}) satisfies WebhookTriggerPerformList;

/** A static webhook: Trustpilot has no API to subscribe a URL, and none to list deleted reviews. */
export default defineTrigger({
  key: 'deleted_service_review_instant',
  noun: 'Deleted Review',
  display: {
    label: 'Deleted Service Review',
    description: 'Triggers when a review of your business is deleted from Trustpilot, with its Reference Number and stars if seen before.',
    directions:
      `${webhookDirections('deleted service reviews')} Trustpilot’s deletion event carries only the review’s id; map Reference Number ` +
      'into “Log Review in Salesforce” or a Salesforce search to mark the Task of the deleted review.',
  },
  operation: {
    type: 'hook',
    inputFields: [includeUnknownField],
    outputFields: deletedReviewOutputFields,
    sample: deletedReviewSample,
    perform,
    performList,
  },
});
