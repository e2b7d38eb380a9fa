/**
 * 6. A busy stretch in a simulated org, per stage/status trigger: records keep moving between stages and
 * statuses (some enter the chosen one twice), old records are edited, and the Zap polls every 5
 * simulated minutes against the sandbox, which cuts query batches the way Salesforce does. Counted:
 * entries that happened vs emitted, lost, duplicated, old records fired, and Salesforce calls per poll
 * (median, max) beside the naive cost (one query plus one per record).
 *
 * Time is simulated: the sandbox's ManualClock and the app's Date.now() move together, so a day of
 * polling takes minutes, not a day. Scale with BENCH_WEEK_DAYS, BENCH_WEEK_CHANGES (per day, per
 * object) and BENCH_WEEK_RECORDS (per object).
 */
import { ManualClock, type OrgActivity, type Sandbox } from '../sandbox';
import { connectionFields } from '../sandbox/connection-fields';
import { settle, startBench } from './harness';
import { row, type Section } from './report';
import { count, median } from './stats';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const POLL_EVERY = 5 * MINUTE;

type Step = 'opportunity_stage_reached' | 'order_status_reached' | 'case_status_reached';
interface Entry {
  recordId: string;
  at: number;
}
interface Tally {
  expected: Entry[];
  emitted: Map<string, Array<{ id: string; recordId: string; at: number }>>;
  seen: Set<string>;
  calls: number[];
  naive: number[];
  oldFired: number;
}

/** A small deterministic random source, so runs compare. */
const rng = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

const queryCalls = (sandbox: Sandbox) =>
  sandbox.state.journal.filter((w) => w.service === 'salesforce' && w.status === 200 && /^\/services\/data\/v[\d.]+\/(query|composite)/.test(w.path)).length;

