/**
 * Input and output fields shared by every invitation path (send, batch, link, BGL, AFS). Plain data only:
 * shells import this while the app definition loads, so it must not import a library.
 * The keys are a contract with users' Zaps.
 */
import { whenEmailMissingField } from './missing-email';

/**
 * The groups the invitation forms use (Zapier's `inputFieldGroups`). A form declares the ones its fields use,
 * in order, with `groupsOf(fields)`; advanced groups come last.
 */
export const GROUPS = {
  customer: { key: 'customer', label: 'Customer' },
  invitation: { key: 'invitation', label: 'Invitation' },
  source: { key: 'source', label: 'Invitations to Send' },
  email: { key: 'email', label: 'Your Email' },
  timing: { key: 'timing', label: 'Timing' },
  products: { key: 'products', label: 'Products' },
  sharing: { key: 'sharing', label: 'WhatsApp, SMS and QR Code' },
  sender: { key: 'sender', label: 'Sender (Advanced)' },
  sampling: { key: 'sampling', label: 'Sampling and Limits (Advanced)' },
} as const;
type GroupKey = keyof typeof GROUPS;

/** The groups used by these fields, in the order of GROUPS. */
export const groupsOf = (fields: ReadonlyArray<{ group?: string }>): Array<{ key: string; label: string }> =>
  (Object.keys(GROUPS) as GroupKey[]).filter((key) => fields.some((f) => f.group === key)).map((key) => ({ ...GROUPS[key] }));

export const COMMON_LOCALES = [
  'en-US', 'en-GB', 'en-AU', 'en-CA', 'en-IE', 'en-NZ', 'da-DK', 'de-DE', 'de-AT', 'de-CH', 'es-ES', 'fi-FI',
  'fr-FR', 'fr-BE', 'fr-CA', 'it-IT', 'ja-JP', 'nb-NO', 'nl-NL', 'nl-BE', 'pl-PL', 'pt-BR', 'pt-PT', 'sv-SE',
] as const;

const referenceNumberField = {
  key: 'reference_number',
  label: 'Reference Number',
  type: 'string',
  required: true,
  group: 'customer',
  helpText:
    'Your order, opportunity or case number; the review carries it back. From a Salesforce trigger, map **Reference Number**. The same reference and email within 24 hours are invited once.',
} as const;

/** The customer, all three required: for actions that need an email on every run. */
export const consumerFields = [
  {
    key: 'consumer_email',
    label: 'Customer Email',
    type: 'string',
    required: true,
    group: 'customer',
    helpText: 'Where the invitation goes. From a Salesforce trigger, map **Customer Email**.',
  },
  {
    key: 'consumer_name',
    label: 'Customer Name',
    type: 'string',
    required: true,
    group: 'customer',
    helpText: 'Shown in the invitation and on the review. From a Salesforce trigger, map **Customer Name**.',
  },
  referenceNumberField,
] as const;

/**
 * The customer for actions that let a record without an email through (see ./missing-email): the email and
 * name are not required, because Zapier halts a step whose required field is empty before the app runs.
 */
export const customerFields = [
  referenceNumberField,
  {
    key: 'consumer_email',
    label: 'Customer Email',
    type: 'string',
    required: false,
    group: 'customer',
    helpText: 'Where the invitation goes. From a Salesforce trigger, map **Customer Email**. When it is empty, see “When the Customer Has No Email”.',
  },
  {
    key: 'consumer_name',
    label: 'Customer Name',
    type: 'string',
    required: false,
    group: 'customer',
    helpText: 'Needed with an email: shown in the invitation and on the review. From a Salesforce trigger, map **Customer Name**.',
  },
  { ...whenEmailMissingField, group: 'customer' },
] as const;

export const localeField = {
  key: 'locale',
  label: 'Language',
  type: 'string',
  required: false,
  group: 'invitation',
  choices: COMMON_LOCALES.map((value) => ({ value, label: value, sample: value })),
  helpText: 'The language of the invitation, as language-COUNTRY (e.g. `en-US`, `de-DE`). Leave empty for your Trustpilot default.',
} as const;

