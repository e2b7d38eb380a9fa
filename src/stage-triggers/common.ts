/**
 * What the three "reached stage/status" triggers share: reading their inputs, the poll window, the
 * record shapes Salesforce returns, and the flat output a marketer maps into "Send Review Invitation".
 *
 * Every poll is ONE query (see each trigger's module for its shape). Nothing here calls Salesforce.
 */
import type { Bundle } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { inputError, list, optionalChoice, optionalText, quoted } from '../inputs/readers';
import type { SalesforceFailure } from '../salesforce/errors';
import { isFieldPath, MAX_PATH_SEGMENTS } from '../salesforce/soql';
import { children, valueAtPath } from '../salesforce/records';
import { MAX_TAG_FIELDS } from './fields';

export { children, valueAtPath };

// ---------------------------------------------------------------------------------------------------
// Window and volume
// ---------------------------------------------------------------------------------------------------

/**
 * How far back a poll looks for stage entries. Zapier polls every 1–15 minutes, so a week covers
 * paused polling and outages with a wide margin, while keeping the candidate set small enough that
 * the newest entries always fit in the first 2,000-record batch.
 */
export const LOOKBACK_DAYS = 7;
/** Testing a trigger in the Zap editor should find a real record even in a quiet org. */
export const SAMPLE_LOOKBACK_DAYS = 90;
/** Zapier's polling throttle: 100 new items per poll (https://docs.zapier.com/integrations/build/operating-constraints). */
export const MAX_ITEMS_PER_POLL = 100;
/** One synchronous query batch. Also the most the dedupe seed returns when the Zap is turned on. */
export const MAX_RECORDS_PER_QUERY = 2000;
/**
 * History rows read per record, newest first. Enough to tell an entry from an edit for any change
 * made since the last poll; see opportunity.ts for why an older row is never counted as an entry.
 */
export const HISTORY_ROWS_PER_RECORD = 10;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PollPlan {
  /** Entries at or after this moment count. */
  since: Date;
  /** Zap turn-on: return everything the query found, so it all lands in the dedupe table. */
  seeding: boolean;
  /** Items returned at most (undefined when seeding). */
  cap: number | undefined;
}

export const pollPlan = (bundle: Pick<Bundle, 'meta'>, now: number = Date.now()): PollPlan => {
  const meta = (bundle.meta ?? {}) as Partial<Bundle['meta']>;
  const seeding = Boolean(meta.isPopulatingDedupe);
  const days = meta.isLoadingSample ? SAMPLE_LOOKBACK_DAYS : LOOKBACK_DAYS;
  return { since: new Date(now - days * DAY_MS), seeding, cap: seeding ? undefined : MAX_ITEMS_PER_POLL };
};

// ---------------------------------------------------------------------------------------------------
// Inputs (validated before any call)
// ---------------------------------------------------------------------------------------------------

/** Salesforce picklist values are at most 255 characters (a restricted picklist's API name is shorter). */
export const PICKLIST_VALUE_MAX = 255;

/** A picklist value chosen in a dropdown (or typed): required, one line, at most 255 characters. */
export const readPicklistValue = (raw: unknown, label: string, where: string): string => {
  const value = optionalText(raw, label, { max: PICKLIST_VALUE_MAX });
  if (value === undefined) throw inputError(label, `choose a value from the dropdown (${where})`);
  return value;
};

/** An optional picklist value, such as a contact role: one line, at most 255 characters. */
export const readOptionalPicklistValue = (raw: unknown, label: string): string => optionalText(raw, label, { max: PICKLIST_VALUE_MAX }) ?? '';

/**
 * The triggers read tag fields through the history object (`Opportunity.Region__c`), which takes one of
 * Salesforce's 5 levels of child-to-parent path, so a tag path may have at most 4 names.
 */
export const MAX_TAG_PATH_SEGMENTS = MAX_PATH_SEGMENTS - 1;
/** 4 API names of at most 80 characters (isApiName) and the dots between them. */
const MAX_TAG_PATH_LENGTH = MAX_TAG_PATH_SEGMENTS * 81 - 1;
export const TAG_FIELDS_LABEL = 'Tag Fields';

