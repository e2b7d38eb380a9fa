import { HttpError, json, type SandboxResponse } from '../http';

/** Salesforce REST errors: always a JSON array of {message, errorCode, fields?}. */
export const sfError = (status: number, errorCode: string, message: string, fields?: string[]): SandboxResponse =>
  json(status, [fields ? { message, errorCode, fields } : { message, errorCode }]);

export const sfFail = (status: number, errorCode: string, message: string, fields?: string[]): HttpError =>
  new HttpError(sfError(status, errorCode, message, fields));

export const notFound = (): SandboxResponse => sfError(404, 'NOT_FOUND', 'The requested resource does not exist');

/** The body for an injected or unexpected error status. */
export const errorResponse = (status: number): SandboxResponse => {
  switch (status) {
    case 403:
      return sfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    case 429:
      return sfError(429, 'REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.');
    case 413:
      return sfError(413, 'REQUEST_ENTITY_TOO_LARGE', 'Request entity too large');
    case 503:
      return sfError(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable. Please try again later.');
    default:
      return sfError(
        status,
        'UNKNOWN_EXCEPTION',
        'An unexpected error occurred. Please include this ErrorId if you contact support: 1876453201-40571 (-1283906513)',
      );
  }
};
