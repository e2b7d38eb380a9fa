/**
 * "Import Recent Reviews to Salesforce": the service reviews of the last N days (N ≤ 30) that carry a
 * reference number, each logged on its Salesforce record exactly as "Log Review in Salesforce" logs it:
 * the same Task Subject and Description, with the same `[Trustpilot review <id>]` marker, so a review
 * the Zap already logged, or an earlier import logged, is found and not logged again.
 *
 * Per page of up to 100 reviews (oldest first, so pages do not shift while new reviews arrive):
 *   1 Trustpilot call; 1 Salesforce query per record type looked in (an OR of the page's references,
 *   with each record's review Tasks in a subquery); then 1 Task create per review to log.
 * A step stops starting new work after IMPORT_CUTOFF_MS (Zapier stops a step at 30 s) or after
 * MAX_PAGES_PER_STEP pages, and returns `continue_from`: run the step again with it (a second step,
 * or a replay) to go on from that page. Redoing part of a page adds nothing, thanks to the marker.
 * Each Task create is claimed in z.cache first (set-if-absent), so two runs at the same moment (two
 * imports, or an import and its replay) cannot both create it. A logged review is also remembered, as
 * Log Review remembers it, so "Deleted Service Review" can name its reference and stars.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { errorMessage } from '../errors/error-message';
import { factsOf } from '../errors/facts';
import { forZapier } from '../errors/for-zapier';
import { inputError, optionalChoice, optionalInteger, optionalText, quoted } from '../inputs/readers';
import type { KeyValueCache } from '../util/cache';
import { SalesforceClient } from '../salesforce/client';
import { RECORD_TYPES, reviewMarker, taskDescription, taskSubject, type RecordType, type ReviewInput } from '../log-review/log-review';
import { recordUrl } from '../salesforce/record-url';
import { parseRecords } from '../salesforce/records';
import { compileSoql, contains, isSalesforceId, toId18, where, type Condition, type SelectQuery } from '../salesforce/soql';
import { children, valueAtPath } from '../stage-triggers/common';
import { rememberIfNew } from '../review-webhooks/memory';
import { isoDate } from '../reviews/flatten';
import { readBusinessUnitId } from '../trustpilot/business-unit-input';
import { TrustpilotClient } from '../trustpilot/client';
import { readServiceReviewPage, REVIEW_PAGE_MAX } from '../trustpilot/review-pages';
import { publicReviewUrl, type ServiceReview } from '../trustpilot/reviews';
import { isoUtcSeconds } from '../util/utc';
import { IMPORT_LABELS as LABELS, IMPORT_MAX_DAYS, type ImportResult, type ImportRow, type ImportStopReason } from './fields';

/** No new page or Task after this point of the step: the last call still ends well before Zapier's 30 s. */
export const IMPORT_CUTOFF_MS = 20_000;
/** At most 10 pages (1,000 reviews) per step, so one step's calls stay bounded whatever the speed. */
export const MAX_PAGES_PER_STEP = 10;
/**
 * Salesforce query pages followed per lookup: child rows count toward a page's 2,000 records
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_queryoptions.htm).
 */
const MAX_QUERY_PAGES = 5;
/** Long enough for a concurrent run to finish its create; after that the Task's marker is the guard. */
const CLAIM_TTL_SECONDS = 15 * 60;
const DAY_MS = 86_400_000;

const OBJECTS: Record<RecordType, { keyPrefix: string; numberField: string }> = {
  Order: { keyPrefix: '801', numberField: 'OrderNumber' },
  Case: { keyPrefix: '500', numberField: 'CaseNumber' },
  Opportunity: { keyPrefix: '006', numberField: 'Name' },
};

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : '');

export interface ImportPlan {
  businessUnitId?: string;
  start: Date;
  end: Date;
  page: number;
  recordTypes: RecordType[];
  days: number | null;
}

const TOKEN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)\/(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)\/page-(\d{1,6})$/;
export const continuationToken = (start: Date, end: Date, page: number) => `${isoUtcSeconds(start)}/${isoUtcSeconds(end)}/page-${page}`;

