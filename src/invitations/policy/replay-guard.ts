/**
 * Replay guard: Zapier may run an action step again (autoreplay after an error, a user's manual replay, a
 * retried delivery), and a customer must not get the same invitation twice.
 *
 * The identity of an invitation is business unit + reference number + email + type. It is
 * normalised and hashed into the cache key, so no email address is ever stored in a key.
 *
 * How a shell uses it (order: validate → claimOnce → monthly cap → send → remember):
 *   const claim = await claimOnce(z.cache, key);
 *   if (claim.duplicate) return claim.inFlight ? fail(inFlightMessage(claim)) : claim.previous;
 *   try { result = await send(); }
 *   catch (e) { if (it certainly did not take effect, e.g. a 4xx or 429) await release(z.cache, key); throw e; }
 *   await remember(z.cache, key, result);   // a replay now gets this result back
 *
 * Cache failures never block sending. If the cache throws, or answers null because it is throttled,
 * `claimOnce` returns `{ duplicate: false, guarded: false }` and the shell sends anyway. Why: refusing
 * would turn every cache blip into a lost invitation, which is certain harm, while a double send needs a
 * cache outage AND a replay of that same invitation during it, which is rare on top of rare. `guarded:
 * false` lets the shell log it or show it in the output, so it is never silent.
 */
import { createHash } from 'node:crypto';

import { InputError } from '../../errors/input-error';
import { KeyValueCache } from '../../util/cache';

const KEY_PREFIX = 'tp:inv:v1';
export const DEFAULT_REPLAY_TTL_SECONDS = 86_400;

export interface InvitationIdentity {
  /** Business unit id; for BGL or AFS, the domain or AFS address that stands in for it. */
  businessUnit: string;
  referenceNumber: string;
  email: string;
  /** The invitation path, e.g. `email`, `link`, `bgl`, `afs`: a link and an email for one order are different things. */
  type: string;
}

const IDENTITY_FIELDS: Record<keyof InvitationIdentity, string> = {
  businessUnit: 'business_unit_id',
  referenceNumber: 'reference_number',
  email: 'consumer_email',
  type: 'type',
};

/**
 * `tp:inv:v1:<sha-256 hex>` of the normalised identity: every part trimmed; email, business unit and type
 * lowercased (they are case-insensitive); the reference number kept as typed, since "abc" and "ABC" can be
 * different orders.
 */
export function invitationKey(identity: InvitationIdentity): string {
  const part = (name: keyof InvitationIdentity): string => {
    const value = identity[name];
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') throw new InputError(IDENTITY_FIELDS[name], `${IDENTITY_FIELDS[name]} is required to recognise a replayed invitation.`);
    return name === 'referenceNumber' ? text : text.toLowerCase();
  };
  // A JSON array keeps the parts apart: ("a|b", "c") and ("a", "b|c") cannot collide.
  const normalised = JSON.stringify([part('businessUnit'), part('referenceNumber'), part('email'), part('type')]);
  return `${KEY_PREFIX}:${createHash('sha256').update(normalised, 'utf8').digest('hex')}`;
}

type Entry =
  | { state: 'claimed'; at: string }
  | { state: 'done'; at: string; result: unknown }
  /** The first run failed and cannot tell whether the write took effect; `message` is what it told the user. */
  | { state: 'unknown'; at: string; message: string };

export type Claim<T = unknown> =
  /** This run owns the invitation: send it, then `remember` the result. */
  | { duplicate: false; guarded: true }
  /** The cache failed: send anyway (see the module comment), and still try to `remember`. */
  | { duplicate: false; guarded: false; reason: string }
  /** A replay of a finished run: return `previous`, the first run's result, and send nothing. */
  | { duplicate: true; inFlight: false; previous: T; claimedAt?: string }
  /**
   * A replay while the first run has claimed but not finished: it is still running, or it died with an
   * unknown outcome. Send nothing: a write whose outcome is unknown is never repeated.
   */
  | { duplicate: true; inFlight: true; previous: undefined; claimedAt?: string; unknownOutcome?: string };

