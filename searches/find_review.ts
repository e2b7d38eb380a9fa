import { defineSearch, type SearchPerform } from 'zapier-platform-core';

import { businessUnitField, LABELS, productReviewOutputFields, reviewIdHelp, reviewTypeField, serviceReviewSample } from '../src/reviews/fields';

const perform = (async (z, bundle) => {
  const { findReview } = await import('../src/reviews/find');
  return findReview(z, bundle);
}) satisfies SearchPerform;

export default defineSearch({
  key: 'find_review',
  noun: 'Review',
  display: {
    label: 'Find Review',
    description: 'Finds a review by its id, or a service review by the reference ID or customer email of its invitation.',
  },
  operation: {
    inputFields: [
      reviewTypeField,
      { key: 'review_id', label: LABELS.review_id, type: 'string', required: false, helpText: `${reviewIdHelp} Works for service and product reviews.` },
      {
        key: 'reference_id',
        label: LABELS.reference_id,
        type: 'string',
        required: false,
        helpText:
          'The order or customer reference your review invitation carried. Service reviews only: Trustpilot’s product review API cannot search by it. ' +
          'Fill in at least one of Review ID, Reference ID and Customer Email; every one you fill in must match.',
      },
      {
        key: 'consumer_email',
        label: LABELS.consumer_email,
        type: 'string',
        required: false,
        helpText: 'The email address the review invitation went to (Trustpilot’s referral email). Service reviews only, for the same reason.',
      },
      { ...businessUnitField, helpText: `Used to search by Reference ID or Customer Email. ${businessUnitField.helpText}` },
    ],
    outputFields: productReviewOutputFields,
    sample: serviceReviewSample,
    perform,
  },
});
