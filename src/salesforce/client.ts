/**
 * SalesforceClient: jsforce on top of our transport. Every method is one API call, because every
 * call spends the org's daily API allowance: queries name their fields (jsforce's `find()` without
 * fields costs an extra describe) and follow `nextRecordsUrl` only when asked.
 */
import type { Connection } from '@jsforce/jsforce-node/lib/connection';
import type { Bundle, ZObject } from 'zapier-platform-core';

import { SALESFORCE_API_VERSION } from '../config';
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

  /** The next page of a query, by its `nextRecordsUrl`: one API call. */
  queryMore<T>(nextRecordsUrl: string, options: CallOptions): Promise<QueryPage<T>> {
    if (!/^\/services\/data\/v[\d.]+\/query\/[\w-]+$/.test(nextRecordsUrl)) {
      throw new this.z.errors.Error(`Salesforce sent an unexpected next-page address (${nextRecordsUrl.slice(0, 80)}).`, 'unexpected_response');
    }
    return this.call(options, (conn) => conn.request<QueryPage<T>>({ method: 'GET', url: nextRecordsUrl }));
  }

  /**
   * The fields of one object, with picklist values: one API call. Describes are large, so only
   * dropdowns use them, never a poll.
   */
  describeFields(sobject: string, options: CallOptions): Promise<DescribeField[]> {
    if (!isApiName(sobject)) throw new this.z.errors.Error(`"${sobject}" is not a Salesforce object name.`, 'invalid_input');
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
