import { startE2E, type E2E } from './harness';

/** Every dynamic dropdown, through the real app, against the sandbox's SOQL evaluator: each costs one call. */
describe('dropdowns against the sandbox', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());

  const dropdown = async (key: string, inputData: Record<string, unknown> = {}) => {
    const seen = e2e.sandbox.state.journal.length;
    const rows = await e2e.runner.run<Array<{ id: string; name: string }>>(`triggers.${key}`, inputData, { isFillingDynamicDropdown: true });
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

  it('Tag Fields: each object’s text, picklist and checkbox fields from one describe, labelled with the API name', async () => {
    const { rows, calls } = await dropdown('opportunity_field_list');
    expect(rows).toEqual(expect.arrayContaining([{ id: 'Region__c', name: 'Region (Region__c)' }, { id: 'LeadSource', name: 'Lead Source (LeadSource)' }]));
    // Ids, amounts and dates make no tags.
    expect(rows.map((r) => r.id)).not.toEqual(expect.arrayContaining(['Id']));
    expect(rows.map((r) => r.id)).not.toContain('Amount');
    expect(rows.map((r) => r.id)).not.toContain('CloseDate');
    expect(calls).toBe(1);
    for (const key of ['order_field_list', 'case_field_list']) {
      const other = await dropdown(key);
      expect(other.rows.length).toBeGreaterThan(0);
      expect(other.calls).toBe(1);
    }
  });

  it('Review ID: the newest service reviews with stars, title and reviewer, one call', async () => {
    const { rows, calls } = await dropdown('review_list');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.name).toMatch(/^★{1,5}☆{0,4} “.+” – .+, \d{4}-\d{2}-\d{2}$/);
    expect(calls).toBe(1);
  });

  it('Review ID for product reviews when the form’s Review Type says so', async () => {
    const { rows } = await dropdown('review_list', { review_type: 'product' });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => /^★/.test(r.name))).toBe(true);
  });
});
