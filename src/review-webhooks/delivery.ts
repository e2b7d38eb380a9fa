/**
 * One webhook delivery, read the same guarded way by every review hook (new, updated and deleted service
 * reviews, new product reviews). Trustpilot signs nothing and anyone who learns a Zap's URL can POST to
 * it, so a delivery is handled as untrusted input:
 *   - a body over MAX_BODY_BYTES is refused, and no error sentence repeats anything from the body;
 *   - only the hook's own event names are read; other events are counted in the log, never emitted;
 *   - at most MAX_LOOKUPS_PER_DELIVERY reviews are looked up through the API per delivery (each lookup
 *     costs the user's Trustpilot quota); the rest are still reported, as rows marked not checked;
 *   - a review is passed on only when Trustpilot's copy belongs to the connection's business unit;
 *   - a delivery already seen is not emitted again: each row claims its id in z.cache, set-if-absent;
 *   - one failing lookup turns only its own event into a not-checked row; the others go on.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';

import { errorMessage } from '../errors/error-message';
import { factsOf } from '../errors/facts';
import type { KeyValueCache } from '../util/cache';
import { TrustpilotClient } from '../trustpilot/client';
import { notJsonError, readEventBatch, reviewIdOf, tooLargeError, type ReviewEvent } from '../trustpilot/review-events';

/** Lookups per delivery. Trustpilot sends one event per review as it happens, so a real delivery is far below this. */
export const MAX_LOOKUPS_PER_DELIVERY = 10;
/** Rows per delivery, checked or not; events past it are only counted in the log. */
export const MAX_ROWS_PER_DELIVERY = 100;
/** Trustpilot's example delivery is under 1 KB per event. */
export const MAX_BODY_BYTES = 512 * 1024;
/** How long a delivered event is remembered, so a replay within this time is not emitted again. */
export const CLAIM_TTL_SECONDS = 30 * 86_400;

/** The fields every hook row carries about how far it can be trusted. */
export type CheckFields = {
  /** Trustpilot's API confirmed the row (true), or it comes from the webhook alone or was not looked up (false). */
  verified: boolean;
  /** Why a row is not verified, in a sentence; null when it is. */
  check_note: string | null;
};

/** The API part of the connection is optional: a Business Generated Links-only connection has none. */
export const hasApiAccess = (bundle: Pick<Bundle, 'authData'>) =>
  Boolean(bundle.authData?.trustpilot_api_key && bundle.authData?.trustpilot_access_token);

const headerOf = (headers: Record<string, string> | undefined, name: string) =>
  Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

/**
 * The parsed webhook body. `rawRequest.content` is the body exactly as it arrived; `cleanedRequest` is
 * Zapier's parse of it (for JSON: the object itself, plus `querystring`), used when no raw body is given.
 */
export const webhookBody = (z: ZObject, bundle: Bundle): unknown => {
  const raw = bundle.rawRequest?.content;
  if (typeof raw === 'string' && raw.trim() !== '') {
    const bytes = Buffer.byteLength(raw, 'utf8');
    if (bytes > MAX_BODY_BYTES) throw tooLargeError(z, bytes, MAX_BODY_BYTES);
    try {
      return JSON.parse(raw);
    } catch {
      throw notJsonError(z, headerOf(bundle.rawRequest?.headers, 'content-type'));
    }
  }
  const cleaned: unknown = bundle.cleanedRequest;
  const bytes = Buffer.byteLength(typeof cleaned === 'string' ? cleaned : (JSON.stringify(cleaned) ?? ''), 'utf8');
  if (bytes > MAX_BODY_BYTES) throw tooLargeError(z, bytes, MAX_BODY_BYTES);
  if (typeof cleaned === 'string') {
    try {
      return JSON.parse(cleaned);
    } catch {
      throw notJsonError(z, headerOf(bundle.rawRequest?.headers, 'content-type'));
    }
  }
  return cleaned;
};

/** An event of this hook's kind with a usable review id. */
export interface HookEvent {
  reviewId: string;
  event: ReviewEvent;
}

/** What checking one event through the API concluded. */
export type Outcome<Row> =
  /** Emit `row` once: `claim` identifies this delivery (review id, plus the update time for updates). */
  | { emit: Row; claim: string }
  /** Do not emit; `reason` goes to the log. */
  | { skip: string };

export interface HookContext {
  z: ZObject;
  bundle: Bundle;
  client: TrustpilotClient;
  /** The connection's business unit: only its reviews are passed on. */
  businessUnitId: string;
  cache: KeyValueCache;
  log: (message: string) => void;
  now: Date;
}

export interface HookSpec<Row extends CheckFields> {
  /** The trigger key, in cache keys and log lines. */
  key: string;
  /** Event names this hook handles; every other event in a delivery is ignored. */
  eventNames: readonly string[];
  /** Confirms one event through the API (the body's data is a hint at most). */
  check(ctx: HookContext, item: HookEvent): Promise<Outcome<Row>>;
  /** Without API access: the row from the webhook's own data (marked unverified), or a reason to skip. */
  unchecked(z: ZObject, bundle: Bundle, item: HookEvent, cache: KeyValueCache, log: (message: string) => void): Promise<Outcome<Row>>;
  /** A row that reports an event that was not looked up: only the review id, everything else empty. */
  notChecked(reviewId: string, note: string): Row;
  /** A claim key known before the lookup, to skip the lookup for a replay (an optimisation; the claim decides). */
  claimBeforeLookup?(item: HookEvent): string | undefined;
}

