import { SERVICES, type ServiceName } from './http';

export interface CallCounts {
  /** Per route key, e.g. "GET /services/data/:version/query". Every request that reached a route counts, faulted or not. */
  byRoute: Readonly<Record<string, number>>;
  /** Per service, including requests that matched no route. */
  totals: Readonly<Record<ServiceName, number>>;
}

const zeroTotals = () => Object.fromEntries(SERVICES.map((s) => [s, 0])) as Record<ServiceName, number>;

/** Counts what the app actually sent: each call costs the user quota upstream, so tests assert on these. */
export class CallCounters {
  private byRoute = new Map<string, number>();
  private totals = zeroTotals();

  hit(service: ServiceName, route: string | undefined): void {
    this.totals[service]++;
    if (route) this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
  }

  snapshot(): CallCounts {
    return Object.freeze({
      byRoute: Object.freeze(Object.fromEntries(this.byRoute)),
      totals: Object.freeze({ ...this.totals }),
    });
  }

  reset(): void {
    this.byRoute = new Map();
    this.totals = zeroTotals();
  }
}
