import {
  parseQuery,
  type FieldType as ParsedField,
  type OrderByClause,
  type Query,
  type QueryBase,
} from '@jetstreamapp/soql-parser-js';
import type { SalesforceStore, SRecord } from '../salesforce/store';
import { notInSandbox, SoqlError, unknownRelationship, unsupportedType } from './errors';
import { readPath, resolvePath, walk, type FieldPath } from './paths';
import { findObject, type ChildRelationship, type SObjectSchema } from './schema';
import { formatDate, formatDateTime, parseDate, type SValue } from './values';
import { compileWhere, type Predicate, type Scope } from './where';

export interface QueryContext {
  store: SalesforceStore;
  now: number;
  /** The API version in the request path (v66.0); it appears in every record's attributes.url. */
  version: string;
}

export type OutRecord = { attributes: { type: string; url?: string } } & { [key: string]: unknown };

export interface QueryResult {
  totalSize: number;
  done: boolean;
  records: OutRecord[];
}

type Column =
  | { kind: 'field'; path: FieldPath }
  | { kind: 'child'; relationship: ChildRelationship; query: Compiled };

interface OrderKey {
  path: FieldPath;
  descending: boolean;
  nullsFirst: boolean;
}

interface Compiled {
  object: SObjectSchema;
  columns: Column[];
  where?: Predicate;
  orderBy: OrderKey[];
  limit?: number;
  offset?: number;
  /** COUNT() gives only totalSize; COUNT(field) gives one AggregateResult row. */
  count?: { alias: string; field?: FieldPath };
}

type Level = 'top' | 'child' | 'semi-join';

const pathKey = (p: FieldPath) => [...p.hops.map((h) => h.name), p.field.name].join('.');

const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

class Compiler {
  constructor(
    private readonly soql: string,
    private readonly ctx: QueryContext,
  ) {}

  compile(q: QueryBase, object: SObjectSchema, level: Level, alias?: string): Compiled {
    if (q.groupBy || q.having) throw notInSandbox('GROUP BY');
    if (q.withDataCategory || q.for || q.update || q.usingScope) throw notInSandbox('That clause');
    const compiled: Compiled = {
      object,
      columns: [],
      orderBy: asArray(q.orderBy).map((o) => this.orderKey(o, object, alias)),
      limit: q.limit,
      offset: q.offset,
    };
    for (const f of q.fields ?? []) this.column(f, compiled, level, alias);
    if (compiled.count && compiled.columns.length > 0) {
      throw new SoqlError('MALFORMED_QUERY', 'Field must be grouped or aggregated');
    }
    const scope: Scope = {
      soql: this.soql,
      object,
      alias,
      store: this.ctx.store,
      now: this.ctx.now,
      semiJoin: (inner, outer) => this.semiJoin(inner, outer, object, level),
    };
    compiled.where = compileWhere(q.where, scope);
    return compiled;
  }

  private column(f: ParsedField, into: Compiled, level: Level, alias?: string): void {
    switch (f.type) {
      case 'Field':
      case 'FieldRelationship': {
        const raw = f.type === 'Field' ? f.field : (f.rawValue ?? [...f.relationships, f.field].join('.'));
        const path = resolvePath(into.object, raw, this.soql, alias, this.ctx.store);
        const duplicate = into.columns.some((c) => c.kind === 'field' && pathKey(c.path) === pathKey(path));
        if (duplicate) throw new SoqlError('INVALID_FIELD', `duplicate field selected: ${raw}`);
        into.columns.push({ kind: 'field', path });
        return;
      }
      case 'FieldSubquery': {
        if (level !== 'top') throw notInSandbox('A nested subquery');
        const sub = f.subquery;
        const rel = into.object.children.get(sub.relationshipName.toLowerCase());
        if (!rel) throw unknownRelationship(this.soql, sub.relationshipName, 'FROM part of query call');
        const child = findObject(rel.object)!;
        into.columns.push({ kind: 'child', relationship: rel, query: this.compile(sub, child, 'child') });
        return;
      }
      case 'FieldFunctionExpression': {
        if (f.functionName.toUpperCase() !== 'COUNT' || level !== 'top') throw notInSandbox(`${f.functionName}()`);
        const param = f.parameters[0];
        if (typeof param === 'object') throw notInSandbox('A nested function');
        into.count = {
          alias: f.alias ?? 'expr0',
          field: param === undefined ? undefined : resolvePath(into.object, param, this.soql, alias, this.ctx.store),
        };
        return;
      }
      default:
        throw notInSandbox('TYPEOF');
    }
  }

  private orderKey(o: OrderByClause, object: SObjectSchema, alias?: string): OrderKey {
    if (!('field' in o)) throw notInSandbox('A function in ORDER BY');
    const path = resolvePath(object, o.field, this.soql, alias, this.ctx.store);
    if (path.field.type === 'textarea') {
      throw new SoqlError('INVALID_FIELD', `field '${path.field.name}' can not be sorted in a query call`);
    }
    // SOQL sorts nulls first unless told otherwise, whatever the direction.
    return { path, descending: o.order === 'DESC', nullsFirst: o.nulls !== 'LAST' };
  }

