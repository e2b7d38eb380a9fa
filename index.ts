/**
 * The app definition: wiring only. Each trigger, action and search lives in its own file; the work
 * they do lives in src/ and loads lazily inside perform, so Zapier's cold start stays fast.
 * Keep each list alphabetical.
 */
import { defineApp, version as platformVersion } from 'zapier-platform-core';

import buildAfsEmail from './creates/build_afs_email';
import createBusinessGeneratedLink from './creates/create_business_generated_link';
import deleteInvitationData from './creates/delete_invitation_data';
import deleteReviewReply from './creates/delete_review_reply';
import generateInvitationLink from './creates/generate_invitation_link';
import importRecentReviews from './creates/import_recent_reviews';
import logReviewInSalesforce from './creates/log_review_in_salesforce';
import replyToReview from './creates/reply_to_review';
import sendInvitation from './creates/send_invitation';
import sendInvitationsBatch from './creates/send_invitations_batch';
import packageJson from './package.json';
import findBusinessUnit from './searches/find_business_unit';
import findReview from './searches/find_review';
import findSalesforceRecord from './searches/find_salesforce_record';
import getReviewSummary from './searches/get_review_summary';
import businessUnitList from './triggers/business_unit_list';
import caseFieldList from './triggers/case_field_list';
import caseStatusList from './triggers/case_status_list';
import caseStatusReached from './triggers/case_status_reached';
import contactRoleList from './triggers/contact_role_list';
import deletedServiceReviewInstant from './triggers/deleted_service_review_instant';
import newProductReview from './triggers/new_product_review';
import newProductReviewInstant from './triggers/new_product_review_instant';
import newServiceReview from './triggers/new_service_review';
import newServiceReviewInstant from './triggers/new_service_review_instant';
import opportunityFieldList from './triggers/opportunity_field_list';
import opportunityStageList from './triggers/opportunity_stage_list';
import opportunityStageReached from './triggers/opportunity_stage_reached';
import orderFieldList from './triggers/order_field_list';
import orderStatusList from './triggers/order_status_list';
import orderStatusReached from './triggers/order_status_reached';
import reviewList from './triggers/review_list';
import templateList from './triggers/template_list';
import trustscoreChanged from './triggers/trustscore_changed';
import updatedServiceReviewInstant from './triggers/updated_service_review_instant';
import { authentication } from './src/auth/authentication';
import { withErrorBoundary } from './src/errors/for-zapier';

const app = defineApp({
  version: packageJson.version,
  platformVersion,
  authentication,
  triggers: {
    [businessUnitList.key]: businessUnitList,
    [caseFieldList.key]: caseFieldList,
    [caseStatusList.key]: caseStatusList,
    [caseStatusReached.key]: caseStatusReached,
    [contactRoleList.key]: contactRoleList,
    [deletedServiceReviewInstant.key]: deletedServiceReviewInstant,
    [newProductReview.key]: newProductReview,
    [newProductReviewInstant.key]: newProductReviewInstant,
    [newServiceReview.key]: newServiceReview,
    [newServiceReviewInstant.key]: newServiceReviewInstant,
    [opportunityFieldList.key]: opportunityFieldList,
    [opportunityStageList.key]: opportunityStageList,
    [opportunityStageReached.key]: opportunityStageReached,
    [orderFieldList.key]: orderFieldList,
    [orderStatusList.key]: orderStatusList,
    [orderStatusReached.key]: orderStatusReached,
    [reviewList.key]: reviewList,
    [templateList.key]: templateList,
    [trustscoreChanged.key]: trustscoreChanged,
    [updatedServiceReviewInstant.key]: updatedServiceReviewInstant,
  },
  creates: {
    [buildAfsEmail.key]: buildAfsEmail,
    [createBusinessGeneratedLink.key]: createBusinessGeneratedLink,
    [deleteInvitationData.key]: deleteInvitationData,
    [deleteReviewReply.key]: deleteReviewReply,
    [generateInvitationLink.key]: generateInvitationLink,
    [importRecentReviews.key]: importRecentReviews,
    [logReviewInSalesforce.key]: logReviewInSalesforce,
    [replyToReview.key]: replyToReview,
    [sendInvitation.key]: sendInvitation,
    [sendInvitationsBatch.key]: sendInvitationsBatch,
  },
  searches: {
    [findBusinessUnit.key]: findBusinessUnit,
    [findReview.key]: findReview,
    [findSalesforceRecord.key]: findSalesforceRecord,
    [getReviewSummary.key]: getReviewSummary,
  },
});

// Every perform goes through one error boundary: errors reach the user as sentences, never as stack traces.
export default withErrorBoundary(app);
