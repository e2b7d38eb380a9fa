import { withFacts } from '../../../src/errors/facts';
import { inviteOnce, type InviteOnceOptions } from '../../../src/invitations/policy/pipeline';
import { isInSample } from '../../../src/invitations/policy/sampling';
import { appTester, caught, zapierError } from '../../helpers';

const identity = { businessUnit: '507f191e810c19729de860ea', referenceNumber: 'OPP-00042', email: 'jane@example.com', type: 'email' };

/** Runs inviteOnce inside the app tester (whose z.cache persists across runs unless cleared), counting sends. */
const run = async (options: Partial<InviteOnceOptions<{ id: string }>> & { fail?: Error }, clearCache = false) => {
  let sends = 0;
  const outcome = await appTester(
    async (z) =>
      inviteOnce(z, {
        identity,
        sampleOneIn: 1,
        ...options,
        send: async () => {
          sends++;
          if (options.fail) throw options.fail;
          return { id: `sent-${sends}` };
        },
      }),
    {},
    clearCache,
  );
  return { outcome, sends };
};

describe('inviteOnce: the rules every invitation path shares', () => {
  beforeEach(() => appTester(async () => null, {}, true)); // start each test with an empty cache

  it('sends once and returns the first result on a replay, marked as a duplicate', async () => {
    const first = await run({});
    expect(first).toEqual({ outcome: { status: 'sent', result: { id: 'sent-1' }, replayGuarded: true }, sends: 1 });
    const replay = await run({});
    expect(replay).toEqual({ outcome: { status: 'duplicate', result: { id: 'sent-1' } }, sends: 0 });
  });

  it('treats another email, reference or type as another invitation', async () => {
    await run({});
    expect((await run({ identity: { ...identity, email: 'john@example.com' } })).sends).toBe(1);
    expect((await run({ identity: { ...identity, referenceNumber: 'OPP-00043' } })).sends).toBe(1);
    expect((await run({ identity: { ...identity, type: 'link' } })).sends).toBe(1);
    expect((await run({ identity: { ...identity, email: ' JANE@example.com ' } })).sends).toBe(0);
  });

  it('skips references outside the neutral sample without sending, and agrees on replays', async () => {
    const outside = Array.from({ length: 50 }, (_, i) => `ORD-${i}`).find((ref) => !isInSample(ref, 3))!;
    const inside = Array.from({ length: 50 }, (_, i) => `ORD-${i}`).find((ref) => isInSample(ref, 3))!;
    for (let i = 0; i < 2; i++) {
      expect(await run({ sampleOneIn: 3, identity: { ...identity, referenceNumber: outside } })).toEqual({ outcome: { status: 'not_in_sample' }, sends: 0 });
    }
    expect((await run({ sampleOneIn: 3, identity: { ...identity, referenceNumber: inside } })).sends).toBe(1);
  });

  it('halts at the monthly cap with the date it was reached and the reset date, and sends nothing', async () => {
    const now = new Date('2026-11-14T10:00:00Z');
    for (let i = 1; i <= 2; i++) {
      expect((await run({ monthlyCap: 2, now, identity: { ...identity, referenceNumber: `ORD-${i}` } })).sends).toBe(1);
    }
    const err = await caught(() => run({ monthlyCap: 2, now, identity: { ...identity, referenceNumber: 'ORD-3' } }));
    expect(err.name).toBe('HaltedError');
    expect(err.message).toMatch(/^Monthly cap of 2 reached on 2026-11-14; resets on 2026-12-01\. Nothing was sent\./);
    // The halted invitation is not remembered as sent: next month it goes out.
    expect((await run({ monthlyCap: 2, now: new Date('2026-12-01T00:00:01Z'), identity: { ...identity, referenceNumber: 'ORD-3' } })).sends).toBe(1);
  });

  it('takes a cap slot only for an invitation Trustpilot accepted or whose outcome is unknown, never a throttled or refused one', async () => {
    const now = new Date('2026-11-14T10:00:00Z');
    const make = (kind: 'throttled' | 'refused' | 'unknown') =>
      caught(() =>
        appTester(async (z) => {
          if (kind === 'throttled') throw new z.errors.ThrottledError('Trustpilot asked us to slow down (429 Too Many Requests)', 60);
          const sentence = kind === 'refused' ? 'Trustpilot refused: Invalid template' : 'Trustpilot answered 504 … the outcome is unknown';
          return Promise.reject(withFacts(new z.errors.Error(sentence), { kind: kind === 'refused' ? 'refused' : 'outcome_unknown', sentence }));
        }),
      );
    const throttled = await make('throttled');
    const refused = await make('refused');
    // A cap of 2: two throttled attempts and a refused one leave both slots free.
    for (const [i, fail] of [throttled, throttled, refused].entries()) {
      await caught(() => run({ monthlyCap: 2, now, fail, identity: { ...identity, referenceNumber: `T-${i}` } }));
    }
    expect((await run({ monthlyCap: 2, now, identity: { ...identity, referenceNumber: 'ORD-A' } })).sends).toBe(1);
    // An unknown outcome may have been accepted: it keeps its slot, so the cap is now full.
    const unknown = await make('unknown');
    await caught(() => run({ monthlyCap: 2, now, fail: unknown, identity: { ...identity, referenceNumber: 'ORD-B' } }));
    const err = await caught(() => run({ monthlyCap: 2, now, identity: { ...identity, referenceNumber: 'ORD-C' } }));
    expect(err.name).toBe('HaltedError');
    expect(err.message).toMatch(/^Monthly cap of 2 reached/);
  });

  it('does not count a replay against the cap', async () => {
    const now = new Date('2026-11-14T10:00:00Z');
    await run({ monthlyCap: 1, now });
    expect((await run({ monthlyCap: 1, now })).outcome.status).toBe('duplicate');
  });

  it('lets a replay send after a failure that certainly sent nothing (a 4xx)', async () => {
    const refused = await caught(() =>
      appTester(async (z) => {
        const sentence = 'Trustpilot refused to schedule the review invitation: Invalid template';
        throw withFacts(new z.errors.Error(sentence, 'trustpilot_rejected', 400), { kind: 'refused', sentence, status: 400 });
      }),
    );
    await caught(() => run({ fail: refused }));
    expect((await run({})).sends).toBe(1);
  });

  it('never resends after a failure whose outcome is unknown: the replay halts and says why', async () => {
    const unknown = await caught(() =>
      appTester(async (z) => {
        const sentence = 'Trustpilot dropped the connection …';
        throw withFacts(new z.errors.Error(sentence, 'outcome_unknown'), { kind: 'outcome_unknown', sentence });
      }),
    );
    expect(zapierError(await caught(() => run({ fail: unknown }))).code).toBe('outcome_unknown');
    const replay = await caught(() => run({}));
    expect(replay.name).toBe('HaltedError');
    expect(replay.message).toMatch(/^Trustpilot dropped the connection …/); // the same sentence as the first run
  });
});
