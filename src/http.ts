/**
 * The one HTTP layer: every call to Trustpilot and Salesforce goes through `z.request` here, so Zapier
 * logs it, censors secrets and renews the session on 401. This module owns what is common to both
 * services: bounded retries, throttling, network failures, and whether a failed write may be repeated.
 * Turning a 4xx into the service's own sentence belongs to each service's client.
 */
import type { HttpRequestOptionsWithUrl, HttpResponse, ZObject } from 'zapier-platform-core';

import {
  DEFAULT_THROTTLE_DELAY_S,
  MIN_ATTEMPT_MS,
  REQUEST_TIMEOUT_MS,
  RETRY_DELAYS_MS,
  STEP_BUDGET_MS,
  THROTTLE_JITTER_S,
} from './config';
import { appError, withFacts } from './errors/facts';
import { wallClock } from './util/clock';

export type ServiceName = 'Trustpilot' | 'Salesforce';

export interface ApiRequest {
  service: ServiceName;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  params?: Record<string, string | number | boolean | Array<string | number> | undefined>;
  headers?: Record<string, string>;
  /** A JSON body, a form body, or a body already serialised (jsforce hands us strings). */
  json?: unknown;
  form?: Record<string, string>;
  body?: string;
  /** What the request does, in a marketer's words, for error messages: "schedule the review invitation". */
  action: string;
  /**
   * 'read' requests are retried on any 5xx or network failure. 'write' requests change something
   * upstream, so they are retried only when the failure proves nothing happened.
   */
  effect: 'read' | 'write';
  timeoutMs?: number;
}

/** A network failure, classified by whether the request could have reached the server. */
type NetworkFailure = 'not_sent' | 'ambiguous';

/** Connection refused or the host not found: the request never left, so even a write may be repeated. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The step's wall-clock budget. Zapier stops an action after 30 s
 * (https://docs.zapier.com/integrations/build/operating-constraints), and a step stopped there tells the user
 * nothing useful; so every request, retry and pause of one step shares STEP_BUDGET_MS, counted from the
 * step's first request (or from `startStep`, which the error boundary calls when a perform begins). Each z
 * object belongs to one invocation, so it keys the step. Tests may shorten the budget or replace the clock (its
 * `now` and the `sleep` that pauses between attempts) so retries pass in virtual time.
 */
export const stepClock = {
  now: (): number => wallClock.now(),
  sleep: (ms: number): Promise<void> => wallClock.sleep(ms),
  budgetMs: STEP_BUDGET_MS,
};
const stepStarts = new WeakMap<object, number>();

export const startStep = (z: object): void => {
  if (!stepStarts.has(z)) stepStarts.set(z, stepClock.now());
};

/** Milliseconds this step has left. */
export const stepTimeLeft = (z: object): number => {
  startStep(z);
  return stepStarts.get(z)! + stepClock.budgetMs - stepClock.now();
};

const classifyNetworkError = (err: unknown): NetworkFailure | undefined => {
  const e = err as { name?: string; code?: string; errno?: string; type?: string };
  if (e?.name !== 'FetchError' && e?.type !== 'system' && e?.type !== 'request-timeout') return undefined;
  const code = e.code ?? e.errno;
  return code && NOT_SENT_CODES.has(code) ? 'not_sent' : 'ambiguous';
};

const pathOf = (url: string) => {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
};

const buildBody = (req: ApiRequest): { body?: string; headers: Record<string, string> } => {
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  if (req.json !== undefined) {
    headers['content-type'] = 'application/json';
    return { body: JSON.stringify(req.json), headers };
  }
  if (req.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    return { body: new URLSearchParams(req.form).toString(), headers };
  }
  return { body: req.body, headers };
};

export const throttleDelaySeconds = (response: HttpResponse, random: () => number = Math.random): number => {
  const header = response.getHeader('retry-after');
  const seconds = header ? Number.parseInt(header, 10) : Number.NaN;
  if (Number.isFinite(seconds) && seconds > 0) return seconds;
  const date = header ? Date.parse(header) : Number.NaN;
  if (Number.isFinite(date)) return Math.max(1, Math.ceil((date - Date.now()) / 1000));
  return DEFAULT_THROTTLE_DELAY_S + Math.floor(random() * THROTTLE_JITTER_S);
};

const outcomeUnknown = (z: ZObject, req: ApiRequest, what: string, status?: number) => {
  const sentence =
    `${req.service} ${what} while we tried to ${req.action}, so we cannot tell whether it took effect: the outcome is unknown. ` +
    `It was not repeated, to avoid doing it twice, and replaying this step will not send it again: check ${req.service} first.`;
  return appError(z, { kind: 'outcome_unknown', sentence, service: req.service, status, code: 'outcome_unknown' });
};

