/**
 * Optional invitation inputs beyond the shared ones in validation.ts: free text (location, template ids,
 * sender name), email addresses (sender, reply-to), a redirect URL, and the monthly cap. Every rule is one of
 * the input vocabulary's readers (src/inputs/), so each path checks them alike.
 */
import { FIELD_LABELS, TEXT_LIMITS } from '../inputs/invitation-fields';
import { optionalInteger } from '../inputs/readers';
import { optionalEmailField, optionalTextField, redirectUriField } from './validation';

export const optionalTextSchema = optionalTextField(TEXT_LIMITS.shortText);
export const optionalEmailSchema = optionalEmailField;
export const redirectUriSchema = redirectUriField;

/** The monthly cap as Zapier delivers an integer field (a number or numeric text); empty means no cap. */
export function parseMonthlyCap(raw: unknown): number | undefined {
  return optionalInteger(raw, FIELD_LABELS.monthly_cap!, { min: 1, max: 10_000_000, describe: 'a whole number of 1 or more, like 500. Leave it empty for no cap' });
}
