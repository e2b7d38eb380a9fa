import type { ServiceName } from './http';

/** What the next matching request(s) meet instead of (or on top of) normal handling. */
export type Fault =
  /** Answer with this status and the service's usual error body; the request has no effect. */
  | { kind: 'status'; status: number; retryAfter?: number | string }
  /** Wait, then handle normally. */
  | { kind: 'delay'; ms: number }
  /** Destroy the socket before handling: the request has no effect. */
  | { kind: 'dropBeforeHandling' }
  /** Handle the request (its effect is applied), then destroy the socket instead of answering. */
  | { kind: 'dropAfterHandling' }
  /**
   * Handle the request (its effect is applied), then answer with this status instead: a gateway (502/503/504)
   * that gave up waiting while the origin finished the work. A 5xx from a gateway is no proof that nothing happened.
   */
  | { kind: 'statusAfterHandling'; status: number };

export interface FaultCount {
  /** How many consecutive requests the fault applies to (default 1). */
  times?: number;
}

interface Queued {
  fault: Fault;
  remaining: number;
}

export interface ConnectionControl {
  refuse(service: ServiceName): Promise<void>;
  accept(service: ServiceName): Promise<void>;
}

/**
 * Fault injection, per route key ("POST /v1/private/business-units/:businessUnitId/email-invitations").
 * Faults on one route queue up in the order injected; each request consumes at most one.
 */
export class Faults {
  private readonly queues = new Map<string, Queued[]>();
  private readonly reopenTimers = new Map<ServiceName, NodeJS.Timeout>();

  constructor(
    private readonly knownRoutes: ReadonlySet<string>,
    private readonly connections: ConnectionControl,
  ) {}

  /** The next `times` requests to `route` get `status` (429, 500, 503, …), optionally with a Retry-After header. */
  failWith(route: string, status: number, options: FaultCount & { retryAfter?: number | string } = {}): void {
    this.add(route, { kind: 'status', status, retryAfter: options.retryAfter }, options.times);
  }

  delay(route: string, ms: number, options: FaultCount = {}): void {
    this.add(route, { kind: 'delay', ms }, options.times);
  }

  dropBeforeHandling(route: string, options: FaultCount = {}): void {
    this.add(route, { kind: 'dropBeforeHandling' }, options.times);
  }

  dropAfterHandling(route: string, options: FaultCount = {}): void {
    this.add(route, { kind: 'dropAfterHandling' }, options.times);
  }

  /** The next `times` requests are handled (their effect applied), but answered with `status` (e.g. a 504 from a gateway). */
  failAfterHandling(route: string, status: number, options: FaultCount = {}): void {
    this.add(route, { kind: 'statusAfterHandling', status }, options.times);
  }

  /**
   * Closes the service's listener (connections are refused, open ones are cut) until `acceptConnections`,
   * or for `forMs` if given. It reopens on the same port.
   */
  async refuseConnections(service: ServiceName, options: { forMs?: number } = {}): Promise<void> {
    this.cancelReopen(service);
    await this.connections.refuse(service);
    if (options.forMs !== undefined) {
      const timer = setTimeout(() => {
        this.reopenTimers.delete(service);
        void this.connections.accept(service);
      }, options.forMs);
      timer.unref();
      this.reopenTimers.set(service, timer);
    }
  }

  async acceptConnections(service: ServiceName): Promise<void> {
    this.cancelReopen(service);
    await this.connections.accept(service);
  }

  /** Faults still waiting for a request, per route. */
  pending(): { route: string; fault: Fault; remaining: number }[] {
    return [...this.queues].flatMap(([route, q]) => q.map(({ fault, remaining }) => ({ route, fault, remaining })));
  }

  /** Forgets queued faults and pending reopen timers (listeners are reopened by the sandbox's reset). */
  clear(): void {
    this.queues.clear();
    for (const service of [...this.reopenTimers.keys()]) this.cancelReopen(service);
  }

  /** Called by the server for each request on the route. */
  take(route: string): Fault | undefined {
    const queue = this.queues.get(route);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    if (--head.remaining <= 0) queue.shift();
    if (queue.length === 0) this.queues.delete(route);
    return head.fault;
  }

  private add(route: string, fault: Fault, times = 1): void {
    // A typo would otherwise make a fault test pass without any fault: refuse unknown routes loudly.
    if (!this.knownRoutes.has(route)) {
      throw new Error(`Unknown sandbox route "${route}". Known routes:\n${[...this.knownRoutes].join('\n')}`);
    }
    if (!Number.isInteger(times) || times < 1) throw new Error(`times must be a positive integer, got ${times}`);
    const queue = this.queues.get(route) ?? [];
    queue.push({ fault, remaining: times });
    this.queues.set(route, queue);
  }

  private cancelReopen(service: ServiceName): void {
    const timer = this.reopenTimers.get(service);
    if (timer) clearTimeout(timer);
    this.reopenTimers.delete(service);
  }
}
