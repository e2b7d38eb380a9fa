/** Salesforce test tools: a frozen clock, fixtures, and a query interceptor that records every call. */
import fs from 'node:fs';
import path from 'node:path';

import { parseQuery, type Query, type WhereClause } from '@jetstreamapp/soql-parser-js';
import nock from 'nock';

import { SALESFORCE_INSTANCE, SF_DATA } from '.';

/** "Now" in every Salesforce test: the look-back window starts 7 days earlier, 2026-10-25T12:00:00Z. */
export const NOW = Date.parse('2026-11-01T12:00:00Z');

export const freezeClock = () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
  afterEach(() => jest.restoreAllMocks());
};

export const fixture = <T = unknown>(name: string): T =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'salesforce', name), 'utf8')) as T;

export interface QueryLog {
  /** The SOQL of each query call, in order. */
  soql: string[];
  /** Every request that reached the Salesforce host (queries and anything else). */
  calls: number;
  scope: nock.Scope;
}

/**
 * Answers GET /query with `replies` in turn (the last one repeats), recording the SOQL. It also
 * answers any other GET on the instance, counting it, so a stray extra call shows up in `calls`
 * instead of as a connection error.
 */
export const interceptQueries = (...replies: Array<{ status?: number; body: unknown }>): QueryLog => {
  const log: QueryLog = { soql: [], calls: 0, scope: nock(SALESFORCE_INSTANCE) };
  log.scope
    .get(`${SF_DATA}/query`)
    .query(true)
    .times(20)
    .reply((uri) => {
      log.calls += 1;
      log.soql.push(new URL(uri, SALESFORCE_INSTANCE).searchParams.get('q') ?? '');
      const reply = replies[Math.min(log.soql.length - 1, replies.length - 1)] ?? { body: { totalSize: 0, done: true, records: [] } };
      return [reply.status ?? 200, JSON.stringify(reply.body), { 'content-type': 'application/json;charset=UTF-8' }];
    })
    .get(/.*/)
    .times(20)
    .reply(() => {
      log.calls += 1;
      return [599, 'unexpected extra call'];
    });
  return log;
};

/** The value of a quoted SOQL string literal, undoing its escapes. */
export const unquote = (literal: string): string => {
  if (!/^'.*'$/s.test(literal)) throw new Error(`not a string literal: ${literal}`);
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };
  return literal.slice(1, -1).replace(/\\(.)/gs, (_, c: string) => {
    if (!(c in escapes)) throw new Error(`invalid escape \\${c}`);
    return escapes[c]!;
  });
};

/** Parses SOQL with a real SOQL parser (the sandbox uses the same one): throws if it is not valid. */
export const parseSoql = (soql: string): Query => parseQuery(soql);

/** The conditions of a WHERE clause, flattened, with the logical operators between them. */
export const flattenWhere = (where: WhereClause | undefined): { conditions: Array<Record<string, unknown>>; operators: string[] } => {
  const conditions: Array<Record<string, unknown>> = [];
  const operators: string[] = [];
  let node: WhereClause | undefined = where;
  while (node) {
    conditions.push(node.left as unknown as Record<string, unknown>);
    if ('operator' in node && node.operator) operators.push(node.operator);
    node = 'right' in node ? node.right : undefined;
  }
  return { conditions, operators };
};
