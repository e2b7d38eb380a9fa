/**
 * The Task status a logged review gets: a closed status the org actually has. Task Status is a
 * restricted picklist whose values each org defines (TaskStatus object: ApiName, IsClosed, SortOrder,
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_taskstatus.htm),
 * so "Completed" may be renamed or gone. "Completed" when the org has it as a closed status, otherwise
 * the first closed status in the org's order. One query a day per connection (z.cache).
 */
import type { ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { appError } from '../errors/facts';
import type { SalesforceClient } from '../salesforce/client';
import { parseRecords } from '../salesforce/records';
import { compileSoql, where } from '../salesforce/soql';

export const TASK_STATUS_TTL_SECONDS = 24 * 60 * 60;
const PREFERRED = 'Completed';

export const closedTaskStatus = async (z: ZObject, client: SalesforceClient): Promise<string> => {
  const key = `sf-task-status:${client.instanceUrl}`;
  const cached = (await z.cache.get(key)) as string | null;
  if (typeof cached === 'string' && cached) return cached;
  const action = 'read the Task statuses of your Salesforce org';
  const soql = compileSoql({ select: ['ApiName'], from: 'TaskStatus', where: [where.eq('IsClosed', true)], orderBy: [{ field: 'SortOrder' }] });
  const page = await client.query<unknown>(soql, { action });
  const names = parseRecords(z, page, zod.looseObject({ ApiName: zod.string() }), action).map((r) => r.ApiName);
  const status = names.find((n) => n.toLowerCase() === PREFERRED.toLowerCase()) ?? names[0];
  if (!status) {
    // A setting of the user's org, fixed by the user; nothing was written.
    throw appError(z, {
      kind: 'input',
      sentence:
        'Your Salesforce org has no closed Task status, so the review cannot be logged as a finished activity. Add one in Setup → Object Manager → Task → Fields & Relationships → Status (mark it Closed).',
      code: 'no_closed_task_status',
    });
  }
  await z.cache.set(key, status, TASK_STATUS_TTL_SECONDS);
  return status;
};
