/**
 * SalesforceClient: jsforce on top of our transport. Every method is one API call, because every
 * call spends the org's daily API allowance: queries name their fields (jsforce's `find()` without
 * fields costs an extra describe) and follow `nextRecordsUrl` only when asked.
 */
import type { Connection } from '@jsforce/jsforce-node/lib/connection';
import type { Bundle, ZObject } from 'zapier-platform-core';

import { SALESFORCE_API_VERSION } from '../config';
import { appError } from '../errors/facts';
import { registerSecrets } from '../errors/scrub';
import { readSalesforceFailure, salesforceError, type SalesforceFailure } from './errors';
import { isApiName } from './soql';

export const SALESFORCE_NOT_CONNECTED =
  'This step needs the Salesforce part of the connection: reconnect and fill in your My Domain URL, Consumer Key and Consumer Secret.';

export interface QueryPage<T> {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: T[];
}

export interface CallOptions {
  /** What the call is for, in the user's words: "read Opportunities that reached Closed Won". */
  action: string;
  /**
   * Added to Salesforce's own message when it refuses, e.g. "Check the Tag Fields." A function sees the
   * refusal first, so the hint can depend on what Salesforce named.
   */
  hint?: string | ((failure: SalesforceFailure) => string | undefined);
}

const hintFor = (options: CallOptions, failure: SalesforceFailure) =>
  typeof options.hint === 'function' ? options.hint(failure) : options.hint;

/** One picklist entry of a describe (docs/upstream-facts.md, "Salesforce: queries"). */
export interface PicklistEntry {
  active: boolean;
  defaultValue?: boolean;
  label: string | null;
  value: string;
}

export interface DescribeField {
  name: string;
  label?: string;
  type?: string;
  picklistValues?: PicklistEntry[];
}

/** One query of a composite request, and what Salesforce answered to it. */
export interface CompositeQuery {
  referenceId: string;
  soql: string;
}
export type CompositeAnswer = { ok: true; page: QueryPage<unknown> } | { ok: false; failure: SalesforceFailure };

/** Salesforce runs at most 5 queries in one composite request (and 25 subrequests in all). */
export const COMPOSITE_MAX_QUERIES = 5;

export class SalesforceClient {
  constructor(
    private readonly z: ZObject,
    readonly instanceUrl: string,
    private readonly accessToken: string,
  ) {}

  static fromBundle(z: ZObject, bundle: Pick<Bundle, 'authData'>): SalesforceClient {
    const a = bundle.authData ?? {};
    registerSecrets(z, a); // so any error text from this step can be scrubbed of the connection's credentials
    if (!a.salesforce_instance_url || !a.salesforce_access_token) {
      throw appError(z, { kind: 'input', sentence: SALESFORCE_NOT_CONNECTED, code: 'salesforce_not_connected' });
    }
    return new SalesforceClient(z, a.salesforce_instance_url, a.salesforce_access_token);
  }

  /** jsforce loads lazily (100+ ms): only steps that talk to Salesforce pay for it. */
  private async connect(action: string, readOnly = false): Promise<Connection> {
    const [{ Connection }, { ZapierTransport }] = await Promise.all([
      import('@jsforce/jsforce-node/lib/connection'),
      import('./transport'),
    ]);
    const conn = new Connection({ instanceUrl: this.instanceUrl, accessToken: this.accessToken, version: SALESFORCE_API_VERSION });
    // Queries call conn.request without per-call options, so the transport must be the connection's own.
    (conn as unknown as { _transport: unknown })._transport = new ZapierTransport(this.z, action, readOnly);
    return conn;
  }

  private async call<T>(options: CallOptions, fn: (conn: Connection) => Promise<T>, readOnly = false): Promise<T> {
    const conn = await this.connect(options.action, readOnly);
    try {
      return await fn(conn);
    } catch (err) {
      const failure = readSalesforceFailure(err);
      if (failure) throw salesforceError(this.z, options.action, failure, hintFor(options, failure));
      throw err;
    }
  }

  /**
   * One page of a SOQL query: one API call, GET /query?q=…. It goes through `conn.request` rather than
   * jsforce's Query object: on a refusal Query emits 'error' to a record stream nobody listens to, and
   * the error escapes to Zapier's domain before our translation into a sentence can catch it.
   */
  query<T>(soql: string, options: CallOptions): Promise<QueryPage<T>> {
    return this.call(options, (conn) => conn.request<QueryPage<T>>({ method: 'GET', url: `/query?q=${encodeURIComponent(soql)}` }));
  }

