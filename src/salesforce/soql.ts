/**
 * SOQL composition: the only place a query string is assembled.
 *
 * Every value that enters a query goes through here. Literals are escaped (backslash first, then the
 * quote: jsforce's own builder escapes only quotes, so a trailing `\` would break out of the literal,
 * docs/upstream-facts.md, "Salesforce: queries"), field and object names are checked against the API-name rules because they cannot
 * be quoted, and ids are checked against the 15/18-character rule. Anything else throws before a call
 * is made. The builder is deliberately small (no library: cold start) and only knows the SOQL this
 * app needs: fields, child subqueries, semi-joins, AND/OR, ORDER BY and LIMIT.
 */

export class SoqlError extends Error {
  override name = 'SoqlError';
}

// ---------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------

/** Salesforce limits child-to-parent paths to 5 levels (`Account.Owner.Manager.Name` is 4). */
export const MAX_PATH_SEGMENTS = 5;

/**
 * One API name: starts with a letter; letters, digits and underscores; no trailing or tripled
 * underscore. That admits `StageName`, `Region__c`, `Owner__r`, namespaced `tp__Rating__c`.
 */
const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

export const isApiName = (name: string): boolean => API_NAME.test(name) && !name.endsWith('_') && !name.includes('___');

/** A field, or a dotted child-to-parent path such as `Account.Industry` or `Owner__r.Region__c`. */
export const isFieldPath = (path: string): boolean => {
  const segments = path.split('.');
  return segments.length <= MAX_PATH_SEGMENTS && segments.every(isApiName);
};

const assertName = (name: string, what: string): string => {
  if (!isApiName(name)) throw new SoqlError(`${what} "${name}" is not a Salesforce API name`);
  return name;
};

const assertPath = (path: string): string => {
  if (!isFieldPath(path)) throw new SoqlError(`"${path}" is not a Salesforce field API name`);
  return path;
};

// ---------------------------------------------------------------------------------------------------
// Literals
// ---------------------------------------------------------------------------------------------------

/**
 * The body of a quoted SOQL string literal. Backslash first, or the backslashes added for the other
 * characters would be doubled again. SOQL's escapes: \n \r \t \b \f \" \' \\ (docs/upstream-facts.md, "Salesforce: queries"); a double
 * quote needs none inside single quotes.
 */
export const escapeSoqlString = (value: string): string =>
  value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\u0008/g, '\\b')
    .replace(/\f/g, '\\f');

export const quote = (value: string): string => `'${escapeSoqlString(value)}'`;

/** A LIKE pattern body: the string escapes plus `%` and `_`, which are wildcards only in LIKE. */
export const escapeLikePattern = (value: string): string => escapeSoqlString(value).replace(/%/g, '\\%').replace(/_/g, '\\_');

/** SOQL dateTime literal, unquoted, UTC, seconds precision: `2026-11-01T09:30:00Z`. */
export const dateTimeLiteral = (date: Date): string => {
  if (Number.isNaN(date.getTime())) throw new SoqlError('invalid date');
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
};

export interface DateTimeValue {
  readonly kind: 'dateTime';
  readonly date: Date;
}

/** A LIKE pattern whose wildcards the caller places: `like('%', reviewMarker, '%')`. */
export interface LikeValue {
  readonly kind: 'like';
  readonly pattern: string;
}

export type Literal = string | number | boolean | null | DateTimeValue | LikeValue;

export const dateTime = (date: Date): DateTimeValue => ({ kind: 'dateTime', date });

/** `contains('x')` → `'%x%'`, with any `%`/`_` in the text escaped. */
export const contains = (text: string): LikeValue => ({ kind: 'like', pattern: `%${escapeLikePattern(text)}%` });

const literal = (value: Literal): string => {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new SoqlError('numbers in SOQL must be finite');
    return String(value);
  }
  if (value.kind === 'dateTime') return dateTimeLiteral(value.date);
  return `'${value.pattern}'`;
};

// ---------------------------------------------------------------------------------------------------
// Ids
// ---------------------------------------------------------------------------------------------------

const ID_SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 3-character case-safe suffix of a 15-character id: one character per 5, a bit per upper-case letter. */
const idSuffix = (id15: string): string => {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += ID_SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
};

/** 15 alphanumerics, or 18 whose last three are the checksum of the first fifteen's letter case. */
export const isSalesforceId = (id: string): boolean => {
  if (!/^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/.test(id)) return false;
  return id.length === 15 || idSuffix(id.slice(0, 15)) === id.slice(15).toUpperCase();
};

