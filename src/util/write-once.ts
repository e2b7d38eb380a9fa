/**
 * Every write that a replay must not repeat goes through here: claim (z.cache set-if-absent) → write →
 * remember the result. Zapier replays steps and runs them concurrently
 * (https://docs.zapier.com/platform/build/troubleshoot-action-errors mentions Autoreplay), so:
 * - a replay of a finished write gets the first result back, marked as a duplicate;
 * - a replay while the first run is still going, or after it ended with an unknown outcome, halts and sends
 *   nothing; after an unknown outcome it halts with the very sentence the first run showed;
 * - the claim is dropped only when the error proves nothing was applied (`certainlyNotApplied`), so the
 *   user can fix the input or wait out a throttle and replay.
 */
import type { ZObject } from 'zapier-platform-core';

import { certainlyNotApplied, factsOf, withFacts } from '../errors/facts';
import { claimOnce, DEFAULT_REPLAY_TTL_SECONDS, release, remember, rememberUnknown } from '../invitations/policy/replay-guard';

export interface WriteOnceOptions {
  /** The replay key: what makes two runs "the same write". Must not contain personal data in clear. */
  key: string;
  /** The sentence for a replay that meets an unfinished first run, given when it claimed (ISO, or undefined). */
  inFlightMessage: (claimedAt: string | undefined) => string;
  ttlSeconds?: number;
}

export type WriteOnceOutcome<T> = { duplicate: false; result: T; guarded: boolean } | { duplicate: true; result: T };

export const writeOnce = async <T>(z: ZObject, options: WriteOnceOptions, write: () => Promise<T>): Promise<WriteOnceOutcome<T>> => {
  const ttl = options.ttlSeconds ?? DEFAULT_REPLAY_TTL_SECONDS;
  const claim = await claimOnce<T>(z.cache, options.key, ttl);
  if (claim.duplicate) {
    if (claim.inFlight) {
      const sentence = claim.unknownOutcome ?? options.inFlightMessage(claim.claimedAt);
      // `code` tells a batch apart "another run is on it" from "the first run's outcome is unknown".
      throw withFacts(new z.errors.HaltedError(sentence), { kind: 'in_flight', sentence, code: claim.unknownOutcome ? 'outcome_unknown' : 'in_flight' });
    }
    return { duplicate: true, result: claim.previous };
  }
  if (!claim.guarded) z.console.log(`Replay guard unavailable (${claim.reason}); writing without it.`);

  let result: T;
  try {
    result = await write();
  } catch (err) {
    if (claim.guarded) {
      if (certainlyNotApplied(err)) await release(z.cache, options.key);
      else {
        const facts = factsOf(err);
        if (facts?.kind === 'outcome_unknown') await rememberUnknown(z.cache, options.key, facts.sentence, ttl);
      }
    }
    throw err;
  }
  await remember(z.cache, options.key, result, ttl);
  return { duplicate: false, result, guarded: claim.guarded };
};
