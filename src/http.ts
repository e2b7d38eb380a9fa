/**
 * The one HTTP layer: every call to Trustpilot and Salesforce goes through `z.request` here, so Zapier
 * logs it, censors secrets and renews the session on 401. This module owns what is common to both
 * services: bounded retries, throttling, network failures, and whether a failed write may be repeated.
 * Turning a 4xx into the service's own sentence belongs to each service's client.
 */
import type { HttpRequestOptionsWithUrl, HttpResponse, ZObject } from 'zapier-platform-core';

import {
  DEFAULT_THROTTLE_DELAY_S,
  REQUEST_TIMEOUT_MS,
  RETRY_BUDGET_MS,
  RETRY_DELAYS_MS,
  THROTTLE_JITTER_S,
} from './config';

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

/** Statuses that mean the server did not act on the request: a gateway or overload answered instead. */
const NOT_PROCESSED_STATUSES = new Set([502, 503, 504]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

const outcomeUnknown = (z: ZObject, req: ApiRequest, what: string) =>
  new z.errors.Error(
    `${req.service} ${what} while we tried to ${req.action}, so we cannot tell whether it took effect. ` +
      `It was not repeated automatically, to avoid doing it twice: check ${req.service} before replaying this step.`,
    'outcome_unknown',
  );

const gaveUp = (z: ZObject, req: ApiRequest, what: string, attempts: number) =>
  new z.errors.Error(
    `${req.service} ${what} when we tried to ${req.action} (${attempts} attempt${attempts > 1 ? 's' : ''}). ` +
      `This is usually temporary: replay the step in a few minutes.`,
    'upstream_unavailable',
  );

/**
 * Sends one logical request. Returns the response for any status below 500 except 429, so the caller
 * can turn 4xx bodies into its service's own sentences. 401 never reaches here: with session auth,
 * zapier-platform-core turns it into RefreshAuthError, and Zapier renews the session and retries.
 */
export const send = async (z: ZObject, req: ApiRequest): Promise<HttpResponse> => {
  const started = Date.now();
  const { body, headers } = buildBody(req);
  const maxAttempts = RETRY_DELAYS_MS.length + 1;

  for (let attempt = 1; ; attempt++) {
    const delay = RETRY_DELAYS_MS[attempt - 1];
    const mayRetry = delay !== undefined && Date.now() - started + delay < RETRY_BUDGET_MS;

    let response: HttpResponse;
    try {
      const options = {
        url: req.url,
        method: req.method,
        params: req.params as Record<string, string>,
        headers,
        body,
        timeout: req.timeoutMs ?? REQUEST_TIMEOUT_MS,
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
      const retryable = failure === 'not_sent' || req.effect === 'read';
      if (retryable && mayRetry) {
        await sleep(delay);
        continue;
      }
      if (!retryable) throw outcomeUnknown(z, req, 'dropped the connection');
      throw gaveUp(z, req, failure === 'not_sent' ? 'could not be reached' : 'did not answer', attempt);
    }

    if (response.status === 429) {
      throw new z.errors.ThrottledError(
        `${req.service} asked us to slow down (429 Too Many Requests) while we tried to ${req.action}. Zapier will retry this step automatically.`,
        throttleDelaySeconds(response),
      );
    }
    if (response.status >= 500) {
      const retryable = req.effect === 'read' || NOT_PROCESSED_STATUSES.has(response.status);
      if (retryable && mayRetry) {
        await sleep(delay);
        continue;
      }
      if (!retryable) throw outcomeUnknown(z, req, `answered with an error (HTTP ${response.status})`);
      throw gaveUp(z, req, `answered with an error (HTTP ${response.status})`, Math.min(attempt, maxAttempts));
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
  req: { url: string; maxBytes: number; action: string; timeoutMs?: number },
): Promise<Download> => {
  let response;
  try {
    response = await z.request({
      url: req.url,
      method: 'GET',
      raw: true,
      skipThrowForStatus: true,
      timeout: req.timeoutMs ?? REQUEST_TIMEOUT_MS,
      headers: { accept: 'text/csv, text/plain;q=0.9, */*;q=0.5' },
    });
  } catch (err) {
    if (!classifyNetworkError(err)) throw err;
    throw new z.errors.Error(
      `The file could not be downloaded when we tried to ${req.action} (the server did not answer). Check the file, then replay the step.`,
      'upstream_unavailable',
    );
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
