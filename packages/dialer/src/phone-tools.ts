/**
 * The dialer's number functions and its field's editing, as one module loaded with libphonenumber-js (see
 * `load-phone-tools.ts`): they need the library, so they are not part of the first load either.
 */
export { formatAsYouType, normalizeInput, parseDialable } from './phone.js';
export { beforeInput, displayFor, layout, paste, removeBackward } from './field.js';
