/**
 * "Log Review in Salesforce": closes the loop from a Trustpilot review back to the opportunity, order
 * or case whose reference the invitation carried, as a completed Task on that record.
 *
 * Calls: one query per object looked in, then one create.
 * - A reference that is a Salesforce id names its object by its key prefix (006 Opportunity,
 *   801 Order, 500 Case), so one query finds it.
 * - Otherwise the reference is an Order Number, a Case Number or an Opportunity Name. Order and case
 *   numbers are both zero-padded auto-numbers that can collide, so with Record Type "any" all three
 *   are searched and a reference matching more than one record is reported, not guessed. Choosing a
 *   Record Type makes it one query.
 *
 * Replays: each lookup also reads, in the same query, the record's Tasks whose Subject carries
 * `[Trustpilot review <id>]`. If one exists the review was logged already and nothing is created. The
 * Subject is used because a Task's Description (a long text area) cannot be filtered in SOQL. Being in
 * Salesforce itself, the guard holds across days and across Zaps, unlike a cache.
 */
import { createHash } from 'node:crypto';

import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { inputError, optionalChoice, optionalDateTime, optionalInteger, optionalText, optionalWebAddress } from '../inputs/readers';
import { rememberIfNew } from '../review-webhooks/memory';
import { REFERENCE_MAX } from '../reviews/fields';
import { requireReviewId } from '../reviews/inputs';
import { LOG_REVIEW_LABELS } from './fields';
import { SalesforceClient } from '../salesforce/client';
import { recordUrl } from '../salesforce/record-url';
import { children, parseRecords, valueAtPath } from '../salesforce/records';
import { compileSoql, contains, isSalesforceId, where, type SelectQuery } from '../salesforce/soql';
import type { KeyValueCache } from '../util/cache';
import { writeOnce } from '../util/write-once';

