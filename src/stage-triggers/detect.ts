/**
 * What the org is configured to give us, found out once a day per connection and kept in z.cache:
 * whether a field has Field History Tracking on (FieldDefinition.IsFieldHistoryTracked), and whether
 * optional fields exist (Account.PersonEmail only exists with person accounts enabled). One small SOQL
 * query on the FieldDefinition metadata object answers both, far cheaper than a describe.
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_fielddefinition.htm
 *
 * The poll's first query depends on the answer, so when the answer is not cached the check and every variant
 * of that first query go to Salesforce as one composite request: one API call, as a cached answer would cost
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite_post.htm).
 * A day-old answer therefore never adds a call to a poll.
 */
import type { ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import type { CallOptions, QueryPage, SalesforceClient } from '../salesforce/client';
import { parseRecords } from '../salesforce/records';
import { compileSoql, where } from '../salesforce/soql';

export const DETECTION_TTL_SECONDS = 24 * 60 * 60;

export interface FieldFacts {
  /** Field API name → whether it has history tracking on. A field missing here does not exist or cannot be read. */
  fields: Record<string, { tracked: boolean }>;
  /** Salesforce refused the metadata query (e.g. a user without access to FieldDefinition): nothing is known. */
  unknown?: boolean;
}

/** A refusal is remembered for an hour, so a user without metadata access does not pay for it every poll. */
const REFUSAL_TTL_SECONDS = 60 * 60;

const row = zod.looseObject({ QualifiedApiName: zod.string(), IsFieldHistoryTracked: zod.boolean().nullish() });

const cacheKey = (client: SalesforceClient, sobject: string, names: readonly string[]) =>
  `sf-fields:${client.instanceUrl}:${sobject}:${[...names].sort().join(',')}`;

const cachedFacts = async (z: ZObject, key: string): Promise<FieldFacts | undefined> => {
  const cached = (await z.cache.get(key)) as FieldFacts | null;
  return cached && typeof cached === 'object' && cached.fields ? cached : undefined;
};

const setupQuery = (sobject: string, names: readonly string[]) =>
  compileSoql({
    select: ['QualifiedApiName', 'IsFieldHistoryTracked'],
    from: 'FieldDefinition',
    where: [where.eq('EntityDefinition.QualifiedApiName', sobject), where.inList('QualifiedApiName', names)],
  });

const readFacts = (z: ZObject, page: unknown, sobject: string, names: readonly string[]): FieldFacts => {
  const facts: FieldFacts = { fields: {} };
  for (const r of parseRecords(z, page, row, `check how the ${sobject} object is set up in Salesforce`)) {
    if (names.some((n) => n.toLowerCase() === r.QualifiedApiName.toLowerCase())) facts.fields[r.QualifiedApiName] = { tracked: Boolean(r.IsFieldHistoryTracked) };
  }
  return facts;
};

/**
 * The first page of the poll's query in the variant `choose` picks for the org's setup (the named fields of
 * `sobject`), with that setup and which variant it chose. One API call either way (counted in `calls`): a plain query when the setup
 * is cached, otherwise a composite request holding the setup check and every variant. `choose` may throw
 * (a setting that contradicts the org); the answer is cached first.
 */
export const setupAndFirstPage = async <Variant extends string>(
  z: ZObject,
  client: SalesforceClient,
  target: { sobject: string; names: readonly string[] },
  variants: Record<Variant, string>,
  choose: (facts: FieldFacts) => Variant,
  options: CallOptions,
  calls: { count: number },
): Promise<{ facts: FieldFacts; variant: Variant; page: QueryPage<unknown> }> => {
  const key = cacheKey(client, target.sobject, target.names);
  const cached = await cachedFacts(z, key);
  calls.count += 1;
  if (cached) {
    const variant = choose(cached);
    return { facts: cached, variant, page: await client.query<unknown>(variants[variant], options) };
  }

  const names = Object.keys(variants) as Variant[];
  const answers = await client.composite(
    [{ referenceId: 'setup', soql: setupQuery(target.sobject, target.names) }, ...names.map((n) => ({ referenceId: `query_${n}`, soql: variants[n] }))],
    options,
  );
  const setup = answers.get('setup')!;
  // Any refusal of the metadata query only means the setup stays unknown, and the trigger takes the mode that is
  // safe without it. (An expired session or a rate limit fails the whole request, and reaches Zapier as it is.)
  const facts: FieldFacts = setup.ok ? readFacts(z, setup.page, target.sobject, target.names) : { fields: {}, unknown: true };
  await z.cache.set(key, facts, setup.ok ? DETECTION_TTL_SECONDS : REFUSAL_TTL_SECONDS);
  const variant = choose(facts);
  const answer = answers.get(`query_${variant}`)!;
  if (!answer.ok) throw client.refused(answer.failure, options);
  return { facts, variant, page: answer.page };
};

export const hasField = (facts: FieldFacts, name: string): boolean => Object.keys(facts.fields).some((k) => k.toLowerCase() === name.toLowerCase());
export const isTracked = (facts: FieldFacts, name: string): boolean =>
  Object.entries(facts.fields).some(([k, v]) => k.toLowerCase() === name.toLowerCase() && v.tracked);
