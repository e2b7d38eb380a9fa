/** Shared test setup: the app tester, a connected session's authData, and nock hygiene. */
import nock from 'nock';
import { createAppTester, tools } from 'zapier-platform-core';

import App from '../../index';

export const appTester = createAppTester(App);
tools.env.inject();

export const TRUSTPILOT_API = 'https://api.trustpilot.com';
export const TRUSTPILOT_INVITATIONS = 'https://invitations-api.trustpilot.com';
export const SALESFORCE_LOGIN = 'https://acme.my.salesforce.com';
export const SALESFORCE_INSTANCE = 'https://acme.my.salesforce.com';
export const SF_DATA = '/services/data/v66.0';

export const BUSINESS_UNIT_ID = '507f191e810c19729de860ea';
export const BUSINESS_USER_ID = '5f3c2a1b9d8e7f6a5b4c3d2e';

/** What the user types into the connection form. Secrets are distinctive so leak checks can find them. */
export const connectionFields = {
  trustpilot_api_key: 'tp-key-0123456789abcdef',
  trustpilot_api_secret: 'tp-secret-SHOULD-NEVER-LEAK',
  trustpilot_business_user_id: BUSINESS_USER_ID,
  trustpilot_business_unit: 'acme-outdoor.example',
  salesforce_domain: 'acme.my.salesforce.com',
  salesforce_client_id: '3MVG9-consumer-key',
  salesforce_client_secret: 'sf-secret-SHOULD-NEVER-LEAK',
  bgl_encryption_key: 'XCxIAot+Tr6FVbU5fROwe2ckBEoFDcb6gwBT8022oVs=',
  bgl_authentication_key: 'wNh58yFZ58H+QPomgWkgPqM3JZegQqpg39k06Q4ZvrA=',
};

export const TRUSTPILOT_TOKEN = 'tp-access-token-SHOULD-NEVER-LEAK';
export const SALESFORCE_TOKEN = '00D5g000004SRQd!AQ4AQFVk-SHOULD-NEVER-LEAK';

/** authData after a successful session exchange. */
export const authData = {
  ...connectionFields,
  trustpilot_access_token: TRUSTPILOT_TOKEN,
  trustpilot_token_expires_at: new Date(Date.now() + 90 * 3600 * 1000).toISOString(),
  trustpilot_token_key_fingerprint: '',
  trustpilot_business_unit_input: 'acme-outdoor.example',
  trustpilot_business_unit_id: BUSINESS_UNIT_ID,
  trustpilot_business_unit_name: 'Acme Outdoor Gear',
  trustpilot_business_unit_domain: 'acme-outdoor.example',
  salesforce_access_token: SALESFORCE_TOKEN,
  salesforce_instance_url: SALESFORCE_INSTANCE,
};

export const SECRETS = [
  connectionFields.trustpilot_api_secret,
  connectionFields.salesforce_client_secret,
  connectionFields.bgl_encryption_key,
  connectionFields.bgl_authentication_key,
  TRUSTPILOT_TOKEN,
  SALESFORCE_TOKEN,
];

/** Runs `fn` and returns the error it throws (fails the test if it doesn't). */
export const caught = async (fn: () => Promise<unknown>): Promise<Error & { name: string; delay?: number }> => {
  try {
    await fn();
  } catch (err) {
    return err as Error & { name: string };
  }
  throw new Error('expected an error, but the call succeeded');
};

/** The sentence and code inside a z.errors.Error (its message is JSON). */
export const zapierError = (err: Error) => JSON.parse(err.message) as { message: string; code: string; status?: number };

beforeAll(() => {
  nock.disableNetConnect();
  delete process.env.TRUSTPILOT_API_URL;
  delete process.env.TRUSTPILOT_INVITATIONS_API_URL;
});
afterEach(() => nock.cleanAll());
afterAll(() => {
  nock.enableNetConnect();
  // nock hooks http on import. When Jest runs several files in one worker, each file loads its own
  // nock; an earlier file's copy left active would answer (or pass through) the next file's requests.
  nock.restore();
});
export { loggedLines } from '../support/console';
