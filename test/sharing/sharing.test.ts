import { InputError } from '../../src/errors/input-error';
import {
  DEFAULT_MESSAGE_TEMPLATE,
  buildSharingOutputs,
  fillMessageTemplate,
  normalizePhoneNumber,
  qrCodePng,
  qrCodeSvg,
  smsUrl,
  whatsappUrl,
} from '../../src/sharing/sharing';
import { PNG_SIGNATURE, decodeQrPng, decodeQrSvg, expectedMatrix, matrixOfPng, matrixOfSvg, readPng } from '../helpers/qr';

const LINK = 'https://www.trustpilot.com/evaluate-link/81be73226625b8b765a020c20beb0f41';
// A BGL-sized link (≈ 280 characters): a larger QR version with 16-bit segment counts and version blocks.
const BGL_LINK =
  'https://www.trustpilot.com/evaluate-bgl/my-domain.com?p=AAECAwQFBgcICQoLDA0OD6aYnTp5MTzH20LK37rMC3ZyFDibGHfa2FHuI3GzU8SGso1Fhfa0wFNq5f9Q2yvQUYt9NWm90tKOPktWvWJn9QjNL%2F3tj%2BCRvBo4UNuWK%2FsPCtudofkykx4h2orkPaN6WcbTZINYN%2F9zw0Pa8wZfFLQ84xo%2FAKSRvUVxz%2FaMB2dFCrfa4ritCBtpKQ%2FUeUvRG9Mst2a8bdEW9UaM4Ayh%2FuU%3D';

async function rejection(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('normalizePhoneNumber', () => {
  it.each([
    ['+44 20 7946 0958', undefined, '+442079460958'],
    ['+44 (0)20 7946 0958', undefined, '+442079460958'],
    ['0044 20 7946 0958', undefined, '+442079460958'],
    ['0044 20 7946 0958', 'US', '+442079460958'],
    ['0044-20-7946-0958', 'GB', '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['020.7946.0958', 'gb', '+442079460958'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['415.555.2671', 'US', '+14155552671'],
    ['415-555-2671', 'US', '+14155552671'],
    ['+1 415 555 2671', 'GB', '+14155552671'],
    ['  +46 70 123 45 67 ', undefined, '+46701234567'],
  ])('reads %p (default country %p) as %s', async (raw, country, e164) => {
    await expect(normalizePhoneNumber(raw, country)).resolves.toBe(e164);
  });

  it.each([
    ['', 'US'],
    ['hello', 'US'],
    ['12345', undefined],
    ['+44 20', undefined],
    ['(415) 555-2671', undefined], // national form needs a default country
    ['+999 1234 5678', undefined],
  ])('rejects %p (default country %p) naming phone_number', async (raw, country) => {
    const error = await rejection(normalizePhoneNumber(raw, country));
    expect(error.field).toBe('phone_number');
    // One fixed sentence for every input: the number itself (personal data) is never echoed.
    expect(error.message).toBe(
      'Customer Phone Number: could not be read as a phone number. Use the international form, like +44 20 7946 0958, ' +
        'or set Default Phone Country for numbers written the national way, like (415) 555-2671.',
    );
  });

  it('rejects an unknown default country naming default_country', async () => {
    expect((await rejection(normalizePhoneNumber('415 555 2671', 'XX'))).field).toBe('default_country');
    expect((await rejection(normalizePhoneNumber('415 555 2671', 'USA'))).field).toBe('default_country');
  });
});

describe('fillMessageTemplate', () => {
  const values = { name: 'Jane', link: LINK, reference: 'OPP-42' };

  it('fills every placeholder, each time it appears', () => {
    expect(fillMessageTemplate('Hi {name} ({reference}): {link} — thanks, {name}!', values)).toBe(
      `Hi Jane (OPP-42): ${LINK} — thanks, Jane!`,
    );
  });

  it('appends the link after a space when the template has no {link}', () => {
    expect(fillMessageTemplate('Hi {name}, tell us how we did!', values)).toBe(`Hi Jane, tell us how we did! ${LINK}`);
    expect(fillMessageTemplate('Review us:  \n', values)).toBe(`Review us: ${LINK}`);
    expect(fillMessageTemplate('', values)).toBe(LINK);
  });

  it('leaves unknown placeholders as typed and blanks a missing reference', () => {
    expect(fillMessageTemplate('{greeting} {name} {reference}{link} {Name}', { name: 'Jane', link: 'L' })).toBe(
      '{greeting} Jane L {Name}',
    );
  });

  it('inserts values literally: no $-patterns, no placeholders expanded from a name', () => {
    expect(fillMessageTemplate('Hi {name}: {link}', { name: "$& $' {link} {reference}", link: 'L', reference: 'R' })).toBe(
      "Hi $& $' {link} {reference}: L",
    );
  });
});

describe('WhatsApp and SMS links', () => {
  const text = 'Hi Zoë & co, 50% off? No — review: https://x.test/a?b=c#d 🌟';

  it('builds wa.me links with the digits only and encoded text', () => {
    const url = whatsappUrl('+442079460958', text);
    expect(url).toBe(`https://wa.me/442079460958?text=${encodeURIComponent(text)}`);
    expect(new URL(url).searchParams.get('text')).toBe(text);
    expect(whatsappUrl(undefined, text)).toBe(`https://wa.me/?text=${encodeURIComponent(text)}`);
  });

  it('builds sms: links with the E.164 number and encoded body', () => {
    expect(smsUrl('+14155552671', text)).toBe(`sms:+14155552671?body=${encodeURIComponent(text)}`);
    expect(smsUrl(undefined, 'a b')).toBe('sms:?body=a%20b');
    expect(decodeURIComponent(smsUrl('+14155552671', text).split('?body=')[1]!)).toBe(text);
  });

  it('refuses a number that is not E.164', () => {
    expect(() => whatsappUrl('020 7946 0958', 'x')).toThrow(InputError);
    expect(() => smsUrl('+0123', 'x')).toThrow(InputError);
  });
});

// Rendering a PNG is ~40x slower under jest than in production (pngjs's filter step uses Math.abs, which is
// slow in jest's sandbox), so each link is rendered once and shared by the tests below.
let linkPng: Buffer;
let bglLinkPng: Buffer;
beforeAll(async () => {
  [linkPng, bglLinkPng] = await Promise.all([qrCodePng(LINK), qrCodePng(BGL_LINK)]);
});

describe('QR codes', () => {
  it('renders a real PNG that decodes to the link, at error correction M', async () => {
    const png = linkPng;
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const image = readPng(png); // also checks every chunk CRC
    expect(image.firstChunk).toBe('IHDR');
    const matrix = matrixOfPng(png, 4);
    const qr = decodeQrPng(png);
    expect(qr.text).toBe(LINK);
    // Error correction M: the image shows exactly the symbol qrcode builds for the link at level M.
    expect(matrix).toEqual(expectedMatrix(LINK, 'M'));
    // 8 px per module and a 4-module quiet zone on each side.
    expect(image.width).toBe((matrix.length + 8) * 8);
    expect(image.height).toBe(image.width);
  });

  it('decodes a long BGL link too', async () => {
    const qr = decodeQrPng(bglLinkPng);
    expect(qr.version).toBeGreaterThanOrEqual(10);
    expect(qr.text).toBe(BGL_LINK);
  });

  it('is deterministic and small', async () => {
    const again = await qrCodePng(LINK);
    expect(again.equals(linkPng)).toBe(true);
    expect((await qrCodePng('https://x.test/')).equals(linkPng)).toBe(false);
    expect(linkPng.length).toBeGreaterThan(200);
    expect(linkPng.length).toBeLessThan(20_000);
    expect(bglLinkPng.length).toBeLessThan(20_000);
  });

  it('renders a well-formed standalone SVG with the same modules as the PNG', async () => {
    const svg = await qrCodeSvg(LINK);
    expect(svg.trim()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* viewBox="0 0 \d+ \d+"[^>]*>.*<\/svg>$/s);
    // Every element is either self-closing or closed, and properly nested.
    const open: string[] = [];
    for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z]+)\b[^>]*?(\/?)>/g)) {
      if (closing) expect(open.pop()).toBe(name);
      else if (!selfClosing) open.push(name!);
    }
    expect(open).toEqual([]);

    expect(decodeQrSvg(svg).text).toBe(LINK);
    expect(matrixOfSvg(svg, 4)).toEqual(matrixOfPng(linkPng, 4));
  });
});

