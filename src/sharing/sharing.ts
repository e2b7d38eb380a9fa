/**
 * Ways to hand an invitation link to a customer outside email: a message text, WhatsApp and SMS links, and a
 * QR code. Shared by "Generate Invitation Link" (Trustpilot's evaluate-link URL) and "Create Business Generated
 * Link" (our evaluate-bgl URL); it only needs the URL.
 *
 * libphonenumber-js (~55 ms) and qrcode (~35 ms) load inside the functions that use them, with literal module
 * names so the Zapier build still bundles them, and never when an action shell is merely loaded.
 */
import { InputError } from '../errors/input-error';
import { quoted } from '../inputs/readers';

/** Neutral wording: it asks every customer the same way, whatever their experience (Trustpilot's guidelines). */
export const DEFAULT_MESSAGE_TEMPLATE = 'Hi {name}, thank you for choosing us. How did we do? Please share your experience: {link}';

/** Quiet zone of 4 modules (the QR standard's minimum) and 8 px per module: crisp, and scannable printed small. */
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 4, scale: 8 } as const;

const E164 = /^\+[1-9]\d{6,14}$/;

const PHONE_LABEL = 'Customer Phone Number';
const COUNTRY_LABEL = 'Default Phone Country';

function phoneError(): InputError {
  // The number itself is personal data, so it stays out of the message (it is visible in the Zap's input anyway).
  return new InputError(
    'phone_number',
    `${PHONE_LABEL}: could not be read as a phone number. Use the international form, like +44 20 7946 0958, ` +
      `or set ${COUNTRY_LABEL} for numbers written the national way, like (415) 555-2671.`,
    PHONE_LABEL,
  );
}

/** A two-letter country code libphonenumber knows (ISO 3166 alpha-2, like `US`), upper-cased. */
export async function readPhoneCountry(raw: string): Promise<string> {
  const { isSupportedCountry } = await import('libphonenumber-js');
  const country = raw.trim().toUpperCase();
  if (!isSupportedCountry(country)) {
    throw new InputError('default_country', `${COUNTRY_LABEL}: ${quoted(raw.trim(), 20)} is not a two-letter country code: use one like US or GB.`, COUNTRY_LABEL);
  }
  return country;
}

/**
 * The number in E.164 (`+442079460958`). Accepts spaces, dots, dashes, brackets, a `+` or `00` international
 * prefix, and national numbers when `defaultCountry` (ISO 3166 alpha-2, like `US`) is given.
 * Only numbers libphonenumber considers valid pass: a WhatsApp or SMS link to a wrong number is worse than an error.
 */
export async function normalizePhoneNumber(raw: string, defaultCountry?: string): Promise<string> {
  const { parsePhoneNumberFromString } = await import('libphonenumber-js');
  const country = defaultCountry?.trim() ? await readPhoneCountry(defaultCountry) : undefined;
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') throw phoneError();

  const attempt = (candidate: string): string | undefined => {
    const parsed = parsePhoneNumberFromString(candidate, country as Parameters<typeof parsePhoneNumberFromString>[1]);
    return parsed?.isValid() ? parsed.number : undefined;
  };
  // "00" is the international prefix in most of the world; libphonenumber only reads it when the default
  // country uses it, so "0044 …" without one (or with US, whose prefix is 011) gets a second try as "+44 …".
  const e164 = attempt(text) ?? (text.startsWith('00') ? attempt(`+${text.slice(2)}`) : undefined);
  if (e164 === undefined) throw phoneError();
  return e164;
}

export interface MessageValues {
  name: string;
  link: string;
  reference?: string;
}

/**
 * Fills `{name}`, `{link}` and `{reference}`; other `{…}` stay as typed. Values are inserted in one pass, so a
 * name that happens to contain `{link}` is not expanded. If the template has no `{link}`, the link is appended
 * after a space: a message without its link is useless.
 */
export function fillMessageTemplate(template: string, values: MessageValues): string {
  const replacements: Record<string, string> = { name: values.name, link: values.link, reference: values.reference ?? '' };
  const filled = template.replace(/\{(name|link|reference)\}/g, (_, key: string) => replacements[key] ?? '');
  if (template.includes('{link}')) return filled;
  const text = filled.trimEnd();
  return text === '' ? values.link : `${text} ${values.link}`;
}

function digitsOf(e164: string | undefined): string {
  if (e164 === undefined || e164 === '') return '';
  if (!E164.test(e164)) throw phoneError();
  return e164.slice(1);
}

