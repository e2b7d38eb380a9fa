import { empty, header, isObject, json, parseJson, type Route, type SandboxRequest } from '../http';
import { linkId } from '../ids';
import type { World } from '../world';
import { actingUser, businessUnit, requireToken } from './auth';
import { badRequest } from './errors';
import type { BusinessUnit } from './model';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LOCALE = /^[a-z]{2}-[A-Z]{2}$/;
/** The docs' "09/07/2013 13:37:00" or ISO 8601 ("2013-09-07T13:37:00"), UTC. */
const SEND_TIME = /^(?:\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?)$/;

const requireText = (body: Record<string, unknown>, field: string): string => {
  const v = body[field];
  if (typeof v !== 'string' || v.trim() === '') throw badRequest(`${field} is required`, { field });
  return v;
};

const checkOptionalLocale = (body: Record<string, unknown>) => {
  if (body.locale !== undefined && (typeof body.locale !== 'string' || !LOCALE.test(body.locale))) {
    throw badRequest('locale must look like en-US', { field: 'locale' });
  }
};

const checkEmail = (world: World, value: string, field: string) => {
  if (!EMAIL.test(value) || (world.options.refuse.internationalEmails && /[^\x20-\x7e]/.test(value))) {
    throw badRequest(`${field} is not a valid email address`, { field });
  }
};

/** Trustpilot's examples use both http:// and https:// redirects; anything else is no web page to send a customer to. */
const checkRedirect = (world: World, value: unknown, field: string) => {
  if (value === undefined) return;
  const text = typeof value === 'string' ? value : '';
  const ok = /^https?:\/\/[^\s/?#]+/i.test(text) && !(world.options.refuse.httpRedirects && /^http:/i.test(text));
  if (!ok) throw badRequest(`${field} must be a valid URL`, { field });
};

const checkInvitation = (world: World, bu: BusinessUnit, body: Record<string, unknown>, kind: 'serviceReviewInvitation' | 'productReviewInvitation') => {
  const part = body[kind];
  if (part === undefined) return;
  if (!isObject(part)) throw badRequest(`${kind} must be an object`, { field: kind });
  const templates = world.trustpilot.templates.get(bu.id) ?? [];
  if (part.templateId !== undefined && !templates.some((t) => t.id === part.templateId)) {
    throw badRequest(`Template ${String(part.templateId)} does not exist for business unit ${bu.id}`, { field: `${kind}.templateId` });
  }
  if (part.preferredSendTime !== undefined && (typeof part.preferredSendTime !== 'string' || !SEND_TIME.test(part.preferredSendTime))) {
    throw badRequest('preferredSendTime must be a UTC date and time such as 09/07/2013 13:37:00', { field: `${kind}.preferredSendTime` });
  }
  checkRedirect(world, part.redirectUri, `${kind}.redirectUri`);
  if (part.tags !== undefined && (!Array.isArray(part.tags) || part.tags.some((t) => typeof t !== 'string' || /\s/.test(t)))) {
    throw badRequest('tags must be an array of strings without spaces', { field: `${kind}.tags` });
  }
  if (kind === 'productReviewInvitation' && (part.products === undefined) === (part.productSkus === undefined)) {
    throw badRequest('productReviewInvitation must include either products or productSkus, but not both', { field: kind });
  }
};

/** A preferredSendTime as milliseconds (UTC): "09/07/2013 13:37:00" is month/day/year, as in the docs' example. */
const sendTimeMs = (value: unknown): number | undefined => {
  if (typeof value !== 'string') return undefined;
  const us = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}:\d{2}:\d{2})$/.exec(value);
  const iso = us ? `${us[3]}-${us[1]}-${us[2]}T${us[4]}` : value;
  const ms = Date.parse(/(?:Z|[+-]\d{2}:\d{2})$/.test(iso) ? iso : `${iso}Z`);
  return Number.isFinite(ms) ? ms : undefined;
};

