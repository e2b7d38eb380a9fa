/**
 * Things that happen in the world while a demo or end-to-end test runs: a sales rep moves an
 * Opportunity to Closed Won, a customer posts a review. They change the sandbox's data exactly as
 * Salesforce and Trustpilot would (history rows, modstamps), so the app finds them the real way.
 */
import { hexId, sfId } from './ids';
import { addCasesInStatus, addOpportunitiesInStage, addOrdersInStatus, type BulkOptions, type BulkResult } from './seed/bulk';
import { STAGES } from './seed/salesforce';
import { tpTime, type ProductReview, type ServiceReview } from './trustpilot/model';
import { productReviewCreatedEvent, serviceReviewDeletedEvent, serviceReviewEvent } from './trustpilot/webhooks';
import type { World } from './world';

export interface NewServiceReview {
  stars: ServiceReview['stars'];
  title: string;
  text: string;
  consumerName: string;
  referenceId?: string;
  referralEmail?: string;
  language?: string;
}

export interface ServiceReviewEdit {
  stars?: ServiceReview['stars'];
  title?: string;
  text?: string;
}

export interface NewProductReview {
  stars: ProductReview['stars'];
  content: string;
  consumerName: string;
  consumerEmail: string;
  sku: string;
  productName: string;
  referenceId?: string;
  language?: string;
  /** When it was posted (epoch ms). Default now. */
  createdAtMs?: number;
}

export interface Story {
  /** Sets the Opportunity's stage and records the change in OpportunityHistory, as Salesforce does. */
  moveOpportunityToStage(opportunityId: string, stage: string): { historyId: string };
  /** A customer posts a service review; it is the newest review of the business unit. Queues `service-review-created`. */
  postServiceReview(review: NewServiceReview): ServiceReview;
  /** The customer edits their review: its updatedAt moves to now. Queues `service-review-updated`. */
  updateServiceReview(reviewId: string, edit: ServiceReviewEdit): ServiceReview;
  /** The review is deleted (by its author or by Trustpilot): the API answers 404 for it from now on. Queues `service-review-deleted`. */
  deleteServiceReview(reviewId: string): void;
  /** A customer posts a published product review. Queues `product-review-created`. */
  postProductReview(review: NewProductReview): ProductReview;
  /**
   * `n` older published product reviews, one a minute, the last `endingMsAgo` before now (default a day): a long
   * history, as on an account that has collected product reviews for years. Queues no webhook events.
   */
  addProductReviews(n: number, options?: { endingMsAgo?: number }): ProductReview[];
  /**
   * Volume (seed/bulk.ts): `n` opportunities that entered `stage` recently, one entry every 30 s back from
   * now, each with an account, a primary and a second contact role, two line items and its stage history.
   */
  addOpportunitiesInStage(n: number, stage: string, options?: BulkOptions): BulkResult;
  /** `n` orders that reached `status` recently, with a bill-to/ship-to contact, two order items and Status history. */
  addOrdersInStatus(n: number, status: string, options?: BulkOptions): BulkResult;
  /** `n` cases that reached `status` recently, with a contact, a Web Email and Status history. */
  addCasesInStatus(n: number, status: string, options?: BulkOptions): BulkResult;
}

