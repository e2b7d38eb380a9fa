import { defineCreate, type CreatePerform } from 'zapier-platform-core';

import { AFS_OVERRIDE_LABEL, BODY_HTML_LABEL } from '../src/afs/address';
import { productTemplateField, templateField } from '../src/invitations/email-fields';
import {
  complianceFields,
  complianceOutputFields,
  customerFields,
  groupsOf,
  localeField,
  locationIdField,
  productSkusField,
  tagsField,
  timingFields,
} from '../src/invitations/fields';

const inputFields = [
  ...customerFields,
  {
    key: 'body_html',
    label: BODY_HTML_LABEL,
    type: 'text',
    required: false,
    group: 'email',
    helpText:
      'Optional: your own email (at most 100,000 characters), e.g. the order confirmation; the snippet is added before `</body>`. Map **HTML Body** into the email step. When this customer is not invited, HTML Body is your body unchanged and BCC is empty.',
  } as const,
  {
    key: 'afs_address',
    label: AFS_OVERRIDE_LABEL,
    type: 'string',
    required: false,
    group: 'email',
    helpText:
      'Only to override the connection’s: leave empty to use the AFS BCC Address of your connection. Map this step’s **BCC** into the email step’s BCC field only, never To or Cc, where the customer would see it.',
  } as const,
  localeField,
  {
    ...templateField,
    helpText: `${templateField.helpText} The list needs the Trustpilot API in the connection; otherwise leave it empty for your AFS settings’ template.`,
  },
  tagsField,
  ...timingFields,
  productSkusField,
  productTemplateField,
  {
    key: 'sender_name',
    label: 'Sender Name',
    type: 'string',
    required: false,
    group: 'sender',
    helpText: 'The name the invitation comes from, e.g. your shop’s name. Leave empty for your Trustpilot settings.',
  } as const,
  {
    key: 'sender_email',
    label: 'Sender Email',
    type: 'string',
    required: false,
    group: 'sender',
    helpText:
      'The address the invitation comes from. To use your own domain, add `include:trustpilotservice.com` to its SPF record ([how](https://support.trustpilot.com/hc/en-us/articles/201841237)). Leave empty for Trustpilot’s default sender.',
  } as const,
  {
    key: 'reply_to',
    label: 'Reply-To Email',
    type: 'string',
    required: false,
    group: 'sender',
    helpText: 'Where replies to the invitation go, e.g. your support address.',
  } as const,
  locationIdField,
  ...complianceFields,
];

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
  '  "productReviewInvitationPreferredSendTime": "2026-12-08T09:31:00",',
  '  "tags": [',
  '    "closed-won"',
  '  ],',
  '  "products": [',
  '    {',
  '      "sku": "TENT-2P"',
  '    }',
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
    description: 'Builds the To, BCC and HTML body of an email (Gmail, Outlook) that invites the customer through Automatic Feedback Service.',
  },
  operation: {
    inputFields,
    inputFieldGroups: groupsOf(inputFields),
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
      product_preferred_send_time: '2026-12-08T09:31:00Z',
      tags: ['closed-won'],
      product_skus: ['TENT-2P'],
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
