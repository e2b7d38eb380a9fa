import { createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import nock from 'nock';

import App from '../../index';
import { BglIntegrityError, decryptBglPayload, decryptBglPlaintext, type BglKeys } from '../../src/business-generated-links/bgl';
import { isInSample } from '../../src/invitations/policy/sampling';
import { appTester, authData, caught, SECRETS, zapierError } from '../helpers';
import { decodeQrPng } from '../helpers/qr';
import { DEPLOY_KEY, nockStash } from '../helpers/stash';
import { createPerform } from '../helpers/operations';

const create = App.creates!.create_business_generated_link!;
const perform = createPerform('create_business_generated_link');

/** The connection's keys in test/helpers (the official Node example's keys, docs/upstream-facts.md, "Trustpilot: Business Generated Links"). */
const CONNECTION_KEYS: BglKeys = { encryptionKey: authData.bgl_encryption_key, authenticationKey: authData.bgl_authentication_key };
/** The official C# library's test keys and known-answer vector (docs/upstream-facts.md, "Trustpilot: Business Generated Links"). */
const OFFICIAL = {
  keys: { encryptionKey: 'g9hH6MkVnlKlGa5IG+5R/uKgyrCJxOsh5fXlwK0mjH0=', authenticationKey: 'oGmd/bHHkd+N6P6lZQxyfikjU7c5P/mhWO/noCsERyY=' },
  cipherText: 'YGyEXyUEsqCDXvEylo4ZVRWjkAMD+nGd4jhqqbA04VHpnhx2eEEUXjBE5YHCjZP+3nYiodBXWYsjy3UTO6Z8v1XaeeUBgjj6vRcxqNH0HxU=',
  plainText: 'this is a test input string',
};

const required = { consumer_email: 'jane.cooper@example.com', consumer_name: 'Jane Cooper', reference_number: 'OPP-00042' };
/** A connection with only the BGL part and the business unit domain: no Trustpilot API, no Salesforce. */
const bglOnly = {
  trustpilot_business_unit: 'acme-outdoor.example',
  bgl_encryption_key: authData.bgl_encryption_key,
  bgl_authentication_key: authData.bgl_authentication_key,
};

type Output = Record<string, unknown> & { url: string; qr_code: string; message_text: string };
const run = (inputData: Record<string, unknown>, auth: Record<string, unknown> = authData, clearCache = true) =>
  appTester(perform, { authData: auth, inputData } as never, clearCache) as Promise<Output>;

/** The `p` value of a link, URL-decoded, checking the rest of the URL on the way. */
function payloadOf(url: string, host = 'www.trustpilot.com', domain = 'acme-outdoor.example'): string {
  const parsed = new URL(url);
  expect(`${parsed.protocol}//${parsed.host}${parsed.pathname}`).toBe(`https://${host}/evaluate-bgl/${domain}`);
  expect([...parsed.searchParams.keys()]).toEqual(['p']);
  return parsed.searchParams.get('p')!;
}

/**
 * Trustpilot's scheme written out independently of src/business-generated-links/bgl.ts, as in the official Node example:
 * base64(IV 16 ‖ AES-256-CBC ciphertext ‖ HMAC-SHA256(authkey, IV ‖ ciphertext)).
 */
function openIndependently(base64: string, keys: BglKeys): unknown {
  const bytes = Buffer.from(base64, 'base64');
  const iv = bytes.subarray(0, 16);
  const cipherText = bytes.subarray(16, bytes.length - 32);
  const tag = bytes.subarray(bytes.length - 32);
  const mac = createHmac('sha256', Buffer.from(keys.authenticationKey, 'base64')).update(Buffer.concat([iv, cipherText])).digest();
  expect(timingSafeEqual(mac, tag)).toBe(true);
  const decipher = createDecipheriv('aes-256-cbc', Buffer.from(keys.encryptionKey, 'base64'), iv);
  return JSON.parse(Buffer.concat([decipher.update(cipherText), decipher.final()]).toString('utf8'));
}

beforeAll(() => {
  process.env.ZAPIER_DEPLOY_KEY = DEPLOY_KEY;
});
afterAll(() => {
  delete process.env.ZAPIER_DEPLOY_KEY;
});

describe('create_business_generated_link: the link', () => {
  it('seals the payload with the connection’s keys: every field decrypts back as it went in', async () => {
    nockStash();
    const out = await run({ ...required, product_skus: ['TENT-2P-GRN', 'STOVE-1B'], tags: ['closed-won', 'emea'] });
    const p = payloadOf(out.url);
    const expected = { email: 'jane.cooper@example.com', name: 'Jane Cooper', ref: 'OPP-00042', skus: ['TENT-2P-GRN', 'STOVE-1B'], tags: ['closed-won', 'emea'] };
    expect(decryptBglPayload(p, CONNECTION_KEYS)).toEqual(expected);
    expect(openIndependently(p, CONNECTION_KEYS)).toEqual(expected);
    // The spec's keys in the spec's order, compact: exactly what Trustpilot's examples produce.
    expect(decryptBglPlaintext(p, CONNECTION_KEYS)).toBe(JSON.stringify(expected));
    expect(out).toMatchObject({ domain: 'acme-outdoor.example', invited: true, duplicate: false, reason: '' });
  });

  it('follows the official scheme: the same keys open Trustpilot’s own known-answer vector and our link', async () => {
    // The decryptor used below is the one that opens the official C# vector with these keys.
    expect(decryptBglPlaintext(OFFICIAL.cipherText, OFFICIAL.keys)).toBe(OFFICIAL.plainText);
    nockStash();
    const out = await run(required, { ...bglOnly, bgl_encryption_key: OFFICIAL.keys.encryptionKey, bgl_authentication_key: OFFICIAL.keys.authenticationKey });
    const p = payloadOf(out.url);
    expect(decryptBglPayload(p, OFFICIAL.keys)).toEqual({ email: 'jane.cooper@example.com', name: 'Jane Cooper', ref: 'OPP-00042' });
    // Layout: IV 16 + PKCS7-padded ciphertext + HMAC 32, as in the official vector (80 bytes for 27 bytes of text).
    const plaintextLength = Buffer.byteLength(decryptBglPlaintext(p, OFFICIAL.keys));
    expect(Buffer.from(p, 'base64').length).toBe(16 + (Math.floor(plaintextLength / 16) + 1) * 16 + 32);
    expect(Buffer.from(OFFICIAL.cipherText, 'base64').length).toBe(16 + 32 + 32);
  });

  it('round-trips every field with freshly generated keys, including names in any script', async () => {
    const keys = { encryptionKey: randomBytes(32).toString('base64'), authenticationKey: randomBytes(32).toString('base64') };
    nockStash();
    const name = 'Zoë “Jo” Ångström-محمد 🙂';
    const out = await run(
      { ...required, consumer_name: name, reference_number: 'ORD/2026#17?x=1&y=2', product_skus: 'SKU-1,SKU-2', tags: 'vip' },
      { ...bglOnly, bgl_encryption_key: keys.encryptionKey, bgl_authentication_key: keys.authenticationKey },
    );
    const payload = decryptBglPayload(payloadOf(out.url), keys);
    expect(payload.email).toBe('jane.cooper@example.com');
    expect(payload.name).toBe(name);
    expect(payload.ref).toBe('ORD/2026#17?x=1&y=2');
    expect(payload.skus).toEqual(['SKU-1', 'SKU-2']);
    expect(payload.tags).toEqual(['vip']);
    expect(Object.keys(payload)).toEqual(['email', 'name', 'ref', 'skus', 'tags']);
    // Sealed with other keys, it does not open with the connection's.
    expect(() => decryptBglPayload(payloadOf(out.url), CONNECTION_KEYS)).toThrow(BglIntegrityError);
  });

  it('fails verification when any part of the link is tampered with', async () => {
    nockStash();
    const p = payloadOf((await run(required)).url);
    const bytes = Buffer.from(p, 'base64');
    for (const index of [0, 16, 20, bytes.length - 33, bytes.length - 1]) {
      const tampered = Buffer.from(bytes);
      tampered[index]! ^= 0x01;
      expect(() => decryptBglPayload(encodeURIComponent(tampered.toString('base64')), CONNECTION_KEYS)).toThrow(BglIntegrityError);
    }
    expect(() => decryptBglPayload(encodeURIComponent(bytes.subarray(0, bytes.length - 16).toString('base64')), CONNECTION_KEYS)).toThrow(BglIntegrityError);
  });

  it('uses the step’s domain and country site when given, and reduces a pasted address to its domain', async () => {
    nockStash(2);
    const out = await run({ ...required, domain: 'Shop.Example.CO.UK', locale_subdomain: 'UK' }, bglOnly);
    expect(decryptBglPayload(payloadOf(out.url, 'uk.trustpilot.com', 'shop.example.co.uk'), CONNECTION_KEYS).ref).toBe('OPP-00042');
    expect(out.domain).toBe('shop.example.co.uk');
    const pasted = await run({ ...required, domain: 'https://www.trustpilot.com/review/shop.example.co.uk' }, bglOnly);
    expect(pasted.domain).toBe('shop.example.co.uk');
  });

  it('defaults to the connection’s business unit domain, resolved or as typed', async () => {
    nockStash(2);
    expect((await run(required)).domain).toBe('acme-outdoor.example');
    expect((await run(required, { ...bglOnly, trustpilot_business_unit: 'https://www.acme-outdoor.example/' })).domain).toBe('www.acme-outdoor.example');
  });

  it('asks for a domain when neither the step nor the connection has one', async () => {
    const withIdOnly = { ...bglOnly, trustpilot_business_unit: '507f191e810c19729de860ea' };
    const err = zapierError(await caught(() => run(required, withIdOnly)));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/^Domain: is required: fill in the website domain/);
  });

  it.each([
    ['domain', { domain: 'not a domain' }, /^Domain: must be the website domain/],
    ['locale_subdomain', { locale_subdomain: 'united-kingdom' }, /^Trustpilot Country Site: must be a two-letter/],
    ['tags', { tags: ['closed won'] }, /^Tags: must not contain spaces/],
    ['product_skus', { product_skus: 'SKU-1,,SKU-2' }, /^Product SKUs: has an empty SKU at position 2/],
    ['consumer_email', { consumer_email: '' }, /^Customer Email: is required/],
    ['phone_number', { phone_number: '12' }, /^Customer Phone Number: could not be read/],
  ])('rejects a bad %s', async (_field, bad, message) => {
    const err = zapierError(await caught(() => run({ ...required, ...bad })));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(message);
  });
});

