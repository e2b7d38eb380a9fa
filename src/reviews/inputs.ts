/**
 * Reading the review operations' inputs. Zapier sends an empty optional field as "" or null, a mapped
 * number as a number or text, a boolean as true/false or "true"/"false", and a multi-select as a list
 * (or, when mapped, as "1,2"). Bad input fails here, before any call, naming the field the user sees.
 */
import type { ZObject } from 'zapier-platform-core';

import { withFacts } from '../errors/facts';

import type { ReviewType } from './flatten';
import { LABELS } from './fields';

export const inputError = (z: ZObject, label: string, problem: string) => {
  const sentence = `${label}: ${problem}`;
  return withFacts(new z.errors.Error(sentence, 'invalid_input'), { kind: 'input', sentence, code: 'invalid_input' });
};

/** Trimmed text, or undefined when the field was left empty. */
export const optionalText = (value: unknown): string | undefined => {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

export const requiredText = (z: ZObject, value: unknown, label: string): string => {
  const text = optionalText(value);
  if (!text) throw inputError(z, label, 'is required.');
  return text;
};

export const parseBoolean = (z: ZObject, value: unknown, label: string): boolean => {
  if (value === undefined || value === null || value === '' || value === false) return false;
  if (value === true) return true;
  const text = String(value).trim().toLowerCase();
  if (['true', 'yes', '1'].includes(text)) return true;
  if (['false', 'no', '0'].includes(text)) return false;
  throw inputError(z, label, `"${String(value)}" is not yes or no.`);
};

/** Star ratings 1–5 from a multi-select; undefined when none were chosen. */
export const parseStars = (z: ZObject, value: unknown): number[] | undefined => {
  const items = (Array.isArray(value) ? value : [value])
    .flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]))
    .map(optionalText)
    .filter((item): item is string => item !== undefined);
  if (items.length === 0) return undefined;
  const stars = items.map((item) => {
    const n = Number(item);
    if (!Number.isInteger(n) || n < 1 || n > 5) throw inputError(z, LABELS.stars, `"${item}" is not a star rating: choose whole numbers from 1 to 5.`);
    return n;
  });
  return [...new Set(stars)].sort((a, b) => a - b);
};

/** A review language code as Trustpilot writes it: `en`, `da`, or with a region, `en-GB`. */
export const parseLanguage = (z: ZObject, value: unknown): string | undefined => {
  const text = optionalText(value);
  if (text === undefined) return undefined;
  if (!/^[a-z]{2,3}(?:-[a-z]{2,4})?$/i.test(text)) {
    throw inputError(z, LABELS.language, `"${text}" is not a language code: use two letters such as en, de or da.`);
  }
  return text.toLowerCase();
};

/**
 * A review id, also accepted as the review's address (…/reviews/<id>), which is what a user copies
 * from Trustpilot. Only letters, digits and hyphens: anything else cannot be an id and must not reach a URL path.
 */
export const parseReviewId = (z: ZObject, value: unknown): string | undefined => {
  const text = optionalText(value);
  if (text === undefined) return undefined;
  const fromUrl = /\/reviews\/([^/?#\s]+)/i.exec(text)?.[1];
  const id = fromUrl ?? text;
  if (!/^[a-z0-9-]{1,64}$/i.test(id)) {
    throw inputError(z, LABELS.review_id, `"${text.slice(0, 100)}" is not a Trustpilot review id (like 62c8968be77911f2449e9f74).`);
  }
  return id;
};

export const parseEmail = (z: ZObject, value: unknown, label: string): string | undefined => {
  const text = optionalText(value);
  if (text === undefined) return undefined;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) throw inputError(z, label, `"${text.slice(0, 100)}" is not an email address.`);
  return text;
};

export const parseReviewType = (z: ZObject, value: unknown): ReviewType => {
  const text = (optionalText(value) ?? 'service').toLowerCase();
  if (text === 'service' || text === 'product') return text;
  throw inputError(z, LABELS.review_type, `"${text}" is not a review type: choose service or product.`);
};
