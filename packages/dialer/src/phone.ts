/**
 * Every use of libphonenumber-js in `<cif-dialer>` lives in this module: pure functions, no DOM, no Lit.
 *
 * It imports the library's `core` build and the `min` metadata (together ~35 KB gzip, through
 * `@cif-elements/core/phone-lib`) statically, so its
 * functions always answer. The dialer itself takes this module with a dynamic `import()`
 * (`loadPhoneTools()`), so bundles keep both in lazy chunks that a page fetches only when a dialer needs
 * them; an application that imports `parseDialable` itself gets the library with it.
 */
import {
  AsYouType,
  countryCode as toCountryCode,
  metadata,
  parseDigits,
  parsePhoneNumberFromString,
  stripInvisible,
  validatePhoneNumberLength,
} from '@cif-elements/core/phone-lib';
import type { CountryCode } from 'libphonenumber-js/core';

export { toCountryCode };

export type { CountryCode };

/** Why a number cannot be dialled. */
export type DialableErrorReason =
  /** Nothing was entered. */
  | 'empty'
  /** Too few digits for the country. */
  | 'too-short'
  /** Too many digits for the country (or an extension longer than 20 digits). */
  | 'too-long'
  /**
   * The country is unknown: a national number with no (or an unsupported) default country, or a `+`
   * followed by a country calling code that does not exist.
   */
  | 'invalid-country'
  /** Anything else: not a phone number, or a number the numbering plan rejects. */
  | 'invalid'
  /** The dialer's phone-number data has not arrived yet (`<cif-dialer>` before `loadPhoneTools()` has finished). */
  | 'loading';

/** A number that can be dialled. */
export interface DialableNumber {
  ok: true;
  /** The number in E.164 form, without the extension: `+14255550100`. */
  e164: string;
  /** The extension's digits, when one was given (`x123`, `ext. 123`, `;ext=123`). */
  extension?: string;
  /** International format, with the extension: `+1 425 555 0100 ext. 12`. */
  formatted: string;
  /** National format, with the extension: `(425) 555-0100 ext. 12`. */
  national: string;
  /** ISO 3166-1 alpha-2 country of the number, when the numbering plan tells. */
  country?: CountryCode;
  /**
   * Post-dial sequence, when the text had one: tones (`0`–`9`, `*`, `#`) to send after the call connects,
   * with `,` for a pause and `;` for a wait for the agent: `,,,1234#`.
   */
  postDial?: string;
}

/** A number that cannot be dialled, and why. */
export interface NotDialable {
  ok: false;
  reason: DialableErrorReason;
}

/** Result of {@link parseDialable}. */
export type DialableResult = DialableNumber | NotDialable;

/** Longest main part (digits, `+`, `*`, `#`) kept by {@link normalizeInput}; anything longer is too long anyway. */
const MAX_MAIN = 32;
/** Longest extension kept by {@link normalizeInput}. */
const MAX_EXTENSION = 24;
/** Longest post-dial sequence kept. */
const MAX_POST_DIAL = 64;
/** Longest extension accepted by {@link parseDialable}. */
const MAX_VALID_EXTENSION = 20;
/** Separator between the number and its extension in normalised text (RFC 3966). */
const EXT_MARK = ';ext=';
/** Separator between the number and its extension in formatted text (libphonenumber-js's own). */
export const EXTENSION_SEPARATOR = ' ext. ';

/** Phone keypad letters (ITU E.161). */
const LETTER_DIGITS: Record<string, string> = {};
for (const [digit, letters] of Object.entries({
  2: 'ABC',
  3: 'DEF',
  4: 'GHI',
  5: 'JKL',
  6: 'MNO',
  7: 'PQRS',
  8: 'TUV',
  9: 'WXYZ',
})) {
  for (const l of letters) LETTER_DIGITS[l] = digit;
}

/** The keypad digit of a Latin letter (`'F'` → `'3'`), or `undefined`. */
export function letterToDigit(letter: string): string | undefined {
  return LETTER_DIGITS[letter.toUpperCase()];
}

