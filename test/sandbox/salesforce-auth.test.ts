import { createHmac } from 'node:crypto';
import { ManualClock, SALESFORCE, startSandbox, type Sandbox } from '../../sandbox';
import { bearer, postJson, query, records, salesforceToken } from './helpers';

const clock = new ManualClock(Date.UTC(2026, 10, 20, 12));
let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ clock });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const tokenRequest = (fields: Record<string, string>) =>
  fetch(`${sb.urls.salesforce}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
const INVALID_SESSION = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];

describe('Salesforce token endpoint', () => {
  it('issues a client-credentials session whose instance_url is the sandbox listener', async () => {
    const res = await tokenRequest({ grant_type: 'client_credentials', client_id: SALESFORCE.clientId, client_secret: SALESFORCE.clientSecret });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(body.access_token).toMatch(new RegExp(`^${SALESFORCE.org.id.slice(0, 15)}!AQ[A-Za-z0-9._]+$`));
    expect(body).toMatchObject({ instance_url: sb.urls.salesforce, token_type: 'Bearer', scope: 'api', issued_at: String(clock.now()) });
    expect(body.id).toBe(`${sb.urls.salesforce}/id/${SALESFORCE.org.id}/${SALESFORCE.users.integration.id}`);
    const expected = createHmac('sha256', SALESFORCE.clientSecret).update(body.id! + body.issued_at).digest('base64');
    expect(body.signature).toBe(expected);
    expect(body).not.toHaveProperty('refresh_token');
    expect(body).not.toHaveProperty('expires_in');
  });

  it('answers bad credentials with 400 invalid_client', async () => {
    const res = await tokenRequest({ grant_type: 'client_credentials', client_id: SALESFORCE.clientId, client_secret: 'nope' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
  });

  it('refuses other grant types', async () => {
    const res = await tokenRequest({ grant_type: 'password', client_id: SALESFORCE.clientId, client_secret: SALESFORCE.clientSecret });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('unsupported_grant_type');
  });
});

describe('Salesforce sessions', () => {
  it('are required: no token gives 401 INVALID_SESSION_ID as an array', async () => {
    const res = await fetch(`${sb.urls.salesforce}/services/data/v66.0/query?q=SELECT+Id+FROM+Account`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(INVALID_SESSION);
  });

  it('stop working after expireTokens', async () => {
    const token = await salesforceToken(sb);
    expect((await query(sb, token, 'SELECT Id FROM Account')).status).toBe(200);
    sb.expireTokens('salesforce');
    expect(await query(sb, token, 'SELECT Id FROM Account')).toEqual({ status: 401, body: INVALID_SESSION });
  });

  it('time out after two hours of sandbox time', async () => {
    const token = await salesforceToken(sb);
    clock.advance(2 * 3_600_000);
    expect((await query(sb, token, 'SELECT Id FROM Account')).status).toBe(401);
  });

  it('do not accept a Trustpilot token', async () => {
    expect((await query(sb, 'AXQGkD5d2bXs5DK6xGBh3lcSnbmT', 'SELECT Id FROM Account')).status).toBe(401);
  });

  it('are served only on API versions Salesforce still serves', async () => {
    const token = await salesforceToken(sb);
    const res = await fetch(`${sb.urls.salesforce}/services/data/v25.0/query?q=SELECT+Id+FROM+Account`, { headers: bearer(token) });
    expect(res.status).toBe(404);
  });
});

describe('creating a Task', () => {
  const taskUrl = () => `${sb.urls.salesforce}/services/data/v66.0/sobjects/Task`;
  const task = {
    WhatId: SALESFORCE.opportunities.closedWon.id,
    Subject: 'Trustpilot review: 5★ "Tent arrived early"',
    Description: 'Review 6f1c… by Maya Lindqvist',
    Status: 'Completed',
    ActivityDate: '2026-11-19',
    TaskSubtype: 'Task',
  };

  it('answers 201 {id, success, errors}, records it, and makes it queryable', async () => {
    const token = await salesforceToken(sb);
    const res = await postJson(taskUrl(), token, task);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; success: boolean; errors: unknown[] };
    expect(body).toEqual({ id: expect.stringMatching(/^00T[A-Za-z0-9]{15}$/), success: true, errors: [] });
    expect(sb.state.tasks).toEqual([expect.objectContaining({ id: body.id, body: task })]);

    const found = await records(sb, token, `SELECT Id, Subject, Status, IsClosed, ActivityDate, What.Name, What.Type FROM Task WHERE WhatId = '${task.WhatId}'`);
    expect(found.records).toEqual([
      expect.objectContaining({
        Id: body.id,
        Subject: task.Subject,
        IsClosed: true,
        ActivityDate: '2026-11-19',
        What: { attributes: expect.objectContaining({ type: 'Opportunity' }), Name: SALESFORCE.opportunities.closedWon.name, Type: 'Opportunity' },
      }),
    ]);
    const children = await records(sb, token, `SELECT Id, (SELECT Subject FROM Tasks) FROM Opportunity WHERE Id = '${task.WhatId}'`);
    expect(children.records[0]!.Tasks).toMatchObject({ totalSize: 1, records: [{ Subject: task.Subject }] });
  });

  it('refuses an unknown field with INVALID_FIELD', async () => {
    const token = await salesforceToken(sb);
    const res = await postJson(taskUrl(), token, { ...task, ReviewId__c: 'x' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([{ message: "No such column 'ReviewId__c' on sobject of type Task", errorCode: 'INVALID_FIELD' }]);
    expect(sb.state.tasks).toEqual([]);
  });

  it('refuses a malformed WhatId and one that points at a Contact', async () => {
    const token = await salesforceToken(sb);
    const malformed = await postJson(taskUrl(), token, { ...task, WhatId: 'not-an-id' });
    expect(((await malformed.json()) as { errorCode: string }[])[0]!.errorCode).toBe('MALFORMED_ID');
    const contact = await postJson(taskUrl(), token, { ...task, WhatId: SALESFORCE.contacts.maya.id });
    expect(((await contact.json()) as { errorCode: string; fields: string[] }[])[0]).toMatchObject({
      errorCode: 'FIELD_INTEGRITY_EXCEPTION',
      fields: ['WhatId'],
    });
  });

  it('reads the created record back by id', async () => {
    const token = await salesforceToken(sb);
    const { id } = (await (await postJson(taskUrl(), token, task)).json()) as { id: string };
    const res = await fetch(`${taskUrl()}/${id}`, { headers: bearer(token) });
    const record = (await res.json()) as Record<string, unknown>;
    expect(record).toMatchObject({ attributes: { type: 'Task', url: `/services/data/v66.0/sobjects/Task/${id}` }, Id: id, Priority: 'Normal' });
    expect(record.CreatedDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
  });
});
