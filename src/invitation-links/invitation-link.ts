/**
 * "Generate Invitation Link": a unique Trustpilot invitation link (docs/upstream-facts.md, "Trustpilot: invitation links") for teams that send it
 * themselves by SMS, WhatsApp, print or chat, with the message, WhatsApp/SMS links and QR code around it.
 *
 * With Product SKUs it also creates a product review invitation link (src/trustpilot/product-invitation-links.ts),
 * first, and makes it the service link's redirect: Trustpilot documents the service link's redirectUri for exactly
 * this, "to take the user to a product review link after the user has left a service review"
 * (developers.trustpilot.com/invitation-api). The customer's own Redirect URL then follows the product review.
 * Both links are one invitation to the replay guard: a replay returns both. If the second call is refused, the
 * claim is released and a replay creates a fresh pair: the first run's product link was never handed to anyone,
 * since the step failed before any later step could send it.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { forZapier } from '../errors/for-zapier';
import { readBusinessUnitId } from '../trustpilot/business-unit-input';
import { TrustpilotClient } from '../trustpilot/client';
import { createInvitationLink } from '../trustpilot/invitation-links';
import { createProductInvitationLink } from '../trustpilot/product-invitation-links';
import type { ComplianceOutputs } from '../invitations/policy/outcome';
import { optionalTextSchema, parseMonthlyCap, redirectUriSchema } from '../invitations/optional-inputs';
import { parseSampleOneIn } from '../invitations/policy/sampling';
import { missingEmailReason } from '../invitations/missing-email';
import { readShareInputs, shareableInvitation, type ShareInputs, type ShareLinkOutputs } from '../sharing/share-link';
import { DEFAULT_MESSAGE_TEMPLATE, fillMessageTemplate, smsUrl, whatsappUrl } from '../sharing/sharing';
import {
  consumerEmailSchema,
  consumerNameSchema,
  localeSchema,
  optionalConsumerEmailSchema,
  optionalConsumerNameSchema,
  parseOrThrow,
  productSkusSchema,
  referenceNumberSchema,
  tagsSchema,
} from '../invitations/validation';

const linkInputSchema = zod.object({
  consumer_email: consumerEmailSchema,
  consumer_name: consumerNameSchema,
  reference_number: referenceNumberSchema,
  locale: localeSchema,
  tags: tagsSchema,
  redirect_uri: redirectUriSchema,
  location_id: optionalTextSchema,
  product_skus: productSkusSchema,
});

/** A customer without an email whom the step lets through: the email and the name may be empty. */
const linkInputWithoutEmailSchema = linkInputSchema.extend({ consumer_email: optionalConsumerEmailSchema, consumer_name: optionalConsumerNameSchema });

/** The product review link and the ready-to-send texts around it; every value '' when no SKUs were given. */
export type ProductLinkOutputs = {
  product_link_id: string;
  product_link_url: string;
  product_message_text: string;
  product_whatsapp_url: string;
  product_sms_url: string;
};

type Links = { id: string; url: string; product_link_id: string; product_link_url: string };

export type InvitationLinkOutput = Links & ShareLinkOutputs & ProductLinkOutputs & ComplianceOutputs;

/** The message, WhatsApp and SMS texts for the product link, from the same template and number as the service link's. */
export function productShareOutputs(productUrl: string, name: string, reference: string, share: ShareInputs): Omit<ProductLinkOutputs, 'product_link_id' | 'product_link_url'> {
  if (productUrl === '') return { product_message_text: '', product_whatsapp_url: '', product_sms_url: '' };
  const template = share.messageTemplate.trim() ? share.messageTemplate : DEFAULT_MESSAGE_TEMPLATE;
  const message = fillMessageTemplate(template, { name, link: productUrl, reference });
  const phone = share.phoneE164 || undefined;
  return { product_message_text: message, product_whatsapp_url: whatsappUrl(phone, message), product_sms_url: smsUrl(phone, message) };
}

/** Every output key, empty: what a run that creates no link returns beside `invited: false` and the reason. */
const notShared = {
  id: '', url: '', qr_code: '', qr_code_svg: '', message_text: '', whatsapp_url: '', sms_url: '', phone_number_e164: '',
  product_link_id: '', product_link_url: '', product_message_text: '', product_whatsapp_url: '', product_sms_url: '',
};

export async function generateInvitationLink(z: ZObject, bundle: Bundle): Promise<InvitationLinkOutput> {
  return forZapier(z, async () => {
    const inputData = (bundle.inputData ?? {}) as Record<string, unknown>;
    // Every input is checked before anything is counted, remembered or sent, and before a record without an
    // email is let through, so a broken mapping shows on the first run.
    const noEmail = missingEmailReason(inputData);
    const input = parseOrThrow(noEmail ? linkInputWithoutEmailSchema : linkInputSchema, inputData);
    const chosen = readBusinessUnitId(inputData.business_unit_id);
    const sampleOneIn = parseSampleOneIn(inputData.sample_one_in);
    const monthlyCap = parseMonthlyCap(inputData.monthly_cap);
    const share = await readShareInputs(inputData);
    if (noEmail) return { ...notShared, invited: false, duplicate: false, reason: noEmail };
    const client = TrustpilotClient.fromBundle(z, bundle);
    const businessUnitId = client.businessUnitId(chosen);

    const skus = input.product_skus ?? [];
    const links = await shareableInvitation(z, {
      identity: { businessUnit: businessUnitId, referenceNumber: input.reference_number, email: input.consumer_email, type: 'link' },
      sampleOneIn,
      monthlyCap,
      name: input.consumer_name,
      share,
      create: async (): Promise<Links> => {
        const product =
          skus.length > 0
            ? await createProductInvitationLink(client, businessUnitId, {
                email: input.consumer_email,
                name: input.consumer_name,
                referenceId: input.reference_number,
                locale: input.locale,
                redirectUri: input.redirect_uri,
                skus,
              })
            : undefined;
        const link = await createInvitationLink(client, businessUnitId, {
          referenceId: input.reference_number,
          email: input.consumer_email,
          name: input.consumer_name,
          locale: input.locale,
          tags: input.tags,
          redirectUri: product?.url ?? input.redirect_uri,
          locationId: input.location_id,
        });
        // Only the documented fields: anything else Trustpilot adds is not part of the step's contract.
        return { id: link.id, url: link.url, product_link_id: product?.id ?? '', product_link_url: product?.url ?? '' };
      },
      skipped: { id: '', url: '', product_link_id: '', product_link_url: '' },
    });
    // A replay of a run from before product links existed has no product keys: they default to ''.
    const stored = links as Partial<Links>;
    const product = { product_link_id: stored.product_link_id ?? '', product_link_url: stored.product_link_url ?? '' };
    return { ...links, ...product, ...productShareOutputs(product.product_link_url, input.consumer_name, input.reference_number, share) };
  });
}