export const RECORD_TYPES = ['Opportunity', 'Order', 'Case'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

interface ObjectInfo {
  keyPrefix: string;
  /** The field a reference that is not an id is compared with. */
  numberField: string;
  /** In sentences. */
  noun: string;
}

const OBJECTS: Record<RecordType, ObjectInfo> = {
  Order: { keyPrefix: '801', numberField: 'OrderNumber', noun: 'order' },
  Case: { keyPrefix: '500', numberField: 'CaseNumber', noun: 'case' },
  Opportunity: { keyPrefix: '006', numberField: 'Name', noun: 'opportunity' },
};

const SUBJECT_MAX = 255;
const DESCRIPTION_MAX = 32_000;

export interface ReviewInput {
  reviewId: string;
  referenceId: string;
  stars?: number;
  title: string;
  text: string;
  reviewUrl: string;
  consumerName: string;
  createdAt?: Date;
  recordTypes: RecordType[];
}

const L = LOG_REVIEW_LABELS;

/** A review title is short; the Task Subject keeps at most 255 characters of the whole line anyway. */
export const TITLE_MAX = 1_000;
/** A reviewer's display name. */
export const NAME_MAX = 255;
/**
 * Salesforce archives closed Tasks whose date is more than 365 days old, and queries no longer return
 * archived activities (IsArchived, https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_task.htm),
 * so the replay guard could not see such a Task. Older reviews are refused rather than logged twice.
 */
export const CREATED_AT_MAX_AGE_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The field's choices; matched case-insensitively, so the stored value `any` is Any. */
export const SALESFORCE_OBJECT_CHOICES = ['Any', ...RECORD_TYPES] as const;

export const readReviewInput = (input: Record<string, unknown>, now: Date = new Date()): ReviewInput => {
  const reviewId = requireReviewId(input.review_id, L.review_id);
  const referenceId = optionalText(input.reference_id, L.reference_id, { max: REFERENCE_MAX });
  const stars = optionalInteger(input.stars, L.stars, { min: 1, max: 5, describe: 'a star rating, a whole number from 1 to 5' });
  const title = optionalText(input.title, L.title, { max: TITLE_MAX }) ?? '';
  const text = optionalText(input.text, L.text, { max: DESCRIPTION_MAX, multiline: true }) ?? '';
  const reviewUrl = optionalWebAddress(input.review_url, L.review_url) ?? '';
  const consumerName = optionalText(input.consumer_name, L.consumer_name, { max: NAME_MAX }) ?? '';
  // A date alone (2026-11-02) is midnight UTC; a day of slack for clocks and time zones.
  const rawCreatedAt = typeof input.created_at === 'string' && DATE_ONLY.test(input.created_at.trim()) ? `${input.created_at.trim()}T00:00:00Z` : input.created_at;
  const createdAt = optionalDateTime(rawCreatedAt, L.created_at, { notAfter: { at: new Date(now.getTime() + DAY_MS), words: 'now' } });
  if (createdAt && createdAt.getTime() < now.getTime() - CREATED_AT_MAX_AGE_DAYS * DAY_MS) {
    throw inputError(
      L.created_at,
      `${createdAt.toISOString().slice(0, 10)} is more than ${CREATED_AT_MAX_AGE_DAYS} days ago: Salesforce archives Tasks that old, so only reviews of the last ${CREATED_AT_MAX_AGE_DAYS} days are logged`,
    );
  }
  const chosen = optionalChoice(input.record_type, L.record_type, SALESFORCE_OBJECT_CHOICES);
  if (referenceId === undefined) throw inputError(L.reference_id, 'map the review’s Reference Number (the one the invitation was sent with)');

  return {
    reviewId,
    referenceId,
    stars,
    title,
    text,
    reviewUrl,
    consumerName,
    createdAt,
    recordTypes: chosen && chosen !== 'Any' ? [chosen] : ['Order', 'Case', 'Opportunity'],
  };
};

/** The marker the replay guard searches for; it is also in the Description for people. */
export const reviewMarker = (reviewId: string) => `[Trustpilot review ${reviewId}]`;

export const taskSubject = (input: Pick<ReviewInput, 'reviewId' | 'stars' | 'title'>): string => {
  const stars = input.stars ? `${'★'.repeat(input.stars)}${'☆'.repeat(5 - input.stars)}` : '';
  const marker = reviewMarker(input.reviewId);
  const room = SUBJECT_MAX - marker.length - (stars ? stars.length + 1 : 0) - 1;
  const title = input.title.replace(/\s+/g, ' ').trim();
  const shortTitle = title.length > room ? `${title.slice(0, Math.max(0, room - 1)).trimEnd()}…` : title;
  return [stars, shortTitle, marker].filter(Boolean).join(' ');
};

export const taskDescription = (input: ReviewInput): string => {
  const details = [
    input.stars ? `Stars: ${input.stars}/5` : '',
    input.consumerName ? `Reviewer: ${input.consumerName}` : '',
    input.createdAt ? `Posted: ${input.createdAt.toISOString()}` : '',
    input.reviewUrl ? `Review: ${input.reviewUrl}` : '',
    `Trustpilot review id: ${input.reviewId} ${reviewMarker(input.reviewId)}`,
  ]
    .filter(Boolean)
    .join('\n');
  const room = DESCRIPTION_MAX - details.length - 2;
  const text = input.text.length > room ? `${input.text.slice(0, room - 1)}…` : input.text;
  return text ? `${text}\n\n${details}` : details;
};

interface Lookup {
  sobject: RecordType;
  field: string;
  query: SelectQuery;
}

export const planLookups = (input: Pick<ReviewInput, 'referenceId' | 'reviewId' | 'recordTypes'>): Lookup[] => {
  const byId = isSalesforceId(input.referenceId) ? input.recordTypes.find((t) => input.referenceId.startsWith(OBJECTS[t].keyPrefix)) : undefined;
  const targets: Array<{ sobject: RecordType; field: string }> = byId
    ? [{ sobject: byId, field: 'Id' }]
    : input.recordTypes.map((sobject) => ({ sobject, field: OBJECTS[sobject].numberField }));
  return targets.map(({ sobject, field }) => ({
    sobject,
    field,
    query: {
      select: [
        'Id',
        OBJECTS[sobject].numberField,
        { select: ['Id', 'Subject'], from: 'Tasks', where: [where.like('Subject', contains(reviewMarker(input.reviewId)))], limit: 1 },
      ],
      from: sobject,
      where: [where.eq(field, input.referenceId)],
      // Two are enough to know the reference is not unique.
      limit: 2,
    },
  }));
};

const found = zod.looseObject({ Id: zod.string(), Tasks: children(zod.looseObject({ Id: zod.string(), Subject: zod.string().nullish() })) });

interface Match {
  sobject: RecordType;
  id: string;
  label: string;
  existingTaskId?: string;
}

export interface LogReviewResult {
  id: string;
  logged: boolean;
  reason: string;
  task_id: string;
  task_url: string;
  record_id: string;
  record_type: string;
  record_name: string;
  record_url: string;
  review_id: string;
  reference_id: string;
}

export const logReviewInSalesforce = async (z: ZObject, bundle: Bundle): Promise<LogReviewResult> => {
  const input = readReviewInput(bundle.inputData as Record<string, unknown>);
  const client = SalesforceClient.fromBundle(z, bundle);
  const action = `find the Salesforce record with reference “${input.referenceId}”`;

  const matches: Match[] = [];
  for (const lookup of planLookups(input)) {
    const page = await client.query<unknown>(compileSoql(lookup.query), { action });
    for (const record of parseRecords(z, page, found, action)) {
      const number = valueAtPath(record, OBJECTS[lookup.sobject].numberField);
      matches.push({
        sobject: lookup.sobject,
        id: record.Id,
        label: `${lookup.sobject} ${typeof number === 'string' && number ? number : record.Id}`,
        existingTaskId: record.Tasks?.records[0]?.Id,
      });
    }
  }

  const result = (match: Match | undefined, logged: boolean, reason: string, taskId = ''): LogReviewResult => ({
    id: taskId,
    logged,
    reason,
    task_id: taskId,
    task_url: taskId ? recordUrl(client.instanceUrl, 'Task', taskId) : '',
    record_id: match?.id ?? '',
    record_type: match?.sobject ?? '',
    record_name: match?.label ?? '',
    record_url: match ? recordUrl(client.instanceUrl, match.sobject, match.id) : '',
    review_id: input.reviewId,
    reference_id: input.referenceId,
  });

  // So Deleted Service Review can name the reference number and stars of this review if it is deleted later.
  const businessUnitId = bundle.authData?.trustpilot_business_unit_id;
  if (businessUnitId) {
    await rememberIfNew(
      z.cache as unknown as KeyValueCache,
      { reviewId: input.reviewId, businessUnitId, stars: input.stars ?? null, referenceId: input.referenceId, title: null, text: null, replied: null, updatedAt: null },
      new Date(),
      (message) => z.console.log(message),
    );
  }

  const [match, ...others] = matches;
  if (!match) return result(undefined, false, `no Salesforce record has reference ${input.referenceId}`);
  if (others.length > 0) {
    return result(
      undefined,
      false,
      `reference ${input.referenceId} matches more than one Salesforce record (${matches.map((m) => m.label).join(', ')}); ` +
        'choose a Salesforce Object in this step so the review is logged on the right one',
    );
  }
  if (match.existingTaskId) return result(match, false, `this review is already logged on ${match.label} (Task ${match.existingTaskId})`, match.existingTaskId);

  const activityDate = (input.createdAt ?? new Date()).toISOString().slice(0, 10);
  const { closedTaskStatus } = await import('./task-status');
  const status = await closedTaskStatus(z, client);
  // Claimed before the create (set-if-absent), so concurrent replays make one Task: the Subject check above
  // cannot see a Task another run is creating right now. A replay after an unknown outcome halts.
  const outcome = await writeOnce(
    z,
    {
      key: `log_review:v1:${createHash('sha256').update(JSON.stringify([input.reviewId, match.id])).digest('hex')}`,
      inFlightMessage: (at) =>
        `Logging review ${input.reviewId} on ${match.label} was already started${at ? ` at ${at.replace(/\.\d{3}Z$/, 'Z')}` : ''} ` +
        'and its outcome is not known yet, so no second Task was created. Check the record’s activity in Salesforce.',
    },
    () =>
      client.create(
        'Task',
        { WhatId: match.id, Subject: taskSubject(input), Description: taskDescription(input), Status: status, ActivityDate: activityDate },
        {
          action: `log the review on ${match.label}`,
          hint: (failure) =>
            /status/i.test(failure.message) ? `The Task status “${status}” was refused; check Setup → Object Manager → Task → Fields & Relationships → Status.` : undefined,
        },
      ),
  );
  if (outcome.duplicate) return result(match, false, `this review is already logged on ${match.label} (Task ${outcome.result})`, outcome.result);
  return result(match, true, `logged on ${match.label}`, outcome.result);
};
