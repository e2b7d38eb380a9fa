/**
 * The `invited` / `duplicate` / `reason` outputs (complianceOutputFields) from the pipeline's outcome, the
 * same way on every invitation path:
 * - sent:          invited, not a duplicate;
 * - duplicate:     a replay within 24 h; the first run's result comes back and `duplicate` says so, so a
 *                  following step can be filtered on it instead of messaging the customer twice;
 * - not in sample: nothing was created, and `reason` says why in a sentence.
 */
import type { InviteOutcome } from './pipeline';

export interface ComplianceOutputs {
  invited: boolean;
  duplicate: boolean;
  reason: string;
}

export function notInSampleReason(sampleOneIn: number): string {
  return (
    `Not in the neutral sample: this step invites 1 customer in ${sampleOneIn}, chosen by reference number only, ` +
    'so no invitation was created for this one.'
  );
}

/** The first run's (or this run's) result with the compliance outputs, or `skipped` when not in the sample. */
export function withComplianceOutputs<T extends object, S extends object>(
  outcome: InviteOutcome<T>,
  sampleOneIn: number,
  skipped: S,
): (T & ComplianceOutputs) | (S & ComplianceOutputs) {
  switch (outcome.status) {
    case 'sent':
      return { ...outcome.result, invited: true, duplicate: false, reason: '' };
    case 'duplicate':
      return { ...outcome.result, invited: true, duplicate: true, reason: '' };
    case 'not_in_sample':
      return { ...skipped, invited: false, duplicate: false, reason: notInSampleReason(sampleOneIn) };
  }
}
