import { defineSearch, type SearchPerform } from 'zapier-platform-core';

import { businessUnitField, LABELS, anyReviewOutputFields, reviewIdField, reviewTypeField, serviceReviewSample } from '../src/reviews/fields';

const perform = (async (z, bundle) => {
  const { findReview } = await import('../src/reviews/find');
  return findReview(z, bundle);
}) satisfies SearchPerform;

export default defineSearch({
  key: 'find_review',
  noun: 'Review',
  display: {
    label: 'Find Review',
    description: 'Finds a review by its ID, or a service review by the Reference Number or Customer Email of its invitation.',
  },
  operation: {
    inputFields: [
      // Not `search` here: a search cannot offer itself as the way to find its own input.
      { key: reviewIdField.key, label: reviewIdField.label, type: 'string', dynamic: reviewIdField.dynamic, required: false, helpText: reviewIdField.helpText },
      {
        key: 'reference_id',
        label: LABELS.reference_id,
        type: 'string',
        required: false,
        helpText:
          'The order, case or opportunity number the invitation carried (service reviews only). Fill in at least one of Review ID, Reference Number and Customer Email; all you fill in must match.',
      },
      {
        key: 'consumer_email',
        label: LABELS.consumer_email,
        type: 'string',
        required: false,
        helpText: 'The email address the review invitation went to (Trustpilot’s referral email). Service reviews only, for the same reason.',
      },
      reviewTypeField,
      { ...businessUnitField, helpText: `Used to search by Reference Number or Customer Email. ${businessUnitField.helpText}` },
    ],
    outputFields: anyReviewOutputFields,
    sample: { ...serviceReviewSample, product_sku: null, product_name: null, product_url: null, product_id: null, conversation_id: null, state: null },
    perform,
  },
});
