/**
 * The connection's fields, in four parts; any one complete part is enough. Their keys are a contract:
 * users' connections store them. Plain objects, no validation library: this module loads with the app
 * definition on every cold start. Each help text links to the page where the value is found.
 */
export const TRUSTPILOT_API_FIELDS = ['trustpilot_api_key', 'trustpilot_api_secret', 'trustpilot_business_unit'] as const;
export const SALESFORCE_FIELDS = ['salesforce_domain', 'salesforce_client_id', 'salesforce_client_secret'] as const;
export const AFS_FIELDS = ['afs_bcc_address'] as const;
export const BGL_FIELDS = ['bgl_encryption_key', 'bgl_authentication_key'] as const;

const TRUSTPILOT_BUSINESS = 'https://businessapp.b2b.trustpilot.com/';
const SALESFORCE_SETUP_GUIDE = 'https://github.com/trustpilot-zapier/trustpilot-salesforce-zapier#salesforce-setup';

export const connectionFields = [
  {
    key: 'afs_bcc_address',
    label: 'AFS BCC Address (Any Plan, No API)',
    type: 'string',
    required: false,
    helpText:
      'Enough on its own, on every plan: your address ending in `@invite.trustpilot.com`, e.g. `example.com+1a2b3c4d5e@invite.trustpilot.com`. ' +
      '[Trustpilot Business](https://businessapp.b2b.trustpilot.com/) → Get reviews → Automatic Feedback Service.',
  },
  {
    key: 'trustpilot_business_unit',
    label: 'Trustpilot Profile Domain',
    type: 'string',
    required: false,
    helpText:
      'For the Trustpilot API or links: your domain as in your review page address, e.g. `example.com` for [trustpilot.com/review/example.com](https://www.trustpilot.com/review/example.com), or a 24-character business unit id.',
  },
  {
    key: 'trustpilot_api_key',
    label: 'Trustpilot API Key',
    type: 'string',
    required: false,
    helpText: `Needs the API add-on. [Trustpilot Business](${TRUSTPILOT_BUSINESS}) → Integrations → Developers → API → your application → API Key. Leave empty without API access.`,
  },
  {
    key: 'trustpilot_api_secret',
    label: 'Trustpilot API Secret',
    type: 'password',
    required: false,
    helpText: `Beside the API Key: [Trustpilot Business](${TRUSTPILOT_BUSINESS}) → Integrations → Developers → API → your application → Secret.`,
  },
  {
    key: 'trustpilot_business_user_id',
    label: 'Trustpilot Business User ID',
    type: 'string',
    required: false,
    helpText: `With the API, to send invitations and reply: the 24-character id of an Admin or Manager, in [Trustpilot Business](${TRUSTPILOT_BUSINESS}) → Settings → Users → the user.`,
  },
  {
    key: 'salesforce_domain',
    label: 'Salesforce My Domain URL',
    type: 'string',
    required: false,
    helpText: `Your org’s My Domain, e.g. \`acme.my.salesforce.com\`: Salesforce Setup → My Domain. Not login.salesforce.com. [Setup guide](${SALESFORCE_SETUP_GUIDE}).`,
  },
  {
    key: 'salesforce_client_id',
    label: 'Salesforce Consumer Key',
    type: 'string',
    required: false,
    helpText: `Salesforce Setup → External Client App Manager → your app → Settings → OAuth Settings → Consumer Key ([setup guide](${SALESFORCE_SETUP_GUIDE})).`,
  },
  {
    key: 'salesforce_client_secret',
    label: 'Salesforce Consumer Secret',
    type: 'password',
    required: false,
    helpText: `Beside the Consumer Key: Salesforce Setup → External Client App Manager → your app → Settings → OAuth Settings ([setup guide](${SALESFORCE_SETUP_GUIDE})).`,
  },
  {
    key: 'bgl_encryption_key',
    label: 'Business Generated Links Encryption Key',
    type: 'password',
    required: false,
    helpText:
      'Only for Business Generated Links: [Trustpilot Business](https://businessapp.b2b.trustpilot.com/) → Get reviews → Invitation methods → Business Generated Links → Encryption key.',
  },
  {
    key: 'bgl_authentication_key',
    label: 'Business Generated Links Authentication Key',
    type: 'password',
    required: false,
    helpText:
      'Beside the Encryption key: [Trustpilot Business](https://businessapp.b2b.trustpilot.com/) → Get reviews → Invitation methods → Business Generated Links.',
  },
] as const;

export const fieldLabel = (key: string): string => connectionFields.find((f) => f.key === key)?.label ?? key;
