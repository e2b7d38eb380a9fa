import { Readable } from 'node:stream';

import nock from 'nock';

import { publicUrlPolicy } from '../../../src/util/public-url';

import { factsOf } from '../../../src/errors/facts';
import { sendInvitationsBatch, type BatchOutput } from '../../../src/invitations/batch/batch';
import { isInSample } from '../../../src/invitations/policy/sampling';
import { TICK_MS } from '../../../src/trustpilot/rate-budget';
import badRequest from '../../fixtures/trustpilot/email-invitation-bad-request.json';
import forbidden from '../../fixtures/trustpilot/email-invitation-forbidden.json';
import { FakeClock } from '../../helpers/fake-clock';
import { appTester, authData, BUSINESS_UNIT_ID, BUSINESS_USER_ID, caught, TRUSTPILOT_INVITATIONS, TRUSTPILOT_TOKEN, zapierError } from '../../helpers';
import { createPerform } from '../../helpers/operations';

const PATH = `/v1/private/business-units/${BUSINESS_UNIT_ID}/email-invitations`;
const HEADER = 'consumer_email,consumer_name,reference_number,product_skus,tags,locale';

type Body = Record<string, any>;

/**
 * A stand-in for Trustpilot's endpoint that records when each call started (on the fake clock) and what it
 * carried. `callMs` is how long each call takes; `answer` picks the status of call n (1-based).
 */
function trustpilot(options: { clock?: FakeClock; callMs?: number; answer?: (n: number, body: Body) => number | [number, unknown] } = {}) {
  const calls: Array<{ at: number; body: Body }> = [];
  nock(TRUSTPILOT_INVITATIONS, {
    reqheaders: { authorization: `Bearer ${TRUSTPILOT_TOKEN}`, 'x-business-user-id': BUSINESS_USER_ID },
  })
    .persist()
    .post(PATH)
    .reply((_uri, body) => {
      calls.push({ at: options.clock?.now() ?? 0, body: body as Body });
      if (options.clock && options.callMs) options.clock.advance(options.callMs);
      const answer = options.answer?.(calls.length, body as Body) ?? 202;
      return Array.isArray(answer) ? answer : [answer, ''];
    });
  return { calls, refs: () => calls.map((c) => c.body.referenceNumber as string) };
}

const batch = (inputData: Record<string, unknown>, clock = new FakeClock()) =>
  appTester(async (z, bundle) => sendInvitationsBatch(z, bundle, { clock }), { authData, inputData }) as Promise<BatchOutput>;

const item = (n: number, extra: Record<string, unknown> = {}) => ({
  consumer_email: `customer${n}@example.com`,
  consumer_name: `Customer ${n}`,
  reference_number: `ORD-${1000 + n}`,
  ...extra,
});
const items = (count: number) => Array.from({ length: count }, (_, i) => item(i + 1));
const statuses = (out: BatchOutput) => out.results.map((r) => `${r.row}:${r.status}`);

beforeEach(() => appTester(async () => null, {}, true)); // an empty z.cache for every test

