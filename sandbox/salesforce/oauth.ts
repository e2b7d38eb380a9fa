import { createHmac } from 'node:crypto';
import { header, json, type Route } from '../http';
import { token } from '../ids';
import { SALESFORCE } from '../seed/facts';
import type { World } from '../world';

const oauthError = (error: string, description: string) => json(400, { error, error_description: description });

/** Client id and secret from the form body, or from HTTP Basic, which Salesforce also accepts. */
const clientCredentials = (form: URLSearchParams, authorization: string | undefined): [string | null, string | null] => {
  const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (basic) {
    const [id = null, secret = null] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(/:(.*)/s);
    return [id, secret];
  }
  return [form.get('client_id'), form.get('client_secret')];
};

export const oauthRoutes = (world: World, instanceUrl: () => string): Route[] => [
  {
    method: 'POST',
    pattern: '/services/oauth2/token',
    handler: (req) => {
      const form = new URLSearchParams(req.body);
      const grant = form.get('grant_type');
      if (grant !== 'client_credentials') return oauthError('unsupported_grant_type', 'grant type not supported');
      const [clientId, clientSecret] = clientCredentials(form, header(req, 'authorization'));
      if (clientId !== SALESFORCE.clientId || clientSecret !== SALESFORCE.clientSecret) {
        return oauthError('invalid_client', 'invalid client credentials');
      }
      // Session ids start with the 15-character org id, then "!".
      const accessToken = `${SALESFORCE.org.id.slice(0, 15)}!AQ${token(4)}.${token(94)}`;
      world.tokens.register('salesforce', accessToken, world.options.salesforceSessionTtlMs, clientId);
      const base = instanceUrl();
      const id = `${base}/id/${SALESFORCE.org.id}/${SALESFORCE.users.integration.id}`;
      const issuedAt = String(world.now);
      return json(200, {
        access_token: accessToken,
        signature: createHmac('sha256', SALESFORCE.clientSecret).update(id + issuedAt).digest('base64'),
        scope: 'api',
        instance_url: base,
        id,
        token_type: 'Bearer',
        issued_at: issuedAt,
      });
    },
  },
];
