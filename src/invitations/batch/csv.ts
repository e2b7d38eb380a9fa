/**
 * Invitations as CSV: reading what users export from Excel, Google Sheets or a CRM, and writing the rows a
 * follow-up step should send. csv-parse loads only when a CSV is actually read.
 */
import { InputError } from '../../errors/input-error';

export const CSV_COLUMNS = ['consumer_email', 'consumer_name', 'reference_number', 'product_skus', 'tags', 'locale'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: CsvColumn[] = ['consumer_email', 'consumer_name', 'reference_number'];

/** Header spellings we accept, compared lowercase without spaces, dashes or underscores. */
const HEADER_ALIASES: Record<string, CsvColumn> = {
  consumeremail: 'consumer_email',
  customeremail: 'consumer_email',
  recipientemail: 'consumer_email',
  email: 'consumer_email',
  emailaddress: 'consumer_email',
  consumername: 'consumer_name',
  customername: 'consumer_name',
  recipientname: 'consumer_name',
  name: 'consumer_name',
  referencenumber: 'reference_number',
  reference: 'reference_number',
  referenceid: 'reference_number',
  productskus: 'product_skus',
  productsku: 'product_skus',
  skus: 'product_skus',
  sku: 'product_skus',
  tags: 'tags',
  tag: 'tags',
  locale: 'locale',
  language: 'locale',
};

export interface CsvRow {
  /** 1 = the first row after the header; empty lines are not counted. */
  row: number;
  values: Partial<Record<CsvColumn, string>>;
  /** Set when the row cannot be read as an invitation at all (e.g. more values than columns). */
  problem?: string;
}

export interface ParsedCsv {
  rows: CsvRow[];
  delimiter: string;
  /** Header cells we do not use, so the output can say they were ignored. */
  ignoredColumns: string[];
}

const CANDIDATE_DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter of the header line: the candidate that occurs most often outside quotes. European Excel
 * writes `;`, most other tools `,`; tabs come from "Text (tab-delimited)" exports.
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(CANDIDATE_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text.replace(/^\uFEFF/, '')) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ',';
  for (const d of CANDIDATE_DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * Text from a downloaded file: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode text"),
 * and, when the bytes are not valid UTF-8, Windows-1252 (what Excel writes for "CSV" on Windows).
 */
export function decodeCsvBytes(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('windows-1252').decode(bytes);
    } catch {
      return bytes.toString('latin1');
    }
  }
}

const normaliseHeader = (cell: string) => cell.toLowerCase().replace(/[\s_\-.]+/g, '');

/** Reads invitation rows; `field` is the Zapier input the text came from, for error messages. */
export async function parseInvitationCsv(text: string, field: string): Promise<ParsedCsv> {
  const { parse } = await import('csv-parse/sync');
  const source = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(source);
  let records: string[][];
  try {
    records = parse(source, {
      delimiter,
      bom: true,
      trim: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as string[][];
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new InputError(field, `${field}: could not be read as CSV (${reason}). Check that every opening quote has a closing quote.`);
  }
  const [header, ...data] = records;
  if (!header) throw new InputError(field, `${field}: is empty: it needs a header line (consumer_email, consumer_name, reference_number, …) and one line per invitation.`);

  const columnAt = new Map<number, CsvColumn>();
  const ignoredColumns: string[] = [];
  header.forEach((cell, index) => {
    const column = HEADER_ALIASES[normaliseHeader(cell)];
    if (!column) {
      if (cell !== '') ignoredColumns.push(cell);
      return;
    }
    if ([...columnAt.values()].includes(column)) {
      throw new InputError(field, `${field}: has two columns for ${column} ("${cell}" and another). Keep one of them.`);
    }
    columnAt.set(index, column);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => ![...columnAt.values()].includes(c));
  if (missing.length > 0) {
    const found = header.filter((c) => c !== '').map((c) => `"${c}"`).join(', ') || 'none';
    throw new InputError(
      field,
      `${field}: is missing the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (columns found: ${found}). ` +
        `The first line must name the columns: consumer_email, consumer_name, reference_number, and optionally product_skus, tags, locale.`,
    );
  }

  const rows = data.map((cells, index): CsvRow => {
    const values: Partial<Record<CsvColumn, string>> = {};
    for (const [at, column] of columnAt) {
      const cell = cells[at] === undefined ? undefined : readCsvCell(cells[at]!);
      if (cell !== undefined && cell !== '') values[column] = cell;
    }
    const extra = cells.slice(header.length).filter((c) => c !== '');
    const problem =
      extra.length > 0
        ? `has ${cells.length} values but the header has ${header.length} columns: put a value that contains "${delimiter}" in double quotes`
        : undefined;
    return { row: index + 1, values, ...(problem ? { problem } : {}) };
  });
  return { rows, delimiter, ignoredColumns };
}

const needsQuotes = (cell: string, delimiter: string) =>
  cell.includes(delimiter) || cell.includes('"') || cell.includes('\n') || cell.includes('\r') || cell !== cell.trim();

/**
 * A cell a spreadsheet would run as a formula (`=cmd|…`, `+SUM(…)`, `-1+1`, `@SUM(…)`, or one starting with a
 * tab or carriage return) gets a leading `'`, so Excel, Sheets and LibreOffice show it as text
 * (https://owasp.org/www-community/attacks/CSV_Injection). `readCsvCell` takes it off again when the CSV
 * comes back, so Not Reached CSV round-trips.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export const neutraliseFormula = (cell: string): string => (FORMULA_START.test(cell) ? `'${cell}` : cell);
export const readCsvCell = (cell: string): string => (cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell);

/** RFC 4180 CSV with `\n` line ends, quoting only the cells that need it; formula cells neutralised. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[], delimiter = ','): string {
  const line = (cells: readonly string[]) =>
    cells
      .map(neutraliseFormula)
      .map((cell) => (needsQuotes(cell, delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell))
      .join(delimiter);
  return [line(header), ...rows.map(line)].join('\n');
}
