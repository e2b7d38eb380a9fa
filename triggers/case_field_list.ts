import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

const perform = (async (z, bundle) => {
  const { listTagFields } = await import('../src/dropdowns/tag-fields');
  return listTagFields(z, bundle, 'Case');
}) satisfies PollingTriggerPerform;

/** Hidden: fills the Tag Fields dropdown of "Case Reached Status". */
export default defineTrigger({
  key: 'case_field_list',
  noun: 'Case Field',
  display: { label: 'New Case Field', description: 'Lists the case fields that can become tags, for dropdowns.', hidden: true },
  operation: { type: 'polling', perform },
});
