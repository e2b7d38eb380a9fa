/**
 * Optional invitation inputs beyond the shared ones in validation.ts: free text (location, template ids,
 * sender name), email addresses (sender, reply-to), a redirect URL, and the monthly cap.
 * Same conventions: "" and null mean "not filled in", text is trimmed, and every rule is a predicate that
 * `parseOrThrow` prefixes with the Zapier key.
 */
import { z } from 'zod';

import { InputError } from '../errors/input-error';
import { optionalTextField } from './validation';

const EMAIL_RULE = 'must be a valid email address, like jane@example.com';
const URL_RULE = 'must be a full web address starting with https://, like https://example.com/thank-you';
const CAP_RULE = 'monthly_cap must be a whole number of 1 or more, like 500. Leave it empty for no cap.';

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export const optionalTextSchema = optionalTextField(z.string({ error: 'must be text' }));
export const optionalEmailSchema = optionalTextField(z.email({ error: EMAIL_RULE }));
export const redirectUriSchema = optionalTextField(
  z.string({ error: URL_RULE }).refine(isWebAddress, { error: URL_RULE }),
);

/** The monthly cap as Zapier delivers an integer field (a number or numeric text); empty means no cap. */
export function parseMonthlyCap(raw: unknown): number | undefined {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
  const n = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new InputError('monthly_cap', CAP_RULE);
  return n;
}
