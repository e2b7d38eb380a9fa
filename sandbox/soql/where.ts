import type { ConditionWithValueQuery, LiteralType, Query, WhereClause } from '@jetstreamapp/soql-parser-js';
import { toId18 } from '../ids';
import type { SalesforceStore, SRecord } from '../salesforce/store';
import { notInSandbox, SoqlError } from './errors';
import { readPath, resolvePath, type FieldPath } from './paths';
import type { FieldType, SObjectSchema } from './schema';
import { dateLiteralRange, likePattern, parseDate, parseDateTime, unquote, type Operand, type SValue } from './values';

export type Predicate = (record: SRecord) => boolean;

export interface Scope {
  soql: string;
  object: SObjectSchema;
  alias?: string;
  store: SalesforceStore;
  now: number;
  /** Compiles `field IN (SELECT …)`'s inner query; the returned function runs it (once) and gives its ids. */
  semiJoin(inner: Query, outerField: FieldPath): () => ReadonlySet<string>;
}

// The parser hands WHERE over as a right-leaning chain with parenthesis counts on the conditions;
// the evaluator re-reads it as tokens so that parentheses and NOT bind as written.
type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | ConditionWithValueQuery;

const isCondition = (x: object): x is ConditionWithValueQuery => 'field' in x || 'fn' in x;

const tokenize = (where: WhereClause | undefined, out: Token[] = []): Token[] => {
  if (!where) return out;
  const left = where.left as ConditionWithValueQuery | { openParen?: number } | null;
  if (left) {
    const open = 'openParen' in left ? (left.openParen ?? 0) : 0;
    for (let i = 0; i < open; i++) out.push('(');
    if (isCondition(left)) {
      out.push(left);
      const close = 'closeParen' in left ? (left.closeParen ?? 0) : 0;
      for (let i = 0; i < close; i++) out.push(')');
    }
  }
  if ('operator' in where && where.operator) out.push(where.operator);
  if ('right' in where) tokenize(where.right, out);
  return out;
};

/** Recursive descent over the tokens. SOQL has no AND/OR precedence: mixing them without parentheses is an error. */
class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly compile: (c: ConditionWithValueQuery) => Predicate,
  ) {}

  parse(): Predicate {
    const p = this.expression();
    if (this.i < this.tokens.length) throw this.unexpected();
    return p;
  }

  private unexpected(): SoqlError {
    const t = this.tokens[this.i];
    return new SoqlError('MALFORMED_QUERY', `unexpected token: '${typeof t === 'string' ? t : t ? 'condition' : '<EOF>'}'`);
  }

  private expression(): Predicate {
    const terms = [this.unary()];
    let joiner: 'AND' | 'OR' | undefined;
    for (let t = this.tokens[this.i]; t === 'AND' || t === 'OR'; t = this.tokens[this.i]) {
      if (joiner && t !== joiner) throw this.unexpected();
      joiner = t;
      this.i++;
      terms.push(this.unary());
    }
    if (terms.length === 1) return terms[0]!;
    return joiner === 'AND' ? (r) => terms.every((p) => p(r)) : (r) => terms.some((p) => p(r));
  }

  private unary(): Predicate {
    const t = this.tokens[this.i++];
    if (t === 'NOT') {
      const inner = this.unary();
      return (r) => !inner(r);
    }
    if (t === '(') {
      const inner = this.expression();
      if (this.tokens[this.i++] !== ')') throw this.unexpected();
      return inner;
    }
    if (t === undefined || typeof t === 'string') {
      this.i--;
      throw this.unexpected();
    }
    return this.compile(t);
  }
}

export const compileWhere = (where: WhereClause | undefined, scope: Scope): Predicate | undefined => {
  if (!where) return undefined;
  return new Parser(tokenize(where), (c) => compileCondition(c, scope)).parse();
};

type Category = 'string' | 'id' | 'boolean' | 'number' | 'date' | 'datetime';
const CATEGORY: Record<FieldType, Category | 'unfilterable'> = {
  id: 'id',
  reference: 'id',
  string: 'string',
  email: 'string',
  phone: 'string',
  url: 'string',
  picklist: 'string',
  // CaseHistory/OrderHistory OldValue and NewValue: "Nillable, Sort", never Filter (object reference).
  anyType: 'unfilterable',
  textarea: 'unfilterable',
  boolean: 'boolean',
  int: 'number',
  double: 'number',
  currency: 'number',
  percent: 'number',
  date: 'date',
  datetime: 'datetime',
};
const TYPE_WORD: Record<Category, string> = {
  string: 'string',
  id: 'id',
  boolean: 'boolean',
  number: 'double',
  date: 'date',
  datetime: 'dateTime',
};

/** Record values brought to a comparable form: strings compare case-insensitively, dates as epoch ms. */
const comparable = (category: Category, v: SValue): string | number | boolean | null => {
  if (v === null) return null;
  if (category === 'string') return String(v).toLowerCase();
  if (category === 'date') return parseDate(String(v));
  return v;
};

