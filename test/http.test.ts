import nock from 'nock';

import { STEP_BUDGET_MS } from '../src/config';
import { send, stepClock, type ApiRequest } from '../src/http';
import { TrustpilotClient } from '../src/trustpilot/client';
import { appTester, authData, BUSINESS_UNIT_ID, caught, SECRETS, TRUSTPILOT_API, TRUSTPILOT_INVITATIONS, zapierError } from './helpers';
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

  it.each([502, 503, 504])('never repeats a write after %i: a gateway may answer after the origin did the work', async (status) => {
    const scope = nock(TRUSTPILOT_INVITATIONS).post(invitationsPath).once().reply(status);
    const err = await caught(postInvitation);
    expect(scope.isDone()).toBe(true);
    expect(zapierError(err).code).toBe('outcome_unknown');
    expect(zapierError(err).message).toMatch(new RegExp(`HTTP ${status}.*the outcome is unknown`));
  });

  it('never repeats a write that timed out after it was sent', async () => {
    const server = await startLoopbackServer(['hang', { status: 202 }]);
    try {
      const err = await caught(() =>
        appTester(async (z) => send(z, { service: 'Trustpilot', method: 'POST', url: `${server.url}/x`, json: {}, action: 'schedule the review invitation', effect: 'write', timeoutMs: 200 }), { authData }),
      );
      expect(zapierError(err)).toMatchObject({ code: 'outcome_unknown' });
      expect(zapierError(err).message).toMatch(/did not answer in time while we tried to schedule the review invitation/);
      expect(server.requests).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('repeats a write whose connection was refused, then gives up clearly', async () => {
    const err = await caught(async () => postInvitation(await refusedUrl()));
    expect(zapierError(err)).toMatchObject({ code: 'upstream_unavailable' });
    expect(zapierError(err).message).toMatch(/could not be reached when we tried to schedule the review invitation \(3 attempts\)/);
  });
});

describe('the step’s time budget (Zapier stops a step at 30 s)', () => {
  const budget = stepClock.budgetMs;
  afterEach(() => {
    stepClock.budgetMs = budget;
  });

  it('is 25 seconds for everything a step sends, timeouts and retries included', () => {
    expect(STEP_BUDGET_MS).toBe(25_000);
    expect(budget).toBe(25_000);
  });

  it('stops a silent read when the budget runs out, with "did not answer in time", instead of retrying past it', async () => {
    stepClock.budgetMs = 400; // stands in for 25 s
    const server = await startLoopbackServer(['hang']);
    try {
      const started = Date.now();
      const err = await caught(() =>
        appTester(async (z) => send(z, { service: 'Trustpilot', method: 'GET', url: `${server.url}/x`, action: 'list the reviews', effect: 'read' }), { authData }),
      );
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(zapierError(err)).toMatchObject({ code: 'upstream_timeout' });
      expect(zapierError(err).message).toMatch(/^Trustpilot did not answer in time when we tried to list the reviews/);
    } finally {
      await server.close();
    }
  });

  it('shares the budget across the requests of one step: a write after a slow read is not sent without time left', async () => {
    stepClock.budgetMs = 400;
    const server = await startLoopbackServer(['hang']);
    try {
      const err = await caught(() =>
        appTester(
          async (z) => {
            await send(z, { service: 'Trustpilot', method: 'GET', url: `${server.url}/read`, action: 'read the review', effect: 'read' }).catch(() => undefined);
            return send(z, { service: 'Trustpilot', method: 'POST', url: `${server.url}/write`, json: {}, action: 'reply to the review', effect: 'write' });
          },
          { authData },
        ),
      );
      expect(zapierError(err)).toMatchObject({ code: 'upstream_unavailable' });
      expect(zapierError(err).message).toMatch(/could not be reached in time .* so nothing was sent/);
      expect(server.requests).toBe(1); // only the read
    } finally {
      await server.close();
    }
  });

  it('says "outcome unknown" when a write’s budget runs out after it was sent', async () => {
    stepClock.budgetMs = 400;
    const server = await startLoopbackServer(['hang']);
    try {
      const err = await caught(() =>
        appTester(async (z) => send(z, { service: 'Salesforce', method: 'POST', url: `${server.url}/task`, json: {}, action: 'log the review', effect: 'write' }), { authData }),
      );
      expect(zapierError(err).code).toBe('outcome_unknown');
      expect(zapierError(err).message).toMatch(/^Salesforce did not answer in time while we tried to log the review, so we cannot tell/);
      expect(server.requests).toBe(1);
    } finally {
      await server.close();
    }
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

  it('never copies the connection’s credentials from an echoed request into the error', async () => {
    nock(TRUSTPILOT_INVITATIONS)
      .get(templatesPath)
      .reply(400, {
        message: `Header check failed: Authorization: Bearer ${authData.trustpilot_access_token}, apikey: ${authData.trustpilot_api_key}`,
        details: `client_secret=${authData.trustpilot_api_secret}; bgl ${authData.bgl_encryption_key}; sf ${authData.salesforce_access_token}`,
      });
    const err = zapierError(await caught(listTemplates));
    expect(err.message).toMatch(/^Trustpilot refused to list the invitation templates: Header check failed/);
    for (const secret of [...SECRETS, authData.trustpilot_api_key]) expect(err.message).not.toContain(secret);
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
