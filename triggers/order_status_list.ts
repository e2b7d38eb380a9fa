import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

const perform = (async (z, bundle) => {
  const { listOrderStatuses } = await import('../src/dropdowns/picklists');
  return listOrderStatuses(z, bundle);
}) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: 'order_status_list',
  noun: 'Status',
  display: { label: 'New Order Status', description: 'Lists the order statuses, for dropdowns.', hidden: true },
  operation: { type: 'polling', perform },
});
