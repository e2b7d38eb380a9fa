/**
 * Reads the connection's four optional parts. At least one must be complete, and a group that is
 * started but not finished is an error naming what is missing: a half-configured Salesforce part
 * should not silently turn into "Trustpilot only".
 */
import type { ZObject } from 'zapier-platform-core';

import { parseAfsAddress } from '../afs/address';
import { isBusinessUnitId } from '../trustpilot/business-unit-input';
import { appError } from '../errors/facts';
import { BGL_FIELDS, fieldLabel, SALESFORCE_FIELDS, TRUSTPILOT_API_FIELDS } from './fields';

export interface TrustpilotCredentials {
  apiKey: string;
  apiSecret: string;
  businessUnit: string;
  businessUserId?: string;
}
export interface SalesforceCredentials {
  /** Normalised: scheme + host, no trailing slash. */
  loginUrl: string;
  clientId: string;
  clientSecret: string;
}
export interface BglCredentials {
  encryptionKey: string;
  authenticationKey: string;
}
/** The Automatic Feedback Service part: a BCC address, enough on every plan. */
export interface AfsCredentials {
  bccAddress: string;
  /** The Trustpilot profile domain the address belongs to. */
  profileDomain: string;
}
export interface Credentials {
  trustpilot?: TrustpilotCredentials;
  salesforce?: SalesforceCredentials;
  afs?: AfsCredentials;
  bgl?: BglCredentials;
}

