/** Upstream responses are checked against their schema at the client boundary, never deep inside a trigger. */
import type { ZObject } from 'zapier-platform-core';
import type { z as zod } from 'zod';

import { appError } from './errors/facts';
import { describeRequest, type ApiRequest } from './http';

export const parseResponse = <S extends zod.ZodType>(
  z: ZObject,
  req: Pick<ApiRequest, 'service' | 'method' | 'url' | 'action'>,
  schema: S,
  body: unknown,
): zod.infer<S> => {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'the body';
  // The request was answered, so a write may have been applied even though its answer cannot be read.
  throw appError(z, {
    kind: 'outcome_unknown',
    sentence:
      `${req.service} answered ${describeRequest(req)} in an unexpected shape (${where}: ${issue?.message ?? 'invalid'}), ` +
      `so we could not ${req.action}. If this keeps happening, ${req.service} may have changed its API: please report it.`,
    service: req.service,
    code: 'unexpected_response',
  });
};
