import { InputError } from '../../src/errors/input-error';
import { parseInvitationInput, preferredSendTime } from '../../src/invitations/validation';

const VALID = {
  consumer_email: 'jane@example.com',
  consumer_name: 'Jane Doe',
  reference_number: 'OPP-42',
};

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const failure = (overrides: Record<string, unknown>) => inputError(() => parseInvitationInput({ ...VALID, ...overrides }));

describe('parseInvitationInput', () => {
  it('accepts the three required fields alone and trims them', () => {
    expect(parseInvitationInput({ consumer_email: ' jane@example.com ', consumer_name: ' Jane ', reference_number: ' 42 ' })).toEqual({
      consumer_email: 'jane@example.com',
      consumer_name: 'Jane',
      reference_number: '42',
    });
  });

  it('reads a mapped number as a reference number', () => {
    expect(parseInvitationInput({ ...VALID, reference_number: 1001 }).reference_number).toBe('1001');
  });

  it('treats empty optional fields from Zapier ("" and null) as not given', () => {
    const input = parseInvitationInput({ ...VALID, locale: '', delay_days: '', send_at: null, tags: '', product_skus: [] });
    expect(input).toEqual(VALID);
  });

  it.each([
    ['consumer_email', 'Customer Email'],
    ['consumer_name', 'Customer Name'],
    ['reference_number', 'Reference Number'],
  ])('requires %s', (field, label) => {
    for (const missing of [undefined, '', '   ']) {
      const error = failure({ [field]: missing });
      expect(error.field).toBe(label);
      expect(error.message).toBe(`${label}: is required.`);
    }
  });

  it.each(['jane', 'jane@', '@example.com', 'jane@example', 'jane doe@example.com', 'jane@@example.com'])(
    'rejects the malformed email %p',
    (email) => {
      const error = failure({ consumer_email: email });
      expect(error.field).toBe('Customer Email');
      expect(error.message).toBe(`Customer Email: "${email}" is not a valid email address; use one like jane@example.com.`);
    },
  );

  it.each(['en-US', 'da-DK', 'pt-BR'])('accepts the locale %p', (locale) => {
    expect(parseInvitationInput({ ...VALID, locale }).locale).toBe(locale);
  });

  it.each(['en', 'en_US', 'EN-us', 'en-us', 'eng-USA', 'en-US-x'])('rejects the locale %p', (locale) => {
    const error = failure({ locale });
    expect(error.field).toBe('Language');
    expect(error.message).toMatch(/^Language: ".*" is not a language Trustpilot sends invitations in: choose one from the dropdown, like en-US/);
  });

  it.each([
    [0, 0],
    [90, 90],
    ['7', 7],
    [' 14 ', 14],
  ])('accepts delay_days %p', (value, days) => {
    expect(parseInvitationInput({ ...VALID, delay_days: value }).delay_days).toBe(days);
  });

  it.each([-1, 91, 2.5, '2.5', 'three', '1e1', true])('rejects delay_days %p', (value) => {
    const error = failure({ delay_days: value });
    expect(error.field).toBe('Send After (Days)');
    expect(error.message).toMatch(/^Send After \(Days\): .*a whole number of days from 0 to 90/);
  });

  it.each([
    ['2026-12-01T09:30:00Z', '2026-12-01T09:30:00.000Z'],
    ['2026-12-01T10:30:00+01:00', '2026-12-01T09:30:00.000Z'],
    ['2026-12-01T04:30:00-0500', '2026-12-01T09:30:00.000Z'],
    ['2026-12-01T09:30:00', '2026-12-01T09:30:00.000Z'],
    ['2026-12-01 09:30', '2026-12-01T09:30:00.000Z'],
    ['2028-02-29T09:30:00.250Z', '2028-02-29T09:30:00.250Z'],
  ])('reads send_at %p as %s', (text, iso) => {
    expect(parseInvitationInput({ ...VALID, send_at: text }).send_at?.toISOString()).toBe(iso);
  });

  it.each(['tomorrow', '2026-12-01', '2026-02-30T09:30:00Z', '2026-12-01T24:00:00Z', '2026-12-01T09:30:00+15:00', '01/12/2026 09:30'])(
    'rejects send_at %p',
    (text) => {
      const error = failure({ send_at: text });
      expect(error.field).toBe('Send At');
      expect(error.message).toMatch(/^Send At: .* must be a date and time/);
    },
  );

  it('rejects delay_days and send_at together', () => {
    const error = failure({ delay_days: 3, send_at: '2026-12-01T09:30:00Z' });
    expect(error.field).toBe('Send At');
    expect(error.message).toBe('Send At: cannot be combined with Send After (Days): set only one of them.');
  });

  it.each([
    [['vip', 'salesforce'], ['vip', 'salesforce']],
    ['vip, salesforce', ['vip', 'salesforce']],
    [['vip,salesforce', 'q4'], ['vip', 'salesforce', 'q4']],
  ])('reads tags given as %p', (value, tags) => {
    expect(parseInvitationInput({ ...VALID, tags: value }).tags).toEqual(tags);
  });

  it('rejects a tag with whitespace inside, quoting it', () => {
    const error = failure({ tags: 'vip, summer sale' });
    expect(error.field).toBe('Tags');
    expect(error.message).toBe(
      'Tags: must not contain spaces (Trustpilot\'s rule), but "summer sale" does: use a hyphen or underscore instead.',
    );
    expect(failure({ tags: ['tab\tinside'] }).field).toBe('Tags');
  });

  it.each([
    [['ABC-1', ' DEF-2 '], ['ABC-1', 'DEF-2']],
    ['ABC-1,DEF-2', ['ABC-1', 'DEF-2']],
    [[12345, 'X'], ['12345', 'X']],
  ])('reads product_skus given as %p, trimmed', (value, skus) => {
    expect(parseInvitationInput({ ...VALID, product_skus: value }).product_skus).toEqual(skus);
  });

  it.each(['ABC-1,,DEF-2', 'ABC-1,', ['ABC-1', '  ']])('rejects an empty SKU in %p', (value) => {
    const error = failure({ product_skus: value });
    expect(error.field).toBe('Product SKUs');
    expect(error.message).toMatch(/^Product SKUs: has an empty SKU at position \d/);
  });

  it.each(['ABC-1,\nDEF-2', ['ABC-1', 'DEF-2,\r\nGHI-3']])('rejects %p: a line break next to a comma is not hidden by trimming', (value) => {
    const error = failure({ product_skus: value });
    expect(error.message).toMatch(/^Product SKUs: .* contains a line break or another control character\.$/);
  });

  it('rejects a list of the wrong kind', () => {
    const error = failure({ product_skus: [{ sku: 'A' }] });
    expect(error.field).toBe('Product SKUs');
    expect(error.message).toMatch(/must be a list of SKUs or comma-separated text/);
  });

  it('names the first failing field and lists every failure in one message', () => {
    const error = inputError(() => parseInvitationInput({ consumer_email: 'nope', locale: 'english' }));
    expect(error.field).toBe('Customer Email');
    expect(error.message).toContain('Customer Email: "nope" is not a valid email address');
    expect(error.message).toContain('Customer Name: is required.');
    expect(error.message).toContain('Reference Number: is required.');
    expect(error.message).toContain('Language: "english" is not a language');
  });
});

