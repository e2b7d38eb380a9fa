import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

const perform = (async (z, bundle) => {
  const { listCaseStatuses } = await import('../src/dropdowns/picklists');
  return listCaseStatuses(z, bundle);
}) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: 'case_status_list',
  noun: 'Status',
  display: { label: 'New Case Status', description: 'Lists the case statuses, for dropdowns.', hidden: true },
  operation: { type: 'polling', perform },
});
