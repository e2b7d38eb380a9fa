/**
 * Property: for every operation in the app definition (so operations added later are covered too) and
 * every visible input field, a value that is certainly invalid for that field (control characters, huge
 * text, a list where one value is expected, an object, words where a number or yes/no is expected) is
 * refused before any request, with a Zapier error whose message is a sentence naming the field's label:
 * no stack trace, no "[object Object]", no "undefined". The other fields hold valid values.
 *
 * No interceptor is set up and the network is closed: a request (an upstream call or the cache's RPC) is
 * counted through nock's "no match" event, and must not happen.
 */
import fc from 'fast-check';
import nock from 'nock';

import App from '../../index';
import { appTester, authData } from '../helpers';

type AnyField = { key?: string; label?: string; type?: string; list?: boolean; choices?: unknown; dynamic?: string; required?: boolean };
type Operation = { key: string; display: { label: string; hidden?: boolean }; operation: Record<string, unknown> & { inputFields?: unknown[]; type?: string } };

const app = App as unknown as Record<'triggers' | 'creates' | 'searches', Record<string, Operation>>;

/** Valid values for every key an operation requires, so only the field under test is wrong. */
const VALID: Record<string, unknown> = {
  consumer_email: 'jane.cooper@example.com',
  consumer_name: 'Jane Cooper',
  reference_number: 'OPP-00042',
  afs_address: 'acme-outdoor.example+3b16a3a86d@invite.trustpilot.com',
  review_id: '62c8968be77911f2449e9f74',
  reference_id: 'OPP-00042',
  message: 'Thank you for your review!',
  name: 'Acme Outdoor',
  stage: 'Closed Won',
  status: 'Closed',
  invitations: [{ consumer_email: 'jane.cooper@example.com', consumer_name: 'Jane Cooper', reference_number: 'OPP-00042' }],
  reference: '00001042',
  record_type: 'Order',
};

/**
 * Fields that are optional one by one but of which a step needs one (rows of a batch, what to look up or
 * delete), so the field under test is the only thing wrong. A group is left out when its own field is tested.
 */
const ONE_OF: Record<string, Record<string, unknown>> = {
  send_invitations_batch: { invitations: VALID.invitations },
  delete_invitation_data: { customer_emails: ['jane.cooper@example.com'] },
  find_review: { review_id: VALID.review_id },
};
const ONE_OF_GROUP: Record<string, string[]> = {
  send_invitations_batch: ['invitations', 'csv_text', 'csv_file'],
  delete_invitation_data: ['customer_emails', 'delete_older_than'],
  find_review: ['review_id', 'reference_id', 'consumer_email'],
};

/** The connection: every part filled in, the Automatic Feedback Service address included. */
const connection = { ...authData, afs_bcc_address: 'acme-outdoor.example+3b16a3a86d@invite.trustpilot.com' };

const CONTROL_ONE_LINE = ['\u0000', '\r', '\n', '\u0007', '\u001b', '\u007f'];
const CONTROL_ANY = ['\u0000', '\u0007', '\u001b', '\u007f'];

