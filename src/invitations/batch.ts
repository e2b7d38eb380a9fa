/**
 * "Send Review Invitations (Batch)": many email invitations in one Zapier step, for peaks and imports.
 *
 * What a run does, in order:
 *   1. validates the shared settings (any error fails the step before anything else);
 *   2. reads the rows (line items, CSV text, or a CSV file downloaded with a size limit);
 *   3. validates every row, collecting all row errors with their row numbers; if no row is valid the step
 *      fails listing them, otherwise invalid rows are reported and the valid ones go on;
 *   4. sends row by row through the same pipeline and replay-guard identity as "Send Review Invitation",
 *      paced below Trustpilot's 833 calls per 5 minutes, and starts no new send after BATCH_SEND_CUTOFF_MS;
 *   5. returns every row with its status; rows not sent are returned (and as CSV), never dropped.
 *
 * Errors while sending (see `classify`): a rejection of one row marks that row invalid and the batch goes
 * on; an error about the whole step (429, 403, Trustpilot unavailable, monthly cap …) stops the batch. If
 * this run has already sent rows, the step succeeds and reports the rest as "not reached", because what
 * was sent is sent; if it has sent none, the error is thrown, so Zapier retries (429) or the user sees it.
 */
import { createHash } from 'node:crypto';

import type { Bundle, ZObject } from 'zapier-platform-core';

import { BATCH_HARD_STOP_MS, BATCH_SEND_CUTOFF_MS, REQUEST_TIMEOUT_MS } from '../config';
import { errorMessage, isZapierError } from '../errors/error-message';
import { errorCode, forZapier } from '../errors/for-zapier';
import { InputError } from '../errors/input-error';
import { downloadLimited } from '../http';
import { TrustpilotClient } from '../trustpilot/client';
import { CacheUnavailableError } from './cache';
import { CSV_COLUMNS, decodeCsvBytes, parseInvitationCsv, toCsv, type CsvColumn, type CsvRow } from './csv';
import { invitationIdentity, resolveTarget, scheduleEmailInvitation, type Recipient } from './email-invitation';
import { parseEmailSettings, type EmailSettings } from './email-settings';
import { systemClock, type Clock } from './pacer';
import { invitationKey } from './replay-guard';
import { isInSample } from './sampling';
import { localeSchema, parseInvitationInput, parseOrThrow, preferredSendTime, tagsSchema } from './validation';

export const MAX_BATCH_ROWS = 1_000;
export const MAX_CSV_BYTES = 1_048_576;
const CSV_DOWNLOAD_TIMEOUT_MS = 8_000;
/** Trustpilot rejecting this many sends in a row, with none accepted, is about the settings, not the rows. */
const REJECTIONS_BEFORE_GIVING_UP = 3;
const MAX_ERRORS_LISTED = 20;

export type RowStatus = 'sent' | 'duplicate' | 'invalid' | 'not in sample' | 'not reached' | 'outcome unknown';
export type StopReason = '' | 'time limit' | 'rate limited' | 'monthly cap' | 'error';
export type BatchSource = 'line items' | 'csv text' | 'csv file';

export interface RowResult {
  row: number;
  status: RowStatus;
  reason: string;
  consumer_email: string;
  consumer_name: string;
  reference_number: string;
  /** The invitation's stable id (as "Send Review Invitation" outputs it); empty for invalid rows. */
  id: string;
  preferred_send_time: string | null;
}

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

export interface BatchDeps {
  clock?: Clock;
}

interface SourceRows {
  source: BatchSource;
  /** The input key the rows came from, for error messages. */
  field: string;
  rows: CsvRow[];
  ignoredColumns: string[];
}

interface PreparedRow {
  row: number;
  values: Partial<Record<CsvColumn, string>>;
  recipient?: Recipient;
  /** The row's own tags (without the shared ones), for the not-reached CSV. */
  ownTags?: string[];
  result?: RowResult;
}

const text = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(text).filter((v) => v !== '').join(',');
  return String(value).trim();
};

const isBlank = (value: unknown) => text(value) === '';

