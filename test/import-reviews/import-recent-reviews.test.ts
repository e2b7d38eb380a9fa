/** "Import Recent Reviews to Salesforce" with nock: Trustpilot's private review list and Salesforce's query/create answers. */
import nock from 'nock';

import { importRecentReviews, IMPORT_CUTOFF_MS } from '../../src/import-reviews/import';
import serviceReviews from '../fixtures/trustpilot/service-reviews.json';
import { appTester, authData, BUSINESS_UNIT_ID, caught, SALESFORCE_INSTANCE, SF_DATA, TRUSTPILOT_API, zapierError } from '../helpers';
import { MemoryCache } from '../helpers/caches';
import { interceptQueries } from '../helpers/salesforce';

type Out = Record<string, any>;
const START = Date.parse('2026-11-24T09:00:00Z');
const reviewsPath = `/v1/private/business-units/${BUSINESS_UNIT_ID}/reviews`;
const WINDOW = { startDateTime: '2026-10-25T09:00:00', endDateTime: '2026-11-24T09:00:00', orderBy: 'createdat.asc', perPage: '100' };

/** `tick` ms pass at every clock read, so a test can run into the time limit without waiting. */
const run = (inputData: Record<string, unknown>, tick = 0) => {
  let t = START;
  return appTester(
    (z, bundle) =>
      importRecentReviews(z, bundle, {
        now: () => {
          const v = t;
          t += tick;
          return v;
        },
      }),
    { authData, inputData },
    true,
  ) as Promise<Out>;
};

const review = (id: string, referenceId: string | null) => ({ ...serviceReviews.reviews[1], id, referenceId, stars: 5, title: 'Great tent' });
const reviewPage = (reviews: unknown[], extra: Record<string, string> = {}) =>
  nock(TRUSTPILOT_API).get(reviewsPath).query({ ...WINDOW, ...extra }).reply(200, { reviews });
const order = (id: string, number: string, subjects: string[] = []) => ({
  attributes: { type: 'Order', url: `${SF_DATA}/sobjects/Order/${id}` },
  Id: id,
  OrderNumber: number,
  Tasks: subjects.length ? { totalSize: subjects.length, done: true, records: subjects.map((Subject, i) => ({ attributes: { type: 'Task' }, Id: `00T5g00000Abc${i}0AAA`, Subject })) } : null,
});
const taskCreates = () => {
  const bodies: Out[] = [];
  nock(SALESFORCE_INSTANCE)
    .post(`${SF_DATA}/sobjects/Task`, (body) => (bodies.push(body as Out), true))
    .times(20)
    .reply(201, () => ({ id: `00T5g00000Tsk${String(bodies.length).padStart(2, '0')}AAA`, success: true, errors: [] }));
  return bodies;
};

