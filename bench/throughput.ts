/**
 * 3. Invitation throughput against Trustpilot's rate limit, scaled down in proportion: the sandbox
 * enforces `limit` calls per `windowMs` with the same rate as the real 833 per 5 minutes, and Zapier's
 * wait after a ThrottledError is scaled by the same factor. Two workloads, each on a fresh sandbox:
 *   - "Send Review Invitations (Batch)" over consecutive steps, each fed the previous step's
 *     Not Reached CSV, as a user's Zap chains them;
 *   - concurrent "Send Review Invitation" runs, all started at once, as Zapier starts one Zap run per
 *     record of a bulk import.
 * Sustained rate: invitations Trustpilot accepted after the first window, per second, as a fraction of
 * the ceiling (the first window is excluded because an empty window lets a full window's worth through
 * at once, which no client can sustain).
 */
import type { RecordedInvitation, Sandbox } from '../sandbox';
import type { StepPath } from '../sandbox/zapier-runner';
import { settle, startBench, type Bench } from './harness';
import { row, type Row, type Section } from './report';
import { count } from './stats';

/** Trustpilot's documented ceiling (reference §4). */
const REAL_LIMIT = 833;
const REAL_WINDOW_MS = 300_000;
const GOAL = 0.95;

export interface ThroughputOptions {
  /** Calls allowed per scaled window; the window is chosen so the rate stays 833 per 300 s. */
  limit: number;
  batchRows: number;
  singles: number;
}

interface Outcome {
  label: string;
  requested: number;
  accepted: number;
  lost: number;
  duplicated: number;
  throttled: number;
  failures: string[];
  elapsedMs: number;
  sustained: number | undefined;
  wholeRun: number;
  steps?: number;
  extra: string[];
}

const BATCH: StepPath = 'creates.send_invitations_batch';
const SINGLE: StepPath = 'creates.send_invitation';
const TRUSTPILOT_SERVICES = new Set(['trustpilotApi', 'trustpilotInvitations']);

const referenceOf = (inv: RecordedInvitation): string => String((inv.body as { referenceNumber?: unknown }).referenceNumber ?? '');

/** Accepted, lost, duplicated and the two rates, from what the sandbox recorded. */
const tally = (sandbox: Sandbox, references: readonly string[], startedAt: number, windowMs: number, ceilingPerS: number) => {
  const invitations = sandbox.state.invitations;
  const seen = new Map<string, number>();
  for (const inv of invitations) seen.set(referenceOf(inv), (seen.get(referenceOf(inv)) ?? 0) + 1);
  const times = invitations.map((inv) => Date.parse(inv.receivedAt)).sort((a, b) => a - b);
  const last = times[times.length - 1] ?? startedAt;
  const steadyFrom = startedAt + windowMs;
  const steady = times.filter((t) => t > steadyFrom).length;
  const steadySpan = (last - steadyFrom) / 1000;
  return {
    accepted: invitations.length,
    lost: references.filter((r) => !seen.has(r)).length,
    duplicated: [...seen.values()].reduce((n, c) => n + Math.max(0, c - 1), 0),
    throttled: sandbox.state.journal.filter((e) => TRUSTPILOT_SERVICES.has(e.service) && e.status === 429).length,
    // Less than half a window of steady state says nothing about a sustained rate.
    sustained: steadySpan >= windowMs / 2000 ? steady / steadySpan / ceilingPerS : undefined,
    wholeRun: invitations.length / ((last - startedAt) / 1000) / ceilingPerS,
  };
};

const csvOf = (references: readonly string[]): string =>
  ['consumer_email,consumer_name,reference_number', ...references.map((r, i) => `customer+${i}@customer.example,Customer ${i},${r}`)].join('\n');

type BatchOutput = { complete?: boolean; not_reached_csv?: string; sent_count?: number; stopped_reason?: string; outcome_unknown_count?: number };

const runBatches = async (bench: Bench, rows: number, windowMs: number, ceilingPerS: number): Promise<Outcome> => {
  const tag = Date.now().toString(36);
  const references = Array.from({ length: rows }, (_, i) => `BATCH-${tag}-${i}`);
  let csv = csvOf(references);
  const steps: string[] = [];
  const failures: string[] = [];
  const startedAt = Date.now();
  for (let step = 1; step <= 12; step++) {
    const t0 = Date.now();
    let out: BatchOutput;
    try {
      out = await bench.runner.run<BatchOutput>(BATCH, { csv_text: csv });
    } catch (err) {
      failures.push(`step ${step}: ${(err as Error).message.slice(0, 200)}`);
      break;
    }
    steps.push(
      `step ${step}: ${out.sent_count ?? 0} sent in ${((Date.now() - t0) / 1000).toFixed(1)} s` +
        (out.complete ? '' : ` (stopped: ${out.stopped_reason ?? '?'})`) +
        (out.outcome_unknown_count ? `, ${out.outcome_unknown_count} outcome unknown` : ''),
    );
    if (out.complete || !out.not_reached_csv) break;
    csv = out.not_reached_csv;
  }
  const elapsedMs = Date.now() - startedAt;
  await settle();
  return {
    label: 'send_invitations_batch',
    requested: rows,
    ...tally(bench.sandbox, references, startedAt, windowMs, ceilingPerS),
    failures,
    elapsedMs,
    steps: steps.length,
    extra: steps,
  };
};

