import nock from 'nock';

import App from '../../index';
import tpBusinessUnit from '../fixtures/trustpilot/business-unit.json';
import tpTemplates from '../fixtures/trustpilot/templates.json';
import tpToken from '../fixtures/trustpilot/token.json';
import sfToken from '../fixtures/salesforce/token.json';
import {
  appTester,
  authData,
  BUSINESS_UNIT_ID,
  caught,
  connectionFields,
  SALESFORCE_INSTANCE,
  SALESFORCE_LOGIN,
  SECRETS,
  SF_DATA,
  TRUSTPILOT_API,
  TRUSTPILOT_INVITATIONS,
  zapierError,
} from '../helpers';

const auth = App.authentication!;
const exchange = (fields: Record<string, string>, previous: Record<string, string> = {}) =>
  appTester(auth.sessionConfig!.perform as never, { authData: { ...previous, ...fields }, inputData: fields }) as Promise<Record<string, string>>;
const testConnection = (data: Record<string, string>) => appTester(auth.test as never, { authData: data }) as Promise<Record<string, string>>;

const only = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, connectionFields[k as keyof typeof connectionFields]]));
const TRUSTPILOT_ONLY = only(['trustpilot_api_key', 'trustpilot_api_secret', 'trustpilot_business_user_id', 'trustpilot_business_unit']);
const SALESFORCE_ONLY = only(['salesforce_domain', 'salesforce_client_id', 'salesforce_client_secret']);
const BGL_ONLY = only(['bgl_encryption_key', 'bgl_authentication_key']);
const AFS_ADDRESS = 'acme-outdoor.example+3b16a3a86d@invite.trustpilot.com';
const AFS_ONLY = { afs_bcc_address: AFS_ADDRESS };

const tokenPath = '/v1/oauth/oauth-business-users-for-applications/accesstoken';
const templatesPath = `/v1/private/business-units/${BUSINESS_UNIT_ID}/templates`;

const mockTrustpilotToken = () =>
  nock(TRUSTPILOT_API)
    .post(tokenPath, 'grant_type=client_credentials')
    .matchHeader('authorization', `Basic ${Buffer.from('tp-key-0123456789abcdef:tp-secret-SHOULD-NEVER-LEAK').toString('base64')}`)
    .matchHeader('content-type', 'application/x-www-form-urlencoded')
    .reply(200, tpToken);
const mockFindBusinessUnit = () =>
  nock(TRUSTPILOT_API).get('/v1/business-units/find').query({ name: 'acme-outdoor.example' }).matchHeader('apikey', 'tp-key-0123456789abcdef').reply(200, tpBusinessUnit);
const mockSalesforceToken = () =>
  nock(SALESFORCE_LOGIN)
    .post('/services/oauth2/token', { grant_type: 'client_credentials', client_id: '3MVG9-consumer-key', client_secret: 'sf-secret-SHOULD-NEVER-LEAK' })
    .reply(200, sfToken);