  /**
   * Up to five queries in ONE API call: "The entire series of requests counts as a single call toward your API
   * limits" (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite_post.htm).
   * Each query succeeds or fails on its own (allOrNone false), so a caller may send variants of which only one
   * can work in this org and keep the one it needs. A POST, but it only reads: safe to retry like a GET.
   */
  async composite(queries: readonly CompositeQuery[], options: CallOptions): Promise<Map<string, CompositeAnswer>> {
    if (queries.length === 0 || queries.length > COMPOSITE_MAX_QUERIES) throw new Error(`a composite request holds 1 to ${COMPOSITE_MAX_QUERIES} queries`);
    const body = {
      allOrNone: false,
      compositeRequest: queries.map((q) => ({
        method: 'GET',
        url: `/services/data/v${SALESFORCE_API_VERSION}/query?q=${encodeURIComponent(q.soql)}`,
        referenceId: q.referenceId,
      })),
    };
    const answer = await this.call(
      options,
      (conn) =>
        conn.request<unknown>({ method: 'POST', url: '/composite', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
      true,
    );
    const answers = new Map<string, CompositeAnswer>();
    const responses = (answer as { compositeResponse?: unknown }).compositeResponse;
    for (const item of Array.isArray(responses) ? (responses as Array<Record<string, unknown>>) : []) {
      const id = typeof item.referenceId === 'string' ? item.referenceId : '';
      const status = typeof item.httpStatusCode === 'number' ? item.httpStatusCode : 0;
      if (status >= 200 && status < 300) {
        answers.set(id, { ok: true, page: item.body as QueryPage<unknown> });
      } else {
        // Salesforce's error body: [{ message, errorCode }], as for a query of its own.
        const first = (Array.isArray(item.body) ? item.body[0] : item.body) as { message?: unknown; errorCode?: unknown } | undefined;
        const message = typeof first?.message === 'string' ? first.message : `the query was refused (HTTP ${status})`;
        answers.set(id, { ok: false, failure: { message: message.split('\n').pop()!.trim() || message, errorCode: typeof first?.errorCode === 'string' ? first.errorCode : undefined } });
      }
    }
    for (const q of queries) {
      if (!answers.has(q.referenceId)) {
        const sentence = `Salesforce sent no answer to one of its queries, so we could not ${options.action}.`;
        throw appError(this.z, { kind: 'outcome_unknown', sentence, service: 'Salesforce', code: 'unexpected_response' });
      }
    }
    return answers;
  }

  /** Throws a Salesforce refusal to one query of a composite request as `query` would have. */
  refused(failure: SalesforceFailure, options: CallOptions): Error {
    return salesforceError(this.z, options.action, failure, hintFor(options, failure));
  }

  /** The next page of a query, by its `nextRecordsUrl`: one API call. */
  queryMore<T>(nextRecordsUrl: string, options: CallOptions): Promise<QueryPage<T>> {
    if (!/^\/services\/data\/v[\d.]+\/query\/[\w-]+$/.test(nextRecordsUrl)) {
      const sentence = `Salesforce sent an unexpected next-page address (${nextRecordsUrl.slice(0, 80)}).`;
      throw appError(this.z, { kind: 'outcome_unknown', sentence, service: 'Salesforce', code: 'unexpected_response' });
    }
    return this.call(options, (conn) => conn.request<QueryPage<T>>({ method: 'GET', url: nextRecordsUrl }));
  }

  /**
   * The fields of one object, with picklist values: one API call. Describes are large, so only
   * dropdowns use them, never a poll.
   */
  describeFields(sobject: string, options: CallOptions): Promise<DescribeField[]> {
    if (!isApiName(sobject)) throw appError(this.z, { kind: 'input', sentence: `"${sobject}" is not a Salesforce object name.`, code: 'invalid_input' });
    return this.call(options, async (conn) => ((await conn.describe(sobject)) as unknown as { fields?: DescribeField[] }).fields ?? []);
  }

  /** Creates one record: one API call. Returns the new record's id. */
  create(sobject: string, fields: Record<string, unknown>, options: CallOptions): Promise<string> {
    return this.call(options, async (conn) => {
      const result = (await conn.sobject(sobject).create(fields)) as { id?: string; success?: boolean; errors?: unknown[] };
      if (!result.success || !result.id) {
        const first = (result.errors?.[0] ?? {}) as { message?: string; statusCode?: string };
        const failure = { message: first.message ?? 'the record was not created', errorCode: first.statusCode };
        throw salesforceError(this.z, options.action, failure, hintFor(options, failure));
      }
      return result.id;
    });
  }
}
