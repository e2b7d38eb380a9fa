/**
 * The review workflow a customer builds, played step by step through the real app against the sandbox.
 * `npm start` prints it; the end-to-end test asserts on it. Each step reports what went over the wire.
 * A step stops the run when it fails, or when the app lacks an operation it needs.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { connectionFields } from './connection-fields';
import type { Sandbox, WireEntry } from '.';
import { SALESFORCE } from './seed/facts';
import type { ZapierFiles } from './zapier-files';
import type { StepPath, ZapierRunner } from './zapier-runner';

export interface WorkflowContext {
  sandbox: Sandbox;
  files: ZapierFiles;
  runner: ZapierRunner;
  /** Where files the workflow produces (the QR code) are written. */
  outputDir: string;
}

export interface StepReport {
  title: string;
  status: 'ok' | 'failed';
  wire: WireEntry[];
  lines: string[];
  error?: string;
  ms: number;
}

type Row = Record<string, unknown>;

/** What earlier steps hand to later ones, pre-filled from the seed. */
interface Facts {
  opportunity: Row;
  review?: Row;
}

interface Step {
  title: string;
  /** The app operations the step runs; the step fails, naming them, if the app lacks any. */
  needs: StepPath[];
  run(ctx: WorkflowContext, facts: Facts): Promise<string[]>;
}

const text = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));
const last = <T>(list: readonly T[]): T | undefined => list[list.length - 1];
const closingOpportunity = SALESFORCE.opportunities.negotiation;
const priya = SALESFORCE.contacts.priya;

