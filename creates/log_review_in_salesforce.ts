import { defineCreate, type CreatePerform } from 'zapier-platform-core';

import { logReviewOutputFields, logReviewSample } from '../src/log-review/fields';

const perform = (async (z, bundle) => {
  const { logReviewInSalesforce } = await import('../src/log-review/log-review');
  return logReviewInSalesforce(z, bundle);
}) satisfies CreatePerform;

export default defineCreate({
  key: 'log_review_in_salesforce',
  noun: 'Review',
  display: {
    label: 'Log Review in Salesforce',
    description:
      'Adds a completed Task with a Trustpilot review to the Salesforce opportunity, order or case whose reference the review carries. Never logs the same review twice.',
  },
  operation: {
    inputFields: [
      {
        key: 'review_id',
        label: 'Review ID',
        required: true,
        helpText: 'The Trustpilot review’s ID, from “New Service Review”. The Task names it, so running this step again for the same review adds nothing.',
      },
      {
        key: 'reference_id',
        label: 'Reference ID',
        required: true,
        helpText:
          'The review’s Reference ID: the Reference Number the invitation was sent with. The Task goes on the record with this Id, Order Number, Case Number or Opportunity Name. No match is not an error: the step reports it.',
      },
      { key: 'stars', label: 'Stars', type: 'integer', required: false, helpText: 'The star rating, 1 to 5. It leads the Task’s Subject as ★★★★☆.' },
      { key: 'title', label: 'Title', required: false, helpText: 'The review’s title, used in the Task’s Subject.' },
      { key: 'text', label: 'Text', type: 'text', required: false, helpText: 'The review’s text, used in the Task’s Comments.' },
      { key: 'review_url', label: 'Review URL', required: false, helpText: 'A link to the review, added to the Task’s Comments.' },
      { key: 'consumer_name', label: 'Consumer Name', required: false, helpText: 'The reviewer’s display name, added to the Task’s Comments.' },
      { key: 'created_at', label: 'Created At', type: 'datetime', required: false, helpText: 'When the review was posted; it becomes the Task’s date.' },
      {
        key: 'record_type',
        label: 'Record Type',
        required: false,
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
    outputFields: logReviewOutputFields,
    sample: logReviewSample,
    perform,
  },
});
