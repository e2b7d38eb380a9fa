/** z.errors.Error keeps its message as JSON {message, code, status}; this reads the sentence back out. */
export const errorMessage = (err: unknown): string => {
  const raw = err instanceof Error ? err.message : String(err);
  try {
    const parsed = JSON.parse(raw) as { message?: unknown };
    if (parsed && typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not one of Zapier's JSON-encoded errors
  }
  return raw;
};

export const isZapierError = (err: unknown, name: 'RefreshAuthError' | 'ThrottledError' | 'HaltedError' | 'ExpiredAuthError') =>
  (err as { name?: string })?.name === name;
