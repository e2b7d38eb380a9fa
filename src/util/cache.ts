/**
 * The slice of Zapier's `z.cache` that the monthly cap and the replay guard use, so both can be tested with
 * plain objects and never import zapier-platform-core. `z.cache` satisfies it as is.
 *
 * Facts about `z.cache` these modules rely on (reference zapier-platform.md §0 and §5; core src/tools/create-cache.js):
 * - values are JSON-encoded; `get` of a missing key returns null;
 * - `set(key, value, ttl, scope, nx)`: `ttl` must be an integer; with `nx` (set-if-absent) production answers
 *   false when the key exists, but the appTester mock ignores `nx` and always answers true;
 * - `set` answers null when the cache throttles the call, and any call can throw (it is an RPC).
 */
export interface KeyValueCache {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlSeconds?: number, scope?: string[], nx?: boolean): Promise<unknown>;
  delete?(key: string): Promise<unknown>;
}

/**
 * The cache could not answer, so a check that depends on it cannot be made now. Nothing was sent.
 * The Zapier boundary should turn this into `z.errors.ThrottledError(message, delay)` so Zapier retries later.
 */
export class CacheUnavailableError extends Error {
  override readonly name = 'CacheUnavailableError';
}
