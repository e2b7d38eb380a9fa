/**
 * A Salesforce record without an email goes through each invitation step as `invited: false` with the
 * reason, without a call, unless the user chose "Stop with an error". nock refuses every request here.
 */
import nock from 'nock';

import App from '../../index';
import { appTester, authData, caught, zapierError } from '../helpers';
import { createPerform } from '../helpers/operations';

const STEPS = ['send_invitation', 'generate_invitation_link', 'build_afs_email'] as const;
const AFS = { afs_bcc_address: 'acme-outdoor.example+3b16a3a86d@invite.trustpilot.com' };
const record = { consumer_email: '', consumer_name: 'Tom Baker', reference_number: '00000107' };

type Creates = Record<string, { operation: { inputFields?: unknown[]; outputFields?: unknown[] } }>;
const creates = App.creates as unknown as Creates;

const run = (step: string, inputData: Record<string, unknown>) =>
  appTester(createPerform(step), { authData: { ...authData, ...AFS }, inputData } as never, true) as Promise<Record<string, unknown>>;

const outputKeys = (step: string) =>
  ((creates[step]!.operation.outputFields ?? []) as Array<{ key: string }>).map((f) => f.key.replace(/\[\].*$/, '')).sort();

describe.each(STEPS)('%s: a customer without an email', (step) => {
  it('is not invited, says why, and calls nothing', async () => {
    const out = await run(step, record);
    expect(out).toMatchObject({ invited: false, duplicate: false });
    expect(out.reason).toBe('No email address for Tom Baker, reference 00000107: Customer Email is empty, so no invitation was created.');
    expect(Object.keys(out).sort()).toEqual(outputKeys(step));
    expect(nock.pendingMocks()).toEqual([]);
  });

  it.each([undefined, null, '   '])('treats %p as no email', async (email) => {
    expect(await run(step, { ...record, consumer_email: email })).toMatchObject({ invited: false });
  });

  it('stops with an error when the user chose “Stop with an error”', async () => {
    const err = zapierError(await caught(() => run(step, { ...record, when_email_missing: 'error' })));
    expect(err.code).toBe('invalid_input');
  });

  it('offers the choice, and no longer makes Customer Email required (Zapier would halt the step itself)', () => {
    const fields = creates[step]!.operation.inputFields as Array<{ key: string; required?: boolean }>;
    expect(fields.find((f) => f.key === 'when_email_missing')).toBeDefined();
    expect(fields.find((f) => f.key === 'consumer_email')?.required).toBe(false);
  });

  it.each([
    ['Language', { locale: 'zz-ZZ' }],
    ['Tags', { tags: 'closed won' }],
    ['Reference Number', { reference_number: ['00000107', '00000108'] }],
    ['Monthly Invitation Cap', { monthly_cap: 'fifty' }],
    ['Customer Name', { consumer_name: { first: 'Tom' } }],
    ['When the Customer Has No Email', { when_email_missing: 'maybe' }],
  ])('still checks %s before letting the record through, so a broken mapping shows on the first run', async (label, bad) => {
    const err = zapierError(await caught(() => run(step, { ...record, ...bad })));
    expect(err.code).toBe('invalid_input');
    expect(err.message.startsWith(`${label}: `)).toBe(true);
  });

  it('still refuses an email that is there but malformed', async () => {
    const err = zapierError(await caught(() => run(step, { ...record, consumer_email: 'tom(at)example.com' })));
    expect(err.code).toBe('invalid_input');
  });
});
