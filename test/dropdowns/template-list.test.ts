import nock from 'nock';

import businessUnitOther from '../fixtures/trustpilot/business-unit-other.json';
import templatesMany from '../fixtures/trustpilot/templates-many.json';
import { appTester, authData, BUSINESS_UNIT_ID, caught, TRUSTPILOT_INVITATIONS, TRUSTPILOT_TOKEN, zapierError } from '../helpers';
import { triggerFunction } from '../helpers/operations';

const perform = triggerFunction('template_list');

describe('template_list (hidden dropdown)', () => {
  it('lists the default templates first, then the rest by name, with the language in the name', async () => {
    nock(TRUSTPILOT_INVITATIONS, { reqheaders: { authorization: `Bearer ${TRUSTPILOT_TOKEN}`, apikey: authData.trustpilot_api_key } })
      .get(`/v1/private/business-units/${BUSINESS_UNIT_ID}/templates`)
      .reply(200, templatesMany);
    await expect(appTester(perform, { authData, inputData: {} })).resolves.toEqual([
      { id: '507f191e810c19729de860eb', name: 'Default service review invitation (en-US)' },
      { id: '5c17c7ebb565bb0001046fc3', name: 'Standard-Einladung (de-DE)' },
      { id: '5c17c7ebb565bb0001046fc2', name: 'after delivery' },
      { id: '5c17c7ebb565bb0001046fbd', name: 'Product review — outdoor gear (en-GB)' },
      { id: '5c17c7ebb565bb0001046fc1', name: 'Winter campaign (de-DE)' },
    ]);
  });

  it('lists the templates of the business unit chosen in the step', async () => {
    const scope = nock(TRUSTPILOT_INVITATIONS)
      .get(`/v1/private/business-units/${businessUnitOther.id}/templates`)
      .reply(200, { templates: [{ id: '5c17c7ebb565bb0001046fd0', name: 'DE default', isDefaultTemplate: true }] });
    await expect(appTester(perform, { authData, inputData: { business_unit_id: businessUnitOther.id } })).resolves.toEqual([
      { id: '5c17c7ebb565bb0001046fd0', name: 'DE default' },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('explains a template list it cannot read', async () => {
    nock(TRUSTPILOT_INVITATIONS).get(`/v1/private/business-units/${BUSINESS_UNIT_ID}/templates`).reply(200, { templates: [{ name: 'no id' }] });
    expect(zapierError(await caught(() => appTester(perform, { authData, inputData: {} }))).code).toBe('unexpected_response');
  });
});
