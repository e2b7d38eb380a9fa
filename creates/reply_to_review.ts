import { defineCreate, type CreatePerform } from 'zapier-platform-core';

import { LABELS, replyOutputFields, replySample, reviewIdHelp, reviewTypeField } from '../src/reviews/fields';

const perform = (async (z, bundle) => {
  const { replyToReview } = await import('../src/reviews/reply');
  return replyToReview(z, bundle);
}) satisfies CreatePerform;

export default defineCreate({
  key: 'reply_to_review',
  noun: 'Reply',
  display: {
    label: 'Reply to Review',
    description: 'Replies publicly to a review, as your business: a reply to a service review, or a comment on a product review.',
  },
  operation: {
    inputFields: [
      { key: 'review_id', label: LABELS.review_id, type: 'string', required: true, helpText: reviewIdHelp },
      {
        key: 'message',
        label: LABELS.message,
        type: 'text',
        required: true,
        helpText:
          'Your public reply, shown under the review. A service review has one reply from your business: this replaces any earlier one. ' +
          'On a product review it adds a comment to the review’s conversation; a replayed step does not post the same comment twice.',
      },
      reviewTypeField,
    ],
    outputFields: replyOutputFields,
    sample: replySample,
    perform,
  },
});
