/**
 * "Find Salesforce Record": the opportunity, order or case behind a reference, as it is NOW. It is the
 * recheck in a hold-and-recheck Zap (Order Reached Status → Delay → Find Salesforce Record → Filter →
 * Send Review Invitation): an order returned or cancelled during the delay is no longer in its status,
 * so the Filter stops the Zap before an invitation is sent. The rule is about the order's state, never
 * about what the customer might say.
 *
 * One query, always:
 * - a reference that is a Salesforce id with the chosen object's key prefix (006 Opportunity, 801 Order,
 *   500 Case) is looked up by Id;
 * - otherwise by the number an invitation carries: Order Number, Case Number, or, for opportunities,
 *   the Opportunity Name ("Log Review in Salesforce" matches the same way).
 * The recipient comes from the same query: the order's Bill-To Contact (else its Ship-To Contact), the
 * case's Contact (else its Web Email), the opportunity's primary contact role.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { SalesforceClient } from '../salesforce/client';
import { appError } from '../errors/facts';
import { inputError, optionalChoice, optionalText } from '../inputs/readers';
import { recordUrl } from '../salesforce/record-url';
import { parseRecords } from '../salesforce/records';
import { compileSoql, isSalesforceId, where, type SelectQuery } from '../salesforce/soql';
import { children, isoDateTime, samePicklistValue, textOf } from '../stage-triggers/common';
import { FIND_RECORD_LABELS as LABELS, FIND_RECORD_TYPES, type FindRecordType, type FoundRecord } from './fields';

const invalid = (z: ZObject, label: string, problem: string) => appError(z, { kind: 'input', sentence: `${label}: ${problem}`, code: 'invalid_input' });

export interface FindRecordInput {
  reference: string;
  recordType: FindRecordType;
  expectedStatus: string;
}

/** Reference numbers as invitations carry them, and picklist values: at most 255 characters, one line. */
const ONE_LINE = { max: 255 };

/** Every field is read, and refused when wrong, before the query. */
export const readFindRecordInput = (input: Record<string, unknown>): FindRecordInput => {
  const reference = optionalText(input.reference, LABELS.reference, ONE_LINE);
  const recordType = optionalChoice(input.record_type, LABELS.record_type, FIND_RECORD_TYPES);
  const expectedStatus = optionalText(input.expected_status, LABELS.expected_status, ONE_LINE) ?? '';
  if (reference === undefined) {
    throw inputError(LABELS.reference, 'is required: map the Reference Number the invitation was sent with (an Order Number, a Case Number or an Opportunity ID), or the record’s ID');
  }
  if (recordType === undefined) throw inputError(LABELS.record_type, 'choose Opportunity, Order or Case');
  return { reference, recordType, expectedStatus };
};

const text = zod.string().nullish();
const contact = zod.looseObject({ Email: text, FirstName: text, LastName: text, Name: text, Phone: text, MobilePhone: text }).nullish();
type Contact = zod.infer<typeof contact>;
const contactFields = (relationship: string) => ['Email', 'FirstName', 'LastName', 'Name', 'Phone', 'MobilePhone'].map((f) => `${relationship}.${f}`);

const record = zod.looseObject({
  Id: zod.string(),
  Name: text,
  OrderNumber: text,
  CaseNumber: text,
  Subject: text,
  StageName: text,
  Status: text,
  StatusCode: text,
  IsClosed: zod.boolean().nullish(),
  IsWon: zod.boolean().nullish(),
  LastModifiedDate: text,
  Account: zod.looseObject({ Name: text }).nullish(),
  BillToContactId: text,
  BillToContact: contact,
  ShipToContactId: text,
  ShipToContact: contact,
  ContactId: text,
  Contact: contact,
  SuppliedEmail: text,
  SuppliedName: text,
  SuppliedPhone: text,
  OpportunityContactRoles: children(zod.looseObject({ ContactId: text, Role: text, IsPrimary: zod.boolean().nullish(), Contact: contact })),
});
type SfRecord = zod.infer<typeof record>;

