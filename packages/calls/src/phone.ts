/**
 * Phone-number helpers of the call flow: pure functions over libphonenumber-js (loaded lazily with
 * {@link loadPhoneLib}), no DOM, no client. Until the library has loaded, parsing answers `undefined` and
 * display falls back to the text as given.
 */
import { displayFormat, loadPhoneLib as loadSharedPhoneLib, phoneLib, toCountryCode } from '@cif-elements/core/phone';

/** Loads libphonenumber-js once, through core's shared loader (one lazy chunk for every element). */
export function loadPhoneLib(): Promise<void> {
  return loadSharedPhoneLib().then(() => undefined);
}

/** Whether {@link loadPhoneLib} has finished. */
export function isPhoneLibLoaded(): boolean {
  return phoneLib() !== undefined;
}

/** A phone number understood by libphonenumber-js. */
export interface ParsedPhone {
  /** E.164 without extension: `+14255550100`. */
  e164: string;
  /** International format: `+1 425 555 0100`. */
  international: string;
  /** National format: `(425) 555-0100`, `020 7946 0958`. */
  national: string;
  /** National significant number (digits): `4255550100`. */
  nationalNumber: string;
  /** Country calling code (digits): `1`. */
  callingCode: string;
  /** ISO 3166-1 alpha-2 country, when the numbering plan tells. */
  country?: string;
  /** Extension digits, if any. */
  extension?: string;
}

/** ASCII digits of `text` (any Unicode decimal digit folded by NFKC for the common full-width forms). */
export function digitsOf(text: string): string {
  if (typeof text !== 'string') return '';
  return text.normalize('NFKC').replace(/\D/g, '');
}

/**
 * Parses `raw` (`+1 425 555 0100`, `(425) 555-0100` with a default country, `tel:+44…`), or `undefined` when
 * it is no possible phone number or the library has not loaded yet. Never throws.
 */
export function parsePhone(raw: string, defaultCountry?: string): ParsedPhone | undefined {
  const lib = phoneLib();
  if (!lib || typeof raw !== 'string') return undefined;
  const text = lib.stripInvisible(raw).replace(/^\s*tel:/i, '').trim();
  if (!text || text.length > 64) return undefined;
  try {
    const country = toCountryCode(defaultCountry);
    const options = country ? { defaultCountry: country } : {};
    const p = lib.parsePhoneNumberFromString(text, options, lib.metadata);
    if (!p || !p.isPossible()) return undefined;
    const out: ParsedPhone = {
      e164: p.number,
      international: p.formatInternational(),
      national: p.formatNational(),
      nationalNumber: p.nationalNumber,
      callingCode: p.countryCallingCode,
    };
    if (p.country) out.country = p.country;
    if (p.ext) {
      out.extension = p.ext;
      // formats carry " ext. 12"; the variants and displays below want the number alone
      out.international = out.international.replace(/\s*ext\..*$/, '');
      out.national = out.national.replace(/\s*ext\..*$/, '');
    }
    return out;
  } catch {
    return undefined;
  }
}

/**
 * How to show a number to the agent: national format when it is in `defaultCountry`, international
 * otherwise, the text as given when it cannot be parsed.
 */
export function displayPhone(raw: string, defaultCountry?: string): string {
  const p = parsePhone(raw, defaultCountry);
  if (!p) return typeof raw === 'string' ? raw.trim() : '';
  return displayFormat(p, defaultCountry);
}

/** Digit groups of a formatted number: `(425) 555-0100` → `['425', '555', '0100']`. */
const groupsOf = (formatted: string): string[] => formatted.match(/\d+/g) ?? [];

/**
 * Texts a CRM may hold for the number, for `contains(...)` searches: the national significant number's
 * groups joined by space, hyphen, dot or nothing (which every international notation contains), the same for
 * the national notation (with its trunk prefix, e.g. `020 7946 0958`), and the national format itself
 * (`(425) 555-0100`). Each is specific enough to search by; matches are verified afterwards
 * ({@link samePhone}). For a number that cannot be parsed: its digits when there are at least 6, else none.
 */
export function phoneVariants(raw: string, defaultCountry?: string): string[] {
  const p = parsePhone(raw, defaultCountry);
  if (!p) {
    const digits = digitsOf(raw);
    return digits.length >= 6 ? [digits] : [];
  }
  const out = new Set<string>();
  const intl = groupsOf(p.international).slice(1); // drop the calling code
  const national = groupsOf(p.national);
  for (const groups of [intl, national]) {
    if (groups.length === 0) continue;
    for (const sep of [' ', '-', '.', '']) out.add(groups.join(sep));
  }
  out.add(p.national);
  return [...out].filter((v) => digitsOf(v).length >= 4);
}

/**
 * Whether a stored phone value (any notation, possibly with an extension or words around it) is the number
 * `target`. National notations are read in the target's country. Unparseable values match when their digits
 * end with the target's national significant number and add at most a calling code and trunk prefix.
 */
export function samePhone(stored: unknown, target: ParsedPhone | string, defaultCountry?: string): boolean {
  if (typeof stored !== 'string' || !stored.trim()) return false;
  if (typeof target === 'string') {
    const t = parsePhone(target, defaultCountry);
    if (!t) {
      const a = digitsOf(stored);
      const b = digitsOf(target);
      return b.length >= 6 && a === b;
    }
    target = t;
  }
  const parsed = parsePhone(stored, target.country ?? defaultCountry);
  if (parsed) return parsed.e164 === target.e164;
  const digits = digitsOf(stored);
  const nsn = target.nationalNumber;
  return digits.endsWith(nsn) && digits.length - nsn.length <= target.callingCode.length + 1;
}