/** The 18-character form of a valid id (what the API returns), so ids compare reliably. */
export const toId18 = (id: string): string => {
  if (!isSalesforceId(id)) throw new SoqlError(`"${id}" is not a Salesforce id`);
  return id.length === 18 ? id.slice(0, 15) + id.slice(15).toUpperCase() : id + idSuffix(id);
};

// ---------------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------------

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE';

export type Condition =
  | { readonly field: string; readonly op: ComparisonOperator; readonly value: Literal }
  /** A semi-join: `field IN (SELECT … )`. The subquery must select one id or reference field. */
  | { readonly field: string; readonly op: 'IN'; readonly subquery: SelectQuery }
  /** `field IN ('a', 'b')`: a list of literals (ids here), at least one. */
  | { readonly field: string; readonly op: 'IN'; readonly values: readonly string[] }
  | { readonly any: readonly Condition[] }
  | { readonly all: readonly Condition[] };

export interface OrderBy {
  readonly field: string;
  readonly direction?: 'ASC' | 'DESC';
  readonly nulls?: 'FIRST' | 'LAST';
}

export interface SelectQuery {
  /** Field paths, and child-relationship subqueries (their `from` is the relationship name). */
  readonly select: ReadonlyArray<string | SelectQuery>;
  readonly from: string;
  /** Joined with AND. */
  readonly where?: readonly Condition[];
  readonly orderBy?: readonly OrderBy[];
  readonly limit?: number;
}

export const where = {
  eq: (field: string, value: Literal): Condition => ({ field, op: '=', value }),
  gte: (field: string, value: Literal): Condition => ({ field, op: '>=', value }),
  like: (field: string, value: LikeValue): Condition => ({ field, op: 'LIKE', value }),
  in: (field: string, subquery: SelectQuery): Condition => ({ field, op: 'IN', subquery }),
  inList: (field: string, values: readonly string[]): Condition => ({ field, op: 'IN', values }),
  ne: (field: string, value: Literal): Condition => ({ field, op: '!=', value }),
  any: (...conditions: Condition[]): Condition => ({ any: conditions }),
  all: (...conditions: Condition[]): Condition => ({ all: conditions }),
};

const compileCondition = (c: Condition, nested: boolean): string => {
  if ('any' in c || 'all' in c) {
    const parts = 'any' in c ? c.any : c.all;
    if (parts.length === 0) throw new SoqlError('empty condition group');
    const joined = parts.map((p) => compileCondition(p, true)).join('any' in c ? ' OR ' : ' AND ');
    return parts.length > 1 && nested ? `(${joined})` : joined;
  }
  const field = assertPath(c.field);
  if (c.op === 'IN' && 'values' in c) {
    if (c.values.length === 0) throw new SoqlError('IN needs at least one value');
    return `${field} IN (${c.values.map((v) => quote(v)).join(', ')})`;
  }
  if (c.op === 'IN') return `${field} IN (${compileSoql(c.subquery)})`;
  if (c.op === 'LIKE' && (c.value === null || typeof c.value !== 'object' || c.value.kind !== 'like')) {
    throw new SoqlError('LIKE takes a pattern built with contains()');
  }
  return `${field} ${c.op} ${literal(c.value)}`;
};

/** Compiles a query to one line of SOQL. Selected fields are de-duplicated (SOQL refuses duplicates). */
export const compileSoql = (q: SelectQuery): string => {
  const seen = new Set<string>();
  const fields: string[] = [];
  for (const item of q.select) {
    if (typeof item === 'string') {
      const key = assertPath(item).toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      fields.push(item);
    } else {
      fields.push(`(${compileSoql(item)})`);
    }
  }
  if (fields.length === 0) throw new SoqlError('a query must select at least one field');

  let soql = `SELECT ${fields.join(', ')} FROM ${assertName(q.from, 'Object')}`;
  if (q.where && q.where.length > 0) soql += ` WHERE ${q.where.map((c) => compileCondition(c, q.where!.length > 1)).join(' AND ')}`;
  if (q.orderBy && q.orderBy.length > 0) {
    soql += ` ORDER BY ${q.orderBy
      .map((o) => [assertPath(o.field), o.direction, o.nulls && `NULLS ${o.nulls}`].filter(Boolean).join(' '))
      .join(', ')}`;
  }
  if (q.limit !== undefined) {
    if (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > 50_000) throw new SoqlError('LIMIT must be an integer from 1 to 50,000');
    soql += ` LIMIT ${q.limit}`;
  }
  return soql;
};
