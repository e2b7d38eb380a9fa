/**
 * The hidden dropdown triggers: one API call each.
 *
 * Stages and statuses have their own small standard objects (OpportunityStage, OrderStatus,
 * CaseStatus; docs/upstream-facts.md, "Salesforce: objects and fields"), queried with SOQL. Their `ApiName` is the value stored on the record
 * and in history rows, so it is the dropdown's id; `MasterLabel` is what people see in Salesforce.
 *
 * Contact roles have no such object. Their values are the OpportunityContactRole.Role picklist, read
 * with one describe of OpportunityContactRole (a small object: a dozen fields). The UI API's
 * `picklist-values/{recordTypeId}/Role` resource would also be one call, but needs a record type id,
 * and OpportunityContactRole is not among the objects the UI API documentation lists; describe works
 * in every org and API version.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { SalesforceClient } from '../salesforce/client';
import { parseRecords } from '../salesforce/records';
import { compileSoql, where, type SelectQuery } from '../salesforce/soql';

export interface Choice {
  id: string;
  name: string;
}

const stageLike = zod.looseObject({
  ApiName: zod.string(),
  MasterLabel: zod.string().nullish(),
  IsClosed: zod.boolean().nullish(),
  IsWon: zod.boolean().nullish(),
  StatusCode: zod.string().nullish(),
});

const uniqueById = (choices: Choice[]): Choice[] => choices.filter((c, i) => c.id && choices.findIndex((o) => o.id === c.id) === i);

const listFrom = async (z: ZObject, bundle: Bundle, query: SelectQuery, action: string, label: (r: zod.infer<typeof stageLike>) => string) => {
  const page = await SalesforceClient.fromBundle(z, bundle).query<unknown>(compileSoql(query), { action });
  return uniqueById(parseRecords(z, page, stageLike, action).map((r) => ({ id: r.ApiName, name: label(r) })));
};

const labelOf = (r: zod.infer<typeof stageLike>) => (r.MasterLabel ?? '').trim() || r.ApiName;
const bySortOrder = [
  { field: 'SortOrder', direction: 'ASC', nulls: 'LAST' },
  { field: 'MasterLabel', direction: 'ASC' },
] as const;

export const listOpportunityStages = (z: ZObject, bundle: Bundle) =>
  listFrom(
    z,
    bundle,
    { select: ['ApiName', 'MasterLabel', 'IsClosed', 'IsWon', 'SortOrder'], from: 'OpportunityStage', where: [where.eq('IsActive', true)], orderBy: bySortOrder },
    'list the opportunity stages',
    (r) => `${labelOf(r)}${r.IsWon ? ' (won)' : r.IsClosed ? ' (closed)' : ''}`,
  );

export const listOrderStatuses = (z: ZObject, bundle: Bundle) =>
  listFrom(
    z,
    bundle,
    { select: ['ApiName', 'MasterLabel', 'StatusCode', 'SortOrder'], from: 'OrderStatus', orderBy: bySortOrder },
    'list the order statuses',
    (r) => `${labelOf(r)}${r.StatusCode ? ` (${r.StatusCode})` : ''}`,
  );

export const listCaseStatuses = (z: ZObject, bundle: Bundle) =>
  listFrom(
    z,
    bundle,
    { select: ['ApiName', 'MasterLabel', 'IsClosed', 'SortOrder'], from: 'CaseStatus', orderBy: bySortOrder },
    'list the case statuses',
    (r) => `${labelOf(r)}${r.IsClosed ? ' (closed)' : ''}`,
  );

export const listContactRoles = async (z: ZObject, bundle: Bundle): Promise<Choice[]> => {
  const fields = await SalesforceClient.fromBundle(z, bundle).describeFields('OpportunityContactRole', {
    action: 'list the opportunity contact roles',
  });
  const role = fields.find((f) => f.name === 'Role');
  return uniqueById(
    (role?.picklistValues ?? []).filter((v) => v.active && v.value).map((v) => ({ id: v.value, name: (v.label ?? '').trim() || v.value })),
  );
};
