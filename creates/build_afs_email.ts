import { defineCreate, type CreatePerform } from 'zapier-platform-core';

import {
  complianceFields,
  complianceOutputFields,
  consumerFields,
  localeField,
  productSkusField,
  tagsField,
  timingFields,
} from '../src/invitations/fields';

const perform = (async (z, bundle) => {
  const { buildAfsEmail } = await import('../src/afs/afs-email');
  return buildAfsEmail(z, bundle);
}) satisfies CreatePerform;

const SAMPLE_SNIPPET = [
  '<script type="application/json+trustpilot">',
  '{',
  '  "recipientEmail": "jane.cooper@example.com",',
  '  "recipientName": "Jane Cooper",',
  '  "referenceId": "OPP-00042",',
  '  "locale": "en-US",',
  '  "senderName": "Acme Outdoor Gear",',
  '  "replyTo": "support@acme-outdoor.example",',
  '  "preferredSendTime": "2026-12-08T09:30:00",',
  '  "tags": [',
  '    "closed-won"',
  '  ]',
  '}',
  '</script>',
].join('\n');

const SAMPLE_BODY = '<html><body><p>Hi Jane, your order OPP-00042 is on its way.</p></body></html>';

export default defineCreate({
  key: 'build_afs_email',
  noun: 'AFS Invitation Email',
  display: {
    label: 'Build AFS Invitation Email',
    description:
      'Builds the To, BCC and HTML body for an email step (Gmail, Outlook, Email by Zapier) that invites the customer through Trustpilot’s Automatic Feedback Service. Needs no API access.',
  },
  operation: {
    inputFields: [
      {
        key: 'afs_address',
        label: 'AFS BCC Address',
        type: 'string',
        required: true,
        helpText:
          'Your unique Automatic Feedback Service address, ending in `@invite.trustpilot.com`: Trustpilot Business → Get reviews → Automatic Feedback Service. Map this step’s **BCC** output into the email step’s BCC field only: never put the AFS address in To or Cc, where the customer would see it.',
      },
      ...consumerFields,
      {
        key: 'body_html',
        label: 'Email Body (HTML)',
        type: 'text',
        required: false,
        helpText:
          'Optional: your own email, e.g. the order confirmation. The invitation snippet is added before `</body>` (or at the end). Then map **HTML Body** into the email step. When this customer is not in the sample, HTML Body is this body unchanged and BCC is empty, so the email still goes out without an invitation.',
      },
      {
        key: 'template_id',
        label: 'Service Review Template ID',
        type: 'string',
        required: false,
        helpText:
          'Optional: the id of the invitation email template to use. With Trustpilot API access, the template dropdown of “Send Review Invitation” shows the ids; otherwise Trustpilot support can give it. Leave empty for the template chosen in your Automatic Feedback Service settings.',
      },
      {
        key: 'product_template_id',
        label: 'Product Review Template ID',
        type: 'string',
        required: false,
        helpText: 'Optional, with Product SKUs: the id of the template for the product review invitation. Leave empty for your default.',
      },
      localeField,
      ...timingFields,
      tagsField,
      productSkusField,
      {
        key: 'sender_name',
        label: 'Sender Name',
        type: 'string',
        required: false,
        helpText: 'The name the invitation comes from, e.g. your shop’s name. Leave empty for your Trustpilot settings.',
      },
      {
        key: 'sender_email',
        label: 'Sender Email',
        type: 'string',
        required: false,
        helpText:
          'The address the invitation comes from. To use your own domain, add `include:trustpilotservice.com` to its SPF record ([how](https://support.trustpilot.com/hc/en-us/articles/201841237)). Leave empty for Trustpilot’s default sender.',
      },
      {
        key: 'reply_to',
        label: 'Reply-To Email',
        type: 'string',
        required: false,
        helpText: 'Where replies to the invitation go, e.g. your support address.',
      },
      {
        key: 'location_id',
        label: 'Location ID',
        type: 'string',
        required: false,
        helpText: 'For businesses with several stores or branches: your id of the location the review is about, as set up in Trustpilot’s Locations.',
      },
      ...complianceFields,
    ],
    perform,
    outputFields: [
      { key: 'to', label: 'To (Customer Email)', type: 'string' },
      { key: 'bcc', label: 'BCC (AFS Address)', type: 'string' },
      { key: 'html_body', label: 'HTML Body', type: 'string' },
      { key: 'snippet_html', label: 'Snippet HTML', type: 'string' },
      { key: 'consumer_email', label: 'Customer Email', type: 'string' },
      { key: 'consumer_name', label: 'Customer Name', type: 'string' },
      { key: 'reference_number', label: 'Reference Number', type: 'string' },
      { key: 'template_id', label: 'Service Review Template ID', type: 'string' },
      { key: 'product_template_id', label: 'Product Review Template ID', type: 'string' },
      { key: 'locale', label: 'Language', type: 'string' },
      { key: 'preferred_send_time', label: 'Preferred Send Time', type: 'datetime' },
      { key: 'product_preferred_send_time', label: 'Product Review Preferred Send Time', type: 'datetime' },
      { key: 'tags', label: 'Tags', type: 'string', list: true },
      { key: 'product_skus', label: 'Product SKUs', type: 'string', list: true },
      { key: 'sender_name', label: 'Sender Name', type: 'string' },
      { key: 'sender_email', label: 'Sender Email', type: 'string' },
      { key: 'reply_to', label: 'Reply-To Email', type: 'string' },
      { key: 'location_id', label: 'Location ID', type: 'string' },
      ...complianceOutputFields,
    ],
    sample: {
      to: 'jane.cooper@example.com',
      bcc: 'acme-outdoor.example+3b16a3a86d@invite.trustpilot.com',
      html_body: SAMPLE_BODY.replace('</body>', `${SAMPLE_SNIPPET}\n</body>`),
      snippet_html: SAMPLE_SNIPPET,
      consumer_email: 'jane.cooper@example.com',
      consumer_name: 'Jane Cooper',
      reference_number: 'OPP-00042',
      template_id: '',
      product_template_id: '',
      locale: 'en-US',
      preferred_send_time: '2026-12-08T09:30:00Z',
      product_preferred_send_time: '',
      tags: ['closed-won'],
      product_skus: [],
      sender_name: 'Acme Outdoor Gear',
      sender_email: '',
      reply_to: 'support@acme-outdoor.example',
      location_id: '',
      invited: true,
      duplicate: false,
      reason: '',
    },
  },
});
