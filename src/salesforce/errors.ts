/**
 * Salesforce's 4xx answers as sentences. Its error bodies are arrays of {message, errorCode, fields?}
 * (docs/upstream-facts.md, "Salesforce: queries"); jsforce hands them to us as an Error whose `name`/`errorCode` is Salesforce's code.
 */
import type { ZObject } from 'zapier-platform-core';

import { appError } from '../errors/facts';
import { scrub } from '../errors/scrub';

export interface SalesforceFailure {
  errorCode?: string;
  message: string;
}

/** Query errors repeat the SOQL with a caret before the reason; the user needs only the reason. */
const lastLine = (message: string) =>
  message
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .pop() ?? message;

export const readSalesforceFailure = (err: unknown): SalesforceFailure | undefined => {
  const e = err as { errorCode?: unknown; name?: unknown; message?: unknown };
  const errorCode = typeof e?.errorCode === 'string' ? e.errorCode : undefined;
  if (!errorCode || typeof e.message !== 'string') return undefined;
  return { errorCode, message: lastLine(e.message) };
};

/**
 * Query errors name what is wrong in Salesforce's own words ("No such column 'Region__c' on entity
 * 'Opportunity'. If you are attempting to use a custom field, …"). A marketer needs the first half, in
 * plain words. Field-level security gives the same error as a missing field, so both are named.
 */
export const explainSalesforceMessage = (message: string): string | undefined => {
  let m = /No such column '([^']+)' on entity '([^']+)'/i.exec(message);
  if (m) return `field \`${m[1]}\` does not exist on ${m[2]} (or the connected Salesforce user cannot see it)`;
  m = /Didn't understand relationship '([^']+)'/i.exec(message);
  if (m) return `relationship \`${m[1]}\` does not exist (or the connected Salesforce user cannot see it)`;
  m = /sObject type '([^']+)' is not supported/i.exec(message);
  if (m) return `object \`${m[1]}\` is not available in your org (or the connected Salesforce user cannot see it)`;
  return undefined;
};

const PERMISSION_CODES = new Set(['INSUFFICIENT_ACCESS', 'INSUFFICIENT_ACCESS_OR_READONLY', 'API_DISABLED_FOR_ORG', 'API_CURRENTLY_DISABLED']);

/**
 * A refusal from Salesforce (it did not apply the request), scrubbed of the connection's credentials.
 * `hint` lets a caller add what to fix in its own step, e.g. "Check the Tag Fields."
 */
export const salesforceError = (z: ZObject, action: string, failure: SalesforceFailure, hint?: string) => {
  const { errorCode } = failure;
  const message = scrub(z, failure.message).slice(0, 500);
  const { sentence, code, status } = describe(action, errorCode, message, hint);
  return appError(z, { kind: 'refused', sentence, service: 'Salesforce', status, code });
};

const describe = (action: string, errorCode: string | undefined, message: string, hint?: string): { sentence: string; code: string; status?: number } => {
  const explained = explainSalesforceMessage(message);
  if (explained) {
    return {
      sentence: `Salesforce says ${explained}${errorCode ? ` (${errorCode})` : ''}, so we could not ${action}.${hint ? ` ${hint}` : ''}`,
      code: errorCode ?? 'salesforce_rejected',
    };
  }
  if (errorCode === 'REQUEST_LIMIT_EXCEEDED') {
    return {
      sentence: `Salesforce refused to ${action}: your org has used up its daily API request allowance (${message}). It frees up over the next 24 hours; Setup → Company Information shows the usage.`,
      code: errorCode,
      status: 403,
    };
  }
  if (errorCode && PERMISSION_CODES.has(errorCode)) {
    return {
      sentence: `Salesforce refused to ${action}: ${message} (${errorCode}). The External Client App's run-as user needs the "API Enabled" permission and read access to the objects and fields this step uses.`,
      code: errorCode,
      status: 403,
    };
  }
  return {
    sentence: `Salesforce says: ${message}${errorCode ? ` (${errorCode})` : ''}, so we could not ${action}.${hint ? ` ${hint}` : ''}`,
    code: errorCode ?? 'salesforce_rejected',
  };
};