/** Zapier line items: an array of objects (or one object when a single item was mapped); all-blank items are ignored. */
function lineItemRows(raw: unknown): CsvRow[] {
  if (raw === undefined || raw === null || raw === '') return [];
  const items = Array.isArray(raw) ? raw : [raw];
  const rows: CsvRow[] = [];
  items.forEach((item) => {
    if (typeof item !== 'object' || item === null) {
      throw new InputError('invitations', 'invitations must be line items, each with consumer_email, consumer_name and reference_number.');
    }
    const record = item as Record<string, unknown>;
    if (CSV_COLUMNS.every((column) => isBlank(record[column]))) return;
    const values: Partial<Record<CsvColumn, string>> = {};
    for (const column of CSV_COLUMNS) if (!isBlank(record[column])) values[column] = text(record[column]);
    rows.push({ row: rows.length + 1, values });
  });
  return rows;
}

async function readRows(z: ZObject, inputData: Record<string, unknown>): Promise<SourceRows> {
  const items = lineItemRows(inputData.invitations);
  const csvText = text(inputData.csv_text);
  const csvFile = text(inputData.csv_file);
  const given = [items.length > 0, csvText !== '', csvFile !== ''].filter(Boolean).length;
  if (given === 0) {
    throw new InputError('invitations', 'invitations: add the invitations to send, as line items (Invitations), as CSV Text or as a CSV File.');
  }
  if (given > 1) {
    throw new InputError('invitations', 'invitations: give the invitations one way only: as line items (Invitations), as CSV Text or as a CSV File, and leave the others empty.');
  }
  if (items.length > 0) return { source: 'line items', field: 'invitations', rows: items, ignoredColumns: [] };
  if (csvText !== '') {
    const parsed = await parseInvitationCsv(String(inputData.csv_text), 'csv_text');
    return { source: 'csv text', field: 'csv_text', rows: parsed.rows, ignoredColumns: parsed.ignoredColumns };
  }
  if (!/^https?:\/\//i.test(csvFile)) {
    throw new InputError('csv_file', 'csv_file must be a file from an earlier step (or a link to one). To paste the rows themselves, use CSV Text.');
  }
  const download = await downloadLimited(z, { url: csvFile, maxBytes: MAX_CSV_BYTES, action: 'read the CSV file', timeoutMs: CSV_DOWNLOAD_TIMEOUT_MS });
  if (!download.ok) {
    throw new InputError(
      'csv_file',
      download.problem === 'too_large'
        ? `csv_file is larger than ${MAX_CSV_BYTES / 1_048_576} MB: split it into files of up to ${MAX_BATCH_ROWS} rows.`
        : `csv_file could not be downloaded (HTTP ${download.status}). Map the file from an earlier step, or check that its link is public.`,
    );
  }
  const parsed = await parseInvitationCsv(decodeCsvBytes(download.bytes), 'csv_file');
  return { source: 'csv file', field: 'csv_file', rows: parsed.rows, ignoredColumns: parsed.ignoredColumns };
}

const emptyResult = (row: PreparedRow, status: RowStatus, reason: string): RowResult => ({
  row: row.row,
  status,
  reason,
  consumer_email: row.recipient?.email ?? row.values.consumer_email ?? '',
  consumer_name: row.recipient?.name ?? row.values.consumer_name ?? '',
  reference_number: row.recipient?.referenceNumber ?? row.values.reference_number ?? '',
  id: '',
  preferred_send_time: null,
});

interface Shared {
  settings: EmailSettings;
  locale?: string;
  tags: string[];
  sendAt?: Date;
}

function parseShared(inputData: Record<string, unknown>, now: Date): Shared {
  const settings = parseEmailSettings(inputData);
  // Named apart from the line items' own `locale` and `tags`: keys must be unique within an action.
  const locale = parseOrThrow(localeSchema, inputData.default_locale, { '': 'default_locale' }) as string | undefined;
  const tags = (parseOrThrow(tagsSchema, inputData.shared_tags, { '': 'shared_tags' }) as string[] | undefined) ?? [];
  const delayDays = inputData.delay_days;
  const sendAt = inputData.send_at;
  const preferred = preferredSendTime({
    delayDays: isBlank(delayDays) ? undefined : (delayDays as number),
    sendAt: isBlank(sendAt) ? undefined : (sendAt as string),
    now,
  });
  return { settings, locale, tags, sendAt: preferred ? new Date(preferred) : undefined };
}

