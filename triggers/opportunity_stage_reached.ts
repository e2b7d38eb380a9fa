import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

import { INVITE_EVERYONE_HELP, opportunityOutputFields, opportunitySample, TAG_FIELDS_HELP } from '../src/stage-triggers/fields';

const perform = (async (z, bundle) => {
  const { pollOpportunityStage } = await import('../src/stage-triggers/opportunity');
  return pollOpportunityStage(z, bundle);
}) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: 'opportunity_stage_reached',
  noun: 'Opportunity',
  display: {
    label: 'Opportunity Reached Stage',
    description: 'Triggers when an opportunity enters the stage you choose, once per entry, with the contact to invite.',
  },
  operation: {
    type: 'polling',
    inputFields: [
      {
        key: 'stage',
        label: 'Stage',
        required: true,
        dynamic: 'opportunity_stage_list.id.name',
        helpText:
          'The stage that fires the trigger, e.g. Closed Won. It fires each time an opportunity enters this stage (again if it leaves and comes back), not when an opportunity already in it is edited.',
      },
      {
        key: 'recipient_role',
        label: 'Customer’s Contact Role',
        required: false,
        dynamic: 'contact_role_list.id.name',
        helpText:
          'Leave empty to invite the opportunity’s **primary** contact. Or choose a contact role (the Role on the opportunity’s Contact Roles) to invite the contact with that role instead.',
      },
      { key: 'tag_fields', label: 'Tag Fields', list: true, required: false, dynamic: 'opportunity_field_list.id.name', helpText: TAG_FIELDS_HELP('Opportunity') },
      { key: 'invite_everyone', label: 'Who to Invite', type: 'copy', helpText: INVITE_EVERYONE_HELP },
    ],
    outputFields: opportunityOutputFields,
    sample: opportunitySample,
    perform,
  },
});
