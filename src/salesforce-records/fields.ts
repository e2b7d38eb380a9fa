/**
 * Plain data for "Find Salesforce Record": labels, choices, output fields and sample. The shell loads it
 * with the app definition, so it imports nothing.
 */
import type { OutputField } from '../util/output-field';

export const FIND_RECORD_LABELS = {
  reference: 'Reference',
  record_type: 'Record Type',
  expected_status: 'Expected Status',
} as const;

export const FIND_RECORD_TYPES = ['opportunity', 'order', 'case'] as const;
export type FindRecordType = (typeof FIND_RECORD_TYPES)[number];


export const findRecordOutputFields: OutputField[] = [
  { key: 'id', label: 'Record ID' },
  { key: 'record_type', label: 'Record Type' },
  { key: 'record_number', label: 'Record Number' },
  { key: 'name', label: 'Record Name' },
  { key: 'status', label: 'Current Stage or Status' },
  { key: 'status_category', label: 'Status Category' },
  { key: 'expected_status', label: 'Expected Status' },
  { key: 'still_in_expected_status', label: 'Still In Expected Status', type: 'boolean' },
  { key: 'is_closed', label: 'Is Closed', type: 'boolean' },
  { key: 'is_cancelled', label: 'Is Cancelled, Returned or Lost', type: 'boolean' },
  { key: 'is_won', label: 'Is Won (Opportunities)', type: 'boolean' },
  { key: 'last_modified_at', label: 'Last Modified At', type: 'datetime' },
  { key: 'recipient_email', label: 'Recipient Email' },
  { key: 'recipient_name', label: 'Recipient Name' },
  { key: 'recipient_first_name', label: 'Recipient First Name' },
  { key: 'recipient_last_name', label: 'Recipient Last Name' },
  { key: 'recipient_phone', label: 'Recipient Phone' },
  { key: 'recipient_mobile_phone', label: 'Recipient Mobile Phone' },
  { key: 'recipient_contact_id', label: 'Recipient Contact ID' },
  { key: 'recipient_role', label: 'Recipient Role' },
  { key: 'recipient_missing_reason', label: 'Recipient Missing Reason' },
  { key: 'reference_number', label: 'Reference Number' },
  { key: 'account_name', label: 'Account Name' },
  { key: 'record_url', label: 'Record URL' },
];

/** Types, not interfaces: Zapier's typings want plain records. */
export type FoundRecord = {
  id: string;
  record_type: 'Opportunity' | 'Order' | 'Case';
  record_number: string;
  name: string;
  status: string;
  status_category: string;
  expected_status: string;
  /** null when no Expected Status was given. */
  still_in_expected_status: boolean | null;
  is_closed: boolean;
  is_cancelled: boolean;
  /** Opportunities only. */
  is_won: boolean | null;
  last_modified_at: string;
  recipient_email: string;
  recipient_name: string;
  recipient_first_name: string;
  recipient_last_name: string;
  recipient_phone: string;
  recipient_mobile_phone: string;
  recipient_contact_id: string;
  recipient_role: string;
  recipient_missing_reason: string;
  reference_number: string;
  account_name: string;
  record_url: string;
};

/** An order that was activated and then cancelled: the hold-and-recheck Zap stops here. */
export const findRecordSample: FoundRecord = {
  id: '8015g00000KZt3QAAT',
  record_type: 'Order',
  record_number: '00000101',
  name: 'Order 00000101',
  status: 'Cancelled',
  status_category: 'Draft',
  expected_status: 'Activated',
  still_in_expected_status: false,
  is_closed: true,
  is_cancelled: true,
  is_won: null,
  last_modified_at: '2026-11-21T14:02:11.000Z',
  recipient_email: 'maya.lindqvist@alpinetrail.example',
  recipient_name: 'Maya Lindqvist',
  recipient_first_name: 'Maya',
  recipient_last_name: 'Lindqvist',
  recipient_phone: '',
  recipient_mobile_phone: '+1 303 555 0199',
  recipient_contact_id: '0035g00000AbCdEAAV',
  recipient_role: 'Bill To',
  recipient_missing_reason: '',
  reference_number: '00000101',
  account_name: 'Alpine Trail Outfitters',
  record_url: 'https://acme-outdoor-gear.lightning.force.com/lightning/r/Order/8015g00000KZt3QAAT/view',
};
