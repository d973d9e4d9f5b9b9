import type { CifLocalePacks } from './locale.js';

/** Replaceable text of `<cif-provider>` (see the `strings` property and the `locale` attribute). */
export interface CifProviderStrings {
  /** Title of the connection error. */
  errorTitle: string;
  /** The button that connects again after an error. */
  retry: string;
}

/** English text of `<cif-provider>`. */
export const DEFAULT_PROVIDER_STRINGS: Readonly<CifProviderStrings> = Object.freeze({
  errorTitle: 'Could not connect to Dynamics 365',
  retry: 'Retry',
});

/** `<cif-provider>`'s other locales, each loaded when first shown. */
export const PROVIDER_LOCALE_PACKS: CifLocalePacks<CifProviderStrings> = {
  de: () => import('./locales/de.js'),
  fr: () => import('./locales/fr.js'),
  es: () => import('./locales/es.js'),
  it: () => import('./locales/it.js'),
  'pt-BR': () => import('./locales/pt-BR.js'),
  nl: () => import('./locales/nl.js'),
  ja: () => import('./locales/ja.js'),
  'zh-Hans': () => import('./locales/zh-Hans.js'),
  ko: () => import('./locales/ko.js'),
  ar: () => import('./locales/ar.js'),
  he: () => import('./locales/he.js'),
};
