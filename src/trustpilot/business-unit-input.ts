/**
 * The Business Unit field of the Trustpilot operations, read the one way: empty means the connection's
 * unit; anything else must be a business unit id (24 hexadecimal characters, as the client also insists),
 * so a list, an object or free text never reaches a URL.
 */
import { inputError, optionalText, quoted } from '../inputs/readers';
import { businessUnitField } from './fields';

/** A Trustpilot business unit id: 24 hexadecimal characters. */
export const isBusinessUnitId = (text: string): boolean => /^[0-9a-f]{24}$/i.test(text);

export const readBusinessUnitId = (value: unknown, label: string = businessUnitField.label): string | undefined => {
  const text = optionalText(value, label, { max: 64 });
  if (text === undefined) return undefined;
  if (!isBusinessUnitId(text)) {
    throw inputError(
      label,
      `${quoted(text)} is not a Trustpilot business unit id (24 hexadecimal characters): choose one from the dropdown, use “Find Business Unit”, or leave it empty for the business unit of your connection`,
    );
  }
  return text;
};