describe('preferredSendTime', () => {
  const now = new Date('2026-11-14T08:15:42.987Z');

  it('is undefined when neither is given', () => {
    expect(preferredSendTime({ now })).toBeUndefined();
  });

  it('counts delay_days from now, in UTC with whole seconds', () => {
    expect(preferredSendTime({ delayDays: 0, now })).toBe('2026-11-14T08:15:42Z');
    expect(preferredSendTime({ delayDays: 3, now })).toBe('2026-11-17T08:15:42Z');
    expect(preferredSendTime({ delayDays: 90, now })).toBe('2027-02-12T08:15:42Z');
  });

  it('converts send_at to UTC', () => {
    expect(preferredSendTime({ sendAt: '2026-12-01T10:30:00+01:00', now })).toBe('2026-12-01T09:30:00Z');
    expect(preferredSendTime({ sendAt: new Date('2026-12-01T09:30:00.999Z'), now })).toBe('2026-12-01T09:30:00Z');
  });

  it('rejects both at once, and bad values, naming the field', () => {
    expect(inputError(() => preferredSendTime({ delayDays: 1, sendAt: '2026-12-01T09:30:00Z', now })).field).toBe('Send At');
    expect(inputError(() => preferredSendTime({ delayDays: 91, now })).field).toBe('Send After (Days)');
    expect(inputError(() => preferredSendTime({ sendAt: 'soon', now })).field).toBe('Send At');
    expect(inputError(() => preferredSendTime({ sendAt: new Date('nope'), now })).field).toBe('Send At');
  });
});

describe('InputError', () => {
  it('keeps the field and puts it in a message that lacks it', () => {
    const error = new InputError('phone_number', 'could not be read');
    expect(error.field).toBe('phone_number');
    expect(error.message).toBe('phone_number: could not be read');
    expect(new InputError('tags', 'tags must not …').message).toBe('tags must not …');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InputError');
  });
});

describe('the one email rule and the one redirect rule', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isEmailAddress, isRedirectUrl } = require('../../src/invitations/validation') as typeof import('../../src/invitations/validation');

  it.each([
    'jane@example.com',
    'jürgen@münchen.de',
    'jürgen@xn--mnchen-3ya.de',
    '用户@例子.广告',
    "o'brien+tag@sub.example.co.uk",
    `${'a'.repeat(64)}@example.com`,
    `a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(55)}.com`,
  ])('accepts %s', (email) => expect(isEmailAddress(email)).toBe(true));

  it.each([
    'jane@example.com\r\nbcc: x@example.com',
    'jane doe@example.com',
    'jane@example .com',
    'jane\u0000@example.com',
    '"jane doe"@example.com',
    'jane@localhost',
    '.jane@example.com',
    'ja..ne@example.com',
    'jane@-example.com',
    'jane@example.c',
    `${'a'.repeat(65)}@example.com`,
    `${'ü'.repeat(33)}@example.com`,
    `a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(59)}.com`,
    'jane@',
    '@example.com',
  ])('refuses %j', (email) => expect(isEmailAddress(email)).toBe(false));

  it.each(['https://www.example.com/thanks', 'http://trustpilot.com', 'https://例子.广告/谢谢?a=1#b'])('accepts the redirect %s', (url) =>
    expect(isRedirectUrl(url)).toBe(true),
  );
  it.each(['javascript:alert(1)', 'data:text/html,hi', 'ftp://example.com', 'https:/example.com', 'www.example.com', 'https://exa mple.com', 'https://example.com/\r\n'])(
    'refuses the redirect %j',
    (url) => expect(isRedirectUrl(url)).toBe(false),
  );
});