export const createStory = (world: World): Story => ({
  moveOpportunityToStage(opportunityId, stage) {
    const found = world.salesforce.get(opportunityId);
    const info = STAGES[stage];
    if (!found || found.object !== 'Opportunity') throw new Error(`No Opportunity ${opportunityId} in the sandbox`);
    if (!info) throw new Error(`No stage "${stage}" in the sandbox org`);
    // The store keeps datetimes as epoch milliseconds and dates as YYYY-MM-DD, like the seed.
    const now = world.now;
    const opportunity = found.record;
    Object.assign(opportunity, {
      StageName: stage,
      Probability: info.probability,
      ForecastCategoryName: info.forecast,
      IsClosed: info.closed,
      IsWon: info.won,
      LastStageChangeDate: now,
      LastModifiedDate: now,
      SystemModstamp: now,
      ...(info.closed ? { CloseDate: new Date(now).toISOString().slice(0, 10) } : {}),
    });
    const historyId = sfId('008', `story:${opportunityId}:${stage}:${now}:${Math.random()}`);
    world.salesforce.insert('OpportunityHistory', {
      Id: historyId,
      OpportunityId: opportunityId,
      StageName: stage,
      Amount: opportunity.Amount ?? null,
      CloseDate: opportunity.CloseDate ?? null,
      Probability: info.probability,
      ForecastCategory: info.forecast,
      ExpectedRevenue: typeof opportunity.Amount === 'number' ? (opportunity.Amount * info.probability) / 100 : null,
      PrevAmount: opportunity.Amount ?? null,
      PrevCloseDate: null,
      IsDeleted: false,
      CreatedDate: now,
      CreatedById: opportunity.OwnerId ?? null,
      SystemModstamp: now,
    });
    return { historyId };
  },

  addOpportunitiesInStage: (n, stage, options) => addOpportunitiesInStage(world.salesforce, world.now, n, stage, options),
  addOrdersInStatus: (n, status, options) => addOrdersInStatus(world.salesforce, world.now, n, status, options),
  addCasesInStatus: (n, status, options) => addCasesInStatus(world.salesforce, world.now, n, status, options),

  postServiceReview(r) {
    const unit = world.trustpilot.businessUnits[0]!;
    const review: ServiceReview = {
      id: hexId(),
      businessUnitId: unit.id,
      consumer: { id: hexId(), displayName: r.consumerName, displayLocation: null, numberOfReviews: 1 },
      location: null,
      stars: r.stars,
      title: r.title,
      text: r.text,
      language: r.language ?? 'en',
      createdAt: tpTime(world.now),
      updatedAt: null,
      experiencedAt: null,
      referralEmail: r.referralEmail ?? null,
      referenceId: r.referenceId ?? null,
      source: 'InvitationApi',
      companyReply: null,
      tags: [],
      isVerified: true,
      numberOfLikes: 0,
    };
    world.trustpilot.reviews.unshift(review);
    world.webhooks.queue(serviceReviewEvent(world.trustpilotApiUrl, 'service-review-created', review));
    return review;
  },

  updateServiceReview(reviewId, edit) {
    const review = world.trustpilot.reviews.find((r) => r.id === reviewId);
    if (!review) throw new Error(`No service review ${reviewId} in the sandbox`);
    const changes = Object.fromEntries(Object.entries(edit).filter(([, value]) => value !== undefined));
    Object.assign(review, changes, { updatedAt: tpTime(world.now) });
    world.webhooks.queue(serviceReviewEvent(world.trustpilotApiUrl, 'service-review-updated', review));
    return review;
  },

  deleteServiceReview(reviewId) {
    const index = world.trustpilot.reviews.findIndex((r) => r.id === reviewId);
    if (index === -1) throw new Error(`No service review ${reviewId} in the sandbox`);
    world.trustpilot.reviews.splice(index, 1);
    world.webhooks.queue(serviceReviewDeletedEvent(reviewId));
  },

  addProductReviews(n, options = {}) {
    const end = world.now - (options.endingMsAgo ?? 86_400_000);
    const added = Array.from({ length: n }, (_, i) => {
      const review = productReviewOf(world, {
        stars: ((i % 5) + 1) as ProductReview['stars'],
        content: `Older review ${i + 1}`,
        consumerName: `Customer ${i + 1}`,
        consumerEmail: `customer${i + 1}@example.com`,
        sku: 'TL2-TENT-GRN',
        productName: 'TrailLite 2 Tent',
        createdAtMs: end - (n - 1 - i) * 60_000,
      });
      return review;
    });
    world.trustpilot.productReviews.push(...added);
    return added;
  },

  postProductReview(r) {
    const review = productReviewOf(world, r);
    world.trustpilot.productReviews.unshift(review);
    world.webhooks.queue(productReviewCreatedEvent(review));
    return review;
  },
});

const productReviewOf = (world: World, r: NewProductReview): ProductReview => {
  const unit = world.trustpilot.businessUnits[0]!;
  const now = tpTime(r.createdAtMs ?? world.now);
  const review: ProductReview = {
    id: hexId(),
    businessUnitId: unit.id,
    createdAt: now,
    updatedAt: now,
    stars: r.stars,
    content: r.content,
    product: {
      id: hexId(`trustpilot:product:${r.sku}`),
      productUrl: `https://${unit.name.identifying}/products/${encodeURIComponent(r.sku.toLowerCase())}`,
      productImages: [],
      name: r.productName,
      sku: r.sku,
      gtin: null,
      mpn: null,
      brand: unit.displayName,
    },
    consumer: { id: hexId(), email: r.consumerEmail, name: r.consumerName },
    referenceId: r.referenceId ?? null,
    locale: 'en-US',
    language: r.language ?? 'en',
    redirectUri: null,
    state: 'published',
    hasModerationHistory: false,
    conversationId: null,
  };
  return review;
};
