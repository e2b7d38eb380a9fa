/**
 * `npm start`: the whole review workflow, through the app's real code, over real HTTP, against the local
 * sandbox — no Salesforce org or Trustpilot keys needed. Exits 0 when every step that has landed
 * worked, and non-zero naming the step that failed.
 */
import path from 'node:path';

import { startSandbox } from '.';
import { runWorkflow, type StepReport } from './workflow';
import { startZapierFiles } from './zapier-files';
import { ZapierRunner } from './zapier-runner';

const SERVICE_LABEL: Record<string, string> = { trustpilotApi: 'trustpilot', trustpilotInvitations: 'invitations', salesforce: 'salesforce' };
const MARK = { ok: '✔', failed: '✖' } as const;

const shorten = (p: string) => {
  const [pathname, query] = p.split('?');
  const q = query ? `?${decodeURIComponent(query).replace(/\s+/g, ' ')}` : '';
  return `${pathname}${q.length > 70 ? `${q.slice(0, 67)}…` : q}`;
};

const print = (report: StepReport, index: number) => {
  console.log(`\n${MARK[report.status]} ${index + 1}. ${report.title}${report.status === 'ok' ? `  (${report.ms} ms)` : ''}`);
  for (const w of report.wire) console.log(`     ${SERVICE_LABEL[w.service]?.padEnd(11)} ${w.method.padEnd(4)} ${shorten(w.path)} → ${w.status}`);
  for (const line of report.lines) console.log(`     ${line}`);
  if (report.error) console.log(`     error: ${report.error}`);
};

const main = async () => {
  // Trustpilot's base URLs are read at call time; point them at the sandbox before the app runs.
  const sandbox = await startSandbox();
  const files = await startZapierFiles();
  process.env.TRUSTPILOT_API_URL = sandbox.urls.trustpilotApi;
  process.env.TRUSTPILOT_INVITATIONS_API_URL = sandbox.urls.trustpilotInvitations;
  const { default: app } = await import('../index');
  const runner = new ZapierRunner({ app, rpcUrl: files.rpcUrl });

  console.log('Trustpilot reviews from Salesforce — the workflow, through the real app, against a local sandbox');
  console.log(`  Trustpilot API ${sandbox.urls.trustpilotApi} · Invitations API ${sandbox.urls.trustpilotInvitations} · Salesforce ${sandbox.urls.salesforce}`);
  const started = Date.now();
  let reports: StepReport[] = [];
  try {
    reports = await runWorkflow({ sandbox, files, runner, outputDir: path.resolve('.demo-output') }, print);
  } finally {
    await Promise.all([sandbox.close(), files.close()]);
  }
  const failed = reports.find((r) => r.status === 'failed');
  const ran = reports.filter((r) => r.status === 'ok').length;
  const calls = reports.reduce((n, r) => n + r.wire.length, 0);
  console.log(`\n${ran} steps ran, ${calls} HTTP calls, ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  if (failed) {
    console.error(`The workflow failed at step ${reports.indexOf(failed) + 1} (${failed.title}): ${failed.error}`);
    process.exitCode = 1;
  }
};

main().catch((err) => {
  console.error('The demo could not run:', err);
  process.exitCode = 1;
});
