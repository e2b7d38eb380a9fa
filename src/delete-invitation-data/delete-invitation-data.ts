/**
 * "Delete Customer Invitation Data": Trustpilot's erasure call for invitation data (see
 * src/trustpilot/invitation-data.ts), for a customer's right to erasure. It only deletes: it sends nothing and
 * changes no review, reply or setting.
 *
 * Trustpilot takes either email addresses or a date, never both in one call, so the step refuses both before any
 * call rather than letting Trustpilot refuse them. A cut-off in the future is refused too: it would erase the
 * invitation data of every customer, which is never what a mapped date meant.
 *
 * Replays need no claim in z.cache: the erasure is idempotent. Asking again to delete the data of the same emails
 * (or older than the same date) finds nothing more to delete, so a replay or a concurrent duplicate run changes
 * nothing and sends nothing to anyone.
 *
 * The emails are personal data being erased, so they are not repeated in the output: it counts them.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';

import { forZapier } from '../errors/for-zapier';
import { readBusinessUnitId } from '../trustpilot/business-unit-input';
import { inputError, optionalDateTime } from '../inputs/readers';
import { isEmailAddress } from '../invitations/validation';
import { TrustpilotClient } from '../trustpilot/client';
import { trustpilotUtcTime } from '../trustpilot/email-invitations';
import { deleteInvitationData as requestDeletion, type InvitationDataDeletion } from '../trustpilot/invitation-data';
import { isoUtcSeconds } from '../util/utc';

export const LABELS = {
  business_unit_id: 'Business Unit',
  customer_emails: 'Customer Emails',
  delete_older_than: 'Delete Data Older Than',
} as const;

export type DeleteInvitationDataResult = {
  business_unit_id: string;
  /** `customer_emails` or `older_than_date`. */
  deleted_by: string;
  customer_email_count: number;
  delete_older_than: string | null;
  requested_at: string;
};

const problem = (label: string, sentence: string) => inputError(label, sentence);

/** A Zapier list, or text separated by commas, semicolons or line breaks. Each entry must be an email address. */
export function parseCustomerEmails(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : [value];
  if (items.some((item) => typeof item !== 'string')) {
    throw problem(LABELS.customer_emails, 'must be a list of email addresses, or email addresses separated by commas.');
  }
  const entries = (items as string[]).flatMap((item) => item.split(/\r?\n|[,;]/)).map((entry) => entry.trim());
  if (entries.every((entry) => entry === '')) return undefined;
  // A trailing separator (a pasted list's last line break) is harmless; an empty entry between two is a wrong mapping.
  while (entries[entries.length - 1] === '') entries.pop();
  const seen = new Map<string, string>();
  entries.forEach((entry, index) => {
    // The address itself stays out of the message: it is the personal data being erased.
    if (entry === '') throw problem(LABELS.customer_emails, `has an empty entry at position ${index + 1}: remove the extra comma or empty item.`);
    if (!isEmailAddress(entry)) throw problem(LABELS.customer_emails, `entry ${index + 1} is not an email address.`);
    const key = entry.toLowerCase();
    if (!seen.has(key)) seen.set(key, entry);
  });
  return [...seen.values()];
}

const DATE_ONLY = /^\s*\d{4}-\d{2}-\d{2}\s*$/;

/**
 * Trustpilot deletes invitation data by itself after 3 years ("3 years for review invitations data",
 * https://support.trustpilot.com/hc/en-us/articles/360001157168), so an older cut-off has nothing left to delete:
 * such a date is a wrong mapping (a birth date, a contract start), not a clean-up.
 */
const RETENTION_YEARS = 3;

export function parseDeleteOlderThan(value: unknown, now: Date): Date | undefined {
  // A plain date means the start of that day, UTC.
  const date = optionalDateTime(typeof value === 'string' && DATE_ONLY.test(value) ? `${value.trim()}T00:00:00Z` : value, LABELS.delete_older_than);
  if (date === undefined) return undefined;
  if (date.getTime() > now.getTime()) {
    throw problem(
      LABELS.delete_older_than,
      `is in the future (${isoUtcSeconds(date)}): that would delete the invitation data of every customer. Use a past date.`,
    );
  }
  const earliest = new Date(now.getTime());
  earliest.setUTCFullYear(earliest.getUTCFullYear() - RETENTION_YEARS);
  if (date.getTime() < earliest.getTime()) {
    throw problem(
      LABELS.delete_older_than,
      `${isoUtcSeconds(date)} is more than ${RETENTION_YEARS} years ago: Trustpilot deletes invitation data after ${RETENTION_YEARS} years by itself, ` +
        `so there is nothing older to delete. Use a date after ${isoUtcSeconds(earliest)}.`,
    );
  }
  return date;
}

/** Every input rule, before any call. */
export function parseDeletion(input: Record<string, unknown>, now: Date): InvitationDataDeletion {
  const emails = parseCustomerEmails(input.customer_emails);
  const olderThan = parseDeleteOlderThan(input.delete_older_than, now);
  if (emails && olderThan) {
    throw problem(
      LABELS.customer_emails,
      `cannot be used together with ${LABELS.delete_older_than}: Trustpilot deletes either the data of the listed customers ` +
        'or all data older than a date, not both in one request. Empty one of them, or use two steps.',
    );
  }
  if (emails) return { customerEmails: emails };
  if (olderThan) return { deleteOlderThan: trustpilotUtcTime(olderThan) };
  throw problem(
    LABELS.customer_emails,
    `is required: list the customers whose invitation data to delete (or, to delete everything older than a date, fill in ${LABELS.delete_older_than}).`,
  );
}

export async function deleteInvitationData(z: ZObject, bundle: Bundle): Promise<DeleteInvitationDataResult> {
  return forZapier(z, async () => {
    const input = (bundle.inputData ?? {}) as Record<string, unknown>;
    const now = new Date();
    const deletion = parseDeletion(input, now);
    const chosenBusinessUnit = readBusinessUnitId(input.business_unit_id);
    const client = TrustpilotClient.fromBundle(z, bundle);
    const businessUnitId = client.businessUnitId(chosenBusinessUnit);

    await requestDeletion(client, businessUnitId, deletion);
    return {
      business_unit_id: businessUnitId,
      deleted_by: deletion.customerEmails ? 'customer_emails' : 'older_than_date',
      customer_email_count: deletion.customerEmails?.length ?? 0,
      delete_older_than: deletion.deleteOlderThan ? `${deletion.deleteOlderThan}Z` : null,
      requested_at: isoUtcSeconds(now),
    };
  });
}
