/**
 * The boundary between the core's own errors and Zapier's: a perform wraps its work in `forZapier`, so a
 * core error reaches the user as the right kind of Zapier error and never as a stack trace.
 */
import type { ZObject } from 'zapier-platform-core';

import { CacheUnavailableError } from '../util/cache';
import { InputError } from './input-error';

/** How long Zapier should wait before retrying when its own cache was unavailable. */
const CACHE_RETRY_DELAY_S = 60;

export const toZapierError = (z: ZObject, err: unknown): unknown => {
  if (err instanceof InputError) return new z.errors.Error(err.message, 'invalid_input');
  if (err instanceof CacheUnavailableError) return new z.errors.ThrottledError(err.message, CACHE_RETRY_DELAY_S);
  return err;
};

export const forZapier = async <T>(z: ZObject, work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (err) {
    throw toZapierError(z, err);
  }
};

export { errorCode } from './error-message';
