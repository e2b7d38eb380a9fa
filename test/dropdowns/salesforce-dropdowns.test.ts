import nock from 'nock';

import { appTester, authData, SALESFORCE_INSTANCE, SF_DATA } from '../helpers';
import { fixture, interceptQueries, parseSoql } from '../helpers/salesforce';
import { triggerFunction } from '../helpers/operations';

type DropdownKey = 'opportunity_stage_list' | 'order_status_list' | 'case_status_list' | 'contact_role_list';
const run = (key: DropdownKey) =>
  appTester(triggerFunction(key), {
    authData,
    inputData: {},
    meta: { isFillingDynamicDropdown: true },
  }) as Promise<Array<{ id: string; name: string }>>;

describe('hidden dropdown triggers: one call each', () => {
  it('opportunity_stage_list reads the active OpportunityStage rows; the id is the stored API name', async () => {
    const log = interceptQueries({ body: fixture('opportunity-stages.json') });
    const choices = await run('opportunity_stage_list');
    expect(log.calls).toBe(1);
    expect(log.soql[0]).toBe(
      'SELECT ApiName, MasterLabel, IsClosed, IsWon, SortOrder FROM OpportunityStage WHERE IsActive = TRUE ORDER BY SortOrder ASC NULLS LAST, MasterLabel ASC',
    );
    expect(() => parseSoql(log.soql[0]!)).not.toThrow();
    expect(choices).toEqual([
      { id: 'Prospecting', name: 'Prospecting' },
      { id: 'Qualification', name: 'Qualification' },
      { id: 'Negotiation/Review', name: 'Negotiation/Review' },
      { id: 'Closed Won', name: 'Closed Won (won)' },
      { id: 'Closed Lost', name: 'Closed Lost (closed)' },
    ]);
  });

  it('order_status_list reads OrderStatus, showing each status’s category', async () => {
    const log = interceptQueries({ body: fixture('order-statuses.json') });
    const choices = await run('order_status_list');
    expect(log.calls).toBe(1);
    expect(log.soql[0]).toBe('SELECT ApiName, MasterLabel, StatusCode, SortOrder FROM OrderStatus ORDER BY SortOrder ASC NULLS LAST, MasterLabel ASC');
    expect(choices).toEqual([
      { id: 'Draft', name: 'Draft (Draft)' },
      { id: 'Activated', name: 'Activated (Activated)' },
      { id: 'Shipped', name: 'Shipped (Activated)' },
    ]);
  });

  it('case_status_list reads CaseStatus, marking closed statuses', async () => {
    const log = interceptQueries({ body: fixture('case-statuses.json') });
    const choices = await run('case_status_list');
    expect(log.calls).toBe(1);
    expect(log.soql[0]).toBe('SELECT ApiName, MasterLabel, IsClosed, SortOrder FROM CaseStatus ORDER BY SortOrder ASC NULLS LAST, MasterLabel ASC');
    expect(choices.map((c) => c.name)).toEqual(['New', 'Working', 'Escalated', 'Closed (closed)']);
  });

  it('contact_role_list reads the Role picklist from one describe of OpportunityContactRole, active values only', async () => {
    let calls = 0;
    const scope = nock(SALESFORCE_INSTANCE)
      .get(`${SF_DATA}/sobjects/OpportunityContactRole/describe`)
      .reply(() => {
        calls += 1;
        return [200, fixture('opportunity-contact-role-describe.json')];
      });
    const choices = await run('contact_role_list');
    expect(scope.isDone()).toBe(true);
    expect(calls).toBe(1);
    expect(choices).toEqual(
      ['Business User', 'Decision Maker', 'Economic Buyer', 'Economic Decision Maker', 'Evaluator', 'Executive Sponsor', 'Influencer', 'Technical Buyer', 'Other'].map(
        (v) => ({ id: v, name: v }),
      ),
    );
  });
});
