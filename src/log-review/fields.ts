/**
 * Plain data for the "Log Review in Salesforce" shell: output fields and sample. The shell loads it
 * when the app definition loads, so it imports nothing.
 */
import type { OutputField } from '../util/output-field';

/** Labels of the step's fields, as the Zap editor shows them; input errors name the fields by them. */
export const LOG_REVIEW_LABELS = {
  review_id: 'Review ID',
  reference_id: 'Reference Number',
  stars: 'Stars',
  title: 'Title',
  text: 'Review Text',
  review_url: 'Review URL',
  consumer_name: 'Customer Name',
  created_at: 'Created At',
  record_type: 'Salesforce Object',
} as const;

export const logReviewOutputFields: OutputField[] = [
  { key: 'id', label: 'ID' },
  { key: 'logged', label: 'Logged', type: 'boolean' },
  { key: 'reason', label: 'Reason' },
  { key: 'task_id', label: 'Task ID' },
  { key: 'task_url', label: 'Task URL' },
  { key: 'record_id', label: 'Record ID' },
  { key: 'record_type', label: 'Salesforce Object' },
  { key: 'record_name', label: 'Record Name' },
  { key: 'record_url', label: 'Record URL' },
  { key: 'review_id', label: 'Review ID' },
  { key: 'reference_id', label: 'Reference Number' },
];

export const logReviewSample = {
  id: '00T5g00000Rv8KpEAJ',
  logged: true,
  reason: 'logged on Order 00000107',
  task_id: '00T5g00000Rv8KpEAJ',
  task_url: 'https://acme.lightning.force.com/lightning/r/Task/00T5g00000Rv8KpEAJ/view',
  record_id: '8015g000000Lk9PAAS',
  record_type: 'Order',
  record_name: 'Order 00000107',
  record_url: 'https://acme.lightning.force.com/lightning/r/Order/8015g000000Lk9PAAS/view',
  review_id: '62c8968be77911f2449e9f74',
  reference_id: '00000107',
};
