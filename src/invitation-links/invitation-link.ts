/**
 * "Generate Invitation Link": a unique Trustpilot invitation link (reference §2.2) for teams that send it
 * themselves by SMS, WhatsApp, print or chat, with the message, WhatsApp/SMS links and QR code around it.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { forZapier } from '../errors/for-zapier';
import { TrustpilotClient } from '../trustpilot/client';
import { createInvitationLink } from '../trustpilot/invitation-links';
import type { ComplianceOutputs } from '../invitations/policy/outcome';
import { optionalTextSchema, parseMonthlyCap, redirectUriSchema } from '../invitations/optional-inputs';
import { parseSampleOneIn } from '../invitations/policy/sampling';
import { missingEmailReason } from '../invitations/missing-email';
import { readShareInputs, shareableInvitation, type ShareLinkOutputs } from '../sharing/share-link';
import { consumerEmailSchema, consumerNameSchema, localeSchema, parseOrThrow, referenceNumberSchema, tagsSchema } from '../invitations/validation';

const linkInputSchema = zod.object({
  consumer_email: consumerEmailSchema,
  consumer_name: consumerNameSchema,
  reference_number: referenceNumberSchema,
  locale: localeSchema,
  tags: tagsSchema,
  redirect_uri: redirectUriSchema,
  location_id: optionalTextSchema,
});

export type InvitationLinkOutput = { id: string; url: string } & ShareLinkOutputs & ComplianceOutputs;

/** Every output key, empty: what a run that creates no link returns beside `invited: false` and the reason. */
const notShared = { id: '', url: '', qr_code: '', qr_code_svg: '', message_text: '', whatsapp_url: '', sms_url: '', phone_number_e164: '' };

export async function generateInvitationLink(z: ZObject, bundle: Bundle): Promise<InvitationLinkOutput> {
  return forZapier(z, async () => {
    const inputData = (bundle.inputData ?? {}) as Record<string, unknown>;
    const noEmail = missingEmailReason(inputData);
    if (noEmail) return { ...notShared, invited: false, duplicate: false, reason: noEmail };
    // Every input is checked before anything is counted, remembered or sent.
    const input = parseOrThrow(linkInputSchema, inputData);
    const sampleOneIn = parseSampleOneIn(inputData.sample_one_in);
    const monthlyCap = parseMonthlyCap(inputData.monthly_cap);
    const share = await readShareInputs(inputData);
    const client = TrustpilotClient.fromBundle(z, bundle);
    const chosen = typeof inputData.business_unit_id === 'string' ? inputData.business_unit_id : undefined;
    const businessUnitId = client.businessUnitId(chosen);

    return shareableInvitation(z, {
      identity: { businessUnit: businessUnitId, referenceNumber: input.reference_number, email: input.consumer_email, type: 'link' },
      sampleOneIn,
      monthlyCap,
      name: input.consumer_name,
      share,
      create: async () => {
        const link = await createInvitationLink(client, businessUnitId, {
          referenceId: input.reference_number,
          email: input.consumer_email,
          name: input.consumer_name,
          locale: input.locale,
          tags: input.tags,
          redirectUri: input.redirect_uri,
          locationId: input.location_id,
        });
        // Only the two documented fields: anything else Trustpilot adds is not part of the step's contract.
        return { id: link.id, url: link.url };
      },
      skipped: { id: '', url: '' },
    });
  });
}
