/**
 * 3. Invitation throughput against Trustpilot's rate limit, scaled down in proportion: the sandbox
 * enforces `limit` calls per `windowMs` with the same rate as the real 833 per 5 minutes, and Zapier's
 * wait after a ThrottledError is scaled by the same factor. Two workloads, each on a fresh sandbox:
 *   - "Send Review Invitations (Batch)" over consecutive steps, each fed the previous step's
 *     Not Reached CSV, as a user's Zap chains them;
 *   - concurrent "Send Review Invitation" runs, all started at once, as Zapier starts one Zap run per
 *     record of a bulk import.
 * Sustained rate: invitations accepted in the whole windows the run spans, as a fraction of what the
 * ceiling allows in them (see tally).
 */
import type { RecordedInvitation, Sandbox } from '../sandbox';
import type { StepPath } from '../sandbox/zapier-runner';
import { settle, startBench, type Bench } from './harness';
import { row, type Row, type Section } from './report';
import { count } from './stats';

/** Trustpilot's documented ceiling (docs/upstream-facts.md, "Trustpilot: errors and limits"). */
const REAL_LIMIT = 833;
const REAL_WINDOW_MS = 300_000;
const GOAL = 0.95;
/** At most this share of Trustpilot calls may meet a 429. */
const REFUSED_GOAL = 0.05;

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
  /** Trustpilot calls in the journal during the run, refused ones included. */
  calls: number;
  failures: string[];
  elapsedMs: number;
  sustained: number | undefined;
  windows: number;
  wholeRun: number;
  steps?: number;
  sentPerStep?: number[];
  extra: string[];
}

const BATCH: StepPath = 'creates.send_invitations_batch';
const SINGLE: StepPath = 'creates.send_invitation';
const TRUSTPILOT_SERVICES = new Set(['trustpilotApi', 'trustpilotInvitations']);

const referenceOf = (inv: RecordedInvitation): string => String((inv.body as { referenceNumber?: unknown }).referenceNumber ?? '');

/**
 * Accepted, lost, duplicated and the rates, from what the sandbox recorded.
 * Sustained: invitations accepted in the whole windows since the run started (the last, partial window
 * left out), over what the limit allows in them. A sliding window admits at most `limit` calls in any
 * window, so whole windows are the fair unit: a rate over 1.3 windows could exceed the ceiling.
 */
const tally = (sandbox: Sandbox, references: readonly string[], startedAt: number, windowMs: number, limit: number) => {
  const invitations = sandbox.state.invitations;
  const seen = new Map<string, number>();
  for (const inv of invitations) seen.set(referenceOf(inv), (seen.get(referenceOf(inv)) ?? 0) + 1);
  const times = invitations.map((inv) => Date.parse(inv.receivedAt)).sort((a, b) => a - b);
  const last = times[times.length - 1] ?? startedAt;
  const windows = Math.floor((last - startedAt) / windowMs);
  const inWindows = times.filter((t) => t < startedAt + windows * windowMs).length;
  return {
    accepted: invitations.length,
    lost: references.filter((r) => !seen.has(r)).length,
    duplicated: [...seen.values()].reduce((n, c) => n + Math.max(0, c - 1), 0),
    throttled: sandbox.state.journal.filter((e) => TRUSTPILOT_SERVICES.has(e.service) && e.status === 429).length,
    calls: sandbox.state.journal.filter((e) => TRUSTPILOT_SERVICES.has(e.service)).length,
    windows,
    sustained: windows > 0 ? inWindows / (windows * limit) : undefined,
    wholeRun: invitations.length / ((last - startedAt) / windowMs) / limit,
  };
};

const csvOf = (references: readonly string[]): string =>
  ['consumer_email,consumer_name,reference_number', ...references.map((r, i) => `customer+${i}@customer.example,Customer ${i},${r}`)].join('\n');

type BatchOutput = { complete?: boolean; not_reached_csv?: string; sent_count?: number; stopped_reason?: string; outcome_unknown_count?: number };

const runBatches = async (bench: Bench, rows: number, windowMs: number, limit: number): Promise<Outcome> => {
  const tag = Date.now().toString(36);
  const references = Array.from({ length: rows }, (_, i) => `BATCH-${tag}-${i}`);
  let csv = csvOf(references);
  const steps: string[] = [];
  const sentPerStep: number[] = [];
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
    sentPerStep.push(out.sent_count ?? 0);
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
    ...tally(bench.sandbox, references, startedAt, windowMs, limit),
    failures,
    elapsedMs,
    steps: steps.length,
    sentPerStep,
    extra: steps,
  };
};

