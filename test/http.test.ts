import nock from 'nock';

import { send, type ApiRequest } from '../src/http';
import { TrustpilotClient } from '../src/trustpilot/client';
import { appTester, authData, BUSINESS_UNIT_ID, caught, TRUSTPILOT_API, TRUSTPILOT_INVITATIONS, zapierError } from './helpers';
import { refusedUrl, startLoopbackServer } from './helpers/loopback-server';

const templatesPath = `/v1/private/business-units/${BUSINESS_UNIT_ID}/templates`;
const invitationsPath = `/v1/private/business-units/${BUSINESS_UNIT_ID}/email-invitations`;
const templates = { templates: [{ id: '507f191e810c19729de860eb', name: 'Default', isDefaultTemplate: true, locale: 'en-US', type: 'service' }] };

const listTemplates = () =>
  appTester(async (z, bundle) => TrustpilotClient.fromBundle(z, bundle).listTemplates(BUSINESS_UNIT_ID), { authData });

const postInvitation = (base = TRUSTPILOT_INVITATIONS, effect: ApiRequest['effect'] = 'write') =>
  appTester(
    async (z) =>
      send(z, {
        service: 'Trustpilot',
        method: 'POST',
        url: `${base}${invitationsPath}`,
        json: { consumerEmail: 'jane@example.com' },
        action: 'schedule the review invitation',
        effect,
      }),
    { authData },
  );

beforeAll(() => nock.enableNetConnect('127.0.0.1'));

