/**
 * 6. What a Zap costs per day: the upstream calls each trigger makes, counted on the sandbox's journal while the
 * app's real code polls (or handles a webhook delivery), turned into calls a day at Zapier's polling intervals and
 * set against the user's allowances: Trustpilot's API module tiers (200k, 1M or unlimited calls a year,
 * https://developers.trustpilot.com/api-module-best-practices) and a Salesforce org's daily API requests
 * (https://developer.salesforce.com/docs/platform/salesforce-app-limits-cheatsheet/guide/salesforce-app-limits-platform-api.html).
 */
import { startHookCatcher } from '../sandbox/zapier-hooks';
import type { StepPath } from '../sandbox/zapier-runner';
import { settle, startBench } from './harness';
import { row, type Row, type Section } from './report';
import { count } from './stats';

/** Zapier's polling intervals, by plan (1 to 15 minutes). */
export const INTERVALS_MIN = [1, 2, 5, 15] as const;
const POLLS_A_DAY = (minutes: number) => (24 * 60) / minutes;
/** The API module's yearly tiers, as calls a day on average. */
const TRUSTPILOT_TIERS = [
  { label: '200k a year', perDay: 200_000 / 365 },
  { label: '1M a year', perDay: 1_000_000 / 365 },
];
/** Salesforce: 100,000 + 1,000 per Enterprise licence a day; the cheat sheet's example org has 15 licences. Developer Edition: 15,000. */
const SALESFORCE_ALLOWANCES = [
  { label: 'Enterprise org, 15 licences', perDay: 115_000 },
  { label: 'Developer Edition', perDay: 15_000 },
];
/** Review volumes a day for the instant triggers: a small shop, a busy one, a large retailer. */
const REVIEWS_A_DAY = [5, 50, 500] as const;

const TRUSTPILOT = new Set(['trustpilotApi', 'trustpilotInvitations']);

interface Polled {
  label: string;
  service: 'Trustpilot' | 'Salesforce';
  perPoll: number;
}

const fmt = (n: number) => count(Math.round(n));

