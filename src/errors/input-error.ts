/**
 * Bad input, caught before any network call.
 *
 * `field` is the Zapier input key (snake_case, e.g. `consumer_email`) so the Zap editor can point at it.
 * The Zapier boundary maps this to `z.errors.Error(message, 'invalid_input')`; this module stays free of
 * zapier-platform-core so the core can be loaded and tested without it.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly field: string;

  /** `label`: the field's label as the user sees it; a message starting with it is kept as is. */
  constructor(field: string, message: string, label?: string) {
    // The user only sees the message, so it must name the field even if a caller forgets to.
    super(message.includes(field) || (label !== undefined && message.includes(label)) ? message : `${field}: ${message}`);
    this.field = field;
  }
}
