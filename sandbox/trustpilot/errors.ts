import { STATUS_CODES } from 'node:http';
import { correlationId } from '../ids';
import { HttpError, json, type SandboxResponse } from '../http';

/**
 * Trustpilot's application errors look like {message, errorCode, correlationId}. Only errorCode 1014
 * (403 "Access to resource is forbidden") has been seen in the wild (node-trustpilot#104); the other codes
 * are the sandbox's own, kept in the same shape so the app parses one shape.
 */
export const ERROR_CODES = { forbidden: 1014, badRequest: 1000, notFound: 1001, serverError: 1002 } as const;

export const tpError = (status: number, message: string, errorCode: number, extra: Record<string, unknown> = {}): SandboxResponse =>
  json(status, { message, errorCode, correlationId: correlationId(), ...extra });

export const badRequest = (message: string, details?: Record<string, unknown>): HttpError =>
  new HttpError(tpError(400, message, ERROR_CODES.badRequest, details ? { details } : {}));

export const notFound = (message: string): HttpError => new HttpError(tpError(404, message, ERROR_CODES.notFound));

export const forbidden = (): HttpError => new HttpError(tpError(403, 'Access to resource is forbidden', ERROR_CODES.forbidden));

/**
 * Trustpilot's API gateway is Apigee (the token response is Apigee's shape), so gateway-level refusals —
 * bad or expired tokens, bad API keys, quota, unknown paths — come back as Apigee faults.
 */
export const apigeeFault = (status: number, faultstring: string, errorcode: string): SandboxResponse =>
  json(status, { fault: { faultstring, detail: { errorcode } } });

export const rateLimited = (): SandboxResponse =>
  apigeeFault(429, 'Rate limit quota violation. Quota limit  exceeded. Identifier : _default', 'policies.ratelimit.QuotaViolation');

/** The body for an injected or unexpected error status. */
export const errorResponse = (status: number): SandboxResponse =>
  status === 429 ? rateLimited() : tpError(status, STATUS_CODES[status] ?? 'Error', status >= 500 ? ERROR_CODES.serverError : ERROR_CODES.badRequest);
