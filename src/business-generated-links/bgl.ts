/**
 * Trustpilot Business Generated Links (docs/upstream-facts.md, "Trustpilot: Business Generated Links", support article 115004145087).
 *
 * Scheme, identical to Trustpilot's own Node/Python/PHP/C# libraries:
 *   AES-256-CBC, PKCS7 padding, random 16-byte IV → HMAC-SHA256(authkey, IV‖ciphertext) (encrypt-then-MAC)
 *   → base64(IV‖ciphertext‖HMAC) → URL-encoded into https://<www|country>.trustpilot.com/evaluate-bgl/<domain>?p=…
 *
 * Key material never appears in an error message: errors say which key is wrong and why, not what it is.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { z } from 'zod';

import { InputError } from '../errors/input-error';
import {
  consumerEmailSchema,
  consumerNameSchema,
  parseOrThrow,
  productSkusSchema,
  referenceNumberSchema,
  tagsSchema,
} from '../invitations/validation';

/** Both keys exactly as Trustpilot Business shows them: base64 text that decodes to 32 bytes each. */
export interface BglKeys {
  /** "encryptkey" in Trustpilot Business → Get reviews → Invitation methods → Business Generated Links. */
  encryptionKey: string;
  /** "authkey" on the same page. */
  authenticationKey: string;
}

/** The payload keys exactly as Trustpilot's spec names them. */
export interface BglPayload {
  email: string;
  name: string;
  ref: string;
  skus?: string[];
  tags?: string[];
}

/** The payload could not be verified or decrypted: altered, truncated, or sealed with other keys. */
export class BglIntegrityError extends Error {
  override readonly name = 'BglIntegrityError';
}

const IV_BYTES = 16;
const BLOCK_BYTES = 16;
const MAC_BYTES = 32;
const KEY_BYTES = 32;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const WHERE_KEYS_ARE = 'Trustpilot Business → Get reviews → Invitation methods → Business Generated Links';

const KEY_FIELDS = {
  encryptionKey: { field: 'encryption_key', label: 'encryptkey' },
  authenticationKey: { field: 'authentication_key', label: 'authkey' },
} as const;

function decodeKey(keys: BglKeys, which: keyof BglKeys): Buffer {
  const { field, label } = KEY_FIELDS[which];
  const raw = keys?.[which];
  // Pasted keys often carry a line break or spaces; base64 never contains whitespace, so dropping it is safe.
  const text = typeof raw === 'string' ? raw.replace(/\s+/g, '') : '';
  if (text === '') {
    throw new InputError(field, `${field} is required: copy the ${label} from ${WHERE_KEYS_ARE}.`);
  }
  if (!BASE64.test(text)) {
    throw new InputError(field, `${field} is not base64 text: copy the ${label} exactly as shown in ${WHERE_KEYS_ARE}.`);
  }
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== KEY_BYTES) {
    throw new InputError(
      field,
      `${field} must decode to ${KEY_BYTES} bytes (a 256-bit key) but decodes to ${bytes.length}: ` +
        `copy the whole ${label} from ${WHERE_KEYS_ARE}.`,
    );
  }
  return bytes;
}

function decodeKeys(keys: BglKeys): { encryptionKey: Buffer; authenticationKey: Buffer } {
  const encryptionKey = decodeKey(keys, 'encryptionKey');
  const authenticationKey = decodeKey(keys, 'authenticationKey');
  // Trustpilot issues two independent random keys; equal keys mean one was pasted twice.
  if (encryptionKey.equals(authenticationKey)) {
    throw new InputError(
      'authentication_key',
      `authentication_key is the same as encryption_key: copy the authkey, not the encryptkey, from ${WHERE_KEYS_ARE}.`,
    );
  }
  return { encryptionKey, authenticationKey };
}

function mac(authenticationKey: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  return createHmac('sha256', authenticationKey).update(Buffer.concat([iv, ciphertext])).digest();
}

/**
 * Trustpilot's authenticated encryption of any text: base64(IV‖ciphertext‖HMAC), not URL-encoded.
 * `iv` exists only for known-answer tests; production code must let it default to 16 random bytes.
 */
export function encryptBglPlaintext(plaintext: string | Uint8Array, keys: BglKeys, iv?: Uint8Array): string {
  const { encryptionKey, authenticationKey } = decodeKeys(keys);
  const ivBytes = iv === undefined ? randomBytes(IV_BYTES) : Buffer.from(iv);
  if (ivBytes.length !== IV_BYTES) throw new RangeError(`iv must be ${IV_BYTES} bytes`);
  const cipher = createCipheriv('aes-256-cbc', encryptionKey, ivBytes); // Node pads with PKCS7 by default
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([ivBytes, ciphertext, mac(authenticationKey, ivBytes, ciphertext)]).toString('base64');
}

/**
 * Verifies the HMAC (in constant time) BEFORE decrypting, then returns the plaintext.
 * Accepts the base64 text or its URL-encoded form (the `p` value of a link). For tests and support tooling.
 */
