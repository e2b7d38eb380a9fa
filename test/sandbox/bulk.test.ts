import { ManualClock, startSandbox, type Sandbox } from '../../sandbox';
import { records, salesforceToken } from './helpers';

// The seed is laid down 30 days before "now", so only generated records fall in a 7-day window.
const NOW = Date.UTC(2026, 10, 20, 12);
const clock = new ManualClock(NOW - 30 * 86_400_000);
let sb: Sandbox;
let token: string;

beforeAll(async () => {
  sb = await startSandbox({ clock });
});
afterAll(() => sb.close());
beforeEach(async () => {
  clock.set(NOW - 30 * 86_400_000);
  await sb.reset();
  clock.set(NOW);
  token = await salesforceToken(sb);
});

const WEEK_AGO = '2026-11-13T12:00:00Z';

describe('bulk generators: N records the triggers’ SOQL finds', () => {
  it('addOpportunitiesInStage: N entries into the stage, each with contact roles, line items and its stage history', async () => {
    const made = sb.story.addOpportunitiesInStage(120, 'Closed Won');
    const page = await records<Record<string, any>>(
      sb,
      token,
      `SELECT Id, StageName, Account.Name,
         (SELECT Id, StageName FROM OpportunityHistories ORDER BY CreatedDate DESC, Id DESC LIMIT 10),
         (SELECT Role, IsPrimary, Contact.Email FROM OpportunityContactRoles ORDER BY IsPrimary DESC),
         (SELECT Product2.StockKeepingUnit, Product2.ProductCode FROM OpportunityLineItems)
       FROM Opportunity
       WHERE Id IN (SELECT OpportunityId FROM OpportunityHistory WHERE StageName = 'Closed Won' AND CreatedDate >= ${WEEK_AGO})
       ORDER BY SystemModstamp DESC LIMIT 2000`,
    );
    expect(page.totalSize).toBe(120);
    expect(page.records.map((r) => r.Id)).toEqual(made.recordIds); // newest entry first, as SystemModstamp orders them
    const first = page.records[0]!;
    expect(first.OpportunityHistories.records.map((h: { StageName: string }) => h.StageName)).toEqual(['Closed Won', 'Negotiation/Review', 'Prospecting']);
    expect(first.OpportunityHistories.records[0].Id).toBe(made.entryIds[0]);
    expect(first.OpportunityContactRoles.records).toEqual([
      expect.objectContaining({ Role: 'Decision Maker', IsPrimary: true, Contact: expect.objectContaining({ Email: expect.stringMatching(/@customer\.example$/) }) }),
      expect.objectContaining({ Role: 'Evaluator', IsPrimary: false }),
    ]);
    expect(first.OpportunityLineItems.totalSize).toBe(2);
    expect(first.Account.Name).toMatch(/^Bulk Customer/);
  });

  it('addOrdersInStatus: N orders with a Status change into the status, a bill-to contact and order items', async () => {
    const made = sb.story.addOrdersInStatus(40, 'Activated');
    const page = await records<Record<string, any>>(
      sb,
      token,
      `SELECT Id, Status, BillToContact.Email, (SELECT Id, OldValue, NewValue FROM Histories WHERE Field = 'Status' ORDER BY CreatedDate DESC), (SELECT Id FROM OrderItems)
       FROM Order WHERE Id IN (SELECT OrderId FROM OrderHistory WHERE Field = 'Status' AND CreatedDate >= ${WEEK_AGO}) ORDER BY SystemModstamp DESC`,
    );
    expect(page.records.map((r) => r.Id)).toEqual(made.recordIds);
    expect(page.records.every((r) => r.Status === 'Activated' && r.OrderItems.totalSize === 2 && r.BillToContact.Email)).toBe(true);
    expect(page.records[0]!.Histories.records).toEqual([expect.objectContaining({ Id: made.entryIds[0], OldValue: 'Draft', NewValue: 'Activated' })]);
    // Order numbers stay unique next to the seed's.
    const numbers = await records<{ OrderNumber: string }>(sb, token, 'SELECT OrderNumber FROM Order');
    expect(new Set(numbers.records.map((r) => r.OrderNumber)).size).toBe(numbers.totalSize);
  });

  it('addCasesInStatus: N cases closed recently, with a contact and a Web Email', async () => {
    const made = sb.story.addCasesInStatus(25, 'Closed');
    const page = await records<Record<string, any>>(
      sb,
      token,
      `SELECT Id, IsClosed, ClosedDate, Contact.Email, SuppliedEmail FROM Case
       WHERE Status = 'Closed' AND SystemModstamp >= ${WEEK_AGO} AND (IsClosed = false OR ClosedDate >= ${WEEK_AGO}) ORDER BY SystemModstamp DESC`,
    );
    expect(page.records.map((r) => r.Id)).toEqual(made.recordIds);
    expect(page.records.every((r) => r.IsClosed === true && r.Contact.Email === r.SuppliedEmail)).toBe(true);
    const history = await records<{ Id: string; OldValue: string; NewValue: string }>(
      sb,
      token,
      `SELECT Id, OldValue, NewValue FROM CaseHistory WHERE Field = 'Status' AND CaseId = '${made.recordIds[0]}' ORDER BY CreatedDate`,
    );
    expect(history.records.map((h) => `${h.OldValue}→${h.NewValue}`)).toEqual(['New→Working', 'Working→Closed']);
    expect(history.records[1]!.Id).toBe(made.entryIds[0]);
  });

  it('refuses a stage or status the org does not have', () => {
    expect(() => sb.story.addOpportunitiesInStage(1, 'Won')).toThrow('No stage "Won"');
    expect(() => sb.story.addOrdersInStatus(1, 'Open')).toThrow('No order status "Open"');
    expect(() => sb.story.addCasesInStatus(1, 'Solved')).toThrow('No case status "Solved"');
  });
});

describe('journal', () => {
  it('records each request’s handling time, injected delays included', async () => {
    sb.faults.delay('GET /services/data/:version/query', 60, { times: 1 });
    await records(sb, token, 'SELECT Id FROM Account');
    await records(sb, token, 'SELECT Id FROM Contact');
    await new Promise((resolve) => setImmediate(resolve));
    const [delayed, plain] = sb.state.journal.filter((e) => e.path.includes('/query?'));
    expect(delayed).toMatchObject({ service: 'salesforce', method: 'GET', status: 200 });
    expect(delayed!.ms).toBeGreaterThanOrEqual(60);
    expect(plain!.ms).toBeGreaterThanOrEqual(0);
    expect(plain!.ms).toBeLessThan(delayed!.ms);
  });
});
