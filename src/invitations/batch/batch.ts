/**
 * "Send Review Invitations (Batch)": many email invitations in one Zapier step, for peaks and imports.
 *
 * What a run does, in order:
 *   1. validates the shared settings (any error fails the step before anything else);
 *   2. reads the rows (line items, CSV text, or a CSV file downloaded with a size limit);
 *   3. validates every row, collecting all row errors with their row numbers; if no row is valid the step
 *      fails listing them, otherwise invalid rows are reported and the valid ones go on;
 *   4. sends row by row through the same pipeline and replay-guard identity as "Send Review Invitation",
 *      paced below Trustpilot's 833 calls per 5 minutes, and starts no new send after BATCH_SEND_CUTOFF_MS;
 *   5. returns every row with its status; rows not sent are returned (and as CSV), never dropped.
 *
 * Errors while sending (see `classify`): a rejection of one row marks that row invalid and the batch goes
 * on; an error about the whole step (429, 403, Trustpilot unavailable, monthly cap …) stops the batch. If
 * this run has already sent rows, the step succeeds and reports the rest as "not reached", because what
 * was sent is sent; if it has sent none, the error is thrown, so Zapier retries (429) or the user sees it.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';

import { BATCH_HARD_STOP_MS, BATCH_SEND_CUTOFF_MS, REQUEST_TIMEOUT_MS } from '../../config';
import { forZapier } from '../../errors/for-zapier';
import { InputError } from '../../errors/input-error';
import { readBusinessUnitId } from '../../trustpilot/business-unit-input';
import { TrustpilotClient } from '../../trustpilot/client';
import { resolveTarget } from '../email-invitation';
import { systemClock, type Clock } from './pacer';
import { batchReport, listErrors, type BatchOutput } from './report';
import { markRepeatedRows, MAX_BATCH_ROWS, parseShared, prepareRow, readRows } from './rows';
import { sendRows } from './sending';

export { MAX_BATCH_ROWS, MAX_CSV_BYTES, type BatchSource, type RowResult, type RowStatus } from './rows';
export type { StopReason } from './sending';
export type { BatchOutput } from './report';

export interface BatchDeps {
  clock?: Clock;
}

export async function sendInvitationsBatch(z: ZObject, bundle: Bundle, deps: BatchDeps = {}): Promise<BatchOutput> {
  const clock = deps.clock ?? systemClock;
  const startedAt = clock.now();
  return forZapier(z, async () => {
    const inputData = (bundle.inputData ?? {}) as Record<string, unknown>;
    const now = new Date(startedAt);
    const shared = parseShared(inputData, now);
    const chosenBusinessUnit = readBusinessUnitId(inputData.business_unit_id);
    const source = await readRows(z, inputData);
    if (source.rows.length === 0) {
      throw new InputError(source.field, `${source.field}: has a header but no invitations: add one line per invitation.`);
    }
    if (source.rows.length > MAX_BATCH_ROWS) {
      throw new InputError(source.field, `${source.field}: has ${source.rows.length} invitations; one step takes up to ${MAX_BATCH_ROWS}. Split them.`);
    }

    const rows = source.rows.map((row) => prepareRow(row, shared));
    const invalid = rows.filter((r) => r.result?.status === 'invalid').map((r) => r.result!);
    if (invalid.length === rows.length) {
      throw new InputError(
        source.field,
        `${source.field}: none of the ${rows.length} invitation${rows.length === 1 ? '' : 's'} can be sent, so nothing was sent. ${listErrors(invalid)}`,
      );
    }

    // Each call waits for its turn in the account's shared rate budget, but not past the time to stop starting
    // sends; then its timeout ends it before the step's hard stop.
    const client = TrustpilotClient.fromBundle(z, bundle, {
      clock,
      maxWaitMs: () => BATCH_SEND_CUTOFF_MS - (clock.now() - startedAt),
      timeoutMs: () => Math.max(2_000, Math.min(REQUEST_TIMEOUT_MS, BATCH_HARD_STOP_MS - (clock.now() - startedAt))),
    });
    const target = await resolveTarget(client, chosenBusinessUnit);

    markRepeatedRows(rows, target.businessUnitId);

    const stopped = await sendRows(z, rows, { client, target, shared, clock, startedAt, now });
    return batchReport(rows, target, source, stopped);
  });
}
