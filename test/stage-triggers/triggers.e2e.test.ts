/**
 * The three stage/status triggers through the real app against the sandbox org (seed: sandbox/seed/salesforce.ts).
 * Calls are counted on the sandbox's query routes; the org's setup check (FieldDefinition) is one of them.
 */
import App from '../../index';
import { SALESFORCE as SF } from '../../sandbox';
import { sfId } from '../../sandbox/ids';
import { failure, startE2E, type E2E } from '../e2e/harness';

type Item = Record<string, unknown> & { id: string; record_id: string; entered_at: string; product_skus: string[] };
type Step = 'case_status_reached' | 'order_status_reached' | 'opportunity_stage_reached';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const O = SF.opportunities;
const C = SF.contacts;

let e2e: E2E;
/** Answered Salesforce queries (a 401 after a sandbox reset, retried with a renewed session, is not a cost of the design). */
const calls = () => e2e.sandbox.state.journal.filter((w) => w.service === 'salesforce' && w.status === 200 && /^\/services\/data\/v[\d.]+\/(query|composite)/.test(w.path)).length;
const poll = async (step: Step, input: Record<string, unknown>, meta: Record<string, unknown> = {}) => {
  const before = calls();
  const items = await e2e.runner.run<Item[]>(`triggers.${step}`, input, meta);
  return Object.assign(items, { calls: calls() - before });
};
const historyRow = (object: string, key: string, i: number) => sfId(object === 'OpportunityHistory' ? '008' : '017', object === 'OpportunityHistory' ? `${key}:${i}` : `${object}:${key}:${i}`);

