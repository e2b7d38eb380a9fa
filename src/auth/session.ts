/**
 * The session exchange: Zapier runs it when the user connects and again after any 401, from either
 * service. Its result is merged into authData.
 *
 * Trustpilot answers 429 to tokens requested too often, and its tokens live 100 hours, while
 * Salesforce sessions expire after a couple of idle hours. So a refresh caused by Salesforce must not
 * cost a Trustpilot token: a still-valid Trustpilot token is kept once one cheap call proves it works.
 */
import { createHash } from 'node:crypto';

import type { Bundle, ZObject } from 'zapier-platform-core';

import { errorMessage, isZapierError } from '../errors/error-message';
import { appError, factsOf } from '../errors/facts';
import { registerSecrets } from '../errors/scrub';
import { requestSalesforceToken } from '../salesforce/token';
import { isBusinessUnitId } from '../trustpilot/business-unit-input';
import { requestTrustpilotToken, TrustpilotClient } from '../trustpilot/client';
import { readCredentials, type TrustpilotCredentials } from './credentials';

/** Keep a token only if it has at least this long to live, so it cannot expire mid-Zap. */
const MIN_REMAINING_MS = 60 * 60 * 1000;

type AuthData = Record<string, string | undefined>;

const fingerprint = (apiKey: string) => createHash('sha256').update(apiKey).digest('hex').slice(0, 16);

const reusableToken = async (z: ZObject, creds: TrustpilotCredentials, previous: AuthData): Promise<string | undefined> => {
  const token = previous.trustpilot_access_token;
  const expiresAt = Date.parse(previous.trustpilot_token_expires_at ?? '');
  if (!token || !previous.trustpilot_business_unit_id) return undefined;
  if (previous.trustpilot_token_key_fingerprint !== fingerprint(creds.apiKey)) return undefined;
  if (!Number.isFinite(expiresAt) || expiresAt - Date.now() < MIN_REMAINING_MS) return undefined;
  const client = new TrustpilotClient(z, { apiKey: creds.apiKey, accessToken: token });
  try {
    await client.checkBusinessUnitAccess(previous.trustpilot_business_unit_id);
    return token;
  } catch (err) {
    if (isZapierError(err, 'ThrottledError')) throw err;
    return undefined; // revoked, expired early or refused: ask for a fresh one
  }
};

const trustpilotSession = async (z: ZObject, creds: TrustpilotCredentials, previous: AuthData) => {
  // A token endpoint may echo what we sent: neither the key nor the secret may come back in an error.
  registerSecrets(z, { trustpilot_api_key: creds.apiKey, trustpilot_api_secret: creds.apiSecret });
  let accessToken = await reusableToken(z, creds, previous);
  let expiresAt = previous.trustpilot_token_expires_at;
  if (!accessToken) {
    try {
      const token = await requestTrustpilotToken(z, creds.apiKey, creds.apiSecret);
      accessToken = token.accessToken;
      expiresAt = new Date(Date.now() + token.expiresInSeconds * 1000).toISOString();
    } catch (err) {
      if (isZapierError(err, 'RefreshAuthError')) {
        throw appError(z, {
          kind: 'refused',
          sentence: 'Trustpilot refused the API key and secret (401). Copy them again from Trustpilot Business → Integrations → Developers → API.',
          service: 'Trustpilot',
          status: 401,
          code: 'trustpilot_auth_failed',
        });
      }
      throw err;
    }
  }

  // The business unit is looked up once, not on every refresh.
  let unit = {
    id: previous.trustpilot_business_unit_id,
    name: previous.trustpilot_business_unit_name,
    domain: previous.trustpilot_business_unit_domain,
  };
  if (previous.trustpilot_business_unit_input !== creds.businessUnit || !unit.id) {
    const client = new TrustpilotClient(z, { apiKey: creds.apiKey, accessToken });
    const isId = isBusinessUnitId(creds.businessUnit);
    try {
      const found = isId ? await client.getBusinessUnit(creds.businessUnit) : await client.findBusinessUnit(creds.businessUnit);
      unit = {
        id: found.id,
        name: found.displayName ?? found.name?.identifying ?? undefined,
        domain: found.name?.identifying ?? (isId ? undefined : creds.businessUnit),
      };
    } catch (err) {
      // Only a refusal means the unit is not there; Trustpilot being slow or down keeps its own sentence.
      if (factsOf(err)?.kind !== 'refused') throw err;
      throw appError(z, {
        kind: 'refused',
        sentence: `Trustpilot has no business unit “${creds.businessUnit}” (${errorMessage(err)}). Use your profile’s domain exactly as in your review page address, e.g. example.com for trustpilot.com/review/example.com.`,
        service: 'Trustpilot',
        code: 'trustpilot_business_unit_not_found',
      });
    }
  }

  return {
    trustpilot_access_token: accessToken,
    trustpilot_token_expires_at: expiresAt ?? '',
    trustpilot_token_key_fingerprint: fingerprint(creds.apiKey),
    trustpilot_business_unit_input: creds.businessUnit,
    trustpilot_business_unit_id: unit.id ?? '',
    trustpilot_business_unit_name: unit.name ?? '',
    trustpilot_business_unit_domain: unit.domain ?? '',
  };
};

export const exchangeSession = async (z: ZObject, bundle: Bundle): Promise<Record<string, string>> => {
  // On connect the fields arrive as inputData; on refresh, authData also holds the previous session.
  const previous = (bundle.authData ?? {}) as AuthData;
  const fields = { ...previous, ...(bundle.inputData as AuthData) };
  const creds = readCredentials(z, fields);

  const result: Record<string, string> = {};
  if (creds.trustpilot) Object.assign(result, await trustpilotSession(z, creds.trustpilot, previous));
  if (creds.salesforce) {
    const token = await requestSalesforceToken(z, creds.salesforce);
    result.salesforce_access_token = token.accessToken;
    result.salesforce_instance_url = token.instanceUrl;
  }
  return result;
};
