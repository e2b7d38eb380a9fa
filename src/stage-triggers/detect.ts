/**
 * What the org is configured to give us, found out once a day per connection and kept in z.cache:
 * whether a field has Field History Tracking on (FieldDefinition.IsFieldHistoryTracked), and whether
 * optional fields exist (Account.PersonEmail only exists with person accounts enabled). One small SOQL
 * query on the FieldDefinition metadata object answers both, far cheaper than a describe.
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_fielddefinition.htm
 */
import type { ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import type { SalesforceClient } from '../salesforce/client';
import { parseRecords } from '../salesforce/records';
import { compileSoql, where } from '../salesforce/soql';

/**
 * An answer is renewed once a day, but kept two days: a poll with calls to spare renews it ahead of time
 * (`renewFieldFactsIfDue`), so a busy poll almost never has to pay for the check on top of its own calls.
 */
export const DETECTION_TTL_SECONDS = 2 * 24 * 60 * 60;
export const RENEW_AFTER_MS = 24 * 60 * 60 * 1000;

export interface FieldFacts {
  /** Field API name → whether it has history tracking on. A field missing here does not exist or cannot be read. */
  fields: Record<string, { tracked: boolean }>;
  /** Salesforce refused the metadata query (e.g. a user without access to FieldDefinition): nothing is known. */
  unknown?: boolean;
  /** When Salesforce was asked (ms since the epoch). */
  checkedAt?: number;
}

/** A refusal is remembered for an hour, so a user without metadata access does not pay a call per poll. */
const REFUSAL_TTL_SECONDS = 60 * 60;

const row = zod.looseObject({ QualifiedApiName: zod.string(), IsFieldHistoryTracked: zod.boolean().nullish() });

/**
 * The named fields of one object as the connected user sees them. Costs one call the first time in a day
 * for a connection (keyed by instance URL and object), none afterwards. `calls` counts the call when made.
 */
const cacheKey = (client: SalesforceClient, sobject: string, names: readonly string[]) =>
  `sf-fields:${client.instanceUrl}:${sobject}:${[...names].sort().join(',')}`;

const cachedFacts = async (z: ZObject, key: string): Promise<FieldFacts | undefined> => {
  const cached = (await z.cache.get(key)) as FieldFacts | null;
  return cached && typeof cached === 'object' && cached.fields ? cached : undefined;
};

export const fieldFacts = async (
  z: ZObject,
  client: SalesforceClient,
  sobject: string,
  names: readonly string[],
  calls: { count: number },
): Promise<FieldFacts> => {
  const key = cacheKey(client, sobject, names);
  return (await cachedFacts(z, key)) ?? askSalesforce(z, client, sobject, names, key, calls);
};

/**
 * Asks again when the answer is a day old (or missing), if the poll has a call to spare: called at the end of
 * a poll, so the next polls find a fresh answer and stay within their own calls.
 */
export const renewFieldFactsIfDue = async (
  z: ZObject,
  client: SalesforceClient,
  sobject: string,
  names: readonly string[],
  calls: { count: number; max: number },
  now: number = Date.now(),
): Promise<void> => {
  if (calls.count >= calls.max) return;
  const key = cacheKey(client, sobject, names);
  const cached = await cachedFacts(z, key);
  // A refusal is asked again when it expires (an hour), not earlier.
  if (cached && (cached.unknown || now - (cached.checkedAt ?? 0) < RENEW_AFTER_MS)) return;
  await askSalesforce(z, client, sobject, names, key, calls);
};

const askSalesforce = async (
  z: ZObject,
  client: SalesforceClient,
  sobject: string,
  names: readonly string[],
  key: string,
  calls: { count: number },
): Promise<FieldFacts> => {
  const soql = compileSoql({
    select: ['QualifiedApiName', 'IsFieldHistoryTracked'],
    from: 'FieldDefinition',
    where: [where.eq('EntityDefinition.QualifiedApiName', sobject), where.inList('QualifiedApiName', names)],
  });
  const action = `check how the ${sobject} object is set up in Salesforce`;
  calls.count += 1;
  let page: unknown;
  try {
    page = await client.query<unknown>(soql, { action });
  } catch (err) {
    // An expired session or a rate limit must reach Zapier as they are; any other refusal only means
    // the org's setup stays unknown, and the trigger takes the mode that is safe without it.
    if (err instanceof z.errors.RefreshAuthError || err instanceof z.errors.ThrottledError) throw err;
    const unknown: FieldFacts = { fields: {}, unknown: true };
    await z.cache.set(key, unknown, REFUSAL_TTL_SECONDS);
    return unknown;
  }
  const facts: FieldFacts = { fields: {}, checkedAt: Date.now() };
  for (const r of parseRecords(z, page, row, action)) {
    if (names.some((n) => n.toLowerCase() === r.QualifiedApiName.toLowerCase())) facts.fields[r.QualifiedApiName] = { tracked: Boolean(r.IsFieldHistoryTracked) };
  }
  await z.cache.set(key, facts, DETECTION_TTL_SECONDS);
  return facts;
};

export const hasField = (facts: FieldFacts, name: string): boolean => Object.keys(facts.fields).some((k) => k.toLowerCase() === name.toLowerCase());
export const isTracked = (facts: FieldFacts, name: string): boolean =>
  Object.entries(facts.fields).some(([k, v]) => k.toLowerCase() === name.toLowerCase() && v.tracked);
