/**
 * The stage/status triggers against a sandbox that cuts batches the way Salesforce does (child rows
 * count toward 2,000, child lists over 200 page separately, NewValue unfilterable, history only for
 * tracked fields). Each scenario is one a real org produces.
 */
import { startE2E, failure, type E2E } from '../e2e/harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const QUERY = 'GET /services/data/:version/query';
const MORE = 'GET /services/data/:version/query/:locator';
/** The org's setup check and the poll's first query, when the setup is not cached: one call. */
const COMPOSITE = 'POST /services/data/:version/composite';

interface Item {
  id: string;
  record_id: string;
  entered_at: string;
  product_skus: string[];
  detection_mode?: string;
}

let e2e: E2E;
afterEach(() => e2e?.close());

const salesforceCalls = () => (e2e.sandbox.state.calls[QUERY] ?? 0) + (e2e.sandbox.state.calls[MORE] ?? 0) + (e2e.sandbox.state.calls[COMPOSITE] ?? 0);
/** The first poll of a day on a connection also checks the org's setup (one FieldDefinition query, cached for a day). */
const warmUp = (step: 'order_status_reached' | 'opportunity_stage_reached', input: Record<string, unknown>) => poll(step, input);
const poll = async (step: 'case_status_reached' | 'order_status_reached' | 'opportunity_stage_reached', input: Record<string, unknown>, meta = {}) => {
  const before = salesforceCalls();
  const items = await e2e.runner.run<Item[]>(`triggers.${step}`, input, meta);
  return { items, calls: salesforceCalls() - before };
};

describe('a busy service org', () => {
  it('emits exactly the newest closures, though 400 cases changed status ~6 times each this week', async () => {
    e2e = await startE2E();
    const org = e2e.sandbox.story.activity();
    const now = Date.now();
    // The seed's own recent closures count too.
    const baseline = (await poll('case_status_reached', { status: 'Closed', history_tracking: 'true' })).items;
    const closures: Array<{ caseId: string; at: number }> = baseline.map((i) => ({ caseId: i.record_id, at: Date.parse(i.entered_at) }));
    const cycle = ['Working', 'Escalated', 'Working', 'Escalated', 'Working'];
    for (let i = 0; i < 400; i++) {
      const id = org.newCase(now - 6.5 * DAY + i * 60_000);
      const closes = i < 150;
      // Five moves spread over the week; the closed ones close in the last 65 hours, the others keep moving after them.
      cycle.forEach((status, k) => org.setCaseStatus(id, status, now - 6 * DAY + k * 18 * HOUR + i * 1000));
      if (closes) {
        const at = now - 65 * HOUR + i * 20 * 60_000;
        org.setCaseStatus(id, 'Closed', at);
        closures.push({ caseId: id, at });
      } else {
        org.setCaseStatus(id, 'Escalated', now - 2 * HOUR + i * 1000);
      }
    }
    const newest = [...closures].sort((a, b) => b.at - a.at).slice(0, 100);

    const { items, calls } = await poll('case_status_reached', { status: 'Closed', history_tracking: 'true' });
    expect(items.map((i) => i.record_id)).toEqual(newest.map((c) => c.caseId));
    expect(calls).toBeLessThanOrEqual(3);

    // Turning the Zap on marks every closure that could fire later as seen.
    const seed = await poll('case_status_reached', { status: 'Closed', history_tracking: 'true' }, { isPopulatingDedupe: true });
    expect(new Set(seed.items.map((i) => i.record_id))).toEqual(new Set(closures.map((c) => c.caseId)));
    expect(seed.calls).toBeLessThanOrEqual(3);
  }, 120_000);
});

describe('edited old orders', () => {
  it('an order activated in 2024 and edited today does not fire, whatever the org tracks', async () => {
    e2e = await startE2E({ salesforceOrg: { historyTracked: [] } });
    const org = e2e.sandbox.story.activity();
    const now = Date.now();
    const old: string[] = [];
    const activated2024 = Date.UTC(2024, 5, 1);
    for (let i = 0; i < 800; i++) {
      const id = org.newOrder(activated2024 - DAY + i * 60_000);
      org.setOrderStatus(id, 'Activated', activated2024 + i * 60_000);
      old.push(id);
    }
    const baseline = (await poll('order_status_reached', { status: 'Activated', history_tracking: 'false' })).items.map((i) => i.record_id);
    // Dedupe seeding when the Zap is turned on, then an address fix on an old order, then a real activation.
    await poll('order_status_reached', { status: 'Activated', history_tracking: 'false' }, { isPopulatingDedupe: true });
    const edited = old[0]!;
    org.edit(edited, now - 5 * 60_000);
    const fresh = org.newOrder(now - 2 * HOUR);
    org.setOrderStatus(fresh, 'Activated', now - 60_000);

    for (const history_tracking of ['false', '']) {
      const { items, calls } = await poll('order_status_reached', { status: 'Activated', history_tracking });
      expect(items.map((i) => i.record_id)).toEqual([fresh, ...baseline]);
      expect(calls).toBeLessThanOrEqual(3);
    }
  }, 120_000);
});

describe('every line item', () => {
  it('an order with 230 line items emits all 230 SKUs', async () => {
    e2e = await startE2E();
    const org = e2e.sandbox.story.activity();
    const now = Date.now();
    await warmUp('order_status_reached', { status: 'Activated', history_tracking: 'true' });
    const id = org.newOrder(now - 2 * HOUR, 0);
    const skus = org.addLineItems(id, 230, now - 2 * HOUR);
    org.setOrderStatus(id, 'Activated', now - HOUR);
    const { items, calls } = await poll('order_status_reached', { status: 'Activated', history_tracking: 'true' });
    expect(items[0]).toMatchObject({ record_id: id });
    expect([...items[0]!.product_skus].sort()).toEqual([...skus].sort());
    expect(calls).toBeLessThanOrEqual(3);
  }, 60_000);

  it('an opportunity with 230 line items emits all 230 SKUs', async () => {
    e2e = await startE2E();
    const org = e2e.sandbox.story.activity();
    const now = Date.now();
    await warmUp('opportunity_stage_reached', { stage: 'Closed Won' });
    const id = org.newOpportunity(now - 2 * HOUR, 'Negotiation/Review');
    const skus = org.addLineItems(id, 230, now - 2 * HOUR);
    org.setStage(id, 'Closed Won', now - HOUR);
    const { items, calls } = await poll('opportunity_stage_reached', { stage: 'Closed Won' });
    expect(items[0]).toMatchObject({ record_id: id });
    expect([...items[0]!.product_skus].sort()).toEqual([...skus].sort());
    expect(calls).toBeLessThanOrEqual(3);
  }, 60_000);
});

describe('history tracking answered "yes" where it is off', () => {
  it('fails with a sentence naming the setting and the field, instead of never firing', async () => {
    e2e = await startE2E({ salesforceOrg: { historyTracked: [] } });
    const org = e2e.sandbox.story.activity();
    const id = org.newCase(Date.now() - 2 * HOUR);
    org.setCaseStatus(id, 'Closed', Date.now() - HOUR);
    const f = await failure(poll('case_status_reached', { status: 'Closed', history_tracking: 'true' }));
    expect(f.message).toMatch(/Status History Tracking/);
    expect(f.message).toMatch(/history tracking is off for the Case field “Status”/i);
  }, 60_000);
});
