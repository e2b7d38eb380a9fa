/** "TrustScore Changed" against the sandbox, whose TrustScore changes over time (story.setTrustScore). */
import { TRUSTPILOT } from '../../sandbox';
import { startE2E, type E2E } from './harness';

type Row = Record<string, any>;
const PROFILE = 'GET /v1/business-units/:businessUnitId';

describe('TrustScore Changed against the sandbox', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());

  it('fires once per change, one public call per poll, and again when the score comes back', async () => {
    const { runner, sandbox } = e2e;
    const poll = () => runner.run<Row[]>('triggers.trustscore_changed', {});
    // Zapier's dedupe: ids it has seen never fire again.
    const seen = new Set<string>();
    const fired = (rows: Row[]) => rows.filter((r) => !seen.has(r.id) && seen.add(r.id));

    sandbox.story.setTrustScore({ trustScore: 4.1, stars: 4 });
    expect(fired(await poll())).toEqual([]);
    expect(fired(await poll())).toEqual([]);

    sandbox.story.setTrustScore({ trustScore: 3.8, stars: 4 });
    const drop = fired(await poll());
    expect(drop).toEqual([expect.objectContaining({ old_trust_score: 4.1, new_trust_score: 3.8, trust_score_change: -0.3, direction: 'down', total_reviews: 8, business_unit_id: TRUSTPILOT.businessUnit.id })]);
    expect(fired(await poll())).toEqual([]);

    sandbox.story.setTrustScore({ trustScore: 4.1, stars: 4 });
    expect(fired(await poll())).toEqual([expect.objectContaining({ old_trust_score: 3.8, new_trust_score: 4.1, direction: 'up' })]);
    expect(sandbox.state.calls[PROFILE]).toBe(5);
  });
});
