/** z.errors.Error keeps its message as JSON {message, code, status}; these read the parts back out. */
const parsedZapierError = (err: unknown): { message?: unknown; code?: unknown } | undefined => {
  try {
    const parsed = JSON.parse(err instanceof Error ? err.message : String(err)) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as { message?: unknown; code?: unknown }) : undefined;
  } catch {
    return undefined; // not one of Zapier's JSON-encoded errors
  }
};

/** The sentence inside a z.errors.Error, or the error's own message. */
export const errorMessage = (err: unknown): string => {
  const message = parsedZapierError(err)?.message;
  return typeof message === 'string' ? message : err instanceof Error ? err.message : String(err);
};

/** The code of a z.errors.Error, or the error's name for Zapier's other errors (ThrottledError, …). */
export const errorCode = (err: unknown): string | undefined => {
  const code = parsedZapierError(err)?.code;
  return typeof code === 'string' ? code : (err as { name?: string })?.name;
};

export const isZapierError = (err: unknown, name: 'RefreshAuthError' | 'ThrottledError' | 'HaltedError' | 'ExpiredAuthError') =>
  (err as { name?: string })?.name === name;
