import { ManualClock, startSandbox, TRUSTPILOT, type Sandbox } from '../../sandbox';
import { basic, bearer, trustpilotToken } from './helpers';

const TOKEN_PATH = '/v1/oauth/oauth-business-users-for-applications/accesstoken';
const clock = new ManualClock(Date.UTC(2026, 10, 20, 12));
let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ clock, minTokenIntervalMs: 60_000 });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const requestToken = (authorization: string, body = 'grant_type=client_credentials') =>
  fetch(`${sb.urls.trustpilotApi}${TOKEN_PATH}`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
const reviewsUrl = () => `${sb.urls.trustpilotApi}/v1/private/business-units/${TRUSTPILOT.businessUnit.id}/reviews`;

describe('Trustpilot token endpoint', () => {
  it('issues a client-credentials token in the real (Apigee) shape', async () => {
    const res = await requestToken(basic(TRUSTPILOT.apiKey, TRUSTPILOT.apiSecret));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      token_type: 'BearerToken',
      expires_in: '359999',
      issued_at: String(clock.now()),
      client_id: TRUSTPILOT.apiKey,
      scope: '',
      status: 'approved',
    });
    expect(body.access_token).toMatch(/^[A-Za-z0-9]{28}$/);
    expect(body).not.toHaveProperty('refresh_token');
  });

  it('answers bad credentials with a 401', async () => {
    const wrongSecret = await requestToken(basic(TRUSTPILOT.apiKey, 'not-the-secret'));
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toEqual({ ErrorCode: 'invalid_client', Error: 'Client credentials are invalid' });
    const wrongKey = await requestToken(basic('someone-else', TRUSTPILOT.apiSecret));
    expect(wrongKey.status).toBe(401);
  });

  it('refuses other grant types', async () => {
    const res = await requestToken(basic(TRUSTPILOT.apiKey, TRUSTPILOT.apiSecret), 'grant_type=password&username=a&password=b');
    expect(res.status).toBe(400);
  });

  it('answers token requests that come too often with a 429, until the interval has passed', async () => {
    expect((await requestToken(basic(TRUSTPILOT.apiKey, TRUSTPILOT.apiSecret))).status).toBe(200);
    expect((await requestToken(basic(TRUSTPILOT.apiKey, TRUSTPILOT.apiSecret))).status).toBe(429);
    clock.advance(60_000);
    expect((await requestToken(basic(TRUSTPILOT.apiKey, TRUSTPILOT.apiSecret))).status).toBe(200);
  });
});

describe('Trustpilot private endpoints', () => {
  it('need a Bearer token', async () => {
    const res = await fetch(reviewsUrl());
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      fault: { faultstring: 'Invalid access token', detail: { errorcode: 'oauth.v2.InvalidAccessToken' } },
    });
  });

  it('accept a token until expireTokens, then answer 401 "expired"', async () => {
    const token = await trustpilotToken(sb);
    expect((await fetch(reviewsUrl(), { headers: bearer(token) })).status).toBe(200);
    sb.expireTokens('trustpilot');
    const res = await fetch(reviewsUrl(), { headers: bearer(token) });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ fault: { faultstring: 'Access Token expired' } });
  });

  it('can be told to answer an expired token with Trustpilot\'s 403 instead', async () => {
    const token = await trustpilotToken(sb);
    sb.configure({ expiredTrustpilotTokenStatus: 403 });
    sb.expireTokens('trustpilot');
    const res = await fetch(reviewsUrl(), { headers: bearer(token) });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ message: 'Access to resource is forbidden', errorCode: 1014 });
    sb.configure({ expiredTrustpilotTokenStatus: 401 });
  });

  it('expire tokens after 359 999 seconds of sandbox time', async () => {
    const token = await trustpilotToken(sb);
    clock.advance(359_998_000);
    expect((await fetch(reviewsUrl(), { headers: bearer(token) })).status).toBe(200);
    clock.advance(2_000);
    expect((await fetch(reviewsUrl(), { headers: bearer(token) })).status).toBe(401);
  });

  it('do not accept a Salesforce session id', async () => {
    const res = await fetch(reviewsUrl(), { headers: bearer(`${'00D'.padEnd(15, 'x')}!AQsomething`) });
    expect(res.status).toBe(401);
  });
});

describe('Trustpilot public endpoints', () => {
  const findUrl = () => `${sb.urls.trustpilotApi}/v1/business-units/find?name=${TRUSTPILOT.businessUnit.domain}`;

  it('need the API key in the apikey header', async () => {
    expect((await fetch(findUrl())).status).toBe(401);
    expect((await fetch(findUrl(), { headers: { apikey: 'wrong' } })).status).toBe(401);
    expect((await fetch(findUrl(), { headers: { apikey: TRUSTPILOT.apiKey } })).status).toBe(200);
  });

  it('do not take an access token in place of the API key', async () => {
    const token = await trustpilotToken(sb);
    const res = await fetch(findUrl(), { headers: { apikey: token } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ fault: { detail: { errorcode: 'oauth.v2.InvalidApiKey' } } });
  });
});

it('answers a request sent to the wrong Trustpilot host like the gateway does', async () => {
  const token = await trustpilotToken(sb);
  const res = await fetch(`${sb.urls.trustpilotInvitations}${TOKEN_PATH}`, {
    method: 'POST',
    headers: bearer(token),
  });
  expect(res.status).toBe(404);
  const templates = await fetch(`${sb.urls.trustpilotApi}/v1/private/business-units/${TRUSTPILOT.businessUnit.id}/templates`, {
    headers: bearer(token),
  });
  expect(templates.status).toBe(404);
  expect(await templates.json()).toMatchObject({ fault: { detail: { errorcode: 'messaging.adaptors.http.flow.ApplicationNotFound' } } });
});
