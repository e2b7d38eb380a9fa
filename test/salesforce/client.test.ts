import nock from 'nock';
import type { ZObject } from 'zapier-platform-core';

import { SalesforceClient } from '../../src/salesforce/client';
import { appTester, authData, caught, SALESFORCE_INSTANCE, SF_DATA, zapierError } from '../helpers';

const soql = "SELECT Id, Name FROM Opportunity WHERE StageName = 'Closed Won' LIMIT 1";

/** Wraps z.request so a test can see every call the app made through Zapier's HTTP client. */
const counting = (z: ZObject) => {
  const calls: string[] = [];
  const original = z.request.bind(z);
  (z as { request: unknown }).request = (options: { method?: string; url: string }) => {
    calls.push(`${options.method ?? 'GET'} ${options.url}`);
    return original(options as never);
  };
  return calls;
};

describe('SalesforceClient (jsforce routed through z.request)', () => {
  it('sends a query through Zapier’s HTTP client, with the pinned API version and the session token', async () => {
    const scope = nock(SALESFORCE_INSTANCE)
      .get(`${SF_DATA}/query`)
      .query({ q: soql })
      .matchHeader('authorization', `Bearer ${authData.salesforce_access_token}`)
      .reply(200, { totalSize: 1, done: true, records: [{ attributes: { type: 'Opportunity', url: `${SF_DATA}/sobjects/Opportunity/0065g00000Kq1AbAAJ` }, Id: '0065g00000Kq1AbAAJ', Name: 'Acme — 40 tents' }] });
    const { page, calls } = await appTester(
      async (z, bundle) => {
        const calls = counting(z);
        const page = await SalesforceClient.fromBundle(z, bundle).query<{ Id: string; Name: string }>(soql, { action: 'read Opportunities' });
        return { page, calls };
      },
      { authData },
    );
    expect(scope.isDone()).toBe(true);
    expect(calls).toEqual([`GET ${SALESFORCE_INSTANCE}${SF_DATA}/query?q=${encodeURIComponent(soql)}`]);
    expect(page.records[0]).toMatchObject({ Id: '0065g00000Kq1AbAAJ', Name: 'Acme — 40 tents' });
  });

  it('follows nextRecordsUrl only when asked, one call per page', async () => {
    const scope = nock(SALESFORCE_INSTANCE)
      .get(`${SF_DATA}/query/01gRO0000016PIAYA2-2000`)
      .reply(200, { totalSize: 2001, done: true, records: [{ attributes: { type: 'Opportunity' }, Id: '0065g00000Kq1AcAAJ' }] });
    const page = await appTester(
      async (z, bundle) => SalesforceClient.fromBundle(z, bundle).queryMore<{ Id: string }>(`${SF_DATA}/query/01gRO0000016PIAYA2-2000`, { action: 'read more' }),
      { authData },
    );
    expect(scope.isDone()).toBe(true);
    expect(page.records).toHaveLength(1);
  });

  it('turns INVALID_FIELD into Salesforce’s own sentence plus the step’s hint', async () => {
    nock(SALESFORCE_INSTANCE)
      .get(`${SF_DATA}/query`)
      .query(true)
      .reply(400, [
        {
          message: "\nSELECT Id, Region__c FROM Opportunity\n           ^\nERROR at Row:1:Column:12\nNo such column 'Region__c' on entity 'Opportunity'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
          errorCode: 'INVALID_FIELD',
        },
      ]);
    const err = zapierError(
      await caught(() =>
        appTester(async (z, bundle) => SalesforceClient.fromBundle(z, bundle).query(soql, { action: 'read Opportunities', hint: 'Check the Tag Fields.' }), { authData }),
      ),
    );
    expect(err.code).toBe('INVALID_FIELD');
    expect(err.message).toBe(
      'Salesforce says field `Region__c` does not exist on Opportunity (or the connected Salesforce user cannot see it) (INVALID_FIELD), so we could not read Opportunities. Check the Tag Fields.',
    );
    expect(err.message).not.toContain('ERROR at Row');
  });

  it('turns an expired session (401 INVALID_SESSION_ID) into RefreshAuthError', async () => {
    nock(SALESFORCE_INSTANCE).get(`${SF_DATA}/query`).query(true).reply(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    const err = await caught(() => appTester(async (z, bundle) => SalesforceClient.fromBundle(z, bundle).query(soql, { action: 'read' }), { authData }));
    expect(err.name).toBe('RefreshAuthError');
  });

  it('explains an exhausted daily API allowance', async () => {
    nock(SALESFORCE_INSTANCE).get(`${SF_DATA}/query`).query(true).reply(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    const err = zapierError(await caught(() => appTester(async (z, bundle) => SalesforceClient.fromBundle(z, bundle).query(soql, { action: 'read' }), { authData })));
    expect(err.message).toMatch(/daily API request allowance/);
  });

  it('creates a record with one POST and returns its id', async () => {
    const scope = nock(SALESFORCE_INSTANCE)
      .post(`${SF_DATA}/sobjects/Task`, { WhatId: '0065g00000Kq1AbAAJ', Subject: 'Trustpilot review ★★★★★', Status: 'Completed' })
      .reply(201, { id: '00T5g00000ZxYwVEAV', success: true, errors: [] });
    const id = await appTester(
      async (z, bundle) =>
        SalesforceClient.fromBundle(z, bundle).create('Task', { WhatId: '0065g00000Kq1AbAAJ', Subject: 'Trustpilot review ★★★★★', Status: 'Completed' }, { action: 'log the review' }),
      { authData },
    );
    expect(scope.isDone()).toBe(true);
    expect(id).toBe('00T5g00000ZxYwVEAV');
  });

  it('says the Salesforce part is missing when the connection has none', async () => {
    const err = zapierError(await caught(() => appTester(async (z, bundle) => SalesforceClient.fromBundle(z, bundle), { authData: {} })));
    expect(err.code).toBe('salesforce_not_connected');
  });
});