const claimKey = (hook: string, id: string) => `tp:hook:v1:${hook}:${id}`;

/** Set-if-absent. false: seen before. true: first time. undefined: the cache could not tell. */
const claim = async (cache: KeyValueCache, hook: string, id: string, now: Date): Promise<boolean | undefined> => {
  try {
    const answer = await cache.set(claimKey(hook, id), { at: now.toISOString() }, CLAIM_TTL_SECONDS, undefined, true);
    return answer === false ? false : answer === true ? true : undefined;
  } catch {
    return undefined;
  }
};

const seenBefore = async (cache: KeyValueCache, hook: string, id: string): Promise<boolean> => {
  try {
    return (await cache.get(claimKey(hook, id))) !== null;
  } catch {
    return false;
  }
};

const isRefreshAuth = (z: ZObject, err: unknown) => err instanceof z.errors.RefreshAuthError;

/** Our own sentence of why a lookup failed: the sentence our errors carry; any other message only when short and plain. */
const failureSentence = (err: unknown) => {
  const facts = factsOf(err);
  if (facts) return facts.sentence;
  const message = err instanceof Error ? errorMessage(err) : '';
  return message && message.length < 300 && !/[{}<>]/.test(message) ? message : 'the lookup failed';
};

export const handleDelivery = async <Row extends CheckFields>(z: ZObject, bundle: Bundle, spec: HookSpec<Row>): Promise<Row[]> => {
  const log = (message: string) => z.console.log(message);
  const events = readEventBatch(z, webhookBody(z, bundle));
  const cache = z.cache as unknown as KeyValueCache;
  const now = new Date();

  const mine = events.filter((event) => spec.eventNames.includes(event.eventName));
  if (mine.length < events.length) {
    log(`Ignored ${events.length - mine.length} webhook event(s) other than ${spec.eventNames.join(' or ')}.`);
  }

  // A batch can repeat a review: it is looked up once, and runs the Zap at most once.
  const items: HookEvent[] = [];
  const ids = new Set<string>();
  for (const event of mine) {
    const reviewId = reviewIdOf(event);
    if (reviewId === undefined) log(`Skipped a ${event.eventName} event without a review id.`);
    else if (!ids.has(reviewId)) {
      ids.add(reviewId);
      items.push({ reviewId, event });
    }
  }
  const reported = items.slice(0, MAX_ROWS_PER_DELIVERY);
  if (items.length > reported.length) {
    log(`This delivery named ${items.length} reviews; only the first ${MAX_ROWS_PER_DELIVERY} are reported, the other ${items.length - reported.length} were not read.`);
  }

  const api = hasApiAccess(bundle);
  const ctx: HookContext | undefined = api
    ? (() => {
        const client = TrustpilotClient.fromBundle(z, bundle);
        return { z, bundle, client, businessUnitId: client.businessUnitId(), cache, log, now };
      })()
    : undefined;

  const checkOne = async (item: HookEvent, index: number): Promise<Row | undefined> => {
    if (!ctx) return emitOnce(await spec.unchecked(z, bundle, item, cache, log));
    if (index >= MAX_LOOKUPS_PER_DELIVERY) {
      return spec.notChecked(
        item.reviewId,
        `Not looked up: this delivery named ${reported.length} reviews and at most ${MAX_LOOKUPS_PER_DELIVERY} are checked with ` +
          'Trustpilot per delivery. Nothing from the webhook is trusted; look the review up with “Find Review”.',
      );
    }
    const early = spec.claimBeforeLookup?.(item);
    if (early && (await seenBefore(cache, spec.key, early))) {
      log(`Skipped review ${item.reviewId}: this event was delivered before.`);
      return undefined;
    }
    let outcome: Outcome<Row>;
    try {
      outcome = await spec.check(ctx, item);
    } catch (err) {
      if (isRefreshAuth(z, err)) throw err;
      log(`Review ${item.reviewId} could not be checked: ${failureSentence(err)}`);
      return spec.notChecked(
        item.reviewId,
        `Could not be checked with Trustpilot (${failureSentence(err)}). Nothing from the webhook is trusted; look the review up with “Find Review”.`,
      );
    }
    return emitOnce(outcome);
  };

  const emitOnce = async (outcome: Outcome<Row>): Promise<Row | undefined> => {
    if ('skip' in outcome) {
      log(outcome.skip);
      return undefined;
    }
    const claimed = await claim(cache, spec.key, outcome.claim, now);
    if (claimed === false) {
      log(`Skipped ${outcome.claim}: this event was delivered before.`);
      return undefined;
    }
    if (claimed === undefined) log(`The Zapier cache did not answer, so a repeat of ${outcome.claim} could not be ruled out; passing it on.`);
    return outcome.emit;
  };

  // Concurrent lookups; an exception other than stale auth is already confined to its own event.
  const rows = await Promise.all(reported.map((item, index) => checkOne(item, index)));
  return rows.filter((row): row is Awaited<Row> => row !== undefined) as Row[];
};
