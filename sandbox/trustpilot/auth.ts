import { bearerToken, header, HttpError, type SandboxRequest } from '../http';
import { TRUSTPILOT } from '../seed/facts';
import type { World } from '../world';
import { apigeeFault, forbidden, notFound } from './errors';
import type { BusinessUnit, BusinessUser } from './model';

/** Private endpoints: a Bearer token the sandbox issued and that has not expired. */
export const requireToken = (world: World, req: SandboxRequest): void => {
  const check = world.tokens.check('trustpilot', bearerToken(req));
  if (check === 'expired') {
    // Trustpilot may answer a stale token with its application 403 (python-trustpilot PR #28 re-authenticates on it).
    if (world.options.expiredTrustpilotTokenStatus === 403) throw forbidden();
    throw new HttpError(apigeeFault(401, 'Access Token expired', 'keymanagement.service.access_token_expired'));
  }
  if (check === 'unknown') throw new HttpError(apigeeFault(401, 'Invalid access token', 'oauth.v2.InvalidAccessToken'));
};

/** Public endpoints: the API key, in the `apikey` header (or, as older docs show, the query string). */
export const requireApiKey = (req: SandboxRequest): void => {
  const key = header(req, 'apikey') ?? req.query.get('apikey') ?? undefined;
  if (key === undefined) {
    throw new HttpError(apigeeFault(401, 'Failed to resolve API Key variable request.header.apikey', 'steps.oauth.v2.FailedToResolveAPIKey'));
  }
  if (key !== TRUSTPILOT.apiKey) throw new HttpError(apigeeFault(401, 'Invalid ApiKey', 'oauth.v2.InvalidApiKey'));
};

export const businessUnit = (world: World, id: string | undefined): BusinessUnit => {
  const bu = world.trustpilot.businessUnits.find((b) => b.id === id);
  if (!bu) throw notFound('Business unit not found');
  return bu;
};

/**
 * A client-credentials token carries no user, so writes that act as a business user need one named:
 * the `x-business-user-id` header (or, for replies, `authorBusinessUserId` in the body). The user must be
 * an Admin or Manager of the business unit; anything else is Trustpilot's 403 with errorCode 1014.
 */
export const actingUser = (world: World, req: SandboxRequest, businessUnitId: string, bodyUserId?: unknown): BusinessUser =>
  businessUser(world, header(req, 'x-business-user-id') ?? bodyUserId, businessUnitId);

export const businessUser = (world: World, id: unknown, businessUnitId: string): BusinessUser => {
  const user = world.trustpilot.businessUsers.find((u) => u.id === id);
  if (!user || user.businessUnitId !== businessUnitId || (user.role !== 'Admin' && user.role !== 'Manager')) throw forbidden();
  return user;
};