describe('in the seeded org', () => {
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());
  afterEach(() => e2e.sandbox.reset());

  describe('Opportunity Reached Stage', () => {
    it('emits one item per entry into the stage, keyed by the history row, newest first, re-entries included', async () => {
      const items = await poll('opportunity_stage_reached', { stage: 'Closed Won' });
      expect(items.map((i) => [i.record_id, i.id])).toEqual([
        [O.reclosed.id, historyRow('OpportunityHistory', 'reclosed', 4)],
        [O.closedWon.id, historyRow('OpportunityHistory', 'closedWon', 3)],
        [O.noContactRole.id, historyRow('OpportunityHistory', 'noContactRole', 1)],
        [O.reclosed.id, historyRow('OpportunityHistory', 'reclosed', 2)],
      ]);
      expect(items.calls).toBeLessThanOrEqual(3); // the once-a-day setup check travels with the first query
    });

    it('does not fire for an edit made while in the stage (an Amount change writes a row with the same stage)', async () => {
      const before = await poll('opportunity_stage_reached', { stage: 'Closed Won' });
      e2e.sandbox.story.activity().setAmount(O.closedWon.id, 9000, Date.now() - 60_000);
      const after = await poll('opportunity_stage_reached', { stage: 'Closed Won' });
      expect(after.map((i) => i.id)).toEqual(before.map((i) => i.id));
      expect(after.calls).toBeLessThanOrEqual(3);
    });

    it('emits the recipient’s phone, mobile and country, the owner, SKUs and the mode', async () => {
      const [, closedWon] = await poll('opportunity_stage_reached', { stage: 'Closed Won' });
      expect(closedWon).toMatchObject({
        record_id: O.closedWon.id,
        stage: 'Closed Won',
        recipient_email: C.maya.email,
        recipient_name: C.maya.name,
        recipient_role: 'Decision Maker',
        recipient_phone: '+1 303 555 0142',
        recipient_mobile_phone: '+1 720 555 0199',
        recipient_country: 'United States',
        owner_name: 'Dana Reyes',
        owner_email: 'owner@acme-outdoor.example',
        detection_mode: 'stage_history',
        product_skus_complete: true,
      });
      expect([...closedWon!.product_skus].sort()).toEqual(['SUM45-BP-BLU', 'TL2-TENT-GRN'].sort());
    });

    it('invites the contact with the chosen role, and says why when there is none', async () => {
      const items = await poll('opportunity_stage_reached', { stage: 'Closed Won', recipient_role: 'Evaluator' });
      const closedWon = items.find((i) => i.record_id === O.closedWon.id)!;
      expect(closedWon).toMatchObject({ recipient_email: C.jonas.email, recipient_role: 'Evaluator', recipient_mobile_phone: '' });
      const reclosed = items.find((i) => i.record_id === O.reclosed.id)!;
      expect(reclosed).toMatchObject({ recipient_email: '', recipient_missing_reason: 'No contact on the opportunity has the role “Evaluator”.' });
      const none = items.find((i) => i.record_id === O.noContactRole.id)!;
      expect(none).toMatchObject({ recipient_email: '', recipient_missing_reason: 'No contact on the opportunity has the role “Evaluator”.' });
    });

    it('still emits an opportunity without contact roles, saying why', async () => {
      const items = await poll('opportunity_stage_reached', { stage: 'Closed Won' });
      expect(items.find((i) => i.record_id === O.noContactRole.id)).toMatchObject({ recipient_email: '', recipient_missing_reason: 'The opportunity has no contact roles.' });
    });

    it('marks every row at the stage as seen when the Zap is turned on, in one call', async () => {
      const seed = await poll('opportunity_stage_reached', { stage: 'Closed Won' }, { isPopulatingDedupe: true });
      expect(seed.map((i) => i.id).sort()).toEqual(
        [historyRow('OpportunityHistory', 'reclosed', 4), historyRow('OpportunityHistory', 'closedWon', 3), historyRow('OpportunityHistory', 'noContactRole', 1), historyRow('OpportunityHistory', 'reclosed', 2)].sort(),
      );
      expect(seed.calls).toBe(1);
    });

    it('stays within 3 calls with 2,000 entries, emitting the 100 newest', async () => {
      await poll('opportunity_stage_reached', { stage: 'Closed Won' });
      const bulk = e2e.sandbox.story.addOpportunitiesInStage(2000, 'Closed Won');
      const items = await poll('opportunity_stage_reached', { stage: 'Closed Won' });
      expect(items.map((i) => i.id)).toEqual(bulk.entryIds.slice(0, 100));
      expect(items.calls).toBeLessThanOrEqual(3);
    });

    it('names the Tag Field the connected user cannot read', async () => {
      e2e.sandbox.story.org().hiddenFields.add('Opportunity.Region__c');
      const f = await failure(poll('opportunity_stage_reached', { stage: 'Closed Won', tag_fields: ['Region__c'] }));
      expect(f.message).toMatch(/Region__c/);
      expect(f.message).toMatch(/Check the Tag Fields\.$/);
    });
  });

  describe('Case Reached Status', () => {
    it('detects Status history tracking once a day, and emits each entry into the status', async () => {
      const first = await poll('case_status_reached', { status: 'Closed' });
      expect(first.map((i) => [i.record_id, i.id])).toEqual([
        [SF.cases.reclosed.id, historyRow('CaseHistory', 'reclosed', 3)],
        [SF.cases.closedWithContact.id, historyRow('CaseHistory', 'closedWithContact', 2)],
        [SF.cases.webToCase.id, historyRow('CaseHistory', 'webToCase', 2)],
        [SF.cases.reclosed.id, historyRow('CaseHistory', 'reclosed', 1)],
      ]);
      expect(first[0]).toMatchObject({ detection_mode: 'status_history', recipient_email: C.priya.email, recipient_mobile_phone: '+1 720 555 0175', owner_name: 'Dana Reyes' });
      const again = await poll('case_status_reached', { status: 'Closed' });
      expect(again.calls).toBe(1); // the setup check is cached
    });

    it('invites the Web Email with the web phone', async () => {
      const items = await poll('case_status_reached', { status: 'Closed', recipient: 'supplied_email' });
      expect(items.find((i) => i.record_id === SF.cases.webToCase.id)).toMatchObject({ recipient_email: SF.webCustomer.email, recipient_role: 'Web Email' });
    });

    it('with history turned off by the user, fires once per case and status, entered at the closed date', async () => {
      const items = await poll('case_status_reached', { status: 'Closed', history_tracking: 'false' });
      expect(items.map((i) => i.id)).toEqual([`${SF.cases.reclosed.id}:Closed`, `${SF.cases.closedWithContact.id}:Closed`, `${SF.cases.webToCase.id}:Closed`]);
      expect(items[0]).toMatchObject({ detection_mode: 'record_dates' });
      expect(items.calls).toBe(1);
    });
  });

  describe('Order Reached Status', () => {
    it('emits each activation with its bill-to contact and SKUs', async () => {
      const items = await poll('order_status_reached', { status: 'Activated' });
      expect(items.map((i) => i.record_id)).toEqual([SF.orders.activated.id, SF.orders.noBillTo.id, SF.orders.shipped.id]);
      expect(items[0]).toMatchObject({ recipient_email: C.maya.email, recipient_country: 'United States', detection_mode: 'status_history', owner_email: 'owner@acme-outdoor.example' });
      expect([...items[0]!.product_skus].sort()).toEqual(['SUM45-BP-BLU', 'TL2-TENT-GRN'].sort());
      expect(items[1]).toMatchObject({ recipient_missing_reason: 'No bill-to contact is set on the record.' });
    });

    it('invites the ship-to contact when asked', async () => {
      const [activated] = await poll('order_status_reached', { status: 'Activated', recipient: 'ship_to' });
      expect(activated).toMatchObject({ recipient_email: C.jonas.email, recipient_role: 'Ship To', recipient_phone: '+1 303 555 0143' });
    });

    it('without history, fires only for orders activated inside the window', async () => {
      const items = await poll('order_status_reached', { status: 'Activated', history_tracking: 'false' });
      expect(items.map((i) => i.id)).toEqual([`${SF.orders.activated.id}:Activated`, `${SF.orders.noBillTo.id}:Activated`]);
      expect(items[0]).toMatchObject({ detection_mode: 'record_dates' });
    });
  });
});

