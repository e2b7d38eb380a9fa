/**
 * Sending a batch's rows: paced by the client's shared Trustpilot rate budget, no new send after the cut-off, and each
 * error while sending classified as about the row (the batch goes on) or about the step (it stops).
 */
import type { ZObject } from 'zapier-platform-core';

import { BATCH_SEND_CUTOFF_MS } from '../../config';
import { errorMessage, isZapierError } from '../../errors/error-message';
import { factsOf } from '../../errors/facts';
import type { TrustpilotClient } from '../../trustpilot/client';
import { scheduleEmailInvitation, type InvitationTarget } from '../email-invitation';
import type { Clock } from './pacer';
import { isInSample } from '../policy/sampling';
import { emptyResult, type PreparedRow, type RowStatus, type Shared } from './rows';

/** Trustpilot rejecting this many sends in a row, with none accepted, is about the settings, not the rows. */
const REJECTIONS_BEFORE_GIVING_UP = 3;

export type StopReason = '' | 'time limit' | 'rate limited' | 'monthly cap' | 'error';

/** How an error while sending one row affects the batch. */
type Verdict =
  | { kind: 'rethrow' }
  | { kind: 'row'; status: RowStatus; reason: string }
  | { kind: 'stop'; stop: StopReason; reason: string; rowStatus: 'not reached' | 'outcome unknown' };

function classify(err: unknown): Verdict {
  if (isZapierError(err, 'RefreshAuthError')) return { kind: 'rethrow' }; // Zapier renews the session and retries the step
  const facts = factsOf(err);
  const message = errorMessage(err);
  if (facts?.kind === 'cap_reached') return { kind: 'stop', stop: 'monthly cap', reason: `Not sent: ${message}`, rowStatus: 'not reached' };
  if (facts?.kind === 'in_flight') {
    // The replay guard found an earlier attempt: finished elsewhere, still running, or with an unknown outcome.
    // Never sent a second time, and an unknown outcome stays unknown in the report.
    return { kind: 'row', status: facts.code === 'outcome_unknown' ? 'outcome unknown' : 'duplicate', reason: message };
  }
  if (facts?.kind === 'refused' && facts.service === 'Trustpilot' && (facts.status === 400 || facts.status === 409 || facts.status === 422)) {
    return { kind: 'row', status: 'invalid', reason: message };
  }
  if (facts?.kind === 'outcome_unknown') return { kind: 'stop', stop: 'error', reason: message, rowStatus: 'outcome unknown' };
  if (isZapierError(err, 'ThrottledError')) {
    return {
      kind: 'stop',
      stop: 'rate limited',
      reason: 'Not sent: your Trustpilot rate limit (833 calls per 5 minutes, shared by all your Zaps) is used up for now. Send the rows of Not Reached CSV again in a few minutes.',
      rowStatus: 'not reached',
    };
  }
  return { kind: 'stop', stop: 'error', reason: `Not sent: the batch stopped after an error: ${message}`, rowStatus: 'not reached' };
}

const TIME_LIMIT_REASON =
  `Not sent: this step stops starting invitations after ${BATCH_SEND_CUTOFF_MS / 1000} seconds (Zapier stops a step at 30). ` +
  'Send the rows of Not Reached CSV in a follow-up step.';

export interface Stopped {
  stop: StopReason;
  reason: string;
}

export interface SendContext {
  client: TrustpilotClient;
  target: InvitationTarget;
  shared: Shared;
  clock: Clock;
  startedAt: number;
  now: Date;
}

/** Sends the rows that have no result yet, giving each one; returns why the batch stopped early, if it did. */
export async function sendRows(z: ZObject, rows: PreparedRow[], context: SendContext): Promise<Stopped | undefined> {
  const { client, target, shared, clock, startedAt, now } = context;
  let stopped: { stop: StopReason; reason: string } | undefined;
  let sentThisRun = 0;
  let rejectionsInARow = 0;

  for (const row of rows) {
    const recipient = row.recipient;
    if (row.result || !recipient) continue;
    if (!isInSample(recipient.referenceNumber, shared.settings.sampleOneIn)) {
      row.result = emptyResult(row, 'not in sample', `Not in the neutral 1-in-${shared.settings.sampleOneIn} sample (decided by the reference number only).`);
      continue;
    }
    if (!stopped && clock.now() - startedAt >= BATCH_SEND_CUTOFF_MS) stopped = { stop: 'time limit', reason: TIME_LIMIT_REASON };
    if (stopped) {
      row.result = emptyResult(row, 'not reached', stopped.reason);
      continue;
    }
    try {
      const { outcome, output } = await scheduleEmailInvitation(z, client, {
        target,
        recipient,
        settings: shared.settings,
        sendAt: shared.sendAt,
        now,
      });
      const base = { ...emptyResult(row, 'sent', ''), id: output.id, preferred_send_time: output.preferred_send_time };
      if (outcome.status === 'sent') {
        sentThisRun++;
        rejectionsInARow = 0;
        row.result = base;
      } else {
        // 'duplicate'. The pipeline's 'not_in_sample' cannot come back here: this row passed isInSample above with
        // the same reference number and sample size the pipeline checks, and isInSample is a pure function of them.
        const when = output.scheduled_at ? ` on ${output.scheduled_at}` : '';
        row.result = { ...base, status: 'duplicate', reason: `Already sent${when} (within the last 24 hours); not sent again.` };
      }
    } catch (err) {
      const verdict = classify(err);
      if (verdict.kind === 'rethrow') throw err;
      if (verdict.kind === 'row') {
        row.result = emptyResult(row, verdict.status, verdict.status === 'invalid' ? `Row ${row.row}: ${verdict.reason}` : verdict.reason);
        if (verdict.status === 'invalid' && ++rejectionsInARow >= REJECTIONS_BEFORE_GIVING_UP && sentThisRun === 0) throw err;
        continue;
      }
      // Nothing sent by this run: fail (or let Zapier retry a 429) rather than report a batch that did nothing.
      if (sentThisRun === 0) throw err;
      row.result = emptyResult(row, verdict.rowStatus, verdict.reason);
      stopped = {
        stop: verdict.stop,
        reason:
          verdict.rowStatus === 'outcome unknown'
            ? `Not sent: the batch stopped because Trustpilot’s answer for row ${row.row} was lost (its outcome is unknown).`
            : verdict.reason,
      };
    }
  }
  return stopped;
}