const gaveUp = (z: ZObject, req: ApiRequest, what: string, attempts: number, status?: number) => {
  const sentence =
    `${req.service} ${what} when we tried to ${req.action} (${attempts} attempt${attempts > 1 ? 's' : ''}). ` +
    `This is usually temporary: replay the step in a few minutes.`;
  return appError(z, { kind: 'unavailable', sentence, service: req.service, status, code: 'upstream_unavailable' });
};

/** A read that the step's time ran out on. */
const noTimeLeft = (z: ZObject, req: ApiRequest) => {
  const sentence =
    `${req.service} did not answer in time when we tried to ${req.action}: Zapier gives a step 30 seconds, ` +
    `and retries would not fit. This is usually temporary: replay the step in a few minutes.`;
  return appError(z, { kind: 'timeout', sentence, service: req.service, code: 'upstream_timeout' });
};

/** A write the step had no time left to send at all: certainly not applied. */
const notSentInTime = (z: ZObject, req: ApiRequest) => {
  const sentence =
    `${req.service} could not be reached in time when we tried to ${req.action}, so nothing was sent. ` +
    `Replay the step in a few minutes.`;
  return appError(z, { kind: 'unavailable', sentence, service: req.service, code: 'upstream_unavailable' });
};

/**
 * Sends one logical request within the step's time budget. Returns the response for any status below 500
 * except 429, so the caller can turn 4xx bodies into its service's own sentences. 401 never reaches here:
 * with session auth, zapier-platform-core turns it into RefreshAuthError, and Zapier renews the session.
 *
 * Reads are retried (twice at most) on 5xx, resets and timeouts. A write is repeated only when the request
 * certainly never reached the server (connection refused, host not found). Any answer from the server or a
 * gateway (500, 502, 503, 504), a reset or a timeout after sending makes its outcome unknown: a gateway
 * often answers after the origin has done the work, so it is not repeated.
 */
export const send = async (z: ZObject, req: ApiRequest): Promise<HttpResponse> => {
  startStep(z);
  const { body, headers } = buildBody(req);
  let everSent = false;

  for (let attempt = 1; ; attempt++) {
    const left = stepTimeLeft(z);
    if (left < MIN_ATTEMPT_MS) {
      if (req.effect === 'read') throw noTimeLeft(z, req);
      throw everSent ? outcomeUnknown(z, req, 'did not answer in time') : notSentInTime(z, req);
    }
    const delay = RETRY_DELAYS_MS[attempt - 1];
    /** A retry must fit: its pause, then at least MIN_ATTEMPT_MS for the request itself. */
    const mayRetry = () => delay !== undefined && stepTimeLeft(z) - delay >= MIN_ATTEMPT_MS;

    let response: HttpResponse;
    try {
      const options = {
        url: req.url,
        method: req.method,
        params: req.params as Record<string, string>,
        headers,
        body,
        timeout: Math.max(1, Math.min(req.timeoutMs ?? REQUEST_TIMEOUT_MS, left)),
        skipThrowForStatus: true,
        // We read 429s ourselves so the delay can default sensibly when Trustpilot sends no Retry-After.
        throwForThrottlingEarly: false,
        removeMissingValuesFrom: { params: true },
      };
      // `throwForThrottlingEarly` is honoured by core 19 but missing from its typings.
      response = await z.request(options as HttpRequestOptionsWithUrl);
    } catch (err) {
      const failure = classifyNetworkError(err);
      if (!failure) throw err; // Zapier's own errors (RefreshAuthError, …) pass through untouched.
      if (failure === 'ambiguous') everSent = true;
      const timedOut = (err as { type?: string })?.type === 'request-timeout';
      if (req.effect === 'write' && everSent) {
        throw outcomeUnknown(z, req, timedOut ? 'did not answer in time' : 'dropped the connection');
      }
      if (mayRetry()) {
        await stepClock.sleep(delay!);
        continue;
      }
      if (req.effect === 'read' && (timedOut || stepTimeLeft(z) < MIN_ATTEMPT_MS)) throw noTimeLeft(z, req);
      throw gaveUp(z, req, failure === 'not_sent' ? 'could not be reached' : 'did not answer', attempt);
    }
    everSent = true;

    if (response.status === 429) {
      const sentence = `${req.service} asked us to slow down (429 Too Many Requests) while we tried to ${req.action}. Zapier will retry this step automatically.`;
      throw withFacts(new z.errors.ThrottledError(sentence, throttleDelaySeconds(response)), {
        kind: 'refused',
        sentence,
        service: req.service,
        status: 429,
      });
    }
    if (response.status >= 500) {
      if (req.effect === 'write') throw outcomeUnknown(z, req, `answered with an error (HTTP ${response.status})`, response.status);
      if (mayRetry()) {
        await stepClock.sleep(delay!);
        continue;
      }
      throw gaveUp(z, req, `answered with an error (HTTP ${response.status})`, attempt, response.status);
    }
    return response;
  }
};

