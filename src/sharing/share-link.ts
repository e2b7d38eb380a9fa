/**
 * What "Generate Invitation Link" and "Create Business Generated Link" share: reading the sharing inputs,
 * running the invitation pipeline around the link's creation, and turning the link into the sharing outputs
 * (message, WhatsApp and SMS links, QR code as SVG text and as a stashed PNG file).
 *
 * Stashing the PNG needs Zapier's file service. When it fails (Zapier's RPC down, or a run outside Zapier)
 * the step still succeeds: `qr_code` is empty, a log line says why, and `qr_code_svg` still carries the QR
 * code. Failing the step instead would lose the link itself over a convenience output, and for "Generate
 * Invitation Link" the link already exists at Trustpilot by then.
 */
import type { ZObject } from 'zapier-platform-core';

import { errorMessage } from '../errors/error-message';
import { withComplianceOutputs, type ComplianceOutputs } from '../invitations/policy/outcome';
import { inviteOnce } from '../invitations/policy/pipeline';
import type { InvitationIdentity } from '../invitations/policy/replay-guard';
import { FIELD_LABELS } from '../inputs/invitation-fields';
import { optionalText } from '../inputs/readers';
import { buildSharingOutputs, normalizePhoneNumber, readPhoneCountry } from './sharing';

export interface ShareInputs {
  /** E.164, or '' when no number was given. */
  phoneE164: string;
  /** '' means the neutral default template. */
  messageTemplate: string;
}

export interface ShareLinkOutputs {
  /** URL of the stashed PNG, or '' when it could not be stored. */
  qr_code: string;
  qr_code_svg: string;
  message_text: string;
  whatsapp_url: string;
  sms_url: string;
  phone_number_e164: string;
}

/** Longest message template taken; stated in the field's help text. */
export const MESSAGE_TEMPLATE_MAX = 1000;
/** Longest phone number as typed, spaces and brackets included (E.164 itself is at most 15 digits). */
const PHONE_TEXT_MAX = 40;

/**
 * Reads `phone_number`, `default_country` and `message_template`, and validates them before anything is
 * created. A default country is checked even without a number, so a wrong mapping shows on the first run
 * rather than on the first customer who has a phone number.
 */
export async function readShareInputs(inputData: Record<string, unknown>): Promise<ShareInputs> {
  const phone = optionalText(inputData.phone_number, FIELD_LABELS.phone_number!, { max: PHONE_TEXT_MAX });
  const country = optionalText(inputData.default_country, FIELD_LABELS.default_country!, { max: 10 });
  const template = optionalText(inputData.message_template, FIELD_LABELS.message_template!, { max: MESSAGE_TEMPLATE_MAX, multiline: true });
  // The template is used as typed (its own spacing kept), once it passed the checks.
  const messageTemplate = template === undefined ? '' : typeof inputData.message_template === 'string' ? inputData.message_template : template;
  if (country !== undefined) await readPhoneCountry(country);
  if (phone !== undefined) return { phoneE164: await normalizePhoneNumber(phone, country), messageTemplate };
  return { phoneE164: '', messageTemplate };
}

/** `review-invitation-qr-ORD-1042.png`: a name that says what the attachment is, safe in any mail client. */
export function qrFilename(reference: string): string {
  const safe = reference.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 60);
  return safe ? `review-invitation-qr-${safe}.png` : 'review-invitation-qr.png';
}

/** Stores the PNG with z.stashFile and returns its URL, or '' (and a log line) when the file service fails. */
export async function stashQrCode(z: ZObject, png: Buffer, reference: string): Promise<string> {
  try {
    // Typed as returning a string; it is a Promise of one.
    const url: unknown = await z.stashFile(png, png.length, qrFilename(reference), 'image/png');
    // Zapier's file storage is https; plain http is accepted only on this machine (the local sandbox's stand-in).
    if (typeof url === 'string' && /^(https:\/\/|http:\/\/(127\.0\.0\.1|localhost)[:/])/.test(url)) return url;
    throw new Error('the file service returned no https URL');
  } catch (error) {
    const why = errorMessage(error).slice(0, 200);
    z.console.log(
      `The QR code PNG could not be stored (${why}). The step continues: qr_code is empty and qr_code_svg still has the QR code.`,
    );
    return '';
  }
}

export interface LinkToShare {
  url: string;
  name: string;
  reference: string;
}

/** Every sharing output for a link: message, WhatsApp and SMS links, QR code as SVG and as a stashed PNG. */
export async function shareLinkOutputs(z: ZObject, link: LinkToShare, share: ShareInputs): Promise<ShareLinkOutputs> {
  const outputs = await buildSharingOutputs({
    url: link.url,
    name: link.name,
    reference: link.reference,
    phoneNumber: share.phoneE164,
    messageTemplate: share.messageTemplate,
  });
  if (outputs.qr_png.length === 0) z.console.log('The QR code could not be drawn for this link; qr_code and qr_code_svg are empty.');
  return {
    qr_code: outputs.qr_png.length > 0 ? await stashQrCode(z, outputs.qr_png, link.reference) : '',
    qr_code_svg: outputs.qr_code_svg,
    message_text: outputs.message_text,
    whatsapp_url: outputs.whatsapp_url,
    sms_url: outputs.sms_url,
    phone_number_e164: share.phoneE164,
  };
}

/** The sharing outputs when no link was created (not in the sample): every key present, all empty. */
export function emptyShareOutputs(share: ShareInputs): ShareLinkOutputs {
  return { qr_code: '', qr_code_svg: '', message_text: '', whatsapp_url: '', sms_url: '', phone_number_e164: share.phoneE164 };
}

export interface ShareableInvitationOptions<L extends { url: string }> {
  identity: InvitationIdentity;
  sampleOneIn: number;
  monthlyCap?: number;
  /** The customer's name, for the message. */
  name: string;
  share: ShareInputs;
  /** Creates the link: called at most once per invitation identity within the replay window. */
  create: () => Promise<L>;
  /** The link's own outputs when none was created (not in the sample). */
  skipped: L;
}

/**
 * Runs the invitation pipeline around a link: sample → replay guard → monthly cap → create the link and its
 * sharing outputs (PNG stashed first, so the remembered result survives JSON) → remember. A replay gets
 * the first run's link, QR code and message back, with `duplicate: true`.
 */
export async function shareableInvitation<L extends { url: string }>(
  z: ZObject,
  options: ShareableInvitationOptions<L>,
): Promise<L & ShareLinkOutputs & ComplianceOutputs> {
  const { identity, share } = options;
  const outcome = await inviteOnce<L & ShareLinkOutputs>(z, {
    identity,
    sampleOneIn: options.sampleOneIn,
    monthlyCap: options.monthlyCap,
    send: async () => {
      const link = await options.create();
      const outputs = await shareLinkOutputs(z, { url: link.url, name: options.name, reference: identity.referenceNumber }, share);
      return { ...link, ...outputs };
    },
  });
  return withComplianceOutputs(outcome, options.sampleOneIn, { ...options.skipped, ...emptyShareOutputs(share) });
}
