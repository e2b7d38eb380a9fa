import { BGL, TRUSTPILOT, type Sandbox } from '../../sandbox';
import { run } from '../../sandbox/cli';

let sb: Sandbox | undefined;
afterEach(() => sb?.close());

const start = async (env: NodeJS.ProcessEnv) => {
  let out = '';
  sb = await run(env, { write: (s: string) => (out += s) }, { write: () => true });
  return Object.fromEntries(out.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
};

it('prints exactly the .env lines the app reads, pointing at the running sandbox', async () => {
  const env = await start({ SANDBOX_TRUSTPILOT_API_PORT: '0', SANDBOX_TRUSTPILOT_INVITATIONS_PORT: '0', SANDBOX_SALESFORCE_PORT: '0' });
  expect(Object.keys(env).sort()).toEqual(
    [
      'TRUSTPILOT_API_URL', 'TRUSTPILOT_INVITATIONS_API_URL',
      'authData_trustpilot_api_key', 'authData_trustpilot_api_secret', 'authData_trustpilot_business_user_id', 'authData_trustpilot_business_unit',
      'authData_salesforce_domain', 'authData_salesforce_client_id', 'authData_salesforce_client_secret',
      'authData_afs_bcc_address', 'authData_bgl_encryption_key', 'authData_bgl_authentication_key',
    ].sort(),
  );
  expect(env.TRUSTPILOT_API_URL).toBe(sb!.urls.trustpilotApi);
  expect(env.authData_salesforce_domain).toBe(sb!.urls.salesforce);
  expect(env.authData_trustpilot_business_unit).toBe(TRUSTPILOT.businessUnit.domain);
  expect(env.authData_afs_bcc_address).toMatch(new RegExp(`^${TRUSTPILOT.businessUnit.domain.replace(/\./g, '\\.')}\\+[0-9a-f]{10}@invite\\.trustpilot\\.com$`));
  for (const key of [env.authData_bgl_encryption_key!, env.authData_bgl_authentication_key!]) {
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
  }
  expect(env.authData_bgl_encryption_key).toBe(BGL.encryptionKey);
  const res = await fetch(`${env.TRUSTPILOT_API_URL}/v1/business-units/find?name=${env.authData_trustpilot_business_unit}`, {
    headers: { apikey: env.authData_trustpilot_api_key! },
  });
  expect(res.status).toBe(200);
});

it('refuses a port that is not a number', async () => {
  await expect(run({ SANDBOX_SALESFORCE_PORT: 'abc' }, { write: () => true }, { write: () => true })).rejects.toThrow(/SANDBOX_SALESFORCE_PORT/);
});

describe('--webhook-url', () => {
  it('sends one review webhook delivery of every kind to the URL, each after the change happened in the sandbox', async () => {
    const { startHookCatcher } = await import('../../sandbox/zapier-hooks');
    const catcher = await startHookCatcher();
    try {
      let banner = '';
      sb = await run(
        { SANDBOX_TRUSTPILOT_API_PORT: '0', SANDBOX_TRUSTPILOT_INVITATIONS_PORT: '0', SANDBOX_SALESFORCE_PORT: '0' },
        { write: () => true },
        { write: (s: string) => (banner += s) },
        [`--webhook-url=${catcher.url}`],
      );
      const names = catcher.received.map((r) => (JSON.parse(r.content) as { events: Array<{ eventName: string }> }).events.map((e) => e.eventName));
      expect(names).toEqual([['service-review-created'], ['service-review-updated'], ['service-review-deleted'], ['product-review-created']]);
      expect(catcher.received.every((r) => r.method === 'POST' && r.headers['content-type'] === 'application/json')).toBe(true);
      expect(banner).toMatch(/deleted\s+1 event\(s\) → HTTP 200/);
      // The deleted review is gone from the API, as the deletion event says.
      const deletedId = (JSON.parse(catcher.received[2]!.content) as { events: Array<{ eventData: { id: string } }> }).events[0]!.eventData.id;
      expect(sb.webhooks.pending).toEqual([]);
      const updated = JSON.parse(catcher.received[1]!.content) as { events: Array<{ eventData: { id: string; stars: number } }> };
      expect(updated.events[0]!.eventData).toMatchObject({ id: deletedId, stars: 4 });
    } finally {
      await catcher.close();
    }
  });

  it('sends only the kinds asked for, and refuses options it does not know', async () => {
    const { startHookCatcher } = await import('../../sandbox/zapier-hooks');
    const catcher = await startHookCatcher();
    try {
      sb = await run({ SANDBOX_TRUSTPILOT_API_PORT: '0', SANDBOX_TRUSTPILOT_INVITATIONS_PORT: '0', SANDBOX_SALESFORCE_PORT: '0' }, { write: () => true }, { write: () => true }, [
        '--webhook-url',
        catcher.url,
        '--webhook-events=deleted',
      ]);
      expect(catcher.received.map((r) => (JSON.parse(r.content) as { events: Array<{ eventName: string }> }).events.map((e) => e.eventName))).toEqual([['service-review-deleted']]);
    } finally {
      await catcher.close();
    }
    await expect(run({}, { write: () => true }, { write: () => true }, ['--webhook-events=exploded'])).rejects.toThrow(/--webhook-events takes created, updated, deleted, product/);
    await expect(run({}, { write: () => true }, { write: () => true }, ['--webhook-url=ftp://x'])).rejects.toThrow(/--webhook-url must be an http\(s\) URL/);
    await expect(run({}, { write: () => true }, { write: () => true }, ['--verbose'])).rejects.toThrow(/unknown option --verbose/);
  });
});
