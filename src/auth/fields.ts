/**
 * The connection's fields. Their keys are a contract: users' connections store them.
 * Plain objects, no validation library: this module loads with the app definition on every cold start.
 */
export const TRUSTPILOT_API_FIELDS = ['trustpilot_api_key', 'trustpilot_api_secret', 'trustpilot_business_unit'] as const;
export const SALESFORCE_FIELDS = ['salesforce_domain', 'salesforce_client_id', 'salesforce_client_secret'] as const;
export const BGL_FIELDS = ['bgl_encryption_key', 'bgl_authentication_key'] as const;

export const connectionFields = [
  {
    key: 'trustpilot_business_unit',
    label: 'Trustpilot Business Unit',
    type: 'string',
    required: false,
    helpText:
      'Your Trustpilot profile’s domain as it appears in your review page address (e.g. `example.com` for trustpilot.com/review/example.com), or its 24-character business unit id. Used by the Trustpilot API and as the default domain of Business Generated Links.',
  },
  {
    key: 'trustpilot_api_key',
    label: 'Trustpilot API Key',
    type: 'string',
    required: false,
    helpText:
      'Needs Trustpilot API access (the Connect add-on or an Enterprise plan). Find it in Trustpilot Business → Integrations → Developers → API → your application. Leave the Trustpilot API fields empty if your plan has no API access.',
  },
  {
    key: 'trustpilot_api_secret',
    label: 'Trustpilot API Secret',
    type: 'password',
    required: false,
    helpText: 'Shown next to the API key in Trustpilot Business → Integrations → Developers → API.',
  },
  {
    key: 'trustpilot_business_user_id',
    label: 'Trustpilot Business User ID',
    type: 'string',
    required: false,
    helpText:
      'Needed to send invitations and reply to reviews: the id of an Admin or Manager user, on their profile page in Trustpilot Business → Settings → Users (24 characters).',
  },
  {
    key: 'salesforce_domain',
    label: 'Salesforce My Domain URL',
    type: 'string',
    required: false,
    helpText:
      'Your org’s My Domain, e.g. `acme.my.salesforce.com` (Salesforce Setup → My Domain). login.salesforce.com does not work with the client-credentials flow. See the [setup guide](https://github.com/trustpilot-zapier/trustpilot-salesforce-zapier#salesforce-setup).',
  },
  {
    key: 'salesforce_client_id',
    label: 'Salesforce Consumer Key',
    type: 'string',
    required: false,
    helpText:
      'From your External Client App with the client-credentials flow enabled: Setup → External Client App Manager → your app → Settings → OAuth Settings → Consumer Key and Secret.',
  },
  {
    key: 'salesforce_client_secret',
    label: 'Salesforce Consumer Secret',
    type: 'password',
    required: false,
    helpText: 'Shown with the Consumer Key in the External Client App’s OAuth settings.',
  },
  {
    key: 'bgl_encryption_key',
    label: 'Business Generated Links Encryption Key',
    type: 'password',
    required: false,
    helpText:
      'Only for Business Generated Links (plans without API access): Trustpilot Business → Get reviews → Invitation methods → Business Generated Links → encryption key (base64).',
  },
  {
    key: 'bgl_authentication_key',
    label: 'Business Generated Links Authentication Key',
    type: 'password',
    required: false,
    helpText: 'Shown with the encryption key on the Business Generated Links page (base64).',
  },
] as const;

export const fieldLabel = (key: string): string => connectionFields.find((f) => f.key === key)?.label ?? key;
