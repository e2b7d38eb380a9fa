/**
 * "Delete Customer Invitation Data" against the sandbox, which takes `customerEmails` or `deleteOlderThan` and
 * refuses both together with Trustpilot's 400, as developers.trustpilot.com/invitation-api documents.
 */
import { TRUSTPILOT } from '../../sandbox';
import { failure, startE2E, type E2E } from '../e2e/harness';
import { postJson, trustpilotToken } from '../sandbox/helpers';

describe('Delete Customer Invitation Data, against the sandbox', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());
  beforeEach(() => e2e.sandbox.reset());

  const run = (inputData: Record<string, unknown>) => e2e.runner.run<Record<string, unknown>>('creates.delete_invitation_data', inputData);
  const calls = () =>
    e2e.sandbox.state.journal.filter((e) => e.service !== 'salesforce' && e.status !== 401 && !e.path.includes('/oauth/')).map((e) => `${e.method} ${e.path}`);
  /** Last year: always inside the 3 years Trustpilot keeps invitation data, whenever the test runs. */
  const Y = new Date().getUTCFullYear() - 1;
  const deletePath = `/v1/private/business-units/${TRUSTPILOT.businessUnit.id}/invitation-data/delete`;

  it('asks Trustpilot to delete the data of the listed customers, in one call that changes nothing else', async () => {
    const out = await run({ customer_emails: ['jane@example.com', ' Sam@Example.com; jane@example.com', 'lee@example.org'] });

    expect(out).toEqual({
      business_unit_id: TRUSTPILOT.businessUnit.id,
      deleted_by: 'customer_emails',
      customer_email_count: 3,
      delete_older_than: null,
      requested_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    });
    const [request] = e2e.sandbox.state.invitationDataDeletions;
    expect(request!.body).toEqual({ customerEmails: ['jane@example.com', 'Sam@Example.com', 'lee@example.org'] });
    expect(request!.headers['x-business-user-id']).toBe(TRUSTPILOT.businessUser.id);
    expect(calls()).toEqual([`POST ${deletePath}`]);
    // Nothing was sent or changed besides the erasure request; the output does not repeat the erased addresses.
    expect([e2e.sandbox.state.invitations, e2e.sandbox.state.links, e2e.sandbox.state.replies]).toEqual([[], [], []]);
    expect(JSON.stringify(out)).not.toContain('@');
  });

  it('a retention clean-up by date sends the date as UTC without an offset, as Trustpilot writes times', async () => {
    const out = await run({ delete_older_than: `${Y}-01-31T00:00:00+01:00` });
    expect(out).toMatchObject({ deleted_by: 'older_than_date', customer_email_count: 0, delete_older_than: `${Y}-01-30T23:00:00Z` });
    expect(e2e.sandbox.state.invitationDataDeletions[0]!.body).toEqual({ deleteOlderThan: `${Y}-01-30T23:00:00` });
  });

  it('a plain date means the start of that day, UTC; a pasted list may end with a line break', async () => {
    await run({ delete_older_than: `${Y}-01-31` });
    expect(e2e.sandbox.state.invitationDataDeletions[0]!.body).toEqual({ deleteOlderThan: `${Y}-01-31T00:00:00` });
    await run({ customer_emails: 'jane@example.com\nsam@example.com\n' });
    expect(e2e.sandbox.state.invitationDataDeletions[1]!.body).toEqual({ customerEmails: ['jane@example.com', 'sam@example.com'] });
  });

  it('a replay asks again and changes nothing more: the erasure is idempotent', async () => {
    await run({ customer_emails: 'jane@example.com' });
    const replay = await run({ customer_emails: 'jane@example.com' });
    expect(replay).toMatchObject({ deleted_by: 'customer_emails', customer_email_count: 1 });
  });

  it('the sandbox refuses emails and a date together, as Trustpilot documents', async () => {
    const err = await failure(
      e2e.runner.run('creates.delete_invitation_data', { customer_emails: 'jane@example.com', delete_older_than: `${Y}-01-01` }),
    );
    // The app stops first; the sandbox's own refusal is checked directly below.
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/^Customer Emails: cannot be used together with Delete Data Older Than/);
    expect(calls()).toEqual([]);
  });

  it.each([
    [{ customerEmails: ['jane@example.com'], deleteOlderThan: '09/07/2013 13:37:00' }, /not possible to specify a list of email addresses and a date at the same time/],
    [{}, /Either customerEmails or deleteOlderThan is required/],
    [{ customerEmails: [] }, /customerEmails must be a non-empty array/],
    [{ deleteOlderThan: 'yesterday' }, /deleteOlderThan must be a UTC date and time/],
  ])('the sandbox itself answers %j with Trustpilot’s 400', async (body, message) => {
    const token = await trustpilotToken(e2e.sandbox);
    const res = await postJson(`${e2e.sandbox.urls.trustpilotInvitations}${deletePath}`, token, body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { message: string; errorCode: number; correlationId: string };
    expect(answer).toEqual({ message: expect.stringMatching(message), errorCode: expect.any(Number), correlationId: expect.any(String), details: expect.anything() });
    expect(e2e.sandbox.state.invitationDataDeletions).toEqual([]);
  });

  it.each([
    [{}, /^Customer Emails: is required/],
    [{ customer_emails: ['jane@example.com', 'not-an-email'] }, /^Customer Emails: entry 2 is not an email address\.$/],
    [{ customer_emails: 'jane@example.com,,sam@example.com\n' }, /^Customer Emails: has an empty entry at position 2/],
    [{ delete_older_than: '2025-02-30' }, /^Delete Data Older Than: .* is not a date: it must be a date and time/],
    [{ delete_older_than: 'last tuesday' }, /^Delete Data Older Than: .* is not a date: it must be a date and time/],
    [{ delete_older_than: '2999-01-01T00:00:00Z' }, /^Delete Data Older Than: is in the future \(2999-01-01T00:00:00Z\): that would delete the invitation data of every customer/],
    [{ customer_emails: 'jane@example.com', business_unit_id: 'acme' }, /^Business Unit: "acme" is not a Trustpilot business unit id/],
    // Trustpilot deletes invitation data after 3 years by itself: an older cut-off is a wrong mapping.
    [{ delete_older_than: '2001-01-01' }, /^Delete Data Older Than: 2001-01-01T00:00:00Z is more than 3 years ago/],
  ])('refuses %j before any call, naming the field', async (inputData, message) => {
    const err = await failure(run(inputData));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(message);
    expect(err.message).not.toMatch(/not-an-email/);
    expect(calls()).toEqual([]);
  });

  it('Trustpilot’s refusal reaches the user as a sentence (an Editor is not allowed to erase data)', async () => {
    const connected = e2e.runner.authData;
    e2e.runner.authData = { ...connected, trustpilot_business_user_id: TRUSTPILOT.editorUser.id };
    try {
      const err = await failure(run({ customer_emails: 'jane@example.com' }));
      expect(err.code).toBe('trustpilot_forbidden');
      expect(err.message).toMatch(/^Trustpilot refused to delete the customers’ invitation data: Access to resource is forbidden \(error code 1014\)/);
    } finally {
      e2e.runner.authData = connected;
    }
  });
});