/** Tag Fields: a list in the editor, or a comma-separated text when mapped. Each must be an API name. */
export const readTagFields = (raw: unknown, sobject: string): string[] => {
  const items = list(raw, TAG_FIELDS_LABEL, {
    noun: 'field',
    // Duplicates are dropped below; the limit applies to the distinct fields.
    maxItems: MAX_TAG_FIELDS * 5,
    maxLength: MAX_TAG_PATH_LENGTH,
    entry: (item) =>
      isFieldPath(item) && item.split('.').length <= MAX_TAG_PATH_SEGMENTS
        ? undefined
        : `${quoted(item, 80)} is not a field API name. Use API names such as Region__c or Account.Industry ` +
          `(at most ${MAX_TAG_PATH_SEGMENTS} names joined by dots), found in Salesforce Setup → Object Manager → ${sobject} → Fields & Relationships → Field Name`,
  });
  const unique: string[] = [];
  for (const item of items) if (!unique.some((u) => u.toLowerCase() === item.toLowerCase())) unique.push(item);
  if (unique.length > MAX_TAG_FIELDS) throw inputError(TAG_FIELDS_LABEL, `use at most ${MAX_TAG_FIELDS} fields`);
  return unique;
};

/** One of the field's choices; empty means the field's default. */
export const readChoice = <T extends string>(raw: unknown, label: string, choices: readonly T[], fallback: T): T =>
  optionalChoice(raw, label, choices) ?? fallback;

/** The Tag Fields hint only when Salesforce's refusal names one of them, so it never misleads. */
export const tagFieldsHint =
  (tagFields: readonly string[]) =>
  (failure: SalesforceFailure): string | undefined => {
    const message = failure.message.toLowerCase();
    const named = tagFields.some((path) => path.split('.').some((segment) => message.includes(`'${segment.toLowerCase()}'`)));
    return named ? 'Check the Tag Fields.' : undefined;
  };

// ---------------------------------------------------------------------------------------------------
// Record shapes (parsed at the boundary; unknown keys such as tag fields are kept)
// ---------------------------------------------------------------------------------------------------

const text = zod.string().nullish();

export const contactShape = zod
  .looseObject({ Email: text, FirstName: text, LastName: text, Name: text, Phone: text, MobilePhone: text, MailingCountry: text })
  .nullish();
/** The contact fields every trigger reads through a lookup (`BillToContact`, `Contact`, …). */
export const CONTACT_FIELDS = ['Email', 'FirstName', 'LastName', 'Name', 'Phone', 'MobilePhone', 'MailingCountry'] as const;
export const contactPaths = (relationship: string): string[] => CONTACT_FIELDS.map((f) => `${relationship}.${f}`);
/** The record owner (a user, or a queue for cases: a queue has a name and maybe an email). */
export const ownerShape = zod.looseObject({ Name: text, Email: text }).nullish();
export const ownerPaths = (prefix = ''): string[] => [`${prefix}Owner.Name`, `${prefix}Owner.Email`];
export const ownerOutput = (owner: zod.infer<typeof ownerShape>) => ({ owner_name: clean(owner?.Name), owner_email: clean(owner?.Email) });
export type ContactShape = zod.infer<typeof contactShape>;

export const lineItemShape = zod.looseObject({
  Product2: zod.looseObject({ StockKeepingUnit: text, ProductCode: text }).nullish(),
});

/** A field-history row (CaseHistory, OrderHistory). OldValue/NewValue are anyType, so not filterable. */
export const fieldHistoryShape = zod.looseObject({
  Id: zod.string(),
  CreatedDate: zod.string(),
  OldValue: zod.unknown().optional(),
  NewValue: zod.unknown().optional(),
});

export const accountShape = zod.looseObject({ Name: text }).nullish();

// ---------------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------------

export interface Recipient {
  recipient_email: string;
  recipient_first_name: string;
  recipient_last_name: string;
  recipient_name: string;
  recipient_contact_id: string;
  recipient_role: string;
  /** Empty when there is an email; otherwise why not, so no customer is silently skipped. */
  recipient_missing_reason: string;
  /** For SMS and WhatsApp steps; empty when Salesforce has none. */
  recipient_phone: string;
  recipient_mobile_phone: string;
  /** The contact's mailing country, as typed in Salesforce (so a Zap can pick a locale). */
  recipient_country: string;
}

