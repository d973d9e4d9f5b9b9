/**
 * `@cif-elements/core/i18n`: the locale helpers the elements load only when needed — Dynamics LCIDs as
 * BCP 47 tags and the pseudo-locales. (The locale list, matching and the Intl formats are in the main entry.)
 */
export { lcidToLocale } from './lcid.js';
export { pseudoLocalize, pseudoStrings, PSEUDO_OPEN, PSEUDO_CLOSE } from './pseudo.js';
