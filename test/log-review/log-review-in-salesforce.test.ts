import nock from 'nock';

import App from '../../index';
import { appTester, authData, caught, SALESFORCE_INSTANCE, SF_DATA, zapierError } from '../helpers';
import { fixture, interceptQueries, parseSoql } from '../helpers/salesforce';
import { createPerform } from '../helpers/operations';

// An end-to-end file run earlier in the same jest worker restores the real network (nock.restore()); intercept again.
beforeAll(() => {
  nock.restore();
  nock.activate();
  nock.disableNetConnect();
});

const create = App.creates!.log_review_in_salesforce!;
const perform = createPerform('log_review_in_salesforce');

const REVIEW_ID = '62c8968be77911f2449e9f74';
const review = {
  review_id: REVIEW_ID,
  reference_id: '00000107',
  stars: 4,
  title: 'Great tent, slow delivery',
  text: 'The tent is excellent. Delivery took nine days.',
  review_url: `https://www.trustpilot.com/reviews/${REVIEW_ID}`,
  consumer_name: 'Jane Doe',
  created_at: '2026-11-02T08:15:00.000Z',
};
const run = (inputData: Record<string, unknown>) => appTester(perform, { authData, inputData }) as Promise<Record<string, unknown>>;
const none = { body: { totalSize: 0, done: true, records: [] } };
/** The org's closed Task statuses (SELECT ApiName FROM TaskStatus WHERE IsClosed = TRUE ORDER BY SortOrder). */
const closedStatuses = (...names: string[]) => ({
  body: { totalSize: names.length, done: true, records: names.map((ApiName) => ({ attributes: { type: 'TaskStatus' }, ApiName })) },
});
const TASK_STATUS_SOQL = 'SELECT ApiName FROM TaskStatus WHERE IsClosed = TRUE ORDER BY SortOrder';

/** Intercepts the Task create, recording its body. */
const interceptTaskCreate = () => {
  const created: Array<Record<string, unknown>> = [];
  const scope = nock(SALESFORCE_INSTANCE)
    .post(`${SF_DATA}/sobjects/Task`, (body) => {
      created.push(body as Record<string, unknown>);
      return true;
    })
    .reply(201, fixture('task-created.json'));
  return { created, scope };
};

