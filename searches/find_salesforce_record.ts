import { defineSearch, type SearchPerform } from 'zapier-platform-core';

import { FIND_RECORD_LABELS as LABELS, findRecordOutputFields, findRecordSample } from '../src/salesforce-records/fields';

const perform = (async (z, bundle) => {
  const { findSalesforceRecord } = await import('../src/salesforce-records/find-record');
  return findSalesforceRecord(z, bundle);
}) satisfies SearchPerform;

export default defineSearch({
  key: 'find_salesforce_record',
  noun: 'Salesforce Record',
  display: {
    label: 'Find Salesforce Record',
    description: 'Finds the opportunity, order or case behind a reference number and says whether it is still in the status you expect.',
  },
  operation: {
    inputFields: [
      {
        key: 'reference',
        label: LABELS.reference,
        required: true,
        helpText:
          'The record’s ID, or the Reference Number the invitation is sent with: an Order Number, a Case Number, or an Opportunity ID (an Opportunity Name works too). ' +
          'Map it from “Order Reached Status”, “Case Reached Status” or “Opportunity Reached Stage”. One Salesforce query.',
      },
      {
        key: 'record_type',
        label: LABELS.record_type,
        required: true,
        choices: [
          { value: 'order', label: 'Order', sample: 'order' },
          { value: 'case', label: 'Case', sample: 'case' },
          { value: 'opportunity', label: 'Opportunity', sample: 'opportunity' },
        ],
        helpText: 'Which kind of Salesforce record the reference belongs to.',
      },
      {
        key: 'expected_status',
        label: LABELS.expected_status,
        required: false,
        helpText:
          'Optional: the status or stage the record should still be in, e.g. `Activated` (map the trigger’s Status). Filter on ' +
          '**Still In Expected Status** before “Send Review Invitation”: a rule on the record’s state, never on the customer’s mood.',
      },
    ],
    outputFields: findRecordOutputFields,
    sample: findRecordSample,
    perform,
  },
});
