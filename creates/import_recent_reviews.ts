import { defineCreate, type CreatePerform } from 'zapier-platform-core';

import { IMPORT_LABELS as LABELS, IMPORT_MAX_DAYS, importOutputFields, importSample } from '../src/import-reviews/fields';
import { businessUnitField } from '../src/trustpilot/fields';

const perform = (async (z, bundle) => {
  const { importRecentReviews } = await import('../src/import-reviews/import');
  return importRecentReviews(z, bundle);
}) satisfies CreatePerform;

export default defineCreate({
  key: 'import_recent_reviews',
  noun: 'Review Import',
  display: {
    label: 'Import Recent Reviews to Salesforce',
    description: 'Logs the service reviews of the last days on the Salesforce opportunities, orders or cases their invitations named, skipping any already logged.',
  },
  operation: {
    inputFields: [
      businessUnitField,
      {
        key: 'days',
        label: LABELS.days,
        type: 'integer',
        required: false,
        default: String(IMPORT_MAX_DAYS),
        helpText: `How many days back to import, from 1 to ${IMPORT_MAX_DAYS}. Each review becomes the same completed Task “Log Review in Salesforce” creates; reviews already logged (by the Zap or an earlier import) are skipped, so running this again is safe.`,
      },
      {
        key: 'record_type',
        label: LABELS.record_type,
        required: false,
        default: 'any',
        choices: [
          { value: 'any', label: 'Any (Opportunity, Order or Case)', sample: 'any' },
          { value: 'Opportunity', label: 'Opportunity', sample: 'Opportunity' },
          { value: 'Order', label: 'Order', sample: 'Order' },
          { value: 'Case', label: 'Case', sample: 'Case' },
        ],
        helpText:
          'Where to look for each review’s reference number (an Id, Order Number, Case Number or Opportunity Name). “Any” makes up to three Salesforce queries per 100 reviews instead of one.',
      },
      {
        key: 'continue_from',
        label: LABELS.continue_from,
        required: false,
        helpText:
          'Leave empty to start. One step works for about 20 seconds (Zapier stops a step at 30); if it could not finish, its output has **Complete** = false and a **Continue From** value: ' +
          'add another “Import Recent Reviews to Salesforce” step with that value mapped here to go on.',
      },
    ],
    outputFields: importOutputFields,
    sample: importSample,
    perform,
  },
});
