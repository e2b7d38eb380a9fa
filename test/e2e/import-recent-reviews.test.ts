/** "Import Recent Reviews to Salesforce" against the sandbox: the seed's reviews tie back to its orders, cases and opportunities. */
import { SALESFORCE, TRUSTPILOT } from '../../sandbox';
import { failure, startE2E, type E2E } from './harness';

type Row = Record<string, any>;
const QUERY = 'GET /services/data/:version/query';
const REVIEWS = 'GET /v1/private/business-units/:businessUnitId/reviews';
const TASK = 'POST /services/data/:version/sobjects/Task';

describe('Import Recent Reviews to Salesforce against the sandbox', () => {
  // A fresh sandbox and Zapier account per test: z.cache outlives a sandbox reset, as Zapier's outlives a Salesforce restore.
  let e2e: E2E;
  beforeEach(async () => {
    e2e = await startE2E();
  });
  afterEach(() => e2e.close());

  const statuses = (out: Row) => Object.fromEntries((out.results as Row[]).map((r) => [r.review_id, r.status]));

  it('logs each review with a reference on its record, reports the others, in one review page and one query per record type', async () => {
    const out = await e2e.runner.run<Row>('creates.import_recent_reviews', { days: 30 });
    const r = TRUSTPILOT.reviews;
    expect(statuses(out)).toEqual({
      [r.frenchWithLocation]: 'no matching record',
      [r.orderMixed]: 'logged',
      [r.danishFiveStar]: 'no reference',
      [r.germanOneStar]: 'no reference',
      [r.opportunityAnswered]: 'logged',
      [r.caseUnhappy]: 'logged',
      [r.orderDelighted]: 'logged',
    });
    expect(out).toMatchObject({ complete: true, continue_from: '', logged_count: 4, no_reference_count: 2, no_matching_record_count: 1, reviews_checked: 7 });
    // Oldest first: the 40-day-old review is outside the period.
    expect((out.results as Row[])[0]!.review_id).toBe(r.frenchWithLocation);
    const { calls, tasks } = e2e.sandbox.state;
    expect(calls[REVIEWS]).toBe(1);
    expect(calls[QUERY]).toBe(3);
    expect(calls[TASK]).toBe(4);
    const order = (out.results as Row[]).find((x) => x.review_id === r.orderDelighted)!;
    expect(order).toMatchObject({ record_type: 'Order', record_id: SALESFORCE.orders.activated.id, reason: 'logged on Order 00000101' });
    const task = tasks.find((t) => (t.body as Row).WhatId === SALESFORCE.orders.activated.id)!.body as Row;
    expect(task.Subject).toMatch(new RegExp(`^★★★★★ .+ \\[Trustpilot review ${r.orderDelighted}\\]$`));
    expect(task).toMatchObject({ Status: 'Completed' });
    expect(task.Description).toContain(`Review: https://www.trustpilot.com/reviews/${r.orderDelighted}`);
  });

  it('adds nothing when run again, or for a review the Zap already logged with “Log Review in Salesforce”', async () => {
    const r = TRUSTPILOT.reviews;
    // The Zap logged the case review as it arrived.
    await e2e.runner.run('creates.log_review_in_salesforce', { review_id: r.caseUnhappy, reference_id: SALESFORCE.cases.closedWithContact.caseNumber, stars: 2, title: 'Slow support' });
    expect(e2e.sandbox.state.tasks).toHaveLength(1);

    const first = await e2e.runner.run<Row>('creates.import_recent_reviews', { days: 30, record_type: 'any' });
    expect(statuses(first)[r.caseUnhappy]).toBe('already logged');
    expect(first.logged_count).toBe(3);
    expect(e2e.sandbox.state.tasks).toHaveLength(4);

    const again = await e2e.runner.run<Row>('creates.import_recent_reviews', { days: 30 });
    expect(again).toMatchObject({ logged_count: 0, already_logged_count: 4, complete: true });
    expect(e2e.sandbox.state.tasks).toHaveLength(4);
  });

  it('with Record Type Order, only orders are searched: one query for the page', async () => {
    const out = await e2e.runner.run<Row>('creates.import_recent_reviews', { days: 30, record_type: 'Order' });
    expect(out.logged_count).toBe(2);
    expect(e2e.sandbox.state.calls[QUERY]).toBe(1);
  });

  it('a Task create whose answer is lost stops the run as "outcome unknown"; the next run finds the Task and does not log it twice', async () => {
    e2e.sandbox.faults.dropAfterHandling(TASK, { times: 1 });
    const first = await e2e.runner.run<Row>('creates.import_recent_reviews', { days: 30 });
    expect(first).toMatchObject({ complete: false, stopped_reason: 'error', outcome_unknown_count: 1, logged_count: 0 });
    expect(first.continue_from).toMatch(/\/page-1$/);
    expect(e2e.sandbox.state.tasks).toHaveLength(1); // it did reach Salesforce

    const next = await e2e.runner.run<Row>('creates.import_recent_reviews', { continue_from: first.continue_from });
    expect(next).toMatchObject({ complete: true, logged_count: 3, already_logged_count: 1 });
    expect(e2e.sandbox.state.tasks).toHaveLength(4);
  });

  it('Days outside 1–30 is refused before any call, naming the field', async () => {
    expect(await failure(e2e.runner.run('creates.import_recent_reviews', { days: 90 }))).toMatchObject({ code: 'invalid_input', message: 'Days: must be a whole number of days from 1 to 30.' });
    expect(e2e.sandbox.state.calls[REVIEWS] ?? 0).toBe(0);
  });
});
