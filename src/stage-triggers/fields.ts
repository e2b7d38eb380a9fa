/**
 * Plain data for the Salesforce operations' shells: output fields, samples and help text. The shells
 * load it when the app definition loads, so it imports nothing.
 */
import type { OutputField } from '../util/output-field';

/**
 * Trustpilot's rule against cherry-picking, once per trigger form (a short note at its end), and what a filter
 * on "has an email" means: it selects by contact data, not by experience.
 */
export const INVITE_EVERYONE_HELP =
  '**Invite everyone this trigger sends**: never filter on ratings, complaints or sentiment (Trustpilot forbids cherry-picking). ' +
  'A Filter on “Customer Email exists” is fine, it is not cherry-picking; without one, invitation steps pass such records as not invited, with the reason.';

/** More than enough for a campaign's tags; keeps the query far below SOQL's length limit. */
export const MAX_TAG_FIELDS = 20;

export const TAG_FIELDS_HELP = (sobject: string) =>
  `Optional: up to ${MAX_TAG_FIELDS} ${sobject} fields whose values become invitation tags, e.g. Region (Region__c); a multi-select picklist gives one tag per value. ` +
  'For a related record’s field, type its API name as a custom value, e.g. `Account.Industry`.';

export const HISTORY_TRACKING_HELP = (sobject: string) =>
  `Leave empty: the trigger checks once a day whether Salesforce keeps ${sobject} Status history and uses it when it does ` +
  `(Detection Mode in the output says which way ran). **Yes** or **No** forces one way; Yes without history stops with an error.`;


const recipientFields: OutputField[] = [
  { key: 'recipient_email', label: 'Customer Email' },
  { key: 'recipient_name', label: 'Customer Name' },
  { key: 'recipient_first_name', label: 'Customer First Name' },
  { key: 'recipient_last_name', label: 'Customer Last Name' },
  { key: 'recipient_contact_id', label: 'Customer Contact ID' },
  { key: 'recipient_role', label: 'Customer Role' },
  { key: 'recipient_missing_reason', label: 'Why There Is No Customer Email' },
  { key: 'recipient_phone', label: 'Customer Phone' },
  { key: 'recipient_mobile_phone', label: 'Customer Mobile Phone' },
  { key: 'recipient_country', label: 'Customer Mailing Country' },
  { key: 'owner_name', label: 'Record Owner Name' },
  { key: 'owner_email', label: 'Record Owner Email' },
  { key: 'detection_mode', label: 'Detection Mode' },
];

const invitationFields: OutputField[] = [
  { key: 'reference_number', label: 'Reference Number' },
  { key: 'product_skus', label: 'Product SKUs', list: true },
  { key: 'product_skus_complete', label: 'Product SKUs Complete', type: 'boolean' },
  { key: 'tags', label: 'Tags', list: true },
  { key: 'record_url', label: 'Record URL' },
];

export const opportunityOutputFields: OutputField[] = [
  { key: 'id', label: 'Stage Entry ID' },
  { key: 'entered_at', label: 'Entered At', type: 'datetime' },
  { key: 'record_id', label: 'Opportunity ID' },
  { key: 'record_type', label: 'Salesforce Object' },
  { key: 'name', label: 'Opportunity Name' },
  { key: 'stage', label: 'Stage' },
  ...recipientFields,
  ...invitationFields,
  { key: 'amount', label: 'Amount', type: 'number' },
  { key: 'close_date', label: 'Close Date' },
  { key: 'account_name', label: 'Account Name' },
];

export const orderOutputFields: OutputField[] = [
  { key: 'id', label: 'Status Entry ID' },
  { key: 'entered_at', label: 'Entered At', type: 'datetime' },
  { key: 'record_id', label: 'Order ID' },
  { key: 'record_type', label: 'Salesforce Object' },
  { key: 'name', label: 'Name' },
  { key: 'record_number', label: 'Record Number (Same as Order Number)' },
  { key: 'order_number', label: 'Order Number' },
  { key: 'status', label: 'Status' },
  ...recipientFields,
  ...invitationFields,
  { key: 'effective_date', label: 'Order Start Date' },
  { key: 'account_name', label: 'Account Name' },
];

