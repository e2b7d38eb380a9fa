/**
 * A customer without an email address: the Salesforce triggers emit such records on purpose, so nobody is
 * dropped silently. Zapier switches a Zap off after enough errors, so by default an invitation step lets
 * the record through with `invited: false` and the reason, a line in the task history; "Stop with an error"
 * keeps the old behaviour. Only the plain readers are imported: the shells load the field with the app definition.
 */
import { optionalChoice } from '../inputs/readers';

export const whenEmailMissingField = {
  key: 'when_email_missing',
  label: 'When the Customer Has No Email',
  type: 'string',
  required: false,
  default: 'continue',
  choices: [
    { value: 'continue', label: 'Continue without inviting (Invited = false)', sample: 'continue' },
    { value: 'error', label: 'Stop with an error', sample: 'error' },
  ] as Array<{ value: string; label: string; sample: string }>,
  helpText:
    'Some records have no email address. By default the step finishes without inviting and says why in **Reason Not Invited**, so your Zap stays on. Choose “Stop with an error” to have Zapier flag each one.',
} as const;

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

const WHEN_EMAIL_MISSING = whenEmailMissingField.choices.map((choice) => choice.value);

/**
 * The reason to skip this run, or undefined when it should go on: the email is there, or the user chose
 * "Stop with an error" (then the usual check of Customer Email reports it). The choice itself is read
 * strictly. A step still reads every other field before it returns early with this reason, so a broken
 * mapping shows on the first run, not on the first customer who has an email.
 */
export function missingEmailReason(inputData: Record<string, unknown>): string | undefined {
  const when = optionalChoice(inputData.when_email_missing, whenEmailMissingField.label, WHEN_EMAIL_MISSING) ?? whenEmailMissingField.default;
  if (!isBlank(inputData.consumer_email) || when === 'error') return undefined;
  const reference = typeof inputData.reference_number === 'string' ? inputData.reference_number.trim() : '';
  const name = typeof inputData.consumer_name === 'string' ? inputData.consumer_name.trim() : '';
  const who = [name, reference ? `reference ${reference}` : ''].filter(Boolean).join(', ');
  return `No email address${who ? ` for ${who}` : ''}: Customer Email is empty, so no invitation was created.`;
}

export const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
