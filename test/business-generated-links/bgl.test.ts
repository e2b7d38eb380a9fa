import { createHmac, randomBytes } from 'node:crypto';

import { InputError } from '../../src/errors/input-error';
import {
  BglIntegrityError,
  BglKeys,
  BglPayload,
  buildBglUrl,
  decryptBglPayload,
  decryptBglPlaintext,
  encryptBglPayload,
  encryptBglPlaintext,
  serializeBglPayload,
} from '../../src/business-generated-links/bgl';

// Reference §5, vector 1: trustpilot/nuget-authenticated-encryption, AuthenticatedEncryptionTests.cs.
const CSHARP_KEYS: BglKeys = {
  encryptionKey: 'g9hH6MkVnlKlGa5IG+5R/uKgyrCJxOsh5fXlwK0mjH0=',
  authenticationKey: 'oGmd/bHHkd+N6P6lZQxyfikjU7c5P/mhWO/noCsERyY=',
};
const CSHARP_CIPHERTEXT =
  'YGyEXyUEsqCDXvEylo4ZVRWjkAMD+nGd4jhqqbA04VHpnhx2eEEUXjBE5YHCjZP+3nYiodBXWYsjy3UTO6Z8v1XaeeUBgjj6vRcxqNH0HxU=';

// Reference §5, vector 3: keys from trustpilot/business-generated-links-example-nodejs, IV 00 01 … 0f.
const NODE_EXAMPLE_KEYS: BglKeys = {
  encryptionKey: 'XCxIAot+Tr6FVbU5fROwe2ckBEoFDcb6gwBT8022oVs=',
  authenticationKey: 'wNh58yFZ58H+QPomgWkgPqM3JZegQqpg39k06Q4ZvrA=',
};
const FIXED_IV = Buffer.from([...Array(16).keys()]);
const SPEC_PAYLOAD: BglPayload = {
  email: 'xyz@domain.com',
  name: 'John Smith',
  ref: '1234',
  skus: ['sku1', 'sku2', 'sku3'],
  tags: ['tag1', 'tag2', 'tag3'],
};
const VECTOR3_BASE64 =
  'AAECAwQFBgcICQoLDA0OD6aYnTp5MTzH20LK37rMC3ZyFDibGHfa2FHuI3GzU8SGso1Fhfa0wFNq5f9Q2yvQUYt9NWm90tKOPktWvWJn9QjNL/3tj+CRvBo4UNuWK/sPCtudofkykx4h2orkPaN6WcbTZINYN/9zw0Pa8wZfFLQ84xo/AKSRvUVxz/aMB2dFCrfa4ritCBtpKQ/UeUvRG9Mst2a8bdEW9UaM4Ayh/uU=';
const VECTOR3_URL =
  'https://www.trustpilot.com/evaluate-bgl/my-domain.com?p=AAECAwQFBgcICQoLDA0OD6aYnTp5MTzH20LK37rMC3ZyFDibGHfa2FHuI3GzU8SGso1Fhfa0wFNq5f9Q2yvQUYt9NWm90tKOPktWvWJn9QjNL%2F3tj%2BCRvBo4UNuWK%2FsPCtudofkykx4h2orkPaN6WcbTZINYN%2F9zw0Pa8wZfFLQ84xo%2FAKSRvUVxz%2FaMB2dFCrfa4ritCBtpKQ%2FUeUvRG9Mst2a8bdEW9UaM4Ayh%2FuU%3D';

const randomKeys = (): BglKeys => ({
  encryptionKey: randomBytes(32).toString('base64'),
  authenticationKey: randomBytes(32).toString('base64'),
});