const SALESFORCE_OBJECT_CHOICES = ['Any', ...RECORD_TYPES] as const;
/** A Continue From value is two UTC times and a page number: well under 100 characters. */
const TOKEN_MAX = 100;

/** Every field is read, and refused when wrong, before any call; Continue From, when given, sets the period instead of Days. */
export const readImportInput = (input: Record<string, unknown>, now: Date): ImportPlan => {
  const businessUnitId = readBusinessUnitId(input.business_unit_id);
  const days = optionalInteger(input.days, LABELS.days, { min: 1, max: IMPORT_MAX_DAYS, describe: `a whole number of days from 1 to ${IMPORT_MAX_DAYS}` });
  const chosen = optionalChoice(input.record_type, LABELS.record_type, SALESFORCE_OBJECT_CHOICES);
  const recordTypes: RecordType[] = chosen && chosen !== 'Any' ? [chosen] : ['Order', 'Case', 'Opportunity'];
  const token = optionalText(input.continue_from, LABELS.continue_from, { max: TOKEN_MAX });

  if (token) {
    const m = TOKEN.exec(token);
    const start = m ? new Date(m[1]!) : new Date(Number.NaN);
    const end = m ? new Date(m[2]!) : new Date(Number.NaN);
    if (!m || Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || start >= end || Number(m[3]) < 1) {
      throw inputError(LABELS.continue_from, `${quoted(token, 80)} is not a Continue From value: map “Continue From” from an earlier run of this step, or leave it empty to start`);
    }
    return { businessUnitId, start, end, page: Number(m[3]), recordTypes, days: null };
  }
  const period = days ?? IMPORT_MAX_DAYS;
  return { businessUnitId, start: new Date(now.getTime() - period * DAY_MS), end: now, page: 1, recordTypes, days: period };
};

const taskRow = zod.looseObject({ Id: zod.string(), Subject: zod.string().nullish() });
const found = zod.looseObject({ Id: zod.string(), Tasks: children(taskRow) });
type Found = zod.infer<typeof found> & { sobject: RecordType; label: string; number: string };

/** Which record types and field each reference is looked up by, as "Log Review in Salesforce" plans it. */
const targetsOf = (reference: string, recordTypes: RecordType[]): Array<{ sobject: RecordType; field: string }> => {
  const byId = isSalesforceId(reference) ? recordTypes.find((t) => reference.startsWith(OBJECTS[t].keyPrefix)) : undefined;
  return byId ? [{ sobject: byId, field: 'Id' }] : recordTypes.map((sobject) => ({ sobject, field: OBJECTS[sobject].numberField }));
};

/** One query per record type for a whole page of references. */
export const pageLookups = (references: string[], recordTypes: RecordType[]): Array<{ sobject: RecordType; query: SelectQuery }> => {
  const lookups: Array<{ sobject: RecordType; query: SelectQuery }> = [];
  for (const sobject of recordTypes) {
    const conditions: Condition[] = [];
    const seen = new Set<string>();
    for (const reference of references) {
      for (const target of targetsOf(reference, recordTypes)) {
        const key = `${target.field}=${reference.toLowerCase()}`;
        if (target.sobject !== sobject || seen.has(key)) continue;
        seen.add(key);
        conditions.push(where.eq(target.field, reference));
      }
    }
    if (conditions.length === 0) continue;
    lookups.push({
      sobject,
      query: {
        select: [
          'Id',
          OBJECTS[sobject].numberField,
          // Every review Task on the record; each review's own marker is matched in code.
          { select: ['Id', 'Subject'], from: 'Tasks', where: [where.like('Subject', contains('[Trustpilot review '))] },
        ],
        from: sobject,
        where: [where.any(...conditions)],
        limit: 2000,
      },
    });
  }
  return lookups;
};

const sameId = (a: string, b: string) => isSalesforceId(a) && isSalesforceId(b) && toId18(a) === toId18(b);

