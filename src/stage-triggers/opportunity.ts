/**
 * "Opportunity Reached Stage": one item per ENTRY into the stage, keyed by the OpportunityHistory row
 * that records it, so a record that leaves and comes back fires again and one merely edited does not.
 *
 * Salesforce writes an OpportunityHistory row, without any setup, whenever Stage, Amount, Probability
 * or Close Date changes, carrying the then-current values of all four
 * (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_opportunityhistory.htm).
 * So a row with StageName = X is an entry into X only if the row before it had another stage (or it is
 * the first row, the creation). A poll costs at most 3 calls, whatever the org's size:
 *
 * 1. The candidate rows, newest first, with the opportunity's fields through child-to-parent paths (no
 *    child rows, so a batch really holds 2,000 rows):
 *      SELECT Id, OpportunityId, StageName, CreatedDate, Opportunity.Name, …, Opportunity.Owner.Name, <tag fields>
 *      FROM OpportunityHistory WHERE StageName = '<stage>' AND CreatedDate >= <7 days ago>
 *      ORDER BY CreatedDate DESC, Id DESC LIMIT 2000
 *    When the Zap is turned on (dedupe seeding) every row is returned as seen, and the poll ends here.
 * 2. For the newest candidates' opportunities (at most 150, so ≤ 11 rows each stay under one batch):
 *    their 10 newest history rows (to tell an entry from an edit) and the recipient's contact role.
 *    A history row is counted only when the row before it is in the result; a real entry reaches the
 *    10th position only after nine more changes, long after an earlier poll emitted it.
 * 3. The emitted opportunities' SKUs, from OpportunityLineItem in one flat query (line-items.ts).
 *
 * Person accounts (B2C) often have no contact role: then the account's PersonEmail is the recipient,
 * in orgs where that field exists (checked once a day, detect.ts).
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
  contactPaths,
  contactRecipient,
  contactShape,
  HISTORY_ROWS_PER_RECORD,
  isoDateTime,
  MAX_RECORDS_PER_QUERY,
  missingRecipient,
  newestFirst,
  numberOrNull,
  ownerOutput,
  ownerPaths,
  ownerShape,
  pollPlan,
  readOptionalPicklistValue,
  readPicklistValue,
  readTagFields,
  samePicklistValue,
  tagFieldsHint,
  tagsFrom,
  textOf,
  type Recipient,
} from './common';
import { hasField, setupAndFirstPage } from './detect';
import { readSkus } from './line-items';
import { MAX_CALLS_PER_POLL } from './status';

/** Opportunities checked per poll in call 2: 150 × (10 history rows + 1 contact role + 1) stays under one 2,000-record batch. */
export const MAX_CANDIDATES = 150;
export const PERSON_FIELDS = ['PersonEmail', 'PersonMobilePhone'] as const;

export interface OpportunityQueryOptions {
  stage: string;
  tagFields: readonly string[];
  since: Date;
  /** Account.PersonEmail and PersonMobilePhone exist in this org. */
  personAccounts?: boolean;
}

/** Call 1: the rows at the stage, newest first, with the opportunity through child-to-parent paths. */
export const opportunityStageQuery = ({ stage, tagFields, since, personAccounts }: OpportunityQueryOptions): SelectQuery => ({
  select: [
    'Id',
    'OpportunityId',
    'StageName',
    'CreatedDate',
    ...['Id', 'Name', 'StageName', 'Amount', 'CloseDate', 'Account.Name', ...ownerPaths(), ...(personAccounts ? PERSON_FIELDS.map((f) => `Account.${f}`) : []), ...tagFields].map(
      (f) => `Opportunity.${f}`,
    ),
  ],
  from: 'OpportunityHistory',
  where: [where.eq('StageName', stage), where.gte('CreatedDate', dateTime(since))],
  orderBy: [
    { field: 'CreatedDate', direction: 'DESC' },
    { field: 'Id', direction: 'DESC' },
  ],
  limit: MAX_RECORDS_PER_QUERY,
});

/** Call 2: each candidate's newest history rows and the contact role the recipient comes from. */
export const opportunityDetailsQuery = (ids: readonly string[], roleName: string): SelectQuery => ({
  select: [
    'Id',
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
      select: ['ContactId', 'Role', 'IsPrimary', ...contactPaths('Contact')],
      from: 'OpportunityContactRoles',
      ...(roleName ? { where: [where.eq('Role', roleName)] } : {}),
      orderBy: [
        { field: 'IsPrimary', direction: 'DESC' },
        { field: 'CreatedDate', direction: 'ASC' },
      ],
      limit: 1,
    },
  ],
  from: 'Opportunity',
  where: [where.inList('Id', ids)],
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
  Account: zod.looseObject({ Name: zod.string().nullish(), PersonEmail: zod.string().nullish(), PersonMobilePhone: zod.string().nullish() }).nullish(),
  Owner: ownerShape,
});
type Opportunity = zod.infer<typeof opportunity>;

const candidateRow = zod.looseObject({ ...historyRow.shape, OpportunityId: zod.string(), Opportunity: opportunity.nullish() });

const details = zod.looseObject({
  Id: zod.string(),
  OpportunityHistories: children(historyRow),
  OpportunityContactRoles: children(contactRole),
});
type Details = zod.infer<typeof details>;

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

/**
 * The primary contact role by default, or the first contact with the chosen role (call 2 reads only
 * that one). With no contact role, a person account's own email and mobile.
 */
