/** Response shapes from reference/trustpilot-api.md. Unknown extra fields are normal and kept. */
import { z } from 'zod';

/** Every numeric value in the token response is a string (docs/upstream-facts.md, "Trustpilot: authentication"). */
export const tokenResponse = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.union([z.string(), z.number()]).optional(),
});

/** An optional field that Trustpilot may leave out, set to null, or shape differently: never a failure. */
const lenient = <T extends z.ZodType>(schema: T) => schema.nullish().catch(undefined);
const count = lenient(z.number());

/**
 * The business unit: only `id` is needed. Everything else is read if it has the documented shape and dropped
 * otherwise, so a new or missing field never fails a connection or a step.
 */
export const businessUnit = z.looseObject({
  id: z.string(),
  displayName: lenient(z.string()),
  name: lenient(z.looseObject({ identifying: lenient(z.string()), referring: lenient(z.array(z.string())) })),
  websiteUrl: lenient(z.string()),
  country: lenient(z.string()),
  status: lenient(z.string()),
  score: lenient(z.looseObject({ trustScore: count, stars: count })),
  numberOfReviews: lenient(
    z.looseObject({
      total: count,
      usedForTrustScoreCalculation: count,
      oneStar: count,
      twoStars: count,
      threeStars: count,
      fourStars: count,
      fiveStars: count,
    }),
  ),
});
export type BusinessUnit = z.infer<typeof businessUnit>;

/** Shape not in the official excerpts; from lindar-open/trustpilot-client's model (docs/upstream-facts.md, "Trustpilot: email invitations"). */
export const templateList = z.looseObject({
  templates: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      isDefaultTemplate: z.boolean().nullish(),
      locale: z.string().nullish(),
      type: z.string().nullish(),
    }),
  ),
});
export type Template = z.infer<typeof templateList>['templates'][number];
