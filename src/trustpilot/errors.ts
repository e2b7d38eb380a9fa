/**
 * Trustpilot's 4xx answers turned into sentences a marketer can act on. Bodies look like
 * {"message":"Access to resource is forbidden","errorCode":1014,"correlationId":"…"} (reference §2.6).
 */
import type { HttpResponse, ZObject } from 'zapier-platform-core';

import { jsonBody, type ApiRequest } from '../http';

interface TrustpilotErrorBody {
  message?: string;
  errorCode?: string | number;
  details?: string;
}

const readBody = (response: HttpResponse): TrustpilotErrorBody => {
  const body = jsonBody(response);
  if (body && typeof body === 'object' && !Array.isArray(body)) return body as TrustpilotErrorBody;
  const text = typeof response.content === 'string' ? response.content.trim().slice(0, 200) : '';
  return text ? { message: text } : {};
};

export const trustpilotError = (z: ZObject, req: Pick<ApiRequest, 'action'>, response: HttpResponse) => {
  const { message, errorCode, details } = readBody(response);
  const reason = [message, details].filter(Boolean).join(' — ') || `HTTP ${response.status}`;
  const code = errorCode !== undefined ? ` (error code ${errorCode})` : '';

  if (response.status === 403) {
    return new z.errors.Error(
      `Trustpilot refused to ${req.action}: ${reason}${code}. This happens when the Trustpilot plan has no API access ` +
        `(it needs the Connect add-on or an Enterprise plan), when the Business User ID in the connection is wrong ` +
        `or that user is not an Admin or Manager, or when the business unit belongs to another Trustpilot account.`,
      'trustpilot_forbidden',
      403,
    );
  }
  if (response.status === 404) {
    return new z.errors.Error(
      `Trustpilot could not find what we needed to ${req.action}: ${reason}${code}. Check the business unit, review or template chosen in this step.`,
      'trustpilot_not_found',
      404,
    );
  }
  return new z.errors.Error(
    `Trustpilot refused to ${req.action}: ${reason}${code} (HTTP ${response.status}).`,
    errorCode !== undefined ? `trustpilot_${errorCode}` : 'trustpilot_rejected',
    response.status,
  );
};