/** Flips one bit of the raw payload at `index` (negative counts from the end) and re-encodes it. */
function flipBit(base64: string, index: number): string {
  const bytes = Buffer.from(base64, 'base64');
  const at = index < 0 ? bytes.length + index : index;
  bytes[at] = bytes[at]! ^ 0x01;
  return bytes.toString('base64');
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('official known-answer vectors', () => {
  it('decrypts the C# library vector after checking its HMAC', () => {
    const raw = Buffer.from(CSHARP_CIPHERTEXT, 'base64');
    expect(raw).toHaveLength(80); // IV 16 + ciphertext 32 + HMAC 32
    // The HMAC really covers IV‖ciphertext with the authkey, independently of our code.
    const expectedMac = createHmac('sha256', Buffer.from(CSHARP_KEYS.authenticationKey, 'base64'))
      .update(raw.subarray(0, 48))
      .digest();
    expect(raw.subarray(48).equals(expectedMac)).toBe(true);

    expect(decryptBglPlaintext(CSHARP_CIPHERTEXT, CSHARP_KEYS)).toBe('this is a test input string');
  });

  it('gives the Python library’s length: a 26-byte message seals to 108 base64 characters', () => {
    const message = 'this is the secret message';
    expect(Buffer.byteLength(message)).toBe(26);
    const sealed = encryptBglPlaintext(message, CSHARP_KEYS);
    expect(sealed).toHaveLength(108);
    expect(decryptBglPlaintext(sealed, CSHARP_KEYS)).toBe(message);
  });

  it('serialises the spec payload to the exact 119-byte compact JSON of vector 3', () => {
    const json = serializeBglPayload(SPEC_PAYLOAD);
    expect(json).toBe(
      '{"email":"xyz@domain.com","name":"John Smith","ref":"1234","skus":["sku1","sku2","sku3"],"tags":["tag1","tag2","tag3"]}',
    );
    expect(Buffer.byteLength(json)).toBe(119);
  });

  it('reproduces the fixed-IV vector byte for byte, as base64 and as a URL', () => {
    const sealed = encryptBglPayload(SPEC_PAYLOAD, NODE_EXAMPLE_KEYS, FIXED_IV);
    expect(Buffer.from(sealed, 'base64').equals(Buffer.from(VECTOR3_BASE64, 'base64'))).toBe(true);
    expect(sealed).toBe(VECTOR3_BASE64);

    const url = buildBglUrl({ domain: 'my-domain.com', payload: SPEC_PAYLOAD, keys: NODE_EXAMPLE_KEYS, iv: FIXED_IV });
    expect(url).toBe(VECTOR3_URL);
  });
});

describe('round trip with random keys', () => {
  it('returns every field as it went in', () => {
    const keys = randomKeys();
    const payload: BglPayload = {
      email: 'ana.lopez+vip@example.es',
      name: 'Ana López "Ani" 🌟',
      ref: 'OPP-0065g00000XyZ',
      skus: ['SKU 1', 'SKU-2'],
      tags: ['salesforce', 'closed-won'],
    };
    const back = decryptBglPayload(encryptBglPayload(payload, keys), keys);
    expect(back.email).toBe(payload.email);
    expect(back.name).toBe(payload.name);
    expect(back.ref).toBe(payload.ref);
    expect(back.skus).toEqual(payload.skus);
    expect(back.tags).toEqual(payload.tags);
    expect(Object.keys(back)).toEqual(['email', 'name', 'ref', 'skus', 'tags']);
  });

  it('leaves optional lists out when absent or empty, and drops unknown keys', () => {
    const keys = randomKeys();
    const payload = { email: 'a@example.com', name: 'A', ref: '1', tags: [], extra: 'nope' } as BglPayload;
    expect(decryptBglPayload(encryptBglPayload(payload, keys), keys)).toEqual({ email: 'a@example.com', name: 'A', ref: '1' });
  });

  it('uses a fresh random IV each time, so equal payloads never give equal links', () => {
    const keys = randomKeys();
    const a = encryptBglPayload(SPEC_PAYLOAD, keys);
    const b = encryptBglPayload(SPEC_PAYLOAD, keys);
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64').subarray(0, 16).equals(Buffer.from(b, 'base64').subarray(0, 16))).toBe(false);
  });

  it('decrypts the URL-encoded p value of a link as well as the raw base64', () => {
    const keys = randomKeys();
    const url = new URL(buildBglUrl({ domain: 'example.com', payload: SPEC_PAYLOAD, keys }));
    const encoded = url.search.slice('?p='.length);
    expect(decryptBglPayload(encoded, keys)).toEqual(SPEC_PAYLOAD);
    expect(decryptBglPayload(url.searchParams.get('p')!, keys)).toEqual(SPEC_PAYLOAD);
  });
});

describe('tamper detection', () => {
  const keys = randomKeys();
  const sealed = encryptBglPayload(SPEC_PAYLOAD, keys);

  it.each([
    ['the IV', 3],
    ['the ciphertext', 20],
    ['the last ciphertext block', -33],
    ['the MAC', -1],
    ['the first MAC byte', -32],
  ])('rejects a link with one bit flipped in %s', (_, index) => {
    const error = thrown(() => decryptBglPayload(flipBit(sealed, index), keys));
    expect(error).toBeInstanceOf(BglIntegrityError);
    expect(error.message).toMatch(/integrity check/);
  });

  it('rejects a payload sealed with another authkey', () => {
    const other = { ...keys, authenticationKey: randomBytes(32).toString('base64') };
    expect(() => decryptBglPayload(sealed, other)).toThrow(BglIntegrityError);
  });

  it('reports a wrong encryption key once the MAC has passed', () => {
    const other = { ...keys, encryptionKey: randomBytes(32).toString('base64') };
    // With a wrong AES key the padding check fails almost always; a lucky padding yields garbage, not JSON.
    expect(() => decryptBglPayload(sealed, other)).toThrow(/wrong encryption key|not JSON/);
  });

  it('rejects truncated and non-base64 payloads', () => {
    const raw = Buffer.from(sealed, 'base64');
    expect(() => decryptBglPlaintext(raw.subarray(0, raw.length - 1).toString('base64'), keys)).toThrow(/wrong length/);
    expect(() => decryptBglPlaintext(raw.subarray(0, 60).toString('base64'), keys)).toThrow(/wrong length/);
    expect(() => decryptBglPlaintext('not*base64', keys)).toThrow(/not base64/);
  });
});

describe('key validation', () => {
  const good = randomKeys();
  const cases: Array<[string, BglKeys, string]> = [
    ['a 16-byte encryption key', { ...good, encryptionKey: randomBytes(16).toString('base64') }, 'encryption_key'],
    ['a 33-byte authentication key', { ...good, authenticationKey: randomBytes(33).toString('base64') }, 'authentication_key'],
    ['an empty encryption key', { ...good, encryptionKey: '' }, 'encryption_key'],
    ['a key that is not base64', { ...good, authenticationKey: 'this is not base64 at all!!' }, 'authentication_key'],
    ['the same key twice', { ...good, authenticationKey: good.encryptionKey }, 'authentication_key'],
  ];

  it.each(cases)('rejects %s with an InputError naming the key', (_, keys, field) => {
    const error = thrown(() => encryptBglPayload(SPEC_PAYLOAD, keys));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    expect(error.message).toContain(field);
    expect(error.message).toContain('Business Generated Links');
  });

  it('never echoes key material in the message', () => {
    const short = randomBytes(31).toString('base64');
    const error = thrown(() => encryptBglPayload(SPEC_PAYLOAD, { ...good, encryptionKey: short }));
    expect(error.message).toContain('decodes to 31');
    expect(error.message).not.toContain(short);
    expect(error.message).not.toContain(short.slice(0, 8));
    expect(error.message).not.toContain(good.authenticationKey.slice(0, 8));
  });

  it('accepts keys pasted with surrounding whitespace or a line break', () => {
    const pasted = { encryptionKey: ` ${good.encryptionKey.slice(0, 20)}\n${good.encryptionKey.slice(20)} `, authenticationKey: good.authenticationKey };
    expect(decryptBglPayload(encryptBglPayload(SPEC_PAYLOAD, pasted), good)).toEqual(SPEC_PAYLOAD);
  });
});

describe('payload validation', () => {
  const keys = randomKeys();
  it.each([
    [{ ...SPEC_PAYLOAD, tags: ['summer sale'] }, 'Tags', /must not contain spaces.*"summer sale"/],
    [{ ...SPEC_PAYLOAD, email: 'not-an-email' }, 'Customer Email', /valid email address/],
    [{ ...SPEC_PAYLOAD, name: '  ' }, 'Customer Name', /is required/],
    [{ ...SPEC_PAYLOAD, ref: '' }, 'Reference Number', /is required/],
    [{ ...SPEC_PAYLOAD, skus: ['a', ''] }, 'Product SKUs', /empty SKU/],
  ])('rejects %o naming %s', (payload, field, message) => {
    const error = thrown(() => encryptBglPayload(payload as BglPayload, keys));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    expect(error.message).toMatch(message);
  });
});

describe('link URL', () => {
  const keys = randomKeys();
  const link = (domain: string, localeSubdomain?: string) => buildBglUrl({ domain, localeSubdomain, payload: SPEC_PAYLOAD, keys });

  it.each([
    [undefined, 'www'],
    ['', 'www'],
    ['se', 'se'],
    ['uk', 'uk'],
    [' DE ', 'de'],
  ])('uses the %p subdomain as %s', (subdomain, host) => {
    expect(link('example.com', subdomain).startsWith(`https://${host}.trustpilot.com/evaluate-bgl/example.com?p=`)).toBe(true);
  });

  it.each(['swe', 's', 'en-GB', 'www.', '1a'])('rejects the locale subdomain %p', (subdomain) => {
    const error = thrown(() => link('example.com', subdomain));
    expect((error as InputError).field).toBe('locale_subdomain');
  });

  it.each(['example.com', 'www.example.co.uk', 'my-shop.de', 'Example.COM'])('accepts the domain %p', (domain) => {
    expect(link(domain)).toContain(`/evaluate-bgl/${domain.toLowerCase()}?p=`);
  });

  it.each(['https://example.com', 'example.com/reviews', 'example.com:443', 'localhost', 'exa mple.com', '-bad.com', 'example.com?x=1', ''])(
    'rejects the domain %p',
    (domain) => {
      const error = thrown(() => link(domain));
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe('domain');
      expect(error.message).toMatch(/no https:\/\/, path or port/);
    },
  );

  it('puts exactly one query parameter on the link, URL-encoded', () => {
    const url = new URL(link('example.com'));
    expect([...url.searchParams.keys()]).toEqual(['p']);
    expect(url.search.slice('?p='.length)).not.toMatch(/[+/=]/);
  });
});
