import type { SandboxRequest } from '../http';
import type { ServiceDefinition } from '../server';
import type { World } from '../world';
import { apigeeFault, errorResponse, rateLimited } from './errors';
import { invitationRoutes } from './invitations';
import { oauthRoutes } from './oauth';
import { productReviewRoutes } from './product-reviews';
import { reviewRoutes } from './reviews';

const CONTENT_TYPE = 'application/json; charset=utf-8';

const common = (world: World) => ({
  contentType: CONTENT_TYPE,
  errorResponse,
  // Apigee's answer for a path no proxy serves: what a call sent to the wrong Trustpilot host gets.
  notFound: (req: SandboxRequest) =>
    apigeeFault(404, `Unable to identify proxy for host: ${req.headers.host ?? ''} and url: ${req.path}`, 'messaging.adaptors.http.flow.ApplicationNotFound'),
  // One quota across both hosts, as Trustpilot counts calls per application, not per host.
  admit: () => (world.limiter && !world.limiter.tryAcquire() ? rateLimited() : undefined),
});

export const trustpilotApiService = (world: World): ServiceDefinition => ({
  name: 'trustpilotApi',
  routes: [...oauthRoutes(world), ...reviewRoutes(world), ...productReviewRoutes(world)],
  ...common(world),
});

export const trustpilotInvitationsService = (world: World): ServiceDefinition => ({
  name: 'trustpilotInvitations',
  routes: invitationRoutes(world),
  ...common(world),
});
