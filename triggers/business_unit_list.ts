import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

const perform = (async (z, bundle) => {
  const { listBusinessUnits } = await import('../src/dropdowns/business-units');
  return listBusinessUnits(z, bundle);
}) satisfies PollingTriggerPerform;

/** Hidden: fills the Business Unit dropdowns of the review operations. */
export default defineTrigger({
  key: 'business_unit_list',
  noun: 'Business Unit',
  display: {
    label: 'List Business Units',
    description: 'Lists the business unit of the connection, for dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
  },
});