const runSingles = async (bench: Bench, runs: number, windowMs: number, limit: number): Promise<Outcome> => {
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
    ...tally(bench.sandbox, references, startedAt, windowMs, limit),
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
    row({
      measure: `429s received: ${o.label}`,
      value: `${count(o.throttled)} of ${count(o.calls)} calls (${((o.throttled / Math.max(1, o.calls)) * 100).toFixed(1)}%)`,
      goal: `≤ ${REFUSED_GOAL * 100}%`,
      verdict: o.throttled / Math.max(1, o.calls) <= REFUSED_GOAL ? 'met' : 'not met',
    }),
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
    [BATCH, (b: Bench) => runBatches(b, batchRows, windowMs, limit)],
    [SINGLE, (b: Bench) => runSingles(b, singles, windowMs, limit)],
  ] as const) {
    const bench = await startBench({ trustpilotRateLimit: { limit, windowMs } }, { throttleDelayScale: scale, maxThrottleRetries: 50 });
    try {
      if (!bench.runner.has(step)) {
        missing.push(step.split('.')[1]!);
        rows.push(row({ measure: `Throughput: ${step.split('.')[1]}`, value: 'missing', verdict: 'missing' }));
        continue;
      }
      const outcome = await run(bench);
      outcomes.push(outcome);
      rows.push(...rowsFor(outcome));
    } finally {
      await bench.close();
    }
  }

  // Zapier bills each successful action run as a task: a single send is one per invitation, a batch step one per step.
  const batch = outcomes.find((o) => o.label === 'send_invitations_batch');
  const perStep = batch?.sentPerStep && batch.sentPerStep.length > 1 ? Math.max(...batch.sentPerStep) : undefined;
  rows.push(
    row({
      measure: 'Zapier tasks per 1,000 invitations: single sends vs batch',
      value: perStep ? `1,000 vs ${count(Math.ceil(1000 / perStep))}` : '1,000 vs not measured',
      baseline: perStep ? `a batch step sent up to ${perStep} in 22 s` : '',
      ratio: perStep ? `${(1000 / Math.ceil(1000 / perStep)).toFixed(0)}× fewer` : '',
    }),
  );

  const findings = outcomes.map(
    (o) =>
      `\`${o.label}\`: ${count(o.accepted)} of ${count(o.requested)} accepted in ${(o.elapsedMs / 1000).toFixed(1)} s` +
      (o.steps ? ` over ${o.steps} consecutive steps` : '') +
      `; sustained over ${o.windows} whole window(s); rate over the whole run, partial last window included, ${o.wholeRun.toFixed(3)} of the ceiling; ${count(o.throttled)} 429s.` +
      (o.extra.length ? ` ${o.extra.join('; ')}.` : '') +
      (o.failures.length ? ` Failed: ${o.failures.slice(0, 3).join(' | ')}${o.failures.length > 3 ? ` (+${o.failures.length - 3} more)` : ''}.` : ''),
  );
  findings.push(
    'Every Trustpilot call of an account takes its turn in one rate budget shared through z.cache (src/trustpilot/rate-budget.ts): one call per tick of 1/2.7 s, each tick claimed with set-if-absent, so concurrent runs in different Lambdas pace each other. The sandbox’s z.cache stand-in honours set-if-absent and TTLs, as Zapier’s does. A run that finds no free tick within 8 s is sent back with ThrottledError and the delay until the claimed ticks run out, without calling Trustpilot; the batch waits for its ticks up to its own 22-second cut-off.',
    'Without the shared budget (each run pacing only itself), 180 concurrent single sends met 504 429s in this measurement: every one a step Zapier runs again later. No burst either: a burst at the start of each batch step added up to ~880 calls per 5 minutes over chained steps.',
  );
  if (missing.length) findings.push(`Not landed on this branch, so not measured: ${missing.join(', ')}.`);

  return {
    number: 3,
    title: 'Invitation throughput',
    rows,
    method: [
      `Trustpilot’s ceiling, 833 calls per 300 s, scaled to ${limit} calls per ${(windowMs / 1000).toFixed(3)} s: the same rate (${ceilingPerS.toFixed(3)} calls/s), in a window ${(1 / scale).toFixed(1)}× shorter, so that a run covers several windows within the bench’s time budget. Time itself is not scaled: the batch paces itself on the real clock, with its real constants.`,
      `What that models: the batch’s 22-second steps and its pace are real, the window is ${(1 / scale).toFixed(0)}× shorter, so a chain of batch steps spanning a few scaled windows behaves as a long import (thousands of invitations, chained for ${(1 / scale).toFixed(0)}× as long) would against the real window; an import of a few hundred never fills the real window at all. The scaled window is also stricter about bursts (it holds ${limit} calls, not 833), so a client that bursts meets 429s here sooner than in production.`,
      `Zapier’s wait after a ThrottledError that followed a 429 (ZapierRunner) is scaled by the same factor (${scale.toFixed(4)}); the sandbox sends no Retry-After, as Trustpilot documents none. A wait the app’s rate budget asks for is not scaled: the budget paces on the real clock.`,
      'Zapier tasks: each successful action run is one task; throttled attempts that Zapier reschedules are not. 1,000 invitations through single sends are 1,000 runs; through the batch, ⌈1,000 ÷ the most invitations one measured batch step sent⌉ steps.',
      `Batch: ${batchRows} rows as CSV Text; each following step gets the previous step’s Not Reached CSV, until one reports Complete (a step stops starting sends after 22 s of Zapier’s 30 s budget). Concurrent singles: ${singles} “Send Review Invitation” runs started at once on one account, each retried as Zapier does after a ThrottledError.`,
      'Sustained rate: invitations the sandbox accepted in the whole windows from the start of the run (the last, partial window left out), divided by what the ceiling allows in those windows (limit × windows). Whole windows, because a sliding-window limit admits up to `limit` calls in any window: a rate taken over, say, 1.3 windows can exceed the ceiling for any client. 429s: Trustpilot responses with status 429 in the journal. Lost: requested reference numbers with no accepted invitation; duplicated: extra invitations for the same reference (sandbox.state.invitations).',
      'Each workload runs on a fresh sandbox, so neither inherits the other’s window.',
    ],
    findings,
    seconds: (Date.now() - started) / 1000,
  };
};
