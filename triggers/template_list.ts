/**
 * Hidden trigger behind the "Template" and "Product Review Template" dropdowns: the invitation templates
 * of the business unit chosen in the step (else the connection's), default first.
 */
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

const perform = (async (z, bundle) => {
  const { listTemplateChoices } = await import('../src/dropdowns/template-choices');
  return listTemplateChoices(z, bundle);
}) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: 'template_list',
  noun: 'Template',
  display: {
    label: 'List Invitation Templates',
    description: 'Lists the business unit’s Trustpilot invitation templates, for dropdowns.',
    hidden: true,
  },
  operation: { type: 'polling', perform },
});
