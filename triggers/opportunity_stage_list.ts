import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

const perform = (async (z, bundle) => {
  const { listOpportunityStages } = await import('../src/dropdowns/picklists');
  return listOpportunityStages(z, bundle);
}) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: 'opportunity_stage_list',
  noun: 'Stage',
  display: { label: 'New Opportunity Stage', description: 'Lists the active opportunity stages, for dropdowns.', hidden: true },
  operation: { type: 'polling', perform },
});
