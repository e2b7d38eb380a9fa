/**
 * The app definition: wiring only. Each trigger, action and search lives in its own file; the work
 * they do lives in src/ and loads lazily inside perform, so Zapier's cold start stays fast.
 */
import { defineApp, version as platformVersion } from 'zapier-platform-core';

import packageJson from './package.json';
import replyToReview from './creates/reply_to_review';
import findReview from './searches/find_review';
import { authentication } from './src/auth/authentication';
import businessUnitList from './triggers/business_unit_list';
import newProductReview from './triggers/new_product_review';
import newServiceReview from './triggers/new_service_review';
import newServiceReviewInstant from './triggers/new_service_review_instant';

export default defineApp({
  version: packageJson.version,
  platformVersion,
  authentication,
  triggers: {
    [businessUnitList.key]: businessUnitList,
    [newProductReview.key]: newProductReview,
    [newServiceReview.key]: newServiceReview,
    [newServiceReviewInstant.key]: newServiceReviewInstant,
  },
  creates: {
    [replyToReview.key]: replyToReview,
  },
  searches: {
    [findReview.key]: findReview,
  },
});
