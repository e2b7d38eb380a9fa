/**
 * "Opportunity Reached Stage": one item per ENTRY into the stage, keyed by the OpportunityHistory row
 * that records it, so a record that leaves and comes back fires again and one merely edited does not.
 *
 * Salesforce writes an OpportunityHistory row, without any setup, whenever Stage, Amount, Probability
 * or Close Date changes, carrying the then-current values of all four (reference §2.2). So a row with
 * StageName = X is an entry into X only if the row before it had another stage (or it is the first
 * row, the creation). OpportunityHistory has no "previous stage" field, so the query reads each
 * candidate's newest history rows and the comparison happens here.
 *
 * The poll is ONE query (one API call, however many records match):
 *
 *   SELECT Id, Name, StageName, Amount, CloseDate, Account.Name, SystemModstamp, <tag fields>,
 *     (SELECT Id, StageName, CreatedDate FROM OpportunityHistories ORDER BY CreatedDate DESC, Id DESC LIMIT 10),
 *     (SELECT ContactId, Role, IsPrimary, Contact.Email, … FROM OpportunityContactRoles ORDER BY IsPrimary DESC, CreatedDate ASC),
 *     (SELECT Product2.StockKeepingUnit, Product2.ProductCode FROM OpportunityLineItems)
 *   FROM Opportunity
 *   WHERE Id IN (SELECT OpportunityId FROM OpportunityHistory WHERE StageName = '<stage>' AND CreatedDate >= <7 days ago>)
 *   ORDER BY SystemModstamp DESC LIMIT 2000
 *
 * - The semi-join keeps the candidates to opportunities with a row at the stage inside the window.
 * - The outer ORDER BY decides which parents the 2,000-row batch keeps when more match: an entry at
 *   time t updated the opportunity at t, so its SystemModstamp is ≥ t, and the newest entries' parents
 *   rank first. (SystemModstamp is indexed and on every object; reference §2.3.) The first page is
 *   all a poll needs, so `nextRecordsUrl` is never followed.
 * - A history row is counted only when the row before it is in the result. The 10th (oldest fetched)
 *   row has no visible predecessor and is skipped: a real entry reaches that position only after nine
 *   more changes, long after an earlier poll emitted it, while counting it could fire an edit.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { SalesforceClient } from '../salesforce/client';
import { recordUrl } from '../salesforce/record-url';
import { parseRecords } from '../salesforce/records';
import { compileSoql, dateTime, where, type SelectQuery } from '../salesforce/soql';
import {
  accountShape,
  children,
  contactRecipient,
  contactShape,
  HISTORY_ROWS_PER_RECORD,
  isoDateTime,
  lineItemShape,
  MAX_RECORDS_PER_QUERY,
  missingRecipient,
  newestFirst,
  numberOrNull,
  pollPlan,
  productSkus,
  readPicklistValue,
  readTagFields,
  samePicklistValue,
  tagFieldsHint,
  tagsFrom,
  textOf,
  type Recipient,
} from './common';

export interface OpportunityQueryOptions {
  stage: string;
  tagFields: readonly string[];
  since: Date;
}

export const opportunityStageQuery = ({ stage, tagFields, since }: OpportunityQueryOptions): SelectQuery => ({
  select: [
    'Id',
    'Name',
    'StageName',
    'Amount',
    'CloseDate',
    'Account.Name',
    'SystemModstamp',
    ...tagFields,
    {
      select: ['Id', 'StageName', 'CreatedDate'],
      from: 'OpportunityHistories',
      orderBy: [
        { field: 'CreatedDate', direction: 'DESC' },
        { field: 'Id', direction: 'DESC' },
      ],
      limit: HISTORY_ROWS_PER_RECORD,
    },
    {
      select: ['ContactId', 'Role', 'IsPrimary', 'Contact.Email', 'Contact.FirstName', 'Contact.LastName', 'Contact.Name'],
      from: 'OpportunityContactRoles',
      orderBy: [
        { field: 'IsPrimary', direction: 'DESC' },
        { field: 'CreatedDate', direction: 'ASC' },
      ],
    },
    { select: ['Product2.StockKeepingUnit', 'Product2.ProductCode'], from: 'OpportunityLineItems' },
  ],
  from: 'Opportunity',
  where: [
    where.in('Id', {
      select: ['OpportunityId'],
      from: 'OpportunityHistory',
      where: [where.eq('StageName', stage), where.gte('CreatedDate', dateTime(since))],
    }),
  ],
  orderBy: [{ field: 'SystemModstamp', direction: 'DESC' }],
  limit: MAX_RECORDS_PER_QUERY,
});

const historyRow = zod.looseObject({ Id: zod.string(), StageName: zod.string().nullish(), CreatedDate: zod.string() });
const contactRole = zod.looseObject({
  ContactId: zod.string().nullish(),
  Role: zod.string().nullish(),
  IsPrimary: zod.boolean().nullish(),
  Contact: contactShape,
});

const opportunity = zod.looseObject({
  Id: zod.string(),
  Name: zod.string().nullish(),
  StageName: zod.string().nullish(),
  Amount: zod.number().nullish(),
  CloseDate: zod.string().nullish(),
  Account: accountShape,
  OpportunityHistories: children(historyRow),
  OpportunityContactRoles: children(contactRole),
  OpportunityLineItems: children(lineItemShape),
});
type Opportunity = zod.infer<typeof opportunity>;

/** The rows (newest first) that are entries into `stage` on or after `since`. */
export const stageEntries = (rows: ReadonlyArray<zod.infer<typeof historyRow>>, stage: string, since: Date) => {
  const complete = rows.length < HISTORY_ROWS_PER_RECORD; // fewer than asked for: we hold the whole history
  return rows.filter((row, i) => {
    if (!samePicklistValue(row.StageName, stage)) return false;
    const at = new Date(row.CreatedDate);
    if (Number.isNaN(at.getTime()) || at < since) return false;
    const previous = rows[i + 1];
    if (previous) return !samePicklistValue(previous.StageName, stage);
    return complete; // the creation row is an entry; an unseen predecessor is not assumed
  });
};

