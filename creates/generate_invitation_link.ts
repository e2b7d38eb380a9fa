import { defineCreate, type CreatePerform } from 'zapier-platform-core';

import {
  complianceFields,
  complianceOutputFields,
  customerFields,
  groupsOf,
  localeField,
  locationIdField,
  productSkusField,
  sharingFields,
  sharingOutputFields,
  tagsField,
} from '../src/invitations/fields';
import { businessUnitField } from '../src/invitations/email-fields';

const inputFields = [
  ...customerFields,
  localeField,
  tagsField,
  {
    ...productSkusField,
    helpText:
      'Add SKUs to also ask for product reviews: the step then creates a product review link too, and the service link leads on to it. ' +
      'From a Salesforce trigger, map **Product SKUs**.',
  },
  businessUnitField,
  ...sharingFields,
  {
    key: 'redirect_uri',
    label: 'Redirect URL',
    type: 'string',
    required: false,
    group: 'sender',
    helpText: 'Where the customer lands after leaving the review, e.g. your thank-you page or a product review link. Must start with https:// or http://.',
  } as const,
  locationIdField,
  ...complianceFields,
];

const perform = (async (z, bundle) => {
  const { generateInvitationLink } = await import('../src/invitation-links/invitation-link');
  return generateInvitationLink(z, bundle);
}) satisfies CreatePerform;

const SAMPLE_URL = 'https://www.trustpilot.com/evaluate-link/81be73226625b8b765a020c20beb0f41';
const SAMPLE_MESSAGE = `Hi Jane Cooper, thank you for your order OPP-00042. How did we do? ${SAMPLE_URL}`;
const PRODUCT_ID = '4e1f0c2b9a7d48e6b3c5a1f2e8d7c6b5';
const PRODUCT_URL = `https://www.trustpilot.com/evaluate-link/${PRODUCT_ID}`;
const PRODUCT_MESSAGE = `Hi Jane Cooper, thank you for your order OPP-00042. How did we do? ${PRODUCT_URL}`;

export default defineCreate({
  key: 'generate_invitation_link',
  noun: 'Invitation Link',
  display: {
    label: 'Generate Invitation Link',
    description: 'Generates a unique review invitation link with a ready message, WhatsApp and SMS links and a QR code.',
  },
  operation: {
    inputFields,
    inputFieldGroups: groupsOf(inputFields),
    perform,
    outputFields: [
      { key: 'id', label: 'Invitation Link ID', type: 'string' },
      { key: 'url', label: 'Invitation Link URL', type: 'string' },
      ...sharingOutputFields,
      { key: 'product_link_id', label: 'Product Review Link ID', type: 'string' },
      { key: 'product_link_url', label: 'Product Review Link URL', type: 'string' },
      { key: 'product_message_text', label: 'Product Review Message Text', type: 'string' },
      { key: 'product_whatsapp_url', label: 'Product Review WhatsApp Link', type: 'string' },
      { key: 'product_sms_url', label: 'Product Review SMS Link', type: 'string' },
      ...complianceOutputFields,
    ],
    sample: {
      id: '81be73226625b8b765a020c20beb0f41',
      url: SAMPLE_URL,
      qr_code: 'https://zapier-dev-files.s3.amazonaws.com/cli-files/3b1e4a57-9c2f-4c55-a2f4-8f1d0f6a2c11/review-invitation-qr-OPP-00042.png',
      qr_code_svg:
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 45 45" shape-rendering="crispEdges"><path fill="#ffffff" d="M0 0h45v45H0z"/><path stroke="#000000" d="M4 4.5h7m4 0h1m1 0h2m1 0h1m5 0h1m1 0h1m2 0h1m2 0h7"/></svg>',
      message_text: SAMPLE_MESSAGE,
      whatsapp_url: `https://wa.me/14155552671?text=${encodeURIComponent(SAMPLE_MESSAGE)}`,
      sms_url: `sms:+14155552671?body=${encodeURIComponent(SAMPLE_MESSAGE)}`,
      phone_number_e164: '+14155552671',
      product_link_id: PRODUCT_ID,
      product_link_url: PRODUCT_URL,
      product_message_text: PRODUCT_MESSAGE,
      product_whatsapp_url: `https://wa.me/14155552671?text=${encodeURIComponent(PRODUCT_MESSAGE)}`,
      product_sms_url: `sms:+14155552671?body=${encodeURIComponent(PRODUCT_MESSAGE)}`,
      invited: true,
      duplicate: false,
      reason: '',
    },
  },
});