const clean = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export const missingRecipient = (role: string, reason: string, contactId = '', name = ''): Recipient => ({
  recipient_phone: '',
  recipient_mobile_phone: '',
  recipient_country: '',
  recipient_email: '',
  recipient_first_name: '',
  recipient_last_name: '',
  recipient_name: name,
  recipient_contact_id: contactId,
  recipient_role: role,
  recipient_missing_reason: reason,
});

/**
 * The recipient behind a contact lookup. `who` names the lookup in a sentence ("the bill-to contact").
 * A contact id without a contact means the connected user cannot see it, or it was deleted
 * (OpportunityContactRole.ContactId can point at either: https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_opportunitycontactrole.htm).
 */
export const contactRecipient = (role: string, who: string, contactId: string | null | undefined, contact: ContactShape): Recipient => {
  const id = clean(contactId);
  if (!id) return missingRecipient(role, `No ${who} is set on the record.`);
  if (!contact) return missingRecipient(role, `The ${who} (${id}) was deleted or is not visible to the connected Salesforce user.`, id);
  const first = clean(contact.FirstName);
  const last = clean(contact.LastName);
  const name = clean(contact.Name) || [first, last].filter(Boolean).join(' ');
  const email = clean(contact.Email);
  const reach = { recipient_phone: clean(contact.Phone), recipient_mobile_phone: clean(contact.MobilePhone), recipient_country: clean(contact.MailingCountry) };
  if (!email) {
    return {
      ...missingRecipient(role, `The ${who}${name ? ` ${name}` : ''} has no email address.`, id, name),
      recipient_first_name: first,
      recipient_last_name: last,
      ...reach,
    };
  }
  return {
    ...reach,
    recipient_email: email,
    recipient_first_name: first,
    recipient_last_name: last,
    recipient_name: name,
    recipient_contact_id: id,
    recipient_role: role,
    recipient_missing_reason: '',
  };
};

/** Product2's SKU, else its product code; de-duplicated, in line-item order. */
export const productSkus = (lines: ReadonlyArray<zod.infer<typeof lineItemShape>> | undefined): string[] => {
  const skus: string[] = [];
  for (const line of lines ?? []) {
    const sku = clean(line.Product2?.StockKeepingUnit) || clean(line.Product2?.ProductCode);
    if (sku && !skus.includes(sku)) skus.push(sku);
  }
  return skus;
};

/**
 * Tag Fields' values as tags. Text and numbers become a tag each; a multi-select picklist (`A;B`)
 * becomes one tag per value; empty values and compound fields (addresses) are left out.
 */
export const tagsFrom = (record: unknown, tagFields: readonly string[]): string[] => {
  const tags: string[] = [];
  for (const path of tagFields) {
    const value = valueAtPath(record, path);
    const parts =
      typeof value === 'string' ? value.split(';') : typeof value === 'number' || typeof value === 'boolean' ? [String(value)] : [];
    for (const part of parts.map((p) => p.trim())) if (part && !tags.includes(part)) tags.push(part);
  }
  return tags;
};

/** Salesforce's `2026-11-01T09:30:00.000+0000` as ISO-8601 UTC; empty when absent or unreadable. */
export const isoDateTime = (value: unknown): string => {
  if (typeof value !== 'string' || !value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
};

export const textOf = clean;

export const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Newest first (Zapier dedupes on the first page), ties broken by id so the order is stable. */
export const newestFirst = <T extends { id: string; entered_at: string }>(items: T[], cap: number | undefined): T[] => {
  items.sort((a, b) => (a.entered_at === b.entered_at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.entered_at < b.entered_at ? 1 : -1));
  return cap === undefined ? items : items.slice(0, cap);
};

/** Picklist values compare the way SOQL's `=` does: case-insensitively. */
export const samePicklistValue = (a: unknown, b: string): boolean => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
