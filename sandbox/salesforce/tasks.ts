import { sfId, toId18 } from '../ids';
import { SALESFORCE } from '../seed/facts';
import { findObject } from '../soql/schema';
import type { SValue } from '../soql/values';
import type { World } from '../world';
import { sfFail } from './errors';
import type { SRecord } from './store';

const TASK_SUBTYPES = ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'];
const MAX_LENGTH: Record<string, number> = { Subject: 255, Description: 32000, Status: 255, Priority: 40, Type: 255 };
const LABELS: Record<string, string> = { WhatId: 'Related To ID', WhoId: 'Name ID', OwnerId: 'Assigned To ID' };

/** Checks a Task body field by field, as the REST API does, and returns the record to store. */
export const taskRecord = (world: World, body: Record<string, unknown>): SRecord => {
  const task = findObject('Task')!;
  const now = world.now;
  const record: SRecord = {
    Id: sfId(task.keyPrefix),
    OwnerId: SALESFORCE.users.integration.id,
    WhatId: null,
    WhoId: null,
    Subject: null,
    Description: null,
    Status: (world.salesforce.settings.taskStatuses.find((t) => t.isDefault) ?? world.salesforce.settings.taskStatuses[0])?.apiName ?? null,
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
  // Task Status is a restricted picklist of the org's TaskStatus values, which each org defines.
  const status = world.salesforce.settings.taskStatuses.find((t) => t.apiName === record.Status);
  if (!status) {
    throw sfFail(400, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `Status: bad value for restricted picklist field: ${String(record.Status)}`, ['Status']);
  }
  record.IsClosed = status.closed;
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
