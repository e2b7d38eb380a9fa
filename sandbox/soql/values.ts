import { DAY_MS } from '../clock';
import { notInSandbox, SoqlError } from './errors';

/** Internal values: dates are 'YYYY-MM-DD', datetimes are epoch milliseconds. */
export type SValue = string | number | boolean | null;

/** What a literal in a WHERE clause stands for, once typed against its field. */
export type Operand =
  | { kind: 'null' }
  | { kind: 'value'; value: string | number | boolean }
  /** Date literals (TODAY, LAST_N_DAYS:n, …) are half-open ranges [start, end) in epoch ms. */
  | { kind: 'range'; start: number; end: number };

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };

/**
 * Decodes a quoted SOQL string literal. In LIKE patterns `\%` and `\_` stay escaped (returned as marked
 * characters) so that the pattern compiler can tell them from wildcards.
 */
const decode = (quoted: string, like: boolean): { char: string; literal: boolean }[] => {
  if (quoted.length < 2 || !quoted.startsWith("'") || !quoted.endsWith("'")) {
    throw new SoqlError('MALFORMED_QUERY', `unexpected token: ${quoted}`);
  }
  const body = quoted.slice(1, -1);
  const out: { char: string; literal: boolean }[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out.push({ char: c, literal: false });
      continue;
    }
    const next = body[++i];
    if (next !== undefined && next in SIMPLE_ESCAPES) out.push({ char: SIMPLE_ESCAPES[next]!, literal: true });
    else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      out.push({ char: String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16)), literal: true });
      i += 4;
    } else if (like && (next === '%' || next === '_')) out.push({ char: next, literal: true });
    else throw new SoqlError('MALFORMED_QUERY', `Invalid string literal '${body}'. Illegal character sequence '\\${next ?? ''}' in string literal.`);
  }
  return out;
};

export const unquote = (quoted: string): string => decode(quoted, false).map((c) => c.char).join('');

/** LIKE is case-insensitive and anchored; % is any run, _ is one character. */
export const likePattern = (quoted: string): RegExp => {
  const source = decode(quoted, true)
    .map(({ char, literal }) =>
      !literal && char === '%' ? '.*' : !literal && char === '_' ? '.' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`, 'is');
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/;

export const parseDate = (text: string): number => {
  const m = DATE.exec(text);
  const ms = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new SoqlError('MALFORMED_QUERY', `line 1:0 no viable alternative at character '${text}'`);
  }
  return ms;
};

export const parseDateTime = (text: string): number => {
  const m = DATETIME.exec(text);
  const zone = m?.[4] === 'Z' ? 'Z' : m?.[4]?.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const ms = m ? Date.parse(`${m[1]}T${m[2]}${m[3] ?? ''}${zone}`) : NaN;
  if (Number.isNaN(ms)) throw new SoqlError('MALFORMED_QUERY', `line 1:0 no viable alternative at character '${text}'`);
  return ms;
};

/** Salesforce's JSON datetime form: 2026-11-20T09:15:00.000+0000. */
export const formatDateTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

export const formatDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

// Date literals are evaluated in UTC: the sandbox's org and user both use GMT.
const startOfDay = (ms: number) => ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
const addMonths = (ms: number, n: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1);
};
const startOfMonth = (ms: number) => addMonths(ms, 0);
const startOfYear = (ms: number) => Date.UTC(new Date(ms).getUTCFullYear(), 0, 1);
const addYears = (ms: number, n: number) => Date.UTC(new Date(ms).getUTCFullYear() + n, 0, 1);
/** Weeks start on Sunday, as in the en_US locale. */
const startOfWeek = (ms: number) => startOfDay(ms) - new Date(ms).getUTCDay() * DAY_MS;

type Unit = { start: (now: number) => number; add: (start: number, n: number) => number };
const UNITS: Record<'DAY' | 'WEEK' | 'MONTH' | 'YEAR', Unit> = {
  DAY: { start: startOfDay, add: (s, n) => s + n * DAY_MS },
  WEEK: { start: startOfWeek, add: (s, n) => s + n * 7 * DAY_MS },
  MONTH: { start: startOfMonth, add: addMonths },
  YEAR: { start: startOfYear, add: addYears },
};

const span = (unit: Unit, now: number, from: number, to: number) => {
  const current = unit.start(now);
  return { start: unit.add(current, from), end: unit.add(current, to) };
};

const FIXED: Record<string, [keyof typeof UNITS, number, number]> = {
  TODAY: ['DAY', 0, 1],
  YESTERDAY: ['DAY', -1, 0],
  TOMORROW: ['DAY', 1, 2],
  LAST_90_DAYS: ['DAY', -90, 1],
  NEXT_90_DAYS: ['DAY', 1, 91],
  THIS_WEEK: ['WEEK', 0, 1],
  LAST_WEEK: ['WEEK', -1, 0],
  NEXT_WEEK: ['WEEK', 1, 2],
  THIS_MONTH: ['MONTH', 0, 1],
  LAST_MONTH: ['MONTH', -1, 0],
  NEXT_MONTH: ['MONTH', 1, 2],
  THIS_YEAR: ['YEAR', 0, 1],
  LAST_YEAR: ['YEAR', -1, 0],
  NEXT_YEAR: ['YEAR', 1, 2],
};

/** The range a date literal covers, following the SOQL reference (LAST_N_DAYS includes today; NEXT_N_DAYS starts tomorrow). */
export const dateLiteralRange = (literal: string, now: number): { start: number; end: number } => {
  const fixed = FIXED[literal.toUpperCase()];
  if (fixed) return span(UNITS[fixed[0]], now, fixed[1], fixed[2]);
  const m =
    /^(LAST|NEXT)_N_(DAYS|WEEKS|MONTHS|YEARS):(\d+)$/i.exec(literal) ?? /^(N)_(DAYS|WEEKS|MONTHS|YEARS)_AGO:(\d+)$/i.exec(literal);
  if (!m) throw notInSandbox(`The date literal ${literal}`);
  const unitName = m[2]!.toUpperCase().replace(/S$/, '') as keyof typeof UNITS;
  const n = Number(m[3]);
  const kind = m[1]!.toUpperCase();
  const unit = UNITS[unitName];
  if (kind === 'LAST') return unitName === 'DAY' ? span(unit, now, -n, 1) : span(unit, now, -n, 0);
  if (kind === 'NEXT') return span(unit, now, 1, n + 1);
  return span(unit, now, -n, -n + 1);
};
