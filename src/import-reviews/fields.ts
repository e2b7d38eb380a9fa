/** Plain data for "Import Recent Reviews to Salesforce". Loaded with the app definition: no imports. */
import type { OutputField } from '../util/output-field';

export const IMPORT_LABELS = {
  business_unit_id: 'Business Unit',
  days: 'Days',
  record_type: 'Salesforce Object',
  continue_from: 'Continue From',
} as const;

export const IMPORT_MAX_DAYS = 30;

export type ImportStatus = 'logged' | 'already logged' | 'no matching record' | 'matches several records' | 'no reference' | 'not reached' | 'outcome unknown';
export type ImportStopReason = '' | 'time limit' | 'page limit' | 'error';

/** Types, not interfaces: Zapier's typings want plain records. */
export type ImportRow = {
  review_id: string;
  reference_id: string;
  stars: number | null;
  created_at: string | null;
  status: ImportStatus;
  reason: string;
  record_type: string;
  record_id: string;
  record_url: string;
  task_id: string;
};

export type ImportResult = {
  id: string;
  business_unit_id: string;
  period_start: string;
  period_end: string;
  reviews_checked: number;
  logged_count: number;
  already_logged_count: number;
  no_matching_record_count: number;
  several_records_count: number;
  no_reference_count: number;
  not_reached_count: number;
  outcome_unknown_count: number;
  complete: boolean;
  stopped_reason: ImportStopReason;
  continue_from: string;
  summary: string;
  results: ImportRow[];
};


export const importOutputFields: OutputField[] = [
  { key: 'id', label: 'Import Run ID' },
  { key: 'business_unit_id', label: 'Business Unit ID' },
  { key: 'period_start', label: 'Period Start', type: 'datetime' },
  { key: 'period_end', label: 'Period End', type: 'datetime' },
  { key: 'reviews_checked', label: 'Reviews Checked', type: 'number' },
  { key: 'logged_count', label: 'Logged', type: 'number' },
  { key: 'already_logged_count', label: 'Already Logged', type: 'number' },
  { key: 'no_matching_record_count', label: 'No Matching Record', type: 'number' },
  { key: 'several_records_count', label: 'Reference Matches Several Records', type: 'number' },
  { key: 'no_reference_count', label: 'No Reference Number', type: 'number' },
  { key: 'not_reached_count', label: 'Not Reached (Continue Later)', type: 'number' },
  { key: 'outcome_unknown_count', label: 'Outcome Unknown', type: 'number' },
  { key: 'complete', label: 'Complete', type: 'boolean' },
  { key: 'stopped_reason', label: 'Stopped Because' },
  { key: 'continue_from', label: 'Continue From' },
  { key: 'summary', label: 'Summary' },
  { key: 'results[]review_id', label: 'Results: Review ID' },
  { key: 'results[]reference_id', label: 'Results: Reference Number' },
  { key: 'results[]status', label: 'Results: Status' },
  { key: 'results[]reason', label: 'Results: Reason' },
  { key: 'results[]record_type', label: 'Results: Salesforce Object' },
  { key: 'results[]record_id', label: 'Results: Record ID' },
  { key: 'results[]record_url', label: 'Results: Record URL' },
  { key: 'results[]task_id', label: 'Results: Task ID' },
];

export const importSample: ImportResult = {
  id: '507f191e810c19729de860ea/2026-11-03T09:00:00Z/2026-12-03T09:00:00Z',
  business_unit_id: '507f191e810c19729de860ea',
  period_start: '2026-11-03T09:00:00Z',
  period_end: '2026-12-03T09:00:00Z',
  reviews_checked: 3,
  logged_count: 1,
  already_logged_count: 1,
  no_matching_record_count: 0,
  several_records_count: 0,
  no_reference_count: 1,
  not_reached_count: 0,
  outcome_unknown_count: 0,
  complete: true,
  stopped_reason: '',
  continue_from: '',
  summary: 'Checked 3 reviews from the last 30 days: 1 logged, 1 already logged, 1 without a reference number.',
  results: [
    {
      review_id: '664327a1f0e2b8c3d4e5f601',
      reference_id: '00000101',
      stars: 5,
      created_at: '2026-11-20T08:21:37Z',
      status: 'logged',
      reason: 'logged on Order 00000101',
      record_type: 'Order',
      record_id: '8015g00000KZt3QAAT',
      record_url: 'https://acme-outdoor-gear.lightning.force.com/lightning/r/Order/8015g00000KZt3QAAT/view',
      task_id: '00T5g00000XyZ12EAB',
    },
    {
      review_id: '664327a1f0e2b8c3d4e5f602',
      reference_id: '00001026',
      stars: 2,
      created_at: '2026-11-22T10:02:11Z',
      status: 'already logged',
      reason: 'this review is already logged on Case 00001026 (Task 00T5g00000XyZ13EAB)',
      record_type: 'Case',
      record_id: '5005g00000PqRsTAAV',
      record_url: 'https://acme-outdoor-gear.lightning.force.com/lightning/r/Case/5005g00000PqRsTAAV/view',
      task_id: '00T5g00000XyZ13EAB',
    },
    {
      review_id: '664327a1f0e2b8c3d4e5f603',
      reference_id: '',
      stars: 4,
      created_at: '2026-11-25T17:45:03Z',
      status: 'no reference',
      reason: 'the review carries no reference number (it did not come from an invitation with one)',
      record_type: '',
      record_id: '',
      record_url: '',
      task_id: '',
    },
  ],
};
