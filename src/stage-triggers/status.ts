/**
 * "Order Reached Status" and "Case Reached Status" share one engine; order.ts and case.ts describe
 * their object. Each poll is ONE query, in one of two modes chosen by the user's Status History
 * Tracking answer (detecting it would cost a describe or a metadata query per poll):
 *
 * History (tracking on for Status): one item per entry, keyed by the CaseHistory/OrderHistory row.
 *
 *   SELECT <fields>, <recipient>, <tag fields>,
 *     (SELECT Id, CreatedDate, OldValue, NewValue FROM Histories WHERE Field = 'Status'
 *        ORDER BY CreatedDate DESC, Id DESC LIMIT 10)
 *     [, (SELECT Product2.StockKeepingUnit, Product2.ProductCode FROM OrderItems)]
 *   FROM Case|Order
 *   WHERE Id IN (SELECT CaseId|OrderId FROM CaseHistory|OrderHistory WHERE Field = 'Status' AND CreatedDate >= <7 days ago>)
 *   ORDER BY SystemModstamp DESC LIMIT 2000
 *
 *   NewValue is anyType, which SOQL cannot filter (reference: CaseHistory fields are "Nillable, Sort"),
 *   so the semi-join takes every Status change in the window and the rows into the chosen status are
 *   picked here. A status row is always a real transition, so no predecessor check is needed.
 *
 * Fallback (no tracking): one item per record and status, id `${recordId}:${status}`.
 *
 *   SELECT … FROM Case|Order WHERE Status = '<status>' AND SystemModstamp >= <7 days ago> [AND <extra>]
 *   ORDER BY SystemModstamp DESC LIMIT 2000
 *
 *   It fires the first time the Zap sees a record in the status after it was modified. When the Zap
 *   is turned on (dedupe seeding) the window is dropped, so the 2,000 most recently modified records
 *   already in the status are marked as seen and do not fire when someone edits them later.
 *
 * In both modes the outer ORDER BY keeps the most recently changed parents when more than 2,000 match:
 * an entry at time t modified the record at t. Only the first page is read.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { SalesforceClient } from '../salesforce/client';
import type { SalesforceFailure } from '../salesforce/errors';
import { recordUrl } from '../salesforce/record-url';
import { parseRecords } from '../salesforce/records';
import { compileSoql, dateTime, where, type Condition, type SelectQuery } from '../salesforce/soql';
import {
  fieldHistoryShape,
  HISTORY_ROWS_PER_RECORD,
  isoDateTime,
  MAX_RECORDS_PER_QUERY,
  newestFirst,
  pollPlan,
  readChoice,
  readPicklistValue,
  readTagFields,
  readYesNo,
  samePicklistValue,
  tagFieldsHint,
  tagsFrom,
  textOf,
  type PollPlan,
  type Recipient,
} from './common';

export interface StatusObjectSpec<Choice extends string, Shape extends zod.ZodType> {
  sobject: 'Order' | 'Case';
  historyObject: 'OrderHistory' | 'CaseHistory';
  historyParentField: 'OrderId' | 'CaseId';
  /** In sentences: "order", "case". */
  noun: string;
  /** Where the user finds the status values. */
  statusHelp: string;
  recipientChoices: readonly Choice[];
  defaultRecipient: Choice;
  fields: readonly string[];
  recipientFields: (choice: Choice) => readonly string[];
  childQueries?: readonly SelectQuery[];
  /** Extra fallback-mode filters (not used when seeding). */
  fallbackWhere?: (since: Date) => Condition[];
  record: Shape;
  recipient: (record: zod.infer<Shape>, choice: Choice) => Recipient;
  /** When the record entered its status, as best the record itself tells (fallback mode). */
  fallbackEnteredAt: (record: zod.infer<Shape>) => string;
  /** Object-specific output: name, record_number, reference_number, product_skus and extras. */
  recordOutput: (record: zod.infer<Shape>) => Record<string, unknown> & { name: string; reference_number: string; product_skus: string[] };
  /** What to add to Salesforce's refusal, e.g. that Orders must be enabled. */
  hint: (failure: SalesforceFailure, history: boolean) => string | undefined;
}

export interface StatusQueryOptions<Choice extends string> {
  status: string;
  recipient: Choice;
  tagFields: readonly string[];
  history: boolean;
  plan: Pick<PollPlan, 'since' | 'seeding'>;
}