describe('session exchange: each part of the connection', () => {
  it('connects all three parts: Trustpilot token and business unit, Salesforce token; BGL needs no call', async () => {
    const scopes = [mockTrustpilotToken(), mockFindBusinessUnit(), mockSalesforceToken()];
    const session = await exchange(connectionFields);
    scopes.forEach((s) => expect(s.isDone()).toBe(true));
    expect(session).toMatchObject({
      trustpilot_access_token: tpToken.access_token,
      trustpilot_business_unit_id: BUSINESS_UNIT_ID,
      trustpilot_business_unit_name: 'Acme Outdoor Gear',
      trustpilot_business_unit_domain: 'acme-outdoor.example',
      salesforce_access_token: sfToken.access_token,
      salesforce_instance_url: SALESFORCE_INSTANCE,
    });
    // 359999 s ≈ 100 h from now
    const lifetime = Date.parse(session.trustpilot_token_expires_at!) - Date.now();
    expect(lifetime).toBeGreaterThan(99 * 3600 * 1000);
    expect(lifetime).toBeLessThanOrEqual(359_999 * 1000);
  });

  it('connects when the business unit answer lacks optional fields or has unknown ones', async () => {
    mockTrustpilotToken();
    const found = nock(TRUSTPILOT_API)
      .get('/v1/business-units/find')
      .query({ name: 'acme-outdoor.example' })
      .reply(200, { id: BUSINESS_UNIT_ID, name: null, displayName: null, score: 'n/a', numberOfReviews: { total: '12' }, somethingNew: { a: 1 } });
    const session = await exchange(TRUSTPILOT_ONLY);
    expect(found.isDone()).toBe(true);
    expect(session).toMatchObject({ trustpilot_business_unit_id: BUSINESS_UNIT_ID, trustpilot_business_unit_domain: 'acme-outdoor.example' });
  });

  it('looks up a business unit given as a 24-character id by id', async () => {
    mockTrustpilotToken();
    const scope = nock(TRUSTPILOT_API).get(`/v1/business-units/${BUSINESS_UNIT_ID}`).reply(200, tpBusinessUnit);
    const session = await exchange({ ...TRUSTPILOT_ONLY, trustpilot_business_unit: BUSINESS_UNIT_ID });
    expect(scope.isDone()).toBe(true);
    expect(session.trustpilot_business_unit_domain).toBe('acme-outdoor.example');
  });

  it('accepts a pasted review page address as the business unit', async () => {
    mockTrustpilotToken();
    const scope = mockFindBusinessUnit();
    await exchange({ ...TRUSTPILOT_ONLY, trustpilot_business_unit: 'https://uk.trustpilot.com/review/acme-outdoor.example?page=2' });
    expect(scope.isDone()).toBe(true);
  });

  it('connects Salesforce alone', async () => {
    mockSalesforceToken();
    await expect(exchange(SALESFORCE_ONLY)).resolves.toEqual({ salesforce_access_token: sfToken.access_token, salesforce_instance_url: SALESFORCE_INSTANCE });
  });

  it('turns a Lightning URL into the My Domain API host', async () => {
    const scope = nock('https://acme--uat.sandbox.my.salesforce.com').post('/services/oauth2/token').reply(200, sfToken);
    await exchange({ ...SALESFORCE_ONLY, salesforce_domain: 'https://acme--uat.sandbox.lightning.force.com/lightning/page/home' });
    expect(scope.isDone()).toBe(true);
  });

  it('connects Business Generated Link keys alone, without any network call', async () => {
    await expect(exchange(BGL_ONLY)).resolves.toEqual({});
  });
});

