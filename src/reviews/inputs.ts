/**
 * The review operations' own input words (review ids, star ratings, languages, review types), built on the
 * shared readers of src/inputs/readers.ts, so a list, an object, a control character or an unknown yes/no
 * word fails here, before any call, naming the field the user sees.
 */
import { inputError, list, optionalText, quoted, URL_MAX, yesNo } from '../inputs/readers';
import type { ReviewType } from './flatten';
import { LABELS } from './fields';

/** A review id is 24 hex digits in practice; letters, digits and hyphens are let through, nothing a URL path would change. */
const REVIEW_ID = /^[A-Za-z0-9-]{1,64}$/;
const REVIEW_ID_EXAMPLE = '62c8968be77911f2449e9f74';

/**
 * A review id, also accepted as the review's address (…/reviews/<id>), which is what a user copies
 * from Trustpilot. Undefined when the field was left empty.
 */
export const readReviewId = (value: unknown, label: string = LABELS.review_id): string | undefined => {
  const text = optionalText(value, label, { max: URL_MAX });
  if (text === undefined) return undefined;
  const id = /\/reviews\/([^/?#\s]+)/i.exec(text)?.[1] ?? text;
  if (!REVIEW_ID.test(id)) {
    throw inputError(label, `${quoted(text)} is not a Trustpilot review ID (like ${REVIEW_ID_EXAMPLE}): pick a review, map Review ID from a review trigger, or paste the review’s address`);
  }
  return id;
};

export const requireReviewId = (value: unknown, label: string = LABELS.review_id): string => {
  const id = readReviewId(value, label);
  if (id === undefined) throw inputError(label, 'is required: pick a review, or map Review ID from a review trigger or “Find Review”');
  return id;
};

/** Yes/no, empty meaning no. */
export const readYesNo = (value: unknown, label: string): boolean => yesNo(value, label, false);

/** Star ratings 1–5 from a multi-select (or "1,2" when mapped); undefined when none were chosen. */
export const readStars = (value: unknown, label: string = LABELS.stars): number[] | undefined => {
  const items = list(value, label, {
    noun: 'star rating',
    // Each of the five at most twice: more means the wrong field is mapped.
    maxItems: 10,
    // Long enough that a wrong word is named by the rule below, not by its length.
    maxLength: 20,
    entry: (item) => (/^[1-5]$/.test(item) ? undefined : `${quoted(item)} is not a star rating: choose whole numbers from 1 to 5`),
  });
  if (items.length === 0) return undefined;
  return [...new Set(items.map(Number))].sort((a, b) => a - b);
};

/** Language and region names from the ICU data Node carries: an unknown code has none. */
let displayNames: { language: Intl.DisplayNames; region: Intl.DisplayNames } | undefined;
const names = () =>
  (displayNames ??= {
    language: new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }),
    region: new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }),
  });

/** `en`, `da`, or with a region, `en-GB`: an ISO 639 language (and ISO 3166 region) that exists. */
const isLanguageCode = (text: string): boolean => {
  const m = /^([a-z]{2,3})(?:-([a-z]{2}))?$/i.exec(text);
  if (!m) return false;
  const [, language, region] = m;
  // ZZ is CLDR's "Unknown Region".
  return names().language.of(language!.toLowerCase()) !== undefined && (region === undefined || (region.toUpperCase() !== 'ZZ' && names().region.of(region.toUpperCase()) !== undefined));
};

/** A review language code as Trustpilot writes it: `en`, `da`, or with a region, `en-GB`. */
export const readLanguage = (value: unknown, label: string = LABELS.language): string | undefined => {
  const text = optionalText(value, label, { max: 8 });
  if (text === undefined) return undefined;
  if (!isLanguageCode(text)) {
    throw inputError(label, `${quoted(text)} is not a language code: use two letters such as en, de or da`);
  }
  return text.toLowerCase();
};

export const REVIEW_TYPES = ['service', 'product'] as const satisfies readonly ReviewType[];

/** Service (the default) or product. */
export const readReviewType = (value: unknown, label: string = LABELS.review_type): ReviewType => {
  const text = optionalText(value, label, { max: 20 });
  if (text === undefined) return 'service';
  const type = REVIEW_TYPES.find((t) => t === text.toLowerCase());
  if (!type) throw inputError(label, `${quoted(text)} is not a review type: choose service or product`);
  return type;
};