export const statusQuery = <Choice extends string, Shape extends zod.ZodType>(
  spec: StatusObjectSpec<Choice, Shape>,
  { status, recipient, tagFields, history, plan }: StatusQueryOptions<Choice>,
): SelectQuery => {
  const select: Array<string | SelectQuery> = [...spec.fields, ...spec.recipientFields(recipient), ...tagFields];
  if (history) {
    select.push({
      select: ['Id', 'CreatedDate', 'OldValue', 'NewValue'],
      from: 'Histories',
      where: [where.eq('Field', 'Status')],
      orderBy: [
        { field: 'CreatedDate', direction: 'DESC' },
        { field: 'Id', direction: 'DESC' },
      ],
      limit: HISTORY_ROWS_PER_RECORD,
    });
  }
  select.push(...(spec.childQueries ?? []));

  const conditions: Condition[] = history
    ? [
        where.in('Id', {
          select: [spec.historyParentField],
          from: spec.historyObject,
          where: [where.eq('Field', 'Status'), where.gte('CreatedDate', dateTime(plan.since))],
        }),
      ]
    : plan.seeding
      ? [where.eq('Status', status)]
      : [where.eq('Status', status), where.gte('SystemModstamp', dateTime(plan.since)), ...(spec.fallbackWhere?.(plan.since) ?? [])];

  return { select, from: spec.sobject, where: conditions, orderBy: [{ field: 'SystemModstamp', direction: 'DESC' }], limit: MAX_RECORDS_PER_QUERY };
};

const historyRowsOf = (record: unknown): zod.infer<typeof fieldHistoryShape>[] => {
  const parsed = zod.looseObject({ Histories: zod.looseObject({ records: zod.array(fieldHistoryShape) }).nullish() }).safeParse(record);
  return parsed.success ? (parsed.data.Histories?.records ?? []) : [];
};

/** Status-history rows (newest first) that moved the record into `status` on or after `since`. */
export const statusEntries = (rows: ReadonlyArray<zod.infer<typeof fieldHistoryShape>>, status: string, since: Date) =>
  rows.filter((row) => {
    if (!samePicklistValue(row.NewValue, status) || samePicklistValue(row.OldValue, status)) return false;
    const at = new Date(row.CreatedDate);
    return !Number.isNaN(at.getTime()) && at >= since;
  });

export const pollStatusTrigger = async <Choice extends string, Shape extends zod.ZodType>(
  z: ZObject,
  bundle: Bundle,
  spec: StatusObjectSpec<Choice, Shape>,
) => {
  const input = bundle.inputData as Record<string, unknown>;
  const status = readPicklistValue(z, input.status, 'Status', spec.statusHelp);
  const recipient = readChoice(z, input.recipient, 'Customer to Invite', spec.recipientChoices, spec.defaultRecipient);
  const tagFields = readTagFields(z, input.tag_fields, spec.sobject);
  const history = readYesNo(input.history_tracking);
  const plan = pollPlan(bundle);

  const client = SalesforceClient.fromBundle(z, bundle);
  const action = `read the ${spec.noun}s that reached “${status}”`;
  const soql = compileSoql(statusQuery(spec, { status, recipient, tagFields, history, plan }));
  const tagHint = tagFieldsHint(tagFields);
  const page = await client.query<unknown>(soql, { action, hint: (failure) => tagHint(failure) ?? spec.hint(failure, history) });
  const records = parseRecords(z, page, spec.record, action);

  const items = records.flatMap((record) => {
    const id = textOf((record as { Id?: unknown }).Id);
    const shared = {
      record_id: id,
      record_type: spec.sobject,
      ...spec.recordOutput(record),
      ...spec.recipient(record, recipient),
      tags: tagsFrom(record, tagFields),
      record_url: recordUrl(client.instanceUrl, spec.sobject, id),
    };
    if (history) {
      return statusEntries(historyRowsOf(record), status, plan.since).map((row) => ({
        id: row.Id,
        entered_at: isoDateTime(row.CreatedDate),
        status: textOf(row.NewValue),
        ...shared,
      }));
    }
    const current = textOf((record as { Status?: unknown }).Status);
    if (!samePicklistValue(current, status)) return [];
    return [{ id: `${id}:${current}`, entered_at: spec.fallbackEnteredAt(record), status: current, ...shared }];
  });
  return newestFirst(items, plan.cap);
};
