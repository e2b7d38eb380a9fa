import { SERVICES, type ServiceName } from './http';

export interface CallCounts {
  /** Per route key, e.g. "GET /services/data/:version/query". Every request that reached a route counts, faulted or not. */
  byRoute: Readonly<Record<string, number>>;
  /** Per service, including requests that matched no route. */
  totals: Readonly<Record<ServiceName, number>>;
}

/** One request as it crossed the wire, for the demo's report and for tests that read the sequence. */
export interface WireEntry {
  service: ServiceName;
  method: string;
  /** Path with its query string, as the app sent it. */
  path: string;
  /** The status sent, or 'dropped' when the connection was cut (a fault). */
  status: number | 'dropped';
  /**
   * The sandbox's own handling time in milliseconds: from the request's arrival to the response's last
   * byte (or the cut), injected delays included. A step's time minus its requests' `ms` is the app's.
   */
  ms: number;
}

/** Enough for any one test or demo run; older entries are dropped so a long run cannot grow it without bound. */
const JOURNAL_LIMIT = 10_000;

const zeroTotals = () => Object.fromEntries(SERVICES.map((s) => [s, 0])) as Record<ServiceName, number>;

/** Counts what the app actually sent: each call costs the user quota upstream, so tests assert on these. */
export class CallCounters {
  private byRoute = new Map<string, number>();
  private totals = zeroTotals();
  private entries: WireEntry[] = [];

  record(entry: WireEntry): void {
    this.entries.push(entry);
    if (this.entries.length > JOURNAL_LIMIT) this.entries.splice(0, this.entries.length - JOURNAL_LIMIT);
  }

  /** Every request so far, oldest first. */
  journal(): readonly WireEntry[] {
    return Object.freeze(this.entries.map((e) => Object.freeze({ ...e })));
  }

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
    this.entries = [];
  }
}
