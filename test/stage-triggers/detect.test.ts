import type { ZObject } from 'zapier-platform-core';

import type { SalesforceClient } from '../../src/salesforce/client';
import { fieldFacts, RENEW_AFTER_MS, renewFieldFactsIfDue } from '../../src/stage-triggers/detect';

/** A z whose cache honours TTL-less get/set, and a client that answers the FieldDefinition query. */
const setup = () => {
  const store = new Map<string, unknown>();
  const z = { cache: { get: async (k: string) => store.get(k) ?? null, set: async (k: string, v: unknown) => (store.set(k, v), true) } } as unknown as ZObject;
  const queries: string[] = [];
  const client = {
    instanceUrl: 'https://acme.my.salesforce.com',
    query: async (soql: string) => {
      queries.push(soql);
      return { records: [{ QualifiedApiName: 'PersonEmail', IsFieldHistoryTracked: false }] };
    },
  } as unknown as SalesforceClient;
  return { z, client, queries, store };
};

describe('the org setup check', () => {
  it('asks Salesforce once, then answers from the cache', async () => {
    const { z, client, queries } = setup();
    const calls = { count: 0 };
    await fieldFacts(z, client, 'Account', ['PersonEmail'], calls);
    const facts = await fieldFacts(z, client, 'Account', ['PersonEmail'], calls);
    expect(queries).toHaveLength(1);
    expect(calls.count).toBe(1);
    expect(facts.fields).toEqual({ PersonEmail: { tracked: false } });
  });

  it('is renewed ahead of time by a poll with a call to spare once the answer is a day old, never by a poll without one', async () => {
    const { z, client, queries } = setup();
    await fieldFacts(z, client, 'Account', ['PersonEmail'], { count: 0 });
    const now = Date.now();

    await renewFieldFactsIfDue(z, client, 'Account', ['PersonEmail'], { count: 2, max: 3 }, now + RENEW_AFTER_MS - 60_000);
    expect(queries).toHaveLength(1); // still fresh

    const busy = { count: 3, max: 3 };
    await renewFieldFactsIfDue(z, client, 'Account', ['PersonEmail'], busy, now + RENEW_AFTER_MS + 60_000);
    expect(queries).toHaveLength(1); // no call to spare
    expect(busy.count).toBe(3);

    const quiet = { count: 1, max: 3 };
    await renewFieldFactsIfDue(z, client, 'Account', ['PersonEmail'], quiet, now + RENEW_AFTER_MS + 60_000);
    expect(queries).toHaveLength(2);
    expect(quiet.count).toBe(2);
  });
});
