/**
 * "Create Business Generated Link": a Trustpilot Business Generated Link (docs/upstream-facts.md, "Trustpilot: Business Generated Links") built locally with
 * the connection's BGL keys, with no API call, plus the same sharing outputs as "Generate Invitation Link".
 *
 * The keys come only from the connection, never from a step field, and never appear in an output, an error
 * or a log. The output carries the link itself and nothing else derived from the payload.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { normaliseBusinessUnit } from '../auth/credentials';
import { appError } from '../errors/facts';
import { InputError } from '../errors/input-error';
import { forZapier } from '../errors/for-zapier';
import { FIELD_LABELS } from '../inputs/invitation-fields';
import { optionalText, URL_MAX } from '../inputs/readers';
import { isBusinessUnitId } from '../trustpilot/business-unit-input';
import { assertUsableBglKeys, buildBglUrl, COUNTRY_SITE_LABEL, DOMAIN_LABEL, validateBglDomain, validateLocaleSubdomain, type BglKeys } from './bgl';
import type { ComplianceOutputs } from '../invitations/policy/outcome';
import { parseMonthlyCap } from '../invitations/optional-inputs';
import { parseSampleOneIn } from '../invitations/policy/sampling';
import { readShareInputs, shareableInvitation, type ShareLinkOutputs } from '../sharing/share-link';
import { QR_MAX_BYTES } from '../sharing/sharing';
import { consumerEmailSchema, consumerNameSchema, parseOrThrow, productSkusSchema, referenceNumberSchema, tagsSchema } from '../invitations/validation';

const WHERE_KEYS_ARE = 'Trustpilot Business → Get reviews → Invitation methods → Business Generated Links';

export const BGL_NOT_CONNECTED =
  'Business Generated Links need the connection’s two BGL keys. Edit the connection (or reconnect) and fill in ' +
  '“Business Generated Links Encryption Key” and “Business Generated Links Authentication Key”: copy the encryptkey and ' +
  `authkey from ${WHERE_KEYS_ARE}.`;

const bglInputSchema = zod.object({
  consumer_email: consumerEmailSchema,
  consumer_name: consumerNameSchema,
  reference_number: referenceNumberSchema,
  product_skus: productSkusSchema,
  tags: tagsSchema,
});

export type BusinessGeneratedLinkOutput = { url: string; domain: string } & ShareLinkOutputs & ComplianceOutputs;

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** The keys from the connection's BGL group, checked before anything is counted or remembered. */
function connectionKeys(z: ZObject, authData: Record<string, unknown>): BglKeys {
  const keys = { encryptionKey: text(authData.bgl_encryption_key), authenticationKey: text(authData.bgl_authentication_key) };
  if (keys.encryptionKey === '' || keys.authenticationKey === '') throw appError(z, { kind: 'input', sentence: BGL_NOT_CONNECTED, code: 'bgl_not_connected' });
  try {
    assertUsableBglKeys(keys);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // The sentence names which key and why, never the key itself; it points at the connection, not at a step field.
    throw appError(z, {
      kind: 'input',
      sentence:
        `The connection’s Business Generated Links keys cannot be used (${error.message.replace(/\.$/, '')}). ` +
        'Edit the connection and paste both keys again.',
      code: 'bgl_keys_invalid',
    });
  }
  return keys;
}

/**
 * The step's domain, else the connection's business unit domain (resolved at sign-in, or typed as the
 * business unit when it is a domain rather than an id). A pasted URL (`https://example.com/`,
 * `trustpilot.com/review/example.com`) is reduced to its domain.
 */
function bglDomain(inputDomain: unknown, authData: Record<string, unknown>): string {
  const typed = optionalText(inputDomain, DOMAIN_LABEL, { max: URL_MAX }) ?? '';
  if (typed !== '') {
    const normalised = normaliseBusinessUnit(typed);
    return validateBglDomain(normalised && !isBusinessUnitId(normalised) ? normalised : typed);
  }
  const fromConnection = text(authData.trustpilot_business_unit_domain) || text(authData.trustpilot_business_unit);
  const normalised = fromConnection ? normaliseBusinessUnit(fromConnection) : undefined;
  if (normalised && !isBusinessUnitId(normalised)) return validateBglDomain(normalised);
  throw new InputError(
    'domain',
    `${DOMAIN_LABEL}: is required: fill in the website domain your Trustpilot profile is registered under (e.g. example.com), ` +
      'or add it to the connection as the Trustpilot Business Unit.',
    DOMAIN_LABEL,
  );
}

export async function createBusinessGeneratedLink(z: ZObject, bundle: Bundle): Promise<BusinessGeneratedLinkOutput> {
  return forZapier(z, async () => {
    const inputData = (bundle.inputData ?? {}) as Record<string, unknown>;
    const authData = (bundle.authData ?? {}) as Record<string, unknown>;
    const keys = connectionKeys(z, authData);
    const domain = bglDomain(inputData.domain, authData);
    const localeSubdomain = optionalText(inputData.locale_subdomain, COUNTRY_SITE_LABEL, { max: 63 }) ?? '';
    validateLocaleSubdomain(localeSubdomain); // checked now; buildBglUrl reads it again ('' means www)
    const input = parseOrThrow(bglInputSchema, inputData);
    const sampleOneIn = parseSampleOneIn(inputData.sample_one_in);
    const monthlyCap = parseMonthlyCap(inputData.monthly_cap);
    const share = await readShareInputs(inputData);

    // Built (locally, no call) before anything is claimed or counted, so a link too long for its QR code is
    // refused as input instead of failing after the replay guard took the invitation.
    const url = buildBglUrl({
      domain,
      localeSubdomain,
      payload: { email: input.consumer_email, name: input.consumer_name, ref: input.reference_number, skus: input.product_skus, tags: input.tags },
      keys,
    });
    if (Buffer.byteLength(url) > QR_MAX_BYTES) {
      const field = (input.product_skus?.length ?? 0) > 0 ? 'product_skus' : input.tags?.length ? 'tags' : 'consumer_name';
      const label = FIELD_LABELS[field]!;
      throw new InputError(
        field,
        `${label}: the link would be ${Buffer.byteLength(url)} characters long, more than a QR code can hold (${QR_MAX_BYTES}). ` +
          'Use fewer product SKUs or tags (or shorter ones) for this customer.',
        label,
      );
    }

    return shareableInvitation(z, {
      // The domain stands in for the business unit: it is what the link and the BGL plan belong to.
      identity: { businessUnit: domain, referenceNumber: input.reference_number, email: input.consumer_email, type: 'bgl' },
      sampleOneIn,
      monthlyCap,
      name: input.consumer_name,
      share,
      create: async () => ({ url, domain }),
      skipped: { url: '', domain },
    });
  });
}
