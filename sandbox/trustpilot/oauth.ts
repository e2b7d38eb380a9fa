import { header, json, type Route, type SandboxRequest } from '../http';
import { token } from '../ids';
import { TRUSTPILOT } from '../seed/facts';
import type { World } from '../world';
import { rateLimited } from './errors';

/** Errors from Apigee's OAuth policy use their own keys, unlike the rest of the API. */
const oauthError = (status: number, code: string, message: string) => json(status, { ErrorCode: code, Error: message });

const basicCredentials = (req: SandboxRequest): [string, string] | undefined => {
  const m = /^Basic\s+(\S+)$/i.exec(header(req, 'authorization') ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : [decoded.slice(0, colon), decoded.slice(colon + 1)];
};

export const oauthRoutes = (world: World): Route[] => [
  {
    method: 'POST',
    pattern: '/v1/oauth/oauth-business-users-for-applications/accesstoken',
    handler: (req) => {
      if (!/^application\/x-www-form-urlencoded/i.test(header(req, 'content-type') ?? '')) {
        return oauthError(400, 'invalid_request', 'Unsupported content type: the token request must be form-encoded');
      }
      const form = new URLSearchParams(req.body);
      const credentials = basicCredentials(req);
      if (!credentials || credentials[0] !== TRUSTPILOT.apiKey) return oauthError(401, 'invalid_client', 'ClientId is Invalid');
      if (credentials[1] !== TRUSTPILOT.apiSecret) return oauthError(401, 'invalid_client', 'Client credentials are invalid');
      const grant = form.get('grant_type');
      if (grant !== 'client_credentials') return oauthError(400, 'invalid_request', `Unsupported grant type : ${grant ?? ''}`);

      // "If you refresh your access token too often, your requests will be rejected with HTTP error code: 429."
      const last = world.tokens.lastIssued('trustpilot', TRUSTPILOT.apiKey);
      if (world.options.minTokenIntervalMs > 0 && last !== undefined && world.now - last < world.options.minTokenIntervalMs) {
        return rateLimited();
      }
      const accessToken = token(28);
      world.tokens.register('trustpilot', accessToken, world.options.trustpilotTokenTtlMs, TRUSTPILOT.apiKey);
      return json(200, {
        api_product_list: '[trustpilot-client-api, public_data]',
        organization_name: 'trustpilot',
        'developer.email': 'dev.accounts+developerapps@trustpilot.com',
        token_type: 'BearerToken',
        issued_at: String(world.now),
        client_id: TRUSTPILOT.apiKey,
        access_token: accessToken,
        application_name: '6c1f4b2e-8a3d-4f5e-9b7a-2d1c0e9f8a7b',
        scope: '',
        expires_in: String(Math.floor(world.options.trustpilotTokenTtlMs / 1000)),
        refresh_count: '0',
        status: 'approved',
        api_product_list_json: ['trustpilot-client-api', 'public_data'],
      });
    },
  },
];