const steps: Step[] = [
  {
    title: 'Connect: Trustpilot API, Salesforce and Business Generated Link keys',
    needs: [],
    async run({ sandbox, runner }) {
      await runner.connect(connectionFields(sandbox));
      const test = await runner.testConnection();
      return [`connection “${await runner.connectionLabel()}”`, `test: ${JSON.stringify(test)}`];
    },
  },
  {
    title: 'An Opportunity reaches Closed Won → “Opportunity Reached Stage” emits it with its primary contact and SKUs',
    needs: ['triggers.opportunity_stage_reached'],
    async run({ sandbox, runner }, facts) {
      const { historyId } = sandbox.story.moveOpportunityToStage(closingOpportunity.id, 'Closed Won');
      const rows = await runner.run<Row[]>('triggers.opportunity_stage_reached', { stage: 'Closed Won' });
      const row = rows.find((r) => r.id === historyId);
      if (!row) throw new Error(`the trigger did not emit the new stage entry ${historyId} (it emitted ${rows.length} rows)`);
      facts.opportunity = row;
      return [
        `${rows.length} stage entries, newest first; the new one: ${text(row.name)} (${text(row.record_id)})`,
        `recipient ${text(row.recipient_name)} <${text(row.recipient_email)}> as ${text(row.recipient_role)}`,
        `product_skus ${text(row.product_skus)} · tags ${text(row.tags) || '—'} · reference ${text(row.reference_number)}`,
      ];
    },
  },
  {
    title: '“Send Review Invitation” schedules it 7 days out (service + product review)',
    needs: ['creates.send_invitation'],
    async run({ sandbox, runner }, { opportunity }) {
      const out = await runner.run<Row>('creates.send_invitation', {
        consumer_email: opportunity.recipient_email,
        consumer_name: opportunity.recipient_name,
        reference_number: opportunity.reference_number,
        product_skus: opportunity.product_skus,
        tags: opportunity.tags,
        delay_days: 7,
      });
      const sent = last(sandbox.state.invitations);
      if (!sent) throw new Error('the sandbox received no invitation');
      const body = sent.body as { serviceReviewInvitation?: { preferredSendTime?: string }; productReviewInvitation?: { productSkus?: string[] } };
      return [
        `scheduled for ${text(body.serviceReviewInvitation?.preferredSendTime)} UTC to ${text(out.consumer_email)}`,
        `product review of ${text(body.productReviewInvitation?.productSkus) || '—'} · invited ${text(out.invited)}`,
      ];
    },
  },
  {
    title: 'An invitation link for a customer who prefers SMS (QR code saved to a file)',
    needs: ['creates.generate_invitation_link'],
    async run({ runner, files, outputDir }, { opportunity }) {
      const out = await runner.run<Row>('creates.generate_invitation_link', {
        consumer_email: opportunity.recipient_email,
        consumer_name: opportunity.recipient_name,
        reference_number: opportunity.reference_number,
        phone_number: '+1 201-555-0123',
        message_template: 'Hi {name}, thanks for choosing Acme Outdoor Gear! How did we do? {link}',
      });
      const lines = [`link ${text(out.url)}`, `sms ${text(out.sms_url).slice(0, 90)}…`];
      const qr = typeof out.qr_code === 'string' ? files.fileAt(out.qr_code) : undefined;
      if (qr) {
        await mkdir(outputDir, { recursive: true });
        const file = path.join(outputDir, `qr-${text(opportunity.reference_number).replace(/[^\w.-]+/g, '_')}.png`);
        await writeFile(file, qr.bytes);
        lines.push(`QR code (${qr.bytes.length} bytes PNG) saved to ${path.relative(process.cwd(), file)}`);
      } else {
        lines.push(`QR code: ${text(out.qr_code) || 'not stashed'}`);
      }
      return lines;
    },
  },
  {
    title: 'For plans without API access: an AFS email snippet and a Business Generated Link',
    needs: ['creates.build_afs_email', 'creates.create_business_generated_link'],
    async run({ sandbox, runner }, { opportunity }) {
      const who = { consumer_email: opportunity.recipient_email, consumer_name: opportunity.recipient_name, reference_number: opportunity.reference_number };
      const afs = await runner.run<Row>('creates.build_afs_email', {
        ...who,
        body_html: '<p>Your order has shipped.</p>',
        delay_days: 7,
      });
      const bgl = await runner.run<Row>('creates.create_business_generated_link', { ...who, product_skus: opportunity.product_skus });
      return [`AFS: BCC ${text(afs.bcc)} (from the connection), snippet of ${text(afs.snippet_html).length} characters appended to the body`, `BGL: ${text(bgl.url).slice(0, 100)}…`];
    },
  },
  {
    title: 'A new 5-star review arrives → “New Service Review” picks it up',
    needs: ['triggers.new_service_review'],
    async run({ sandbox, runner }, facts) {
      const posted = sandbox.story.postServiceReview({
        stars: 5,
        title: 'Tents were perfect for our winter trip',
        text: 'Ordered tents and stoves for our guides. Great kit, quick delivery, and friendly help with sizing.',
        consumerName: text(facts.opportunity.recipient_name),
        referralEmail: text(facts.opportunity.recipient_email),
        referenceId: text(facts.opportunity.reference_number),
      });
      const rows = await runner.run<Row[]>('triggers.new_service_review', {});
      if (rows[0]?.id !== posted.id) throw new Error(`the newest review emitted was ${text(rows[0]?.id)}, not the new one ${posted.id}`);
      facts.review = rows[0];
      return [`${rows.length} reviews, newest first: ★${text(rows[0].stars)} “${text(rows[0].title)}” (reference ${text(rows[0].reference_id)})`];
    },
  },
  {
    title: '“Reply to Review” answers it',
    needs: ['creates.reply_to_review', 'triggers.new_service_review'],
    async run({ sandbox, runner }, { review }) {
      const out = await runner.run<Row>('creates.reply_to_review', {
        review_id: review?.id,
        message: 'Thank you for the kind words! Enjoy the winter trails, and say hi to the guides from us.',
      });
      const reply = last(sandbox.state.replies);
      return [`reply recorded on ${text(reply?.reviewId ?? out.review_id)}: “${text(out.reply_text ?? out.message).slice(0, 60)}…”`];
    },
  },
  {
    title: '“Log Review in Salesforce” adds a completed Task on the Opportunity',
    needs: ['creates.log_review_in_salesforce', 'triggers.new_service_review'],
    async run({ sandbox, runner }, { review }) {
      const out = await runner.run<Row>('creates.log_review_in_salesforce', { ...review, review_id: review?.id });
      const task = last(sandbox.state.tasks);
      return [`Task ${text(out.task_id)} on ${text(out.record_type)} ${text(out.record_id)}: “${text((task?.body as Row | undefined)?.Subject ?? out.subject)}”`];
    },
  },
];

export const runWorkflow = async (ctx: WorkflowContext, onStep: (report: StepReport, index: number) => void = () => {}): Promise<StepReport[]> => {
  const facts: Facts = {
    // What "Opportunity Reached Stage" would emit for the seeded Opportunity, if that trigger is not there.
    opportunity: {
      record_id: closingOpportunity.id,
      name: closingOpportunity.name,
      recipient_email: priya.email,
      recipient_name: priya.name,
      reference_number: closingOpportunity.id,
      product_skus: ['TL2-TENT-GRN', 'CSM-100'],
      tags: [],
    },
  };
  const reports: StepReport[] = [];
  for (const [index, step] of steps.entries()) {
    const started = Date.now();
    const seen = ctx.sandbox.state.journal.length;
    const missing = step.needs.filter((need) => !ctx.runner.has(need));
    let report: StepReport;
    if (missing.length > 0) {
      report = { title: step.title, status: 'failed', wire: [], lines: [], error: `the app has no ${missing.join(', ')}`, ms: 0 };
    } else {
      try {
        const lines = await step.run(ctx, facts);
        report = { title: step.title, status: 'ok', wire: ctx.sandbox.state.journal.slice(seen), lines, ms: Date.now() - started };
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        report = { title: step.title, status: 'failed', wire: ctx.sandbox.state.journal.slice(seen), lines: [], error: message, ms: Date.now() - started };
      }
    }
    reports.push(report);
    onStep(report, index);
    if (report.status === 'failed') break;
  }
  return reports;
};