/** Characters a phone number may be written with: digits, Latin letters, `+ * #`, spaces and separators. */
const PHONE_TEXT = /^[\p{Nd}A-Za-z\p{Zs}\t+*#()[\]\-\p{Pd}./]*$/u;
/**
 * Decoration before a number: symbols and emoji (`📞`, `☎`, `→`, `•`), anything that is not a digit, a
 * letter, `+`, `(`, `[`, `*` or `#`.
 */
const LEADING_DECORATION = /^[^\p{Nd}\p{L}+([*#]+/u;
/** Decoration after a number (and after its post-dial sequence). */
const TRAILING_DECORATION = /[^\p{Nd}\p{L}+)\]*#,;]+$/u;
/** Where a post-dial sequence starts: a pause `,` or a wait `;` that is not the RFC 3966 `;ext=`. */
const POST_DIAL_START = /,|;(?!\s*ext\s*=)/iu;
/** A leading label or URI scheme: `tel:`, `Phone: `, `Tel.: `. */
const LABEL = /^[\p{L}\p{Zs}.]{0,20}:\s*/u;
/**
 * An extension at the end: `;ext=123`, `ext. 123`, `extension 123`, `x123` (digits optional, so that a
 * marker being typed is kept). The marker must not continue a word (`1-800-TEXT` is a vanity number).
 */
const EXTENSION = /(?:\s*;\s*ext\s*=\s*|(?<=[\p{Nd}\s)\].\-]|^)\s*(?:extension|ext\.?|x\.?)\s*)(\p{Nd}*)$/iu;

/**
 * Whether the letters in `text` are vanity letters (`1-800-FLOWERS`, `+1 800 GOT JUNK`): as libphonenumber
 * (Google's reference implementation) defines a number written with letters, at least three digits come
 * before the first letter. `abc`, `Call me` or `tel`-like words are not numbers.
 */
export function isVanityNumber(text: string): boolean {
  const first = text.search(/[A-Za-z]/);
  if (first < 0) return false;
  return (text.slice(0, first).match(/\p{Nd}/gu) ?? []).length >= 3;
}

/** The post-dial part of `text` from its first `,`/`;`, kept to tones, pauses and waits (`p` → `,`, `w` → `;`). */
function normalizePostDial(text: string): string {
  let out = '';
  for (const ch of text) {
    if (out.length >= MAX_POST_DIAL) break;
    if (ch === ',' || ch === ';' || ch === '*' || ch === '#') out += ch;
    else if (ch === 'p' || ch === 'P') out += ',';
    else if (ch === 'w' || ch === 'W') out += ';';
    else if (/\p{Nd}/u.test(ch)) out += digitOf(ch);
  }
  return out;
}

/** ASCII digit of any Unicode decimal digit (`'٤'` → `'4'`), or `''`. */
const digitOf = (ch: string): string => (/^[0-9]$/.test(ch) ? ch : parseDigits(ch)); // every Unicode decimal digit (Arabic-Indic, Devanagari, …)

/**
 * Turns what an agent typed, pasted or clicked into dialable text: an optional leading `+`, digits, `*`
 * and `#`, then `;ext=` and the extension's digits when there is one.
 *
 * - Unicode digits and full-width forms become ASCII; bidi and zero-width characters are dropped.
 * - Decorations around the number (`📞`, `☎`, `→`) and a leading `tel:` or label (`Phone: `) are dropped.
 * - Vanity letters become keypad digits, only in a vanity number ({@link isVanityNumber}):
 *   `1-800-FLOWERS` → `18003569377`; `abc` is not a number.
 * - Extensions `x123`, `ext. 123`, `extension 123` and `;ext=123` are kept as `;ext=123`.
 * - A post-dial sequence (`,` pause, `;` wait, then tones) is kept at the end: `425-555-0149,,,1234#` →
 *   `4255550149,,,1234#`.
 * - Text that is not written like a phone number (`<img …>`, an e-mail address) gives `''`.
 *
 * Pure and total: never throws.
 */
export function normalizeInput(raw: string): string {
  // Nothing typed (every dialer's first render): no Unicode-property expressions compiled at page load.
  if (typeof raw !== 'string' || !raw.trim()) return '';
  let text = stripInvisible(raw.normalize('NFKC')).trim();
  text = text.replace(LEADING_DECORATION, '').replace(LABEL, '').replace(LEADING_DECORATION, '');
  text = text.replace(TRAILING_DECORATION, '');
  let postDial = '';
  const pd = POST_DIAL_START.exec(text);
  if (pd && pd.index > 0) {
    postDial = normalizePostDial(text.slice(pd.index));
    text = text.slice(0, pd.index).trim();
  }
  let extension: string | undefined;
  const m = EXTENSION.exec(text);
  if (m && m.index > 0) {
    extension = [...m[1]].map(digitOf).join('').slice(0, MAX_EXTENSION);
    text = text.slice(0, m.index);
  }
  if (!PHONE_TEXT.test(text)) return '';
  const vanity = isVanityNumber(text);
  let main = '';
  for (const ch of text) {
    if (main.length >= MAX_MAIN) break;
    if (ch === '+') {
      if (main === '') main = '+';
    } else if (ch === '*' || ch === '#') {
      main += ch;
    } else if (/[A-Za-z]/.test(ch)) {
      if (!vanity) return '';
      main += LETTER_DIGITS[ch.toUpperCase()] ?? '';
    } else if (/\p{Nd}/u.test(ch)) {
      main += digitOf(ch);
    }
  }
  if (main === '' && extension === undefined) return '';
  return (extension === undefined ? main : `${main}${EXT_MARK}${extension}`) + postDial;
}

/**
 * Splits normalised text (from {@link normalizeInput}) into its number, extension and post-dial sequence
 * (`,`/`;` and what follows).
 */
export function splitExtension(normalized: string): { main: string; extension?: string; postDial?: string } {
  let dial = normalized;
  let postDial: string | undefined;
  const pd = POST_DIAL_START.exec(normalized);
  if (pd) {
    dial = normalized.slice(0, pd.index);
    postDial = normalized.slice(pd.index);
  }
  const i = dial.indexOf(EXT_MARK);
  const out: { main: string; extension?: string; postDial?: string } =
    i < 0 ? { main: dial } : { main: dial.slice(0, i), extension: dial.slice(i + EXT_MARK.length) };
  if (postDial) out.postDial = postDial;
  return out;
}

/**
 * Formats partial input for display while it is being typed: `4255550` → `(425) 555-0`, `+4420` →
 * `+44 20`, `4255550100x1` → `(425) 555-0100 ext. 1`. Input with `*` or `#` is shown as typed (service
 * codes are not formatted). Never throws; an unsupported `defaultCountry` is ignored.
 */
export function formatAsYouType(raw: string, defaultCountry?: string): string {
  const normalized = normalizeInput(raw);
  if (!normalized) return '';
  const { main, extension, postDial } = splitExtension(normalized);
  let shown = main;
  if (main && !/[*#]/.test(main)) {
    try {
      shown = new AsYouType(toCountryCode(defaultCountry), metadata).input(main);
    } catch {
      shown = main;
    }
  }
  return (extension === undefined ? shown : `${shown}${EXTENSION_SEPARATOR}${extension}`) + (postDial ?? '');
}

/**
 * Decides whether `raw` can be dialled, and gives its E.164 form and display formats if so.
 * `defaultCountry` (ISO 3166-1 alpha-2) is used for numbers written without `+`; an unsupported code is
 * treated as none (national numbers then fail with `'invalid-country'`). Never throws.
 */
export function parseDialable(raw: string, defaultCountry?: string): DialableResult {
  try {
    return parse(raw, defaultCountry);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
}

function parse(raw: string, defaultCountry?: string): DialableResult {
  if (typeof raw !== 'string' || stripInvisible(raw).trim() === '') return { ok: false, reason: 'empty' };
  const normalized = normalizeInput(raw);
  if (!normalized) return { ok: false, reason: 'invalid' };
  const { main, extension: ext, postDial } = splitExtension(normalized);
  const digits = main.replace(/\D/g, '');
  if (!digits) return { ok: false, reason: main === '+' ? 'too-short' : 'invalid' };
  if (/[*#]/.test(main)) return { ok: false, reason: 'invalid' };
  const country = toCountryCode(defaultCountry);
  const international = main.startsWith('+');
  if (!international && !country) return { ok: false, reason: 'invalid-country' };
  const options = international ? {} : { defaultCountry: country };
  switch (validatePhoneNumberLength(main, options, metadata)) {
    case undefined:
      break;
    case 'TOO_SHORT':
      return { ok: false, reason: 'too-short' };
    case 'TOO_LONG':
      return { ok: false, reason: 'too-long' };
    case 'INVALID_COUNTRY':
      return { ok: false, reason: 'invalid-country' };
    case 'NOT_A_NUMBER':
      return { ok: false, reason: digits.length < 3 ? 'too-short' : 'invalid' };
    default:
      return { ok: false, reason: 'invalid' };
  }
  const extension = ext ? ext : undefined;
  if (extension && extension.length > MAX_VALID_EXTENSION) return { ok: false, reason: 'too-long' };
  const phone = parsePhoneNumberFromString(extension ? `${main}${EXT_MARK}${extension}` : main, options, metadata);
  if (!phone || !phone.isValid()) return { ok: false, reason: 'invalid' };
  const result: DialableNumber = {
    ok: true,
    e164: phone.number,
    formatted: phone.formatInternational(),
    national: phone.formatNational(),
  };
  if (extension) result.extension = extension;
  if (phone.country) result.country = phone.country;
  if (postDial && /[0-9*#]/.test(postDial)) result.postDial = postDial;
  return result;
}

/** True for the characters that carry meaning in a number: digits, `+`, `*`, `#`, and post-dial `,` `;`. */
export function isDialChar(ch: string): boolean {
  return /^[0-9+*#,;]$/.test(ch);
}
