import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

import { caseOutputFields, caseSample, HISTORY_TRACKING_HELP, INVITE_EVERYONE_HELP, TAG_FIELDS_HELP } from '../src/stage-triggers/fields';

const perform = (async (z, bundle) => {
  const { pollCaseStatus } = await import('../src/stage-triggers/case');
  return pollCaseStatus(z, bundle);
}) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: 'case_status_reached',
  noun: 'Case',
  display: {
    label: 'Case Reached Status',
    description: 'Triggers when a case enters the status you choose, with its contact or web email to invite.',
  },
  operation: {
    type: 'polling',
    inputFields: [
      {
        key: 'status',
        label: 'Status',
        required: true,
        dynamic: 'case_status_list.id.name',
        helpText: 'The case status that fires the trigger, e.g. Closed.',
      },
      {
        key: 'recipient',
        label: 'Customer to Invite',
        required: false,
        default: 'case_contact',
        choices: [
          { value: 'case_contact', label: 'Case Contact', sample: 'case_contact' },
          { value: 'supplied_email', label: 'Web Email (Web-to-Case / Email-to-Case)', sample: 'supplied_email' },
        ],
        helpText:
          'Who to invite: the case’s Contact (default), or the Web Email that Web-to-Case and Email-to-Case fill in for customers without a contact record.',
      },
      { key: 'tag_fields', label: 'Tag Fields', list: true, required: false, dynamic: 'case_field_list.id.name', helpText: TAG_FIELDS_HELP('Case') },
      {
        key: 'history_tracking',
        label: 'Status History Tracking Is On',
        required: false,
        // Stored answers of existing Zaps ('true'/'false') keep their meaning; empty lets the trigger detect it.
        choices: [
          { value: 'true', label: 'Yes', sample: 'true' },
          { value: 'false', label: 'No', sample: 'false' },
        ],
        helpText: HISTORY_TRACKING_HELP('Case'),
      },
      { key: 'invite_everyone', label: 'Who to Invite', type: 'copy', helpText: INVITE_EVERYONE_HELP },
    ],
    outputFields: caseOutputFields,
    sample: caseSample,
    perform,
  },
});
