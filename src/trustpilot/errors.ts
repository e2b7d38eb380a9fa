/**
 * Trustpilot's 4xx answers turned into sentences a marketer can act on. Bodies look like
 * {"message":"Access to resource is forbidden","errorCode":1014,"correlationId":"…"} (reference §2.6).
 */
import type { HttpResponse, ZObject } from 'zapier-platform-core';

import { withFacts } from '../errors/facts';
import { scrub } from '../errors/scrub';
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

/** A 4xx from Trustpilot: it did not apply the request. Its text is scrubbed of the connection's credentials. */
const refused = (z: ZObject, sentence: string, code: string, status: number) =>
  withFacts(new z.errors.Error(sentence, code, status), { kind: 'refused', sentence, service: 'Trustpilot', status, code });

export const trustpilotError = (z: ZObject, req: Pick<ApiRequest, 'action'>, response: HttpResponse) => {
  const { message, errorCode, details } = readBody(response);
  const text = (value: unknown) => (value === undefined || value === null ? '' : scrub(z, String(value)).slice(0, 300));
  const reason = [text(message), text(details)].filter(Boolean).join(' — ') || `HTTP ${response.status}`;
  const code = errorCode !== undefined ? ` (error code ${text(errorCode)})` : '';

  if (response.status === 403) {
    return refused(
      z,
      `Trustpilot refused to ${req.action}: ${reason}${code}. This happens when the Trustpilot plan has no API access ` +
        `(it needs the Connect add-on or an Enterprise plan), when the Business User ID in the connection is wrong ` +
        `or that user is not an Admin or Manager, or when the business unit belongs to another Trustpilot account.`,
      'trustpilot_forbidden',
      403,
    );
  }
  if (response.status === 404) {
    return refused(
      z,
      `Trustpilot could not find what we needed to ${req.action}: ${reason}${code}. Check the business unit, review or template chosen in this step.`,
      'trustpilot_not_found',
      404,
    );
  }
  return refused(
    z,
    `Trustpilot refused to ${req.action}: ${reason}${code} (HTTP ${response.status}).`,
    errorCode !== undefined ? `trustpilot_${String(errorCode).replace(/[^A-Za-z0-9_]/g, '').slice(0, 40)}` : 'trustpilot_rejected',
    response.status,
  );
};
