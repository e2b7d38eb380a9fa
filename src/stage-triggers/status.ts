/**
 * "Order Reached Status" and "Case Reached Status" share one engine; order.ts and case.ts describe
 * their object. A poll costs at most 3 Salesforce calls, whatever the org's size, in one of two modes:
 *
 * Status history (Field History Tracking on for Status; detected once a day per connection, detect.ts):
 *
 *   SELECT Id, CreatedDate, OldValue, NewValue, CaseId|OrderId, Case.…|Order.… (record, recipient, owner, tag fields)
 *   FROM CaseHistory|OrderHistory
 *   WHERE Field = 'Status' AND CreatedDate >= <7 days ago>
 *   ORDER BY CreatedDate DESC, Id DESC LIMIT 2000
 *
 *   Driven from the history object with child-to-parent fields only, so a batch really holds 2,000
 *   status changes, newest first (child rows would count toward the batch:
 *   https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_queryoptions.htm).
 *   NewValue cannot be filtered (CaseHistory fields are "Nillable, Sort":
 *   https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_casehistory.htm),
 *   so the rows into the chosen status are picked here. One item per entry, keyed by the history row:
 *   a record that leaves and comes back fires again, an edit never does. Every entry among the newest
 *   2,000 status changes is seen, so nothing is lost while fewer than 2,000 changes happen between polls.
 *
 * Record dates (no tracking): only records whose own dates show they entered the status inside the
 * window. Orders: ActivatedDate for statuses in the Activated category, CreatedDate for Draft ones
 * (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_order.htm).
 * Cases: ClosedDate for closed statuses, CreatedDate for open ones. So an order activated in 2024 and
 * edited today never fires. One item per record and status, id `${recordId}:${status}`.
 *
 * Either way the first query has no child rows. Orders then read the SKUs of the emitted orders from
 * OrderItem in one flat query (line-items.ts), following one more page if the budget allows.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { appError } from '../errors/facts';
import { yesNo } from '../inputs/readers';
import { SalesforceClient } from '../salesforce/client';
import type { SalesforceFailure } from '../salesforce/errors';
import { recordUrl } from '../salesforce/record-url';
import { parseRecords } from '../salesforce/records';
import { compileSoql, dateTime, where, type Condition, type OrderBy, type SelectQuery } from '../salesforce/soql';
import {
  isoDateTime,
  MAX_RECORDS_PER_QUERY,
  newestFirst,
  pollPlan,
  readChoice,
  readPicklistValue,
  readTagFields,
  samePicklistValue,
  tagFieldsHint,
  tagsFrom,
  textOf,
  type PollPlan,
  type Recipient,
} from './common';
import { isTracked, setupAndFirstPage, type FieldFacts } from './detect';
import { readSkus } from './line-items';

/** Salesforce calls one poll may make, detection included. */
export const MAX_CALLS_PER_POLL = 3;

export type DetectionMode = 'status_history' | 'record_dates';

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
  /** Field paths on the object itself (prefixed with the relationship name in history mode). */
  fields: readonly string[];
  recipientFields: (choice: Choice) => readonly string[];
  /** Record-dates mode: the status's entry shown by the record's own dates, inside the window. */
  recordDates: (status: string, since: Date) => { where: Condition[]; orderBy: OrderBy[] };
  lineItems?: { object: 'OrderItem'; parentField: 'OrderId' };
  record: Shape;
  recipient: (record: zod.infer<Shape>, choice: Choice) => Recipient;
  /** Record-dates mode: when the record entered its status, as its own dates tell. */
  enteredAt: (record: zod.infer<Shape>) => string;
  /** Object-specific output: name, record_number, reference_number and extras. */
  recordOutput: (record: zod.infer<Shape>) => Record<string, unknown> & { name: string; reference_number: string };
  /** What to add to Salesforce's refusal, e.g. that Orders must be enabled. */
  hint: (failure: SalesforceFailure) => string | undefined;
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
  const recordFields = [...spec.fields, ...spec.recipientFields(recipient), ...tagFields];
  if (history) {
    return {
      select: ['Id', 'CreatedDate', 'OldValue', 'NewValue', spec.historyParentField, ...recordFields.map((f) => `${spec.sobject}.${f}`)],
      from: spec.historyObject,
      where: [where.eq('Field', 'Status'), where.gte('CreatedDate', dateTime(plan.since))],
      orderBy: [
        { field: 'CreatedDate', direction: 'DESC' },
        { field: 'Id', direction: 'DESC' },
      ],
      limit: MAX_RECORDS_PER_QUERY,
    };
  }
  const dates = spec.recordDates(status, plan.since);
  return {
    select: recordFields,
    from: spec.sobject,
    where: [where.eq('Status', status), ...dates.where],
    orderBy: [...dates.orderBy, { field: 'Id', direction: 'DESC' }],
    limit: MAX_RECORDS_PER_QUERY,
  };
};

/** Is a status-history row an entry into `status`? A Status row is always a real change. */
export const isStatusEntry = (row: { OldValue?: unknown; NewValue?: unknown; CreatedDate: string }, status: string, since: Date): boolean => {
  if (!samePicklistValue(row.NewValue, status) || samePicklistValue(row.OldValue, status)) return false;
  const at = new Date(row.CreatedDate);
  return !Number.isNaN(at.getTime()) && at >= since;
};