const matchesOf = (reference: string, records: Found[], recordTypes: RecordType[]) =>
  records.filter((r) =>
    targetsOf(reference, recordTypes).some(
      (t) => t.sobject === r.sobject && (t.field === 'Id' ? sameId(r.Id, reference) : r.number.toLowerCase() === reference.toLowerCase()),
    ),
  );

export const reviewInputOf = (review: ServiceReview, recordTypes: RecordType[]): ReviewInput => {
  const created = isoDate(review.createdAt);
  return {
    reviewId: review.id,
    referenceId: text(review.referenceId),
    stars: typeof review.stars === 'number' && Number.isInteger(review.stars) && review.stars >= 1 && review.stars <= 5 ? review.stars : undefined,
    title: text(review.title),
    text: text(review.text),
    reviewUrl: publicReviewUrl(review.id),
    consumerName: text(review.consumer?.displayName ?? review.consumer?.name),
    createdAt: created ? new Date(created) : undefined,
    recordTypes,
  };
};

export interface ImportOptions {
  now?: () => number;
}

class StopImport extends Error {
  constructor(
    readonly reason: ImportStopReason,
    message: string,
  ) {
    super(message);
  }
}

export const importRecentReviews = (z: ZObject, bundle: Bundle, options: ImportOptions = {}): Promise<ImportResult> =>
  forZapier(z, async () => {
    const now = options.now ?? Date.now;
    const startedAt = now();
    const plan = readImportInput((bundle.inputData ?? {}) as Record<string, unknown>, new Date(startedAt));
    const trustpilot = TrustpilotClient.fromBundle(z, bundle);
    const businessUnitId = trustpilot.businessUnitId(plan.businessUnitId);
    const salesforce = SalesforceClient.fromBundle(z, bundle);
    const cache = z.cache as unknown as KeyValueCache;

    const results: ImportRow[] = [];
    let stop: { reason: ImportStopReason; message: string } | undefined;
    let nextPage: number | undefined;
    let page = plan.page;
    let pagesRead = 0;
    const outOfTime = () => now() - startedAt >= IMPORT_CUTOFF_MS;
    const row = (review: ServiceReview, status: ImportRow['status'], reason: string, extra: Partial<ImportRow> = {}): ImportRow => ({
      review_id: review.id,
      reference_id: text(review.referenceId),
      stars: typeof review.stars === 'number' ? review.stars : null,
      created_at: isoDate(review.createdAt),
      status,
      reason,
      record_type: '',
      record_id: '',
      record_url: '',
      task_id: '',
      ...extra,
    });
    /** Failures before anything was logged fail the step (Zapier shows or retries them); after that, the run reports and stops. */
    const stopOrThrow = (err: unknown) => {
      if (!results.some((r) => r.status === 'logged' || r.status === 'outcome unknown')) throw err;
      throw new StopImport('error', `stopped after an error: ${errorMessage(err)}`);
    };

    try {
      for (;;) {
        nextPage = page;
        if (pagesRead >= MAX_PAGES_PER_STEP) throw new StopImport('page limit', `read ${MAX_PAGES_PER_STEP} pages, the most one step reads`);
        if (outOfTime()) throw new StopImport('time limit', 'stopped before Zapier’s time limit for one step');
        let reviews: ServiceReview[];
        try {
          reviews = await readServiceReviewPage(
            trustpilot,
            businessUnitId,
            { since: plan.start, until: plan.end, page, perPage: REVIEW_PAGE_MAX, orderBy: 'createdat.asc' },
            'read the reviews to import',
          );
        } catch (err) {
          stopOrThrow(err);
          throw err;
        }
        pagesRead++;

        const withReference = reviews.filter((r) => text(r.referenceId));
        const records: Found[] = [];
        const incomplete = new Set<string>();
        try {
          for (const lookup of pageLookups([...new Set(withReference.map((r) => text(r.referenceId)))], plan.recordTypes)) {
            const action = `find the Salesforce ${lookup.sobject === 'Opportunity' ? 'opportunities' : `${lookup.sobject.toLowerCase()}s`} the reviews name`;
            let result = await salesforce.query<unknown>(compileSoql(lookup.query), { action });
            for (let queryPages = 1; ; queryPages++) {
              for (const r of parseRecords(z, result, found, action)) {
                const number = valueAtPath(r, OBJECTS[lookup.sobject].numberField);
                const numberText = typeof number === 'string' ? number : '';
                records.push({ ...r, sobject: lookup.sobject, number: numberText, label: `${lookup.sobject} ${numberText || r.Id}` });
                if (r.Tasks && (r.Tasks as { done?: boolean }).done === false) incomplete.add(r.Id);
              }
              if (result.done || !result.nextRecordsUrl) break;
              if (queryPages >= MAX_QUERY_PAGES) throw new Error(`Salesforce returned more than ${MAX_QUERY_PAGES} pages for one page of reviews`);
              result = await salesforce.queryMore<unknown>(result.nextRecordsUrl, { action });
            }
          }
        } catch (err) {
          stopOrThrow(err);
          throw err;
        }

        for (const [i, review] of reviews.entries()) {
          const reference = text(review.referenceId);
          if (!reference) {
            results.push(row(review, 'no reference', 'the review carries no reference number (it did not come from an invitation with one)'));
            continue;
          }
          const matches = matchesOf(reference, records, plan.recordTypes);
          const [match, ...others] = matches;
          if (!match) {
            results.push(row(review, 'no matching record', `no Salesforce ${plan.recordTypes.join(', ').toLowerCase()} has reference ${reference}`));
            continue;
          }
          const target = { record_type: match.sobject, record_id: match.Id, record_url: recordUrl(salesforce.instanceUrl, match.sobject, match.Id) };
          if (others.length > 0) {
            results.push(
              row(review, 'matches several records', `reference ${reference} matches ${matches.map((m) => m.label).join(', ')}; choose a Record Type so the review is logged on the right one`),
            );
            continue;
          }
          if (outOfTime()) {
            // The rest of this page waits for the next run, which starts again at this page.
            for (const rest of reviews.slice(i)) results.push(row(rest, 'not reached', 'not reached before Zapier’s time limit: run again with Continue From'));
            throw new StopImport('time limit', 'stopped before Zapier’s time limit for one step');
          }
          const marker = reviewMarker(review.id);
          let existing = match.Tasks?.records.find((t) => (t.Subject ?? '').includes(marker));
          if (!existing && incomplete.has(match.Id)) {
            // The record has more review Tasks than one answer lists: ask for this review's own.
            const action = `check whether the review is already logged on ${match.label}`;
            const check = await salesforce.query<unknown>(
              compileSoql({ select: ['Id', 'Subject'], from: 'Task', where: [where.eq('WhatId', match.Id), where.like('Subject', contains(marker))], limit: 1 }),
              { action },
            );
            existing = parseRecords(z, check, taskRow, action)[0];
          }
          if (existing) {
            results.push(row(review, 'already logged', `this review is already logged on ${match.label} (Task ${existing.Id})`, { ...target, task_id: existing.Id }));
            continue;
          }

          const claimKey = `log-review:v1:${review.id}`;
          // get first: the appTester's z.cache ignores set-if-absent.
          const held = (await Promise.resolve(cache.get(claimKey)).catch(() => null)) as { taskId?: unknown } | null;
          const claimed = held ? false : await Promise.resolve(cache.set(claimKey, { at: new Date(now()).toISOString() }, CLAIM_TTL_SECONDS, undefined, true)).catch(() => null);
          if (claimed === false) {
            const taskId = typeof held?.taskId === 'string' ? held.taskId : '';
            results.push(
              row(review, 'already logged', taskId ? `this review was just logged on ${match.label} (Task ${taskId})` : `another run is logging this review on ${match.label} right now`, { ...target, task_id: taskId }),
            );
            continue;
          }
          const input = reviewInputOf(review, plan.recordTypes);
          try {
            const taskId = await salesforce.create(
              'Task',
              {
                WhatId: match.Id,
                Subject: taskSubject(input),
                Description: taskDescription(input),
                Status: 'Completed',
                ActivityDate: (input.createdAt ?? new Date(now())).toISOString().slice(0, 10),
              },
              { action: `log the review on ${match.label}` },
            );
            await Promise.resolve(cache.set(claimKey, { at: new Date(now()).toISOString(), taskId }, CLAIM_TTL_SECONDS)).catch(() => undefined);
            results.push(row(review, 'logged', `logged on ${match.label}`, { ...target, task_id: taskId }));
            // As Log Review does: so Deleted Service Review can name this review's reference and stars later (best effort).
            await rememberIfNew(
              cache,
              {
                reviewId: review.id,
                businessUnitId,
                stars: input.stars ?? null,
                referenceId: reference,
                title: input.title || null,
                text: input.text || null,
                replied: review.companyReply ? Boolean(review.companyReply.text) : false,
                updatedAt: isoDate(review.updatedAt),
              },
              new Date(now()),
              (message) => z.console.log(message),
            );
          } catch (err) {
            if (factsOf(err)?.kind === 'outcome_unknown') {
              results.push(row(review, 'outcome unknown', `${errorMessage(err)}`, target));
              for (const rest of reviews.slice(i + 1)) results.push(row(rest, 'not reached', 'not reached: the run stopped after an unknown outcome'));
              throw new StopImport('error', 'stopped because Salesforce’s answer to a Task create was lost');
            }
            await Promise.resolve(cache.delete?.(claimKey)).catch(() => undefined);
            for (const rest of reviews.slice(i)) results.push(row(rest, 'not reached', 'not reached: the run stopped after an error'));
            stopOrThrow(err);
          }
        }

        if (reviews.length < REVIEW_PAGE_MAX) {
          nextPage = undefined;
          break;
        }
        page++;
      }
    } catch (err) {
      if (!(err instanceof StopImport)) throw err;
      stop = { reason: err.reason, message: err.message };
    }

    const count = (status: ImportRow['status']) => results.filter((r) => r.status === status).length;
    const complete = !stop;
    const continueFrom = complete || nextPage === undefined ? '' : continuationToken(plan.start, plan.end, nextPage);
    const counts = {
      logged_count: count('logged'),
      already_logged_count: count('already logged'),
      no_matching_record_count: count('no matching record'),
      several_records_count: count('matches several records'),
      no_reference_count: count('no reference'),
      not_reached_count: count('not reached'),
      outcome_unknown_count: count('outcome unknown'),
    };
    const period = plan.days ? `the last ${plan.days} days` : `${isoUtcSeconds(plan.start)} to ${isoUtcSeconds(plan.end)}`;
    const parts = [
      `${counts.logged_count} logged`,
      `${counts.already_logged_count} already logged`,
      counts.no_matching_record_count ? `${counts.no_matching_record_count} without a matching Salesforce record` : '',
      counts.several_records_count ? `${counts.several_records_count} matching several records` : '',
      counts.no_reference_count ? `${counts.no_reference_count} without a reference number` : '',
      counts.outcome_unknown_count ? `${counts.outcome_unknown_count} with an unknown outcome (check Salesforce)` : '',
    ].filter(Boolean);
    const checked = results.filter((r) => r.status !== 'not reached').length;
    return {
      id: `${businessUnitId}/${isoUtcSeconds(plan.start)}/${isoUtcSeconds(plan.end)}${plan.page > 1 ? `/page-${plan.page}` : ''}`,
      business_unit_id: businessUnitId,
      period_start: isoUtcSeconds(plan.start),
      period_end: isoUtcSeconds(plan.end),
      reviews_checked: checked,
      ...counts,
      complete,
      stopped_reason: stop?.reason ?? '',
      continue_from: continueFrom,
      summary:
        `Checked ${checked} reviews from ${period}: ${parts.join(', ')}.` +
        (stop ? ` The import ${stop.message}; run this step again with Continue From = ${continueFrom} to go on.` : ''),
      results,
    };
  });
