import type { Clock } from './clock';

export type TokenService = 'trustpilot' | 'salesforce';
export type TokenCheck = 'valid' | 'expired' | 'unknown';

interface Issued {
  service: TokenService;
  expiresAt: number;
}

/** Access tokens both services have issued, so that a stale or foreign token fails like upstream. */
export class TokenRegistry {
  private readonly issued = new Map<string, Issued>();
  private readonly lastIssuedAt = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  register(service: TokenService, token: string, ttlMs: number, clientId: string): void {
    const now = this.clock.now();
    this.issued.set(token, { service, expiresAt: now + ttlMs });
    this.lastIssuedAt.set(`${service}:${clientId}`, now);
  }

  /** When this client last got a token from this service, for Trustpilot's "refresh too often" 429. */
  lastIssued(service: TokenService, clientId: string): number | undefined {
    return this.lastIssuedAt.get(`${service}:${clientId}`);
  }

  check(service: TokenService, token: string | undefined): TokenCheck {
    const t = token === undefined ? undefined : this.issued.get(token);
    if (!t || t.service !== service) return 'unknown';
    return this.clock.now() < t.expiresAt ? 'valid' : 'expired';
  }

  /** Every token the service issued so far stops working; new ones can be fetched as usual. */
  expireAll(service: TokenService): void {
    for (const t of this.issued.values()) if (t.service === service) t.expiresAt = -Infinity;
  }

  reset(): void {
    this.issued.clear();
    this.lastIssuedAt.clear();
  }
}
