import fc from 'fast-check';

import { InputError } from '../../src/errors/input-error';
import {
  list,
  optionalChoice,
  optionalDateTime,
  optionalEmail,
  optionalId,
  optionalInteger,
  optionalText,
  optionalWebAddress,
  requiredEmail,
  TRUSTPILOT_ID,
  yesNo,
} from '../../src/inputs/readers';
import { sendWindow } from '../../src/inputs/invitation-fields';

const LABEL = 'Customer Name';
const NOW = new Date('2026-12-03T12:00:00Z');

/** Every reader, as the operations call it. */
const READERS: Array<[string, (value: unknown) => unknown]> = [
  ['text', (v) => optionalText(v, LABEL, { max: 255 })],
  ['email', (v) => optionalEmail(v, LABEL)],
  ['yes/no', (v) => yesNo(v, LABEL, false)],
  ['integer', (v) => optionalInteger(v, LABEL, { min: 1, max: 1000 })],
  ['date', (v) => optionalDateTime(v, LABEL, sendWindow(NOW))],
  ['list', (v) => list(v, LABEL, { noun: 'tag', maxItems: 50, maxLength: 100 })],
  ['id', (v) => optionalId(v, LABEL, TRUSTPILOT_ID)],
  ['url', (v) => optionalWebAddress(v, LABEL)],
  ['choice', (v) => optionalChoice(v, LABEL, ['service', 'product'] as const)],
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

describe.each(READERS)('%s reader', (name, read) => {
  it('either accepts a value or refuses it with an InputError that names the field’s label: never a raw error', () => {
    fc.assert(
      fc.property(anyInput, (value) => {
        try {
          read(value);
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as InputError).message.startsWith(`${LABEL}: `)).toBe(true);
          expect((err as InputError).message).not.toMatch(/\[object Object\]|undefined/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each([[['a', 'b']], [{ value: 'x' }]])('refuses %j instead of coercing it to a default', (value) => {
    if (name === 'list' && Array.isArray(value)) return; // a list is the list reader's own input
    expect(() => read(value)).toThrow(new RegExp(`^${LABEL}: `));
  });
});

describe('bounds', () => {
  it('email: 254 characters, 64 before the @; international domains and UTF-8 local parts allowed; CR/LF and spaces never', () => {
    expect(requiredEmail('jürgen@bücher.example', LABEL)).toBe('jürgen@bücher.example');
    expect(requiredEmail('josé.garcía@example.com', LABEL)).toBe('josé.garcía@example.com');
    expect(() => optionalEmail(`${'a'.repeat(65)}@example.com`, LABEL)).toThrow(/not a valid email address/);
    expect(() => optionalEmail(`a@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(10)}.com`, LABEL)).toThrow(/at most 254 characters/);
    expect(() => optionalEmail('jane@example.com\r\nBcc: x@evil.example', LABEL)).toThrow(/^Customer Name: /);
    expect(() => optionalEmail('jane doe@example.com', LABEL)).toThrow(/not a valid email address/);
  });

  it('url: http and https both allowed; javascript:, data: and credentials refused', () => {
    expect(optionalWebAddress('http://example.com/thanks', LABEL)).toBe('http://example.com/thanks');
    expect(optionalWebAddress('https://example.com/thanks', LABEL)).toBe('https://example.com/thanks');
    expect(() => optionalWebAddress('javascript:alert(1)', LABEL)).toThrow(/https:\/\/ or http:\/\//);
    expect(() => optionalWebAddress('data:text/html,x', LABEL)).toThrow(/https:\/\/ or http:\/\//);
    expect(() => optionalWebAddress('https://user:pw@example.com', LABEL)).toThrow(/user name or password/);
  });

  it('text: one line, no NUL, at most the maximum', () => {
    expect(() => optionalText('Jane\r\nBcc: x', LABEL, { max: 255 })).toThrow(/one line/);
    expect(() => optionalText('Ja\u0000ne', LABEL, { max: 255 })).toThrow(/control character/);
    expect(() => optionalText('x'.repeat(256), LABEL, { max: 255 })).toThrow(/is 256 characters long; the most allowed is 255/);
    expect(optionalText('Thanks!\nSee you', LABEL, { max: 255, multiline: true })).toBe('Thanks!\nSee you');
    expect(() => optionalText('Thanks!\u0000', LABEL, { max: 255, multiline: true })).toThrow(/control character/);
  });

  it('date: only inside the window (from now to 90 days)', () => {
    expect(() => optionalDateTime('9999-01-01T00:00:00Z', LABEL, sendWindow(NOW))).toThrow(/too far ahead: use a time up to 90 days from now/);
    expect(() => optionalDateTime('2020-01-01T00:00:00Z', LABEL, sendWindow(NOW))).toThrow(/in the past/);
    expect(optionalDateTime('2026-12-10T09:00:00Z', LABEL, sendWindow(NOW))?.toISOString()).toBe('2026-12-10T09:00:00.000Z');
  });

  it('yes/no: refuses words it does not know instead of reading them as no', () => {
    expect(yesNo('yes', LABEL, false)).toBe(true);
    expect(yesNo('false', LABEL, true)).toBe(false);
    expect(yesNo('', LABEL, true)).toBe(true);
    expect(() => yesNo('maybe', LABEL, false)).toThrow(/yes or no/);
  });

  it('list: a line break is refused even next to a comma, where trimming the entries would hide it', () => {
    const rule = { noun: 'SKU', maxItems: 50, maxLength: 100 };
    expect(list(' TENT-2P, STOVE-1 ', LABEL, rule)).toEqual(['TENT-2P', 'STOVE-1']);
    expect(() => list('TENT-2P,\nSTOVE-1', LABEL, rule)).toThrow(/line break/);
    expect(() => list(['TENT-2P\r', 'STOVE-1'], LABEL, rule)).toThrow(/line break/);
  });
});
