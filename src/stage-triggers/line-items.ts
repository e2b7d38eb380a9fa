/**
 * Product SKUs for the records a poll emits, read straight from the line-item object in one flat query
 * (no parent rows, so a batch really holds 2,000 line items), following `nextRecordsUrl` while the
 * poll's call budget allows. A child subquery would instead cut every list at ~200 rows with its own
 * locator, one more call per long list (https://github.com/jsforce/jsforce/pull/1752).
 */
import type { ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import type { SalesforceClient } from '../salesforce/client';
import { parseRecords } from '../salesforce/records';
import { compileSoql, where } from '../salesforce/soql';
import { textOf } from './common';

export interface SkuList {
  skus: string[];
  /** False only when the call budget ran out before the record's last line item was read. */
  complete: boolean;
}

const line = zod.looseObject({
  Product2: zod.looseObject({ StockKeepingUnit: zod.string().nullish(), ProductCode: zod.string().nullish() }).nullish(),
});

export const readSkus = async (
  z: ZObject,
  client: SalesforceClient,
  spec: { object: 'OrderItem' | 'OpportunityLineItem'; parentField: 'OrderId' | 'OpportunityId' },
  parentIds: readonly string[],
  calls: { count: number; max: number },
  action: string,
): Promise<Map<string, SkuList>> => {
  const result = new Map<string, SkuList>(parentIds.map((id) => [id, { skus: [], complete: false }]));
  if (parentIds.length === 0 || calls.count >= calls.max) return result;
  const soql = compileSoql({
    select: [spec.parentField, 'Product2.StockKeepingUnit', 'Product2.ProductCode'],
    from: spec.object,
    where: [where.inList(spec.parentField, parentIds)],
    orderBy: [{ field: spec.parentField }, { field: 'CreatedDate' }, { field: 'Id' }],
  });
  calls.count += 1;
  let page = await client.query<unknown>(soql, { action });
  let lastParent = '';
  for (;;) {
    const rows = parseRecords(z, page, line, action);
    for (const parsed of rows) {
      const parent = textOf((parsed as Record<string, unknown>)[spec.parentField]);
      const entry = result.get(parent);
      if (!entry) continue;
      if (parent !== lastParent) {
        const previous = result.get(lastParent);
        if (previous) previous.complete = true;
        lastParent = parent;
      }
      const sku = textOf(parsed?.Product2?.StockKeepingUnit) || textOf(parsed?.Product2?.ProductCode);
      if (sku && !entry.skus.includes(sku)) entry.skus.push(sku);
    }
    if (page.done || !page.nextRecordsUrl) {
      // Everything read: records with no line items are complete too.
      for (const entry of result.values()) entry.complete = true;
      return result;
    }
    // Out of calls: a parent followed by another is complete; the last one seen and those not reached may not be.
    if (calls.count >= calls.max) return result;
    calls.count += 1;
    page = await client.queryMore<unknown>(page.nextRecordsUrl, { action });
  }
};