describe('a Zap just turned on (a new Zapier account: nothing cached yet)', () => {
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());

  /** Composite requests: the org's setup check travelling with the poll's first query. */
  const composites = () => e2e.sandbox.state.journal.filter((w) => w.service === 'salesforce' && w.status === 200 && /\/composite$/.test(w.path)).length;

  it('checks the org’s setup together with its first query, so even a busy first poll stays within 3 calls', async () => {
    e2e.sandbox.story.addOpportunitiesInStage(300, 'Closed Won');
    const first = await poll('opportunity_stage_reached', { stage: 'Closed Won' });
    expect(first).toHaveLength(100);
    expect(first.calls).toBeLessThanOrEqual(3);
    expect(composites()).toBe(1);
    const next = await poll('opportunity_stage_reached', { stage: 'Closed Won' });
    expect(next.calls).toBeLessThanOrEqual(3);
    expect(composites()).toBe(1); // the answer is cached for a day
    const status = await poll('order_status_reached', { status: 'Activated' });
    expect(status.calls).toBeLessThanOrEqual(3);
    expect(composites()).toBe(2); // another object, another check
  });
});

describe('in an org without history tracking', () => {
  beforeAll(async () => {
    e2e = await startE2E({ salesforceOrg: { historyTracked: [] } });
  });
  afterAll(() => e2e.close());

  it('detects it and falls back to the record’s own dates', async () => {
    const org = e2e.sandbox.story.activity();
    const id = org.newCase(Date.now() - DAY);
    org.setCaseStatus(id, 'Closed', Date.now() - HOUR);
    const items = await poll('case_status_reached', { status: 'Closed' });
    expect(items[0]).toMatchObject({ record_id: id, detection_mode: 'record_dates' });
  });
});

describe('in a B2C org with person accounts', () => {
  beforeAll(async () => {
    e2e = await startE2E({ salesforceOrg: { personAccounts: true } });
  });
  afterAll(() => e2e.close());

  it('invites the person account’s email when the opportunity has no contact role', async () => {
    const org = e2e.sandbox.story.activity();
    const account = org.personAccount(Date.now() - DAY, 'noor.haddad@example.net');
    const id = org.newOpportunity(Date.now() - DAY, 'Prospecting', { accountId: account });
    org.setStage(id, 'Closed Won', Date.now() - HOUR);
    const [item] = await poll('opportunity_stage_reached', { stage: 'Closed Won' });
    expect(item).toMatchObject({
      record_id: id,
      recipient_email: 'noor.haddad@example.net',
      recipient_role: 'Person Account',
      recipient_mobile_phone: '+49 1512 3456789',
      recipient_missing_reason: '',
    });
  });
});

describe('output fields and samples', () => {
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());

  it.each([
    ['opportunity_stage_reached', { stage: 'Closed Won' }],
    ['order_status_reached', { status: 'Activated' }],
    ['case_status_reached', { status: 'Closed' }],
  ] as const)('%s: the sample and a real item carry exactly the declared output fields', async (key, input) => {
    const operation = App.triggers![key]!.operation as unknown as { outputFields: Array<{ key: string }>; sample: Record<string, unknown> };
    const declared = operation.outputFields.map((f) => f.key).sort();
    expect(Object.keys(operation.sample).sort()).toEqual(declared);
    const [item] = await poll(key, input);
    expect(Object.keys(item!).sort()).toEqual(declared);
  });
});
