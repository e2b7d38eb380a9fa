import fc from 'fast-check';

import { InputError } from '../../src/errors/input-error';
import {
  optionalChoice,
  optionalDateInWindow,
  optionalEmail,
  optionalId,
  optionalInteger,
  optionalList,
  optionalText,
  optionalUrl,
  optionalYesNo,
  requiredEmail,
  type Field,
} from '../../src/inputs/readers';

const FIELD: Field = { key: 'consumer_name', label: 'Customer Name' };
const NOW = new Date('2026-12-03T12:00:00Z');
const DAY = 86_400_000;

/** Every reader, as the operations would call it. */
const READERS: Array<[string, (value: unknown) => unknown]> = [
  ['text', (v) => optionalText(FIELD, v, { max: 255 })],
  ['email', (v) => optionalEmail(FIELD, v)],
  ['yes/no', (v) => optionalYesNo(FIELD, v)],
  ['integer', (v) => optionalInteger(FIELD, v, { min: 1, max: 1000 })],
  ['date', (v) => optionalDateInWindow(FIELD, v, { now: NOW, minMs: 0, maxMs: 90 * DAY, describe: 'from now to 90 days ahead' })],
  ['list', (v) => optionalList(FIELD, v, { maxItems: 50, item: { max: 100 } })],
  ['id', (v) => optionalId(FIELD, v)],
  ['url', (v) => optionalUrl(FIELD, v)],
  ['choice', (v) => optionalChoice(FIELD, v, ['service', 'product'] as const)],
];

/** Anything a Zap could map into a field: texts (with control characters), numbers, lists, objects. */
const anyInput = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.object()), { maxLength: 5 }),
  fc.object({ maxDepth: 2 }),
);

describe.each(READERS)('%s reader', (_name, read) => {
  it('either accepts a value or refuses it with an InputError that names the field’s label: never a raw error', () => {
    fc.assert(
      fc.property(anyInput, (value) => {
        try {
          read(value);
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as InputError).message.startsWith('Customer Name: ')).toBe(true);
          expect((err as InputError).field).toBe('consumer_name');
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each([[['a', 'b']], [{ value: 'x' }]])('refuses %j instead of coercing it to a default', (value) => {
    if (_name === 'list') return; // a list is the list reader's own input
    expect(() => read(value)).toThrow(/^Customer Name: /);
  });
});

describe('bounds', () => {
  it('email: 254 characters, 64 before the @; international domains and UTF-8 local parts allowed; CR/LF and spaces never', () => {
    expect(requiredEmail(FIELD, 'jürgen@bücher.example')).toBe('jürgen@bücher.example');
    expect(requiredEmail(FIELD, 'josé.garcía@example.com')).toBe('josé.garcía@example.com');
    expect(() => optionalEmail(FIELD, `${'a'.repeat(65)}@example.com`)).toThrow(/64 characters/);
    expect(() => optionalEmail(FIELD, `a@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(10)}.com`)).toThrow(/254 characters/);
    expect(() => optionalEmail(FIELD, 'jane@example.com\r\nBcc: x@evil.example')).toThrow(/^Customer Name: /);
    expect(() => optionalEmail(FIELD, 'jane doe@example.com')).toThrow(/without spaces/);
  });

  it('url: http and https both allowed; javascript:, data: and credentials refused', () => {
    expect(optionalUrl(FIELD, 'http://example.com/thanks')).toBe('http://example.com/thanks');
    expect(optionalUrl(FIELD, 'https://example.com/thanks')).toBe('https://example.com/thanks');
    expect(() => optionalUrl(FIELD, 'javascript:alert(1)')).toThrow(/https:\/\/ or http:\/\//);
    expect(() => optionalUrl(FIELD, 'data:text/html,x')).toThrow(/https:\/\/ or http:\/\//);
    expect(() => optionalUrl(FIELD, 'https://user:pw@example.com')).toThrow(/user name or password/);
  });

  it('text: one line, no NUL, at most the maximum', () => {
    expect(() => optionalText(FIELD, 'Jane\r\nBcc: x', { max: 255 })).toThrow(/one line/);
    expect(() => optionalText(FIELD, 'Ja\u0000ne', { max: 255 })).toThrow(/control characters/);
    expect(() => optionalText(FIELD, 'x'.repeat(256), { max: 255 })).toThrow(/at most 255 characters \(it has 256\)/);
    expect(optionalText(FIELD, 'Thanks!\nSee you', { max: 255, multiline: true })).toBe('Thanks!\nSee you');
  });

  it('date: only inside the window (e.g. from now to 90 days)', () => {
    const window = { now: NOW, minMs: 0, maxMs: 90 * DAY, describe: 'from now to 90 days ahead' };
    expect(() => optionalDateInWindow(FIELD, '9999-01-01T00:00:00Z', window)).toThrow(/from now to 90 days ahead/);
    expect(() => optionalDateInWindow(FIELD, '2020-01-01T00:00:00Z', window)).toThrow(/from now to 90 days ahead/);
    expect(optionalDateInWindow(FIELD, '2026-12-10T09:00:00Z', window)?.toISOString()).toBe('2026-12-10T09:00:00.000Z');
  });

  it('yes/no: refuses words it does not know instead of reading them as no', () => {
    expect(optionalYesNo(FIELD, 'yes')).toBe(true);
    expect(optionalYesNo(FIELD, 'false')).toBe(false);
    expect(() => optionalYesNo(FIELD, 'maybe')).toThrow(/yes or no/);
  });
});
