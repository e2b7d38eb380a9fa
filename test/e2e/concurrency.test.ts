import { stepClock } from '../../src/http';
import { startE2E, type E2E } from './harness';

/**
 * Concurrent "Send Review Invitation" runs on one Trustpilot account, as Zapier starts one run per record of a
 * bulk import. The sandbox allows 20 calls per 4 s, a window so short that 30 unpaced runs meet 10 refusals at
 * once, yet loose enough that calls paced at 2.7/s stay under it even when a busy machine delays some of them. The runs share the account's rate budget through
 * the sandbox's z.cache (which honours set-if-absent, as Zapier's does), so they pace each other instead.
 */
describe('30 concurrent invitations on one account', () => {
  let e2e: E2E;
  const budget = stepClock.budgetMs;
  beforeAll(async () => {
    e2e = await startE2E({ trustpilotRateLimit: { limit: 20, windowMs: 4_000 } });
    // Zapier runs each of these steps in its own Lambda; here they share one Node process (and a busy
    // machine), so a step's wall time includes the others' work. The per-step budget is tested on its
    // own (test/http.test.ts, test/util/write-once.test.ts); this test is about the rate budget and replays.
    stepClock.budgetMs = 120_000;
  });
  afterAll(() => {
    stepClock.budgetMs = budget;
    return e2e.close();
  });

  it('schedules every invitation exactly once, paced by the shared budget: runs sent back instead of 429s', async () => {
    const references = Array.from({ length: 30 }, (_, i) => `ORD-${String(i + 1).padStart(5, '0')}`);
    const outcomes = await Promise.allSettled(
      references.map((reference, i) =>
        e2e.runner.run('creates.send_invitation', {
          consumer_email: `customer${i + 1}@example.com`,
          consumer_name: `Customer ${i + 1}`,
          reference_number: reference,
          delay_days: 3,
        }),
      ),
    );
    const failed = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
    expect(failed.map((f) => String(f.reason))).toEqual([]);

    const received = e2e.sandbox.state.invitations.map((i) => (i.body as { referenceNumber: string }).referenceNumber);
    expect(received).toHaveLength(30);
    expect(new Set(received)).toEqual(new Set(references));
    expect(e2e.sandbox.state.journal.filter((e) => e.status === 429)).toEqual([]);
    // 30 calls at 2.7/s take ~11 s, longer than a run waits for its turn: some were sent back and returned.
    expect(e2e.runner.stats.throttled).toBeGreaterThan(0);
  }, 120_000);
});
