import type { ClickToActPayload } from '@cif-elements/client/api';
import type { CifLocalePacks } from '@cif-elements/core';

/** Replaceable text of `<cif-click-to-act>` (see its `strings` property and `locale` attribute). */
export interface CifClickToActStrings {
  /** Visible label of the switch (its accessible name). The `label` attribute wins over it. */
  label: string;
  /** Description under the switch; must say that the setting is org-wide. */
  description: string;
  /** Status text while the current value is being read. */
  loading: string;
  /** Status text while a change is being saved. */
  writing: string;
  /** Status text when there is no CIF client. */
  notConnected: string;
  /** Title of the error shown when reading the setting failed (CIF's message follows). */
  readError: string;
  /** Title of the error shown when changing the setting failed (CIF's message follows). */
  writeError: string;
  /** The button that reads the setting again after a read error. */
  retry: string;
  /** Heading of the last clicked item. */
  lastHeading: string;
  /** Term for the clicked value. */
  lastValue: string;
  /** Term for the clicked field's logical name. */
  lastField: string;
  /** Term for the record type. */
  lastEntity: string;
  /** Hint shown while click-to-act is on and nothing has been clicked yet. */
  lastEmpty: string;
  /** Text announced politely when a click arrives from Dynamics. */
  announceClick: (item: ClickToActPayload) => string;
}

/** English text of `<cif-click-to-act>`. */
export const DEFAULT_CLICK_TO_ACT_STRINGS: Readonly<CifClickToActStrings> = Object.freeze({
  label: 'Click-to-dial',
  description: 'Org-wide setting: turning it on or off changes it for every agent in your organisation.',
  loading: 'Reading the setting…',
  writing: 'Saving…',
  notConnected: 'Not connected to Dynamics 365.',
  readError: 'Could not read the current setting.',
  writeError: 'The change was not saved.',
  retry: 'Try again',
  lastHeading: 'Last clicked in Dynamics 365',
  lastValue: 'Value',
  lastField: 'Field',
  lastEntity: 'Record type',
  lastEmpty: 'Click a phone number in Dynamics 365 to use it here.',
  announceClick: (item: ClickToActPayload) => `Clicked in Dynamics 365: ${item.value}`,
});

/**
 * English text of `<cif-click-to-act>`.
 * @deprecated Use `DEFAULT_CLICK_TO_ACT_STRINGS`.
 */
export const CIF_CLICK_TO_ACT_STRINGS: Readonly<CifClickToActStrings> = DEFAULT_CLICK_TO_ACT_STRINGS;

/** `<cif-click-to-act>`'s other locales, each loaded when first shown. */
export const CLICK_TO_ACT_LOCALE_PACKS: CifLocalePacks<CifClickToActStrings> = {
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