  private semiJoin(inner: Query, outer: FieldPath, outerObject: SObjectSchema, level: Level): () => ReadonlySet<string> {
    if (level === 'semi-join') throw new SoqlError('MALFORMED_QUERY', 'Nesting of semi join sub-selects is not supported');
    const object = findObject(inner.sObject ?? '');
    if (!object) throw unsupportedType(this.soql, inner.sObject ?? '');
    if (object === outerObject && outer.hops.length === 0) {
      throw new SoqlError('INVALID_TYPE', 'The inner and outer selects should not be on the same object type');
    }
    const compiled = this.compile(inner, object, 'semi-join', inner.sObjectAlias);
    const only = compiled.columns[0];
    if (compiled.columns.length !== 1 || only?.kind !== 'field' || !['id', 'reference'].includes(only.path.field.type)) {
      throw new SoqlError('MALFORMED_QUERY', 'The selected field in a semi join sub-select must be an id or a reference');
    }
    let ids: Set<string> | undefined;
    return () => {
      ids ??= new Set(
        rows(compiled, this.ctx.store.all(object.name), this.ctx)
          .map((r) => readPath(this.ctx.store, r, only.path))
          .filter((v): v is string => typeof v === 'string'),
      );
      return ids;
    };
  }
}

const sortValue = (path: FieldPath, v: SValue): string | number | boolean | null => {
  if (v === null) return null;
  if (path.field.type === 'date') return parseDate(String(v));
  return typeof v === 'string' ? v.toLowerCase() : v;
};

const rows = (q: Compiled, candidates: readonly SRecord[], ctx: QueryContext): SRecord[] => {
  let out = q.where ? candidates.filter(q.where) : [...candidates];
  if (q.orderBy.length > 0) {
    const keyed = out.map((r) => ({ r, keys: q.orderBy.map((k) => sortValue(k.path, readPath(ctx.store, r, k.path))) }));
    keyed.sort((a, b) => {
      for (let i = 0; i < q.orderBy.length; i++) {
        const { descending, nullsFirst } = q.orderBy[i]!;
        const x = a.keys[i]!;
        const y = b.keys[i]!;
        if (x === y) continue;
        if (x === null) return nullsFirst ? -1 : 1;
        if (y === null) return nullsFirst ? 1 : -1;
        const c = x < y ? -1 : 1;
        return descending ? -c : c;
      }
      return 0;
    });
    out = keyed.map((k) => k.r);
  }
  const start = q.offset ?? 0;
  return out.slice(start, q.limit === undefined ? undefined : start + q.limit);
};

const format = (path: FieldPath, v: SValue): SValue => {
  if (v === null) return null;
  if (path.field.type === 'datetime') return formatDateTime(v as number);
  if (path.field.type === 'date') return formatDate(parseDate(String(v)));
  return v;
};

const attributes = (type: string, id: string, ctx: QueryContext) => ({
  type,
  url: `/services/data/${ctx.version}/sobjects/${type}/${id}`,
});

/** Writes one selected field into the output, nesting parent records as Salesforce does (null where a lookup is empty). */
const put = (out: Record<string, unknown>, record: SRecord, path: FieldPath, ctx: QueryContext): void => {
  let node = out;
  let current = record;
  for (const hop of path.hops) {
    const key = hop.relationship!.name;
    const parent = walk(ctx.store, current, [hop]);
    if (!parent) {
      if (!(key in node)) node[key] = null;
      return;
    }
    let nested = node[key] as Record<string, unknown> | null | undefined;
    if (!nested) node[key] = nested = { attributes: attributes(parent.object!, parent.record.Id, ctx) };
    node = nested;
    current = parent.record;
  }
  node[path.field.name] = format(path, readPath(ctx.store, record, path));
};

const project = (q: Compiled, record: SRecord, ctx: QueryContext): OutRecord => {
  const out: OutRecord = { attributes: attributes(q.object.name, record.Id, ctx) };
  for (const column of q.columns) {
    if (column.kind === 'field') {
      put(out, record, column.path, ctx);
      continue;
    }
    const { relationship, query } = column;
    const children = ctx.store.childrenOf(relationship.object, relationship.field, record.Id);
    const matched = rows(query, children, ctx);
    out[relationship.name] =
      matched.length === 0
        ? null
        : { totalSize: matched.length, done: true, records: matched.map((c) => project(query, c, ctx)) };
  }
  return out;
};

/** Parses and evaluates a SOQL query against the store. Throws SoqlError for anything Salesforce would refuse. */
export const executeSoql = (soql: string, ctx: QueryContext): QueryResult => {
  let parsed: Query;
  try {
    parsed = parseQuery(soql);
  } catch (e) {
    throw new SoqlError('MALFORMED_QUERY', e instanceof Error ? e.message : String(e));
  }
  const object = findObject(parsed.sObject ?? '');
  if (!object) throw unsupportedType(soql, parsed.sObject ?? '');
  const compiled = new Compiler(soql, ctx).compile(parsed, object, 'top', parsed.sObjectAlias);
  const matched = rows(compiled, ctx.store.all(object.name), ctx);
  if (compiled.count) {
    const { alias, field } = compiled.count;
    if (!field) return { totalSize: matched.length, done: true, records: [] };
    const n = matched.filter((r) => readPath(ctx.store, r, field) !== null).length;
    return { totalSize: 1, done: true, records: [{ attributes: { type: 'AggregateResult' }, [alias]: n }] };
  }
  return { totalSize: matched.length, done: true, records: matched.map((r) => project(compiled, r, ctx)) };
};
