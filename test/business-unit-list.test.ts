import App from '../index';
import { appTester, authData, BUSINESS_UNIT_ID, caught, zapierError } from './helpers';

const perform = (App.triggers!.business_unit_list!.operation as { perform: unknown }).perform;

describe('business_unit_list (hidden dropdown)', () => {
  it('offers the connection’s business unit without an API call', async () => {
    await expect(appTester(perform as never, { authData })).resolves.toEqual([{ id: BUSINESS_UNIT_ID, name: 'Acme Outdoor Gear (acme-outdoor.example)' }]);
  });

  it('explains a connection without the Trustpilot API part', async () => {
    expect(zapierError(await caught(() => appTester(perform as never, { authData: {} }))).code).toBe('trustpilot_not_connected');
  });
});
