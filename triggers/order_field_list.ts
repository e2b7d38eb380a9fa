import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

const perform = (async (z, bundle) => {
  const { listTagFields } = await import('../src/dropdowns/tag-fields');
  return listTagFields(z, bundle, 'Order');
}) satisfies PollingTriggerPerform;

/** Hidden: fills the Tag Fields dropdown of "Order Reached Status". */
export default defineTrigger({
  key: 'order_field_list',
  noun: 'Order Field',
  display: { label: 'New Order Field', description: 'Lists the order fields that can become tags, for dropdowns.', hidden: true },
  operation: { type: 'polling', perform },
});