const value = (data: Record<string, unknown>, key: string) => (typeof data[key] === 'string' ? (data[key] as string).trim() : '');

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** A business unit is a 24-hex id or a profile domain; accept a pasted URL and keep only the domain. */
export const normaliseBusinessUnit = (raw: string): string | undefined => {
  const trimmed = raw.trim();
  if (isBusinessUnitId(trimmed)) return trimmed.toLowerCase();
  const domain = trimmed
    .replace(/^https?:\/\//i, '')
    .replace(/^(?:[a-z]{2,3}\.|www\.)?trustpilot\.com\/review\//i, '')
    .replace(/[/?#].*$/, '')
    .toLowerCase();
  return DOMAIN.test(domain) ? domain : undefined;
};

/**
 * My Domain URL as typed by an admin: `acme`, `acme.my.salesforce.com`, a Lightning URL, with or
 * without https. Plain http is accepted only for this machine (the local sandbox).
 */
export const normaliseSalesforceDomain = (raw: string): { url?: string; problem?: string } => {
  let text = raw.trim().replace(/\/+$/, '');
  if (!text) return { problem: 'is empty' };
  if (/^[a-z0-9-]+$/i.test(text)) text = `${text}.my.salesforce.com`;
  if (!/^https?:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'is not a URL (expected something like acme.my.salesforce.com)' };
  }
  const host = url.hostname.toLowerCase();
  const local = host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  if (url.protocol === 'http:' && !local) return { problem: 'must use https' };
  if (host === 'login.salesforce.com' || host === 'test.salesforce.com') {
    return { problem: `cannot be ${host}: the client-credentials flow needs your org’s own My Domain, e.g. acme.my.salesforce.com (Setup → My Domain)` };
  }
  if (!local && !DOMAIN.test(host)) return { problem: 'is not a valid host name' };
  // Lightning URLs are not API hosts; the My Domain is the same name under my.salesforce.com.
  const apiHost = host.replace(/\.lightning\.force\.com$/, '.my.salesforce.com');
  return { url: `${url.protocol}//${apiHost}${url.port ? `:${url.port}` : ''}` };
};

const decodesTo32Bytes = (base64: string) => /^[A-Za-z0-9+/]+={0,2}$/.test(base64) && Buffer.from(base64, 'base64').length === 32;

/** Throws a z.errors.Error naming every problem at once, so the user fixes the form in one go. */
export const readCredentials = (z: ZObject, data: Record<string, unknown>): Credentials => {
  const problems: string[] = [];
  const credentials: Credentials = {};

  const group = (keys: readonly string[], name: string): boolean => {
    const filled = keys.filter((k) => value(data, k));
    if (filled.length === 0) return false;
    const missing = keys.filter((k) => !value(data, k));
    if (missing.length > 0) {
      problems.push(`${name}: also fill in ${missing.map((k) => `“${fieldLabel(k)}”`).join(' and ')} (or clear the ${name} fields).`);
      return false;
    }
    return true;
  };

  // The business unit alone is not "started": it is also the default domain for Business Generated Links.
  const trustpilotStarted = value(data, 'trustpilot_api_key') || value(data, 'trustpilot_api_secret');
  if (trustpilotStarted && group(TRUSTPILOT_API_FIELDS, 'Trustpilot API')) {
    const businessUnit = normaliseBusinessUnit(value(data, 'trustpilot_business_unit'));
    const businessUserId = value(data, 'trustpilot_business_user_id');
    if (!businessUnit) {
      problems.push(`“${fieldLabel('trustpilot_business_unit')}” must be your profile’s domain (e.g. example.com) or a 24-character business unit id.`);
    } else if (businessUserId && !/^[0-9a-f]{24}$/i.test(businessUserId)) {
      problems.push(`“${fieldLabel('trustpilot_business_user_id')}” must be 24 hexadecimal characters (Trustpilot Business → Settings → Users).`);
    } else {
      credentials.trustpilot = {
        apiKey: value(data, 'trustpilot_api_key'),
        apiSecret: value(data, 'trustpilot_api_secret'),
        businessUnit,
        businessUserId: businessUserId || undefined,
      };
    }
  } else if (!trustpilotStarted && value(data, 'trustpilot_business_user_id')) {
    problems.push('Trustpilot API: the Business User ID is only used with an API key and secret; fill those in too, or clear it.');
  }

  if (group(SALESFORCE_FIELDS, 'Salesforce')) {
    const domain = normaliseSalesforceDomain(value(data, 'salesforce_domain'));
    if (domain.problem) problems.push(`“${fieldLabel('salesforce_domain')}” ${domain.problem}.`);
    else
      credentials.salesforce = {
        loginUrl: domain.url!,
        clientId: value(data, 'salesforce_client_id'),
        clientSecret: value(data, 'salesforce_client_secret'),
      };
  }

  if (value(data, 'afs_bcc_address')) {
    const afs = parseAfsAddress(value(data, 'afs_bcc_address'));
    if ('problem' in afs) problems.push(`“${fieldLabel('afs_bcc_address')}” ${afs.problem}.`);
    else credentials.afs = { bccAddress: afs.address, profileDomain: afs.profileDomain };
  }

  if (group(BGL_FIELDS, 'Business Generated Links')) {
    const bad = BGL_FIELDS.filter((k) => !decodesTo32Bytes(value(data, k)));
    if (bad.length > 0) {
      problems.push(`${bad.map((k) => `“${fieldLabel(k)}”`).join(' and ')} must be the base64 key shown by Trustpilot (it decodes to 32 bytes); copy it again in full.`);
    } else {
      credentials.bgl = { encryptionKey: value(data, 'bgl_encryption_key'), authenticationKey: value(data, 'bgl_authentication_key') };
    }
  }

  if (problems.length > 0) throw appError(z, { kind: 'input', sentence: problems.join(' '), code: 'invalid_connection' });
  if (!credentials.trustpilot && !credentials.salesforce && !credentials.afs && !credentials.bgl) {
    throw appError(z, {
      kind: 'input',
      sentence:
        'Fill in at least one part of the connection: the AFS BCC Address (any plan), the Trustpilot API (key, secret and profile domain), Salesforce (My Domain URL, Consumer Key and Secret), or Business Generated Links (both keys).',
      code: 'invalid_connection',
    });
  }
  return credentials;
};
