/**
 * The parts of libphonenumber-js that cif-elements uses, with its `min` metadata. Only `phone.ts`
 * imports this, and only with a dynamic `import()`, so bundles keep it (≈ 35 KB gzip) in one lazy chunk
 * shared by every element that handles phone numbers.
 */
export {
  AsYouType,
  isSupportedCountry,
  parseDigits,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/core';
export { default as metadata } from 'libphonenumber-js/min/metadata';