export const measureCost = async (): Promise<Section> => {
  const started = Date.now();
  const bench = await startBench();
  const catcher = await startHookCatcher();
  const polled: Polled[] = [];
  const instant: Array<{ label: string; perReview: number; reviews: number }> = [];
  try {
    const { sandbox, runner } = bench;
    const calls = async (work: () => Promise<unknown>) => {
      await settle();
      const before = sandbox.state.journal.length;
      await work();
      await settle();
      const entries = sandbox.state.journal.slice(before);
      return { trustpilot: entries.filter((e) => TRUSTPILOT.has(e.service)).length, salesforce: entries.filter((e) => e.service === 'salesforce').length };
    };
    const polls: Array<{ label: string; step: StepPath; input: Record<string, unknown>; service: Polled['service'] }> = [
      { label: 'new_service_review', step: 'triggers.new_service_review', input: {}, service: 'Trustpilot' },
      { label: 'new_product_review', step: 'triggers.new_product_review', input: {}, service: 'Trustpilot' },
      { label: 'opportunity_stage_reached', step: 'triggers.opportunity_stage_reached', input: { stage: 'Closed Won' }, service: 'Salesforce' },
      { label: 'order_status_reached', step: 'triggers.order_status_reached', input: { status: 'Activated', history_tracking: 'yes' }, service: 'Salesforce' },
      { label: 'case_status_reached', step: 'triggers.case_status_reached', input: { status: 'Closed', history_tracking: 'yes' }, service: 'Salesforce' },
    ];
    for (const p of polls) {
      if (!runner.has(p.step)) continue;
      await runner.run(p.step, p.input); // the Zap's first poll
      // A poll in steady state: what every further poll costs, new items or not.
      const c = await calls(() => runner.run(p.step, p.input));
      polled.push({ label: p.label, service: p.service, perPoll: p.service === 'Trustpilot' ? c.trustpilot : c.salesforce });
    }

    sandbox.webhooks.subscribe(catcher.url);
    const posted: string[] = [];
    const deliveries: Array<{ label: string; step: StepPath; post: (i: number) => void }> = [
      {
        label: 'new_service_review_instant',
        step: 'triggers.new_service_review_instant',
        post: (i) => void posted.push(sandbox.story.postServiceReview({ stars: 3, title: `Fine ${i}`, text: 'Fine.', consumerName: `Customer ${i}` }).id),
      },
      {
        label: 'updated_service_review_instant',
        step: 'triggers.updated_service_review_instant',
        post: (i) => sandbox.story.updateServiceReview(posted[i]!, { stars: 5, text: 'Better than I thought.' }),
      },
      {
        label: 'deleted_service_review_instant',
        step: 'triggers.deleted_service_review_instant',
        post: (i) => sandbox.story.deleteServiceReview(posted[i]!),
      },
      {
        label: 'new_product_review_instant',
        step: 'triggers.new_product_review_instant',
        post: (i) =>
          sandbox.story.postProductReview({ stars: 5, content: 'Warm.', consumerName: `Customer ${i}`, consumerEmail: `c${i}@example.com`, sku: 'SB-ALP-200', productName: 'Alpine 200 Sleeping Bag' }),
      },
    ];
    const reviews = 5;
    for (const d of deliveries) {
      if (!runner.has(d.step)) continue;
      for (let i = 0; i < reviews; i++) d.post(i);
      await sandbox.webhooks.deliver();
      const request = catcher.received[catcher.received.length - 1]!;
      const c = await calls(() => runner.hook(d.step as `triggers.${string}`, request));
      instant.push({ label: d.label, perReview: c.trustpilot / reviews, reviews });
    }
  } finally {
    await catcher.close();
    await bench.close();
  }

  const rows: Row[] = [];
  const findings: string[] = [];
  for (const p of polled) {
    const perDay = INTERVALS_MIN.map((m) => p.perPoll * POLLS_A_DAY(m));
    const allowances = p.service === 'Trustpilot' ? TRUSTPILOT_TIERS : SALESFORCE_ALLOWANCES;
    const baseline = allowances.map((a) => `${a.label}: ${fmt(a.perDay)}/day`).join('; ');
    rows.push(
      row({
        measure: `${p.service} calls a day at 1 / 2 / 5 / 15 min: ${p.label}`,
        value: perDay.map(fmt).join(' / '),
        baseline,
        ratio: `${((perDay[1]! / allowances[0]!.perDay) * 100).toFixed(perDay[1]! / allowances[0]!.perDay < 0.1 ? 2 : 0)}% of ${allowances[0]!.label} at 2 min`,
      }),
    );
    findings.push(
      `\`${p.label}\`: ${p.perPoll} ${p.service} call${p.perPoll === 1 ? '' : 's'} per poll, new items or not; polling every 2 minutes uses about ${fmt(perDay[1]!)} calls a day` +
        (p.service === 'Trustpilot'
          ? `, ${perDay[1]! > TRUSTPILOT_TIERS[0]!.perDay ? 'more than' : 'within'} what the 200k-a-year tier allows on average (${fmt(TRUSTPILOT_TIERS[0]!.perDay)}); every 15 minutes, ${fmt(perDay[3]!)}.`
          : `, ${((perDay[1]! / SALESFORCE_ALLOWANCES[1]!.perDay) * 100).toFixed(1)}% of a Developer Edition's 15,000 and ${((perDay[1]! / SALESFORCE_ALLOWANCES[0]!.perDay) * 100).toFixed(1)}% of a 15-licence Enterprise org's 115,000.`),
    );
  }
  for (const i of instant) {
    rows.push(
      row({
        measure: `Trustpilot calls a day at ${REVIEWS_A_DAY.join(' / ')} reviews a day: ${i.label}`,
        value: REVIEWS_A_DAY.map((n) => fmt(n * i.perReview)).join(' / '),
        baseline: TRUSTPILOT_TIERS.map((a) => `${a.label}: ${fmt(a.perDay)}/day`).join('; '),
        ratio: `${i.perReview.toFixed(2)} per review`,
      }),
    );
    findings.push(
      `\`${i.label}\`: ${i.perReview.toFixed(2)} Trustpilot calls per review event delivered (measured on a delivery of ${i.reviews}), none while nothing happens: ` +
        `${REVIEWS_A_DAY.map((n) => `${fmt(n * i.perReview)} calls a day at ${n} reviews`).join(', ')}.`,
    );
  }
  return {
    number: 7,
    title: 'What a Zap costs per day',
    rows,
    method: [
      'Each polling trigger polls twice through the real app against the seeded sandbox; the second poll, what every further poll costs, is counted on the sandbox journal (Trustpilot calls for the review triggers, Salesforce calls for the stage and status triggers). Calls a day = calls per poll × polls a day at Zapier’s intervals of 1, 2, 5 and 15 minutes (the interval depends on the Zapier plan).',
      `Instant triggers: ${REVIEWS_A_DAY.length} review volumes a day (${REVIEWS_A_DAY.join(', ')}); calls per review measured by delivering one webhook with several new reviews to the hook trigger and counting its Trustpilot calls.`,
      'Allowances: the Trustpilot API module allows 200k, 1M or unlimited calls a year (https://developers.trustpilot.com/api-module-best-practices), shown as a daily average; Invitations API calls count against the invitation allowance, not these. A Salesforce org gets 100,000 API requests a day plus 1,000 per Enterprise licence (an Enterprise org with 15 licences: 115,000); a Developer Edition gets 15,000 (https://developer.salesforce.com/docs/platform/salesforce-app-limits-cheatsheet/guide/salesforce-app-limits-platform-api.html). Every Zap that polls counts: two Zaps on the same trigger cost twice.',
    ],
    findings,
    seconds: (Date.now() - started) / 1000,
  };
};
