import { SALESFORCE, startSandbox, TRUSTPILOT, type Sandbox } from '../../sandbox';
import { postJson, query, records, salesforceToken, trustpilotToken } from './helpers';

let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

it('listens on loopback only, one port per upstream host', () => {
  const ports = new Set<string>();
  for (const url of Object.values(sb.urls)) {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    ports.add(new URL(url).port);
  }
  expect(ports.size).toBe(3);
  expect(sb.credentials.salesforce.instanceUrl).toBe(sb.urls.salesforce);
  expect(sb.credentials.trustpilot).toMatchObject({ apiKey: TRUSTPILOT.apiKey, businessUnitId: TRUSTPILOT.businessUnit.id });
});

it('counts calls per route pattern and per service', async () => {
  const token = await salesforceToken(sb);
  await query(sb, token, 'SELECT Id FROM Account');
  await query(sb, token, 'SELECT Id FROM Contact');
  await fetch(`${sb.urls.salesforce}/services/data/v66.0/nothing-here`);
  await trustpilotToken(sb);
  expect(sb.state.calls).toEqual({
    'POST /services/oauth2/token': 1,
    'GET /services/data/:version/query': 2,
    'POST /v1/oauth/oauth-business-users-for-applications/accesstoken': 1,
  });
  expect(sb.state.totals).toEqual({ trustpilotApi: 1, trustpilotInvitations: 0, salesforce: 4 });
});

it('hands out frozen copies of the state', async () => {
  const token = await trustpilotToken(sb);
  await postJson(
    `${sb.urls.trustpilotInvitations}/v1/private/business-units/${TRUSTPILOT.businessUnit.id}/email-invitations`,
    token,
    { consumerEmail: 'elena.garcia@northwind.example', consumerName: 'Elena García', referenceNumber: '00000103' },
    { 'x-business-user-id': TRUSTPILOT.businessUser.id },
  );
  const invitations = sb.state.invitations;
  expect(Object.isFrozen(invitations)).toBe(true);
  expect(() => (invitations as unknown[]).push({})).toThrow();
  expect(sb.state.invitations).toHaveLength(1);
});

it('reset restores the seed and forgets tokens, calls, writes and faults', async () => {
  const sfToken = await salesforceToken(sb);
  const tpToken = await trustpilotToken(sb);
  await postJson(`${sb.urls.salesforce}/services/data/v66.0/sobjects/Task`, sfToken, { Subject: 'Logged review', WhatId: SALESFORCE.cases.webToCase.id });
  await postJson(
    `${sb.urls.trustpilotApi}/v1/private/reviews/${TRUSTPILOT.reviews.caseUnhappy}/reply`,
    tpToken,
    { authorBusinessUserId: TRUSTPILOT.businessUser.id, message: 'Sorry!' },
  );
  sb.faults.failWith('GET /services/data/:version/query', 503);
  expect(sb.state.tasks).toHaveLength(1);
  expect(sb.state.replies).toHaveLength(1);

  await sb.reset();

  expect(sb.state.tasks).toEqual([]);
  expect(sb.state.replies).toEqual([]);
  expect(sb.state.calls).toEqual({});
  expect(sb.state.totals).toEqual({ trustpilotApi: 0, trustpilotInvitations: 0, salesforce: 0 });
  expect(sb.faults.pending()).toEqual([]);
  expect((await query(sb, sfToken, 'SELECT Id FROM Task')).status).toBe(401);
  const fresh = await salesforceToken(sb);
  expect((await records(sb, fresh, 'SELECT Id FROM Task')).totalSize).toBe(0);
  const review = await fetch(`${sb.urls.trustpilotApi}/v1/private/reviews/${TRUSTPILOT.reviews.caseUnhappy}`, {
    headers: { authorization: `Bearer ${await trustpilotToken(sb)}` },
  });
  expect(((await review.json()) as { companyReply: unknown }).companyReply).toBeNull();
});

it('fails to start, closing what it opened, when a fixed port is taken', async () => {
  const port = Number(new URL(sb.urls.salesforce).port);
  await expect(startSandbox({ ports: { salesforce: port } })).rejects.toThrow(/EADDRINUSE/);
});
