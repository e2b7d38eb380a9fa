/**
 * The rows of a batch: read from line items, CSV text or a CSV file (downloaded with a size limit),
 * then each validated with the same rules as "Send Review Invitation".
 */
import type { ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { InputError } from '../../errors/input-error';
import { inputError, optionalText, URL_MAX } from '../../inputs/readers';
import { downloadLimited } from '../../http';
import { assertPublicUrl } from '../../util/public-url';
import { CSV_COLUMNS, decodeCsvBytes, parseInvitationCsv, type CsvColumn, type CsvRow } from './csv';
import { invitationIdentity, type Recipient } from '../email-invitation';
import { parseEmailSettings, type EmailSettings } from '../email-settings';
import { invitationKey } from '../policy/replay-guard';
import { delayDaysSchema, localeSchema, parseInvitationInput, parseOrThrow, preferredSendTime, sendAtSchema, tagsSchema } from '../validation';

export const MAX_BATCH_ROWS = 1_000;
export const MAX_CSV_BYTES = 1_048_576;
const CSV_DOWNLOAD_TIMEOUT_MS = 8_000;

export type RowStatus = 'sent' | 'duplicate' | 'invalid' | 'not in sample' | 'not reached' | 'outcome unknown';
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

export interface SourceRows {
  source: BatchSource;
  /** The label of the field the rows came from, for error messages. */
  field: string;
  rows: CsvRow[];
  ignoredColumns: string[];
}

export interface PreparedRow {
  row: number;
  values: Partial<Record<CsvColumn, string>>;
  recipient?: Recipient;
  /** The row's own tags (without the shared ones), for the not-reached CSV. */
  ownTags?: string[];
  result?: RowResult;
}

/** The labels of the three ways to give rows, as the Zap editor shows them. */
const LINE_ITEMS = 'Invitations (Line Items)';
const CSV_TEXT = 'CSV Text';
const CSV_FILE = 'CSV File';

const text = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(text).filter((v) => v !== '').join(',');
  if (typeof value === 'object') throw inputError(LINE_ITEMS, 'a line item holds a group of fields where one value is expected: map a single value into each column');
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
      throw inputError(LINE_ITEMS, 'must be line items, each with consumer_email, consumer_name and reference_number');
    }
    const record = item as Record<string, unknown>;
    if (CSV_COLUMNS.every((column) => isBlank(record[column]))) return;
    const values: Partial<Record<CsvColumn, string>> = {};
    for (const column of CSV_COLUMNS) if (!isBlank(record[column])) values[column] = text(record[column]);
    rows.push({ row: rows.length + 1, values });
  });
  return rows;
}

export async function readRows(z: ZObject, inputData: Record<string, unknown>): Promise<SourceRows> {
  const items = lineItemRows(inputData.invitations);
  // Tabs and line breaks belong in CSV; other control characters (NUL …) do not.
  const csvText = optionalText(inputData.csv_text, CSV_TEXT, { max: MAX_CSV_BYTES, multiline: true }) ?? '';
  const csvFile = optionalText(inputData.csv_file, CSV_FILE, { max: URL_MAX }) ?? '';
  const given = [items.length > 0, csvText !== '', csvFile !== ''].filter(Boolean).length;
  if (given === 0) {
    throw inputError(LINE_ITEMS, 'add the invitations to send, as line items, as CSV Text or as a CSV File');
  }
  if (given > 1) {
    throw inputError(LINE_ITEMS, 'give the invitations one way only: as line items, as CSV Text or as a CSV File, and leave the others empty');
  }
  if (items.length > 0) return { source: 'line items', field: LINE_ITEMS, rows: items, ignoredColumns: [] };
  if (csvText !== '') {
    const parsed = await parseInvitationCsv(String(inputData.csv_text), CSV_TEXT);
    return { source: 'csv text', field: CSV_TEXT, rows: parsed.rows, ignoredColumns: parsed.ignoredColumns };
  }
  if (!/^https?:\/\//i.test(csvFile)) {
    throw inputError(CSV_FILE, 'must be a file from an earlier step (or a link to one). To paste the rows themselves, use CSV Text');
  }
  // Only public hosts, checked (host name resolved) before any request and again on every redirect.
  const checkUrl = (url: string) => assertPublicUrl(url, (problem) => inputError(CSV_FILE, problem));
  const download = await downloadLimited(z, { url: csvFile, maxBytes: MAX_CSV_BYTES, action: 'read the CSV file', timeoutMs: CSV_DOWNLOAD_TIMEOUT_MS, checkUrl });
  if (!download.ok) {
    throw new InputError(
      CSV_FILE,
      download.problem === 'too_large'
        ? `${CSV_FILE}: is larger than ${MAX_CSV_BYTES / 1_048_576} MB: split it into files of up to ${MAX_BATCH_ROWS} rows.`
        : `${CSV_FILE}: could not be downloaded (HTTP ${download.status}). Map the file from an earlier step, or check that its link is public.`,
    );
  }
  const parsed = await parseInvitationCsv(decodeCsvBytes(download.bytes), CSV_FILE);
  return { source: 'csv file', field: CSV_FILE, rows: parsed.rows, ignoredColumns: parsed.ignoredColumns };
}

export const emptyResult = (row: PreparedRow, status: RowStatus, reason: string): RowResult => ({
  row: row.row,
  status,
  reason,
  consumer_email: row.recipient?.email ?? row.values.consumer_email ?? '',
  consumer_name: row.recipient?.name ?? row.values.consumer_name ?? '',
  reference_number: row.recipient?.referenceNumber ?? row.values.reference_number ?? '',
  id: '',
  preferred_send_time: null,
});

export interface Shared {
  settings: EmailSettings;
  locale?: string;
  tags: string[];
  sendAt?: Date;
}

/** The step's own timing fields, read like those of "Send Review Invitation". */
const timingSchema = zod.object({ delay_days: delayDaysSchema, send_at: sendAtSchema });

export function parseShared(inputData: Record<string, unknown>, now: Date): Shared {
  const settings = parseEmailSettings(inputData);
  // Named apart from the line items' own `locale` and `tags`: keys must be unique within an action.
  const locale = parseOrThrow(localeSchema, inputData.default_locale, { '': 'Default Language' }) as string | undefined;
  const tags = (parseOrThrow(tagsSchema, inputData.shared_tags, { '': 'Tags for Every Row' }) as string[] | undefined) ?? [];
  const timing = parseOrThrow(timingSchema, inputData);
  const preferred = preferredSendTime({ delayDays: timing.delay_days, sendAt: timing.send_at, now });
  return { settings, locale, tags, sendAt: preferred ? new Date(preferred) : undefined };
}

/** Validates one row with the same rules as "Send Review Invitation"; the shared tags and language apply to every row. */
export function prepareRow(row: CsvRow, shared: Shared): PreparedRow {
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

/** The same customer and reference twice in one batch is one invitation. */
export function markRepeatedRows(rows: PreparedRow[], businessUnitId: string): void {
  const firstRowByKey = new Map<string, number>();
  for (const row of rows) {
    if (!row.recipient) continue;
    const key = invitationKey(invitationIdentity(businessUnitId, row.recipient));
    const first = firstRowByKey.get(key);
    if (first === undefined) firstRowByKey.set(key, row.row);
    else row.result = emptyResult(row, 'duplicate', `Same customer email and reference number as row ${first}: one invitation, handled there.`);
  }
}
