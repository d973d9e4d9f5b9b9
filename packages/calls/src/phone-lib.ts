/**
 * The parts of libphonenumber-js the call flow uses, with the `min` metadata (the same modules as
 * `<cif-dialer>`, so a bundle shares one lazy chunk). Only `phone.ts` imports this, with a dynamic `import()`.
 */
export { parsePhoneNumberFromString, isSupportedCountry } from 'libphonenumber-js/core';
export { default as metadata } from 'libphonenumber-js/min/metadata';
