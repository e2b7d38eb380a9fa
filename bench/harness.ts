/**
 * The pieces a measurement runs the app with, as the demo and the end-to-end tests do: the sandbox,
 * Zapier's file-stash stand-in and a ZapierRunner (core's real Lambda handler), connected with the
 * seeded credentials. Real HTTP over loopback.
 */
import App from '../index';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox';
import { connectionFields } from '../sandbox/connection-fields';
import { startZapierFiles, type ZapierFiles } from '../sandbox/zapier-files';
import { ZapierRunner, type RunnerOptions } from '../sandbox/zapier-runner';

export interface Bench {
  sandbox: Sandbox;
  files: ZapierFiles;
  runner: ZapierRunner;
  /** A new runner (a new Zapier account: its own cache) on the same sandbox, connected. */
  newRunner(options?: Partial<RunnerOptions>): Promise<ZapierRunner>;
  close(): Promise<void>;
}

export const startBench = async (
  sandboxOptions: SandboxOptions = {},
  runnerOptions: Partial<RunnerOptions> = {},
  /** Called after the sandbox starts and before the runner connects (e.g. to move a ManualClock). */
  beforeConnect?: (sandbox: Sandbox) => void | Promise<void>,
): Promise<Bench> => {
  const sandbox = await startSandbox(sandboxOptions);
  const files = await startZapierFiles();
  // The app reads Trustpilot's base URLs at call time.
  process.env.TRUSTPILOT_API_URL = sandbox.urls.trustpilotApi;
  process.env.TRUSTPILOT_INVITATIONS_API_URL = sandbox.urls.trustpilotInvitations;
  await beforeConnect?.(sandbox);
  const newRunner = async (options: Partial<RunnerOptions> = {}) => {
    const runner = new ZapierRunner({ app: App, rpcUrl: files.rpcUrl, ...runnerOptions, ...options });
    await runner.connect(connectionFields(sandbox));
    return runner;
  };
  const runner = await newRunner();
  return {
    sandbox,
    files,
    runner,
    newRunner,
    close: async () => {
      delete process.env.TRUSTPILOT_API_URL;
      delete process.env.TRUSTPILOT_INVITATIONS_API_URL;
      await Promise.all([sandbox.close(), files.close()]);
    },
  };
};

/** Lets the sandbox's response 'close' handlers (which write the journal) run before it is read. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
