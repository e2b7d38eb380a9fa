import { systemClock, type Clock } from './clock';
import type { CallCounts, WireEntry } from './calls';
import { Faults } from './faults';
import { routeKey, SERVICES, type ServiceName } from './http';
import { TRUSTPILOT_RATE_LIMIT, type RateLimitOptions } from './rate-limit';
import { salesforceService } from './salesforce/service';
import { BGL, SALESFORCE, TRUSTPILOT } from './seed/facts';
import { ServiceListener } from './server';
import type { TokenService } from './tokens';
import { createStory, type Story } from './story';
import { trustpilotApiService, trustpilotInvitationsService } from './trustpilot/service';
import { deliverWebhook, type Delivery, type WebhookEvent } from './trustpilot/webhooks';
import { World, type RefusalOptions, type RecordedComment, type RecordedInvitation, type RecordedLink, type RecordedReply, type RecordedTask } from './world';

export { ManualClock, systemClock, type Clock } from './clock';
export type { WireEntry } from './calls';
export type { Fault } from './faults';
export type { ServiceName } from './http';
export { BGL, SALESFORCE, SEED, TRUSTPILOT } from './seed/facts';
export type { BulkOptions, BulkResult } from './seed/bulk';
export type { NewProductReview, NewServiceReview, ServiceReviewEdit, Story } from './story';
export type { Delivery, WebhookEvent, WebhookEventName } from './trustpilot/webhooks';
export type { RefusalOptions, RecordedComment, RecordedInvitation, RecordedLink, RecordedReply, RecordedTask } from './world';
export type { Faults };

export interface SandboxOptions {
  /** Ports on 127.0.0.1; 0 (the default) picks a free one. */
  ports?: Partial<Record<ServiceName, number>>;
  /** Drives token expiry, the rate-limit window, seed dates and SOQL date literals. */
  clock?: Clock;
  /** Shared across both Trustpilot hosts. Default 833 calls per 300 000 ms; false turns it off. */
  trustpilotRateLimit?: RateLimitOptions | false;
  /** Token requests closer together than this get a 429. Default 0 (off). */
  minTokenIntervalMs?: number;
  /** Default 359 999 s, Trustpilot's expires_in. */
  trustpilotTokenTtlMs?: number;
  /** Default 2 h, Salesforce's default session timeout. */
  salesforceSessionTtlMs?: number;
  /** Records per query page before nextRecordsUrl. Default 2000. */
  salesforceBatchSize?: number;
  /** Order of the private product review list. Default 'oldest-first' (Trustpilot documents none). */
  productReviewOrder?: 'oldest-first' | 'newest-first';
  /** Status for an expired Trustpilot token: 401 (default, Apigee's fault) or 403 (errorCode 1014). */
  expiredTrustpilotTokenStatus?: 401 | 403;
  /** Refusals Trustpilot documents no rule for (all off by default). */
  refuse?: RefusalOptions;
}

/** What can be changed on a running sandbox, e.g. from a demo: the same options as at start. */
export type SandboxBehaviour = Pick<SandboxOptions, 'productReviewOrder' | 'expiredTrustpilotTokenStatus' | 'refuse'>;

export interface SandboxCredentials {
  trustpilot: {
    apiKey: string;
    apiSecret: string;
    businessUserId: string;
    businessUnitId: string;
    domain: string;
  };
  salesforce: { clientId: string; clientSecret: string; instanceUrl: string };
  bgl: { encryptionKey: string; authenticationKey: string };
}

/** What the app did, as the upstreams would have seen it. Every read is a frozen copy. */
export interface SandboxState {
  readonly invitations: readonly RecordedInvitation[];
  readonly links: readonly RecordedLink[];
  readonly replies: readonly RecordedReply[];
  readonly comments: readonly RecordedComment[];
  readonly tasks: readonly RecordedTask[];
  /** Calls per route key, e.g. state.calls['GET /services/data/:version/query']. */
  readonly calls: CallCounts['byRoute'];
  readonly totals: CallCounts['totals'];
  /** Every request in order (method, path, status): what went over the wire. */
  readonly journal: readonly WireEntry[];
}

/** Trustpilot Business → Integrations → Developers → Webhooks, and the deliveries it makes. */
export interface SandboxWebhooks {
  /** Adds a Subscription URL (e.g. a Zap's hook URL). */
  subscribe(url: string): void;
  unsubscribe(url: string): void;
  /** Events the story queued since the last delivery (none while no URL is subscribed, as on Trustpilot). */
  readonly pending: readonly WebhookEvent[];
  /** Sends the pending events as one batch to every Subscription URL, as Trustpilot does. */
  deliver(): Promise<Delivery[]>;
  /** Drops the pending events without sending them; answers how many. */
  discard(): number;
  /** Sends one batch of the given events to a URL now, whatever is subscribed. */
  send(url: string, events: readonly WebhookEvent[]): Promise<Delivery>;
  /** Every delivery so far. */
  readonly delivered: readonly Delivery[];
}

