/**
 * TrustpilotClient: the only code that knows Trustpilot's URLs, headers and response shapes.
 * Endpoint groups live beside it (business units and templates here; reviews and invitations in
 * their own files) and all go through `request`, so every call gets the same auth headers,
 * retries and error sentences.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { z as zod } from 'zod';

import { trustpilotApiUrl, trustpilotInvitationsApiUrl } from '../config';
import { appError, withFacts } from '../errors/facts';
import { registerSecrets } from '../errors/scrub';
import { jsonBody, send, type ApiRequest } from '../http';
import { parseResponse } from '../parse-response';
import { isBusinessUnitId } from './business-unit-input';
import { trustpilotError } from './errors';
import { BudgetExhausted, RateBudget, type RateBudgetOptions } from './rate-budget';
import { businessUnit, templateList, tokenResponse, type BusinessUnit, type Template } from './schemas';

export type TrustpilotHost = 'api' | 'invitations';

export interface TrustpilotRequest<S extends zod.ZodType | undefined> {
  host?: TrustpilotHost;
  method?: ApiRequest['method'];
  /** Path below /v1, e.g. `/private/reviews/{id}`. */
  path: string;
  params?: ApiRequest['params'];
  json?: unknown;
  action: string;
  effect?: ApiRequest['effect'];
  /** Private endpoints need the OAuth token; public ones only the API key. */
  auth?: 'private' | 'public';
  /**
   * Invitations and replies made with a client-credentials token must say which business user acts (true).
   * 'when-known' sends the header only if the connection has a Business User ID (invitation links, for
   * which Trustpilot documents no such header: https://developers.trustpilot.com/invitation-api).
   */
  asBusinessUser?: boolean | 'when-known';
  /** Trustpilot's body fields as the user knows them, so that a 400 naming one names the Zap field. */
  fieldLabels?: Readonly<Record<string, string>>;
  /** For look-ups where "no such thing" is an answer, not a failure: a 404 resolves to undefined. */
  notFoundAsUndefined?: boolean;
  schema?: S;
  /** Per-attempt timeout; defaults to REQUEST_TIMEOUT_MS. A batch shortens it near the end of its time budget. */
  timeoutMs?: number;
}

export interface TrustpilotConnection {
  apiKey: string;
  accessToken?: string;
  businessUserId?: string;
  businessUnitId?: string;
  businessUnitName?: string;
  businessUnitDomain?: string;
  /** When the access token expires (epoch ms), as stored by the session exchange. */
  tokenExpiresAt?: number;
}

/**
 * A token this close to its stored expiry is not sent: Zapier is asked to renew the session first, so a token
 * never expires in the middle of a Zap. Trustpilot's tokens live 100 hours (https://developers.trustpilot.com/authentication).
 */
export const TOKEN_EXPIRY_MARGIN_MS = 5 * 60_000;
/**
 * A 403 on a token this close to (or past) its expiry is taken as the expired token it most likely is:
 * Trustpilot may answer stale tokens with 403, which its own Python client re-authenticates on
 * (https://github.com/trustpilot/python-trustpilot/pull/28), while Zapier renews a session only on 401.
 */
export const NEAR_EXPIRY_403_MS = 15 * 60_000;

const TOKEN_EXPIRED = 'The Trustpilot access token has expired; Zapier renews it and runs this step again.';

const expiryOf = (stored: unknown): number | undefined => {
  const ms = typeof stored === 'string' ? Date.parse(stored) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
};

const baseUrl = (host: TrustpilotHost) => (host === 'invitations' ? trustpilotInvitationsApiUrl() : trustpilotApiUrl());

export const TRUSTPILOT_NOT_CONNECTED =
  'This step needs the Trustpilot API part of the connection: reconnect and fill in the Trustpilot API key, secret and business unit ' +
  '(Trustpilot Business → Integrations → Developers → API).';

export interface ClientOptions extends RateBudgetOptions {
  /** Per-attempt timeout, decided once the call's turn in the rate budget has come (a batch shortens it near its end). */
  timeoutMs?: () => number;
}

