import type { Sandbox } from '../../sandbox';

/** Small HTTP helpers over Node's global fetch, so the tests talk to the sandbox the way the app will. */

export const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export const form = (fields: Record<string, string>) => ({
  'content-type': 'application/x-www-form-urlencoded',
  body: new URLSearchParams(fields).toString(),
});

export const trustpilotToken = async (sb: Sandbox): Promise<string> => {
  const { apiKey, apiSecret } = sb.credentials.trustpilot;
  const res = await fetch(`${sb.urls.trustpilotApi}/v1/oauth/oauth-business-users-for-applications/accesstoken`, {
    method: 'POST',
    headers: { authorization: basic(apiKey, apiSecret), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
};

export const salesforceToken = async (sb: Sandbox): Promise<string> => {
  const { clientId, clientSecret } = sb.credentials.salesforce;
  const res = await fetch(`${sb.urls.salesforce}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
  });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
};

export interface QueryPage<T = Record<string, unknown>> {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: T[];
}

/** Runs SOQL and returns status and parsed body, whatever the status. */
export const query = async (sb: Sandbox, token: string, soql: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${sb.urls.salesforce}/services/data/v66.0/query?q=${encodeURIComponent(soql)}`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
  return { status: res.status, body: (await res.json()) as unknown };
};

/** Runs SOQL that must succeed. */
export const records = async <T = Record<string, unknown>>(sb: Sandbox, token: string, soql: string): Promise<QueryPage<T>> => {
  const { status, body } = await query(sb, token, soql);
  if (status !== 200) throw new Error(`query failed ${status}: ${JSON.stringify(body)}\n${soql}`);
  return body as QueryPage<T>;
};

export const bearer = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });

export const postJson = (url: string, token: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** The error a fetch rejects with when the connection is cut or refused, with its low-level code. */
export const networkError = async (p: Promise<Response>): Promise<string> => {
  try {
    const res = await p;
    throw new Error(`expected a network error, got HTTP ${res.status}`);
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause;
    if (!cause) throw e;
    return cause.code ?? 'unknown';
  }
};