export const measureBusyWeek = async (options: { days: number; changesPerDay: number; records: number }): Promise<Section> => {
  const started = Date.now();
  const realNow = Date.now;
  const T0 = Date.UTC(2026, 10, 2, 0, 0, 0);
  const clock = new ManualClock(T0 - 30 * DAY);
  const bench = await startBench({ clock, trustpilotRateLimit: false, salesforceSessionTtlMs: 365 * DAY }, {}, () => clock.set(T0 - 60 * DAY));
  // The app reads Date.now() for its window: it lives in the simulated time too.
  Date.now = () => clock.now();
  const random = rng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

  const steps: Array<{ step: Step; input: Record<string, unknown>; label: string }> = [
    { step: 'opportunity_stage_reached', input: { stage: 'Closed Won' }, label: 'opportunity_stage_reached (Closed Won)' },
    { step: 'order_status_reached', input: { status: 'Activated' }, label: 'order_status_reached (Activated, history detected)' },
    { step: 'case_status_reached', input: { status: 'Closed' }, label: 'case_status_reached (Closed, history detected)' },
  ];
  const tallies = new Map<Step, Tally>(steps.map((s) => [s.step, { expected: [], emitted: new Map(), seen: new Set(), calls: [], naive: [], oldFired: 0 }]));

  try {
    const org: OrgActivity = bench.sandbox.story.activity();
    // Records that exist before the Zap is turned on; a third of each already reached the target 60 days ago.
    const opps: string[] = [];
    const orders: string[] = [];
    const cases: string[] = [];
    const longAgo = T0 - 60 * DAY;
    for (let i = 0; i < options.records; i++) {
      const at = longAgo + i * MINUTE;
      opps.push(org.newOpportunity(at, 'Prospecting'));
      orders.push(org.newOrder(at, 1 + (i % 3)));
      cases.push(org.newCase(at));
      if (i % 3 === 0) {
        org.setStage(opps[i]!, 'Closed Won', at + 1000);
        org.setOrderStatus(orders[i]!, 'Activated', at + 1000);
        org.setCaseStatus(cases[i]!, 'Closed', at + 1000);
      }
    }
    clock.set(T0);
    await bench.runner.connect(connectionFields(bench.sandbox));

    // The Zap is turned on: Zapier seeds its dedupe table with a first poll.
    for (const s of steps) {
      const before = queryCalls(bench.sandbox);
      const items = await bench.runner.run<Array<{ id: string }>>(`triggers.${s.step}`, s.input, { isPopulatingDedupe: true });
      await settle();
      const t = tallies.get(s.step)!;
      for (const item of items) t.seen.add(item.id);
      t.calls.push(queryCalls(bench.sandbox) - before);
    }

    const stages = ['Prospecting', 'Qualification', 'Negotiation/Review', 'Closed Won', 'Closed Lost'];
    const caseStatuses = ['New', 'Working', 'Escalated', 'Closed'];
    const end = T0 + options.days * DAY;
    const perTick = Math.max(1, Math.round((options.changesPerDay * POLL_EVERY) / DAY));
    for (let tick = T0; tick < end; tick += POLL_EVERY) {
      for (let k = 0; k < perTick; k++) {
        const at = tick + Math.floor(((k + random()) * POLL_EVERY) / perTick);
        // Opportunities: stage moves (a tenth of them into Closed Won), amount edits, edits of old records.
        const o = pick(opps);
        const r = random();
        if (r < 0.1) {
          const current = org.field(o, 'StageName');
          if (current !== 'Closed Won') {
            org.setStage(o, 'Closed Won', at);
            tallies.get('opportunity_stage_reached')!.expected.push({ recordId: o, at });
          }
        } else if (r < 0.6) org.setStage(o, pick(stages.filter((s) => s !== 'Closed Won' && s !== org.field(o, 'StageName'))), at);
        else if (r < 0.8) org.setAmount(o, Math.round(random() * 10_000), at);
        else org.edit(o, at);
        // Orders: activations, deactivations (so some are activated twice), edits of old ones.
        const d = pick(orders);
        const activated = org.field(d, 'Status') === 'Activated';
        const q = random();
        if (q < 0.3 && !activated) {
          org.setOrderStatus(d, 'Activated', at);
          tallies.get('order_status_reached')!.expected.push({ recordId: d, at });
        } else if (q < 0.4 && activated) org.setOrderStatus(d, 'Draft', at);
        else org.edit(d, at);
        // Cases: moves between statuses, closing (and reopening) included.
        const c = pick(cases);
        const next = pick(caseStatuses.filter((s) => s !== org.field(c, 'Status')));
        org.setCaseStatus(c, next, at);
        if (next === 'Closed') tallies.get('case_status_reached')!.expected.push({ recordId: c, at });
      }
      clock.set(tick + POLL_EVERY);
      for (const s of steps) {
        const t = tallies.get(s.step)!;
        const before = queryCalls(bench.sandbox);
        const items = await bench.runner.run<Array<{ id: string; record_id: string; entered_at: string }>>(`triggers.${s.step}`, s.input);
        await settle();
        t.calls.push(queryCalls(bench.sandbox) - before);
        t.naive.push(1 + new Set(items.map((i) => i.record_id)).size);
        for (const item of items) {
          if (t.seen.has(item.id)) continue; // Zapier's dedupe
          t.seen.add(item.id);
          const at = Date.parse(item.entered_at);
          if (at < T0) t.oldFired++;
          const key = `${item.record_id}@${at}`;
          const list = t.emitted.get(key) ?? [];
          list.push({ id: item.id, recordId: item.record_id, at });
          t.emitted.set(key, list);
        }
      }
    }
  } finally {
    Date.now = realNow;
    await bench.close();
  }

  const rows = steps.flatMap((s) => {
    const t = tallies.get(s.step)!;
    const expectedKeys = new Set(t.expected.map((e) => `${e.recordId}@${e.at}`));
    const lost = [...expectedKeys].filter((k) => !t.emitted.has(k)).length;
    const duplicated = [...t.emitted.values()].reduce((n, list) => n + list.length - 1, 0);
    const unexpected = [...t.emitted.keys()].filter((k) => !expectedKeys.has(k)).length;
    const emitted = [...t.emitted.values()].reduce((n, list) => n + list.length, 0);
    const polls = t.calls.slice(1);
    const ok = lost === 0 && duplicated === 0 && t.oldFired === 0 && unexpected === 0;
    return [
      row({
        measure: `${s.label}: expected / emitted / lost / duplicated / old fired / not an entry`,
        value: `${count(t.expected.length)} / ${count(emitted)} / ${lost} / ${duplicated} / ${t.oldFired} / ${unexpected}`,
        goal: '0 lost, 0 dup, 0 old',
        verdict: ok ? 'met' : 'not met',
      }),
      row({
        measure: `${s.label}: Salesforce calls per poll (median, max; seeding poll)`,
        value: `${median(polls)}, ${Math.max(...polls)}; seeding ${t.calls[0]}`,
        baseline: `naive median ${median(t.naive)}, max ${count(Math.max(...t.naive))}`,
        goal: '≤ 3',
        verdict: Math.max(...polls) <= 3 ? 'met' : 'not met',
      }),
    ];
  });

  return {
    number: 6,
    title: 'Busy org, polled every 5 minutes',
    rows,
    method: [
      `A simulated org (sandbox with Salesforce's batch semantics: 2,000 records per batch counting child rows, child lists paged at 200, history only for tracked fields) with ${count(options.records)} opportunities, orders and cases created 60 days earlier, a third of each already in the target stage/status then.`,
      `For ${options.days} simulated day(s), ${count(options.changesPerDay)} changes a day per object (${count(3 * options.changesPerDay)} in all): opportunities move between stages (a tenth into Closed Won), get Amount changes and plain edits; orders are activated, deactivated (so some are activated twice) and edited, old activated ones included; cases move between New, Working, Escalated and Closed, reopened and closed again.`,
      'The Zap is turned on at the start (a dedupe-seeding poll), then each trigger is polled every 5 simulated minutes through the real app (ZapierRunner); items whose id was seen before are dropped as Zapier does. An entry is matched by record and time. Calls are the answered Salesforce query requests of each poll (the once-a-day setup check included: it travels with a poll’s first query in one composite request). Naive cost: one query plus one call per record the poll returned.',
      'Scaled down from 10,000 changes a day across 5,000 records for a week (by default a week of 300 changes a day per object over 150 records per object, so the daily setup check and its cache expiry happen several times: about 4 minutes on a 2-core machine); BENCH_WEEK_DAYS, BENCH_WEEK_CHANGES and BENCH_WEEK_RECORDS scale it up.',
    ],
    findings: [],
    seconds: (Date.now() - started) / 1000,
  };
};