export class TrustpilotClient {
  /** Every call waits for its turn in the account's rate budget, shared by all runs through z.cache. */
  private readonly budget: RateBudget | undefined;

  constructor(
    private readonly z: ZObject,
    readonly connection: TrustpilotConnection,
    private readonly options: ClientOptions = {},
  ) {
    this.budget = z.cache ? new RateBudget(z.cache, connection.apiKey, options) : undefined;
  }

  /** The client for a Zap step, from the connection's authData. A batch passes how long each call may wait and take. */
  static fromBundle(z: ZObject, bundle: Pick<Bundle, 'authData'>, options: ClientOptions = {}): TrustpilotClient {
    const a = bundle.authData ?? {};
    registerSecrets(z, a); // so any error text from this step can be scrubbed of the connection's credentials
    if (!a.trustpilot_api_key || !a.trustpilot_access_token) {
      throw appError(z, { kind: 'input', sentence: TRUSTPILOT_NOT_CONNECTED, code: 'trustpilot_not_connected' });
    }
    return new TrustpilotClient(z, {
      apiKey: a.trustpilot_api_key,
      accessToken: a.trustpilot_access_token,
      businessUserId: a.trustpilot_business_user_id || undefined,
      businessUnitId: a.trustpilot_business_unit_id || undefined,
      businessUnitName: a.trustpilot_business_unit_name || undefined,
      businessUnitDomain: a.trustpilot_business_unit_domain || undefined,
      tokenExpiresAt: expiryOf(a.trustpilot_token_expires_at),
    }, options);
  }

  /** The business unit a step works on: the one chosen in the step, else the connection's. */
  businessUnitId(chosen?: string): string {
    const id = (chosen ?? '').trim() || this.connection.businessUnitId;
    if (!id) {
      throw appError(this.z, {
        kind: 'input',
        sentence: 'Choose a Business Unit in this step, or reconnect with your Trustpilot business unit (your profile domain, e.g. example.com).',
        code: 'invalid_input',
      });
    }
    if (!isBusinessUnitId(id)) {
      throw appError(this.z, {
        kind: 'input',
        sentence: `Business Unit: "${id}" is not a Trustpilot business unit id (24 hexadecimal characters). Choose one from the dropdown or use "Find Business Unit".`,
        code: 'invalid_input',
      });
    }
    return id;
  }

  /**
   * The business user who acts (invitations, replies). `action` completes the error sentence, so a step
   * that needs it can fail before its first call rather than halfway through.
   */
  businessUserId(action: string): string {
    if (!this.connection.businessUserId) {
      throw appError(this.z, {
        kind: 'input',
        sentence:
          `To ${action}, Trustpilot needs to know which business user acts: reconnect and fill in the Business User ID ` +
          `(Trustpilot Business → Settings → Users: an Admin or Manager).`,
        code: 'trustpilot_business_user_missing',
      });
    }
    return this.connection.businessUserId;
  }