describe('reads: bounded retries', () => {
  it('retries a 503 and succeeds', async () => {
    const scope = nock(TRUSTPILOT_INVITATIONS).get(templatesPath).reply(503).get(templatesPath).reply(200, templates);
    await expect(listTemplates()).resolves.toEqual(templates.templates);
    expect(scope.isDone()).toBe(true);
  });

  it('retries a dropped connection and succeeds', async () => {
    const server = await startLoopbackServer(['drop', { status: 200, body: '{}' }]);
    try {
      await expect(postInvitation(server.url, 'read')).resolves.toMatchObject({ status: 200 });
      expect(server.requests).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('gives up after two retries with a clear error', async () => {
    const scope = nock(TRUSTPILOT_INVITATIONS).get(templatesPath).times(3).reply(500, 'Internal Server Error');
    const err = await caught(listTemplates);
    expect(scope.isDone()).toBe(true);
    expect(zapierError(err)).toMatchObject({ code: 'upstream_unavailable' });
    expect(zapierError(err).message).toMatch(/Trustpilot answered with an error \(HTTP 500\) when we tried to list the invitation templates \(3 attempts\)/);
  });
});

describe('writes: repeated only when they certainly did not take effect', () => {
  it('does not repeat a write after a 500: the outcome is unknown', async () => {
    const scope = nock(TRUSTPILOT_INVITATIONS).post(invitationsPath).once().reply(500);
    const err = await caught(postInvitation);
    expect(scope.isDone()).toBe(true);
    expect(zapierError(err).code).toBe('outcome_unknown');
    expect(zapierError(err).message).toMatch(/cannot tell whether it took effect/);
  });

  it('does not repeat a write after the connection dropped', async () => {
    const server = await startLoopbackServer(['drop', { status: 202 }]);
    try {
      const err = await caught(() => postInvitation(server.url));
      expect(zapierError(err).code).toBe('outcome_unknown');
      expect(server.requests).toBe(1);
    } finally {
      await server.close();
    }
  });

  it.each([502, 503, 504])('repeats a write after %i, which proves it was not processed', async (status) => {
    const scope = nock(TRUSTPILOT_INVITATIONS).post(invitationsPath).reply(status).post(invitationsPath).reply(202);
    const response = await postInvitation();
    expect(response.status).toBe(202);
    expect(scope.isDone()).toBe(true);
  });

  it('repeats a write whose connection was refused, then gives up clearly', async () => {
    const err = await caught(async () => postInvitation(await refusedUrl()));
    expect(zapierError(err)).toMatchObject({ code: 'upstream_unavailable' });
    expect(zapierError(err).message).toMatch(/could not be reached when we tried to schedule the review invitation \(3 attempts\)/);
  });
});

describe('throttling and expired sessions', () => {
  it('turns 429 into ThrottledError with the server’s Retry-After', async () => {
    nock(TRUSTPILOT_INVITATIONS).get(templatesPath).once().reply(429, {}, { 'Retry-After': '42' });
    const err = await caught(listTemplates);
    expect(err.name).toBe('ThrottledError');
    expect(JSON.parse(err.message)).toMatchObject({ delay: 42 });
  });

  it('defaults the delay to about a minute when Trustpilot sends no Retry-After', async () => {
    nock(TRUSTPILOT_INVITATIONS).get(templatesPath).once().reply(429, { message: 'Too Many Requests' });
    const err = await caught(listTemplates);
    expect(err.name).toBe('ThrottledError');
    const { delay } = JSON.parse(err.message);
    expect(delay).toBeGreaterThanOrEqual(60);
    expect(delay).toBeLessThan(90);
  });

  it('turns an expired Trustpilot token (401) into RefreshAuthError, so Zapier renews the session', async () => {
    nock(TRUSTPILOT_INVITATIONS).get(templatesPath).once().reply(401, { fault: { faultstring: 'Invalid Access Token' } });
    const err = await caught(listTemplates);
    expect(err.name).toBe('RefreshAuthError');
  });
});

describe('Trustpilot errors become sentences', () => {
  it('explains a 403 (errorCode 1014) with its causes, likeliest first (a read acts as no business user)', async () => {
    nock(TRUSTPILOT_INVITATIONS)
      .get(templatesPath)
      .reply(403, { message: 'Access to resource is forbidden', errorCode: 1014, correlationId: '226c6f21-6cc1-4f2d-9ef8-9abfa5095bf9' });
    const err = zapierError(await caught(listTemplates));
    expect(err.code).toBe('trustpilot_forbidden');
    expect(err.message).toMatch(/Access to resource is forbidden \(error code 1014\)/);
    expect(err.message).toMatch(/1\) the business unit chosen belongs to another Trustpilot account.*; 2\) .*Connect add-on/);
    expect(err.message).not.toMatch(/Admin or Manager/);
  });

  it('passes on Trustpilot’s own reason for other 4xx', async () => {
    nock(TRUSTPILOT_INVITATIONS).get(templatesPath).reply(400, { message: 'Invalid business unit id', errorCode: 'InvalidInput' });
    const err = zapierError(await caught(listTemplates));
    expect(err.message).toBe('Trustpilot refused to list the invitation templates: Invalid business unit id (error code InvalidInput) (HTTP 400).');
    expect(err.code).toBe('trustpilot_InvalidInput');
  });

  it('reports a response that breaks its schema clearly, naming the field', async () => {
    nock(TRUSTPILOT_INVITATIONS).get(templatesPath).reply(200, { templates: [{ id: 7 }] });
    const err = zapierError(await caught(listTemplates));
    expect(err.code).toBe('unexpected_response');
    expect(err.message).toMatch(/GET \/v1\/private\/business-units\/507f191e810c19729de860ea\/templates .*field "templates\.0\.id"/);
  });

  it('sends the bearer token and API key on private calls, and only the API key on public ones', async () => {
    const scope = nock(TRUSTPILOT_API, { badheaders: ['authorization'] })
      .get(`/v1/business-units/${BUSINESS_UNIT_ID}`)
      .matchHeader('apikey', authData.trustpilot_api_key)
      .reply(200, { id: BUSINESS_UNIT_ID, displayName: 'Acme Outdoor Gear' });
    nock(TRUSTPILOT_INVITATIONS)
      .get(templatesPath)
      .matchHeader('authorization', `Bearer ${authData.trustpilot_access_token}`)
      .matchHeader('apikey', authData.trustpilot_api_key)
      .reply(200, templates);
    await appTester(async (z, bundle) => TrustpilotClient.fromBundle(z, bundle).getBusinessUnit(BUSINESS_UNIT_ID), { authData });
    await expect(listTemplates()).resolves.toHaveLength(1);
    expect(scope.isDone()).toBe(true);
  });
});
