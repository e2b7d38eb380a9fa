/**
 * Trustpilot's 4xx answers turned into sentences a marketer can act on. Bodies look like
 * {"message":"Access to resource is forbidden","errorCode":1014,"correlationId":"…"} (docs/upstream-facts.md, "Trustpilot: errors and limits").
 */
import type { HttpResponse, ZObject } from 'zapier-platform-core';

import { appError } from '../errors/facts';
import { scrub } from '../errors/scrub';
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

/**
 * The fields of the invitation bodies (email invitations and links), keyed by Trustpilot's names, with the
 * labels users see in the Zap editor. Nested keys name a part of the body (`productReviewInvitation.templateId`).
 */
export const INVITATION_FIELD_LABELS: Readonly<Record<string, string>> = {
  consumerEmail: 'Customer Email',
  consumerName: 'Customer Name',
  referenceNumber: 'Reference Number',
  referenceId: 'Reference Number',
  locale: 'Language',
  senderName: 'Sender Name',
  senderEmail: 'Sender Email',
  replyTo: 'Reply-To Email',
  locationId: 'Location ID',
  redirectUri: 'Redirect URL',
  'productReviewInvitation.templateId': 'Product Review Template',
  templateId: 'Template',
  preferredSendTime: 'Send After (Days) or Send At',
  tags: 'Tags',
  productSkus: 'Product SKUs',
  products: 'Product SKUs',
  // The link body's short names last, so that "senderEmail" is not read as the customer's "email".
  email: 'Customer Email',
  name: 'Customer Name',
};

const spaced = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/**
 * The label of the field a 400 is about: the field Trustpilot names in `details`, or the first field whose
 * name (`consumerEmail`) or wording ("consumer email") its message contains.
 */
const refusedField = (labels: Readonly<Record<string, string>>, message: string | undefined, details: unknown): string | undefined => {
  const named = details && typeof details === 'object' ? (details as { field?: unknown }).field : undefined;
  const candidates = Object.keys(labels);
  if (typeof named === 'string') {
    const exact = candidates.find((k) => named === k) ?? candidates.find((k) => named.endsWith(`.${k}`) || named.endsWith(k));
    if (exact) return labels[exact];
  }
  const text = (message ?? '').toLowerCase();
  const found = candidates.find((k) => text.includes(k.toLowerCase()) || (k.includes('.') ? false : text.includes(spaced(k))));
  return found ? labels[found] : undefined;
};

/** A 4xx from Trustpilot: it did not apply the request. Its text is scrubbed of the connection's credentials. */
const refused = (z: ZObject, sentence: string, code: string, status: number) =>
  appError(z, { kind: 'refused', sentence, service: 'Trustpilot', status, code });

export const trustpilotError = (
  z: ZObject,
  req: Pick<ApiRequest, 'action'> & { asBusinessUser?: boolean; withoutBusinessUser?: boolean; fieldLabels?: Readonly<Record<string, string>> },
  response: HttpResponse,
) => {
  const { message, errorCode, details } = readBody(response);
  const text = (value: unknown) => (value === undefined || value === null ? '' : scrub(z, String(value)).slice(0, 300));
  const reason = [text(message), text(detailText(details))].filter(Boolean).join(' — ') || `HTTP ${response.status}`;
  const code = errorCode !== undefined ? ` (error code ${text(errorCode)})` : '';

  if (response.status === 403 && req.withoutBusinessUser) {
    return refused(
      z,
      `Trustpilot refused to ${req.action}: ${reason}${code}. Trustpilot may want to know which business user acts: reconnect and fill in ` +
        `the Business User ID (Trustpilot Business → Settings → Users: an Admin or Manager), then replay this step.`,
      'trustpilot_forbidden',
      403,
    );
  }
  if (response.status === 400 && req.fieldLabels) {
    const label = refusedField(req.fieldLabels, message, details);
    if (label) {
      return refused(
        z,
        `Trustpilot refused “${label}” when we tried to ${req.action}: ${reason}${code}. Correct “${label}” in this step and replay it.`,
        errorCode !== undefined ? `trustpilot_${errorCode}` : 'trustpilot_rejected',
        400,
      );
    }
  }

  if (response.status === 403) {
    const causes = forbiddenCauses(Boolean(req.asBusinessUser)).map((c, i) => `${i + 1}) ${c}`);
    return refused(
      z,
      `Trustpilot refused to ${req.action}: ${reason}${code}. The likely causes, in order: ${causes.join('; ')}.`,
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