/** `https://wa.me/<digits>?text=…`, or the number-less `https://wa.me/?text=…` that lets the user pick a chat. */
export function whatsappUrl(e164: string | undefined, text: string): string {
  return `https://wa.me/${digitsOf(e164)}?text=${encodeURIComponent(text)}`;
}

/** RFC 5724 `sms:<E.164>?body=…`, or `sms:?body=…` without a number. */
export function smsUrl(e164: string | undefined, body: string): string {
  const digits = digitsOf(e164);
  return `sms:${digits ? `+${digits}` : ''}?body=${encodeURIComponent(body)}`;
}

/**
 * The most a QR code can hold at error correction M in byte mode (version 40): 2,331 bytes
 * (ISO/IEC 18004 capacity table; https://www.qrcode.com/en/about/version.html). A longer link cannot become a QR code.
 */
export const QR_MAX_BYTES = 2331;

/**
 * How the PNG is packed: the "Up" filter for every row, then zlib's default deflate strategy, instead of pngjs's
 * default of trying all five filters on every row (slow JavaScript loops) and run-length deflate. Rows of a QR code
 * repeat `scale` times, so "Up" leaves mostly zeros and deflate finds the repeated module patterns: for a 648-pixel
 * code the file is ≈6 KB instead of ≈10 KB, packed in about half the time.
 * Filter types: https://www.w3.org/TR/png/#9Filter-types; strategies: https://nodejs.org/api/zlib.html#zlib-constants
 */
const PNG_PACKING = { filterType: 2, deflateStrategy: 0 } as const;

/** A PNG of the URL's QR code (error correction M). */
export async function qrCodePng(url: string): Promise<Buffer> {
  const QRCode = await import('qrcode');
  // qrcode hands rendererOpts to pngjs as they are (qrcode/lib/renderer/png.js) and writes the image size into
  // them, so each call gets its own copy; @types/qrcode lists only the deflate options, hence the widening cast.
  const rendererOpts: { deflateStrategy: number; filterType: number } = { ...PNG_PACKING };
  return QRCode.toBuffer(url, { ...QR_OPTIONS, type: 'png', rendererOpts });
}

/** The same QR code as a standalone SVG document. */
export async function qrCodeSvg(url: string): Promise<string> {
  const QRCode = await import('qrcode');
  return QRCode.toString(url, { ...QR_OPTIONS, type: 'svg' });
}

export interface SharingInput {
  url: string;
  name: string;
  reference: string;
  /** Empty means "no number": the WhatsApp and SMS links then let the sender pick the recipient. */
  phoneNumber?: string;
  defaultCountry?: string;
  /** Empty means DEFAULT_MESSAGE_TEMPLATE. */
  messageTemplate?: string;
}

export interface SharingOutputs {
  message_text: string;
  whatsapp_url: string;
  sms_url: string;
  qr_code_svg: string;
  /** Raw PNG bytes; the caller stashes them (z.stashFile) and outputs the file URL. */
  qr_png: Buffer;
}

export async function buildSharingOutputs(input: SharingInput): Promise<SharingOutputs> {
  if (!/^https?:\/\//i.test(input.url ?? '')) {
    throw new InputError('url', 'The link to share must be an http(s) web address.');
  }
  const phone = input.phoneNumber?.trim()
    ? await normalizePhoneNumber(input.phoneNumber, input.defaultCountry)
    : undefined;
  const template = input.messageTemplate?.trim() ? input.messageTemplate : DEFAULT_MESSAGE_TEMPLATE;
  const message = fillMessageTemplate(template, { name: input.name, link: input.url, reference: input.reference });
  // The link exists by now (Trustpilot made it, or the replay guard holds it): a QR code that cannot be
  // drawn must not fail the step, so it is left empty and the other outputs still carry the link.
  let png: Buffer = Buffer.alloc(0);
  let svg = '';
  if (Buffer.byteLength(input.url) <= QR_MAX_BYTES) {
    try {
      [png, svg] = await Promise.all([qrCodePng(input.url), qrCodeSvg(input.url)]);
    } catch {
      png = Buffer.alloc(0);
      svg = '';
    }
  }
  return {
    message_text: message,
    whatsapp_url: whatsappUrl(phone, message),
    sms_url: smsUrl(phone, message),
    qr_code_svg: svg,
    qr_png: png,
  };
}