describe('Import Recent Reviews to Salesforce', () => {
  it('looks the whole page up in one query (an OR of its references, escaped), and logs only what is not logged yet', async () => {
    reviewPage([review('r1', '00000101'), review('r2', "O'Neil\\"), review('r3', null), review('r4', '00000102')]);
    const log = interceptQueries({
      body: { totalSize: 2, done: true, records: [order('8015g000000Lk9PAAS', '00000101'), order('8015g000000Lk9QAAS', '00000102', ['★★★★★ Great tent [Trustpilot review r4]'])] },
    });
    const created = taskCreates();
    const out = await run({ days: 30, record_type: 'Order' });

    expect(log.soql).toEqual([
      "SELECT Id, OrderNumber, (SELECT Id, Subject FROM Tasks WHERE Subject LIKE '%[Trustpilot review %') FROM Order " +
        "WHERE OrderNumber = '00000101' OR OrderNumber = 'O\\'Neil\\\\' OR OrderNumber = '00000102' LIMIT 2000",
    ]);
    expect(out.results.map((r: Out) => [r.review_id, r.status])).toEqual([
      ['r1', 'logged'],
      ['r2', 'no matching record'],
      ['r3', 'no reference'],
      ['r4', 'already logged'],
    ]);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ WhatId: '8015g000000Lk9PAAS', Subject: '★★★★★ Great tent [Trustpilot review r1]', Status: 'Completed' });
    expect(out).toMatchObject({ complete: true, continue_from: '', logged_count: 1, already_logged_count: 1, no_matching_record_count: 1, no_reference_count: 1 });
    // Remembered as Log Review remembers it, so Deleted Service Review can name its reference and stars later.
    const remembered = await appTester(async (z) => z.cache.get(`tp:review:v1:${BUSINESS_UNIT_ID}:r1`), {});
    expect(remembered).toMatchObject({ reviewId: 'r1', referenceId: '00000101', stars: 5 });
  });

  it('a reference matching two records is reported, not guessed', async () => {
    reviewPage([review('r1', '00000101')]);
    interceptQueries({ body: { totalSize: 2, done: true, records: [order('8015g000000Lk9PAAS', '00000101'), order('8015g000000Lk9QAAS', '00000101')] } });
    const created = taskCreates();
    const out = await run({ days: 30, record_type: 'Order' });
    expect(out.results[0]).toMatchObject({ status: 'matches several records', reason: expect.stringContaining('Order 00000101, Order 00000101') });
    expect(out.several_records_count).toBe(1);
    expect(created).toHaveLength(0);
  });

  it('reads the next page when a page is full', async () => {
    const full = Array.from({ length: 100 }, (_, i) => review(`a${i}`, null));
    reviewPage(full);
    reviewPage([review('b1', null)], { page: '2' });
    const out = await run({ days: 30 });
    expect(out).toMatchObject({ complete: true, reviews_checked: 101, no_reference_count: 101 });
  });

  it('stops before Zapier’s time limit with a Continue From value, and a run with it goes on from that page of the same period', async () => {
    reviewPage([review('r1', '00000101'), review('r2', '00000102')]);
    interceptQueries({ body: { totalSize: 2, done: true, records: [order('8015g000000Lk9PAAS', '00000101'), order('8015g000000Lk9QAAS', '00000102')] } });
    taskCreates();
    // Each clock read is 4 s later: the first Task is created, then the cut-off is reached.
    const out = await run({ days: 30, record_type: 'Order' }, IMPORT_CUTOFF_MS / 5);
    expect(out.results.map((r: Out) => r.status)).toEqual(['logged', 'not reached']);
    expect(out).toMatchObject({ complete: false, stopped_reason: 'time limit', continue_from: '2026-10-25T09:00:00Z/2026-11-24T09:00:00Z/page-1', not_reached_count: 1 });
    expect(out.summary).toContain('run this step again with Continue From = 2026-10-25T09:00:00Z/2026-11-24T09:00:00Z/page-1');

    nock.cleanAll();
    const page = reviewPage([review('r1', '00000101'), review('r2', '00000102')]);
    interceptQueries({
      body: { totalSize: 2, done: true, records: [order('8015g000000Lk9PAAS', '00000101', ['★★★★★ Great tent [Trustpilot review r1]']), order('8015g000000Lk9QAAS', '00000102')] },
    });
    taskCreates();
    const rest = await run({ continue_from: out.continue_from, record_type: 'Order' });
    expect(page.isDone()).toBe(true);
    expect(rest.results.map((r: Out) => r.status)).toEqual(['already logged', 'logged']);
    expect(rest).toMatchObject({ complete: true, period_start: '2026-10-25T09:00:00Z' });
  });

  it('two runs at the same moment (an import and its replay) log a review once: the Task create is claimed in z.cache first', async () => {
    nock(TRUSTPILOT_API).get(reviewsPath).query(true).times(2).reply(200, { reviews: [review('r1', '00000101')] });
    interceptQueries({ body: { totalSize: 1, done: true, records: [order('8015g000000Lk9PAAS', '00000101')] } });
    const created = taskCreates();
    // Production's z.cache honours set-if-absent; the appTester's does not, so both runs share this stand-in.
    const shared = new MemoryCache();
    const once = () =>
      appTester(
        (z, bundle) => {
          (z as { cache: unknown }).cache = shared;
          return importRecentReviews(z, bundle);
        },
        { authData, inputData: { days: 30, record_type: 'Order' } },
      ) as Promise<Out>;
    const outs = await Promise.all([once(), once()]);
    expect(created).toHaveLength(1);
    expect(outs.map((o) => o.results[0].status).sort()).toEqual(['already logged', 'logged']);
    expect(shared.sets.some((s) => s.key === 'log-review:v1:r1' && s.nx === true)).toBe(true);
  });

  it.each([
    [{ days: 0 }, /^Days: must be a whole number of days from 1 to 30\.$/],
    [{ days: '31' }, /^Days: must be a whole number of days from 1 to 30\.$/],
    [{ days: 'thirty' }, /^Days: "thirty" is not a number: use a whole number of days from 1 to 30\.$/],
    [{ days: ['7', '14'] }, /^Days: must be one value, not a list/],
    [{ record_type: 'Lead' }, /^Salesforce Object: "Lead" is not one of Any, Opportunity, Order, Case\.$/],
    [{ continue_from: '2026-11-03T09:00:00Z/2026-12-03T09:00:00Z/page-2', days: 'x' }, /^Days: "x" is not a number/],
    [{ continue_from: 'page 3' }, /^Continue From: "page 3" is not a Continue From value/],
  ])('bad input fails before any call: %j', async (input, message) => {
    const err = await caught(() => run(input));
    expect(zapierError(err)).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
  });
});
