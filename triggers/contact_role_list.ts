import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

const perform = (async (z, bundle) => {
  const { listContactRoles } = await import('../src/dropdowns/picklists');
  return listContactRoles(z, bundle);
}) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: 'contact_role_list',
  noun: 'Contact Role',
  display: { label: 'New Contact Role', description: 'Lists the opportunity contact roles, for dropdowns.', hidden: true },
  operation: { type: 'polling', perform },
});
