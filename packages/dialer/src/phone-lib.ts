/**
 * The parts of libphonenumber-js the dialer uses, with the `min` metadata. Only `phone.ts` imports this,
 * and only with a dynamic `import()`, so bundles keep it (≈ 35 KB gzip) in a lazy chunk.
 */
export {
  AsYouType,
  isSupportedCountry,
  parseDigits,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/core';
export { default as metadata } from 'libphonenumber-js/min/metadata';
