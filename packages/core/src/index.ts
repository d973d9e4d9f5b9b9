export { cifClientContext, cifLocaleContext, ensureContextRoot } from './context.js';
export { CifController } from './controller.js';
export type { CifControllerOptions, CifEventHandlers } from './controller.js';
export { tokensCssText, tokenStyles, baseStyles, installTokens } from './tokens.js';
export { CifProvider } from './cif-provider.js';
export type { CifProviderState } from './cif-provider.js';
export { DEFAULT_PROVIDER_STRINGS } from './strings.js';
export type { CifProviderStrings } from './strings.js';
export { CifElement, CifClientElement, defineElement, cifElement } from './element.js';
export type { CifEventDetail, CifEmitOptions, CifLocalization } from './element.js';
export { LocaleController } from './localize.js';
export type { LocaleControllerOptions } from './localize.js';
export {
  CIF_LOCALES,
  CIF_PSEUDO_LOCALES,
  matchLocale,
  resolveLocale,
  localeDirection,
  intlLocale,
  PSEUDO_OPEN,
  PSEUDO_CLOSE,
} from './locale.js';
export type { CifLocale, CifDisplayLocale, CifStringValue, CifLocalePack, CifLocalePacks } from './locale.js';
export { formatNumber, formatTimer, formatDurationWords, formatRelativeTime } from './format.js';
export { styleProps } from './style-props.js';
export { numberAttribute, sanitizeNumber, sanitizeChoice, isValidNumber } from './attributes.js';
export type { NumberAttributeOptions } from './attributes.js';
export { formatDuration, isoDuration } from './duration.js';
export {
  RovingFocusController,
  Typeahead,
  TYPEAHEAD_TIMEOUT_MS,
  type RovingFocusOptions,
  type RovingFocusMode,
  type SetActiveOptions,
  type TypeaheadOptions,
} from './roving-focus.js';
export { LazyPart, lazyModule, addStyles } from './lazy-part.js';
export type { PartLoader, LazyPartLoadTime, LateStyles } from './lazy-part.js';
