/**
 * Values that are fixed by the upstream services or by Zapier, in one place.
 * Base URLs are read at call time, not load time, so the sandbox and tests can point the app elsewhere.
 */

/** Pinned: jsforce defaults to 50.0, and an unpinned "latest" would change behaviour under users' Zaps. */
export const SALESFORCE_API_VERSION = '66.0';

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

export const trustpilotApiUrl = (): string =>
  withoutTrailingSlash(process.env.TRUSTPILOT_API_URL || 'https://api.trustpilot.com');

export const trustpilotInvitationsApiUrl = (): string =>
  withoutTrailingSlash(process.env.TRUSTPILOT_INVITATIONS_API_URL || 'https://invitations-api.trustpilot.com');

/**
 * Zapier stops a step after 30 s (https://docs.zapier.com/integrations/build/operating-constraints). One step
 * never spends more than this on requests, timeouts, retries and pauses together, so it still has time to
 * say what happened ("did not answer in time", "outcome unknown") instead of being cut off.
 */
export const STEP_BUDGET_MS = 25_000;
/** A request (or a retry) is started only with at least this much of the step's budget left. */
export const MIN_ATTEMPT_MS = 250;
/** Pauses before the first and second retry: at most two quick retries. */
export const RETRY_DELAYS_MS = [300, 1_000] as const;
/** Per request; node-fetch's timeout covers the time to the response headers. */
export const REQUEST_TIMEOUT_MS = 12_000;

/**
 * Trustpilot documents no Retry-After on 429; its limit is 833 calls per 5 minutes, so a minute
 * (plus jitter, as Zapier recommends, so throttled runs don't return in lock-step) is a sane wait.
 */
export const DEFAULT_THROTTLE_DELAY_S = 60;
export const THROTTLE_JITTER_S = 30;

/**
 * Trustpilot's recommended ceiling is 833 calls per 5 minutes (https://developers.trustpilot.com/rate-limiting),
 * i.e. ~2.78/s sustained. Every Trustpilot call of an account, from any Zap run, takes its turn at a little
 * under that rate in the shared rate budget (src/trustpilot/rate-budget.ts). No burst: a long import runs as
 * consecutive batch steps, and a burst at the start of each step added up to ~880 calls per 5 minutes
 * (measured by `npm run bench`).
 */
export const TRUSTPILOT_SUSTAINED_CALLS_PER_SECOND = 2.7;

/**
 * A batch step stops starting new invitations after this long, so the last call (paced, with its own
 * timeout) still ends before Zapier stops the step at 30 s.
 */
export const BATCH_SEND_CUTOFF_MS = 22_000;
/** No request of a batch may still be running at this point of the step: the step budget (src/http.ts enforces it too). */
export const BATCH_HARD_STOP_MS = STEP_BUDGET_MS;
