import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

const perform = (async (z, bundle) => {
  const { listReviewChoices } = await import('../src/dropdowns/reviews');
  return listReviewChoices(z, bundle);
}) satisfies PollingTriggerPerform;

/** Hidden: fills the Review ID dropdowns of "Reply to Review", "Log Review in Salesforce" and "Find Review". */
export default defineTrigger({
  key: 'review_list',
  noun: 'Review',
  display: { label: 'New Review', description: 'Lists the newest reviews, for dropdowns.', hidden: true },
  operation: { type: 'polling', perform },
});
