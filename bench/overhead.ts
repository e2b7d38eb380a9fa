/**
 * 4. Per-step overhead: the app's own time in an action (the step's wall time through Zapier's handler
 * minus the sandbox's handling time for that step's requests), median and p95, against a no-op action
 * run through the same handler in the same process: what any app pays for core's invocation.
 */
import { randomBytes } from 'node:crypto';

import { version as platformVersion } from 'zapier-platform-core';

import { SEED } from '../sandbox';
import { ZapierRunner, type StepPath } from '../sandbox/zapier-runner';
import { TICK_MS } from '../src/trustpilot/rate-budget';
import { settle, startBench } from './harness';
import { row, type Section } from './report';
import { median, ms, percentile, ratio, sum } from './stats';

interface Action {
  step: StepPath;
  input: (i: number) => Record<string, unknown>;
  /** 'QR': the action draws a QR code, timed on its own beside it. */
  note?: 'QR';
}

const RUN_TAG = Date.now().toString(36);

const ACTIONS: Action[] = [
  {
    step: 'creates.send_invitation',
    // A new reference each run, so the replay guard lets every run send.
    input: (i) => ({ consumer_email: `overhead+${i}@customer.example`, consumer_name: 'Alex Morgan', reference_number: `BENCH-${RUN_TAG}-${i}` }),
  },
  {
    step: 'creates.generate_invitation_link',
    input: (i) => ({ consumer_email: `overhead+${i}@customer.example`, consumer_name: 'Alex Morgan', reference_number: `BENCH-LINK-${RUN_TAG}-${i}` }),
    note: 'QR',
  },
  {
    step: 'creates.reply_to_review',
    input: (i) => ({ review_id: SEED.trustpilot.reviews.orderDelighted, message: `Thank you for the review! (reply ${i})` }),
  },
  {
    step: 'creates.log_review_in_salesforce',
    // A new review id each run, so each run creates its Task rather than finding the previous one.
    input: (i) => ({
      review_id: randomBytes(12).toString('hex'),
      reference_id: SEED.salesforce.opportunities.closedWon.id,
      stars: 5,
      title: `Great tents ${i}`,
      text: 'Quick delivery and friendly help with sizing.',
    }),
  },
];

/** The floor: an action that does nothing, through the same handler. */
const noopApp: { authentication?: unknown; [key: string]: unknown } = {
  version: '0.0.0',
  platformVersion,
  creates: {
    noop: {
      key: 'noop',
      noun: 'Nothing',
      display: { label: 'Do Nothing', description: 'Does nothing, to time the platform’s own handling of a step.' },
      operation: { perform: async () => ({ id: 'noop' }), sample: { id: 'noop' } },
    },
  },
};

interface Timing {
  total: number;
  /** The sandbox's and the file-stash stand-in's handling time. */
  upstream: number;
  own: number;
  calls: number;
  stashCalls: number;
}

export interface OverheadOptions {
  runs: number;
  warmup: number;
}

