/**
 * One path for every invitation (email, link, Business Generated Link, AFS email, batch row), so
 * Trustpilot's rules hold everywhere, in this order:
 *   1. neutral sample: decided only by a hash of the reference number, never by anything about the customer;
 *   2. replay guard: a replayed step returns the first run's result, marked as a duplicate;
 *   3. monthly cap: past the plan's cap the step halts instead of Trustpilot silently dropping invitations;
 *   4. send, then remember the result for replays.
 * Sampling comes first so a replay agrees with the first run; the guard comes before the cap so a replay
 * is not counted twice.
 */
import type { ZObject } from 'zapier-platform-core';

import { certainlyNotApplied, withFacts } from '../../errors/facts';
import { writeOnce } from '../../util/write-once';
import { checkAndCountMonthlyCap, formatMonthlyCapMessage, releaseMonthlyCapSlot } from './monthly-cap';
import { inFlightMessage, invitationKey, type InvitationIdentity } from './replay-guard';
import { isInSample } from './sampling';

export interface InviteOnceOptions<T> {
  identity: InvitationIdentity;
  /** Invite 1 in N (1 = everyone). */
  sampleOneIn: number;
  /** Invitations allowed per calendar month (UTC) for `identity.businessUnit`; undefined = no cap. */
  monthlyCap?: number;
  now?: Date;
  send: () => Promise<T>;
}

export type InviteOutcome<T> =
  | { status: 'sent'; result: T; replayGuarded: boolean }
  | { status: 'duplicate'; result: T }
  | { status: 'not_in_sample' };

/**
 * After an error that proves nothing was applied (a 4xx, a throttle, a request that never left) the claim
 * and the cap slot are given back, so a replay (or Zapier's own retry) may send. After any other error,
 * above all an unknown outcome, both stay: the invitation is never sent twice, and it counts.
 */
export const inviteOnce = async <T>(z: ZObject, options: InviteOnceOptions<T>): Promise<InviteOutcome<T>> => {
  const { identity } = options;
  if (!isInSample(identity.referenceNumber, options.sampleOneIn)) return { status: 'not_in_sample' };

  const outcome = await writeOnce(
    z,
    { key: invitationKey(identity), inFlightMessage: (claimedAt) => inFlightMessage({ claimedAt }) },
    async () => {
      if (options.monthlyCap === undefined) return options.send();
      const capOptions = { accountKey: identity.businessUnit, cap: options.monthlyCap, now: options.now ?? new Date() };
      const cap = await checkAndCountMonthlyCap(z.cache, capOptions);
      if (!cap.allowed) {
        const message = formatMonthlyCapMessage(cap);
        const sentence = `${message[0]!.toUpperCase()}${message.slice(1)}. Nothing was sent.`;
        throw withFacts(new z.errors.HaltedError(sentence), { kind: 'cap_reached', sentence });
      }
      try {
        return await options.send();
      } catch (err) {
        if (certainlyNotApplied(err)) await releaseMonthlyCapSlot(z.cache, capOptions, cap.count);
        throw err;
      }
    },
  );
  return outcome.duplicate ? { status: 'duplicate', result: outcome.result } : { status: 'sent', result: outcome.result, replayGuarded: outcome.guarded };
};
