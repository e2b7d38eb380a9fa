import { bearerToken, header, isObject, json, parseJson, type Route, type SandboxRequest, type SandboxResponse } from '../http';
import { sfId, toId18 } from '../ids';
import { SALESFORCE } from '../seed/facts';
import { executeSoql } from '../soql/evaluate';
import { SoqlError } from '../soql/errors';
import { findObject } from '../soql/schema';
import type { SValue } from '../soql/values';
import type { World } from '../world';
import { sfError, sfFail } from './errors';
import type { SRecord } from './store';

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

const TASK_SUBTYPES = ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'];
const MAX_LENGTH: Record<string, number> = { Subject: 255, Description: 32000, Status: 255, Priority: 40, Type: 255 };
const LABELS: Record<string, string> = { WhatId: 'Related To ID', WhoId: 'Name ID', OwnerId: 'Assigned To ID' };

/** Checks a Task body field by field, as the REST API does, and returns the record to store. */
const taskRecord = (world: World, body: Record<string, unknown>): SRecord => {
  const task = findObject('Task')!;
  const now = world.now;
  const record: SRecord = {
    Id: sfId(task.keyPrefix),
    OwnerId: SALESFORCE.users.integration.id,
    WhatId: null,
    WhoId: null,
    Subject: null,
    Description: null,
    Status: 'Not Started',
    Priority: 'Normal',
    ActivityDate: null,
    TaskSubtype: 'Task',
    Type: null,
    IsDeleted: false,
    CreatedDate: now,
    CreatedById: SALESFORCE.users.integration.id,
    LastModifiedDate: now,
    LastModifiedById: SALESFORCE.users.integration.id,
    SystemModstamp: now,
  };
  for (const [name, value] of Object.entries(body)) {
    if (name === 'attributes') continue;
    const field = task.fields.get(name.toLowerCase());
    if (!field) throw sfFail(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type Task`);
    if (!field.createable) {
      throw sfFail(
        400,
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        [field.name],
      );
    }
    if (value === null) {
      record[field.name] = null;
      continue;
    }
    if (typeof value !== 'string') {
      throw sfFail(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${field.type} from ${typeof value} value ${JSON.stringify(value)} at [line:1] for field ${field.name}`);
    }
    record[field.name] = fieldValue(world, field.name, field.type, field.relationship?.to, value);
  }
  if (record.TaskSubtype !== null && !TASK_SUBTYPES.includes(String(record.TaskSubtype))) {
    throw sfFail(400, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `Task Subtype: bad value for restricted picklist field: ${record.TaskSubtype}`, ['TaskSubtype']);
  }
  record.IsClosed = record.Status === 'Completed';
  return record;
};

const fieldValue = (world: World, name: string, type: string, targets: readonly string[] | undefined, value: string): SValue => {
  if (type === 'reference') {
    const id = toId18(value);
    const label = LABELS[name] ?? name;
    if (!id) throw sfFail(400, 'MALFORMED_ID', `${label}: id value of incorrect type: ${value}`, [name]);
    const found = world.salesforce.get(id);
    if (!found) throw sfFail(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [name]);
    if (!targets?.includes(found.object)) {
      throw sfFail(400, 'FIELD_INTEGRITY_EXCEPTION', `${label}: id value of incorrect type: ${value}`, [name]);
    }
    return id;
  }
  if (type === 'date') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
      throw sfFail(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of date from VALUE_STRING value ${value} or request may be missing a required field at [line:1]`);
    }
    return value;
  }
  const max = MAX_LENGTH[name];
  if (max !== undefined && value.length > max) {
    throw sfFail(400, 'STRING_TOO_LONG', `${name}: data value too large: ${value.slice(0, 40)}... (max length=${max})`, [name]);
  }
  return value;
};

export const dataRoutes = (world: World): Route[] => [
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
  {
    method: 'GET',
    pattern: '/services/data/:version/sobjects/:sobject/:id',
    handler: (req) => {
      const version = versionOf(req);
      requireSession(world, req);
      const object = findObject(req.params.sobject ?? '');
      const id = toId18(req.params.id ?? '');
      if (!object) throw sfFail(404, 'NOT_FOUND', `The requested resource does not exist`);
      if (!id || world.salesforce.get(id)?.object !== object.name) {
        return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
      }
      // Reading a record is a query for all its fields: one formatter for both.
      const fields = [...object.fields.values()].map((f) => f.name).join(', ');
      const [record] = soql(world, `SELECT ${fields} FROM ${object.name} WHERE Id = '${id}'`, version).records;
      return withUsage(world, json(200, record));
    },
  },
];