/**
 * "If preferredSendTime is specified for both the serviceReviewInvitation and productReviewInvitation, then the
 * serviceReviewInvitation must precede the productReviewInvitation" (https://developers.trustpilot.com/invitation-api):
 * equal times are refused as well as reversed ones.
 */
const checkSendOrder = (body: Record<string, unknown>) => {
  const service = isObject(body.serviceReviewInvitation) ? sendTimeMs(body.serviceReviewInvitation.preferredSendTime) : undefined;
  const product = isObject(body.productReviewInvitation) ? sendTimeMs(body.productReviewInvitation.preferredSendTime) : undefined;
  if (service !== undefined && product !== undefined && !(service < product)) {
    throw badRequest('The serviceReviewInvitation must precede the productReviewInvitation: productReviewInvitation.preferredSendTime must be later than serviceReviewInvitation.preferredSendTime', {
      field: 'productReviewInvitation.preferredSendTime',
    });
  }
};

const headersOf = (req: SandboxRequest): Record<string, string> =>
  Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));

export const invitationRoutes = (world: World): Route[] => [
  {
    method: 'GET',
    pattern: '/v1/private/business-units/:businessUnitId/templates',
    handler: (req) => {
      requireToken(world, req);
      const bu = businessUnit(world, req.params.businessUnitId);
      return json(200, { templates: world.trustpilot.templates.get(bu.id) ?? [] });
    },
  },
  {
    method: 'POST',
    pattern: '/v1/private/business-units/:businessUnitId/email-invitations',
    handler: (req) => {
      requireToken(world, req);
      const bu = businessUnit(world, req.params.businessUnitId);
      const user = actingUser(world, req, bu.id);
      const body = parseJson(req);
      if (!isObject(body)) throw badRequest('The request body must be a JSON object');
      checkEmail(world, requireText(body, 'consumerEmail'), 'consumerEmail');
      requireText(body, 'consumerName');
      requireText(body, 'referenceNumber');
      checkOptionalLocale(body);
      if (body.type !== undefined && body.type !== 'email') throw badRequest('type must be "email"', { field: 'type' });
      for (const field of ['replyTo', 'senderEmail'] as const) {
        if (body[field] !== undefined) checkEmail(world, String(body[field]), field);
      }
      checkInvitation(world, bu, body, 'serviceReviewInvitation');
      checkInvitation(world, bu, body, 'productReviewInvitation');
      checkSendOrder(body);
      world.recorded.invitations.push({
        businessUnitId: bu.id,
        businessUserId: user.id,
        body,
        headers: headersOf(req),
        receivedAt: world.isoNow,
      });
      return empty(202);
    },
  },
  {
    method: 'POST',
    pattern: '/v1/private/business-units/:businessUnitId/invitation-links',
    handler: (req) => {
      requireToken(world, req);
      const bu = businessUnit(world, req.params.businessUnitId);
      // The link endpoint documents no x-business-user-id (https://developers.trustpilot.com/invitation-api);
      // a user named in it must still be an Admin or Manager of the business unit.
      const named = header(req, 'x-business-user-id') !== undefined || world.options.refuse.linksWithoutBusinessUser;
      const user = named ? actingUser(world, req, bu.id) : undefined;
      const body = parseJson(req);
      if (!isObject(body)) throw badRequest('The request body must be a JSON object');
      checkEmail(world, requireText(body, 'email'), 'email');
      checkRedirect(world, body.redirectUri, 'redirectUri');
      requireText(body, 'name');
      requireText(body, 'referenceId');
      checkOptionalLocale(body);
      const id = linkId();
      const url = `https://www.trustpilot.com/evaluate-link/${id}`;
      world.recorded.links.push({ id, url, businessUnitId: bu.id, businessUserId: user?.id ?? null, body, receivedAt: world.isoNow });
      return json(200, { id, url });
    },
  },
];
