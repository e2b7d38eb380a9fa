import { startE2E, type E2E } from './harness';

/** Every dynamic dropdown, through the real app, against the sandbox's SOQL evaluator: each costs one call. */
describe('dropdowns against the sandbox', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());

  const dropdown = async (key: string) => {
    const seen = e2e.sandbox.state.journal.length;
    const rows = await e2e.runner.run<Array<{ id: string; name: string }>>(`triggers.${key}`, {}, { isFillingDynamicDropdown: true });
    return { rows, calls: e2e.sandbox.state.journal.length - seen };
  };

  it('Opportunity stages: active ones in Salesforce’s order, one query', async () => {
    const { rows, calls } = await dropdown('opportunity_stage_list');
    expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining(['Prospecting', 'Negotiation/Review', 'Closed Won', 'Closed Lost']));
    expect(rows.findIndex((r) => r.id === 'Prospecting')).toBeLessThan(rows.findIndex((r) => r.id === 'Closed Won'));
    expect(calls).toBe(1);
  });

  it('Order and Case statuses, one query each', async () => {
    const orders = await dropdown('order_status_list');
    const cases = await dropdown('case_status_list');
    expect(orders.rows.map((r) => r.id)).toContain('Activated');
    expect(cases.rows.map((r) => r.id)).toContain('Closed');
    expect([orders.calls, cases.calls]).toEqual([1, 1]);
  });

  it('contact roles: the active Role picklist values from one describe', async () => {
    const { rows, calls } = await dropdown('contact_role_list');
    expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining(['Decision Maker', 'Economic Buyer', 'Evaluator']));
    expect(rows.map((r) => r.id)).not.toContain('Legacy Champion');
    expect(calls).toBe(1);
  });

  it('business units: the connection’s own, without a call', async () => {
    const { rows, calls } = await dropdown('business_unit_list');
    expect(rows).toEqual([{ id: e2e.sandbox.credentials.trustpilot.businessUnitId, name: expect.stringContaining(e2e.sandbox.credentials.trustpilot.domain) }]);
    expect(calls).toBe(0);
  });
});
