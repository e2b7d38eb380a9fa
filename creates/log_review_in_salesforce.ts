import { defineCreate, type CreatePerform } from 'zapier-platform-core';

import { LOG_REVIEW_LABELS as LABELS, logReviewOutputFields, logReviewSample } from '../src/log-review/fields';
import { reviewIdField } from '../src/reviews/fields';

const perform = (async (z, bundle) => {
  const { logReviewInSalesforce } = await import('../src/log-review/log-review');
  return logReviewInSalesforce(z, bundle);
}) satisfies CreatePerform;

export default defineCreate({
  key: 'log_review_in_salesforce',
  noun: 'Review',
  display: {
    label: 'Log Review in Salesforce',
    description: 'Adds a review as a completed Task to the Salesforce opportunity, order or case with its Reference Number, once.',
  },
  operation: {
    inputFields: [
      {
        ...reviewIdField,
        required: true,
        helpText: `${reviewIdField.helpText} The Task names it, so running this step again for the same review adds nothing.`,
      },
      {
        key: 'reference_id',
        label: LABELS.reference_id,
        required: true,
        helpText:
          'The review’s Reference Number (the one its invitation carried). The Task goes on the record with this Id, Order Number, Case Number or Opportunity Name; no match is reported, not an error.',
      },
      { key: 'stars', label: LABELS.stars, type: 'integer', required: false, group: 'review', helpText: 'The star rating, 1 to 5. It leads the Task’s Subject as ★★★★☆.' },
      { key: 'title', label: LABELS.title, required: false, group: 'review', helpText: 'The review’s title (one line, at most 1,000 characters), used in the Task’s Subject.' },
      { key: 'text', label: LABELS.text, type: 'text', required: false, group: 'review', helpText: 'The review’s text (at most 32,000 characters), used in the Task’s Comments.' },
      { key: 'review_url', label: LABELS.review_url, required: false, group: 'review', helpText: 'A link to the review (https://…), added to the Task’s Comments.' },
      { key: 'consumer_name', label: LABELS.consumer_name, required: false, group: 'review', helpText: 'The reviewer’s display name, added to the Task’s Comments.' },
      { key: 'created_at', label: LABELS.created_at, type: 'datetime', required: false, group: 'review', helpText: 'When the review was posted, within the last 365 days (Salesforce archives older Tasks); it becomes the Task’s date.' },
      {
        key: 'record_type',
        label: LABELS.record_type,
        required: false,
        group: 'where',
        default: 'any',
        choices: [
          { value: 'any', label: 'Any (Opportunity, Order or Case)', sample: 'any' },
          { value: 'Opportunity', label: 'Opportunity', sample: 'Opportunity' },
          { value: 'Order', label: 'Order', sample: 'Order' },
          { value: 'Case', label: 'Case', sample: 'Case' },
        ],
        helpText:
          'Where to look for the reference. “Any” looks in orders, cases and opportunities (up to three lookups), and reports a reference found in more than one. Choosing one makes it a single lookup.',
      },
    ],
    inputFieldGroups: [
      { key: 'review', label: 'Review Details for the Task' },
      { key: 'where', label: 'Where to Look' },
    ],
    outputFields: logReviewOutputFields,
    sample: logReviewSample,
    perform,
  },
});
