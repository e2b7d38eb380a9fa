/**
 * New Service Review (Instant): Trustpilot POSTs batches of review events to the Zap's URL. The guarded
 * handling every review webhook shares (re-reading through the API, business unit check, replay guard,
 * bounded lookups) is in src/review-webhooks.
 */
export {
  listNewServiceReviewSamples as performInstantList,
  performNewServiceReviewHook as performInstant,
  type InstantReview,
} from '../review-webhooks/hooks';