const runSingles = async (bench: Bench, runs: number, windowMs: number, ceilingPerS: number): Promise<Outcome> => {
  const tag = Date.now().toString(36);
  const references = Array.from({ length: runs }, (_, i) => `SINGLE-${tag}-${i}`);
  const failures: string[] = [];
  const startedAt = Date.now();
  await Promise.all(
    references.map((reference, i) =>
      bench.runner
        .run(SINGLE, { consumer_email: `customer+${i}@customer.example`, consumer_name: `Customer ${i}`, reference_number: reference })
        .catch((err: Error) => void failures.push(`${reference}: ${err.message.slice(0, 200)}`)),
    ),
  );
  const elapsedMs = Date.now() - startedAt;
  await settle();
  return {
    label: 'send_invitation × concurrent',
    requested: runs,
    ...tally(bench.sandbox, references, startedAt, windowMs, ceilingPerS),
    failures,
    elapsedMs,
    extra: [`Zapier-style retries after ThrottledError: ${bench.runner.stats.throttled}`],
  };
};

const rowsFor = (o: Outcome): Row[] => {
  const ok = (o.sustained ?? 0) >= GOAL;
  return [
    row({
      measure: `Sustained rate: ${o.label}`,
      value: o.sustained === undefined ? 'run too short' : `${o.sustained.toFixed(3)} of ceiling`,
      baseline: 'ceiling 833/300 s',
      ratio: o.sustained === undefined ? '' : `${o.sustained.toFixed(2)}×`,
      goal: `≥ ${GOAL}`,
      verdict: ok ? 'met' : 'not met',
    }),
    row({ measure: `429s received: ${o.label}`, value: count(o.throttled) }),
    row({ measure: `Lost: ${o.label}`, value: `${count(o.lost)} of ${count(o.requested)}`, goal: '0', verdict: o.lost === 0 ? 'met' : 'not met' }),
    row({ measure: `Duplicated: ${o.label}`, value: count(o.duplicated), goal: '0', verdict: o.duplicated === 0 ? 'met' : 'not met' }),
  ];
};

export const measureThroughput = async ({ limit, batchRows, singles }: ThroughputOptions): Promise<Section> => {
  const started = Date.now();
  // The same rate as 833 per 300 s: the window shrinks with the limit.
  const windowMs = Math.round((limit * REAL_WINDOW_MS) / REAL_LIMIT);
  const scale = windowMs / REAL_WINDOW_MS;
  const ceilingPerS = limit / (windowMs / 1000);
  const outcomes: Outcome[] = [];
  const rows: Row[] = [];
  const missing: string[] = [];

  for (const [step, run] of [
    [BATCH, (b: Bench) => runBatches(b, batchRows, windowMs, ceilingPerS)],
    [SINGLE, (b: Bench) => runSingles(b, singles, windowMs, ceilingPerS)],
  ] as const) {
    const bench = await startBench({ trustpilotRateLimit: { limit, windowMs } }, { throttleDelayScale: scale, maxThrottleRetries: 50 });
    try {
      if (!bench.runner.has(step)) {
        missing.push(step.split('.')[1]!);
        rows.push(row({ measure: `Throughput: ${step.split('.')[1]}`, value: 'not landed', verdict: 'not landed' }));
        continue;
      }
      const outcome = await run(bench);
      outcomes.push(outcome);
      rows.push(...rowsFor(outcome));
    } finally {
      await bench.close();
    }
  }

  const findings = outcomes.map(
    (o) =>
      `\`${o.label}\`: ${count(o.accepted)} of ${count(o.requested)} accepted in ${(o.elapsedMs / 1000).toFixed(1)} s` +
      (o.steps ? ` over ${o.steps} consecutive steps` : '') +
      `; whole-run rate ${o.wholeRun.toFixed(3)} of the ceiling (first window included); ${count(o.throttled)} 429s.` +
      (o.extra.length ? ` ${o.extra.join('; ')}.` : '') +
      (o.failures.length ? ` Failed: ${o.failures.slice(0, 3).join(' | ')}${o.failures.length > 3 ? ` (+${o.failures.length - 3} more)` : ''}.` : ''),
  );
  if (missing.length) findings.push(`Not landed on this branch, so not measured: ${missing.join(', ')}.`);

  return {
    number: 3,
    title: 'Invitation throughput',
    rows,
    method: [
      `Trustpilot’s ceiling, 833 calls per 300 s, scaled to ${limit} calls per ${(windowMs / 1000).toFixed(3)} s: the same rate (${ceilingPerS.toFixed(3)} calls/s), in a window ${(1 / scale).toFixed(1)}× shorter, so that a run covers several windows within the bench’s time budget. Time itself is not scaled: the batch paces itself on the real clock, with its real constants.`,
      'The scaled window is stricter than the real one about bursts (it holds ' +
        `${limit} calls instead of 833), so a client that bursts meets more 429s here than in production; the sustained rate is unaffected.`,
      `Zapier’s wait after a ThrottledError (ZapierRunner) is scaled by the same factor (${scale.toFixed(4)}); the sandbox sends no Retry-After, as Trustpilot documents none.`,
      `Batch: ${batchRows} rows as CSV Text; each following step gets the previous step’s Not Reached CSV, until one reports Complete (a step stops starting sends after 22 s of Zapier’s 30 s budget). Concurrent singles: ${singles} “Send Review Invitation” runs started at once on one account, each retried as Zapier does after a ThrottledError.`,
      'Sustained rate: invitations the sandbox accepted after the first window ÷ seconds from the end of the first window to the last acceptance, over the ceiling. 429s: Trustpilot responses with status 429 in the journal. Lost: requested reference numbers with no accepted invitation; duplicated: extra invitations for the same reference (sandbox.state.invitations).',
      'Each workload runs on a fresh sandbox, so neither inherits the other’s window.',
    ],
    findings,
    seconds: (Date.now() - started) / 1000,
  };
};
