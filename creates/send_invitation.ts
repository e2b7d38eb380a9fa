import { defineCreate, type CreatePerform } from 'zapier-platform-core';

import { businessUnitField, productTemplateField, senderFields, templateField } from '../src/invitations/email-fields';
import { invitationTypeField } from '../src/invitations/invitation-type';
import {
  complianceFields,
  complianceOutputFields,
  customerFields,
  groupsOf,
  localeField,
  productSkusField,
  tagsField,
  timingFields,
} from '../src/invitations/fields';

const inputFields = [
  ...customerFields,
  localeField,
  templateField,
  tagsField,
  businessUnitField,
  ...timingFields,
  productSkusField,
  { ...invitationTypeField, group: 'products' },
  productTemplateField,
  ...senderFields,
  ...complianceFields,
];

const perform = (async (z, bundle) => {
  const { sendInvitation } = await import('../src/invitations/email-invitation');
  return sendInvitation(z, bundle);
}) satisfies CreatePerform;

export default defineCreate({
  key: 'send_invitation',
  noun: 'Review Invitation',
  display: {
    label: 'Send Review Invitation',
    description:
      'Sends a Trustpilot email invitation to review your business, and optionally your products, at the time you choose.',
  },
  operation: {
    inputFields,
    inputFieldGroups: groupsOf(inputFields),
    outputFields: [
      { key: 'id', label: 'Invitation ID', type: 'string' },
      { key: 'business_unit_id', label: 'Business Unit ID', type: 'string' },
      { key: 'business_unit_name', label: 'Business Unit Name', type: 'string' },
      { key: 'consumer_email', label: 'Customer Email', type: 'string' },
      { key: 'consumer_name', label: 'Customer Name', type: 'string' },
      { key: 'reference_number', label: 'Reference Number', type: 'string' },
      { key: 'locale', label: 'Language', type: 'string' },
      { key: 'types', label: 'Invitation Types', type: 'string', list: true },
      { key: 'types_text', label: 'Invitation Types (Comma-Separated)', type: 'string' },
      { key: 'preferred_send_time', label: 'Preferred Send Time (UTC)', type: 'datetime' },
      { key: 'template_id', label: 'Service Review Template ID', type: 'string' },
      { key: 'product_template_id', label: 'Product Review Template ID', type: 'string' },
      { key: 'tags', label: 'Tags', type: 'string', list: true },
      { key: 'tags_text', label: 'Tags (Comma-Separated)', type: 'string' },
      { key: 'product_skus', label: 'Product SKUs', type: 'string', list: true },
      { key: 'product_skus_text', label: 'Product SKUs (Comma-Separated)', type: 'string' },
      { key: 'scheduled_at', label: 'Scheduled At (UTC)', type: 'datetime' },
      ...complianceOutputFields,
    ],
    sample: {
      id: '3f1c9a7e2b5d4c8f9e0a1b2c3d4e5f60',
      business_unit_id: '507f191e810c19729de860ea',
      business_unit_name: 'Acme Outdoor Gear',
      consumer_email: 'jane.doe@example.com',
      consumer_name: 'Jane Doe',
      reference_number: 'OPP-000123',
      locale: 'en-US',
      types: ['service', 'product'],
      types_text: 'service, product',
      preferred_send_time: '2026-12-08T09:30:00Z',
      template_id: '507f191e810c19729de860eb',
      product_template_id: '5c17c7ebb565bb0001046fbd',
      tags: ['closed-won', 'emea'],
      tags_text: 'closed-won, emea',
      product_skus: ['TENT-2P', 'STOVE-X1'],
      product_skus_text: 'TENT-2P, STOVE-X1',
      scheduled_at: '2026-12-01T09:30:00Z',
      invited: true,
      duplicate: false,
      reason: '',
    },
    perform,
  },
});