/** The primary contact role by default, or the first contact with the chosen role (primary first). */
export const opportunityRecipient = (record: Opportunity, roleName: string): Recipient => {
  const roles = record.OpportunityContactRoles?.records ?? [];
  if (!roleName) {
    const primary = roles.find((r) => r.IsPrimary);
    if (!primary) {
      return missingRecipient(
        'Primary',
        roles.length === 0 ? 'The opportunity has no contact roles.' : `None of the opportunity’s ${roles.length} contact roles is marked Primary.`,
      );
    }
    return contactRecipient(textOf(primary.Role) || 'Primary', 'primary contact', primary.ContactId, primary.Contact);
  }
  const match = roles.find((r) => samePicklistValue(r.Role, roleName));
  if (!match) return missingRecipient(roleName, `No contact on the opportunity has the role “${roleName}”.`);
  return contactRecipient(textOf(match.Role), `${textOf(match.Role)} contact`, match.ContactId, match.Contact);
};

export const pollOpportunityStage = async (z: ZObject, bundle: Bundle) => {
  const input = bundle.inputData as Record<string, unknown>;
  const stage = readPicklistValue(z, input.stage, 'Stage', 'Salesforce’s opportunity stages');
  const roleName = typeof input.recipient_role === 'string' ? input.recipient_role.trim() : '';
  const tagFields = readTagFields(z, input.tag_fields, 'Opportunity');
  const plan = pollPlan(bundle);

  const client = SalesforceClient.fromBundle(z, bundle);
  const action = `read the opportunities that reached “${stage}”`;
  const soql = compileSoql(opportunityStageQuery({ stage, tagFields, since: plan.since }));
  const page = await client.query<unknown>(soql, { action, hint: tagFieldsHint(tagFields) });
  const records = parseRecords(z, page, opportunity, action);

  const items = records.flatMap((record) => {
    const entries = stageEntries(record.OpportunityHistories?.records ?? [], stage, plan.since);
    if (entries.length === 0) return [];
    const shared = {
      record_id: record.Id,
      record_type: 'Opportunity',
      name: textOf(record.Name),
      ...opportunityRecipient(record, roleName),
      product_skus: productSkus(record.OpportunityLineItems?.records),
      tags: tagsFrom(record, tagFields),
      // Opportunities have no number; the 18-character id is unique and finds the record again
      // ("Log Review in Salesforce" looks it up by Id).
      reference_number: record.Id,
      record_url: recordUrl(client.instanceUrl, 'Opportunity', record.Id),
      amount: numberOrNull(record.Amount),
      close_date: textOf(record.CloseDate),
      account_name: textOf(record.Account?.Name),
    };
    // The stage the record entered, not where it is now: it may have moved on since.
    return entries.map((entry) => ({ id: entry.Id, entered_at: isoDateTime(entry.CreatedDate), stage: textOf(entry.StageName), ...shared }));
  });
  return newestFirst(items, plan.cap);
};
