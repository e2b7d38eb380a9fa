import { createHash } from 'node:crypto';

import { InputError } from '../../../src/errors/input-error';
import { isInSample, parseSampleOneIn } from '../../../src/invitations/policy/sampling';

const references = Array.from({ length: 10_000 }, (_, i) => `OPP-${String(i + 1).padStart(6, '0')}`);

describe('isInSample', () => {
  it('invites everyone at 1 in 1', () => {
    expect(references.every((ref) => isInSample(ref, 1))).toBe(true);
  });

  it.each([2, 3, 10])('selects 1 in %i of 10,000 sequential references to within 2 percentage points', (n) => {
    const share = references.filter((ref) => isInSample(ref, n)).length / references.length;
    expect(Math.abs(share - 1 / n)).toBeLessThanOrEqual(0.02);
  });

  it('is deterministic, and ignores surrounding whitespace', () => {
    const first = references.map((ref) => isInSample(ref, 3));
    expect(references.map((ref) => isInSample(ref, 3))).toEqual(first);
    expect(references.slice(0, 200).map((ref) => isInSample(`  ${ref}\t`, 3))).toEqual(first.slice(0, 200));
  });

  it('is pinned to SHA-256 of the reference, so a refactor cannot silently change who is invited', () => {
    // Independent recomputation of the rule: the first 48 bits of SHA-256, modulo N.
    const expected = (ref: string, n: number) => createHash('sha256').update(ref).digest().readUIntBE(0, 6) % n === 0;
    for (const ref of references.slice(0, 500)) expect(isInSample(ref, 7)).toBe(expected(ref, 7));
    expect(['OPP-000001', 'OPP-000002', 'OPP-000003', 'OPP-000004', 'OPP-000005'].map((r) => isInSample(r, 2))).toEqual(
      ['OPP-000001', 'OPP-000002', 'OPP-000003', 'OPP-000004', 'OPP-000005'].map((r) => expected(r, 2)),
    );
  });

  it('takes nothing about the customer: one argument for the reference, one for N', () => {
    expect(isInSample.length).toBe(2);
    // @ts-expect-error the customer's email or name cannot be passed in
    expect(() => isInSample({ referenceNumber: 'OPP-1', email: 'a@example.com' }, 2)).toThrow(InputError);
  });

  it('selects customers at the same rate whatever their email domain or name', () => {
    // Synthetic customers whose attributes are unrelated to their reference number: the decision for each is
    // made from the reference alone, so every group is sampled at about 1 in 3.
    const customers = references.map((ref, i) => ({
      ref,
      email: i % 2 === 0 ? `c${i}@gmail.com` : `c${i}@bigcorp.example`,
      name: i % 4 < 2 ? 'Anna' : 'Zed',
    }));
    const rate = (group: typeof customers) => group.filter((c) => isInSample(c.ref, 3)).length / group.length;
    for (const group of [
      customers.filter((c) => c.email.endsWith('gmail.com')),
      customers.filter((c) => !c.email.endsWith('gmail.com')),
      customers.filter((c) => c.name === 'Anna'),
      customers.filter((c) => c.name === 'Zed'),
    ]) {
      expect(Math.abs(rate(group) - 1 / 3)).toBeLessThanOrEqual(0.03);
    }
  });

  it.each([0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, '3'])('rejects sample_one_in %p', (n) => {
    try {
      isInSample('OPP-1', n as number);
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe('Invite One In');
      expect((error as Error).message).toMatch(/^Invite One In: .*a whole number of 1 or more/);
    }
  });

  it('requires a reference number', () => {
    expect(() => isInSample('   ', 2)).toThrow(/^Reference Number: is required/);
  });
});

describe('parseSampleOneIn', () => {
  it.each([
    [undefined, 1],
    ['', 1],
    [null, 1],
    [4, 4],
    [' 10 ', 10],
  ])('reads %p as %i', (raw, n) => {
    expect(parseSampleOneIn(raw)).toBe(n);
  });

  it.each(['0', '2.5', 'ten', -3, 0, true])('rejects %p naming sample_one_in', (raw) => {
    expect(() => parseSampleOneIn(raw)).toThrow(/^Invite One In: .*a whole number of 1 or more/);
  });
});