export interface Sandbox {
  readonly urls: Readonly<Record<ServiceName, string>>;
  readonly credentials: SandboxCredentials;
  readonly state: SandboxState;
  readonly faults: Faults;
  readonly clock: Clock;
  /** Things that happen in Salesforce and on Trustpilot during a run (a stage change, a new review). */
  readonly story: Story;
  readonly webhooks: SandboxWebhooks;
  /** Every token issued so far by that service stops working (401); new ones can be fetched. */
  expireTokens(service: TokenService): void;
  /** Changes how Trustpilot behaves from the next request on (product review order, expired-token status). */
  configure(behaviour: SandboxBehaviour): void;
  /** Back to the state right after start: seed data, start options' behaviour, no tokens, no recorded calls or writes, no faults, all listeners open. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
};
const snapshot = <T>(value: T): T => deepFreeze(structuredClone(value));

export const startSandbox = async (options: SandboxOptions = {}): Promise<Sandbox> => {
  const clock = options.clock ?? systemClock;
  const world = new World({
    clock,
    trustpilotRateLimit: options.trustpilotRateLimit ?? TRUSTPILOT_RATE_LIMIT,
    minTokenIntervalMs: options.minTokenIntervalMs ?? 0,
    trustpilotTokenTtlMs: options.trustpilotTokenTtlMs ?? 359_999_000,
    salesforceSessionTtlMs: options.salesforceSessionTtlMs ?? 2 * 3_600_000,
    salesforceBatchSize: options.salesforceBatchSize ?? 2000,
    productReviewOrder: options.productReviewOrder ?? 'oldest-first',
    expiredTrustpilotTokenStatus: options.expiredTrustpilotTokenStatus ?? 401,
    refuse: { ...options.refuse },
  });

  const initialBehaviour = {
    productReviewOrder: world.options.productReviewOrder,
    expiredTrustpilotTokenStatus: world.options.expiredTrustpilotTokenStatus,
    refuse: { ...world.options.refuse },
  };

  const definitions = {
    trustpilotApi: trustpilotApiService(world),
    trustpilotInvitations: trustpilotInvitationsService(world),
    // The token response's instance_url is this listener's own address, known only once it listens.
    salesforce: salesforceService(world, () => listeners.salesforce.url),
  };
  const knownRoutes = new Set(Object.values(definitions).flatMap((d) => d.routes.map((r) => routeKey(r.method, r.pattern))));
  const faults = new Faults(knownRoutes, {
    refuse: (service) => listeners[service].refuse(),
    accept: (service) => listeners[service].accept(),
  });
  const listeners = Object.fromEntries(
    SERVICES.map((s) => [s, new ServiceListener(definitions[s], world.counters, faults)]),
  ) as Record<ServiceName, ServiceListener>;

  try {
    for (const s of SERVICES) await listeners[s].listen(options.ports?.[s] ?? 0);
  } catch (e) {
    await Promise.all(SERVICES.map((s) => listeners[s].close()));
    throw e;
  }

  const urls = Object.freeze(Object.fromEntries(SERVICES.map((s) => [s, listeners[s].url]))) as Record<ServiceName, string>;
  world.trustpilotApiUrl = urls.trustpilotApi;
  const state: SandboxState = {
    get invitations() { return snapshot(world.recorded.invitations); },
    get links() { return snapshot(world.recorded.links); },
    get replies() { return snapshot(world.recorded.replies); },
    get comments() { return snapshot(world.recorded.comments); },
    get tasks() { return snapshot(world.recorded.tasks); },
    get calls() { return world.counters.snapshot().byRoute; },
    get totals() { return world.counters.snapshot().totals; },
    get journal() { return world.counters.journal(); },
  };

  return {
    urls,
    credentials: deepFreeze({
      trustpilot: {
        apiKey: TRUSTPILOT.apiKey,
        apiSecret: TRUSTPILOT.apiSecret,
        businessUserId: TRUSTPILOT.businessUser.id,
        businessUnitId: TRUSTPILOT.businessUnit.id,
        domain: TRUSTPILOT.businessUnit.domain,
      },
      salesforce: { clientId: SALESFORCE.clientId, clientSecret: SALESFORCE.clientSecret, instanceUrl: urls.salesforce },
      bgl: { ...BGL },
    }),
    state,
    faults,
    clock,
    story: createStory(world),
    webhooks: {
      subscribe: (url) => void world.webhooks.subscriptions.add(url),
      unsubscribe: (url) => void world.webhooks.subscriptions.delete(url),
      get pending() { return snapshot(world.webhooks.pending); },
      deliver: () => world.webhooks.flush(),
      discard: () => world.webhooks.pending.splice(0).length,
      send: (url, events) => deliverWebhook(url, events),
      get delivered() { return snapshot(world.webhooks.delivered); },
    },
    expireTokens: (service) => world.tokens.expireAll(service),
    configure: (behaviour) => {
      if (behaviour.productReviewOrder) world.options.productReviewOrder = behaviour.productReviewOrder;
      if (behaviour.expiredTrustpilotTokenStatus) world.options.expiredTrustpilotTokenStatus = behaviour.expiredTrustpilotTokenStatus;
      if (behaviour.refuse) world.options.refuse = { ...world.options.refuse, ...behaviour.refuse };
    },
    reset: async () => {
      faults.clear();
      Object.assign(world.options, { ...initialBehaviour, refuse: { ...initialBehaviour.refuse } });
      world.reset();
      await Promise.all(SERVICES.map((s) => listeners[s].accept()));
    },
    close: async () => {
      faults.clear();
      await Promise.all(SERVICES.map((s) => listeners[s].close()));
    },
  };
};