/** Validates one row with the same rules as "Send Review Invitation"; the shared tags and language apply to every row. */
function prepareRow(row: CsvRow, shared: Shared): PreparedRow {
  const prepared: PreparedRow = { row: row.row, values: row.values };
  if (row.problem) {
    prepared.result = emptyResult(prepared, 'invalid', `Row ${row.row} ${row.problem}.`);
    return prepared;
  }
  try {
    const input = parseInvitationInput({
      consumer_email: row.values.consumer_email,
      consumer_name: row.values.consumer_name,
      reference_number: row.values.reference_number,
      locale: row.values.locale,
      tags: row.values.tags,
      product_skus: row.values.product_skus,
    });
    const tags = [...new Set([...shared.tags, ...(input.tags ?? [])])];
    prepared.ownTags = input.tags ?? [];
    prepared.recipient = {
      email: input.consumer_email,
      name: input.consumer_name,
      referenceNumber: input.reference_number,
      locale: input.locale ?? shared.locale,
      tags: tags.length > 0 ? tags : undefined,
      productSkus: input.product_skus,
    };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    prepared.result = emptyResult(prepared, 'invalid', `Row ${row.row}: ${err.message}`);
  }
  return prepared;
}

/** How an error while sending one row affects the batch. */
type Verdict =
  | { kind: 'rethrow' }
  | { kind: 'row'; status: RowStatus; reason: string }
  | { kind: 'stop'; stop: StopReason; reason: string; rowStatus: 'not reached' | 'outcome unknown' };

const statusOf = (err: unknown): number | undefined => {
  try {
    const parsed = JSON.parse((err as Error)?.message ?? '') as { status?: unknown };
    return typeof parsed?.status === 'number' ? parsed.status : undefined;
  } catch {
    return undefined;
  }
};

const MONTHLY_CAP_HALT = /^Monthly cap of \d+ reached/;

function classify(err: unknown): Verdict {
  if (isZapierError(err, 'RefreshAuthError')) return { kind: 'rethrow' }; // Zapier renews the session and retries the step
  const code = errorCode(err) ?? '';
  const message = errorMessage(err);
  if (isZapierError(err, 'HaltedError')) {
    if (MONTHLY_CAP_HALT.test(message)) return { kind: 'stop', stop: 'monthly cap', reason: `Not sent: ${message}`, rowStatus: 'not reached' };
    // The replay guard found an earlier attempt whose outcome is unknown: never send it a second time.
    return { kind: 'row', status: 'duplicate', reason: message };
  }
  const status = statusOf(err);
  if (code.startsWith('trustpilot_') && (status === 400 || status === 409 || status === 422)) {
    return { kind: 'row', status: 'invalid', reason: message };
  }
  if (code === 'outcome_unknown') return { kind: 'stop', stop: 'error', reason: message, rowStatus: 'outcome unknown' };
  if (isZapierError(err, 'ThrottledError')) {
    return {
      kind: 'stop',
      stop: 'rate limited',
      reason: 'Not sent: your Trustpilot rate limit (833 calls per 5 minutes, shared by all your Zaps) is used up for now. Send the rows of Not Reached CSV again in a few minutes.',
      rowStatus: 'not reached',
    };
  }
  const why = err instanceof CacheUnavailableError ? err.message : message;
  return { kind: 'stop', stop: 'error', reason: `Not sent: the batch stopped after an error: ${why}`, rowStatus: 'not reached' };
}

const TIME_LIMIT_REASON =
  `Not sent: this step stops starting invitations after ${BATCH_SEND_CUTOFF_MS / 1000} seconds (Zapier stops a step at 30). ` +
  'Send the rows of Not Reached CSV in a follow-up step.';

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

function listErrors(results: RowResult[]): string {
  const listed = results.slice(0, MAX_ERRORS_LISTED).map((r) => r.reason);
  const more = results.length - listed.length;
  return [...listed, ...(more > 0 ? [`… and ${more} more invalid row${more === 1 ? '' : 's'}.`] : [])].join(' ');
}

