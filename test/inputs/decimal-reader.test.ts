/** optionalDecimal: numbers with a fixed number of decimals, refused rather than rounded or guessed. */
import { InputError } from '../../src/errors/input-error';
import { optionalDecimal, type DecimalRule } from '../../src/inputs/readers';

const RULE: DecimalRule = { min: 0, max: 5, decimals: 1, describe: 'a number from 0.1 to 5 with one decimal' };
const read = (value: unknown) => optionalDecimal(value, 'Minimum Change', RULE);
const problem = (value: unknown): string => {
  try {
    read(value);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error(`${JSON.stringify(value)} was accepted`);
};

it.each([
  [undefined, undefined],
  [null, undefined],
  ['  ', undefined],
  [0.3, 0.3],
  ['0.3', 0.3],
  ['0,3', 0.3],
  [' 5 ', 5],
  [0, 0],
])('reads %j as %j', (value, expected) => {
  expect(read(value)).toBe(expected);
});

it.each([
  [0.25, 'Minimum Change: must be a number from 0.1 to 5 with one decimal.'],
  [5e-324, 'Minimum Change: must be a number from 0.1 to 5 with one decimal.'],
  ['5.1', 'Minimum Change: must be a number from 0.1 to 5 with one decimal.'],
  [-0.1, 'Minimum Change: must be a number from 0.1 to 5 with one decimal.'],
  [Number.NaN, 'Minimum Change: must be a number from 0.1 to 5 with one decimal.'],
  ['a lot', 'Minimum Change: "a lot" is not a number: use a number from 0.1 to 5 with one decimal.'],
  [['0.1', '0.2'], 'Minimum Change: must be one value, not a list: map a single field here.'],
  [{ value: 0.1 }, 'Minimum Change: must be a number from 0.1 to 5 with one decimal, not a group of fields.'],
  [true, 'Minimum Change: must be a number from 0.1 to 5 with one decimal, not yes/no.'],
])('refuses %j', (value, message) => {
  expect(problem(value)).toBe(message);
});
