/**
 * A customer without an email address: the Salesforce triggers emit such records on purpose, so nobody is
 * dropped silently. Zapier switches a Zap off after enough errors, so by default an invitation step lets
 * the record through with `invited: false` and the reason, a line in the task history; "Stop with an error"
 * keeps the old behaviour. No imports: the shells load the field with the app definition.
 */
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

/**
 * The reason to skip this run, or undefined when it should go on: the email is there, or the user chose
 * "Stop with an error" (then the usual check of Customer Email reports it).
 */
export function missingEmailReason(inputData: Record<string, unknown>): string | undefined {
  if (!isBlank(inputData.consumer_email) || inputData.when_email_missing === 'error') return undefined;
  const reference = typeof inputData.reference_number === 'string' ? inputData.reference_number.trim() : '';
  const name = typeof inputData.consumer_name === 'string' ? inputData.consumer_name.trim() : '';
  const who = [name, reference ? `reference ${reference}` : ''].filter(Boolean).join(', ');
  return `No email address${who ? ` for ${who}` : ''}: Customer Email is empty, so no invitation was created.`;
}

export const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
