/**
 * The Tag Fields dropdowns of the three Salesforce triggers: the object's fields whose values make
 * sensible tags (text, picklists, checkboxes), from one describe. Each is labelled as Salesforce shows it,
 * with the API name in brackets, e.g. "Region (Region__c)". Fields of related records (Account.Industry)
 * are not listed; users type them as a custom value.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';

import { SalesforceClient } from '../salesforce/client';
import type { Choice } from './picklists';

/** Describe types whose values read as a tag. Ids, emails, phones, dates and amounts do not. */
const TAGGABLE = new Set(['string', 'picklist', 'multipicklist', 'combobox', 'boolean']);

export type TagObject = 'Opportunity' | 'Order' | 'Case';

export async function listTagFields(z: ZObject, bundle: Bundle, sobject: TagObject): Promise<Choice[]> {
  const fields = await SalesforceClient.fromBundle(z, bundle).describeFields(sobject, { action: `list the ${sobject.toLowerCase()} fields` });
  return fields
    .filter((f) => f.name && TAGGABLE.has((f.type ?? '').toLowerCase()))
    .map((f) => ({ id: f.name, name: `${(f.label ?? '').trim() || f.name} (${f.name})` }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}
