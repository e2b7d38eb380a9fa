import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

import { businessUnitField, LABELS, productReviewOutputFields, productReviewSample, starsField } from '../src/reviews/fields';

const perform = (async (z, bundle) => {
  const { pollProductReviews } = await import('../src/reviews/poll');
  return pollProductReviews(z, bundle);
}) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: 'new_product_review',
  noun: 'Product Review',
  display: {
    label: 'New Product Review',
    description: 'Triggers when a customer posts a new review of one of your products.',
  },
  operation: {
    type: 'polling',
    inputFields: [
      {
        key: 'sku',
        label: LABELS.sku,
        type: 'string',
        required: false,
        helpText: 'Only reviews of this product: its SKU (at most 100 characters) as in your Trustpilot product catalog or review invitations. Leave empty for all products.',
      },
      {
        ...starsField,
        helpText:
          `${starsField.helpText} Each check reads the newest product reviews and keeps these ratings.`,
      },
      businessUnitField,
    ],
    outputFields: productReviewOutputFields,
    sample: productReviewSample,
    perform,
  },
});
