/**
 * The parts of libphonenumber-js that cif-elements uses, with its `min` metadata, and the rules every
 * element applies on top (`@cif-elements/core/phone-lib`). Importing it statically brings the library (≈ 35 KB
 * gzip): elements load it with `loadPhoneLib()` from `@cif-elements/core/phone` (a dynamic `import()`, one lazy
 * chunk for the page); modules that are themselves loaded lazily with it (the dialer's number functions) import
 * it directly.
 */
import { isSupportedCountry } from 'libphonenumber-js/core';
import type { CountryCode } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/min/metadata';
import { supportedCountry } from './phone-text.js';

export {
  AsYouType,
  isSupportedCountry,
  parseDigits,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/core';
export { metadata };
export { stripInvisible } from './phone-text.js';

/** The supported ISO 3166-1 alpha-2 code for `code` (any case, trimmed), else `undefined`. */
export function countryCode(code: unknown): CountryCode | undefined {
  return supportedCountry<CountryCode>(code, (c) => isSupportedCountry(c, metadata));
}
