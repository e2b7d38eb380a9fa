import { CallCounters } from './calls';
import type { Clock } from './clock';
import { SlidingWindowLimiter, type RateLimitOptions } from './rate-limit';
import { QueryCursors } from './salesforce/cursors';
import { SalesforceStore } from './salesforce/store';
import { seedSalesforce } from './seed/salesforce';
import { seedTrustpilot } from './seed/trustpilot';
import { TokenRegistry } from './tokens';
import type { TrustpilotData } from './trustpilot/model';
import { WebhookOutbox } from './trustpilot/webhooks';

export interface RecordedInvitation {
  businessUnitId: string;
  /** The business user it was created for (the x-business-user-id header). */
  businessUserId: string;
  body: unknown;
  headers: Record<string, string>;
  receivedAt: string;
}

export interface RecordedLink {
  id: string;
  url: string;
  businessUnitId: string;
  /** The business user named in x-business-user-id, or null: links are documented without one. */
  businessUserId: string | null;
  body: unknown;
  receivedAt: string;
}

export interface RecordedReply {
  reviewId: string;
  authorBusinessUserId: string;
  message: string;
  body: unknown;
  receivedAt: string;
}

export interface RecordedComment {
  conversationId: string;
  commentId: string;
  authorBusinessUserId: string;
  content: string;
  body: unknown;
  receivedAt: string;
}

export interface RecordedTask {
  id: string;
  /** The fields as the app sent them. */
  body: unknown;
  receivedAt: string;
}

export interface Recorded {
  invitations: RecordedInvitation[];
  links: RecordedLink[];
  replies: RecordedReply[];
  comments: RecordedComment[];
  tasks: RecordedTask[];
}

export interface WorldOptions {
  clock: Clock;
  trustpilotRateLimit: RateLimitOptions | false;
  minTokenIntervalMs: number;
  trustpilotTokenTtlMs: number;
  salesforceSessionTtlMs: number;
  salesforceBatchSize: number;
  /**
   * The order of the private product review list, which Trustpilot documents no order parameter or default
   * order for. Oldest first by default, so an app that assumes newest first fails here rather than in production.
   */
  productReviewOrder: 'oldest-first' | 'newest-first';
  /**
   * The status an expired Trustpilot token meets: Apigee's 401, or the 403 that Trustpilot's own Python client
   * also re-authenticates on (https://github.com/trustpilot/python-trustpilot/pull/28).
   */
  expiredTrustpilotTokenStatus: 401 | 403;
  /**
   * Refusals Trustpilot documents no rule for, off by default (its own examples use http redirects and links
   * without a business user); switched on, they prove that Trustpilot's 400/403 reaches the user as a sentence.
   */
  refuse: RefusalOptions;
}

export interface RefusalOptions {
  /** 400 for an email address with non-ASCII characters (an internationalised domain or local part). */
  internationalEmails?: boolean;
  /** 400 for an http:// redirectUri. */
  httpRedirects?: boolean;
  /** 403 for an invitation link without x-business-user-id, as for email invitations. */
  linksWithoutBusinessUser?: boolean;
}

/** Everything the handlers read and write. `reset()` brings it back to the state right after start. */
export class World {
  readonly tokens: TokenRegistry;
  readonly counters = new CallCounters();
  readonly limiter: SlidingWindowLimiter | undefined;
  readonly cursors = new QueryCursors();
  /** Review webhooks: Subscription URLs and events not yet delivered. */
  readonly webhooks = new WebhookOutbox();
  /** Where a webhook's links point: the sandbox's Trustpilot API once it listens. */
  trustpilotApiUrl = 'https://api.trustpilot.com';
  trustpilot!: TrustpilotData;
  salesforce!: SalesforceStore;
  recorded!: Recorded;

  constructor(readonly options: WorldOptions) {
    this.tokens = new TokenRegistry(options.clock);
    this.limiter = options.trustpilotRateLimit ? new SlidingWindowLimiter(options.trustpilotRateLimit, options.clock) : undefined;
    this.reseed();
  }

  get now(): number {
    return this.options.clock.now();
  }

  /** When a write was received, for the recorded state. */
  get isoNow(): string {
    return new Date(this.now).toISOString();
  }

  reset(): void {
    this.tokens.reset();
    this.counters.reset();
    this.limiter?.reset();
    this.cursors.reset();
    this.webhooks.reset();
    this.reseed();
  }

  private reseed(): void {
    const now = this.now;
    this.trustpilot = seedTrustpilot(now);
    this.salesforce = new SalesforceStore();
    seedSalesforce(this.salesforce, now);
    this.recorded = { invitations: [], links: [], replies: [], comments: [], tasks: [] };
  }
}
