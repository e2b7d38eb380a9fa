/** Date helpers that always work in UTC, so results never depend on the container's time zone. */

/** `2026-12-01T09:30:00Z`: ISO-8601 in UTC, whole seconds (Trustpilot asks for UTC send times). */
export function isoUtcSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2026-12-01`: the UTC calendar day. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `2026-12`: the UTC calendar month. */
export function utcMonth(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/** Midnight UTC on the 1st of the month after `date`'s month. */
export function startOfNextUtcMonth(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
}

/** Throws on an Invalid Date, which would otherwise surface later as a RangeError from toISOString. */
export function assertValidDate(date: Date, what: string): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new TypeError(`${what} must be a valid Date`);
  }
}
