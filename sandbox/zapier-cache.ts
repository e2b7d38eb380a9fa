/**
 * A stand-in for Zapier's cache service behind `z.cache` (core's RPC methods zcache_get, zcache_set and
 * zcache_delete), with production's semantics: values are stored as the JSON strings core sends, `set` with
 * `nx` (set-if-absent) answers false when the key exists, and a key expires after its `ttl` seconds.
 * core's own test mock (`zcacheTestObj`) ignores both, so concurrent runs would all win a set-if-absent
 * claim there. One cache per store key (Zapier scopes the cache to an account; each runner has its own key).
 */
import type { Clock } from './clock';
import { systemClock } from './clock';

interface Entry {
  value: string;
  expiresAt: number;
}

export class ZapierCache {
  private readonly entries = new Map<string, Entry>();
  /** Calls answered, by method: what a step cost Zapier's cache. */
  readonly calls = { get: 0, set: 0, delete: 0 };

  constructor(private readonly clock: Clock = systemClock) {}

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  get(key: string): string | null {
    this.calls.get++;
    return this.live(key)?.value ?? null;
  }

  set(key: string, value: string, ttlSeconds: number | null = null, nx: boolean | null = null): boolean {
    this.calls.set++;
    if (nx && this.live(key)) return false;
    this.entries.set(key, { value, expiresAt: ttlSeconds ? this.clock.now() + ttlSeconds * 1000 : Number.POSITIVE_INFINITY });
    return true;
  }

  delete(key: string): boolean {
    this.calls.delete++;
    const existed = this.live(key) !== undefined;
    this.entries.delete(key);
    return existed;
  }

  /** Answers one RPC call the way Zapier's service does; undefined when the method is not a cache method. */
  answer(method: string, params: unknown[]): { result: unknown } | undefined {
    const [key, value, ttl, , nx] = params as [string, string, number | null, unknown, boolean | null];
    if (method === 'zcache_get') return { result: this.get(key) };
    if (method === 'zcache_set') return { result: this.set(key, value, ttl, nx) };
    if (method === 'zcache_delete') return { result: this.delete(key) };
    return undefined;
  }
}
