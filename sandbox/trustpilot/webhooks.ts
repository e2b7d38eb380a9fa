/**
 * Trustpilot's review webhooks, as the sandbox sends them. Trustpilot POSTs a batch envelope
 * `{"events":[{eventName, version, eventData}]}` to every Subscription URL set in Trustpilot Business →
 * Integrations → Developers → Webhooks; nothing is signed, and the customer's email is left out "for
 * privacy reasons" (https://support.trustpilot.com/hc/en-us/community/posts/10109980750738-How-to-set-up-Trustpilot-Webhooks).
 * Event data follows that post's example (service-review-created), a client that decodes real deliveries
 * (github.com/lindar-open/trustpilot-client: `service-review-updated` has the created fields,
 * `service-review-deleted` only `{id}`), and a public decoder of `product-review-created`.
 */
import type { ProductReview, ServiceReview } from './model';

export type WebhookEventName = 'service-review-created' | 'service-review-updated' | 'service-review-deleted' | 'product-review-created';

export interface WebhookEvent {
  eventName: WebhookEventName;
  version: '1';
  eventData: Record<string, unknown>;
}

/** The public API host a webhook's links point at; the sandbox's own URL when it runs. */
const serviceReviewData = (apiBase: string, r: ServiceReview): Record<string, unknown> => ({
  id: r.id,
  language: r.language,
  title: r.title,
  text: r.text,
  referenceId: r.referenceId,
  stars: r.stars,
  createdAt: r.createdAt,
  isVerified: r.isVerified,
  locationId: r.location?.id ?? null,
  link: `${apiBase}/v1/reviews/${r.id}`,
  consumer: { id: r.consumer.id, name: r.consumer.displayName, link: `${apiBase}/v1/consumers/${r.consumer.id}` },
  tags: r.tags.map((t) => ({ ...t })),
});

export const serviceReviewEvent = (apiBase: string, eventName: 'service-review-created' | 'service-review-updated', review: ServiceReview): WebhookEvent => ({
  eventName,
  version: '1',
  eventData: serviceReviewData(apiBase, review),
});

export const serviceReviewDeletedEvent = (reviewId: string): WebhookEvent => ({
  eventName: 'service-review-deleted',
  version: '1',
  eventData: { id: reviewId },
});

export const productReviewCreatedEvent = (r: ProductReview): WebhookEvent => ({
  eventName: 'product-review-created',
  version: '1',
  eventData: {
    id: r.id,
    stars: r.stars,
    content: r.content,
    product: { id: r.product.id, sku: r.product.sku, name: r.product.name, productUrl: r.product.productUrl },
    referenceId: r.referenceId,
    consumer: { id: r.consumer.id, name: r.consumer.name, email: r.consumer.email },
    state: r.state,
    createdAt: r.createdAt,
  },
});

export interface Delivery {
  url: string;
  status: number;
  events: number;
  /** What the receiver answered, first 500 characters. */
  answer: string;
}

/** One POST of a batch to one Subscription URL, as Trustpilot sends it (JSON, unsigned). */
export const deliverWebhook = async (url: string, events: readonly WebhookEvent[]): Promise<Delivery> => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Trustpilot-Webhooks (sandbox)' },
    body: JSON.stringify({ events }),
  });
  const answer = (await res.text()).slice(0, 500);
  return { url, status: res.status, events: events.length, answer };
};

/** Subscription URLs and the events that happened since the last delivery. */
export class WebhookOutbox {
  readonly subscriptions = new Set<string>();
  pending: WebhookEvent[] = [];
  readonly delivered: Delivery[] = [];

  /** As Trustpilot: a change with no Subscription URL set up sends nothing, now or later. */
  queue(event: WebhookEvent): void {
    if (this.subscriptions.size > 0) this.pending.push(event);
  }

  /** Sends the pending events as one batch to every Subscription URL, then forgets them. */
  async flush(): Promise<Delivery[]> {
    const events = this.pending;
    this.pending = [];
    if (events.length === 0) return [];
    const deliveries = await Promise.all([...this.subscriptions].map((url) => deliverWebhook(url, events)));
    this.delivered.push(...deliveries);
    return deliveries;
  }

  reset(): void {
    this.subscriptions.clear();
    this.pending = [];
    this.delivered.length = 0;
  }
}
