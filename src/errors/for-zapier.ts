/**
 * The one boundary between the core's errors and Zapier's. `withErrorBoundary` (applied once to the whole
 * app definition in index.ts) wraps every perform, the connection test and the session exchange, so any error
 * reaches the user as the right kind of Zapier error with a sentence, and never as a stack trace or a raw TypeError:
 * - InputError → z.errors.Error(<Field>: <what is wrong>, 'invalid_input');
 * - CacheUnavailableError → ThrottledError, so Zapier retries later;
 * - Zapier's own errors pass through;
 * - anything else becomes a sentence with its (scrubbed) reason, code 'unexpected_error'.
 * It also starts the step's time budget (src/http.ts) when the perform begins.
 */
import type { ZObject } from 'zapier-platform-core';

import { startStep } from '../http';
import { CacheUnavailableError } from '../util/cache';
import { appError, withFacts } from './facts';
import { InputError } from './input-error';
import { scrub } from './scrub';

/** How long Zapier should wait before retrying when its own cache was unavailable. */
const CACHE_RETRY_DELAY_S = 60;

/** Errors zapier-platform-core defines (src/errors.js) and knows how to show. */
const ZAPIER_ERRORS = new Set([
  'AppError',
  'CheckError',
  'DehydrateError',
  'ExpiredAuthError',
  'HaltedError',
  'MethodDoesNotExist',
  'NotImplementedError',
  'RefreshAuthError',
  'RequireModuleError',
  'ResponseError',
  'StashedBundleError',
  'StopRequestError',
  'ThrottledError',
]);

export const toZapierError = (z: ZObject, err: unknown): unknown => {
  if (err instanceof InputError) {
    return appError(z, { kind: 'input', sentence: err.message, code: 'invalid_input' });
  }
  if (err instanceof CacheUnavailableError) {
    // Zapier's cache failed before anything was sent.
    return withFacts(new z.errors.ThrottledError(err.message, CACHE_RETRY_DELAY_S), { kind: 'unavailable', sentence: err.message });
  }
  const name = (err as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && ZAPIER_ERRORS.has(name)) return err;
  const reason = scrub(z, err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').slice(0, 200);
  const sentence = `Something unexpected went wrong in this step (${reason || 'no details'}). Nothing more is known; replay the step, and if it fails again, contact the app's maintainers.`;
  return appError(z, { kind: 'outcome_unknown', sentence, code: 'unexpected_error' });
};

type Perform = (z: ZObject, bundle: unknown) => unknown;
const PERFORMS = ['perform', 'performList', 'performSubscribe', 'performUnsubscribe', 'performResume', 'performBuffer'] as const;

const guarded = (fn: Perform): Perform => {
  const wrapped = async (z: ZObject, bundle: unknown) => {
    startStep(z);
    try {
      return await fn(z, bundle);
    } catch (err) {
      throw toZapierError(z, err);
    }
  };
  return wrapped;
};

/**
 * Wraps every perform of every trigger, action and search of the app definition in the error boundary, and the
 * connection's test and session exchange, whose errors Zapier shows when a user connects.
 */
export const withErrorBoundary = <A extends object>(app: A): A => {
  const groups = app as unknown as Record<string, Record<string, { operation?: Record<string, unknown> }> | undefined>;
  for (const kind of ['triggers', 'creates', 'searches'] as const) {
    for (const definition of Object.values(groups[kind] ?? {})) {
      const operation = definition.operation;
      if (!operation) continue;
      for (const key of PERFORMS) {
        const fn = operation[key];
        if (typeof fn === 'function') operation[key] = guarded(fn as Perform);
      }
    }
  }
  const auth = (app as { authentication?: { test?: unknown; sessionConfig?: { perform?: unknown } } }).authentication;
  if (typeof auth?.test === 'function') auth.test = guarded(auth.test as Perform);
  if (auth?.sessionConfig && typeof auth.sessionConfig.perform === 'function') auth.sessionConfig.perform = guarded(auth.sessionConfig.perform as Perform);
  return app;
};

export const forZapier = async <T>(z: ZObject, work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (err) {
    throw toZapierError(z, err);
  }
};