  async request<S extends zod.ZodType | undefined = undefined>(
    req: TrustpilotRequest<S>,
  ): Promise<S extends zod.ZodType ? zod.infer<S> : unknown> {
    const headers: Record<string, string> = { apikey: this.connection.apiKey };
    const isPrivate = (req.auth ?? 'private') === 'private';
    const expiresAt = this.connection.tokenExpiresAt;
    if (isPrivate) {
      if (!this.connection.accessToken) throw appError(this.z, { kind: 'input', sentence: TRUSTPILOT_NOT_CONNECTED, code: 'trustpilot_not_connected' });
      if (expiresAt !== undefined && Date.now() >= expiresAt - TOKEN_EXPIRY_MARGIN_MS) throw new this.z.errors.RefreshAuthError(TOKEN_EXPIRED);
      headers.authorization = `Bearer ${this.connection.accessToken}`;
    }
    if (req.asBusinessUser === true) headers['x-business-user-id'] = this.businessUserId(req.action);
    else if (req.asBusinessUser === 'when-known' && this.connection.businessUserId) headers['x-business-user-id'] = this.connection.businessUserId;
    const apiRequest: ApiRequest = {
      service: 'Trustpilot',
      method: req.method ?? 'GET',
      url: `${baseUrl(req.host ?? 'api')}/v1${req.path}`,
      params: req.params,
      headers,
      json: req.json,
      action: req.action,
      effect: req.effect ?? (req.method && req.method !== 'GET' ? 'write' : 'read'),
      timeoutMs: req.timeoutMs,
    };
    await this.waitForBudget();
    const response = await send(this.z, { ...apiRequest, timeoutMs: apiRequest.timeoutMs ?? this.options.timeoutMs?.() });
    if (response.status === 404 && req.notFoundAsUndefined) return undefined as never;
    if (response.status === 403 && isPrivate && expiresAt !== undefined && expiresAt - Date.now() < NEAR_EXPIRY_403_MS) {
      throw new this.z.errors.RefreshAuthError(TOKEN_EXPIRED);
    }
    if (response.status >= 400) throw trustpilotError(
        this.z,
        { action: req.action, asBusinessUser: req.asBusinessUser === true || (req.asBusinessUser === 'when-known' && !!this.connection.businessUserId), withoutBusinessUser: req.asBusinessUser === 'when-known' && !this.connection.businessUserId, fieldLabels: req.fieldLabels },
        response,
      );
    const body = jsonBody(response);
    return (req.schema ? parseResponse(this.z, apiRequest, req.schema, body) : body) as never;
  }

  private async waitForBudget(): Promise<void> {
    try {
      await this.budget?.take();
    } catch (err) {
      if (err instanceof BudgetExhausted) {
        // Core keeps a ThrottledError's sentence inside JSON: the facts carry it for the batch report. Nothing was sent.
        const sentence = err.message;
        throw withFacts(new this.z.errors.ThrottledError(sentence, err.delaySeconds), { kind: 'unavailable', sentence, service: 'Trustpilot' });
      }
      throw err;
    }
  }

  getBusinessUnit(id: string): Promise<BusinessUnit> {
    return this.request({ path: `/business-units/${encodeURIComponent(id)}`, auth: 'public', action: 'look up the business unit', schema: businessUnit });
  }

  /** `name` is the profile's domain or exact name, e.g. `example.com`. */
  findBusinessUnit(name: string): Promise<BusinessUnit> {
    return this.request({ path: '/business-units/find', params: { name }, auth: 'public', action: `find the business unit "${name}"`, schema: businessUnit });
  }

  /**
   * Proves that the token works and may act on the business unit, reading nothing from the answer: the
   * templates list is the cheapest private call scoped to a business unit, and its shape is not in Trustpilot's
   * public documentation, so any 2xx counts (a 401/403/404 fails as usual).
   */
  async checkBusinessUnitAccess(businessUnitId: string): Promise<void> {
    await this.request({
      host: 'invitations',
      path: `/private/business-units/${encodeURIComponent(businessUnitId)}/templates`,
      action: 'list the invitation templates',
    });
  }

  async listTemplates(businessUnitId: string): Promise<Template[]> {
    const { templates } = await this.request({
      host: 'invitations',
      path: `/private/business-units/${businessUnitId}/templates`,
      action: 'list the invitation templates',
      schema: templateList,
    });
    return templates;
  }
}

/** Client-credentials token (docs/upstream-facts.md, "Trustpilot: authentication"). It is never refreshed: a new one is requested the same way. */
export const requestTrustpilotToken = async (z: ZObject, apiKey: string, apiSecret: string) => {
  const req: ApiRequest = {
    service: 'Trustpilot',
    method: 'POST',
    url: `${trustpilotApiUrl()}/v1/oauth/oauth-business-users-for-applications/accesstoken`,
    headers: { authorization: `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}` },
    form: { grant_type: 'client_credentials' },
    action: 'get an access token',
    // Asking again is harmless: a token request changes nothing upstream.
    effect: 'read',
  };
  const response = await send(z, req);
  if (response.status >= 400) throw trustpilotError(z, req, response);
  const token = parseResponse(z, req, tokenResponse, jsonBody(response));
  const seconds = Number(token.expires_in);
  return { accessToken: token.access_token, expiresInSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 359_999 };
};