describe('Log Review in Salesforce', () => {
  it('finds the order by its number, checks for the review’s Task in the same query, and adds a completed Task', async () => {
    const log = interceptQueries({ body: fixture('log-review-order-found.json') }, closedStatuses('Completed'));
    const { created, scope } = interceptTaskCreate();
    const result = await run({ ...review, record_type: 'Order' });

    expect(log.soql).toEqual([
      "SELECT Id, OrderNumber, (SELECT Id, Subject FROM Tasks WHERE Subject LIKE '%[Trustpilot review 62c8968be77911f2449e9f74]%' LIMIT 1) " +
        "FROM Order WHERE OrderNumber = '00000107' LIMIT 2",
      TASK_STATUS_SOQL,
    ]);
    expect(parseSoql(log.soql[0]!).fields).toHaveLength(3);
    expect(scope.isDone()).toBe(true);
    expect(created).toHaveLength(1);
    const task = created[0]!;
    expect(task.WhatId).toBe('8015g000000Lk9PAAS');
    expect(task.Subject).toBe(`★★★★☆ Great tent, slow delivery [Trustpilot review ${REVIEW_ID}]`);
    expect(task.Description).toBe(
      'The tent is excellent. Delivery took nine days.\n\n' +
        'Stars: 4/5\nReviewer: Jane Doe\nPosted: 2026-11-02T08:15:00.000Z\n' +
        `Review: https://www.trustpilot.com/reviews/${REVIEW_ID}\nTrustpilot review id: ${REVIEW_ID} [Trustpilot review ${REVIEW_ID}]`,
    );
    expect(task.Status).toBe('Completed');
    expect(task.ActivityDate).toBe('2026-11-02');
    expect(Object.keys(task).sort()).toEqual(['ActivityDate', 'Description', 'Status', 'Subject', 'WhatId']);

    expect(result).toEqual({
      id: '00T5g00000Rv8KpEAJ',
      logged: true,
      reason: 'logged on Order 00000107',
      task_id: '00T5g00000Rv8KpEAJ',
      task_url: 'https://acme.lightning.force.com/lightning/r/Task/00T5g00000Rv8KpEAJ/view',
      record_id: '8015g000000Lk9PAAS',
      record_type: 'Order',
      record_name: 'Order 00000107',
      record_url: 'https://acme.lightning.force.com/lightning/r/Order/8015g000000Lk9PAAS/view',
      review_id: REVIEW_ID,
      reference_id: '00000107',
    });
    expect(Object.keys(result).sort()).toEqual(create.operation.outputFields!.map((f) => (f as { key: string }).key).sort());
    expect(Object.keys(create.operation.sample!).sort()).toEqual(Object.keys(result).sort());
  });

  it('finds an opportunity by its id (the reference the Opportunity trigger emits) in one query', async () => {
    const log = interceptQueries({ body: fixture('log-review-opportunity-found.json') });
    const { created } = interceptTaskCreate();
    const result = await run({ ...review, reference_id: '0065g00000XyZ12AAF', stars: '5', title: '' });
    expect(log.soql).toEqual([
      "SELECT Id, Name, (SELECT Id, Subject FROM Tasks WHERE Subject LIKE '%[Trustpilot review 62c8968be77911f2449e9f74]%' LIMIT 1) " +
        "FROM Opportunity WHERE Id = '0065g00000XyZ12AAF' LIMIT 2",
    ]); // the org's Task status was read by the test before and is cached for a day
    expect(created[0]).toMatchObject({ WhatId: '0065g00000XyZ12AAF', Subject: `★★★★★ [Trustpilot review ${REVIEW_ID}]`, Status: 'Completed' });
    expect(result).toMatchObject({ logged: true, record_type: 'Opportunity', record_name: 'Opportunity Northwind Outfitters – 40 Trail Tents' });
  });

  it('reports no match as a successful step, after looking in orders, cases and opportunities', async () => {
    const log = interceptQueries(none);
    const { created } = interceptTaskCreate();
    const result = await run({ ...review, reference_id: 'INV-40213' });
    expect(created).toEqual([]);
    expect(log.soql.map((q) => parseSoql(q).sObject)).toEqual(['Order', 'Case', 'Opportunity']);
    expect(log.soql[2]).toContain("FROM Opportunity WHERE Name = 'INV-40213' LIMIT 2");
    expect(log.calls).toBe(3);
    expect(result).toMatchObject({ id: '', logged: false, reason: 'no Salesforce record has reference INV-40213', task_id: '', record_id: '' });
  });

  it('does not create a second Task when the step runs again for the same review', async () => {
    const log = interceptQueries({ body: fixture('log-review-order-logged.json') });
    const { created } = interceptTaskCreate();
    const result = await run({ ...review, record_type: 'Order' });
    expect(log.calls).toBe(1);
    expect(created).toEqual([]);
    expect(result).toMatchObject({
      id: '00T5g00000Rv8KpEAJ',
      logged: false,
      reason: 'this review is already logged on Order 00000107 (Task 00T5g00000Rv8KpEAJ)',
      task_id: '00T5g00000Rv8KpEAJ',
      record_id: '8015g000000Lk9PAAS',
    });
  });

  it('does not guess when an order and a case share the number', async () => {
    const log = interceptQueries({ body: fixture('log-review-order-found.json') }, { body: fixture('log-review-case-found.json') }, none);
    const { created } = interceptTaskCreate();
    const result = await run(review);
    expect(log.calls).toBe(3);
    expect(created).toEqual([]);
    expect(result).toMatchObject({
      logged: false,
      reason:
        'reference 00000107 matches more than one Salesforce record (Order 00000107, Case 00000107); choose a Salesforce Object in this step so the review is logged on the right one',
    });
  });

  it('keeps a reference with quotes and backslashes inside its literal', async () => {
    const log = interceptQueries(none);
    await run({ ...review, reference_id: "A\\' OR Name != '", record_type: 'Case' });
    expect(log.soql[0]).toContain("WHERE CaseNumber = 'A\\\\\\' OR Name != \\'' LIMIT 2");
    expect(() => parseSoql(log.soql[0]!)).not.toThrow();
  });

  it.each([
    [{ review_id: '' }, 'Review ID: is required: pick a review, or map Review ID from a review trigger or “Find Review”.'],
    [
      { review_id: 'abc def' },
      'Review ID: "abc def" is not a Trustpilot review ID (like 62c8968be77911f2449e9f74): pick a review, map Review ID from a review trigger, or paste the review’s address.',
    ],
    [{ reference_id: ' ' }, 'Reference Number: map the review’s Reference Number (the one the invitation was sent with).'],
    [{ stars: 7 }, 'Stars: must be a star rating, a whole number from 1 to 5.'],
    [{ stars: ['4', '5'] }, 'Stars: must be one value, not a list: map a single field here.'],
    [{ title: 'Great\u0000tent' }, 'Title: must be one line: it contains a line break or another control character.'],
    [{ review_url: 'javascript:alert(1)' }, expect.stringMatching(/^Review URL: must be a full web address starting with https:\/\//)],
    [{ created_at: 'yesterday-ish' }, 'Created At: "yesterday-ish" is not a date: it must be a date and time, like 2026-12-01T09:30:00Z (no time zone means UTC).'],
    [{ created_at: '2026-02-30' }, 'Created At: "2026-02-30T00:00:00Z" is not a date: it must be a date and time, like 2026-12-01T09:30:00Z (no time zone means UTC).'],
    [{ created_at: '2020-01-01T00:00:00Z' }, expect.stringMatching(/^Created At: 2020-01-01 is more than 365 days ago: Salesforce archives Tasks that old/)],
    [{ record_type: 'Lead' }, 'Salesforce Object: "Lead" is not one of Any, Opportunity, Order, Case.'],
  ])('rejects bad input before any call: %p', async (change, message) => {
    const log = interceptQueries(none);
    const err = zapierError(await caught(() => run({ ...review, ...change })));
    expect(err).toEqual({ code: 'invalid_input', message });
    expect(log.calls).toBe(0);
  });
});
