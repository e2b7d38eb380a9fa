import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

import { HISTORY_TRACKING_HELP, INVITE_EVERYONE_HELP, orderOutputFields, orderSample, TAG_FIELDS_HELP } from '../src/stage-triggers/fields';

const perform = (async (z, bundle) => {
  const { pollOrderStatus } = await import('../src/stage-triggers/order');
  return pollOrderStatus(z, bundle);
}) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: 'order_status_reached',
  noun: 'Order',
  display: {
    label: 'Order Reached Status',
    description: 'Triggers when an order enters the status you choose, with its bill-to or ship-to contact to invite.',
  },
  operation: {
    type: 'polling',
    inputFields: [
      {
        key: 'status',
        label: 'Status',
        required: true,
        dynamic: 'order_status_list.id.name',
        helpText: 'The order status that fires the trigger, e.g. Activated or a fulfilment status your org added.',
      },
      {
        key: 'recipient',
        label: 'Customer to Invite',
        required: false,
        default: 'bill_to',
        choices: [
          { value: 'bill_to', label: 'Bill-To Contact', sample: 'bill_to' },
          { value: 'ship_to', label: 'Ship-To Contact', sample: 'ship_to' },
        ],
        helpText: 'Which of the order’s contacts to invite: the Bill-To Contact (default) or the Ship-To Contact.',
      },
      { key: 'tag_fields', label: 'Tag Fields', list: true, required: false, dynamic: 'order_field_list.id.name', helpText: TAG_FIELDS_HELP('Order') },
      {
        key: 'history_tracking',
        label: 'Status History Tracking Is On',
        required: false,
        // Stored answers of existing Zaps ('true'/'false') keep their meaning; empty lets the trigger detect it.
        choices: [
          { value: 'true', label: 'Yes', sample: 'true' },
          { value: 'false', label: 'No', sample: 'false' },
        ],
        helpText: HISTORY_TRACKING_HELP('Order'),
      },
      { key: 'invite_everyone', label: 'Who to Invite', type: 'copy', helpText: INVITE_EVERYONE_HELP },
    ],
    outputFields: orderOutputFields,
    sample: orderSample,
    perform,
  },
});
