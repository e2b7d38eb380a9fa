/**
 * An error's sentence and code, for code that reports an error inside its own output (the connection test, the
 * batch and import reports, webhook rows) or decides by its code. They come from the facts recorded beside the
 * error (src/errors/facts.ts), never from its message: zapier-platform-core keeps the message of `z.errors.Error`,
 * `ResponseError` and `ThrottledError` as JSON (its src/errors.js), and reading that back is what facts replace.
 */
import { factsOf } from './facts';
import { InputError } from './input-error';

const nameOf = (err: unknown): string | undefined => {
  const name = (err as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
};

/** Zapier's errors whose message is JSON, so it is never shown as it is. */
const JSON_MESSAGES = new Set(['AppError', 'ResponseError', 'ThrottledError']);

/** Sentences for Zapier's own errors that reach us without facts: made by zapier-platform-core, or empty. */
const ZAPIER_SENTENCES: Record<string, string> = {
  AppError: 'The step failed without saying why.',
  ResponseError: 'The service answered with an error.',
  ThrottledError: 'The service asked us to slow down (429 Too Many Requests). Zapier will retry this step automatically.',
  RefreshAuthError: 'The connection’s session has expired. Zapier renews it and retries this step.',
  ExpiredAuthError: 'The connection has expired. Reconnect it.',
};

/** The sentence a user sees for an error. */
export const errorMessage = (err: unknown): string => {
  const facts = factsOf(err);
  if (facts) return facts.sentence;
  if (err instanceof InputError) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  const name = nameOf(err);
  const zapier = name !== undefined && Object.hasOwn(ZAPIER_SENTENCES, name) ? ZAPIER_SENTENCES[name] : undefined;
  if (zapier !== undefined && (JSON_MESSAGES.has(name!) || !message)) return zapier;
  return message;
};

/** The code of an error: from its facts, 'invalid_input' for an InputError, else its name (ThrottledError, …). */
export const errorCode = (err: unknown): string | undefined => {
  const code = factsOf(err)?.code;
  if (code !== undefined) return code;
  return err instanceof InputError ? 'invalid_input' : nameOf(err);
};

export const isZapierError = (err: unknown, name: 'RefreshAuthError' | 'ThrottledError' | 'HaltedError' | 'ExpiredAuthError') =>
  nameOf(err) === name;
