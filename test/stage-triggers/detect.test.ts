import type { ZObject } from 'zapier-platform-core';

import type { CompositeAnswer, CompositeQuery, SalesforceClient } from '../../src/salesforce/client';
import { setupAndFirstPage, type FieldFacts } from '../../src/stage-triggers/detect';

const page = (records: unknown[]) => ({ totalSize: records.length, done: true, records });

/** A z with a plain cache, and a client whose answers are scripted; every request is recorded. */
const setup = (answerSetup: CompositeAnswer = { ok: true, page: page([{ QualifiedApiName: 'Status', IsFieldHistoryTracked: true }]) }) => {
  const store = new Map<string, unknown>();
  const z = { cache: { get: async (k: string) => store.get(k) ?? null, set: async (k: string, v: unknown) => (store.set(k, v), true) } } as unknown as ZObject;
  const requests: Array<{ kind: 'query' | 'composite'; soql: string[] }> = [];
  const client = {
    instanceUrl: 'https://acme.my.salesforce.com',
    query: async (soql: string) => {
      requests.push({ kind: 'query', soql: [soql] });
      return page([{ Id: soql }]);
    },
    composite: async (queries: CompositeQuery[]) => {
      requests.push({ kind: 'composite', soql: queries.map((q) => q.soql) });
      return new Map<string, CompositeAnswer>(
        queries.map((q) => [q.referenceId, q.referenceId === 'setup' ? answerSetup : q.soql === 'BROKEN' ? { ok: false, failure: { message: 'No such column', errorCode: 'INVALID_FIELD' } } : { ok: true, page: page([{ Id: q.soql }]) }]),
      );
    },
    refused: (failure: { message: string }) => new Error(`refused: ${failure.message}`),
  } as unknown as SalesforceClient;
  return { z, client, requests };
};

const choose = (facts: FieldFacts) => (facts.fields.Status?.tracked ? 'history' : 'dates');
const run = (z: ZObject, client: SalesforceClient, calls: { count: number }, variants = { history: 'HISTORY', dates: 'DATES' }) =>
  setupAndFirstPage(z, client, { sobject: 'Order', names: ['Status'] }, variants, choose, { action: 'read orders' }, calls);

describe('the org setup check and the first query of a poll', () => {
  it('costs one call when nothing is cached: the check and both variants in one composite request', async () => {
    const { z, client, requests } = setup();
    const calls = { count: 0 };
    const { page: first, facts } = await run(z, client, calls);
    expect(calls.count).toBe(1);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.kind).toBe('composite');
    expect(requests[0]!.soql.slice(1)).toEqual(['HISTORY', 'DATES']);
    expect(facts.fields.Status).toEqual({ tracked: true });
    expect(first.records).toEqual([{ Id: 'HISTORY' }]);
  });

  it('answers from the cache the next time, with one plain query of the chosen variant', async () => {
    const { z, client, requests } = setup();
    await run(z, client, { count: 0 });
    const calls = { count: 0 };
    const { page: next } = await run(z, client, calls);
    expect(calls.count).toBe(1);
    expect(requests[1]).toEqual({ kind: 'query', soql: ['HISTORY'] });
    expect(next.records).toEqual([{ Id: 'HISTORY' }]);
  });

  it('takes the safe mode when Salesforce refuses the metadata query, and remembers that', async () => {
    const { z, client, requests } = setup({ ok: false, failure: { message: 'insufficient access', errorCode: 'INSUFFICIENT_ACCESS' } });
    const { facts, page: first } = await run(z, client, { count: 0 });
    expect(facts.unknown).toBe(true);
    expect(first.records).toEqual([{ Id: 'DATES' }]);
    await run(z, client, { count: 0 });
    expect(requests.map((r) => r.kind)).toEqual(['composite', 'query']);
  });

  it('reports a refusal of the variant it needs as the query’s own error, and ignores one of a variant it does not', async () => {
    const { z, client } = setup();
    await expect(run(z, client, { count: 0 }, { history: 'BROKEN', dates: 'DATES' })).rejects.toThrow('refused: No such column');
    const other = setup();
    await expect(run(other.z, other.client, { count: 0 }, { history: 'HISTORY', dates: 'BROKEN' })).resolves.toMatchObject({ page: { records: [{ Id: 'HISTORY' }] } });
  });
});