describe('session exchange: failures say which part and why', () => {
  it('explains refused Trustpilot credentials instead of an empty RefreshAuthError', async () => {
    nock(TRUSTPILOT_API).post(tokenPath).reply(401, { fault: { faultstring: 'Invalid ApiKey', detail: { errorcode: 'oauth.v2.InvalidApiKey' } } });
    const err = zapierError(await caught(() => exchange(TRUSTPILOT_ONLY)));
    expect(err.code).toBe('trustpilot_auth_failed');
    expect(err.message).toMatch(/Trustpilot refused the API key and secret \(401\)/);
  });

  it('explains an unknown business unit domain', async () => {
    mockTrustpilotToken();
    nock(TRUSTPILOT_API).get('/v1/business-units/find').query(true).reply(404, { message: 'Not found' });
    const err = zapierError(await caught(() => exchange(TRUSTPILOT_ONLY)));
    expect(err.code).toBe('trustpilot_business_unit_not_found');
    expect(err.message).toMatch(/Trustpilot has no business unit “acme-outdoor.example”/);
  });

  it('does not blame the domain when Trustpilot is down while the business unit is looked up', async () => {
    mockTrustpilotToken();
    nock(TRUSTPILOT_API).get('/v1/business-units/find').query(true).times(3).reply(503, 'Service Unavailable');
    const err = zapierError(await caught(() => exchange(TRUSTPILOT_ONLY)));
    expect(err.code).toBe('upstream_unavailable');
    expect(err.message).not.toMatch(/has no business unit/);
  });

  it('passes on Salesforce’s reason and how to fix it (invalid_client)', async () => {
    nock(SALESFORCE_LOGIN).post('/services/oauth2/token').reply(400, { error: 'invalid_client', error_description: 'invalid client credentials' });
    const err = zapierError(await caught(() => exchange(SALESFORCE_ONLY)));
    expect(err).toMatchObject({ code: 'salesforce_auth_failed', status: 400 });
    expect(err.message).toBe('Salesforce refused to sign in: invalid client credentials (invalid_client). Check the Consumer Key and Secret of your External Client App.');
  });

  it('scrubs the client secret from a token endpoint that echoes the form body', async () => {
    const secret = connectionFields.salesforce_client_secret;
    nock(SALESFORCE_LOGIN)
      .post('/services/oauth2/token')
      .reply(400, { error: 'invalid_request', error_description: `malformed body: grant_type=client_credentials&client_id=3MVG9&client_secret=${encodeURIComponent(secret)} (raw ${secret})` });
    const err = zapierError(await caught(() => exchange(SALESFORCE_ONLY)));
    expect(err.message).toMatch(/^Salesforce refused to sign in: malformed body/);
    expect(err.message).not.toContain(secret);
    expect(err.message).not.toContain(encodeURIComponent(secret));
  });

  it('scrubs the API key and secret from a Trustpilot token error that echoes the Basic header', async () => {
    const basic = Buffer.from(`${connectionFields.trustpilot_api_key}:${connectionFields.trustpilot_api_secret}`).toString('base64');
    nock(TRUSTPILOT_API)
      .post(tokenPath)
      .reply(400, { message: `Bad request: Authorization: Basic ${basic}; apikey=${connectionFields.trustpilot_api_key}; secret ${connectionFields.trustpilot_api_secret}` });
    const err = zapierError(await caught(() => exchange(TRUSTPILOT_ONLY)));
    for (const secret of [basic, connectionFields.trustpilot_api_key, connectionFields.trustpilot_api_secret]) expect(err.message).not.toContain(secret);
    expect(err.message).toMatch(/Trustpilot refused to get an access token: Bad request/);
  });

  it('tells the admin to enable the flow and a run-as user (invalid_grant)', async () => {
    nock(SALESFORCE_LOGIN).post('/services/oauth2/token').reply(400, { error: 'invalid_grant', error_description: 'no client credentials user enabled' });
    expect(zapierError(await caught(() => exchange(SALESFORCE_ONLY))).message).toMatch(/Run As user/);
  });

  it('explains a 401 from the Salesforce token endpoint', async () => {
    nock(SALESFORCE_LOGIN).post('/services/oauth2/token').reply(401, { error: 'invalid_client' });
    expect(zapierError(await caught(() => exchange(SALESFORCE_ONLY))).code).toBe('salesforce_auth_failed');
  });

  it('refuses login.salesforce.com, which the client-credentials flow does not support', async () => {
    const err = zapierError(await caught(() => exchange({ ...SALESFORCE_ONLY, salesforce_domain: 'https://login.salesforce.com' })));
    expect(err.code).toBe('invalid_connection');
    expect(err.message).toMatch(/cannot be login.salesforce.com: the client-credentials flow needs your org’s own My Domain/);
  });

  it('refuses BGL keys that do not decode to 32 bytes, without echoing them', async () => {
    const err = zapierError(await caught(() => exchange({ ...BGL_ONLY, bgl_authentication_key: 'c2hvcnQ=' })));
    expect(err.message).toBe('“Business Generated Links Authentication Key” must be the base64 key shown by Trustpilot (it decodes to 32 bytes); copy it again in full.');
    expect(err.message).not.toContain('c2hvcnQ=');
  });

  it('names the missing fields of a half-filled part', async () => {
    const err = zapierError(await caught(() => exchange({ ...TRUSTPILOT_ONLY, salesforce_domain: 'acme.my.salesforce.com' })));
    expect(err.code).toBe('invalid_connection');
    expect(err.message).toBe('Salesforce: also fill in “Salesforce Consumer Key” and “Salesforce Consumer Secret” (or clear the Salesforce fields).');
  });

  it('names every problem at once', async () => {
    const err = zapierError(await caught(() => exchange({ trustpilot_api_key: 'k', bgl_encryption_key: connectionFields.bgl_encryption_key })));
    expect(err.message).toMatch(/^Trustpilot API: also fill in “Trustpilot API Secret” and “Trustpilot Profile Domain”/);
    expect(err.message).toMatch(/Business Generated Links: also fill in “Business Generated Links Authentication Key”/);
  });

  it('connects with the AFS BCC Address alone (any plan), without a call', async () => {
    // nock lets no request through here: an AFS-only connection must not need one.
    await expect(exchange({ afs_bcc_address: ` ${AFS_ADDRESS.toUpperCase()} ` })).resolves.toEqual({});
  });

  it('connects AFS with Salesforce: one Salesforce token call, no Trustpilot call', async () => {
    const sf = mockSalesforceToken();
    const session = await exchange({ ...AFS_ONLY, ...SALESFORCE_ONLY });
    expect(sf.isDone()).toBe(true);
    expect(Object.keys(session).sort()).toEqual(['salesforce_access_token', 'salesforce_instance_url']);
  });

  it.each([
    ['reviews@acme-outdoor.example', /^“AFS BCC Address \(Any Plan, No API\)” must end in @invite\.trustpilot\.com/],
    ['acme-outdoor.example@invite.trustpilot.com', /must look like example\.com\+1a2b3c4d5e@invite\.trustpilot\.com/],
    ['acme-outdoor.example+not-hex!@invite.trustpilot.com', /must look like example\.com\+1a2b3c4d5e@invite\.trustpilot\.com/],
  ])('refuses the AFS address %p, saying where the right one is', async (address, message) => {
    const err = zapierError(await caught(() => exchange({ afs_bcc_address: address })));
    expect(err.code).toBe('invalid_connection');
    expect(err.message).toMatch(message);
    expect(err.message).toContain('Trustpilot Business → Get reviews → Automatic Feedback Service');
  });

  it('asks for at least one part when the form is empty', async () => {
    expect(zapierError(await caught(() => exchange({}))).message).toMatch(/^Fill in at least one part of the connection/);
  });
});

