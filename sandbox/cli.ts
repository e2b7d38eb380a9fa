import { startSandbox, TRUSTPILOT, SALESFORCE, type Sandbox, type ServiceName } from '.';
import { connectionFields } from './connection-fields';

/**
 * Starts the sandbox on fixed ports and prints the .env lines `zapier-platform invoke` reads.
 * stdout carries only the .env lines (so it can be redirected into .env); the banner goes to stderr.
 */

export const DEFAULT_PORTS: Record<ServiceName, number> = { trustpilotApi: 4610, trustpilotInvitations: 4611, salesforce: 4612 };
const PORT_ENV: Record<ServiceName, string> = {
  trustpilotApi: 'SANDBOX_TRUSTPILOT_API_PORT',
  trustpilotInvitations: 'SANDBOX_TRUSTPILOT_INVITATIONS_PORT',
  salesforce: 'SANDBOX_SALESFORCE_PORT',
};

const portsFrom = (env: NodeJS.ProcessEnv): Record<ServiceName, number> => {
  const ports = { ...DEFAULT_PORTS };
  for (const service of Object.keys(PORT_ENV) as ServiceName[]) {
    const raw = env[PORT_ENV[service]];
    if (raw === undefined || raw === '') continue;
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${PORT_ENV[service]} must be a port number, got "${raw}"`);
    ports[service] = port;
  }
  return ports;
};

/** The auth field keys are the app's contract: authData_<field key>. */
export const dotenvLines = (sb: Sandbox): string[] => [
  `TRUSTPILOT_API_URL=${sb.urls.trustpilotApi}`,
  `TRUSTPILOT_INVITATIONS_API_URL=${sb.urls.trustpilotInvitations}`,
  ...Object.entries(connectionFields(sb)).map(([key, value]) => `authData_${key}=${value}`),
];

export const run = async (
  env: NodeJS.ProcessEnv = process.env,
  out: { write(s: string): unknown } = process.stdout,
  err: { write(s: string): unknown } = process.stderr,
): Promise<Sandbox> => {
  const sb = await startSandbox({ ports: portsFrom(env) });
  err.write(
    [
      'Trustpilot + Salesforce sandbox (loopback only). Ctrl-C to stop.',
      `  Trustpilot API          ${sb.urls.trustpilotApi}`,
      `  Trustpilot Invitations  ${sb.urls.trustpilotInvitations}`,
      `  Salesforce              ${sb.urls.salesforce}  (${SALESFORCE.org.name})`,
      `  Business unit           ${TRUSTPILOT.businessUnit.domain}  ${TRUSTPILOT.businessUnit.id}`,
      '  .env lines for `zapier-platform invoke`:',
      '',
    ].join('\n'),
  );
  out.write(`${dotenvLines(sb).join('\n')}\n`);
  return sb;
};

if (require.main === module) {
  run().then(
    (sb) => {
      const stop = () => {
        void sb.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (e: unknown) => {
      process.stderr.write(`sandbox: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