const operandFor = (category: Category, field: string, raw: string, type: LiteralType | undefined, now: number): Operand => {
  if (type === 'NULL') return { kind: 'null' };
  const wrongType = () =>
    new SoqlError(
      'INVALID_FIELD',
      `value of filter criterion for field '${field}' must be of type ${TYPE_WORD[category]} and should ${
        category === 'string' || category === 'id' ? '' : 'not '
      }be enclosed in quotes`,
    );
  switch (category) {
    case 'string':
      if (type !== 'STRING') throw wrongType();
      return { kind: 'value', value: unquote(raw).toLowerCase() };
    case 'id': {
      if (type !== 'STRING') throw wrongType();
      const text = unquote(raw);
      const id = toId18(text);
      if (!id) throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${text}`);
      return { kind: 'value', value: id };
    }
    case 'boolean':
      if (type !== 'BOOLEAN') throw wrongType();
      return { kind: 'value', value: raw.toUpperCase() === 'TRUE' };
    case 'number':
      if (type !== 'INTEGER' && type !== 'DECIMAL') throw wrongType();
      return { kind: 'value', value: Number(raw) };
    case 'date':
    case 'datetime':
      if (type === 'DATE_LITERAL' || type === 'DATE_N_LITERAL') return { kind: 'range', ...dateLiteralRange(raw, now) };
      if (category === 'date' && type === 'DATE') return { kind: 'value', value: parseDate(raw) };
      if (category === 'datetime' && type === 'DATETIME') return { kind: 'value', value: parseDateTime(raw) };
      throw wrongType();
  }
};

const compare = (v: string | number | boolean | null, op: string, operand: Operand): boolean => {
  if (operand.kind === 'null') return op === '=' ? v === null : op === '!=' ? v !== null : false;
  if (v === null) return op === '!=';
  if (operand.kind === 'range') {
    const n = v as number;
    switch (op) {
      case '=': return n >= operand.start && n < operand.end;
      case '!=': return n < operand.start || n >= operand.end;
      case '<': return n < operand.start;
      case '<=': return n < operand.end;
      case '>': return n >= operand.end;
      case '>=': return n >= operand.start;
    }
    return false;
  }
  const w = operand.value;
  switch (op) {
    case '=': return v === w;
    case '!=': return v !== w;
    case '<': return v < w;
    case '<=': return v <= w;
    case '>': return v > w;
    case '>=': return v >= w;
  }
  return false;
};

const compileCondition = (c: ConditionWithValueQuery, scope: Scope): Predicate => {
  if (!('field' in c)) throw notInSandbox('A function in WHERE');
  const path = resolvePath(scope.object, c.field, scope.soql, scope.alias, scope.store);
  const field = path.field;
  const category = CATEGORY[field.type];
  if (category === 'unfilterable') {
    throw new SoqlError('INVALID_FIELD', `field '${field.name}' can not be filtered in a query call`);
  }
  const read = (r: SRecord) => comparable(category, readPath(scope.store, r, path));
  const op = c.operator;

  if ('valueQuery' in c && c.valueQuery) {
    if (op !== 'IN' && op !== 'NOT IN') throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${op}'`);
    if (category !== 'id') throw new SoqlError('INVALID_FIELD', `Invalid semi join: field '${field.name}' must be an id or reference`);
    const ids = scope.semiJoin(c.valueQuery, path);
    return op === 'IN' ? (r) => ids().has(read(r) as string) : (r) => !ids().has(read(r) as string);
  }

  if (op === 'INCLUDES' || op === 'EXCLUDES') {
    throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', 'includes or excludes operator only valid on multipicklist field');
  }
  const v = 'value' in c ? c.value : undefined;
  const literalType = 'literalType' in c ? c.literalType : undefined;
  const typeAt = (i: number) => (Array.isArray(literalType) ? literalType[i] : literalType) as LiteralType | undefined;

  if (op === 'IN' || op === 'NOT IN') {
    const values = (Array.isArray(v) ? v : [v ?? '']).map((raw, i) => operandFor(category, field.name, raw, typeAt(i), scope.now));
    const hit = (r: SRecord) => {
      const value = read(r);
      return values.some((operand) => compare(value, '=', operand));
    };
    return op === 'IN' ? hit : (r) => !hit(r);
  }
  if (Array.isArray(v) || v === undefined) throw new SoqlError('MALFORMED_QUERY', `unexpected token: '('`);

  if (op === 'LIKE') {
    if (category !== 'string') {
      throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `invalid operator on ${TYPE_WORD[category]} field: LIKE`);
    }
    if (typeAt(0) !== 'STRING') throw new SoqlError('INVALID_FIELD', `value of filter criterion for field '${field.name}' must be of type string and should be enclosed in quotes`);
    const pattern = likePattern(v);
    return (r) => {
      const value = readPath(scope.store, r, path);
      return value !== null && pattern.test(String(value));
    };
  }
  if (category === 'boolean' && op !== '=' && op !== '!=') {
    throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `invalid operator on boolean field: ${op}`);
  }
  const operand = operandFor(category, field.name, v, typeAt(0), scope.now);
  return (r) => compare(read(r), op, operand);
};
