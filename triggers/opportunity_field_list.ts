import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

const perform = (async (z, bundle) => {
  const { listTagFields } = await import('../src/dropdowns/tag-fields');
  return listTagFields(z, bundle, 'Opportunity');
}) satisfies PollingTriggerPerform;

/** Hidden: fills the Tag Fields dropdown of "Opportunity Reached Stage". */
export default defineTrigger({
  key: 'opportunity_field_list',
  noun: 'Opportunity Field',
  display: { label: 'New Opportunity Field', description: 'Lists the opportunity fields that can become tags, for dropdowns.', hidden: true },
  operation: { type: 'polling', perform },
});
