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

import { errorCode } from '../../errors/for-zapier';
import { checkAndCountMonthlyCap, formatMonthlyCapMessage } from './monthly-cap';
import { claimOnce, inFlightMessage, invitationKey, release, remember, type InvitationIdentity } from './replay-guard';
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
 * Errors after which nothing certainly happened upstream, so the claim is dropped and a replay (or
 * Zapier's own retry after a refresh or a throttle) may send. After any other error — above all
 * `outcome_unknown` — the claim stays, so the invitation is never sent twice.
 */
const NOTHING_HAPPENED =
  /^(invalid_input|upstream_unavailable|RefreshAuthError|ThrottledError|HaltedError|CacheUnavailableError|InputError|trustpilot_.*|salesforce_.*)$/;

export const inviteOnce = async <T>(z: ZObject, options: InviteOnceOptions<T>): Promise<InviteOutcome<T>> => {
  const { identity } = options;
  if (!isInSample(identity.referenceNumber, options.sampleOneIn)) return { status: 'not_in_sample' };

  const key = invitationKey(identity);
  const claim = await claimOnce<T>(z.cache, key);
  if (claim.duplicate) {
    if (claim.inFlight) throw new z.errors.HaltedError(inFlightMessage(claim));
    return { status: 'duplicate', result: claim.previous };
  }
  if (!claim.guarded) z.console.log(`Replay guard unavailable (${claim.reason}); sending without it.`);

  let result: T;
  try {
    if (options.monthlyCap !== undefined) {
      const cap = await checkAndCountMonthlyCap(z.cache, {
        accountKey: identity.businessUnit,
        cap: options.monthlyCap,
        now: options.now ?? new Date(),
      });
      if (!cap.allowed) {
        const message = formatMonthlyCapMessage(cap);
        throw new z.errors.HaltedError(`${message[0]!.toUpperCase()}${message.slice(1)}. Nothing was sent.`);
      }
    }
    result = await options.send();
  } catch (err) {
    const code = errorCode(err);
    const certainlyNothingSent = code !== undefined && NOTHING_HAPPENED.test(code);
    if (claim.guarded && certainlyNothingSent) await release(z.cache, key);
    throw err;
  }
  await remember(z.cache, key, result);
  return { status: 'sent', result, replayGuarded: claim.guarded };
};
