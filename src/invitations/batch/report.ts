/** What a batch step returns: every row with its status, the counts, a summary and the rows to send again as CSV. */
import { createHash } from 'node:crypto';

import { CSV_COLUMNS, toCsv } from './csv';
import type { InvitationTarget } from '../email-invitation';
import type { BatchSource, PreparedRow, RowResult, RowStatus, SourceRows } from './rows';
import type { StopReason, Stopped } from './sending';

const MAX_ERRORS_LISTED = 20;

export interface BatchOutput {
  id: string;
  business_unit_id: string;
  business_unit_name: string | null;
  source: BatchSource;
  total_rows: number;
  sent_count: number;
  duplicate_count: number;
  invalid_count: number;
  not_in_sample_count: number;
  not_reached_count: number;
  outcome_unknown_count: number;
  /** True when no row is left to send (none "not reached" or "outcome unknown"). */
  complete: boolean;
  stopped_reason: StopReason;
  summary: string;
  invalid_rows: string;
  not_reached_csv: string;
  ignored_columns: string;
  results: RowResult[];
}

function summarise(results: RowResult[], stop: StopReason): string {
  const count = (status: RowStatus) => results.filter((r) => r.status === status).length;
  const parts = [
    `${count('sent')} sent`,
    `${count('duplicate')} duplicate`,
    `${count('invalid')} invalid`,
    `${count('not in sample')} not in sample`,
    `${count('not reached')} not reached${stop ? ` (${stop})` : ''}`,
  ];
  if (count('outcome unknown') > 0) parts.push(`${count('outcome unknown')} outcome unknown`);
  return `${parts.join(', ')}, of ${results.length} row${results.length === 1 ? '' : 's'}.`;
}

export function listErrors(results: RowResult[]): string {
  const listed = results.slice(0, MAX_ERRORS_LISTED).map((r) => r.reason);
  const more = results.length - listed.length;
  return [...listed, ...(more > 0 ? [`… and ${more} more invalid row${more === 1 ? '' : 's'}.`] : [])].join(' ');
}

export function batchReport(rows: PreparedRow[], target: InvitationTarget, source: SourceRows, stopped: Stopped | undefined): BatchOutput {
  const results = rows.map((r) => r.result!);
  const count = (status: RowStatus) => results.filter((r) => r.status === status).length;
  const notReachedRows = rows.filter((r) => r.result?.status === 'not reached');
  const notReachedCsv =
    notReachedRows.length === 0
      ? ''
      : toCsv(
          CSV_COLUMNS,
          notReachedRows.map((r) => [
            r.recipient!.email,
            r.recipient!.name,
            r.recipient!.referenceNumber,
            (r.recipient!.productSkus ?? []).join(','),
            (r.ownTags ?? []).join(','),
            r.values.locale ?? '',
          ]),
        );
  const stop = stopped?.stop ?? '';
  return {
    id: createHash('sha256')
      .update(JSON.stringify([target.businessUnitId, results.map((r) => [r.consumer_email.toLowerCase(), r.reference_number])]))
      .digest('hex')
      .slice(0, 32),
    business_unit_id: target.businessUnitId,
    business_unit_name: target.businessUnitName,
    source: source.source,
    total_rows: results.length,
    sent_count: count('sent'),
    duplicate_count: count('duplicate'),
    invalid_count: count('invalid'),
    not_in_sample_count: count('not in sample'),
    not_reached_count: count('not reached'),
    outcome_unknown_count: count('outcome unknown'),
    complete: count('not reached') === 0 && count('outcome unknown') === 0,
    stopped_reason: stop,
    summary: summarise(results, stop),
    invalid_rows: results.filter((r) => r.status === 'invalid').map((r) => r.reason).join('\n'),
    not_reached_csv: notReachedCsv,
    ignored_columns: source.ignoredColumns.join(', '),
    results,
  };
}
