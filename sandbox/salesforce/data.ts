import { bearerToken, header, HttpError, isObject, json, parseJson, type Route, type SandboxRequest, type SandboxResponse } from '../http';
import { toId18 } from '../ids';
import { executeSoql } from '../soql/evaluate';
import { SoqlError } from '../soql/errors';
import { findObject } from '../soql/schema';
import type { World } from '../world';
import { describeRoute } from './describe';
import { sfFail } from './errors';
import { taskRecord } from './tasks';

/** API versions still served: 31.0 up to Winter '27 (68.0); 21.0–30.0 were retired in Summer '25. */
const versionOf = (req: SandboxRequest): string => {
  const v = req.params.version ?? '';
  const m = /^v(\d+)\.0$/.exec(v);
  if (!m || Number(m[1]) < 31 || Number(m[1]) > 68) throw sfFail(404, 'NOT_FOUND', 'The requested resource does not exist');
  return v;
};

const requireSession = (world: World, req: SandboxRequest): void => {
  if (world.tokens.check('salesforce', bearerToken(req)) !== 'valid') {
    throw sfFail(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
  }
};

/** Sforce-Query-Options: batchSize=n is honoured within Salesforce's bounds (200–2000). */
const batchSize = (world: World, req: SandboxRequest): number => {
  const m = /batchSize=(\d+)/i.exec(header(req, 'sforce-query-options') ?? '');
  return m ? Math.min(2000, Math.max(200, Number(m[1]))) : world.options.salesforceBatchSize;
};

const withUsage = (world: World, response: SandboxResponse): SandboxResponse => ({
  ...response,
  headers: { ...response.headers, 'Sforce-Limit-Info': `api-usage=${world.counters.snapshot().totals.salesforce}/15000` },
});

const soql = (world: World, query: string, version: string) => {
  try {
    return executeSoql(query, { store: world.salesforce, now: world.now, version });
  } catch (e) {
    if (e instanceof SoqlError) throw sfFail(400, e.errorCode, e.message);
    throw e;
  }
};

/**
 * POST /composite with query subrequests only (what the app sends): up to 25 subrequests, at most 5 of them
 * queries; each answered on its own (allOrNone false), a refused one as [{ message, errorCode }] with its status.
 * The whole request is one API call. Other subrequest kinds are not served here.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite_post.htm
 */
const compositeRoute = (world: World): Route => ({
  method: 'POST',
  pattern: '/services/data/:version/composite',
  handler: (req) => {
    const version = versionOf(req);
    requireSession(world, req);
    const body = parseJson(req);
    const subrequests = isObject(body) && Array.isArray(body.compositeRequest) ? (body.compositeRequest as unknown[]) : undefined;
    if (!subrequests || subrequests.length === 0) throw sfFail(400, 'JSON_PARSER_ERROR', 'compositeRequest must be a non-empty array');
    if (subrequests.length > 25) throw sfFail(400, 'INVALID_BATCH_REQUEST', 'Exceeded max limit of subrequests allowed. Limit is 25');
    const queries = subrequests.filter((r) => isObject(r) && typeof r.url === 'string' && /\/query(All)?(\/|\?|$)/.test(r.url));
    if (queries.length > 5) throw sfFail(400, 'INVALID_BATCH_REQUEST', 'Exceeded max limit of query operations allowed. Limit is 5');
    const compositeResponse = subrequests.map((raw) => {
      const r = isObject(raw) ? raw : {};
      const referenceId = typeof r.referenceId === 'string' ? r.referenceId : '';
      try {
        const url = new URL(typeof r.url === 'string' ? r.url : '', 'http://composite.invalid');
        const m = /^\/services\/data\/(v[\d.]+)\/query$/.exec(url.pathname);
        if (r.method !== 'GET' || !m) throw sfFail(400, 'INVALID_BATCH_REQUEST', 'Only query subrequests are served by this sandbox');
        if (m[1] !== version) throw sfFail(400, 'INVALID_BATCH_REQUEST', 'All subrequests must use the API version of the composite request');
        const q = url.searchParams.get('q');
        if (!q) throw sfFail(400, 'MALFORMED_QUERY', 'A query string has to be specified');
        const result = soql(world, q, version);
        return { body: world.cursors.first(result, batchSize(world, req), version), httpHeaders: {}, httpStatusCode: 200, referenceId };
      } catch (e) {
        if (!(e instanceof HttpError)) throw e;
        return { body: e.response.body, httpHeaders: {}, httpStatusCode: e.response.status, referenceId };
      }
    });
    return withUsage(world, json(200, { compositeResponse }));
  },
});

export const dataRoutes = (world: World): Route[] => [
  compositeRoute(world),
  {
    method: 'GET',
    pattern: '/services/data/:version/query',
    handler: (req) => {
      const version = versionOf(req);
      requireSession(world, req);
      const q = req.query.get('q');
      if (!q) throw sfFail(400, 'MALFORMED_QUERY', 'A query string has to be specified');
      const result = soql(world, q, version);
      return withUsage(world, json(200, world.cursors.first(result, batchSize(world, req), version)));
    },
  },
  {
    method: 'GET',
    pattern: '/services/data/:version/query/:locator',
    handler: (req) => {
      const version = versionOf(req);
      requireSession(world, req);
      const m = /^(.+)-(\d+)$/.exec(req.params.locator ?? '');
      const page = m ? world.cursors.page(m[1]!, Number(m[2]), version) : undefined;
      if (!page) throw sfFail(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      return withUsage(world, json(200, page));
    },
  },
  {
    method: 'POST',
    pattern: '/services/data/:version/sobjects/Task',
    handler: (req) => {
      versionOf(req);
      requireSession(world, req);
      const body = parseJson(req);
      if (!isObject(body)) throw sfFail(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object describing the Task');
      const record = taskRecord(world, body);
      world.salesforce.insert('Task', record);
      world.recorded.tasks.push({ id: record.Id, body, receivedAt: world.isoNow });
      return withUsage(world, json(201, { id: record.Id, success: true, errors: [] }));
    },
  },
  // Before the record route, whose :id would otherwise swallow "describe".
  describeRoute((req) => requireSession(world, req), versionOf, (object, field) => world.salesforce.visible(object, field)),
  {
    method: 'GET',
    pattern: '/services/data/:version/sobjects/:sobject/:id',
    handler: (req) => {
      const version = versionOf(req);
      requireSession(world, req);
      const object = findObject(req.params.sobject ?? '');
      const id = toId18(req.params.id ?? '');
      if (!object || !id || world.salesforce.get(id)?.object !== object.name) {
        throw sfFail(404, 'NOT_FOUND', 'The requested resource does not exist');
      }
      // Reading a record is a query for all its fields: one formatter for both.
      const fields = [...object.fields.values()].filter((f) => world.salesforce.visible(object.name, f.name)).map((f) => f.name).join(', ');
      const [record] = soql(world, `SELECT ${fields} FROM ${object.name} WHERE Id = '${id}'`, version).records;
      return withUsage(world, json(200, record));
    },
  },
];