describe('send_invitations_batch: rows', () => {
  it('sends the valid rows with the shared settings, and reports invalid rows with their number and field', async () => {
    const tp = trustpilot();
    const out = await batch({
      invitations: [
        item(1, { product_skus: 'TENT-2P, STOVE-X1', tags: 'vip', locale: 'en-GB' }),
        item(2, { consumer_email: 'john(at)example.com' }),
        item(3),
        { consumer_email: '', consumer_name: '', reference_number: '' }, // an empty line item is ignored
        item(4, { tags: 'big spender' }),
        item(1, { consumer_email: 'CUSTOMER1@example.com' }), // the same invitation as row 1
      ],
      default_locale: 'de-DE',
      shared_tags: 'import-2026',
      delay_days: 3,
      template_id: '507f191e810c19729de860eb',
      product_template_id: '5c17c7ebb565bb0001046fbd',
      sender_name: 'Acme Outdoor Gear',
      reply_to: 'support@acme-outdoor.example',
    });

    expect(tp.calls.map((c) => c.body)).toStrictEqual([
      {
        referenceNumber: 'ORD-1001',
        consumerName: 'Customer 1',
        consumerEmail: 'customer1@example.com',
        type: 'email',
        locale: 'en-GB',
        senderName: 'Acme Outdoor Gear',
        replyTo: 'support@acme-outdoor.example',
        serviceReviewInvitation: { templateId: '507f191e810c19729de860eb', preferredSendTime: '2026-11-17T10:00:00', tags: ['import-2026', 'vip'] },
        productReviewInvitation: { templateId: '5c17c7ebb565bb0001046fbd', preferredSendTime: '2026-11-17T10:01:00', productSkus: ['TENT-2P', 'STOVE-X1'] },
      },
      {
        referenceNumber: 'ORD-1003',
        consumerName: 'Customer 3',
        consumerEmail: 'customer3@example.com',
        type: 'email',
        locale: 'de-DE',
        senderName: 'Acme Outdoor Gear',
        replyTo: 'support@acme-outdoor.example',
        serviceReviewInvitation: { templateId: '507f191e810c19729de860eb', preferredSendTime: '2026-11-17T10:00:00', tags: ['import-2026'] },
      },
    ]);
    expect(statuses(out)).toEqual(['1:sent', '2:invalid', '3:sent', '4:invalid', '5:duplicate']);
    expect(out.results[0]).toStrictEqual({
      row: 1,
      status: 'sent',
      reason: '',
      consumer_email: 'customer1@example.com',
      consumer_name: 'Customer 1',
      reference_number: 'ORD-1001',
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      preferred_send_time: '2026-11-17T10:00:00Z',
    });
    expect(out.results[1]).toMatchObject({ reason: expect.stringMatching(/^Row 2: Customer Email: "john\(at\)example.com" is not a valid email address/), id: '', consumer_email: 'john(at)example.com' });
    expect(out.results[3]!.reason).toMatch(/^Row 4: Tags: must not contain spaces/);
    expect(out.results[4]!.reason).toBe('Same customer email and reference number as row 1: one invitation, handled there.');
    expect(out).toMatchObject({
      business_unit_id: BUSINESS_UNIT_ID,
      business_unit_name: 'Acme Outdoor Gear',
      source: 'line items',
      total_rows: 5,
      sent_count: 2,
      duplicate_count: 1,
      invalid_count: 2,
      not_in_sample_count: 0,
      not_reached_count: 0,
      outcome_unknown_count: 0,
      complete: true,
      stopped_reason: '',
      summary: '2 sent, 1 duplicate, 2 invalid, 0 not in sample, 0 not reached, of 5 rows.',
      not_reached_csv: '',
    });
    expect(out.invalid_rows.split('\n')).toEqual([out.results[1]!.reason, out.results[3]!.reason]);
    expect(out.id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('fails, listing every row, when no row can be sent', async () => {
    const err = await caught(() => batch({ invitations: [item(1, { consumer_email: 'nope' }), item(2, { locale: 'english' })] }));
    const { message, code } = zapierError(err);
    expect(code).toBe('invalid_input');
    expect(message).toMatch(/^Invitations \(Line Items\): none of the 2 invitations can be sent, so nothing was sent\./);
    expect(message).toContain('Row 1: Customer Email: "nope" is not a valid email address');
    expect(message).toContain('Row 2: Language: "english" is not a language');
  });

  it.each([
    ['Default Language', { default_locale: 'german' }],
    ['Tags for Every Row', { shared_tags: 'big spender' }],
    ['Send At', { delay_days: 2, send_at: '2026-12-01T09:00:00Z' }],
    ['Send After (Days)', { delay_days: 120 }],
    ['Sender Email', { sender_email: 'x@' }],
    ['Redirect URL', { redirect_uri: 'data:text/html,hi' }],
  ])('rejects a bad shared setting (%s) before reading any row', async (field, bad) => {
    const { message, code } = zapierError(await caught(() => batch({ invitations: items(2), ...bad })));
    expect(code).toBe('invalid_input');
    expect(message).toContain(field);
  });

  it('leaves out rows outside the neutral sample without calling Trustpilot for them', async () => {
    const tp = trustpilot();
    const rows = items(12);
    const out = await batch({ invitations: rows, sample_one_in: 3 });
    const expected = rows.filter((r) => isInSample(r.reference_number, 3)).map((r) => r.reference_number);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(12);
    expect(tp.refs()).toEqual(expected);
    expect(out.not_in_sample_count).toBe(12 - expected.length);
    expect(out.results.filter((r) => r.status === 'not in sample').every((r) => r.reason.includes('1-in-3'))).toBe(true);
  });
});

describe('send_invitations_batch: one Zapier step', () => {
  it('paces the calls through the account’s shared rate budget: the first at once, then one per tick of 1/2.7 s, no burst', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const tp = trustpilot({ clock });
    const out = await batch({ invitations: items(9) }, clock);
    expect(out.sent_count).toBe(9);
    const at = tp.calls.map((c) => c.at - start);
    expect(at[0]).toBe(0);
    const ticks = tp.calls.map((c) => Math.floor(c.at / TICK_MS));
    ticks.forEach((t, i) => i > 0 && expect(t).toBe(ticks[i - 1]! + 1)); // one call per tick, none skipped
    expect(clock.sleeps).toHaveLength(8);
  });

  it('stops starting sends after 22 s and returns the rest as "not reached", ready for a follow-up run', async () => {
    const clock = new FakeClock();
    const tp = trustpilot({ clock, callMs: 5_000 }); // a slow Trustpilot: 5 s per call
    const out = await batch({ invitations: [...items(7), item(8, { product_skus: 'A-1,B-2', tags: 'vip', locale: 'en-GB' })], shared_tags: 'import' }, clock);
    expect(tp.calls.map((c) => c.at - tp.calls[0]!.at)).toEqual([0, 5_000, 10_000, 15_000, 20_000]);
    expect(statuses(out)).toEqual(['1:sent', '2:sent', '3:sent', '4:sent', '5:sent', '6:not reached', '7:not reached', '8:not reached']);
    expect(out.results[5]!.reason).toMatch(/^Not sent: this step stops starting invitations after 22 seconds/);
    expect(out).toMatchObject({ complete: false, stopped_reason: 'time limit', not_reached_count: 3 });
    expect(out.not_reached_csv).toBe(
      [HEADER, 'customer6@example.com,Customer 6,ORD-1006,,,', 'customer7@example.com,Customer 7,ORD-1007,,,', 'customer8@example.com,Customer 8,ORD-1008,"A-1,B-2",vip,en-GB'].join('\n'),
    );

    // The follow-up step gets Not Reached CSV and sends exactly the rest, with the same shared settings.
    const followUp = await batch({ csv_text: out.not_reached_csv, shared_tags: 'import' });
    expect(statuses(followUp)).toEqual(['1:sent', '2:sent', '3:sent']);
    expect(tp.refs()).toEqual(['ORD-1001', 'ORD-1002', 'ORD-1003', 'ORD-1004', 'ORD-1005', 'ORD-1006', 'ORD-1007', 'ORD-1008']);
    expect(tp.calls[7]!.body).toMatchObject({ locale: 'en-GB', serviceReviewInvitation: { tags: ['import', 'vip'] }, productReviewInvitation: { productSkus: ['A-1', 'B-2'] } });
  });

  it('stops at a 429 mid-batch without failing: sent rows stay sent, the rest are "not reached"', async () => {
    const tp = trustpilot({ answer: (n) => (n === 3 ? 429 : 202) });
    const out = await batch({ invitations: items(5) });
    expect(tp.refs()).toEqual(['ORD-1001', 'ORD-1002', 'ORD-1003']);
    expect(statuses(out)).toEqual(['1:sent', '2:sent', '3:not reached', '4:not reached', '5:not reached']);
    expect(out.results[2]!.reason).toMatch(/Trustpilot rate limit \(833 calls per 5 minutes, shared by all your Zaps\) is used up/);
    expect(out).toMatchObject({ stopped_reason: 'rate limited', complete: false, sent_count: 2, not_reached_count: 3 });
    expect(out.not_reached_csv.split('\n')).toHaveLength(4);

    // Replaying the same step later sends only what was not sent.
    const replay = await batch({ invitations: items(5) });
    expect(statuses(replay)).toEqual(['1:duplicate', '2:duplicate', '3:sent', '4:sent', '5:sent']);
    expect(tp.refs()).toEqual(['ORD-1001', 'ORD-1002', 'ORD-1003', 'ORD-1003', 'ORD-1004', 'ORD-1005']);
  });

  it('lets Zapier retry later when the very first send meets a 429 (nothing to report yet)', async () => {
    trustpilot({ answer: () => 429 });
    const err = await caught(() => batch({ invitations: items(3) }));
    expect(err.name).toBe('ThrottledError');
  });

  it('marks a lost answer (500) as "outcome unknown", never retries it, and stops', async () => {
    const tp = trustpilot({ answer: (n) => (n === 2 ? [500, { message: 'Internal error' }] : 202) });
    const out = await batch({ invitations: items(4) });
    expect(tp.refs()).toEqual(['ORD-1001', 'ORD-1002']);
    expect(statuses(out)).toEqual(['1:sent', '2:outcome unknown', '3:not reached', '4:not reached']);
    expect(out.results[1]!.reason).toMatch(/cannot tell whether it took effect/);
    expect(out.results[2]!.reason).toMatch(/answer for row 2 was lost/);
    expect(out.not_reached_csv).not.toContain('ORD-1002');
    expect(out).toMatchObject({ outcome_unknown_count: 1, complete: false, stopped_reason: 'error' });

    // A replay never sends row 2 again (its first attempt may have gone through), and still reports it as
    // unknown, with the first run's sentence: the unknown state does not turn into "duplicate".
    const replay = await batch({ invitations: items(4) });
    expect(statuses(replay)).toEqual(['1:duplicate', '2:outcome unknown', '3:sent', '4:sent']);
    expect(replay.results[1]!.reason).toBe(out.results[1]!.reason);
    expect(replay).toMatchObject({ outcome_unknown_count: 1, complete: false });
    expect(tp.refs()).toEqual(['ORD-1001', 'ORD-1002', 'ORD-1003', 'ORD-1004']);
  });

  it('reports a row Trustpilot rejects (400) as invalid and goes on', async () => {
    const tp = trustpilot({ answer: (n) => (n === 2 ? [400, badRequest] : 202) });
    const out = await batch({ invitations: items(3) });
    expect(tp.calls).toHaveLength(3);
    expect(statuses(out)).toEqual(['1:sent', '2:invalid', '3:sent']);
    expect(out.results[1]!.reason).toMatch(/^Row 2: Trustpilot refused “Customer Email” when we tried to schedule the review invitation: Invalid consumer email \(error code 1001\)/);
  });

  it('fails instead of burning calls when Trustpilot rejects the first three rows (a settings problem)', async () => {
    const tp = trustpilot({ answer: () => [400, badRequest] });
    expect(zapierError(await caught(() => batch({ invitations: items(10) }))).code).toBe('trustpilot_1001');
    expect(tp.calls).toHaveLength(3);
  });

  it('fails on a 403 (errorCode 1014) before anything is sent', async () => {
    const tp = trustpilot({ answer: () => [403, forbidden] });
    const { code, message } = zapierError(await caught(() => batch({ invitations: items(3) })));
    expect(code).toBe('trustpilot_forbidden');
    expect(message).toContain('error code 1014');
    expect(tp.calls).toHaveLength(1);
  });

  it('stops at the monthly cap and returns the rest as "not reached"', async () => {
    const tp = trustpilot();
    const out = await batch({ invitations: items(4), monthly_cap: 2 });
    expect(tp.calls).toHaveLength(2);
    expect(statuses(out)).toEqual(['1:sent', '2:sent', '3:not reached', '4:not reached']);
    expect(out.results[2]!.reason).toMatch(/^Not sent: Monthly cap of 2 reached on 2026-11-14; resets on 2026-12-01/);
    expect(out.stopped_reason).toBe('monthly cap');
  });
});

describe('send_invitations_batch: replays', () => {
  it('never sends a row twice when the step is replayed', async () => {
    const tp = trustpilot();
    const first = await batch({ invitations: items(3), delay_days: 1 });
    const replay = await batch({ invitations: items(3), delay_days: 1 }, new FakeClock(Date.parse('2026-11-14T12:00:00Z')));
    expect(tp.calls).toHaveLength(3);
    expect(statuses(replay)).toEqual(['1:duplicate', '2:duplicate', '3:duplicate']);
    expect(replay.results[0]).toStrictEqual({
      ...first.results[0],
      status: 'duplicate',
      reason: 'Already sent on 2026-11-14T10:00:00Z (within the last 24 hours); not sent again.',
    });
    expect(replay.id).toBe(first.id);
  });

  it('shares its idempotency key with Send Review Invitation', async () => {
    const tp = trustpilot();
    const single = createPerform('send_invitation');
    const sent = (await appTester(single, { authData, inputData: item(2) })) as { id: string };
    const out = await batch({ invitations: items(3) });
    expect(tp.refs()).toEqual(['ORD-1002', 'ORD-1001', 'ORD-1003']);
    expect(statuses(out)).toEqual(['1:sent', '2:duplicate', '3:sent']);
    expect(out.results[1]!.id).toBe(sent.id);
  });
});

describe('send_invitations_batch: sources', () => {
  const FILE_HOST = 'https://zapier-dev-files.example';
  // The file host is nock's; DNS is not asked. It resolves to a public address (TEST-NET is reserved, so a real one).
  const realLookup = publicUrlPolicy.lookup;
  beforeAll(() => {
    publicUrlPolicy.lookup = async (host) => (host === 'zapier-dev-files.example' ? [{ address: '93.184.215.14', family: 4 }] : realLookup(host));
  });
  afterAll(() => {
    publicUrlPolicy.lookup = realLookup;
  });

  it.each([
    ['the cloud metadata service', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'],
    ['loopback', 'http://127.0.0.1:8080/admin.csv'],
    ['loopback by name', 'http://localhost/admin.csv'],
    ['a private network', 'https://10.0.0.7/export.csv'],
    ['a private network (192.168)', 'https://192.168.1.1/export.csv'],
    ['IPv6 loopback', 'http://[::1]/x.csv'],
    ['an IPv4-mapped IPv6 metadata address', 'http://[::ffff:169.254.169.254]/x.csv'],
    ['AWS’s IPv6 metadata address', 'http://[fd00:ec2::254]/x.csv'],
    ['a decimal-encoded loopback', 'http://2130706433/x.csv'],
    ['a host name that resolves to a private address', 'https://intranet.zapier-dev-files.example/x.csv'],
  ])('refuses a CSV File on %s before any request', async (_what, url) => {
    const lookup = publicUrlPolicy.lookup;
    publicUrlPolicy.lookup = async (host) => (host.startsWith('intranet.') ? [{ address: '10.1.2.3', family: 4 }] : lookup(host));
    try {
      const tp = trustpilot();
      // No interceptor for any of these hosts: a request would fail the test with a different error.
      const { message, code } = zapierError(await caught(() => batch({ csv_file: url })));
      expect(code).toBe('invalid_input');
      expect(message).toMatch(/^CSV File: must point to a public address on the internet/);
      expect(tp.calls).toHaveLength(0);
    } finally {
      publicUrlPolicy.lookup = lookup;
    }
  });

  it('refuses a CSV File link that redirects to the metadata service, without following it', async () => {
    const first = nock(FILE_HOST).get('/hydrate/redirect.csv').reply(302, '', { location: 'http://169.254.169.254/latest/meta-data/' });
    const { message } = zapierError(await caught(() => batch({ csv_file: `${FILE_HOST}/hydrate/redirect.csv` })));
    expect(first.isDone()).toBe(true);
    expect(message).toMatch(/^CSV File: must point to a public address on the internet, but 169\.254\.169\.254 is a private, link-local or reserved address/);
  });

  it('follows a redirect to another public host (Zapier’s file links redirect to storage)', async () => {
    trustpilot();
    nock(FILE_HOST).get('/hydrate/moved.csv').reply(302, '', { location: '/storage/invitations.csv' });
    nock(FILE_HOST).get('/storage/invitations.csv').reply(200, 'consumer_email,consumer_name,reference_number\njo@example.com,Jo,ORD-9\n');
    await expect(batch({ csv_file: `${FILE_HOST}/hydrate/moved.csv` })).resolves.toMatchObject({ source: 'csv file', sent_count: 1 });
  });

  it('reads CSV text from European Excel: BOM, semicolons, quotes, extra columns', async () => {
    const tp = trustpilot();
    const csv = '\uFEFFE-Mail;Name;Reference;SKUs;Notes\r\njane@example.com;"Doe; Jane";ORD-1;TENT-2P,STOVE-X1;call\r\n;;;;\r\njohn@example.com;John;ORD-2;;\r\n';
    const out = await batch({ csv_text: csv });
    expect(out).toMatchObject({ source: 'csv text', sent_count: 2, ignored_columns: 'Notes' });
    expect(tp.calls[0]!.body).toMatchObject({ consumerName: 'Doe; Jane', productReviewInvitation: { productSkus: ['TENT-2P', 'STOVE-X1'] } });
  });

  it('downloads a CSV file (Windows-1252 from Excel) and reads it', async () => {
    const tp = trustpilot();
    const bytes = Buffer.concat([Buffer.from('consumer_email,consumer_name,reference_number\r\njose@example.com,Jos'), Buffer.from([0xe9]), Buffer.from(',ORD-7\r\n')]);
    nock(FILE_HOST).get('/hydrate/invitations.csv').reply(200, bytes, { 'content-type': 'text/csv', 'content-length': String(bytes.length) });
    const out = await batch({ csv_file: `${FILE_HOST}/hydrate/invitations.csv` });
    expect(out).toMatchObject({ source: 'csv file', sent_count: 1 });
    expect(tp.calls[0]!.body.consumerName).toBe('José');
  });

  it('lets Zapier retry when the file’s server answers 429, with a sentence of ours beside the error', async () => {
    const tp = trustpilot();
    nock(FILE_HOST).get('/busy.csv').reply(429, 'slow down', { 'retry-after': '30' });
    const err = await caught(() => batch({ csv_file: `${FILE_HOST}/busy.csv` }));
    expect(err.name).toBe('ThrottledError');
    expect(factsOf(err)).toMatchObject({ kind: 'refused', status: 429, sentence: expect.stringMatching(/^The file’s server asked us to slow down/) });
    expect(tp.calls).toHaveLength(0);
  });

  it('refuses a file over 1 MB without reading it, before any Trustpilot call', async () => {
    const tp = trustpilot();
    nock(FILE_HOST).get('/big.csv').reply(200, 'consumer_email', { 'content-length': String(5 * 1024 * 1024) });
    const { message, code } = zapierError(await caught(() => batch({ csv_file: `${FILE_HOST}/big.csv` })));
    expect(code).toBe('invalid_input');
    expect(message).toMatch(/^CSV File: is larger than 1 MB/);
    expect(tp.calls).toHaveLength(0);
  });

  it('stops reading a file whose size was not announced once it passes 1 MB', async () => {
    // A stream: no Content-Length, so only counting the bytes as they arrive can stop it.
    const chunks = Array.from({ length: 20 }, () => Buffer.alloc(64 * 1024, 0x61));
    nock(FILE_HOST).get('/chunked.csv').reply(200, () => Readable.from(chunks));
    expect(zapierError(await caught(() => batch({ csv_file: `${FILE_HOST}/chunked.csv` }))).message).toMatch(/larger than 1 MB/);
  });

  it('explains a file that cannot be downloaded', async () => {
    nock(FILE_HOST).get('/gone.csv').reply(404, 'Not Found');
    expect(zapierError(await caught(() => batch({ csv_file: `${FILE_HOST}/gone.csv` }))).message).toMatch(/CSV File: could not be downloaded \(HTTP 404\)/);
  });

  it.each([
    ['no source', {}, /add the invitations to send/],
    ['two sources', { invitations: items(1), csv_text: `${HEADER}\na@example.com,A,1,,,` }, /one way only/],
    ['a header without rows', { csv_text: HEADER }, /CSV Text: has a header but no invitations/],
    ['text in the file field', { csv_file: 'jane@example.com,Jane,ORD-1' }, /CSV File: must be a file/],
  ])('explains %s', async (_what, inputData, message) => {
    expect(zapierError(await caught(() => batch(inputData))).message).toMatch(message);
  });

  it('runs through the app’s own perform with the real clock', async () => {
    const tp = trustpilot();
    const perform = createPerform('send_invitations_batch');
    const out = (await appTester(perform, { authData, inputData: { csv_text: `${HEADER}\na@example.com,Ann,R-1,,,\nb@example.com,Bob,R-2,,,` } })) as BatchOutput;
    expect(out.sent_count).toBe(2);
    expect(tp.calls).toHaveLength(2);
  });
});
