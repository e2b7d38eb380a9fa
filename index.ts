/**
 * The app definition: wiring only. Each trigger, action and search lives in its own file; the work
 * they do lives in src/ and loads lazily inside perform, so Zapier's cold start stays fast.
 */
import { defineApp, version as platformVersion } from 'zapier-platform-core';

import packageJson from './package.json';
import logReviewInSalesforce from './creates/log_review_in_salesforce';
import { authentication } from './src/auth/authentication';
import caseStatusList from './triggers/case_status_list';
import caseStatusReached from './triggers/case_status_reached';
import contactRoleList from './triggers/contact_role_list';
import opportunityStageList from './triggers/opportunity_stage_list';
import opportunityStageReached from './triggers/opportunity_stage_reached';
import orderStatusList from './triggers/order_status_list';
import orderStatusReached from './triggers/order_status_reached';

export default defineApp({
  version: packageJson.version,
  platformVersion,
  authentication,
  triggers: {
    [caseStatusList.key]: caseStatusList,
    [caseStatusReached.key]: caseStatusReached,
    [contactRoleList.key]: contactRoleList,
    [opportunityStageList.key]: opportunityStageList,
    [opportunityStageReached.key]: opportunityStageReached,
    [orderStatusList.key]: orderStatusList,
    [orderStatusReached.key]: orderStatusReached,
  },
  creates: {
    [logReviewInSalesforce.key]: logReviewInSalesforce,
  },
  searches: {},
});
