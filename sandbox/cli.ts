import { startSandbox, TRUSTPILOT, SALESFORCE, type Delivery, type Sandbox, type ServiceName } from '.';
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

export const WEBHOOK_KINDS = ['created', 'updated', 'deleted', 'product'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

export interface CliOptions {
  /** `--webhook-url=<url>`: send review webhook deliveries there once the sandbox runs (e.g. a Zap's hook URL). */
  webhookUrl?: string;
  /** `--webhook-events=created,updated,deleted,product` (default: all): which deliveries to send. */
  webhookKinds: WebhookKind[];
}

export const parseArgs = (argv: readonly string[]): CliOptions => {
  const options: CliOptions = { webhookKinds: [...WEBHOOK_KINDS] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--webhook-url') {
      const url = value();
      if (!/^https?:\/\/[^\s]+$/.test(url)) throw new Error(`--webhook-url must be an http(s) URL, got "${url}"`);
      options.webhookUrl = url;
    } else if (flag === '--webhook-events') {
      const kinds = value().split(',').map((k) => k.trim()).filter(Boolean);
      const unknown = kinds.filter((k) => !(WEBHOOK_KINDS as readonly string[]).includes(k));
      if (unknown.length > 0 || kinds.length === 0) throw new Error(`--webhook-events takes ${WEBHOOK_KINDS.join(', ')}; got "${unknown.join(',') || kinds.join(',')}"`);
      options.webhookKinds = kinds as WebhookKind[];
    } else {
      throw new Error(`unknown option ${flag}; options: --webhook-url=<url> [--webhook-events=${WEBHOOK_KINDS.join(',')}]`);
    }
  }
  return options;
};

/**
 * One delivery per kind, each a real change in the sandbox first (so the app's API lookups agree with it):
 * a new service review, an edit of it (2 → 4 stars), its deletion, and a new product review.
 */
export const sendEveryWebhook = async (sb: Sandbox, url: string, kinds: readonly WebhookKind[] = WEBHOOK_KINDS): Promise<Array<Delivery & { kind: WebhookKind }>> => {
  sb.webhooks.subscribe(url);
  const sent: Array<Delivery & { kind: WebhookKind }> = [];
  // Events of a kind not asked for are dropped, never sent with a later delivery.
  const deliver = async (kind: WebhookKind) => {
    if (!kinds.includes(kind)) return void sb.webhooks.discard();
    for (const delivery of await sb.webhooks.deliver()) if (delivery.url === url) sent.push({ ...delivery, kind });
  };
  const review = sb.story.postServiceReview({
    stars: 2,
    title: 'Tent arrived without poles',
    text: 'The tent came without its poles and support took a week to answer.',
    consumerName: SALESFORCE.contacts.priya.name,
    referenceId: SALESFORCE.opportunities.negotiation.id,
  });
  await deliver('created');
  sb.story.updateServiceReview(review.id, { stars: 4, text: 'The poles arrived two days after I wrote. Great trip in the end.' });
  await deliver('updated');
  sb.story.deleteServiceReview(review.id);
  await deliver('deleted');
  sb.story.postProductReview({
    stars: 4,
    content: 'Warm and light, but the zip snags a little.',
    consumerName: SALESFORCE.contacts.priya.name,
    consumerEmail: SALESFORCE.contacts.priya.email,
    sku: 'SB-ALP-200',
    productName: 'Alpine 200 Sleeping Bag',
  });
  await deliver('product');
  return sent;
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
  argv: readonly string[] = [],
): Promise<Sandbox> => {
  const options = parseArgs(argv);
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
  if (options.webhookUrl) {
    err.write(`\nSending review webhooks (${options.webhookKinds.join(', ')}) to ${options.webhookUrl}\n`);
    try {
      for (const d of await sendEveryWebhook(sb, options.webhookUrl, options.webhookKinds)) {
        err.write(`  ${d.kind.padEnd(8)} ${d.events} event(s) → HTTP ${d.status}\n`);
      }
    } catch (e) {
      err.write(`  delivery failed: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }
  return sb;
};

if (require.main === module) {
  run(process.env, process.stdout, process.stderr, process.argv.slice(2)).then(
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
