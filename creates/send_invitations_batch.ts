import { defineCreate, type CreatePerform, type PlainInputField } from 'zapier-platform-core';

import { businessUnitField, productTemplateField, senderFields, templateField } from '../src/invitations/email-fields';
import { complianceFields, groupsOf, localeField, tagsField, timingFields } from '../src/invitations/fields';

const perform = (async (z, bundle) => {
  const { sendInvitationsBatch } = await import('../src/invitations/batch/batch');
  return sendInvitationsBatch(z, bundle);
}) satisfies CreatePerform;

const COLUMNS_HELP =
  'Columns: `consumer_email`, `consumer_name`, `reference_number`, optionally `product_skus`, `tags`, `locale` (several values in a cell: commas).';

const inputFields = [
  {
    // A field with children may not have helpText (schema rule); CSV Text's help explains the three sources.
    key: 'invitations',
    label: 'Invitations (Line Items)',
    required: false,
    group: 'source',
    children: [
      { key: 'consumer_email', label: 'Customer Email', type: 'string', required: false },
      { key: 'consumer_name', label: 'Customer Name', type: 'string', required: false },
      { key: 'reference_number', label: 'Reference Number', type: 'string', required: false },
      { key: 'product_skus', label: 'Product SKUs (Comma-Separated)', type: 'string', required: false },
      { key: 'tags', label: 'Tags (Comma-Separated)', type: 'string', required: false },
      { key: 'locale', label: 'Language (e.g. en-US)', type: 'string', required: false },
    ] as PlainInputField[],
  } as const,
  {
    key: 'csv_text',
    label: 'CSV Text',
    type: 'text',
    required: false,
    group: 'source',
    helpText: `Line items above, CSV text here (e.g. **Not Reached CSV** of an earlier batch step), or a CSV File. Invalid rows are reported by row number and skipped. ${COLUMNS_HELP}`,
  } as const,
  {
    key: 'csv_file',
    label: 'CSV File',
    type: 'file',
    required: false,
    group: 'source',
    helpText: `A CSV file from an earlier step (up to 1 MB and 1,000 rows; comma, semicolon or tab). ${COLUMNS_HELP}`,
  } as const,
  // Line items already use the keys `locale` and `tags` for each row, and keys must be unique in an action.
  { ...localeField, key: 'default_locale', label: 'Default Language', helpText: `${localeField.helpText} Used for rows without their own language.` },
  templateField,
  { ...tagsField, key: 'shared_tags', label: 'Tags for Every Row', helpText: `${tagsField.helpText} Added to each row’s own tags.` },
  businessUnitField,
  ...timingFields,
  productTemplateField,
  ...senderFields,
  ...complianceFields,
];

export default defineCreate({
  key: 'send_invitations_batch',
  noun: 'Review Invitations',
  display: {
    label: 'Send Review Invitations (Batch)',
    description: 'Sends many email invitations in one step, from line items or a CSV, paced within Trustpilot’s rate limit.',
  },
  operation: {
    inputFields,
    inputFieldGroups: groupsOf(inputFields),
    outputFields: [
      { key: 'id', label: 'Batch ID', type: 'string' },
      { key: 'business_unit_id', label: 'Business Unit ID', type: 'string' },
      { key: 'business_unit_name', label: 'Business Unit Name', type: 'string' },
      { key: 'source', label: 'Source (Line Items, CSV Text or CSV File)', type: 'string' },
      { key: 'total_rows', label: 'Rows', type: 'integer' },
      { key: 'sent_count', label: 'Sent', type: 'integer' },
      { key: 'duplicate_count', label: 'Duplicates (Already Sent)', type: 'integer' },
      { key: 'invalid_count', label: 'Invalid', type: 'integer' },
      { key: 'not_in_sample_count', label: 'Not in Sample', type: 'integer' },
      { key: 'not_reached_count', label: 'Not Reached', type: 'integer' },
      { key: 'outcome_unknown_count', label: 'Outcome Unknown', type: 'integer' },
      { key: 'complete', label: 'Complete (Nothing Left to Send)', type: 'boolean' },
      { key: 'stopped_reason', label: 'Stopped Because', type: 'string' },
      { key: 'summary', label: 'Summary', type: 'string' },
      { key: 'invalid_rows', label: 'Invalid Rows (One per Line)', type: 'string' },
      { key: 'not_reached_csv', label: 'Not Reached CSV (for a Follow-Up Step)', type: 'string' },
      { key: 'ignored_columns', label: 'Ignored CSV Columns', type: 'string' },
      { key: 'results[]row', label: 'Result Row Number (1 = First Invitation)', type: 'integer' },
      { key: 'results[]status', label: 'Result Status', type: 'string' },
      { key: 'results[]reason', label: 'Result Reason', type: 'string' },
      { key: 'results[]consumer_email', label: 'Result Customer Email', type: 'string' },
      { key: 'results[]consumer_name', label: 'Result Customer Name', type: 'string' },
      { key: 'results[]reference_number', label: 'Result Reference Number', type: 'string' },
      { key: 'results[]id', label: 'Result Invitation ID', type: 'string' },
      { key: 'results[]preferred_send_time', label: 'Result Preferred Send Time (UTC)', type: 'datetime' },
    ],
    sample: {
      id: '9b2e4f6a8c0d1e3f5a7b9c1d3e5f7a9b',
      business_unit_id: '507f191e810c19729de860ea',
      business_unit_name: 'Acme Outdoor Gear',
      source: 'csv file',
      total_rows: 3,
      sent_count: 1,
      duplicate_count: 0,
      invalid_count: 1,
      not_in_sample_count: 0,
      not_reached_count: 1,
      outcome_unknown_count: 0,
      complete: false,
      stopped_reason: 'time limit',
      summary: '1 sent, 0 duplicate, 1 invalid, 0 not in sample, 1 not reached (time limit), of 3 rows.',
      invalid_rows: 'Row 2: consumer_email must be a valid email address, like jane@example.com.',
      not_reached_csv: 'consumer_email,consumer_name,reference_number,product_skus,tags,locale\nomar@example.com,Omar Haddad,ORD-1003,,,',
      ignored_columns: '',
      results: [
        {
          row: 1,
          status: 'sent',
          reason: '',
          consumer_email: 'jane.doe@example.com',
          consumer_name: 'Jane Doe',
          reference_number: 'ORD-1001',
          id: '3f1c9a7e2b5d4c8f9e0a1b2c3d4e5f60',
          preferred_send_time: '2026-12-08T09:30:00Z',
        },
        {
          row: 2,
          status: 'invalid',
          reason: 'Row 2: consumer_email must be a valid email address, like jane@example.com.',
          consumer_email: 'john(at)example.com',
          consumer_name: 'John Smith',
          reference_number: 'ORD-1002',
          id: '',
          preferred_send_time: null,
        },
        {
          row: 3,
          status: 'not reached',
          reason: 'Not sent: this step stops starting invitations after 22 seconds (Zapier stops a step at 30). Send the rows of Not Reached CSV in a follow-up step.',
          consumer_email: 'omar@example.com',
          consumer_name: 'Omar Haddad',
          reference_number: 'ORD-1003',
          id: '',
          preferred_send_time: null,
        },
      ],
    },
    perform,
  },
});
