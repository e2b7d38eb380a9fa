import { startSandbox, TRUSTPILOT, type Sandbox } from '../../sandbox';
import { bearer, networkError, postJson, query, salesforceToken, trustpilotToken } from './helpers';

let sb: Sandbox;
const INVITE = 'POST /v1/private/business-units/:businessUnitId/email-invitations';
const QUERY = 'GET /services/data/:version/query';
const asDana = { 'x-business-user-id': TRUSTPILOT.businessUser.id };
const invitation = { consumerEmail: 'tom.okafor@riverbend.example', consumerName: 'Tom Okafor', referenceNumber: '00000102' };

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const invite = async () =>
  postJson(`${sb.urls.trustpilotInvitations}/v1/private/business-units/${TRUSTPILOT.businessUnit.id}/email-invitations`, await trustpilotToken(sb), invitation, asDana);

describe('injected statuses', () => {
  it('answer the next N calls with the status and Retry-After, without effect, then recover', async () => {
    sb.faults.failWith(INVITE, 503, { times: 2, retryAfter: 7 });
    for (let i = 0; i < 2; i++) {
      const res = await invite();
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(await res.json()).toMatchObject({ message: 'Service Unavailable', errorCode: expect.any(Number) });
    }
    expect(sb.state.invitations).toEqual([]);
    expect((await invite()).status).toBe(202);
    expect(sb.state.invitations).toHaveLength(1);
    expect(sb.state.calls[INVITE]).toBe(3);
  });

  it('use each service\'s own error body: Trustpilot 429 and Salesforce 500', async () => {
    sb.faults.failWith(INVITE, 429);
    const throttled = await invite();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBeNull();
    expect(await throttled.json()).toMatchObject({ fault: { detail: { errorcode: 'policies.ratelimit.QuotaViolation' } } });

    const token = await salesforceToken(sb);
    sb.faults.failWith(QUERY, 500);
    const { status, body } = await query(sb, token, 'SELECT Id FROM Account');
    expect(status).toBe(500);
    expect(body).toEqual([{ errorCode: 'UNKNOWN_EXCEPTION', message: expect.stringContaining('An unexpected error occurred') }]);
    expect((await query(sb, token, 'SELECT Id FROM Account')).status).toBe(200);
  });

  it('queue in order on one route', async () => {
    sb.faults.failWith(INVITE, 500);
    sb.faults.failWith(INVITE, 503);
    expect((await invite()).status).toBe(500);
    expect((await invite()).status).toBe(503);
    expect((await invite()).status).toBe(202);
  });

  it('refuse an unknown route key, so a typo cannot make a test pass', () => {
    expect(() => sb.faults.failWith('POST /v1/private/business-units/:id/email-invitations', 500)).toThrow(/Unknown sandbox route/);
  });
});

it('delays a response by N ms, then handles it', async () => {
  const token = await salesforceToken(sb);
  sb.faults.delay(QUERY, 300);
  const started = Date.now();
  expect((await query(sb, token, 'SELECT Id FROM Account')).status).toBe(200);
  expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  const again = Date.now();
  await query(sb, token, 'SELECT Id FROM Account');
  expect(Date.now() - again).toBeLessThan(250);
});

describe('dropped connections', () => {
  it('before handling: the call fails and no invitation exists', async () => {
    sb.faults.dropBeforeHandling(INVITE);
    expect(await networkError(invite())).toMatch(/ECONNRESET|UND_ERR_SOCKET/);
    expect(sb.state.invitations).toEqual([]);
    expect(sb.state.calls[INVITE]).toBe(1);
  });

  it('after handling: the call fails but the invitation was created', async () => {
    sb.faults.dropAfterHandling(INVITE);
    expect(await networkError(invite())).toMatch(/ECONNRESET|UND_ERR_SOCKET/);
    expect(sb.state.invitations).toHaveLength(1);
    expect((await invite()).status).toBe(202);
    expect(sb.state.invitations).toHaveLength(2);
  });
});

describe('refused connections', () => {
  it('close the service until told to accept again, on the same port', async () => {
    const token = await trustpilotToken(sb);
    const url = `${sb.urls.trustpilotApi}/v1/private/business-units/${TRUSTPILOT.businessUnit.id}/reviews`;
    expect((await fetch(url, { headers: bearer(token) })).status).toBe(200);
    await sb.faults.refuseConnections('trustpilotApi');
    expect(await networkError(fetch(url, { headers: bearer(token) }))).toBe('ECONNREFUSED');
    // The other services keep working.
    expect((await fetch(`${sb.urls.trustpilotInvitations}/v1/private/business-units/${TRUSTPILOT.businessUnit.id}/templates`, { headers: bearer(token) })).status).toBe(200);
    await sb.faults.acceptConnections('trustpilotApi');
    expect((await fetch(url, { headers: bearer(token) })).status).toBe(200);
  });

  it('reopen by themselves after forMs', async () => {
    const token = await salesforceToken(sb);
    await sb.faults.refuseConnections('salesforce', { forMs: 200 });
    expect(await networkError(fetch(`${sb.urls.salesforce}/services/data/v66.0/query?q=SELECT+Id+FROM+Account`, { headers: bearer(token) }))).toBe('ECONNREFUSED');
    await new Promise((r) => setTimeout(r, 300));
    expect((await query(sb, token, 'SELECT Id FROM Account')).status).toBe(200);
  });

  it('are undone by reset', async () => {
    await sb.faults.refuseConnections('salesforce');
    await sb.reset();
    expect((await fetch(`${sb.urls.salesforce}/services/oauth2/token`, { method: 'POST' })).status).toBe(400);
  });
});
