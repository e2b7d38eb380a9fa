/**
 * Client-credentials token from an External Client App (docs/upstream-facts.md, "Salesforce: authentication"). There is no refresh token and
 * no expiry in the answer: Salesforce sessions end after inactivity, a 401 follows, and Zapier asks
 * for a new session.
 */
import type { ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import type { SalesforceCredentials } from '../auth/credentials';
import { appError } from '../errors/facts';
import { isZapierError } from '../errors/error-message';
import { registerSecrets, scrub } from '../errors/scrub';
import { jsonBody, send, type ApiRequest } from '../http';
import { parseResponse } from '../parse-response';

const tokenResponse = zod.looseObject({ access_token: zod.string().min(1), instance_url: zod.url() });
const tokenError = zod.looseObject({ error: zod.string().optional(), error_description: zod.string().optional() });

const HOW_TO_FIX: Record<string, string> = {
  invalid_client: 'Check the Consumer Key and Secret of your External Client App.',
  invalid_client_id: 'Check the Consumer Key of your External Client App.',
  invalid_grant:
    'In the External Client App, enable the Client Credentials Flow and choose a Run As user (OAuth Policies), then wait a few minutes for Salesforce to apply it.',
  unsupported_grant_type: 'Enable the Client Credentials Flow in the External Client App’s OAuth settings.',
};

export const requestSalesforceToken = async (z: ZObject, credentials: SalesforceCredentials) => {
  // A token endpoint may echo the form body: the secret must not come back in the error.
  registerSecrets(z, { salesforce_client_secret: credentials.clientSecret });
  const req: ApiRequest = {
    service: 'Salesforce',
    method: 'POST',
    url: `${credentials.loginUrl}/services/oauth2/token`,
    form: { grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret },
    action: 'sign in with the Consumer Key and Secret',
    effect: 'read', // asking for a token changes nothing
  };
  let response;
  try {
    response = await send(z, req);
  } catch (err) {
    // Under session auth, core turns even this 401 into an empty RefreshAuthError.
    if (isZapierError(err, 'RefreshAuthError')) {
      const sentence = `Salesforce refused the Consumer Key and Secret (401). ${HOW_TO_FIX.invalid_client}`;
      throw appError(z, { kind: 'refused', sentence, service: 'Salesforce', status: 401, code: 'salesforce_auth_failed' });
    }
    throw err;
  }
  if (response.status >= 400) {
    const parsed = tokenError.safeParse(jsonBody(response));
    const code = parsed.success ? parsed.data.error : undefined;
    const description = parsed.success ? parsed.data.error_description : undefined;
    throw appError(z, {
      kind: 'refused',
      sentence: `Salesforce refused to sign in: ${description ? scrub(z, description).slice(0, 300) : `HTTP ${response.status}`}${code ? ` (${code})` : ''}. ${HOW_TO_FIX[code ?? ''] ?? 'Check the connection’s Salesforce fields.'}`,
      service: 'Salesforce',
      status: response.status,
      code: 'salesforce_auth_failed',
    });
  }
  const token = parseResponse(z, req, tokenResponse, jsonBody(response));
  return { accessToken: token.access_token, instanceUrl: token.instance_url.replace(/\/+$/, '') };
};
