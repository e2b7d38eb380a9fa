/**
 * Hidden trigger behind every "Business Unit" dropdown: the connection's business unit. It needs no
 * API call, because the session exchange already resolved its id and name. Another unit can be typed
 * as an id, or found with "Find Business Unit".
 */
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

const perform = (async (z, bundle) => {
  const { id, name, domain } = {
    id: bundle.authData.trustpilot_business_unit_id,
    name: bundle.authData.trustpilot_business_unit_name,
    domain: bundle.authData.trustpilot_business_unit_domain,
  };
  if (!id) {
    throw new z.errors.Error(
      'The connection has no Trustpilot business unit: reconnect and fill in the Trustpilot API part (API key, secret and business unit).',
      'trustpilot_not_connected',
    );
  }
  return [{ id, name: [name, domain && domain !== name ? `(${domain})` : ''].filter(Boolean).join(' ') || id }];
}) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: 'business_unit_list',
  noun: 'Business Unit',
  display: {
    label: 'List Business Units',
    description: 'Lists the connection’s Trustpilot business unit, for dropdowns.',
    hidden: true,
  },
  operation: { type: 'polling', perform },
});
