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
