import { defineCreate, type CreatePerform } from 'zapier-platform-core';

import {
  complianceFields,
  complianceOutputFields,
  consumerFields,
  groupsOf,
  productSkusField,
  sharingFields,
  sharingOutputFields,
  tagsField,
} from '../src/invitations/fields';

const inputFields = [
  ...consumerFields,
  {
    key: 'domain',
    label: 'Domain',
    type: 'string',
    required: false,
    group: 'invitation',
    helpText:
      'Your Trustpilot profile’s domain, e.g. `example.com` for trustpilot.com/review/example.com. Leave empty for the connection’s. The link is encrypted with the connection’s Business Generated Links keys.',
  } as const,
  tagsField,
  {
    key: 'locale_subdomain',
    label: 'Trustpilot Country Site',
    type: 'string',
    required: false,
    group: 'invitation',
    helpText:
      'Two-letter Trustpilot country subdomain for a local review page, e.g. `uk` for uk.trustpilot.com or `de` for de.trustpilot.com. Leave empty for www.trustpilot.com.',
  } as const,
  productSkusField,
  ...sharingFields,
  ...complianceFields,
];

const perform = (async (z, bundle) => {
  const { createBusinessGeneratedLink } = await import('../src/business-generated-links/business-generated-link');
  return createBusinessGeneratedLink(z, bundle);
}) satisfies CreatePerform;

const SAMPLE_URL =
  'https://www.trustpilot.com/evaluate-bgl/acme-outdoor.example?p=G0fZxuTBZKKWHnwEdGf6IUdj1vMW6awMh7lQWcO095cBLSH3QflRWXjVkN%2FVmr0EaBlL4aIMY%2Bti68W7Zlg3UgrzUWUli500SK745bgVhnhgyKD3ofEzzbmKtQDub52zGZaBJbiaEkIR98rplAmrQ9lxQ8HDjF%2FRNEHgiSi07QX48k1fJfjskZvw5tyjJGX2%2B0H5WcIiRCCEKLzCQLOCcP0LFTTiGg3I0MkhAYg7Eyw%3D';
const SAMPLE_MESSAGE = `Hi Jane Cooper, thank you for choosing us. How did we do? Please share your experience: ${SAMPLE_URL}`;

export default defineCreate({
  key: 'create_business_generated_link',
  noun: 'Business Generated Link',
  display: {
    label: 'Create Business Generated Link',
    description: 'Creates a Business Generated Link for one customer, with a ready message, WhatsApp and SMS links and a QR code.',
  },
  operation: {
    inputFields,
    inputFieldGroups: groupsOf(inputFields),
    perform,
    outputFields: [
      { key: 'url', label: 'Business Generated Link URL', type: 'string' },
      { key: 'domain', label: 'Domain', type: 'string' },
      ...sharingOutputFields,
      ...complianceOutputFields,
    ],
    sample: {
      url: SAMPLE_URL,
      domain: 'acme-outdoor.example',
      qr_code: 'https://zapier-dev-files.s3.amazonaws.com/cli-files/0c9d7f42-51b8-4f1e-9a3d-6e2b7c8d9f10/review-invitation-qr-OPP-00042.png',
      qr_code_svg:
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 69 69" shape-rendering="crispEdges"><path fill="#ffffff" d="M0 0h69v69H0z"/><path stroke="#000000" d="M4 4.5h7m2 0h1m3 0h2m1 0h1m4 0h1m1 0h3m2 0h7"/></svg>',
      message_text: SAMPLE_MESSAGE,
      whatsapp_url: `https://wa.me/14155552671?text=${encodeURIComponent(SAMPLE_MESSAGE)}`,
      sms_url: `sms:+14155552671?body=${encodeURIComponent(SAMPLE_MESSAGE)}`,
      phone_number_e164: '+14155552671',
      invited: true,
      duplicate: false,
      reason: '',
    },
  },
});