describe('create_business_generated_link: the connection’s keys', () => {
  it.each([
    ['no BGL part', { ...bglOnly, bgl_encryption_key: '', bgl_authentication_key: '' }],
    ['only the encryption key', { ...bglOnly, bgl_authentication_key: '' }],
    ['only the authentication key', { trustpilot_business_unit: 'acme-outdoor.example', bgl_authentication_key: authData.bgl_authentication_key }],
  ])('explains where to add the keys when the connection has %s', async (_case, auth) => {
    const err = zapierError(await caught(() => run(required, auth)));
    expect(err.code).toBe('bgl_not_connected');
    expect(err.message).toContain('Edit the connection');
    expect(err.message).toContain('Trustpilot Business → Get reviews → Invitation methods → Business Generated Links');
  });

  it('refuses unusable keys without echoing them', async () => {
    const short = Buffer.alloc(16, 7).toString('base64');
    const err = zapierError(await caught(() => run(required, { ...bglOnly, bgl_encryption_key: short })));
    expect(err.code).toBe('bgl_keys_invalid');
    expect(err.message).toContain('must decode to 32 bytes');
    expect(err.message).not.toContain(short);
    expect(err.message).not.toContain(authData.bgl_authentication_key);
  });
});

describe('create_business_generated_link: sharing outputs', () => {
  it('stashes a PNG that decodes to the link, and builds the message and WhatsApp/SMS links', async () => {
    const stashes = nockStash();
    const out = await run({ ...required, phone_number: '+49 151 23456789', message_template: 'Hi {name}! {link}' });
    expect(out.qr_code).toBe(stashes.urls[0]);
    expect(decodeQrPng(stashes.files[0]!.content).text).toBe(out.url);
    expect(out.message_text).toBe(`Hi Jane Cooper! ${out.url}`);
    expect(out.phone_number_e164).toBe('+4915123456789');
    expect(out.whatsapp_url).toBe(`https://wa.me/4915123456789?text=${encodeURIComponent(out.message_text)}`);
    expect(out.sms_url).toBe(`sms:+4915123456789?body=${encodeURIComponent(out.message_text)}`);
  });

  it('outputs exactly the keys of outputFields and of the sample', async () => {
    nockStash();
    const out = await run(required);
    const outputKeys = (create.operation.outputFields as Array<{ key: string }>).map((f) => f.key).sort();
    expect(Object.keys(out).sort()).toEqual(outputKeys);
    expect(Object.keys(create.operation.sample as object).sort()).toEqual(outputKeys);
  });
});

