/**
 * SalesforceClient: jsforce on top of our transport. Every method is one API call, because every
 * call spends the org's daily API allowance: queries name their fields (jsforce's `find()` without
 * fields costs an extra describe) and follow `nextRecordsUrl` only when asked.
 */
import type { Connection } from '@jsforce/jsforce-node/lib/connection';
import type { Bundle, ZObject } from 'zapier-platform-core';

import { SALESFORCE_API_VERSION } from '../config';
import { readSalesforceFailure, salesforceError } from './errors';

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
  /** Added to Salesforce's own message when it refuses, e.g. "Check the Tag Fields." */
  hint?: string;
}

export class SalesforceClient {
  constructor(
    private readonly z: ZObject,
    readonly instanceUrl: string,
    private readonly accessToken: string,
  ) {}

  static fromBundle(z: ZObject, bundle: Pick<Bundle, 'authData'>): SalesforceClient {
    const a = bundle.authData ?? {};
    if (!a.salesforce_instance_url || !a.salesforce_access_token) {
      throw new z.errors.Error(SALESFORCE_NOT_CONNECTED, 'salesforce_not_connected');
    }
    return new SalesforceClient(z, a.salesforce_instance_url, a.salesforce_access_token);
  }

  /** jsforce loads lazily (100+ ms): only steps that talk to Salesforce pay for it. */
  private async connect(action: string): Promise<Connection> {
    const [{ Connection }, { ZapierTransport }] = await Promise.all([
      import('@jsforce/jsforce-node/lib/connection'),
      import('./transport'),
    ]);
    const conn = new Connection({ instanceUrl: this.instanceUrl, accessToken: this.accessToken, version: SALESFORCE_API_VERSION });
    // Queries call conn.request without per-call options, so the transport must be the connection's own.
    (conn as unknown as { _transport: unknown })._transport = new ZapierTransport(this.z, action);
    return conn;
  }

  private async call<T>(options: CallOptions, fn: (conn: Connection) => Promise<T>): Promise<T> {
    const conn = await this.connect(options.action);
    try {
      return await fn(conn);
    } catch (err) {
      const failure = readSalesforceFailure(err);
      if (failure) throw salesforceError(this.z, options.action, failure, options.hint);
      throw err;
    }
  }

  /**
   * One page of a SOQL query: one API call. Deliberately not `conn.query()`: on failure jsforce's
   * Query re-emits the error on an internal stream nobody listens to, and inside Zapier's runtime (a
   * Node domain) that surfaces as an uncaught error before we can turn it into a sentence.
   */
  query<T>(soql: string, options: CallOptions): Promise<QueryPage<T>> {
    return this.call(options, (conn) => conn.request<QueryPage<T>>(`/query?q=${encodeURIComponent(soql)}`));
  }

  /** The next page of a query, by its `nextRecordsUrl`: one API call. */
  queryMore<T>(nextRecordsUrl: string, options: CallOptions): Promise<QueryPage<T>> {
    return this.call(options, (conn) => conn.request<QueryPage<T>>(nextRecordsUrl));
  }

  /** Creates one record: one API call. Returns the new record's id. */
  create(sobject: string, fields: Record<string, unknown>, options: CallOptions): Promise<string> {
    return this.call(options, async (conn) => {
      const result = (await conn.sobject(sobject).create(fields)) as { id?: string; success?: boolean; errors?: unknown[] };
      if (!result.success || !result.id) {
        const first = (result.errors?.[0] ?? {}) as { message?: string; statusCode?: string };
        throw salesforceError(this.z, options.action, { message: first.message ?? 'the record was not created', errorCode: first.statusCode }, options.hint);
      }
      return result.id;
    });
  }
}
