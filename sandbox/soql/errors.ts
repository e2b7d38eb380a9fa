/** A query Salesforce would refuse, with the errorCode it would use. The HTTP layer turns it into a 400. */
export class SoqlError extends Error {
  constructor(
    readonly errorCode: 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' | 'INVALID_QUERY_FILTER_OPERATOR',
    message: string,
  ) {
    super(message);
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Salesforce prefixes field and type errors with the offending line, a caret and "ERROR at Row:r:Column:c".
 * The sandbox points at the first whole-word occurrence of the name; if it cannot find it, it gives the bare sentence.
 */
export const located = (soql: string, name: string, sentence: string): string => {
  const match = new RegExp(`(?<![\\w.])${escapeRegExp(name)}(?![\\w])`, 'i').exec(soql);
  if (!match) return sentence;
  const before = soql.slice(0, match.index).split('\n');
  const row = before.length;
  const column = before[before.length - 1]!.length + 1;
  const line = soql.split('\n')[row - 1]!;
  return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${sentence}`;
};

/** `at` is the text to point the caret at (the full path), when it differs from the field's own name. */
export const noSuchColumn = (soql: string, field: string, object: string, at = field): SoqlError =>
  new SoqlError(
    'INVALID_FIELD',
    located(
      soql,
      at,
      `No such column '${field}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    ),
  );

export const unknownRelationship = (soql: string, rel: string, where: 'field path' | 'FROM part of query call'): SoqlError =>
  new SoqlError(
    where === 'field path' ? 'INVALID_FIELD' : 'INVALID_TYPE',
    located(
      soql,
      rel,
      `Didn't understand relationship '${rel}' in ${where}. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
    ),
  );

export const unsupportedType = (soql: string, object: string): SoqlError =>
  new SoqlError(
    'INVALID_TYPE',
    located(
      soql,
      object,
      `sObject type '${object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    ),
  );

/** For valid SOQL the sandbox does not evaluate: it says so rather than return a wrong answer. */
export const notInSandbox = (what: string): SoqlError =>
  new SoqlError('MALFORMED_QUERY', `${what} is not supported by the sandbox's SOQL evaluator`);