function asDuplicate<T>(stored: unknown): Claim<T> {
  const entry = stored as Partial<Entry> | null;
  const claimedAt = typeof entry?.at === 'string' ? entry.at : undefined;
  if (entry?.state === 'done' && 'result' in entry) {
    return { duplicate: true, inFlight: false, previous: entry.result as T, claimedAt };
  }
  if (entry?.state === 'unknown' && typeof entry.message === 'string') {
    return { duplicate: true, inFlight: true, previous: undefined, claimedAt, unknownOutcome: entry.message };
  }
  // Anything else under our key (a claim, or a value we do not recognise) counts as taken: never send twice.
  return { duplicate: true, inFlight: true, previous: undefined, claimedAt };
}

/**
 * Claims the invitation for this run, or reports the earlier run's claim or result.
 * Reads first: the appTester's z.cache ignores set-if-absent, so the read is what catches a replay there;
 * in production the set-if-absent also settles two runs racing past the read.
 */
export async function claimOnce<T = unknown>(
  cache: KeyValueCache,
  key: string,
  ttlSeconds: number = DEFAULT_REPLAY_TTL_SECONDS,
): Promise<Claim<T>> {
  let existing: unknown;
  try {
    existing = await cache.get(key);
  } catch {
    return { duplicate: false, guarded: false, reason: 'the cache could not be read' };
  }
  if (existing != null) return asDuplicate<T>(existing);

  const marker: Entry = { state: 'claimed', at: new Date().toISOString() };
  let claimed: unknown;
  try {
    claimed = await cache.set(key, marker, Math.ceil(ttlSeconds), undefined, true);
  } catch {
    return { duplicate: false, guarded: false, reason: 'the cache could not be written' };
  }
  if (claimed === null) return { duplicate: false, guarded: false, reason: 'the cache is throttled' };
  if (claimed !== false) return { duplicate: false, guarded: true };

  // false: another run claimed it between our read and our write. Report what it stored if we can; if the
  // read fails, the refusal alone proves a claim exists, so it is still a duplicate.
  try {
    const winner = await cache.get(key);
    if (winner != null) return asDuplicate<T>(winner);
  } catch {
    // fall through
  }
  return { duplicate: true, inFlight: true, previous: undefined };
}

/**
 * Stores the run's final result so a replay returns it. Best effort: answers false instead of throwing when
 * the cache fails, because the invitation has been sent by now and the step must still succeed.
 * `result` must survive JSON (stash files first and store their URLs, not Buffers).
 */
export async function remember(
  cache: KeyValueCache,
  key: string,
  result: unknown,
  ttlSeconds: number = DEFAULT_REPLAY_TTL_SECONDS,
): Promise<boolean> {
  const entry: Entry = { state: 'done', at: new Date().toISOString(), result: result ?? null };
  try {
    const stored = await cache.set(key, entry, Math.ceil(ttlSeconds));
    return stored !== null && stored !== false;
  } catch {
    return false;
  }
}

/**
 * Keeps the claim after a write whose outcome is unknown, with the sentence the user was shown, so a replay
 * halts with that same sentence instead of sending again. Best effort: if the cache fails, the plain claim
 * stays and a replay still halts (as "already started").
 */
export async function rememberUnknown(
  cache: KeyValueCache,
  key: string,
  message: string,
  ttlSeconds: number = DEFAULT_REPLAY_TTL_SECONDS,
): Promise<boolean> {
  const entry: Entry = { state: 'unknown', at: new Date().toISOString(), message };
  try {
    const stored = await cache.set(key, entry, Math.ceil(ttlSeconds));
    return stored !== null && stored !== false;
  } catch {
    return false;
  }
}

/**
 * Drops this run's claim after a failure that certainly did not send anything, so a replay can try again.
 * Never call it when the outcome is unknown (a timeout, a 5xx on the send). Best effort, like `remember`.
 */
export async function release(cache: KeyValueCache, key: string): Promise<boolean> {
  if (!cache.delete) return false;
  try {
    return (await cache.delete(key)) !== false;
  } catch {
    return false;
  }
}

/** The sentence for a replay that meets an unfinished first run. */
export function inFlightMessage(claim: { claimedAt?: string }): string {
  const when = claim.claimedAt ? ` at ${claim.claimedAt.replace(/\.\d{3}Z$/, 'Z')}` : '';
  return (
    `This invitation (same business unit, reference number, email and type) was already started${when}, ` +
    'and its outcome is not known yet, so it was not sent again. Check the invitation history in ' +
    'Trustpilot Business before sending it another way.'
  );
}
