import { stepClock } from '../../src/http';
import { startE2E, type E2E } from './harness';

/**
 * 200 "Send Review Invitation" runs at once against Trustpilot's limit, scaled down: 833 calls per 300 s
 * becomes 40 per 2 s, and Zapier's waits after ThrottledError shrink by the same factor.
 */
describe('200 concurrent invitations under the rate limit', () => {
  let e2e: E2E;
  const budget = stepClock.budgetMs;
  beforeAll(async () => {
    e2e = await startE2E({ trustpilotRateLimit: { limit: 40, windowMs: 2_000 } });
    // Zapier runs each of these steps in its own Lambda; here 200 share one Node process (and a busy
    // machine), so a step's wall time includes the other 199's work. The per-step budget is tested on its
    // own (test/http.test.ts, test/util/write-once.test.ts); this test is about the rate limit and replays.
    stepClock.budgetMs = 120_000;
  });
  afterAll(() => {
    stepClock.budgetMs = budget;
    return e2e.close();
  });

  it('schedules every invitation exactly once: throttled runs are retried, none lost, none duplicated', async () => {
    const references = Array.from({ length: 200 }, (_, i) => `ORD-${String(i + 1).padStart(5, '0')}`);
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
    expect(received).toHaveLength(200);
    expect(new Set(received)).toEqual(new Set(references));
    // The limit was really hit and honoured: some runs were throttled and retried.
    expect(e2e.runner.stats.throttled).toBeGreaterThan(0);
  }, 120_000);
});
