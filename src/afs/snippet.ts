/**
 * Automatic Feedback Service (docs/upstream-facts.md, "Trustpilot: Automatic Feedback Service (AFS)"): the structured-data snippet Trustpilot reads from the HTML of an
 * email that BCCs the business's AFS address, and a check of that address.
 *
 * The snippet carries customer-supplied text inside a <script> element, so its JSON is escaped until no
 * character sequence can end the element or open an HTML comment (see `jsonForScriptElement`).
 */
import { InputError } from '../errors/input-error';
import { isEmailAddress } from '../invitations/validation';
import { AFS_DOMAIN, WHERE_AFS_IS } from './address';

/**
 * A product in the snippet, as Trustpilot documents it: `sku` at least, the rest optional
 * (https://support.trustpilot.com/hc/en-us/articles/221618467).
 */
export interface AfsProduct {
  sku: string;
  productUrl?: string;
  imageUrl?: string;
  name?: string;
  gtin?: string;
  mpn?: string;
  brand?: string;
}

/**
 * Field names exactly as Trustpilot's documented snippet uses them
 * (https://support.trustpilot.com/hc/en-us/articles/221618467). Product reviews go through `products` and
 * `productReviewInvitationPreferredSendTime`; `productSkus` appears only in third-party snippet generators,
 * with no source showing Trustpilot reading it in a snippet, so it is not written.
 */
export interface AfsFields {
  recipientEmail: string;
  recipientName: string;
  referenceId: string;
  templateId?: string;
  productReviewInvitationTemplateId?: string;
  locale?: string;
  senderEmail?: string;
  senderName?: string;
  replyTo?: string;
  /** UTC without an offset, as documented: `2018-12-15T13:30:00` (see `afsTime`). */
  preferredSendTime?: string;
  productReviewInvitationPreferredSendTime?: string;
  tags?: string[];
  products?: AfsProduct[];
  locationId?: string;
}

/** The documented order, which keeps the rendered snippet easy to compare with Trustpilot's example. */
const FIELD_ORDER: ReadonlyArray<keyof AfsFields> = [
  'recipientEmail',
  'recipientName',
  'referenceId',
  'templateId',
  'productReviewInvitationTemplateId',
  'locale',
  'senderEmail',
  'senderName',
  'replyTo',
  'preferredSendTime',
  'productReviewInvitationPreferredSendTime',
  'tags',
  'products',
  'locationId',
];

/**
 * A send time as the snippet documents it: UTC, whole seconds, no offset (`2018-12-15T13:30:00`,
 * https://support.trustpilot.com/hc/en-us/articles/221618467). Accepts a Date or an ISO time with `Z`.
 */
export function afsTime(time: Date | string): string {
  const date = typeof time === 'string' ? new Date(time) : time;
  return date.toISOString().slice(0, 19);
}

/** The shared invitation fields' Zapier keys and labels, so a missing value points at the field the user maps. */
const REQUIRED_FIELDS = {
  recipientEmail: ['consumer_email', 'Customer Email'],
  recipientName: ['consumer_name', 'Customer Name'],
  referenceId: ['reference_number', 'Reference Number'],
} as const;

const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * JSON that is safe inside a <script> element. `<`, `>` and `&` can only occur inside JSON strings, where the
 * `\u003c` form means the same character, so `</script>`, `<!--` and `-->` can never appear while JSON.parse
 * still returns the original text. U+2028/U+2029 are escaped too: they end lines in older JavaScript parsers.
 */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    SCRIPT_UNSAFE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `<script type="application/json+trustpilot">…</script>` with absent, blank and empty-list optionals left out. */
export function buildAfsSnippet(fields: AfsFields): string {
  for (const [key, [field, label]] of Object.entries(REQUIRED_FIELDS) as Array<[keyof typeof REQUIRED_FIELDS, readonly [string, string]]>) {
    const value = fields[key];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new InputError(field, `${label}: is required for the Automatic Feedback Service snippet.`, label);
    }
  }
  const data: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) {
    const value = fields[key];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) ? value.length === 0 : value.trim() === '') continue;
    data[key] = value;
  }
  return `<script type="application/json+trustpilot">\n${jsonForScriptElement(data)}\n</script>`;
}

const CLOSING_BODY = /<\/body\s*>/gi;

/**
 * Puts the snippet into an email's HTML: before the last `</body>` when there is one, else at the end.
 * With no body at all, returns a minimal HTML email around the snippet. It has no <title>: HTML allows that
 * when a higher-level protocol supplies one, and for an email the subject line does.
 */
export function appendSnippetToHtml(bodyHtml: string | undefined, snippet: string): string {
  if (bodyHtml === undefined || bodyHtml.trim() === '') {
    return [
      '<!DOCTYPE html>',
      '<html>',
      '<head>',
      '<meta charset="utf-8">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '</head>',
      '<body>',
      snippet,
      '</body>',
      '</html>',
      '',
    ].join('\n');
  }
  const closings = [...bodyHtml.matchAll(CLOSING_BODY)];
  const last = closings[closings.length - 1];
  if (last?.index === undefined) {
    return `${bodyHtml}${bodyHtml.endsWith('\n') ? '' : '\n'}${snippet}\n`;
  }
  return `${bodyHtml.slice(0, last.index)}${snippet}\n${bodyHtml.slice(last.index)}`;
}

/**
 * Checks a BCC address for AFS and returns it trimmed, with the domain lowercased.
 * The observed form is `<domain>+<10 hex>@invite.trustpilot.com` (./address.ts), but Trustpilot does not document
 * it, so in a step any valid address at invite.trustpilot.com passes; other domains fail with a pointer to where the
 * address is shown. `label` names the field in the error.
 */
export function validateAfsAddress(address: string, field = 'afs_address', label = 'AFS BCC Address'): string {
  const text = typeof address === 'string' ? address.trim() : '';
  const at = text.lastIndexOf('@');
  const local = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase();
  if (text === '' || at < 1 || !isEmailAddress(`${local}@${domain}`)) {
    throw new InputError(
      field,
      `${label}: must be your Automatic Feedback Service address, an email address ending in @${AFS_DOMAIN}. ` +
        `Copy it from ${WHERE_AFS_IS}.`,
      label,
    );
  }
  if (domain !== AFS_DOMAIN) {
    throw new InputError(
      field,
      `${label}: must end in @${AFS_DOMAIN}, but this address is at ${domain}. ` +
        `Copy your Automatic Feedback Service address from ${WHERE_AFS_IS}.`,
      label,
    );
  }
  return `${local}@${domain}`;
}
