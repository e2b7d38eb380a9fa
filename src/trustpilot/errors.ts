/**
 * Trustpilot's 4xx answers turned into sentences a marketer can act on. Bodies look like
 * {"message":"Access to resource is forbidden","errorCode":1014,"correlationId":"…"} (reference §2.6).
 */
import type { HttpResponse, ZObject } from 'zapier-platform-core';

import { jsonBody, type ApiRequest } from '../http';

interface TrustpilotErrorBody {
  message?: string;
  errorCode?: string | number;
  details?: unknown;
}

const readBody = (response: HttpResponse): TrustpilotErrorBody => {
  const body = jsonBody(response);
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown> & { fault?: { faultstring?: unknown; detail?: { errorcode?: unknown } } };
    // Trustpilot's gateway (Apigee) answers with {fault: {faultstring, detail: {errorcode}}}.
    if (b.fault && typeof b.fault === 'object') {
      return { message: typeof b.fault.faultstring === 'string' ? b.fault.faultstring : undefined, errorCode: b.fault.detail?.errorcode as string | undefined };
    }
    return b as TrustpilotErrorBody;
  }
  const text = typeof response.content === 'string' ? response.content.trim().slice(0, 200) : '';
  return text ? { message: text } : {};
};

/** `details` is a sentence in some answers and an object in others; only a sentence is worth repeating. */
const detailText = (details: unknown) => (typeof details === 'string' ? details : undefined);

/**
 * Causes of a 403, likeliest first. Having an API key at all means the account had API access, so for a call
 * made as a business user the Business User ID is the usual culprit (a 403 with errorCode 1014 is what a wrong
 * id gets: https://github.com/trustpilot/node-trustpilot/issues/104); then a business unit of another account;
 * then a plan that lost its API access (https://developers.trustpilot.com/common-error-messages).
 */
const forbiddenCauses = (asBusinessUser: boolean) => [
  ...(asBusinessUser
    ? ['the Business User ID in the connection is wrong, or that user is not an Admin or Manager of this business unit (Trustpilot Business → Settings → Users)']
    : []),
  'the business unit chosen belongs to another Trustpilot account than the API key',
  'the Trustpilot plan no longer includes API access (it needs the Connect add-on or an Enterprise plan)',
];

export const trustpilotError = (z: ZObject, req: Pick<ApiRequest, 'action'> & { asBusinessUser?: boolean }, response: HttpResponse) => {
  const { message, errorCode, details } = readBody(response);
  const reason = [message, detailText(details)].filter(Boolean).join(' — ') || `HTTP ${response.status}`;
  const code = errorCode !== undefined ? ` (error code ${errorCode})` : '';

  if (response.status === 403) {
    const causes = forbiddenCauses(Boolean(req.asBusinessUser)).map((c, i) => `${i + 1}) ${c}`);
    return new z.errors.Error(
      `Trustpilot refused to ${req.action}: ${reason}${code}. The likely causes, in order: ${causes.join('; ')}.`,
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
