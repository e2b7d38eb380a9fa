/**
 * "Case Reached Status": the Case object for the status engine (status.ts has the query shapes).
 * The recipient is the case's Contact by default, or the Web Email (SuppliedEmail) that Web-to-Case
 * and Email-to-Case fill in. Cases have no line items, so Product SKUs stay empty.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { dateTime, where } from '../salesforce/soql';
import { accountShape, contactRecipient, contactShape, isoDateTime, missingRecipient, textOf } from './common';
import { pollStatusTrigger, type StatusObjectSpec } from './status';

export const CASE_RECIPIENTS = ['case_contact', 'supplied_email'] as const;
export type CaseRecipient = (typeof CASE_RECIPIENTS)[number];

const kase = zod.looseObject({
  Id: zod.string(),
  CaseNumber: zod.string().nullish(),
  Subject: zod.string().nullish(),
  Status: zod.string().nullish(),
  IsClosed: zod.boolean().nullish(),
  ClosedDate: zod.string().nullish(),
  LastModifiedDate: zod.string().nullish(),
  Account: accountShape,
  ContactId: zod.string().nullish(),
  Contact: contactShape,
  SuppliedEmail: zod.string().nullish(),
  SuppliedName: zod.string().nullish(),
});

export const caseSpec: StatusObjectSpec<CaseRecipient, typeof kase> = {
  sobject: 'Case',
  historyObject: 'CaseHistory',
  historyParentField: 'CaseId',
  noun: 'case',
  statusHelp: 'Salesforce’s case statuses',
  recipientChoices: CASE_RECIPIENTS,
  defaultRecipient: 'case_contact',
  fields: ['Id', 'CaseNumber', 'Subject', 'Status', 'IsClosed', 'ClosedDate', 'Account.Name', 'LastModifiedDate', 'SystemModstamp'],
  recipientFields: (choice) =>
    choice === 'supplied_email' ? ['SuppliedEmail', 'SuppliedName'] : ['ContactId', 'Contact.Email', 'Contact.FirstName', 'Contact.LastName', 'Contact.Name'],
  // A case closed long ago and edited today is not a new entry into a closed status.
  fallbackWhere: (since) => [where.any(where.eq('IsClosed', false), where.gte('ClosedDate', dateTime(since)))],
  record: kase,
  recipient: (record, choice) => {
    if (choice === 'case_contact') return contactRecipient('Case Contact', 'case contact', record.ContactId, record.Contact);
    const email = textOf(record.SuppliedEmail);
    const name = textOf(record.SuppliedName);
    if (!email) return missingRecipient('Web Email', 'The case has no Web Email: it was not created by Web-to-Case or Email-to-Case.', '', name);
    return {
      recipient_email: email,
      recipient_first_name: '',
      recipient_last_name: '',
      recipient_name: name,
      recipient_contact_id: '',
      recipient_role: 'Web Email',
      recipient_missing_reason: '',
    };
  },
  fallbackEnteredAt: (record) => (record.IsClosed && record.ClosedDate ? isoDateTime(record.ClosedDate) : isoDateTime(record.LastModifiedDate)),
  recordOutput: (record) => {
    const number = textOf(record.CaseNumber);
    const subject = textOf(record.Subject);
    return {
      name: subject || (number ? `Case ${number}` : ''),
      record_number: number,
      case_number: number,
      subject,
      account_name: textOf(record.Account?.Name),
      reference_number: number,
      product_skus: [],
    };
  },
  hint: (failure, history) =>
    history && /CaseHistory|Histories/i.test(failure.message)
      ? 'Turn on Field History Tracking for the Case Status field (Setup → Object Manager → Case → Fields & Relationships → Set History Tracking), or set Status History Tracking to No.'
      : undefined,
};

export const pollCaseStatus = (z: ZObject, bundle: Bundle) => pollStatusTrigger(z, bundle, caseSpec);
