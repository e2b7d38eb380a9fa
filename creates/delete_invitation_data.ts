import { defineCreate, type CreatePerform } from 'zapier-platform-core';

import { businessUnitField } from '../src/trustpilot/fields';

const perform = (async (z, bundle) => {
  const { deleteInvitationData } = await import('../src/delete-invitation-data/delete-invitation-data');
  return deleteInvitationData(z, bundle);
}) satisfies CreatePerform;

export default defineCreate({
  key: 'delete_invitation_data',
  noun: 'Invitation Data',
  display: {
    label: 'Delete Customer Invitation Data',
    description:
      'Deletes the review invitation data Trustpilot holds for one or more customers, for example when a customer asks to be forgotten.',
  },
  operation: {
    inputFields: [
      businessUnitField,
      {
        key: 'customer_emails',
        label: 'Customer Emails',
        type: 'string',
        list: true,
        required: false,
        helpText:
          'Customers whose invitation data to delete: Trustpilot deletes the invitations sent or scheduled for these addresses, ' +
          'with the details they carry. It cannot be undone. Their reviews stay, no email is sent, no one else is touched.',
      },
      {
        key: 'delete_older_than',
        label: 'Delete Data Older Than',
        type: 'datetime',
        required: false,
        helpText:
          'For a retention clean-up, with Customer Emails empty: Trustpilot deletes the invitation data of ALL customers ' +
          'older than this date (emails or a date, never both). Use a date in the last 3 years (Trustpilot deletes older data itself). It cannot be undone.',
      },
    ],
    outputFields: [
      { key: 'business_unit_id', label: 'Business Unit ID', type: 'string' },
      { key: 'deleted_by', label: 'Deleted By (customer_emails or older_than_date)', type: 'string' },
      { key: 'customer_email_count', label: 'Number of Customer Emails', type: 'integer' },
      { key: 'delete_older_than', label: 'Deleted Data Older Than', type: 'datetime' },
      { key: 'requested_at', label: 'Requested At', type: 'datetime' },
    ],
    sample: {
      business_unit_id: '507f191e810c19729de860ea',
      deleted_by: 'customer_emails',
      customer_email_count: 2,
      delete_older_than: null,
      requested_at: '2026-12-03T10:15:00Z',
    },
    perform,
  },
});
