/**
 * Input fields of the email invitation actions ("Send Review Invitation" and its batch), beyond the shared
 * ones in ./fields. Plain data only: shells import this while the app definition loads.
 * The keys are a contract with users' Zaps.
 */

import { businessUnitField as anyBusinessUnitField } from '../trustpilot/fields';
import { locationIdField } from './fields';

/** In the invitation forms, the business unit is an advanced choice of the Invitation group. */
export const businessUnitField = { ...anyBusinessUnitField, group: 'invitation' } as const;

export const templateField = {
  key: 'template_id',
  label: 'Template',
  type: 'string',
  required: false,
  dynamic: 'template_list.id.name',
  group: 'invitation',
  helpText: 'The email template of the service review invitation. Leave empty for your default template. The list shows the templates of your Trustpilot Business account.',
} as const;

export const productTemplateField = {
  key: 'product_template_id',
  label: 'Product Review Template',
  type: 'string',
  required: false,
  dynamic: 'template_list.id.name',
  group: 'products',
  helpText: 'The email template of the product review invitation, used only when Product SKUs are given. Leave empty for your default template.',
} as const;

export const senderFields = [
  {
    key: 'sender_name',
    label: 'Sender Name',
    type: 'string',
    required: false,
    group: 'sender',
    helpText: 'The name the invitation comes from, e.g. your shop’s name. Leave empty for your Trustpilot default.',
  },
  {
    key: 'sender_email',
    label: 'Sender Email',
    type: 'string',
    required: false,
    group: 'sender',
    helpText:
      'The address the invitation comes from. To send from your own domain, add `include:trustpilotservice.com` to its SPF record ([Trustpilot: sender information](https://support.trustpilot.com/hc/en-us/articles/201841237)). Leave empty for Trustpilot’s own address.',
  },
  {
    key: 'reply_to',
    label: 'Reply-To Email',
    type: 'string',
    required: false,
    group: 'sender',
    helpText: 'Where replies to the invitation email go, e.g. your support address.',
  },
  {
    key: 'redirect_uri',
    label: 'Redirect URL',
    type: 'string',
    required: false,
    group: 'sender',
    helpText: 'Where the customer lands after writing the review, e.g. your thank-you page. Must start with `https://`.',
  },
  locationIdField,
] as const;