/** The response body parsed as JSON, or undefined when it is empty or not JSON (some 2xx bodies are empty). */
export const jsonBody = (response: HttpResponse): unknown => {
  if (response.data !== undefined && response.data !== null && response.data !== '') return response.data;
  const text = typeof response.content === 'string' ? response.content.trim() : '';
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

export const describeRequest = (req: Pick<ApiRequest, 'method' | 'url'>) => `${req.method} ${pathOf(req.url)}`;

/** Zapier's file links redirect once (to storage); a few more hops are tolerated, loops are not. */
const MAX_REDIRECTS = 5;

export type Download =
  | { ok: true; bytes: Buffer; contentType?: string }
  | { ok: false; problem: 'status'; status: number }
  | { ok: false; problem: 'too_large'; maxBytes: number };

/**
 * Downloads a file a user gave us (a Zapier `file` field arrives as a URL), reading at most `maxBytes`:
 * the body is streamed and dropped as soon as it is too large, so a huge file cannot exhaust the step's
 * memory. No credentials are added. The caller turns a failed Download into a sentence naming its field.
 */
export const downloadLimited = async (
  z: ZObject,
  req: {
    url: string;
    maxBytes: number;
    action: string;
    timeoutMs?: number;
    /** Checks the URL and every redirect target before it is requested; throws to refuse it. */
    checkUrl?: (url: string) => Promise<unknown>;
  },
): Promise<Download> => {
  let response: HttpResponse & { body?: unknown };
  let url = req.url;
  for (let hops = 0; ; hops++) {
    await req.checkUrl?.(url);
    try {
      response = (await z.request({
        url,
        method: 'GET',
        raw: true,
        skipThrowForStatus: true,
        // Redirects are followed here, one by one, so each target is checked like the first URL.
        redirect: 'manual',
        timeout: Math.max(1, Math.min(req.timeoutMs ?? REQUEST_TIMEOUT_MS, stepTimeLeft(z))),
        headers: { accept: 'text/csv, text/plain;q=0.9, */*;q=0.5' },
        // Core's own ThrottledError would carry only its JSON message; a 429 is turned into ours below.
        throwForThrottlingEarly: false,
      } as HttpRequestOptionsWithUrl)) as HttpResponse & { body?: unknown };
    } catch (err) {
      if (!classifyNetworkError(err)) throw err;
      throw appError(z, {
        kind: 'unavailable',
        sentence: `The file could not be downloaded when we tried to ${req.action} (the server did not answer). Check the file, then replay the step.`,
        code: 'upstream_unavailable',
      });
    }
    if (response.status === 429) {
      (response.body as { destroy?: () => void } | undefined)?.destroy?.();
      const sentence = `The file’s server asked us to slow down (429 Too Many Requests) when we tried to ${req.action}. Zapier will retry this step automatically.`;
      throw withFacts(new z.errors.ThrottledError(sentence, throttleDelaySeconds(response)), { kind: 'refused', sentence, status: 429 });
    }
    const location = response.status >= 300 && response.status < 400 ? response.getHeader('location') : null;
    if (!location) break;
    (response.body as { destroy?: () => void } | undefined)?.destroy?.();
    if (hops >= MAX_REDIRECTS) return { ok: false, problem: 'status', status: response.status };
    url = new URL(location, url).toString();
  }
  const body = response.body as NodeJS.ReadableStream & AsyncIterable<Buffer | string> & { destroy?: () => void };
  if (response.status >= 400) {
    body.destroy?.();
    return { ok: false, problem: 'status', status: response.status };
  }
  const declared = Number(response.getHeader('content-length'));
  if (Number.isFinite(declared) && declared > req.maxBytes) {
    body.destroy?.();
    return { ok: false, problem: 'too_large', maxBytes: req.maxBytes };
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > req.maxBytes) {
      body.destroy?.();
      return { ok: false, problem: 'too_large', maxBytes: req.maxBytes };
    }
    chunks.push(bytes);
  }
  return { ok: true, bytes: Buffer.concat(chunks), contentType: response.getHeader('content-type') ?? undefined };
};