interface Spec {
  sobject: FoundRecord['record_type'];
  keyPrefix: string;
  numberField: string;
  fields: Array<string | SelectQuery>;
  noun: string;
}

const SPECS: Record<FindRecordType, Spec> = {
  order: {
    sobject: 'Order',
    keyPrefix: '801',
    numberField: 'OrderNumber',
    noun: 'order',
    fields: ['Id', 'OrderNumber', 'Status', 'StatusCode', 'LastModifiedDate', 'Account.Name', 'BillToContactId', ...contactFields('BillToContact'), 'ShipToContactId', ...contactFields('ShipToContact')],
  },
  case: {
    sobject: 'Case',
    keyPrefix: '500',
    numberField: 'CaseNumber',
    noun: 'case',
    fields: ['Id', 'CaseNumber', 'Subject', 'Status', 'IsClosed', 'LastModifiedDate', 'Account.Name', 'ContactId', ...contactFields('Contact'), 'SuppliedEmail', 'SuppliedName', 'SuppliedPhone'],
  },
  opportunity: {
    sobject: 'Opportunity',
    keyPrefix: '006',
    numberField: 'Name',
    noun: 'opportunity',
    fields: [
      'Id',
      'Name',
      'StageName',
      'IsClosed',
      'IsWon',
      'LastModifiedDate',
      'Account.Name',
      {
        select: ['ContactId', 'Role', 'IsPrimary', ...contactFields('Contact')],
        from: 'OpportunityContactRoles',
        where: [where.eq('IsPrimary', true)],
        limit: 1,
      },
    ],
  },
};

/** The one query: by Id when the reference is this object's id, else by its number (Opportunity: Name). */
export const findRecordQuery = (input: Pick<FindRecordInput, 'reference' | 'recordType'>): SelectQuery => {
  const spec = SPECS[input.recordType];
  const byId = isSalesforceId(input.reference) && input.reference.startsWith(spec.keyPrefix);
  return {
    select: spec.fields,
    from: spec.sobject,
    where: [where.eq(byId ? 'Id' : spec.numberField, input.reference)],
    // Two are enough to know a number is not unique.
    limit: 2,
  };
};

type Recipient = Pick<
  FoundRecord,
  | 'recipient_email'
  | 'recipient_name'
  | 'recipient_first_name'
  | 'recipient_last_name'
  | 'recipient_phone'
  | 'recipient_mobile_phone'
  | 'recipient_contact_id'
  | 'recipient_role'
  | 'recipient_missing_reason'
>;

const noRecipient = (role: string, reason: string, contactId = ''): Recipient => ({
  recipient_email: '',
  recipient_name: '',
  recipient_first_name: '',
  recipient_last_name: '',
  recipient_phone: '',
  recipient_mobile_phone: '',
  recipient_contact_id: contactId,
  recipient_role: role,
  recipient_missing_reason: reason,
});

/** As the stage triggers word it: a missing email is a reason, never a silent blank. */
const fromContact = (role: string, who: string, contactId: unknown, c: Contact): Recipient => {
  const id = textOf(contactId);
  if (!id) return noRecipient(role, `No ${who} is set on the record.`);
  if (!c) return noRecipient(role, `The ${who} (${id}) was deleted or is not visible to the connected Salesforce user.`, id);
  const first = textOf(c.FirstName);
  const last = textOf(c.LastName);
  const name = textOf(c.Name) || [first, last].filter(Boolean).join(' ');
  const email = textOf(c.Email);
  return {
    recipient_email: email,
    recipient_name: name,
    recipient_first_name: first,
    recipient_last_name: last,
    recipient_phone: textOf(c.Phone),
    recipient_mobile_phone: textOf(c.MobilePhone),
    recipient_contact_id: id,
    recipient_role: role,
    recipient_missing_reason: email ? '' : `The ${who}${name ? ` ${name}` : ''} has no email address.`,
  };
};