export const measureOverhead = async ({ runs, warmup }: OverheadOptions): Promise<Section> => {
  const started = Date.now();
  const bench = await startBench({ trustpilotRateLimit: false });
  const noop = new ZapierRunner({ app: noopApp });
  const timings = new Map<string, Timing[]>();
  const skipped: string[] = [];
  try {
    const time = async (runner: ZapierRunner, step: StepPath, input: Record<string, unknown>): Promise<Timing> => {
      // Runs one tick of the Trustpilot rate budget apart, so no run waits for its turn: that wait is pacing
      // (section 3), not the app's own time.
      await new Promise((resolve) => setTimeout(resolve, TICK_MS));
      await settle();
      const seen = bench.sandbox.state.journal.length;
      const seenFiles = bench.files.journal.length;
      const t0 = performance.now();
      await runner.run(step, input);
      const total = performance.now() - t0;
      await settle();
      const wire = bench.sandbox.state.journal.slice(seen);
      const stash = bench.files.journal.slice(seenFiles);
      const upstream = sum(wire.map((e) => e.ms)) + sum(stash.map((e) => e.ms));
      return { total, upstream, own: total - upstream, calls: wire.length, stashCalls: stash.length };
    };
    const cases: Array<[string, ZapierRunner, Action]> = [['noop (floor)', noop, { step: 'creates.noop', input: () => ({}) }]];
    for (const action of ACTIONS) {
      if (bench.runner.has(action.step)) cases.push([action.step.split('.')[1]!, bench.runner, action]);
      else skipped.push(action.step.split('.')[1]!);
    }
    // Interleave the actions run by run, so a change in the machine's load touches all of them alike.
    for (let i = 0; i < warmup + runs; i++) {
      for (const [label, runner, action] of cases) {
        const t = await time(runner, action.step, action.input(i));
        if (i >= warmup) timings.set(label, [...(timings.get(label) ?? []), t]);
      }
    }
  } finally {
    await bench.close();
  }

  // What drawing the QR code costs by itself, for the link action's figure.
  const { qrCodePng } = await import('../src/sharing/sharing');
  const qr: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    await qrCodePng(`https://www.trustpilot.com/evaluate-link/${randomBytes(16).toString('hex')}`);
    if (i >= 3) qr.push(performance.now() - t0);
  }

  const floor = median(timings.get('noop (floor)')!.map((t) => t.own));
  const rows = [...timings.entries()].map(([label, list]) => {
    const own = list.map((t) => t.own);
    return row({
      measure: `Own time per step: ${label}`,
      value: `median ${ms(median(own), 1)}, p95 ${ms(percentile(own, 95), 1)}`,
      baseline: label.startsWith('noop') ? '' : `noop ${ms(floor, 1)}`,
      ratio: label.startsWith('noop') ? '' : ratio(median(own), floor),
    });
  });
  for (const label of skipped) rows.push(row({ measure: `Own time per step: ${label}`, value: 'missing', verdict: 'missing' }));

  const detail = [...timings.entries()]
    .filter(([label]) => !label.startsWith('noop'))
    .map(([label, list]) => {
      const note = ACTIONS.find((a) => a.step.endsWith(`.${label}`))?.note === 'QR' ? `drawing the QR code PNG alone takes ${ms(median(qr), 1)} (median, same process)` : undefined;
      const stash = list[0]!.stashCalls ? ` plus ${list[0]!.stashCalls} to Zapier’s file stash (stand-in)` : '';
      return `\`${label}\`: ${list[0]!.calls} upstream call(s) per run${stash}; whole step median ${ms(median(list.map((t) => t.total)), 1)}, of which upstream handling ${ms(median(list.map((t) => t.upstream)), 1)}${note ? `; ${note}` : ''}.`;
    });

  return {
    number: 4,
    title: 'Per-step overhead',
    rows,
    method: [
      `${runs} timed runs of each action after ${warmup} untimed warm-up runs (the warm-ups load each perform’s lazily imported modules, a one-off cost per Lambda container), interleaved action by action, through ZapierRunner and core’s Lambda handler against the sandbox, one run at a time.`,
      'Own time = the step’s wall time (`performance.now()` around `runner.run`) minus the handling times of that step’s requests, as the sandbox’s journal records them (`ms`: request arrival to the response’s last byte), and likewise for the file-stash stand-in (z.stashFile’s RPC and upload). What is left is the app, core’s handler and the HTTP client.',
      'Baseline: a no-op action (returns `{id}`) in a minimal app, through the same handler in the same process: the platform’s own cost of a step, which no app can go below.',
      'No goal is set for this figure: it is tracked from run to run.',
    ],
    findings: [
      ...detail,
      ...(skipped.length ? [`Not landed on this branch, so not measured: ${skipped.join(', ')}.`] : []),
    ],
    seconds: (Date.now() - started) / 1000,
  };
};