export const caseOutputFields: OutputField[] = [
  { key: 'id', label: 'Status Entry ID' },
  { key: 'entered_at', label: 'Entered At', type: 'datetime' },
  { key: 'record_id', label: 'Case ID' },
  { key: 'record_type', label: 'Salesforce Object' },
  { key: 'name', label: 'Name' },
  { key: 'record_number', label: 'Record Number (Same as Case Number)' },
  { key: 'case_number', label: 'Case Number' },
  { key: 'subject', label: 'Subject' },
  { key: 'status', label: 'Status' },
  ...recipientFields,
  ...invitationFields,
  { key: 'account_name', label: 'Account Name' },
];

export const opportunitySample = {
  id: '0085g00000Qw3rTAAR',
  entered_at: '2026-11-01T09:30:12.000Z',
  record_id: '0065g00000XyZ12AAF',
  record_type: 'Opportunity',
  name: 'Northwind Outfitters – 40 Trail Tents',
  stage: 'Closed Won',
  recipient_email: 'jane.doe@northwind.example',
  recipient_name: 'Jane Doe',
  recipient_first_name: 'Jane',
  recipient_last_name: 'Doe',
  recipient_contact_id: '0035g00000Jd0e1AAB',
  recipient_role: 'Decision Maker',
  recipient_missing_reason: '',
  recipient_phone: '+44 113 496 0123',
  recipient_mobile_phone: '+44 7700 900461',
  recipient_country: 'United Kingdom',
  owner_name: 'Dana Reyes',
  owner_email: 'dana.reyes@acme-outdoor.example',
  detection_mode: 'stage_history',
  product_skus_complete: true,
  reference_number: '0065g00000XyZ12AAF',
  product_skus: ['TENT-2P-GRN', 'STOVE-MINI'],
  tags: ['EMEA', 'Retail'],
  record_url: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000XyZ12AAF/view',
  amount: 12500,
  close_date: '2026-11-01',
  account_name: 'Northwind Outfitters',
};

export const orderSample = {
  id: '0175g00000Pq7sTAAR',
  entered_at: '2026-11-01T14:05:40.000Z',
  record_id: '8015g000000Lk9PAAS',
  record_type: 'Order',
  name: 'Order 00000107',
  record_number: '00000107',
  order_number: '00000107',
  status: 'Activated',
  recipient_email: 'tom.baker@northwind.example',
  recipient_name: 'Tom Baker',
  recipient_first_name: 'Tom',
  recipient_last_name: 'Baker',
  recipient_contact_id: '0035g00000Mb4NqAAJ',
  recipient_role: 'Bill To',
  recipient_missing_reason: '',
  recipient_phone: '+44 113 496 0456',
  recipient_mobile_phone: '+44 7700 900782',
  recipient_country: 'United Kingdom',
  owner_name: 'Dana Reyes',
  owner_email: 'dana.reyes@acme-outdoor.example',
  detection_mode: 'status_history',
  product_skus_complete: true,
  reference_number: '00000107',
  product_skus: ['TENT-2P-GRN'],
  tags: ['Web'],
  record_url: 'https://acme.lightning.force.com/lightning/r/Order/8015g000000Lk9PAAS/view',
  effective_date: '2026-10-30',
  account_name: 'Northwind Outfitters',
};

export const caseSample = {
  id: '0175g00000Hx2LmAAJ',
  entered_at: '2026-11-01T16:22:03.000Z',
  record_id: '5005g00000Cs3ZyAAJ',
  record_type: 'Case',
  name: 'Tent zipper replaced',
  record_number: '00001026',
  case_number: '00001026',
  subject: 'Tent zipper replaced',
  status: 'Closed',
  recipient_email: 'jane.doe@northwind.example',
  recipient_name: 'Jane Doe',
  recipient_first_name: 'Jane',
  recipient_last_name: 'Doe',
  recipient_contact_id: '0035g00000Jd0e1AAB',
  recipient_role: 'Case Contact',
  recipient_missing_reason: '',
  recipient_phone: '+44 113 496 0123',
  recipient_mobile_phone: '+44 7700 900461',
  recipient_country: 'United Kingdom',
  owner_name: 'Chris Patel',
  owner_email: 'chris.patel@acme-outdoor.example',
  detection_mode: 'status_history',
  product_skus_complete: true,
  reference_number: '00001026',
  product_skus: [] as string[],
  tags: ['Warranty'],
  record_url: 'https://acme.lightning.force.com/lightning/r/Case/5005g00000Cs3ZyAAJ/view',
  account_name: 'Northwind Outfitters',
};