/** Values no field of this kind may accept. */
const invalidFor = (field: AnyField): fc.Arbitrary<unknown> => {
  const multiline = field.type === 'text';
  const controls = multiline ? CONTROL_ANY : CONTROL_ONE_LINE;
  const withControl = fc
    .tuple(fc.string({ maxLength: 30 }), fc.constantFrom(...controls), fc.string({ maxLength: 30 }))
    .map(([a, c, b]) => `x${a}${c}${b}x`);
  const huge = fc.integer({ min: 100_001, max: 120_000 }).map((n) => 'x'.repeat(n));
  const object = fc.oneof(fc.constant({ value: 'TENT-2P' }), fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.string(), { minKeys: 1, maxKeys: 3 }));
  const listOfObjects = fc.array(object, { minLength: 1, maxLength: 3 });
  const options: fc.Arbitrary<unknown>[] = [withControl, huge, object];
  if (!field.list) options.push(fc.array(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 2, maxLength: 4 }));
  else options.push(listOfObjects);
  if (field.type === 'integer' || field.type === 'number') {
    options.push(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/^\s*-?\d+(\.\d+)?\s*$/.test(s) && s.trim() !== ''));
    options.push(fc.integer({ min: 100_000_000, max: 2 ** 40 }), fc.double({ noInteger: true, noNaN: true }).filter(Number.isFinite));
  }
  if (field.type === 'boolean') options.push(fc.constantFrom('maybe', 'perhaps', '2', 'yess', 'nope!'));
  if (field.type === 'datetime') options.push(fc.constantFrom('2020-01-01T00:00:00Z', '9999-12-31T00:00:00Z', 'next tuesday', '2026-02-30T09:00:00Z'));
  if (field.choices && !field.dynamic) options.push(fc.constantFrom('zz-ZZ', 'not-a-choice', '999'));
  return fc.oneof(...options);
};

/** The function the field's value flows into: a poll, a search, an action or a hook's fallback poll. */
const performOf = (op: Operation) =>
  (op.operation.type === 'hook' ? (op.operation.performList ?? op.operation.perform) : op.operation.perform) as (z: unknown, b: unknown) => Promise<unknown>;

const cases: Array<[string, Operation, AnyField]> = [];
for (const kind of ['triggers', 'creates', 'searches'] as const) {
  for (const op of Object.values(app[kind])) {
    if (op.display.hidden) continue;
    for (const field of (op.operation.inputFields ?? []) as AnyField[]) {
      if (typeof field !== 'object' || !field.key || field.type === 'copy' || field.type === 'file') continue;
      cases.push([`${kind}.${op.key}: ${field.label} (${field.key})`, op, field]);
    }
  }
}

let requests = 0;
const countRequest = () => requests++;
beforeAll(() => nock.emitter.on('no match', countRequest));
afterAll(() => nock.emitter.removeListener('no match', countRequest));

const sentenceOf = (err: unknown): string => {
  const message = err instanceof Error ? err.message : String(err);
  try {
    const parsed = JSON.parse(message) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : message;
  } catch {
    return message;
  }
};

const ZAPIER_ERRORS = ['AppError', 'Error', 'HaltedError', 'ThrottledError', 'ExpiredAuthError', 'RefreshAuthError'];

it('covers every visible input field of every operation', () => {
  expect(cases.length).toBeGreaterThan(80);
});

describe.each(cases)('%s', (_name, op, field) => {
  it('refuses an invalid value before any request, naming the field by its label in a sentence', async () => {
    const baseline: Record<string, unknown> = {};
    for (const f of (op.operation.inputFields ?? []) as AnyField[]) if (f.key && f.required && VALID[f.key] !== undefined) baseline[f.key] = VALID[f.key];
    if (ONE_OF[op.key] && !ONE_OF_GROUP[op.key]?.includes(field.key!)) Object.assign(baseline, ONE_OF[op.key]);
    await fc.assert(
      fc.asyncProperty(invalidFor(field), async (value) => {
        requests = 0;
        let thrown: unknown;
        try {
          await appTester(performOf(op) as never, { authData: connection, inputData: { ...baseline, [field.key!]: value }, meta: {} } as never);
        } catch (err) {
          thrown = err;
        }
        expect(requests).toBe(0);
        expect(thrown).toBeDefined();
        const sentence = sentenceOf(thrown);
        expect(ZAPIER_ERRORS).toContain((thrown as Error).name);
        expect(sentence).toContain(field.label!);
        expect(sentence).not.toMatch(/\[object Object\]|\bundefined\b|\n\s+at /);
        expect(sentence.trim()).toMatch(/[.!?)]$/);
      }),
      { numRuns: 15 },
    );
  });
});
