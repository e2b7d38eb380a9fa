import nock from 'nock';

import App from '../../index';
import { buildAfsEmail } from '../../src/afs/afs-email';
import { isInSample } from '../../src/invitations/policy/sampling';
import { appTester, authData, caught, SECRETS, zapierError } from '../helpers';
import { createPerform } from '../helpers/operations';

const create = App.creates!.build_afs_email!;
const perform = createPerform('build_afs_email');

/** The observed AFS address form (docs/upstream-facts.md, "Trustpilot: Automatic Feedback Service (AFS)"): <domain>+<10 hex>@invite.trustpilot.com. */
const AFS = 'acme-outdoor.example+3b16a3a86d@invite.trustpilot.com';
const required = { afs_address: AFS, consumer_email: 'jane.cooper@example.com', consumer_name: 'Jane Cooper', reference_number: 'OPP-00042' };
const BODY = '<!DOCTYPE html>\n<html>\n<body>\n<p>Hi Jane, your order OPP-00042 is on its way.</p>\n</body>\n</html>\n';

type Output = Record<string, unknown> & { bcc: string; snippet_html: string; html_body: string };
const run = (inputData: Record<string, unknown>, clearCache = true, auth: Record<string, unknown> = authData) =>
  appTester(perform, { authData: auth, inputData } as never, clearCache) as Promise<Output>;

const SCRIPT = /<script type="application\/json\+trustpilot">\n([\s\S]*?)\n<\/script>/g;

/** The snippets in an HTML text, parsed: what Trustpilot reads out of the email. */
function snippetsIn(html: string): unknown[] {
  return [...html.matchAll(SCRIPT)].map((match) => JSON.parse(match[1]!));
}

