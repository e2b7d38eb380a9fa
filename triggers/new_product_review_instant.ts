import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList } from 'zapier-platform-core';

import { productHookOutputFields, productHookSample, reviewHookInputFields, webhookDirections } from '../src/review-webhooks/fields';
import { INVITE_EVERYONE } from '../src/reviews/fields';

const perform = (async (z, bundle) => {
  const { performNewProductReviewHook } = await import('../src/review-webhooks/hooks');
  return performNewProductReviewHook(z, bundle);
}) satisfies WebhookTriggerPerform;

const performList = (async (z, bundle) => {
  const { listNewProductReviewSamples } = await import('../src/review-webhooks/hooks');
  return listNewProductReviewSamples(z, bundle);
}) satisfies WebhookTriggerPerformList;

/** A static webhook; the polling New Product Review is the alternative for users who would rather not paste a URL. */
export default defineTrigger({
  key: 'new_product_review_instant',
  noun: 'Product Review',
  display: {
    label: 'New Product Review (Instant)',
    description: 'Triggers when a customer posts a new review of one of your products, as soon as Trustpilot’s webhook arrives.',
    directions: `${webhookDirections('new product reviews')} Only published product reviews start the Zap. ${INVITE_EVERYONE}`,
  },
  operation: {
    type: 'hook',
    inputFields: reviewHookInputFields,
    outputFields: productHookOutputFields,
    sample: productHookSample,
    perform,
    performList,
  },
});
