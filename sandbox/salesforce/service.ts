import type { ServiceDefinition } from '../server';
import type { World } from '../world';
import { dataRoutes } from './data';
import { errorResponse, notFound, sfError } from './errors';
import { oauthRoutes } from './oauth';

export const salesforceService = (world: World, instanceUrl: () => string): ServiceDefinition => ({
  name: 'salesforce',
  routes: [...oauthRoutes(world, instanceUrl), ...dataRoutes(world)],
  contentType: 'application/json;charset=UTF-8',
  errorResponse,
  notFound: (req, allowed) =>
    allowed.length > 0
      ? sfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are ${allowed.join(',')}`)
      : notFound(),
});
