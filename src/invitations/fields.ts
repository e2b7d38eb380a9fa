/**
 * Input and output fields shared by every invitation path (send, batch, link, BGL, AFS). Plain data only:
 * shells import this while the app definition loads, so it must not import a library.
 * The keys are a contract with users' Zaps.
 */

export const COMMON_LOCALES = [
  'en-US', 'en-GB', 'en-AU', 'en-CA', 'en-IE', 'en-NZ', 'da-DK', 'de-DE', 'de-AT', 'de-CH', 'es-ES', 'fi-FI',
  'fr-FR', 'fr-BE', 'fr-CA', 'it-IT', 'ja-JP', 'nb-NO', 'nl-NL', 'nl-BE', 'pl-PL', 'pt-BR', 'pt-PT', 'sv-SE',
] as const;

export const consumerFields = [
  {
    key: 'consumer_email',
    label: 'Customer Email',
    type: 'string',
    required: true,
    helpText: 'Where Trustpilot sends the invitation. From a Salesforce trigger, map **Recipient Email**.',
  },
  {
    key: 'consumer_name',
    label: 'Customer Name',
    type: 'string',
    required: true,
    helpText: 'Shown in the invitation and on the review. From a Salesforce trigger, map **Recipient Name**.',
  },
  {
    key: 'reference_number',
    label: 'Reference Number',
    type: 'string',
    required: true,
    helpText:
      'Your order, opportunity or case number, so each review can be traced back (it comes back as the review’s Reference ID). From a Salesforce trigger, map **Reference Number**. Sending twice with the same reference and email within 24 hours sends once.',
  },
] as const;

export const localeField = {
  key: 'locale',
  label: 'Language',
  type: 'string',
  required: false,
  choices: COMMON_LOCALES.map((value) => ({ value, label: value, sample: value })),
  helpText: 'The language of the invitation, as language-COUNTRY (e.g. `en-US`, `de-DE`). Leave empty for your Trustpilot default.',
} as const;

export const tagsField = {
  key: 'tags',
  label: 'Tags',
  type: 'string',
  list: true,
  required: false,
  helpText: 'Tags Trustpilot attaches to the review, e.g. `closed-won` or a region. No spaces (use - or _). From a Salesforce trigger, map **Tags**.',
} as const;

export const productSkusField = {
  key: 'product_skus',
  label: 'Product SKUs',
  type: 'string',
  list: true,
  required: false,
  helpText:
    'Add SKUs to also invite a product review of these products. They must be in your Trustpilot product catalog. From a Salesforce trigger, map **Product SKUs**.',
} as const;

export const timingFields = [
  {
    key: 'delay_days',
    label: 'Send After (Days)',
    type: 'integer',
    required: false,
    helpText: 'How many days to wait before Trustpilot sends the invitation (0–90), e.g. 7 to invite a week after delivery. Leave empty to use Trustpilot’s own delay. Use this or Send At, not both.',
  },
  {
    key: 'send_at',
    label: 'Send At',
    type: 'datetime',
    required: false,
    helpText: 'An exact date and time to send (converted to UTC). Use this or Send After (Days), not both.',
  },
] as const;

/** Neutral sampling and plan caps: the compliant ways to invite fewer people. */
export const complianceFields = [
  {
    key: 'sample_one_in',
    label: 'Invite One In',
    type: 'integer',
    required: false,
    default: '1',
    helpText:
      'Invite everyone (1), or a neutral random sample: 2 invites one customer in two, 10 one in ten. The choice depends only on the reference number, never on the customer, so it stays within [Trustpilot’s rule](https://support.trustpilot.com/hc/en-us/articles/207408777) against cherry-picking. Never filter invitations by satisfaction or score.',
  },
  {
    key: 'monthly_cap',
    label: 'Monthly Invitation Cap',
    type: 'integer',
    required: false,
    helpText:
      'Optional: stop sending once this many invitations went out this calendar month (UTC): 50 on the Free plan, 500 on Standard, or your contract’s figure. Past the cap the step stops with a clear message, instead of Trustpilot silently dropping invitations.',
  },
] as const;

/** What every invitation path outputs about the rules above. */
export const complianceOutputFields = [
  { key: 'invited', label: 'Invited', type: 'boolean' },
  { key: 'duplicate', label: 'Duplicate (Already Sent)', type: 'boolean' },
  { key: 'reason', label: 'Reason Not Invited', type: 'string' },
] as const;

/** How a link is handed over outside email: shared by "Generate Invitation Link" and "Create Business Generated Link". */
export const sharingFields = [
  {
    key: 'phone_number',
    label: 'Customer Phone Number',
    type: 'string',
    required: false,
    helpText:
      'Optional: the customer’s mobile number, to address the WhatsApp and SMS links to them. Any common notation works (`+44 20 7946 0958`, `0044 20 7946 0958`, `(415) 555-2671` with a default country). Leave empty to let the sender pick the chat.',
  },
  {
    key: 'default_country',
    label: 'Default Phone Country',
    type: 'string',
    required: false,
    helpText:
      'Two-letter country code (e.g. `US`, `GB`, `DE`) used to read phone numbers written without a `+` country prefix. Not needed for numbers in international form.',
  },
  {
    key: 'message_template',
    label: 'Message Template',
    type: 'text',
    required: false,
    helpText:
      'The text for WhatsApp and SMS, e.g. `Hi {name}, how did we do? {link}`. `{name}` becomes the customer name, `{reference}` the reference number, `{link}` the link (added at the end if missing). Keep the wording neutral: ask every customer the same way. Leave empty for a neutral default.',
  },
] as const;

/** The outputs of both link actions, beside their own `url`. */
export const sharingOutputFields = [
  // Empty when Zapier's file storage failed: the step still succeeds, and qr_code_svg still has the code.
  { key: 'qr_code', label: 'QR Code (PNG File)', type: 'file' },
  { key: 'qr_code_svg', label: 'QR Code (SVG Text)', type: 'string' },
  { key: 'message_text', label: 'Message Text', type: 'string' },
  { key: 'whatsapp_url', label: 'WhatsApp Link', type: 'string' },
  { key: 'sms_url', label: 'SMS Link', type: 'string' },
  { key: 'phone_number_e164', label: 'Phone Number (E.164)', type: 'string' },
] as const;
