import { BATCH_SEND_CUTOFF_MS, TRUSTPILOT_BURST_CALLS, TRUSTPILOT_SUSTAINED_CALLS_PER_SECOND } from '../../../src/config';
import { Pacer } from '../../../src/invitations/batch/pacer';
import { FakeClock } from '../../helpers/fake-clock';

describe('Pacer', () => {
  it('lets the burst through at once, then one call every 1/rate seconds', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, 2.7, 5);
    const start = clock.now();
    const startedAt: number[] = [];
    for (let i = 0; i < 8; i++) {
      await pacer.take();
      startedAt.push(clock.now() - start);
    }
    expect(startedAt.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    const gaps = startedAt.slice(4).map((t, i, all) => (i === 0 ? 0 : t - all[i - 1]!)).slice(1);
    for (const gap of gaps) expect(gap === 370 || gap === 371).toBe(true); // 1000/2.7 ms, in whole ms
  });

  it('refills while calls take time, so slow calls are not slowed further', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, 2.7, 5);
    for (let i = 0; i < 20; i++) {
      await pacer.take();
      clock.advance(400); // each call takes longer than 1/rate
    }
    expect(clock.sleeps).toEqual([]);
  });

  const busiestFiveMinutes = (starts: readonly number[]) => {
    let worst = 0;
    for (let first = 0, last = 0; last < starts.length; last++) {
      while (starts[last]! - starts[first]! >= 300_000) first++;
      worst = Math.max(worst, last - first + 1);
    }
    return worst;
  };

  it('keeps any 5-minute window under Trustpilot’s 833 calls', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, TRUSTPILOT_SUSTAINED_CALLS_PER_SECOND, TRUSTPILOT_BURST_CALLS);
    const starts: number[] = [];
    for (let i = 0; i < 2_000; i++) {
      await pacer.take();
      starts.push(clock.now());
    }
    const worst = busiestFiveMinutes(starts);
    expect(worst).toBeLessThanOrEqual(833);
    expect(worst).toBeGreaterThan(800); // and does not waste the allowance either
  });

  // A long import is worked through by consecutive batch steps, each a new Lambda run with a new pacer:
  // a burst at the start of every step would add up to more than the ceiling (measured by `npm run bench`).
  it('keeps any 5-minute window under 833 calls across consecutive batch steps, each with a fresh pacer', async () => {
    const clock = new FakeClock();
    const starts: number[] = [];
    for (let step = 0; step < 30; step++) {
      const pacer = new Pacer(clock, TRUSTPILOT_SUSTAINED_CALLS_PER_SECOND, TRUSTPILOT_BURST_CALLS);
      const startedAt = clock.now();
      while (clock.now() - startedAt < BATCH_SEND_CUTOFF_MS) {
        await pacer.take();
        starts.push(clock.now());
        clock.advance(1); // the call itself, answered at once: the harshest case
      }
      clock.advance(20); // Zapier starts the follow-up step right away
    }
    const worst = busiestFiveMinutes(starts);
    expect(worst).toBeLessThanOrEqual(833);
    expect(worst).toBeGreaterThan(800);
  });
});