const recipientOf = (type: FindRecordType, r: SfRecord): Recipient => {
  if (type === 'order') {
    if (!textOf(r.BillToContactId) && textOf(r.ShipToContactId)) return fromContact('Ship To', 'ship-to contact', r.ShipToContactId, r.ShipToContact);
    return fromContact('Bill To', 'bill-to contact', r.BillToContactId, r.BillToContact);
  }
  if (type === 'case') {
    if (textOf(r.ContactId) || !textOf(r.SuppliedEmail)) return fromContact('Case Contact', 'case contact', r.ContactId, r.Contact);
    return { ...noRecipient('Web Email', ''), recipient_email: textOf(r.SuppliedEmail), recipient_name: textOf(r.SuppliedName), recipient_phone: textOf(r.SuppliedPhone) };
  }
  const primary = r.OpportunityContactRoles?.records[0];
  if (!primary) return noRecipient('Primary', 'The opportunity has no primary contact role.');
  return fromContact(textOf(primary.Role) || 'Primary', 'primary contact', primary.ContactId, primary.Contact);
};

/**
 * Salesforce has no "cancelled" flag on orders (OrderStatus.StatusCode is only Draft or Activated), so an
 * order counts as cancelled when its status says so: Cancelled, Canceled, Returned, Refunded, Voided.
 * For the hold-and-recheck Zap, "Still In Expected Status" is the reliable signal; this one is a convenience.
 */
const CANCELLED_STATUS = /cancel|return|refund|void/i;

export const describeRecord = (type: FindRecordType, r: SfRecord, instanceUrl: string, expectedStatus: string): FoundRecord => {
  const spec = SPECS[type];
  const status = textOf(type === 'opportunity' ? r.StageName : r.Status);
  const number = textOf(type === 'order' ? r.OrderNumber : type === 'case' ? r.CaseNumber : r.Name);
  const cancelled = type === 'opportunity' ? Boolean(r.IsClosed && !r.IsWon) : CANCELLED_STATUS.test(status);
  return {
    id: r.Id,
    record_type: spec.sobject,
    record_number: number,
    name: type === 'opportunity' ? number : type === 'case' ? textOf(r.Subject) || `Case ${number}` : `Order ${number}`,
    status,
    status_category: type === 'order' ? textOf(r.StatusCode) : '',
    expected_status: expectedStatus,
    still_in_expected_status: expectedStatus ? samePicklistValue(status, expectedStatus) : null,
    is_closed: type === 'order' ? cancelled : Boolean(r.IsClosed),
    is_cancelled: cancelled,
    is_won: type === 'opportunity' ? Boolean(r.IsWon) : null,
    last_modified_at: isoDateTime(r.LastModifiedDate),
    ...recipientOf(type, r),
    // What "Send Review Invitation" carries as Reference Number, as the stage triggers set it.
    reference_number: type === 'opportunity' ? r.Id : number,
    account_name: textOf(r.Account?.Name),
    record_url: recordUrl(instanceUrl, spec.sobject, r.Id),
  };
};

export const findSalesforceRecord = async (z: ZObject, bundle: Bundle): Promise<FoundRecord[]> => {
  const input = readFindRecordInput((bundle.inputData ?? {}) as Record<string, unknown>);
  const spec = SPECS[input.recordType];
  const client = SalesforceClient.fromBundle(z, bundle);
  const action = `find the ${spec.noun} with reference “${input.reference}”`;
  const page = await client.query<unknown>(compileSoql(findRecordQuery(input)), {
    action,
    hint: (failure) =>
      /No such column|INVALID_FIELD/i.test(`${failure.errorCode ?? ''} ${failure.message}`)
        ? `The connected Salesforce user needs read access to the ${spec.sobject} and Contact fields this step reads (Email, Name, Phone, Mobile Phone).`
        : undefined,
  });
  const records = parseRecords(z, page, record, action);
  if (records.length > 1) {
    throw invalid(
      z,
      LABELS.reference,
      `“${input.reference}” matches more than one ${spec.noun} (${records.map((r) => r.Id).join(', ')}); map the record’s ID instead so the right one is checked.`,
    );
  }
  return records.map((r) => describeRecord(input.recordType, r, client.instanceUrl, input.expectedStatus));
};
