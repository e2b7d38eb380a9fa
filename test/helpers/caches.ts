/**
 * Stand-ins for z.cache in tests. Values go through JSON like the real RPC does, so a value that would not
 * survive the trip fails here too.
 */
import { KeyValueCache } from '../../src/util/cache';

export interface SetCall {
  key: string;
  value: unknown;
  ttl: number | undefined;
  nx: boolean | undefined;
}

/** Like production z.cache: honours set-if-absent (answers false when the key exists). */
export class MemoryCache implements KeyValueCache {
  readonly store = new Map<string, string>();
  readonly sets: SetCall[] = [];
  gets = 0;
  /** Every key read, in order. */
  readonly getKeys: string[] = [];

  async get(key: string): Promise<unknown> {
    this.gets++;
    this.getKeys.push(key);
    const raw = this.store.get(key);
    return raw === undefined ? null : JSON.parse(raw);
  }

  async set(key: string, value: unknown, ttl?: number, _scope?: string[], nx?: boolean): Promise<boolean | null> {
    this.sets.push({ key, value, ttl, nx });
    if (ttl !== undefined && !Number.isInteger(ttl)) throw new TypeError('ttl must be an integer'); // as z.cache does
    if (nx && this.store.has(key)) return false;
    this.store.set(key, JSON.stringify(value));
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return this.store.delete(key);
  }
}

/** Like the appTester mock: ignores nx, always stores and answers true. */
export class HarnessLikeCache extends MemoryCache {
  override async set(key: string, value: unknown, ttl?: number, scope?: string[]): Promise<boolean> {
    await super.set(key, value, ttl, scope, false);
    return true;
  }
}

/**
 * Production semantics, but every call yields to the event loop first, so runs started together interleave:
 * all of them read before any of them writes. Deterministic: no timers, no sleeps.
 */
export class InterleavingCache extends MemoryCache {
  override async get(key: string): Promise<unknown> {
    await new Promise((resolve) => setImmediate(resolve));
    return super.get(key);
  }

  override async set(key: string, value: unknown, ttl?: number, scope?: string[], nx?: boolean): Promise<boolean | null> {
    await new Promise((resolve) => setImmediate(resolve));
    return super.set(key, value, ttl, scope, nx);
  }
}

/** A cache whose calls fail in a chosen way. */
export function failingCache(mode: 'get-throws' | 'set-throws' | 'set-throttled'): KeyValueCache & { inner: MemoryCache } {
  const inner = new MemoryCache();
  return {
    inner,
    get: (key) => (mode === 'get-throws' ? Promise.reject(new Error('rpc failed')) : inner.get(key)),
    set: (key, value, ttl, scope, nx) =>
      mode === 'set-throws'
        ? Promise.reject(new Error('rpc failed'))
        : mode === 'set-throttled'
          ? Promise.resolve(null)
          : inner.set(key, value, ttl, scope, nx),
  };
}