describe('buildSharingOutputs', () => {
  it('builds every output for a customer with a phone number', async () => {
    const out = await buildSharingOutputs({
      url: LINK,
      name: 'Jane',
      reference: 'OPP-42',
      phoneNumber: '(415) 555-2671',
      defaultCountry: 'US',
      messageTemplate: 'Hi {name}, order {reference}: {link}',
    });
    const message = `Hi Jane, order OPP-42: ${LINK}`;
    expect(out.message_text).toBe(message);
    expect(out.whatsapp_url).toBe(`https://wa.me/14155552671?text=${encodeURIComponent(message)}`);
    expect(out.sms_url).toBe(`sms:+14155552671?body=${encodeURIComponent(message)}`);
    expect(decodeQrSvg(out.qr_code_svg).text).toBe(LINK);
    expect(out.qr_png.equals(linkPng)).toBe(true);
    expect(Object.keys(out).sort()).toEqual(['message_text', 'qr_code_svg', 'qr_png', 'sms_url', 'whatsapp_url']);
  });

  it('uses number-less links and the default message without a phone number or template', async () => {
    const out = await buildSharingOutputs({ url: LINK, name: 'Jane', reference: 'OPP-42', phoneNumber: '  ', messageTemplate: '' });
    const message = fillMessageTemplate(DEFAULT_MESSAGE_TEMPLATE, { name: 'Jane', link: LINK });
    expect(out.message_text).toBe(message);
    expect(out.message_text).toContain(LINK);
    expect(out.whatsapp_url).toBe(`https://wa.me/?text=${encodeURIComponent(message)}`);
    expect(out.sms_url).toBe(`sms:?body=${encodeURIComponent(message)}`);
  });

  it('rejects a bad phone number before rendering anything', async () => {
    const error = await rejection(buildSharingOutputs({ url: LINK, name: 'Jane', reference: 'R', phoneNumber: 'call me' }));
    expect(error.field).toBe('phone_number');
  });

  it('rejects a URL that is not http(s)', async () => {
    const error = await rejection(buildSharingOutputs({ url: 'javascript:alert(1)', name: 'Jane', reference: 'R' }));
    expect(error.field).toBe('url');
  });
});