describe('session renewal after a 401 from either service', () => {
  const previous = {
    ...connectionFields,
    trustpilot_access_token: 'tp-previous-token',
    trustpilot_token_expires_at: new Date(Date.now() + 50 * 3600 * 1000).toISOString(),
    trustpilot_token_key_fingerprint: '',
    trustpilot_business_unit_input: 'acme-outdoor.example',
    trustpilot_business_unit_id: BUSINESS_UNIT_ID,
    trustpilot_business_unit_name: 'Acme Outdoor Gear',
    trustpilot_business_unit_domain: 'acme-outdoor.example',
  };
  let withFingerprint: typeof previous;
  beforeAll(async () => {
    // Learn the fingerprint the app stores for this key from a real exchange.
    mockTrustpilotToken();
    mockFindBusinessUnit();
    const session = await exchange(TRUSTPILOT_ONLY);
    withFingerprint = { ...previous, trustpilot_token_key_fingerprint: session.trustpilot_token_key_fingerprint! };
    nock.cleanAll();
  });

  it('keeps a still-valid Trustpilot token (one cheap check, no token request) when Salesforce expired', async () => {
    const probe = nock(TRUSTPILOT_INVITATIONS).get(templatesPath).matchHeader('authorization', 'Bearer tp-previous-token').reply(200, tpTemplates);
    mockSalesforceToken();
    const session = await exchange(connectionFields, withFingerprint);
    expect(probe.isDone()).toBe(true);
    expect(session.trustpilot_access_token).toBe('tp-previous-token');
    expect(session.salesforce_access_token).toBe(sfToken.access_token);
  });

  it('keeps the token even when the templates answer has an unexpected shape', async () => {
    const probe = nock(TRUSTPILOT_INVITATIONS).get(templatesPath).reply(200, { templates: [{ id: 1 }], more: true });
    const token = mockTrustpilotToken();
    mockSalesforceToken();
    const session = await exchange(connectionFields, withFingerprint);
    expect(probe.isDone()).toBe(true);
    expect(token.isDone()).toBe(false);
    expect(session.trustpilot_access_token).toBe('tp-previous-token');
    nock.cleanAll();
  });

  it('requests a new Trustpilot token when the kept one is refused (revoked or expired early)', async () => {
    nock(TRUSTPILOT_INVITATIONS).get(templatesPath).reply(401, {});
    const token = mockTrustpilotToken();
    mockSalesforceToken();
    const session = await exchange(connectionFields, withFingerprint);
    expect(token.isDone()).toBe(true);
    expect(session.trustpilot_access_token).toBe(tpToken.access_token);
  });

  it('requests a new Trustpilot token when the kept one is about to expire, without probing it', async () => {
    const token = mockTrustpilotToken();
    mockSalesforceToken();
    const soon = { ...withFingerprint, trustpilot_token_expires_at: new Date(Date.now() + 10 * 60 * 1000).toISOString() };
    await exchange(connectionFields, soon);
    expect(token.isDone()).toBe(true);
  });

  it('requests a new Trustpilot token when the API key changed', async () => {
    const token = nock(TRUSTPILOT_API).post(tokenPath).reply(200, tpToken);
    mockSalesforceToken();
    await exchange({ ...connectionFields, trustpilot_api_key: 'a-new-key' }, withFingerprint);
    expect(token.isDone()).toBe(true);
  });
});