describe('create_business_generated_link: replays and sampling', () => {
  it('returns the first link on a replay instead of sealing a new one', async () => {
    const stashes = nockStash(1);
    const first = await run(required, authData, true);
    const replay = await run(required, authData, false);
    expect(replay).toEqual({ ...first, duplicate: true });
    expect(stashes.urls).toHaveLength(1);
    // A fresh IV would make a new link differ, so equal URLs prove nothing was sealed again.
    nockStash();
    const other = await run({ ...required, reference_number: 'OPP-00043' }, authData, false);
    expect(other.url).not.toBe(first.url);
  });

  it('creates no link for a reference outside the neutral sample', async () => {
    const outside = Array.from({ length: 60 }, (_, i) => `OPP-${2000 + i}`).find((ref) => !isInSample(ref, 5))!;
    const out = await run({ ...required, reference_number: outside, sample_one_in: 5 });
    expect(out).toMatchObject({ url: '', qr_code: '', message_text: '', whatsapp_url: '', sms_url: '', invited: false, duplicate: false });
    expect(out.reason).toMatch(/^Not in the neutral sample: this step invites 1 customer in 5/);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('counts the monthly cap per domain', async () => {
    nockStash(2);
    await run({ ...required, monthly_cap: 1 }, authData, true);
    expect((await caught(() => run({ ...required, reference_number: 'OPP-00043', monthly_cap: 1 }, authData, false))).name).toBe('HaltedError');
    expect((await run({ ...required, reference_number: 'OPP-00043', monthly_cap: 1, domain: 'other-shop.example' }, authData, false)).invited).toBe(true);
  });
});

describe('create_business_generated_link: secrets', () => {
  it('puts neither the keys nor the readable payload in any output', async () => {
    nockStash();
    const out = await run({ ...required, product_skus: ['TENT-2P-GRN'], tags: ['vip'] });
    const text = JSON.stringify(out);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    for (const key of Object.values(CONNECTION_KEYS)) {
      expect(text).not.toContain(Buffer.from(key, 'base64').toString('hex'));
    }
    // The payload exists only sealed, inside the link: no output carries it readable.
    expect(text).not.toContain('"ref"');
    expect(text).not.toContain('TENT-2P-GRN');
    const sealed = encodeURIComponent(payloadOf(out.url));
    for (const [key, value] of Object.entries(out)) {
      if (typeof value !== 'string' || !value.includes(sealed.slice(0, 40))) continue;
      // Only the link and the outputs built around it (message, WhatsApp, SMS) carry the sealed payload.
      expect(['url', 'message_text', 'whatsapp_url', 'sms_url']).toContain(key);
    }
  });
});

describe('a link too long for its QR code', () => {
  const manySkus = Array.from({ length: 115 }, (_, i) => `TENT-2P-FOREST-GREEN-${String(i).padStart(3, '0')}`).join(',');

  it('is refused as input, naming the field, before the replay guard claims it: a corrected replay then works', async () => {
    const err = await caught(() => run({ ...required, product_skus: manySkus }));
    expect(err.name).not.toBe('HaltedError');
    const { message, code } = zapierError(err);
    expect(code).toBe('invalid_input');
    expect(message).toMatch(/^Product SKUs: the link would be \d+ characters long, more than a QR code can hold \(2331\)/);
    // Same invitation, fewer SKUs, same z.cache: not halted as "already started".
    await expect(run({ ...required, product_skus: 'TENT-2P' }, authData, false)).resolves.toMatchObject({ duplicate: false });
  });
});
