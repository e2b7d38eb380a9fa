import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * Identifiers shaped like the real ones, so the app's id validation and parsing meet what production sends.
 * Seeded ids are derived from a name (stable across runs, so tests and the demo can import them);
 * ids made while the sandbox runs are random, like the real services'.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

const digest = (seed: string): Buffer => createHash('sha256').update(seed).digest();

/** `length` bytes: random, or derived from the seed (hash rounds, so long values do not repeat). */
const bytes = (length: number, seed?: string): Buffer => {
  if (seed === undefined) return randomBytes(length);
  const rounds: Buffer[] = [];
  for (let i = 0; rounds.length * 32 < length; i++) rounds.push(digest(`${seed}#${i}`));
  return Buffer.concat(rounds).subarray(0, length);
};

const base62 = (source: Buffer): string => [...source].map((b) => BASE62[b % 62]).join('');

/** Trustpilot ids: 24 lower-case hex characters (Mongo ObjectId-like). */
export const hexId = (seed?: string): string => bytes(12, seed).toString('hex');

/** Invitation-link ids: 32 lower-case hex characters. */
export const linkId = (): string => randomBytes(16).toString('hex');

export const correlationId = (): string => randomUUID();

/** Alphanumeric secret of the given length. */
export const token = (length: number, seed?: string): string => base62(bytes(length, seed));

/** Upper-case hex secret of the given length (Salesforce consumer secrets look like this). */
export const hexSecret = (length: number, seed: string): string => bytes(Math.ceil(length / 2), seed).toString('hex').slice(0, length).toUpperCase();

/** The 3-character checksum that turns a case-sensitive 15-character Salesforce id into the 18-character form. */
export const sfIdSuffix = (id15: string): string => {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) flags |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[flags];
  }
  return suffix;
};

const SF_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** Returns the 18-character form of a 15- or 18-character id, or null if it is not shaped like one. */
export const toId18 = (id: string): string | null => {
  if (!SF_ID.test(id)) return null;
  const id15 = id.slice(0, 15);
  return id15 + sfIdSuffix(id15);
};

/** An 18-character Salesforce id: key prefix, pod "8d", reserved "0", nine base-62 characters, checksum. */
export const sfId = (keyPrefix: string, seed?: string): string => {
  const body = '00' + base62(bytes(7, seed === undefined ? undefined : `${keyPrefix}:${seed}`));
  const id15 = `${keyPrefix}8d0${body}`;
  return id15 + sfIdSuffix(id15);
};

/** 32 bytes, base64: the form Trustpilot shows Business Generated Link keys in. */
export const base64Key = (seed: string): string => bytes(32, seed).toString('base64');
