/**
 * Neutral random sampling: invite about 1 in N customers.
 *
 * Trustpilot's guidelines forbid selecting who gets invited by anything that predicts their opinion, so the
 * decision depends ONLY on a SHA-256 hash of the trimmed reference number: never on the customer's name,
 * email, deal size or stage. Being a pure function, it gives the same answer when Zapier replays a step.
 */
import { createHash } from 'node:crypto';

import { InputError } from '../../errors/input-error';
import { optionalInteger } from '../../inputs/readers';

const ONE_IN_RULE = 'Invite One In: must be a whole number of 1 or more (1 invites everyone).';

/** Reads the Zapier field as given: empty means 1 (no sampling), and an integer field may arrive as "3". */
export function parseSampleOneIn(raw: unknown): number {
  return optionalInteger(raw, 'Invite One In', { min: 1, max: 1_000_000, describe: 'a whole number of 1 or more (1 invites everyone)' }) ?? 1;
}

/** True for about 1 in `oneIn` reference numbers; `oneIn = 1` means everyone. */
export function isInSample(referenceNumber: string, oneIn: number): boolean {
  if (typeof oneIn !== 'number' || !Number.isInteger(oneIn) || oneIn < 1) {
    throw new InputError('Invite One In', ONE_IN_RULE);
  }
  const reference = typeof referenceNumber === 'string' ? referenceNumber.trim() : '';
  if (reference === '') {
    // Without a reference every customer would hash alike, so sampling would be all-or-nothing.
    throw new InputError('Reference Number', 'Reference Number: is required for sampling.');
  }
  if (oneIn === 1) return true;
  // 48 bits of the hash: modulo bias is below 1e-9 for any sample size a user would choose.
  const bucket = createHash('sha256').update(reference, 'utf8').digest().readUIntBE(0, 6);
  return bucket % oneIn === 0;
}