describe('build_afs_email: the snippet', () => {
  it('builds the minimal snippet, To and BCC, and a minimal HTML email around it', async () => {
    const out = await run(required);
    expect(out.snippet_html).toBe(
      [
        '<script type="application/json+trustpilot">',
        '{',
        '  "recipientEmail": "jane.cooper@example.com",',
        '  "recipientName": "Jane Cooper",',
        '  "referenceId": "OPP-00042"',
        '}',
        '</script>',
      ].join('\n'),
    );
    expect(out).toMatchObject({ to: 'jane.cooper@example.com', bcc: AFS, invited: true, duplicate: false, reason: '' });
    expect(out.html_body).toMatch(/^<!DOCTYPE html>/);
    expect(snippetsIn(out.html_body)).toEqual([{ recipientEmail: 'jane.cooper@example.com', recipientName: 'Jane Cooper', referenceId: 'OPP-00042' }]);
    expect(out).toMatchObject({
      consumer_email: 'jane.cooper@example.com',
      consumer_name: 'Jane Cooper',
      reference_number: 'OPP-00042',
      template_id: '',
      product_template_id: '',
      locale: '',
      preferred_send_time: '',
      product_preferred_send_time: '',
      tags: [],
      product_skus: [],
      sender_name: '',
      sender_email: '',
      reply_to: '',
      location_id: '',
    });
  });

  it('carries every field under Trustpilot’s names, and appends the snippet before </body>', async () => {
    const out = await run({
      ...required,
      afs_address: ' Acme-Outdoor.example+3b16a3a86d@INVITE.trustpilot.com ',
      template_id: '507f191e810c19729de860eb',
      product_template_id: '5c17c7ebb565bb0001046fbd',
      locale: 'en-GB',
      send_at: '2026-12-08T10:30:00+01:00',
      tags: 'closed-won,emea',
      product_skus: ['TENT-2P-GRN', 'STOVE-1B'],
      sender_name: 'Acme Outdoor Gear',
      sender_email: 'orders@acme-outdoor.example',
      reply_to: 'support@acme-outdoor.example',
      location_id: 'STORE-LDN-01',
      body_html: BODY,
    });
    const expected = {
      recipientEmail: 'jane.cooper@example.com',
      recipientName: 'Jane Cooper',
      referenceId: 'OPP-00042',
      templateId: '507f191e810c19729de860eb',
      productReviewInvitationTemplateId: '5c17c7ebb565bb0001046fbd',
      locale: 'en-GB',
      senderEmail: 'orders@acme-outdoor.example',
      senderName: 'Acme Outdoor Gear',
      replyTo: 'support@acme-outdoor.example',
      preferredSendTime: '2026-12-08T09:30:00',
      productReviewInvitationPreferredSendTime: '2026-12-08T09:31:00',
      tags: ['closed-won', 'emea'],
      products: [{ sku: 'TENT-2P-GRN' }, { sku: 'STOVE-1B' }],
      locationId: 'STORE-LDN-01',
    };
    expect(snippetsIn(out.snippet_html)).toEqual([expected]);
    // Key order as in Trustpilot's example snippet.
    expect(Object.keys(snippetsIn(out.snippet_html)[0] as object)).toEqual(Object.keys(expected));
    expect(out.bcc).toBe('Acme-Outdoor.example+3b16a3a86d@invite.trustpilot.com');
    expect(out.html_body).toBe(BODY.replace('</body>', `${out.snippet_html}\n</body>`));
    expect(out).toMatchObject({
      preferred_send_time: '2026-12-08T09:30:00Z',
      product_preferred_send_time: '2026-12-08T09:31:00Z',
      tags: ['closed-won', 'emea'],
      product_skus: ['TENT-2P-GRN', 'STOVE-1B'],
      template_id: '507f191e810c19729de860eb',
      sender_email: 'orders@acme-outdoor.example',
    });
  });

  it('turns a delay in days into preferredSendTime, and leaves the product time out without SKUs', async () => {
    const now = new Date('2026-11-24T08:15:42.500Z');
    const out = await appTester(async (z, bundle) => buildAfsEmail(z, bundle, now), { inputData: { ...required, delay_days: '7' } } as never, true);
    expect(snippetsIn(out.snippet_html)).toEqual([
      { recipientEmail: 'jane.cooper@example.com', recipientName: 'Jane Cooper', referenceId: 'OPP-00042', preferredSendTime: '2026-12-01T08:15:42' },
    ]);
    expect(out).toMatchObject({ preferred_send_time: '2026-12-01T08:15:42Z', product_preferred_send_time: '' });
    expect(out.snippet_html).not.toContain('productReviewInvitationPreferredSendTime');
  });

  it.each([
    ['a script end tag', '</script><script>alert("pwned")</script>'],
    ['an upper-case script end tag', 'Jane </SCRIPT > Cooper'],
    ['an HTML comment', 'Jane <!-- Cooper --> Doe'],
    ['quotes and backslashes', 'Jane "JC" O\'Cooper \\ \\" \\u003c'],
    ['an ampersand entity', 'Jane &lt;/script&gt; &amp; Co'],
    ['emoji', 'Jane 🙂👍🏽 Cooper 👨‍👩‍👧'],
    ['right-to-left text', 'محمد بن سلمان \u202Eevil\u202C'],
    ['line separators', 'Jane\u2028Cooper\u2029Doe'],
    ['a closing body tag', 'Jane</body></html><p>'],
  ])('keeps a name with %s inside the JSON, through the action', async (_case, name) => {
    const out = await run({ ...required, consumer_name: name, reference_number: `${name}#1`, sender_name: name, body_html: BODY });
    for (const html of [out.snippet_html, out.html_body]) {
      // Exactly one script element, opened and closed by us; no comment can start inside it.
      expect(html.match(/<script/gi)).toHaveLength(1);
      expect(html.match(/<\/script/gi)).toHaveLength(1);
      expect(html.indexOf('<\/script>')).toBeGreaterThan(html.indexOf('<script'));
      const inside = html.slice(html.indexOf('<script'), html.indexOf('</script>'));
      expect(inside).not.toMatch(/<!--|-->|\u2028|\u2029/);
      expect(snippetsIn(html)).toEqual([
        expect.objectContaining({ recipientName: name, referenceId: `${name}#1`, senderName: name }),
      ]);
    }
    // The user's own body is intact around the snippet.
    expect(out.html_body).toBe(BODY.replace('</body>', `${out.snippet_html}\n</body>`));
  });

  it.each([
    ['afs_address', { afs_address: 'reviews@acme-outdoor.example' }, /^AFS BCC Address \(Override\): must end in @invite\.trustpilot\.com/],
    ['afs_address', { afs_address: '' }, /^AFS BCC Address: fill it in once in the connection/],
    ['sender_email', { sender_email: 'orders at acme' }, /^Sender Email: .* is not a valid email address/],
    ['reply_to', { reply_to: 'support@' }, /^Reply-To Email: .* is not a valid email address/],
    ['send_at', { send_at: '2026-12-08T09:30:00Z', delay_days: 3 }, /^Send At: cannot be combined with Send After \(Days\)/],
    ['delay_days', { delay_days: 120 }, /^Send After \(Days\): must be a whole number of days from 0 to 90/],
    ['tags', { tags: 'closed won' }, /^Tags: must not contain spaces/],
    ['consumer_name', { consumer_name: '  ' }, /^Customer Name: is required/],
  ])('rejects a bad %s, naming it', async (_field, bad, message) => {
    const err = zapierError(await caught(() => run({ ...required, ...bad })));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(message);
  });

  it('needs no part of the connection', async () => {
    const out = await run(required, true, {});
    expect(out.bcc).toBe(AFS);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('takes the BCC address from the connection, so the step does not ask for it again', async () => {
    const { afs_address: _typed, ...withoutAddress } = required;
    const out = await run(withoutAddress, true, { afs_bcc_address: AFS });
    expect(out).toMatchObject({ bcc: AFS, invited: true });
    expect(snippetsIn(out.html_body)).toHaveLength(1);
  });

  it('lets the step’s own address (from Zaps built before the connection had one) override the connection’s', async () => {
    const older = 'old-shop.example+0a1b2c3d4e@invite.trustpilot.com';
    expect((await run({ ...required, afs_address: older }, true, { afs_bcc_address: AFS })).bcc).toBe(older);
  });

  it('asks for the address once, in the connection, when neither has it', async () => {
    const { afs_address: _typed, ...withoutAddress } = required;
    const err = zapierError(await caught(() => run(withoutAddress, true, {})));
    expect(err.message).toMatch(/^AFS BCC Address: fill it in once in the connection/);
  });

  it('outputs exactly the keys of outputFields and of the sample', async () => {
    const out = await run(required);
    const outputKeys = (create.operation.outputFields as Array<{ key: string }>).map((f) => f.key).sort();
    expect(Object.keys(out).sort()).toEqual(outputKeys);
    expect(Object.keys(create.operation.sample as object).sort()).toEqual(outputKeys);
    expect(snippetsIn((create.operation.sample as { html_body: string }).html_body)).toHaveLength(1);
  });
});

describe('build_afs_email: sampling, replays and the cap', () => {
  const refs = Array.from({ length: 60 }, (_, i) => `ORD-${3000 + i}`);

  it('outside the sample, outputs nothing that invites: no BCC, no snippet, the body unchanged', async () => {
    const outside = refs.find((ref) => !isInSample(ref, 3))!;
    for (const clear of [true, false]) {
      const out = await run({ ...required, reference_number: outside, sample_one_in: 3, body_html: BODY }, clear);
      expect(out).toMatchObject({ to: 'jane.cooper@example.com', bcc: '', snippet_html: '', html_body: BODY, invited: false, duplicate: false });
      expect(out.reason).toMatch(/^Not in the neutral sample: this step invites 1 customer in 3/);
      expect(JSON.stringify(out)).not.toContain('invite.trustpilot.com');
      expect(JSON.stringify(out)).not.toContain('application/json+trustpilot');
    }
    // Without a body of the user's own, there is no HTML body at all.
    expect((await run({ ...required, reference_number: outside, sample_one_in: 3 })).html_body).toBe('');
    const inside = refs.find((ref) => isInSample(ref, 3))!;
    expect(await run({ ...required, reference_number: inside, sample_one_in: 3 })).toMatchObject({ bcc: AFS, invited: true });
  });

  it('returns the first run’s email on a replay, marked as a duplicate', async () => {
    const first = await run({ ...required, delay_days: 7, body_html: BODY }, true);
    const replay = await run({ ...required, delay_days: 7, body_html: BODY }, false);
    expect(replay).toEqual({ ...first, duplicate: true });
  });

  it('counts the monthly cap per AFS address', async () => {
    await run({ ...required, monthly_cap: '1' }, true);
    const err = await caught(() => run({ ...required, reference_number: 'OPP-00043', monthly_cap: '1' }, false));
    expect(err.name).toBe('HaltedError');
    expect(err.message).toMatch(/^Monthly cap of 1 reached on/);
    const otherAccount = 'acme-outdoor.example+0a1b2c3d4e@invite.trustpilot.com';
    expect(await run({ ...required, afs_address: otherAccount, reference_number: 'OPP-00043', monthly_cap: '1' }, false)).toMatchObject({ bcc: otherAccount, invited: true });
  });
});

describe('build_afs_email: a customer without an email', () => {
  const noEmail = { ...required, consumer_email: '', body_html: BODY };

  it('goes through with invited: false and the reason, the body unchanged and no BCC', async () => {
    const out = await run(noEmail);
    expect(out).toMatchObject({ to: '', bcc: '', snippet_html: '', html_body: BODY, invited: false, duplicate: false });
    expect(out.reason).toBe('No email address for Jane Cooper, reference OPP-00042: Customer Email is empty, so no invitation was created.');
    const outputKeys = (create.operation.outputFields as Array<{ key: string }>).map((f) => f.key).sort();
    expect(Object.keys(out).sort()).toEqual(outputKeys);
  });

  it('stops with an error naming Customer Email when the user chose so', async () => {
    const err = zapierError(await caught(() => run({ ...noEmail, when_email_missing: 'error' })));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/consumer_email|Customer Email/);
  });
});

describe('build_afs_email: secrets', () => {
  it('puts no secret of the connection in any output', async () => {
    const text = JSON.stringify(await run({ ...required, body_html: BODY }));
    for (const secret of [...SECRETS, authData.trustpilot_api_key]) expect(text).not.toContain(secret);
  });
});
