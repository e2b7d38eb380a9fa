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
      businessUnitField,
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
          'The period the new reviews are counted in. Use it after a “Schedule by Zapier” trigger (e.g. every Monday, Last 7 days) and post the Digest to Slack or email. ' +
          `Always one result, from at most ${SUMMARY_MAX_CALLS} Trustpilot API calls; a count that would need more reads “100+”. ` +
          NO_INVITATION_STATUSES,
      },
      {
        key: 'since',
        label: LABELS.since,
        type: 'datetime',
        required: false,
        helpText: 'Only for Period “Since a date”: count reviews posted from this date and time on, e.g. `2026-11-01`.',
      },
    ],
    outputFields: summaryOutputFields,
    sample: summarySample,
    perform,
  },
});
