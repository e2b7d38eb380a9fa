/**
 * Optional invitation inputs beyond the shared ones in validation.ts: free text (location, template ids,
 * sender name), email addresses (sender, reply-to), a redirect URL, and the monthly cap.
 * Same conventions: "" and null mean "not filled in", text is trimmed, and every rule is a predicate that
 * `parseOrThrow` prefixes with the Zapier key.
 */
import { z } from 'zod';

import { InputError } from '../errors/input-error';
import { optionalEmailField, optionalTextField, redirectUriField } from './validation';

const CAP_RULE = 'monthly_cap must be a whole number of 1 or more, like 500. Leave it empty for no cap.';

export const optionalTextSchema = optionalTextField(z.string({ error: 'must be text' }));
/** The same email and redirect rules as every other invitation path (validation.ts). */
export const optionalEmailSchema = optionalEmailField;
export const redirectUriSchema = redirectUriField;

/** The monthly cap as Zapier delivers an integer field (a number or numeric text); empty means no cap. */
export function parseMonthlyCap(raw: unknown): number | undefined {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
  const n = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new InputError('monthly_cap', CAP_RULE);
  return n;
}
