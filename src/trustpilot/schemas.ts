/** Response shapes from reference/trustpilot-api.md. Unknown extra fields are normal and kept. */
import { z } from 'zod';

/** Every numeric value in the token response is a string (reference §1.5). */
export const tokenResponse = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.union([z.string(), z.number()]).optional(),
});

export const businessUnit = z.looseObject({
  id: z.string(),
  displayName: z.string().optional(),
  name: z.looseObject({ identifying: z.string().optional(), referring: z.array(z.string()).optional() }).optional(),
  websiteUrl: z.string().nullish(),
  country: z.string().nullish(),
  status: z.string().nullish(),
  score: z.looseObject({ trustScore: z.number().nullish(), stars: z.number().nullish() }).nullish(),
  numberOfReviews: z
    .looseObject({
      total: z.number().nullish(),
      usedForTrustScoreCalculation: z.number().nullish(),
      oneStar: z.number().nullish(),
      twoStars: z.number().nullish(),
      threeStars: z.number().nullish(),
      fourStars: z.number().nullish(),
      fiveStars: z.number().nullish(),
    })
    .nullish(),
});
export type BusinessUnit = z.infer<typeof businessUnit>;

/** Shape not in the official excerpts; from lindar-open/trustpilot-client's model (reference §2.3). */
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
