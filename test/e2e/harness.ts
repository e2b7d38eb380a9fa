/**
 * End-to-end harness: the sandbox, Zapier's file-stash stand-in and the Zapier runner, connected with
 * the seeded credentials. Real HTTP on loopback only; nock stays out of the way.
 */
import nock from 'nock';

import App from '../../index';
import { publicUrlPolicy } from '../../src/util/public-url';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';
import { connectionFields } from '../../sandbox/connection-fields';
import { startZapierFiles, type ZapierFiles } from '../../sandbox/zapier-files';
import { ZapierRunner } from '../../sandbox/zapier-runner';

export interface E2E {
  sandbox: Sandbox;
  files: ZapierFiles;
  runner: ZapierRunner;
  close(): Promise<void>;
}

/** Trustpilot's real limit is 833 calls per 300 s; tests shrink the window and Zapier's waits by the same factor. */
export const REAL_WINDOW_MS = 300_000;

export const startE2E = async (options: SandboxOptions = {}): Promise<E2E> => {
  nock.restore(); // a unit test file in this worker may have left nock's interceptors active
  nock.enableNetConnect();
  const sandbox = await startSandbox(options);
  // The sandbox's file stand-in listens on 127.0.0.1: allowed here, in the sandbox's own test setup only.
  publicUrlPolicy.allowLoopback = true;
  const files = await startZapierFiles();
  process.env.TRUSTPILOT_API_URL = sandbox.urls.trustpilotApi;
  process.env.TRUSTPILOT_INVITATIONS_API_URL = sandbox.urls.trustpilotInvitations;
  const windowMs = options.trustpilotRateLimit ? options.trustpilotRateLimit.windowMs : REAL_WINDOW_MS;
  // One runner is one Zapier account: runs share its cache, as Zapier's z.cache is per account.
  const runner = new ZapierRunner({ app: App, rpcUrl: files.rpcUrl, throttleDelayScale: windowMs / REAL_WINDOW_MS });
  await runner.connect(connectionFields(sandbox));
  return {
    sandbox,
    files,
    runner,
    close: async () => {
      delete process.env.TRUSTPILOT_API_URL;
      delete process.env.TRUSTPILOT_INVITATIONS_API_URL;
      publicUrlPolicy.allowLoopback = false;
      await Promise.all([sandbox.close(), files.close()]);
    },
  };
};

/** The z.errors.Error sentence and code, or the error's name for Zapier's other errors. */
export const failure = async (work: Promise<unknown>): Promise<{ name: string; code?: string; message: string }> => {
  try {
    await work;
  } catch (err) {
    const e = err as Error;
    try {
      const parsed = JSON.parse(e.message) as { message: string; code?: string };
      return { name: e.name, code: parsed.code, message: parsed.message };
    } catch {
      return { name: e.name, message: e.message };
    }
  }
  throw new Error('expected the step to fail, but it succeeded');
};