export const tagsField = {
  key: 'tags',
  label: 'Tags',
  type: 'string',
  list: true,
  required: false,
  group: 'invitation',
  helpText: 'Tags Trustpilot attaches to the review, e.g. `closed-won` or a region. No spaces (use - or _). From a Salesforce trigger, map **Tags**.',
} as const;

export const productSkusField = {
  key: 'product_skus',
  label: 'Product SKUs',
  type: 'string',
  list: true,
  required: false,
  group: 'products',
  helpText:
    'Add SKUs to also invite a product review of these products. They must be in your Trustpilot product catalog. From a Salesforce trigger, map **Product SKUs**.',
} as const;

/** One definition for every invitation path: the same words wherever a location can be named. */
export const locationIdField = {
  key: 'location_id',
  label: 'Location ID',
  type: 'string',
  required: false,
  group: 'sender',
  helpText: 'For businesses with several stores or branches: your id of the location the review is about, as set up in Trustpilot’s Locations.',
} as const;

export const timingFields = [
  {
    key: 'delay_days',
    label: 'Send After (Days)',
    type: 'integer',
    required: false,
    group: 'timing',
    helpText: 'How many days to wait before Trustpilot sends the invitation (0–90), e.g. 7 to invite a week after delivery. Leave empty to use Trustpilot’s own delay. Use this or Send At, not both.',
  },
  {
    key: 'send_at',
    label: 'Send At',
    type: 'datetime',
    required: false,
    group: 'timing',
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
    group: 'sampling',
    helpText:
      'Invite everyone (1) or a neutral sample: 10 invites one in ten, chosen by reference number only. Never filter invitations by satisfaction or score: [Trustpilot forbids](https://support.trustpilot.com/hc/en-us/articles/207408777) cherry-picking.',
  },
  {
    key: 'monthly_cap',
    label: 'Monthly Invitation Cap',
    type: 'integer',
    required: false,
    group: 'sampling',
    helpText:
      'Stop once this many invitations went out this calendar month (UTC), e.g. 50 on the Free plan, or your contract’s figure. Past it the step stops with a clear message instead of Trustpilot silently dropping invitations.',
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
    group: 'sharing',
    helpText:
      'Optional: the customer’s mobile number, to address the WhatsApp and SMS links to them. Any common notation works (`+44 20 7946 0958`, `0044 20 7946 0958`, `(415) 555-2671` with a default country). Leave empty to let the sender pick the chat.',
  },
  {
    key: 'default_country',
    label: 'Default Phone Country',
    type: 'string',
    required: false,
    group: 'sharing',
    helpText:
      'Two-letter country code (e.g. `US`, `GB`, `DE`) used to read phone numbers written without a `+` country prefix. Not needed for numbers in international form.',
  },
  {
    key: 'message_template',
    label: 'Message Template',
    type: 'text',
    required: false,
    group: 'sharing',
    helpText:
      'The WhatsApp and SMS text (at most 1,000 characters), e.g. `Hi {name}, how did we do? {link}`: `{name}` is the customer name, `{reference}` the Reference Number, `{link}` the link (added at the end if missing). Ask every customer the same way. Empty: a neutral default.',
  },
] as const;

/** The outputs of both link actions, beside their own `url`. */
export const sharingOutputFields = [
  // Empty when Zapier's file storage failed: the step still succeeds, and qr_code_svg still has the code.
  { key: 'qr_code', label: 'QR Code Image File', type: 'file' },
  { key: 'qr_code_svg', label: 'QR Code for HTML Emails and Web Pages', type: 'string' },
  { key: 'message_text', label: 'Message Text', type: 'string' },
  { key: 'whatsapp_url', label: 'WhatsApp Link', type: 'string' },
  { key: 'sms_url', label: 'SMS Link', type: 'string' },
  { key: 'phone_number_e164', label: 'Customer Phone Number (International Format)', type: 'string' },
] as const;