describe('connection test', () => {
  const orgQuery = () =>
    nock(SALESFORCE_INSTANCE)
      .get(`${SF_DATA}/query`)
      .query({ q: 'SELECT Id, Name FROM Organization LIMIT 1' })
      .matchHeader('authorization', `Bearer ${authData.salesforce_access_token}`)
      .reply(200, { totalSize: 1, done: true, records: [{ attributes: { type: 'Organization', url: `${SF_DATA}/sobjects/Organization/00D5g000004SRQdEAO` }, Id: '00D5g000004SRQdEAO', Name: 'Acme Outdoor Gear' }] });

  it('checks each configured part with one call', async () => {
    const tp = nock(TRUSTPILOT_INVITATIONS).get(templatesPath).reply(200, tpTemplates);
    const sf = orgQuery();
    await expect(testConnection(authData)).resolves.toEqual({
      trustpilot_business_unit: 'Acme Outdoor Gear',
      salesforce_organization: 'Acme Outdoor Gear',
      afs_profile_domain: '',
      business_generated_links: 'keys valid',
    });
    expect(tp.isDone() && sf.isDone()).toBe(true);
  });

  it('checks the AFS part locally and reports its profile domain', async () => {
    await expect(testConnection(AFS_ONLY)).resolves.toMatchObject({ afs_profile_domain: 'acme-outdoor.example', trustpilot_business_unit: '' });
  });

  it.each([
    ['templates with fields it does not know and without names', { templates: [{ id: 'a', isDefault: true, channel: 'email' }], paging: {} }],
    ['a list under another key', { items: [{ templateId: 'a' }] }],
    ['an empty body', ''],
  ])('proves the Trustpilot token and business unit whatever the templates answer holds: %s', async (_what, body) => {
    const tp = nock(TRUSTPILOT_INVITATIONS).get(templatesPath).reply(200, body as never);
    orgQuery();
    await expect(testConnection(authData)).resolves.toMatchObject({ trustpilot_business_unit: 'Acme Outdoor Gear' });
    expect(tp.isDone()).toBe(true);
  });

  it('says which part failed and which worked', async () => {
    nock(TRUSTPILOT_INVITATIONS).get(templatesPath).reply(403, { message: 'Access to resource is forbidden', errorCode: 1014 });
    orgQuery();
    const err = zapierError(await caught(() => testConnection(authData)));
    expect(err.code).toBe('connection_test_failed');
    expect(err.message).toMatch(/^Trustpilot API: Trustpilot refused to list the invitation templates: Access to resource is forbidden \(error code 1014\)/);
    expect(err.message).toMatch(/\(Salesforce and Business Generated Links connected fine\.\)$/);
  });

  it('lets Zapier renew an expired Salesforce session (401 → RefreshAuthError)', async () => {
    nock(SALESFORCE_INSTANCE).get(`${SF_DATA}/query`).query(true).reply(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    const err = await caught(() => testConnection({ ...SALESFORCE_ONLY, salesforce_access_token: 'old', salesforce_instance_url: SALESFORCE_INSTANCE }));
    expect(err.name).toBe('RefreshAuthError');
  });
});

describe('connection label', () => {
  const label = (data: Record<string, string>) => appTester(auth.connectionLabel as never, { authData: data, inputData: {} });

  it('names what is connected', async () => {
    await expect(label(authData)).resolves.toBe('acme-outdoor.example · Salesforce acme');
    await expect(label({ ...BGL_ONLY, trustpilot_business_unit: 'acme-outdoor.example' })).resolves.toBe('acme-outdoor.example (links)');
    await expect(label({ ...SALESFORCE_ONLY, salesforce_instance_url: SALESFORCE_INSTANCE })).resolves.toBe('Salesforce acme');
    await expect(label({ ...AFS_ONLY, ...SALESFORCE_ONLY, salesforce_instance_url: SALESFORCE_INSTANCE })).resolves.toBe('acme-outdoor.example (AFS) · Salesforce acme');
  });

  it('never contains a secret', async () => {
    const text = String(await label(authData));
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });
});

describe('secrets stay out of logs and errors', () => {
  const captureLogs = async (fn: () => Promise<unknown>) => {
    const lines: string[] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    process.env.LOG_TO_STDOUT = 'true';
    process.env.DETAILED_LOG_TO_STDOUT = 'true';
    try {
      await fn().catch((err: Error) => lines.push(err.message));
    } finally {
      delete process.env.LOG_TO_STDOUT;
      delete process.env.DETAILED_LOG_TO_STDOUT;
      spy.mockRestore();
    }
    return lines.join('\n');
  };

  it('in the token exchange', async () => {
    mockTrustpilotToken();
    mockFindBusinessUnit();
    mockSalesforceToken();
    const logs = await captureLogs(() => exchange(connectionFields));
    expect(logs).toMatch(/POST https:\/\/api.trustpilot.com\/v1\/oauth/); // the logs were captured
    for (const secret of SECRETS) expect(logs).not.toContain(secret);
    expect(logs).not.toContain(Buffer.from('tp-key-0123456789abcdef:tp-secret-SHOULD-NEVER-LEAK').toString('base64'));
  });

  it('in an error path', async () => {
    nock(TRUSTPILOT_INVITATIONS).get(templatesPath).reply(403, { message: 'Access to resource is forbidden', errorCode: 1014 });
    nock(SALESFORCE_INSTANCE).get(`${SF_DATA}/query`).query(true).reply(400, [{ message: 'sObject type is not supported', errorCode: 'INVALID_TYPE' }]);
    const logs = await captureLogs(() => testConnection(authData));
    expect(logs).toMatch(/connection_test_failed/);
    for (const secret of SECRETS) expect(logs).not.toContain(secret);
  });
});