export function decryptBglPlaintext(sealed: string, keys: BglKeys): string {
  const { encryptionKey, authenticationKey } = decodeKeys(keys);
  let text = sealed.trim();
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      throw new BglIntegrityError('The BGL payload is not valid URL-encoded text.');
    }
  }
  if (!BASE64.test(text)) throw new BglIntegrityError('The BGL payload is not base64 text.');
  const bytes = Buffer.from(text, 'base64');
  const ciphertextLength = bytes.length - IV_BYTES - MAC_BYTES;
  if (ciphertextLength < BLOCK_BYTES || ciphertextLength % BLOCK_BYTES !== 0) {
    throw new BglIntegrityError('The BGL payload has the wrong length: it was truncated or is not a BGL payload.');
  }
  const iv = bytes.subarray(0, IV_BYTES);
  const ciphertext = bytes.subarray(IV_BYTES, IV_BYTES + ciphertextLength);
  const tag = bytes.subarray(IV_BYTES + ciphertextLength);
  if (!timingSafeEqual(mac(authenticationKey, iv, ciphertext), tag)) {
    throw new BglIntegrityError('The BGL payload failed its integrity check: it was altered, or sealed with other keys.');
  }
  try {
    const decipher = createDecipheriv('aes-256-cbc', encryptionKey, iv);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    // The MAC matched, so the authkey is right; a padding failure means the encryptkey is not the one used.
    throw new BglIntegrityError('The BGL payload passed its integrity check but could not be decrypted: wrong encryption key.');
  }
}

const bglPayloadSchema = z.object({
  email: consumerEmailSchema,
  name: consumerNameSchema,
  ref: referenceNumberSchema,
  skus: productSkusSchema,
  tags: tagsSchema,
});

/** The labels of the fields the payload comes from, so an error points at the field the user mapped. */
const PAYLOAD_FIELD_NAMES = {
  email: 'Customer Email',
  name: 'Customer Name',
  ref: 'Reference Number',
  skus: 'Product SKUs',
  tags: 'Tags',
};

/**
 * Validates the payload and renders it as compact JSON with the spec's keys in the spec's order.
 * Unknown keys are dropped and empty lists are left out.
 */
export function serializeBglPayload(payload: BglPayload): string {
  const valid = parseOrThrow(bglPayloadSchema, payload, PAYLOAD_FIELD_NAMES);
  const ordered: BglPayload = { email: valid.email, name: valid.name, ref: valid.ref };
  if (valid.skus?.length) ordered.skus = valid.skus;
  if (valid.tags?.length) ordered.tags = valid.tags;
  return JSON.stringify(ordered);
}

/** Validates, serialises and seals a BGL payload: base64(IV‖ciphertext‖HMAC), not URL-encoded. */
export function encryptBglPayload(payload: BglPayload, keys: BglKeys, iv?: Uint8Array): string {
  return encryptBglPlaintext(serializeBglPayload(payload), keys, iv);
}

const payloadShape = z.object({
  email: z.string(),
  name: z.string(),
  ref: z.string(),
  skus: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
});

/** Verifies and decrypts a payload (base64 or URL-encoded) back into its fields. For tests and support tooling. */
export function decryptBglPayload(sealed: string, keys: BglKeys): BglPayload {
  const plaintext = decryptBglPlaintext(sealed, keys);
  let parsed: unknown;
  try {
    parsed = JSON.parse(plaintext);
  } catch {
    throw new Error('The BGL payload decrypted, but it is not JSON.');
  }
  const result = payloadShape.safeParse(parsed);
  if (!result.success) throw new Error('The BGL payload decrypted, but it lacks the email, name and ref fields.');
  return result.data;
}

// Labels of letters, digits and inner hyphens, at least two of them, the last starting with a letter.
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const COUNTRY_SUBDOMAIN = /^[a-z]{2}$/;

/** The labels of "Create Business Generated Link"'s own fields, as the Zap editor shows them. */
export const DOMAIN_LABEL = 'Domain';
export const COUNTRY_SITE_LABEL = 'Trustpilot Country Site';

/** The website domain the business unit is registered under (`example.com`): no scheme, path or port. */
export function validateBglDomain(domain: string): string {
  const host = typeof domain === 'string' ? domain.trim().toLowerCase() : '';
  if (!HOSTNAME.test(host)) {
    throw new InputError(
      'domain',
      `${DOMAIN_LABEL}: must be the website domain your Trustpilot profile is registered under, like example.com, ` +
        'with no https://, path or port.',
      DOMAIN_LABEL,
    );
  }
  return host;
}

/** A Trustpilot country subdomain such as `se` or `uk`; empty means the default `www`. Case is ignored. */
export function validateLocaleSubdomain(subdomain: string | undefined): string {
  const text = typeof subdomain === 'string' ? subdomain.trim().toLowerCase() : '';
  if (text === '') return 'www';
  if (!COUNTRY_SUBDOMAIN.test(text)) {
    throw new InputError(
      'locale_subdomain',
      `${COUNTRY_SITE_LABEL}: must be a two-letter Trustpilot country subdomain such as uk or se, or empty for www.`,
      COUNTRY_SITE_LABEL,
    );
  }
  return text;
}

export interface BuildBglUrlOptions {
  domain: string;
  /** Two-letter country subdomain (`se`, `uk`) that replaces `www`; omit or leave empty for `www`. */
  localeSubdomain?: string;
  payload: BglPayload;
  keys: BglKeys;
  /** Known-answer tests only. */
  iv?: Uint8Array;
}

/** `https://www.trustpilot.com/evaluate-bgl/<domain>?p=<URL-encoded payload>` */
export function buildBglUrl(options: BuildBglUrlOptions): string {
  const host = `${validateLocaleSubdomain(options.localeSubdomain)}.trustpilot.com`;
  const domain = validateBglDomain(options.domain);
  const sealed = encryptBglPayload(options.payload, options.keys, options.iv);
  return `https://${host}/evaluate-bgl/${domain}?p=${encodeURIComponent(sealed)}`;
}

/**
 * Checks both keys (base64, 32 bytes each, not the same key twice) without encrypting anything, so a step
 * can reject unusable keys before it counts or remembers an invitation. Throws the same InputErrors as
 * `buildBglUrl` would.
 */
export function assertUsableBglKeys(keys: BglKeys): void {
  decodeKeys(keys);
}
