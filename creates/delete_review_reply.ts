import { defineCreate, type CreatePerform } from 'zapier-platform-core';

import { LABELS, reviewIdHelp } from '../src/reviews/fields';

const perform = (async (z, bundle) => {
  const { deleteReviewReply } = await import('../src/delete-review-reply/delete-review-reply');
  return deleteReviewReply(z, bundle);
}) satisfies CreatePerform;

export default defineCreate({
  key: 'delete_review_reply',
  noun: 'Review Reply',
  display: {
    label: 'Delete Review Reply',
    description: 'Deletes your business’s public reply under a Trustpilot service review.',
  },
  operation: {
    inputFields: [
      {
        key: 'review_id',
        label: LABELS.review_id,
        type: 'string',
        required: true,
        dynamic: 'review_list.id.name',
        search: 'find_review.id',
        helpText:
          `${reviewIdHelp} Only service reviews (reviews of your business) have a reply to delete. ` +
          'If the review has no reply, the step still succeeds and says so in "Deleted" and "Reason".',
      },
    ],
    outputFields: [
      { key: 'review_id', label: 'Review ID', type: 'string' },
      { key: 'deleted', label: 'Deleted', type: 'boolean' },
      { key: 'reason', label: 'Reason (When Nothing Was Deleted)', type: 'string' },
      { key: 'deleted_at', label: 'Deleted At', type: 'datetime' },
      { key: 'review_url', label: 'Review URL', type: 'string' },
    ],
    sample: {
      review_id: '62c8968be77911f2449e9f74',
      deleted: true,
      reason: '',
      deleted_at: '2026-12-03T10:15:00Z',
      review_url: 'https://www.trustpilot.com/reviews/62c8968be77911f2449e9f74',
    },
    perform,
  },
});
