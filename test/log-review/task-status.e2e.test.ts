/** Log Review in Salesforce against an org whose Task statuses are its own (no "Completed"). */
import { SALESFORCE as SF } from '../../sandbox';
import { failure, startE2E, type E2E } from '../e2e/harness';

const review = {
  review_id: '62c8968be77911f2449e9f74',
  stars: '4',
  title: 'Great tent',
  text: 'Fine.',
  consumer_name: 'Jane Doe',
  created_at: '2026-11-02T08:15:00.000Z',
};

let e2e: E2E;
afterEach(() => e2e.close());

describe('Log Review in Salesforce: the Task status', () => {
  it('uses a closed status the org has when "Completed" is not one, and reads it once a day', async () => {
    e2e = await startE2E({
      salesforceOrg: {
        taskStatuses: [
          { apiName: 'Open', closed: false, isDefault: true },
          { apiName: 'Done', closed: true },
          { apiName: 'Archived', closed: true },
        ],
      },
    });
    await e2e.runner.run('creates.log_review_in_salesforce', { ...review, reference_id: SF.orders.activated.orderNumber, record_type: 'Order' });
    await e2e.runner.run('creates.log_review_in_salesforce', { ...review, review_id: '62c8968be77911f2449e9f75', reference_id: SF.orders.activated.orderNumber, record_type: 'Order' });
    expect(e2e.sandbox.state.tasks.map((t) => (t.body as { Status: string }).Status)).toEqual(['Done', 'Done']);
    const statusQueries = e2e.sandbox.state.journal.filter((w) => decodeURIComponent(w.path).includes('FROM TaskStatus'));
    expect(statusQueries).toHaveLength(1);
  });

  it('prefers "Completed" when the org has it among its closed statuses', async () => {
    e2e = await startE2E({
      salesforceOrg: {
        taskStatuses: [
          { apiName: 'Open', closed: false, isDefault: true },
          { apiName: 'Done', closed: true },
          { apiName: 'Completed', closed: true },
        ],
      },
    });
    await e2e.runner.run('creates.log_review_in_salesforce', { ...review, reference_id: SF.orders.activated.orderNumber, record_type: 'Order' });
    expect(e2e.sandbox.state.tasks.map((t) => (t.body as { Status: string }).Status)).toEqual(['Completed']);
  });

  it('says what to do when the org has no closed Task status', async () => {
    e2e = await startE2E({ salesforceOrg: { taskStatuses: [{ apiName: 'Open', closed: false, isDefault: true }] } });
    const f = await failure(e2e.runner.run('creates.log_review_in_salesforce', { ...review, reference_id: SF.orders.activated.orderNumber, record_type: 'Order' }));
    expect(f.message).toMatch(/no closed Task status/);
    expect(e2e.sandbox.state.tasks).toEqual([]);
  });
});
