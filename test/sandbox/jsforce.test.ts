import { Connection } from '@jsforce/jsforce-node';
import { SALESFORCE, startSandbox, type Sandbox } from '../../sandbox';
import { salesforceToken } from './helpers';

// The app talks to Salesforce through jsforce; its parsing of query pages, locators and errors is the contract.
let sb: Sandbox;
let conn: Connection;

beforeAll(async () => {
  sb = await startSandbox({ salesforceBatchSize: 2 });
  conn = new Connection({ instanceUrl: sb.urls.salesforce, accessToken: await salesforceToken(sb), version: '66.0' });
});
afterAll(() => sb.close());

it('reads every page of a query through nextRecordsUrl', async () => {
  const result = await conn.query<{ Name: string }>('SELECT Name FROM Opportunity ORDER BY Name', { autoFetch: true, maxFetch: 100 });
  expect(result.records.map((r) => r.Name)).toHaveLength(6);
  expect(sb.state.calls['GET /services/data/:version/query/:locator']).toBe(2);
});

it('creates a Task and reports Salesforce errors with their errorCode', async () => {
  const created = await conn.sobject('Task').create({ Subject: 'Logged review', WhatId: SALESFORCE.cases.webToCase.id });
  expect(created).toMatchObject({ success: true, id: expect.stringMatching(/^00T/) });
  await expect(conn.query('SELECT Id, Region__x FROM Opportunity')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
});

it('surfaces an expired session as INVALID_SESSION_ID', async () => {
  sb.expireTokens('salesforce');
  await expect(conn.query('SELECT Id FROM Account')).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
});
