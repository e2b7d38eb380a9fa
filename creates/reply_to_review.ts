import { defineCreate, type CreatePerform } from 'zapier-platform-core';

import { LABELS, replyOutputFields, replySample, reviewIdField, reviewTypeField } from '../src/reviews/fields';

const perform = (async (z, bundle) => {
  const { replyToReview } = await import('../src/reviews/reply');
  return replyToReview(z, bundle);
}) satisfies CreatePerform;

export default defineCreate({
  key: 'reply_to_review',
  noun: 'Reply',
  display: {
    label: 'Reply to Review',
    description: 'Replies publicly to a review as your business (on a product review, as a comment).',
  },
  operation: {
    inputFields: [
      { ...reviewIdField, required: true },
      {
        key: 'message',
        label: LABELS.message,
        type: 'text',
        required: true,
        helpText:
          'Your public reply (at most 10,000 characters), shown under the review. It replaces an earlier reply to a service review; on a product review it adds a comment (a replayed step does not post it twice).',
      },
      reviewTypeField,
    ],
    outputFields: replyOutputFields,
    sample: replySample,
    perform,
  },
});