export const opportunityRecipient = (record: Opportunity, detail: Pick<Details, 'OpportunityContactRoles'>, roleName: string): Recipient => {
  const [role] = detail.OpportunityContactRoles?.records ?? [];
  const personEmail = textOf(record.Account?.PersonEmail);
  if (!role && personEmail) {
    return {
      recipient_email: personEmail,
      recipient_first_name: '',
      recipient_last_name: '',
      recipient_name: textOf(record.Account?.Name),
      recipient_contact_id: '',
      recipient_role: 'Person Account',
      recipient_missing_reason: '',
      recipient_phone: '',
      recipient_mobile_phone: textOf(record.Account?.PersonMobilePhone),
      recipient_country: '',
    };
  }
  if (!roleName) {
    if (!role) return missingRecipient('Primary', 'The opportunity has no contact roles.');
    if (!role.IsPrimary) return missingRecipient('Primary', 'None of the opportunity’s contact roles is marked Primary.');
    return contactRecipient(textOf(role.Role) || 'Primary', 'primary contact', role.ContactId, role.Contact);
  }
  if (!role || !samePicklistValue(role.Role, roleName)) return missingRecipient(roleName, `No contact on the opportunity has the role “${roleName}”.`);
  return contactRecipient(textOf(role.Role), `${textOf(role.Role)} contact`, role.ContactId, role.Contact);
};

export const pollOpportunityStage = async (z: ZObject, bundle: Bundle) => {
  const input = bundle.inputData as Record<string, unknown>;
  const stage = readPicklistValue(input.stage, 'Stage', 'Salesforce’s opportunity stages');
  const roleName = readOptionalPicklistValue(input.recipient_role, 'Customer’s Contact Role');
  const tagFields = readTagFields(input.tag_fields, 'Opportunity');
  const plan = pollPlan(bundle);

  const client = SalesforceClient.fromBundle(z, bundle);
  const calls = { count: 0, max: MAX_CALLS_PER_POLL };
  const action = `read the opportunities that reached “${stage}”`;
  // Call 1 depends on whether the org has person accounts (Account.PersonEmail exists): a cached answer, or
  // asked together with both variants of the query in one composite call.
  const queryFor = (personAccounts: boolean) => compileSoql(opportunityStageQuery({ stage, tagFields, since: plan.since, personAccounts }));
  const { page } = await setupAndFirstPage(
    z,
    client,
    { sobject: 'Account', names: PERSON_FIELDS },
    { person_accounts: queryFor(true), business_accounts: queryFor(false) },
    (facts) => (PERSON_FIELDS.every((f) => hasField(facts, f)) ? 'person_accounts' : 'business_accounts'),
    { action, hint: tagFieldsHint(tagFields) },
    calls,
  );
  const rows = parseRecords(z, page, candidateRow, action).filter((r) => r.Opportunity);
  if (plan.seeding) {
    // Every row at the stage in the window is marked as seen, entry or not: none of them can fire later.
    return rows.map((row) => ({ id: row.Id, entered_at: isoDateTime(row.CreatedDate), stage: textOf(row.StageName), record_id: row.OpportunityId }));
  }

  const ids: string[] = [];
  for (const row of rows) {
    if (ids.length >= MAX_CANDIDATES) break;
    if (!ids.includes(row.OpportunityId)) ids.push(row.OpportunityId);
  }
  if (ids.length === 0) return [];
  calls.count += 1;
  const detailPage = await client.query<unknown>(compileSoql(opportunityDetailsQuery(ids, roleName)), { action });
  const detailById = new Map(parseRecords(z, detailPage, details, action).map((d) => [d.Id, d]));

  const entries: Array<{ id: string; entered_at: string; stage: string; record: Opportunity; detail: Details }> = [];
  for (const id of ids) {
    const detail = detailById.get(id);
    const record = rows.find((r) => r.OpportunityId === id)?.Opportunity;
    if (!detail || !record) continue;
    for (const entry of stageEntries(detail.OpportunityHistories?.records ?? [], stage, plan.since)) {
      // The stage the record entered, not where it is now: it may have moved on since.
      entries.push({ id: entry.Id, entered_at: isoDateTime(entry.CreatedDate), stage: textOf(entry.StageName), record, detail });
    }
  }
  const chosen = newestFirst(entries, plan.cap);
  const skus = await readSkus(
    z,
    client,
    { object: 'OpportunityLineItem', parentField: 'OpportunityId' },
    [...new Set(chosen.map((e) => e.record.Id))],
    calls,
    `read the products of the opportunities that reached “${stage}”`,
  );
  return chosen.map(({ record, detail, ...entry }) => ({
    ...entry,
    record_id: record.Id,
    record_type: 'Opportunity',
    name: textOf(record.Name),
    ...opportunityRecipient(record, detail, roleName),
    product_skus: skus.get(record.Id)?.skus ?? [],
    product_skus_complete: skus.get(record.Id)?.complete ?? false,
    tags: tagsFrom(record, tagFields),
    // Opportunities have no number; the 18-character id is unique and finds the record again
    // ("Log Review in Salesforce" looks it up by Id).
    reference_number: record.Id,
    record_url: recordUrl(client.instanceUrl, 'Opportunity', record.Id),
    amount: numberOrNull(record.Amount),
    close_date: textOf(record.CloseDate),
    account_name: textOf(record.Account?.Name),
    ...ownerOutput(record.Owner),
    detection_mode: 'stage_history',
  }));
};
