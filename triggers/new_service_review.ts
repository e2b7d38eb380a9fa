import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

import { businessUnitField, LABELS, reviewLanguageField, reviewOutputFields, serviceReviewSample, starsField } from '../src/reviews/fields';

const perform = (async (z, bundle) => {
  const { pollServiceReviews } = await import('../src/reviews/poll');
  return pollServiceReviews(z, bundle);
}) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: 'new_service_review',
  noun: 'Review',
  display: {
    label: 'New Service Review',
    description: 'Triggers when a customer posts a new review of your business (a service review).',
  },
  operation: {
    type: 'polling',
    inputFields: [
      starsField,
      reviewLanguageField,
      {
        key: 'only_unanswered',
        label: LABELS.only_unanswered,
        type: 'boolean',
        required: false,
        default: 'false',
        helpText:
          'Yes: only reviews your business has not replied to yet (Trustpilot’s “awaiting reply”). A review that already has a reply when Zapier checks does not trigger.',
      },
      businessUnitField,
    ],
    outputFields: reviewOutputFields,
    sample: serviceReviewSample,
    perform,
  },
});