export async function sendInvitationsBatch(z: ZObject, bundle: Bundle, deps: BatchDeps = {}): Promise<BatchOutput> {
  const clock = deps.clock ?? systemClock;
  const startedAt = clock.now();
  return forZapier(z, async () => {
    const inputData = (bundle.inputData ?? {}) as Record<string, unknown>;
    const now = new Date(startedAt);
    const shared = parseShared(inputData, now);
    const source = await readRows(z, inputData);
    if (source.rows.length === 0) {
      throw new InputError(source.field, `${source.field} has a header but no invitations: add one line per invitation.`);
    }
    if (source.rows.length > MAX_BATCH_ROWS) {
      throw new InputError(source.field, `${source.field} has ${source.rows.length} invitations; one step takes up to ${MAX_BATCH_ROWS}. Split them.`);
    }

    const rows = source.rows.map((row) => prepareRow(row, shared));
    const invalid = rows.filter((r) => r.result?.status === 'invalid').map((r) => r.result!);
    if (invalid.length === rows.length) {
      throw new InputError(
        source.field,
        `${source.field}: none of the ${rows.length} invitation${rows.length === 1 ? '' : 's'} can be sent, so nothing was sent. ${listErrors(invalid)}`,
      );
    }

    // Each call waits for its turn in the account's shared rate budget, but not past the time to stop starting
    // sends; then its timeout ends it before the step's hard stop.
    const client = TrustpilotClient.fromBundle(z, bundle, {
      clock,
      maxWaitMs: () => BATCH_SEND_CUTOFF_MS - (clock.now() - startedAt),
      timeoutMs: () => Math.max(2_000, Math.min(REQUEST_TIMEOUT_MS, BATCH_HARD_STOP_MS - (clock.now() - startedAt))),
    });
    const target = await resolveTarget(client, inputData.business_unit_id);

    // The same customer and reference twice in one batch is one invitation.
    const firstRowByKey = new Map<string, number>();
    for (const row of rows) {
      if (!row.recipient) continue;
      const key = invitationKey(invitationIdentity(target.businessUnitId, row.recipient));
      const first = firstRowByKey.get(key);
      if (first === undefined) firstRowByKey.set(key, row.row);
      else row.result = emptyResult(row, 'duplicate', `Same customer email and reference number as row ${first}: one invitation, handled there.`);
    }

    let stopped: { stop: StopReason; reason: string } | undefined;
    let sentThisRun = 0;
    let rejectionsInARow = 0;

    for (const row of rows) {
      const recipient = row.recipient;
      if (row.result || !recipient) continue;
      if (!isInSample(recipient.referenceNumber, shared.settings.sampleOneIn)) {
        row.result = emptyResult(row, 'not in sample', `Not in the neutral 1-in-${shared.settings.sampleOneIn} sample (decided by the reference number only).`);
        continue;
      }
      if (!stopped && clock.now() - startedAt >= BATCH_SEND_CUTOFF_MS) stopped = { stop: 'time limit', reason: TIME_LIMIT_REASON };
      if (stopped) {
        row.result = emptyResult(row, 'not reached', stopped.reason);
        continue;
      }
      try {
        const { outcome, output } = await scheduleEmailInvitation(z, client, {
          target,
          recipient,
          settings: shared.settings,
          sendAt: shared.sendAt,
          now,
        });
        const base = { ...emptyResult(row, 'sent', ''), id: output.id, preferred_send_time: output.preferred_send_time };
        if (outcome.status === 'sent') {
          sentThisRun++;
          rejectionsInARow = 0;
          row.result = base;
        } else if (outcome.status === 'duplicate') {
          const when = output.scheduled_at ? ` on ${output.scheduled_at}` : '';
          row.result = { ...base, status: 'duplicate', reason: `Already sent${when} (within the last 24 hours); not sent again.` };
        } else {
          row.result = { ...base, status: 'not in sample', reason: `Not in the neutral 1-in-${shared.settings.sampleOneIn} sample.` };
        }
      } catch (err) {
        const verdict = classify(err);
        if (verdict.kind === 'rethrow') throw err;
        if (verdict.kind === 'row') {
          row.result = emptyResult(row, verdict.status, verdict.status === 'invalid' ? `Row ${row.row}: ${verdict.reason}` : verdict.reason);
          if (verdict.status === 'invalid' && ++rejectionsInARow >= REJECTIONS_BEFORE_GIVING_UP && sentThisRun === 0) throw err;
          continue;
        }
        // Nothing sent by this run: fail (or let Zapier retry a 429) rather than report a batch that did nothing.
        if (sentThisRun === 0) throw err;
        row.result = emptyResult(row, verdict.rowStatus, verdict.reason);
        stopped = {
          stop: verdict.stop,
          reason:
            verdict.rowStatus === 'outcome unknown'
              ? `Not sent: the batch stopped because Trustpilot’s answer for row ${row.row} was lost (its outcome is unknown).`
              : verdict.reason,
        };
      }
    }

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
  });
}
