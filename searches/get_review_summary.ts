import { defineSearch, type SearchPerform } from 'zapier-platform-core';

import { NO_INVITATION_STATUSES, SUMMARY_LABELS as LABELS, SUMMARY_MAX_CALLS, summaryOutputFields, summarySample } from '../src/review-summary/fields';
import { businessUnitField } from '../src/trustpilot/fields';

const perform = (async (z, bundle) => {
  const { getReviewSummary } = await import('../src/review-summary/summary');
  return getReviewSummary(z, bundle);
}) satisfies SearchPerform;

export default defineSearch({
  key: 'get_review_summary',
  noun: 'Review Summary',
  display: {
    label: 'Get Review Summary',
    description: 'Gets your TrustScore, new reviews and reviews awaiting a reply for a period, with a digest ready to post.',
  },
  operation: {
    inputFields: [
      {
        key: 'period',
        label: LABELS.period,
        required: true,
        default: 'last_7_days',
        choices: [
          { value: 'last_7_days', label: 'Last 7 days', sample: 'last_7_days' },
          { value: 'last_30_days', label: 'Last 30 days', sample: 'last_30_days' },
          { value: 'since_date', label: 'Since a date', sample: 'since_date' },
        ],
        helpText:
          `Where new reviews are counted, e.g. Last 7 days after a weekly Schedule. One result from at most ${SUMMARY_MAX_CALLS} Trustpilot calls ` +
          `(a larger count reads “100+”). ${NO_INVITATION_STATUSES}`,
      },
      {
        key: 'since',
        label: LABELS.since,
        type: 'datetime',
        required: false,
        helpText: 'Only for Period “Since a date”: count reviews posted from this date and time on (at most 365 days back), e.g. `2026-11-01`.',
      },
      businessUnitField,
    ],
    outputFields: summaryOutputFields,
    sample: summarySample,
    perform,
  },
});