const historyRow = zod.looseObject({
  Id: zod.string(),
  CreatedDate: zod.string(),
  OldValue: zod.unknown().optional(),
  NewValue: zod.unknown().optional(),
});

type HistoryAnswer = 'yes' | 'no' | 'detect';

/**
 * The Status History Tracking answer of existing Zaps: yes, no, or empty (let the trigger find out).
 * Any other word is refused rather than read as "find out", so a mistyped answer never changes the way silently.
 */
export const readHistoryAnswer = (raw: unknown): HistoryAnswer => {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return 'detect';
  return yesNo(raw, HISTORY_LABEL, false) ? 'yes' : 'no';
};

export const HISTORY_LABEL = 'Status History Tracking Is On';

export const pollStatusTrigger = async <Choice extends string, Shape extends zod.ZodType>(
  z: ZObject,
  bundle: Bundle,
  spec: StatusObjectSpec<Choice, Shape>,
) => {
  const input = bundle.inputData as Record<string, unknown>;
  const status = readPicklistValue(input.status, 'Status', spec.statusHelp);
  const recipient = readChoice(input.recipient, 'Customer to Invite', spec.recipientChoices, spec.defaultRecipient);
  const tagFields = readTagFields(input.tag_fields, spec.sobject);
  const answer = readHistoryAnswer(input.history_tracking);
  const plan = pollPlan(bundle);
  const client = SalesforceClient.fromBundle(z, bundle);
  const calls = { count: 0, max: MAX_CALLS_PER_POLL };

  const action = `read the ${spec.noun}s that reached “${status}”`;
  const tagHint = tagFieldsHint(tagFields);
  const queryOptions = { action, hint: (failure: SalesforceFailure) => tagHint(failure) ?? spec.hint(failure) };
  const queryFor = (history: boolean) => compileSoql(statusQuery(spec, { status, recipient, tagFields, history, plan }));

  let history = false;
  let page: unknown;
  if (answer === 'no') {
    calls.count += 1;
    page = await client.query<unknown>(queryFor(false), queryOptions);
  } else {
    const chooseMode = (facts: FieldFacts): 'history' | 'dates' => {
      // An explicit Yes wins when Salesforce would not say (no access to its metadata).
      const tracked = facts.unknown ? answer === 'yes' : isTracked(facts, 'Status');
      if (answer === 'yes' && !tracked) {
        throw appError(z, {
          kind: 'input',
          sentence:
            `${HISTORY_LABEL}: you answered Yes, but history tracking is off for the ${spec.sobject} field “Status” in Salesforce, so no status ` +
            `change is recorded and this trigger would never fire. Turn it on (Setup → Object Manager → ${spec.sobject} → Fields & Relationships → ` +
            `Set History Tracking → Status), or leave ${HISTORY_LABEL} empty so the trigger picks the right way by itself.`,
          code: 'invalid_input',
        });
      }
      return tracked ? 'history' : 'dates';
    };
    const first = await setupAndFirstPage(
      z,
      client,
      { sobject: spec.sobject, names: ['Status'] },
      { history: queryFor(true), dates: queryFor(false) },
      chooseMode,
      queryOptions,
      calls,
    );
    history = first.variant === 'history';
    page = first.page;
  }
  const mode: DetectionMode = history ? 'status_history' : 'record_dates';

  type Entry = { id: string; entered_at: string; status: string; record: zod.infer<Shape> };
  const entries: Entry[] = [];
  if (history) {
    const rows = parseRecords(z, page, zod.looseObject({ ...historyRow.shape, [spec.sobject]: spec.record.nullish() }), action);
    for (const row of rows) {
      const record = (row as Record<string, unknown>)[spec.sobject] as zod.infer<Shape> | null | undefined;
      // A record the connected user cannot see comes back as null: nothing to invite.
      if (!record || !isStatusEntry(row, status, plan.since)) continue;
      entries.push({ id: row.Id, entered_at: isoDateTime(row.CreatedDate), status: textOf(row.NewValue), record });
    }
  } else {
    for (const record of parseRecords(z, page, spec.record, action)) {
      const current = textOf((record as { Status?: unknown }).Status);
      if (!samePicklistValue(current, status)) continue;
      entries.push({ id: `${textOf((record as { Id?: unknown }).Id)}:${current}`, entered_at: spec.enteredAt(record), status: current, record });
    }
  }

  const chosen = newestFirst(entries, plan.cap);
  const recordIdOf = (e: Entry) => textOf((e.record as { Id?: unknown }).Id);
  // Seeding only fills Zapier's dedupe table, so it spends no call on SKUs.
  const skus =
    spec.lineItems && !plan.seeding
      ? await readSkus(z, client, spec.lineItems, [...new Set(chosen.map(recordIdOf))], calls, `read the products of the ${spec.noun}s that reached “${status}”`)
      : undefined;

  return chosen.map(({ record, ...entry }) => {
    const id = recordIdOf({ record } as Entry);
    const list = skus?.get(id);
    return {
      ...entry,
      record_id: id,
      record_type: spec.sobject,
      ...spec.recordOutput(record),
      product_skus: list?.skus ?? [],
      product_skus_complete: list ? list.complete : true,
      ...spec.recipient(record, recipient),
      tags: tagsFrom(record, tagFields),
      record_url: recordUrl(client.instanceUrl, spec.sobject, id),
      detection_mode: mode,
    };
  });
};
