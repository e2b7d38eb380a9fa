/**
 * A jsforce Transport that sends through `z.request` (via src/http.ts), so Salesforce calls are
 * logged and censored by Zapier, a 401 renews the session, and retries follow our rules instead of
 * jsforce's (which retry POSTs on 5xx and can outlast Zapier's 30-second step).
 */
import { Duplex } from 'node:stream';

import { Transport } from '@jsforce/jsforce-node/lib/transport';
import { StreamPromise } from '@jsforce/jsforce-node/lib/util/promise';
import type { ZObject } from 'zapier-platform-core';

import { send, type ApiRequest } from '../http';

import type { HttpRequest as JsforceRequest, HttpResponse as JsforceResponse } from '@jsforce/jsforce-node/lib/types/common';

export class ZapierTransport extends Transport {
  constructor(
    private readonly z: ZObject,
    /** What the calls are for, in the user's words, for error messages. */
    private readonly action: string,
    /** Every call of this connection only reads (a composite request of queries is a POST that reads). */
    private readonly readOnly = false,
  ) {
    super();
  }

  override httpRequest(req: JsforceRequest): StreamPromise<JsforceResponse> {
    return StreamPromise.create(() => ({
      // jsforce's streaming APIs (Bulk, record streams) need a real stream; the REST calls we make don't.
      stream: new Duplex({ read() {}, write(_chunk, _enc, done) { done(); } }),
      promise: this.send(req),
    })) as StreamPromise<JsforceResponse>;
  }

  private async send(req: JsforceRequest): Promise<JsforceResponse> {
    const method = req.method.toUpperCase() as ApiRequest['method'];
    const response = await send(this.z, {
      service: 'Salesforce',
      method,
      url: req.url,
      headers: req.headers as Record<string, string> | undefined,
      // jsforce serialises JSON bodies itself; only REST calls (string bodies) come through here.
      body: typeof req.body === 'string' ? req.body : undefined,
      action: this.action,
      effect: method === 'GET' || this.readOnly ? 'read' : 'write',
    });
    // jsforce reads lower-case header names (content-type, sforce-limit-info).
    const headers: Record<string, string> = {};
    response.headers.forEach((value: string, name: string) => {
      headers[name.toLowerCase()] = value;
    });
    const body = typeof response.content === 'string' ? response.content : JSON.stringify(response.content ?? '');
    return { statusCode: response.status, headers, body };
  }
}
