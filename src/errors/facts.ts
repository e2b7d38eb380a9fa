import type { ZObject } from 'zapier-platform-core';

/**
 * What the core knows about an error it throws, kept beside the error instead of inside its message.
 *
 * Zapier's `z.errors.Error` stores its message as JSON; reading a code back out of that JSON to decide
 * whether a write may be repeated is fragile. Instead, whoever creates an error records its kind here,
 * and the replay guard, the batch report and the Zapier boundary read the kind, never the message.
 *
 * Kinds, by what they mean for a write:
 * - `input`:           bad input, or something only the user can fix (an incomplete connection, a setting of
 *                      their Salesforce org); nothing was written.
 * - `refused`:         the service answered 4xx; it did not apply the request.
 * - `unavailable`:     the request certainly never reached the server (connection refused, host not found),
 *                      or a read failed; a write was not applied.
 * - `outcome_unknown`: a write may or may not have been applied (a gateway answered, the connection was
 *                      reset, a timeout after sending, the step's time ran out while waiting).
 * - `timeout`:         a read did not answer within the step's time.
 * - `cap_reached`:     the monthly invitation cap stopped the step; nothing was sent.
 * - `in_flight`:       a replay met an earlier run's claim; nothing was sent.
 */
export type ErrorKind = 'input' | 'refused' | 'unavailable' | 'outcome_unknown' | 'timeout' | 'cap_reached' | 'in_flight';

export interface ErrorFacts {
  kind: ErrorKind;
  /** The sentence the user sees. */
  sentence: string;
  service?: 'Trustpilot' | 'Salesforce';
  status?: number;
  code?: string;
}

const known = new WeakMap<object, ErrorFacts>();

/** Records what `err` means and returns it, for errors `appError` does not make: `throw withFacts(new z.errors.HaltedError(…), {…})`. */
export const withFacts = <E extends object>(err: E, facts: ErrorFacts): E => {
  known.set(err, facts);
  return err;
};

/**
 * The one way the core makes a Zapier error: the sentence and code the user sees, with its kind kept beside
 * it. Zapier shows `sentence` and `code` (and `status` when given) from the message it builds.
 */
export const appError = (z: ZObject, facts: ErrorFacts) =>
  withFacts(new z.errors.Error(facts.sentence, facts.code, facts.status), facts);

export const factsOf = (err: unknown): ErrorFacts | undefined =>
  err !== null && typeof err === 'object' ? known.get(err) : undefined;

/** Kinds after which a write certainly did not happen, so its replay claim may be dropped. */
const NOT_APPLIED: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['input', 'refused', 'unavailable', 'cap_reached']);

/**
 * True only when the error proves the write did not take effect: input errors, 4xx refusals, requests that
 * never left, a throttle (429) or an expired session (401), and cache failures before sending. Anything
 * else, above all an error we know nothing about, counts as "may have happened".
 */
export const certainlyNotApplied = (err: unknown): boolean => {
  const facts = factsOf(err);
  if (facts) return NOT_APPLIED.has(facts.kind);
  const name = (err as { name?: unknown } | null)?.name;
  // Core-made and core-internal errors that are thrown before anything is sent.
  return name === 'InputError' || name === 'CacheUnavailableError' || name === 'ThrottledError' || name === 'RefreshAuthError';
};
