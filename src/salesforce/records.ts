/** Query pages are checked against the records' schema here, at the Salesforce client's boundary. */
import type { ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { SALESFORCE_API_VERSION } from '../config';
import { parseResponse } from '../parse-response';

/** Parses one query page, naming the query in the error if Salesforce answered in another shape. */
export const parseRecords = <S extends zod.ZodType>(z: ZObject, page: unknown, record: S, action: string): zod.infer<S>[] =>
  parseResponse(
    z,
    { service: 'Salesforce', method: 'GET', url: `/services/data/v${SALESFORCE_API_VERSION}/query`, action },
    zod.looseObject({ records: zod.array(record) }),
    page,
  ).records as zod.infer<S>[];

/** A child relationship: Salesforce sends null when there are no children. */
export const children = <S extends zod.ZodType>(item: S) => zod.looseObject({ records: zod.array(item) }).nullish();

/** The value at a field path, matching names case-insensitively (the user may type `region__c`). */
export const valueAtPath = (record: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((value, segment) => {
    if (!value || typeof value !== 'object') return undefined;
    const key = Object.keys(value).find((k) => k.toLowerCase() === segment.toLowerCase());
    return key === undefined ? undefined : (value as Record<string, unknown>)[key];
  }, record);
