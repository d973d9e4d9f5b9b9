import type { CifLocalePacks } from '@cif-elements/core';

/**
 * Replaceable text of `<cif-presence>` (see its `strings` property and `locale` attribute). Entries that show
 * a presence are functions of its text.
 */
export interface CifPresenceStrings {
  /** Accessible name (and compact tooltip) of the button, e.g. `Presence: Available`. */
  buttonLabel: (presence: string) => string;
  /** Accessible name of the button while a change is being written. */
  changing: (presence: string) => string;
  /** Accessible name of the menu. */
  menuLabel: string;
  /** Shown when no presence is known. */
  unknown: string;
  /** Shown while the presence is read for the first time and none is known yet. */
  loading: string;
  /** Error: reading the presence from Dynamics failed. */
  readError: string;
  /** Error: Dynamics refused a change to `presence`. */
  writeError: (presence: string) => string;
  /** Announced (live region) after the agent's change was accepted. */
  changed: (presence: string) => string;
  /** Announced (live region) when the presence was changed in Dynamics. */
  changedInDynamics: (presence: string) => string;
  /** Announced (live region) after a change that stays in this widget (not applied in Dynamics 365). */
  changedLocally: (presence: string) => string;
  /** Shown (and announced) when changes cannot reach Dynamics 365: the CIF library has no presence API. */
  localOnly: string;
  /**
   * Error: Dynamics 365 itself could not load the agent's presence (it shows "Unknown"); says why, for an
   * administrator.
   */
  unavailable: string;
}

/** English text of `<cif-presence>`. */
export const DEFAULT_PRESENCE_STRINGS: Readonly<CifPresenceStrings> = Object.freeze({
  buttonLabel: (presence: string) => `Presence: ${presence}`,
  changing: (presence: string) => `Presence: changing to ${presence}`,
  menuLabel: 'Set presence',
  unknown: 'Unknown',
  loading: 'Loading…',
  readError: 'Could not read your presence from Dynamics 365.',
  writeError: (presence: string) => `Could not change your presence to ${presence}.`,
  changed: (presence: string) => `Presence set to ${presence}`,
  changedInDynamics: (presence: string) => `Presence changed in Dynamics 365 to ${presence}`,
  changedLocally: (presence: string) => `Presence set to ${presence} in this widget only, not in Dynamics 365`,
  localOnly:
    'Local only: this Dynamics 365 does not let channel providers read or set presence, so changes here are not shown in Dynamics 365.',
  unavailable:
    'Dynamics 365 could not load your presence ("Unknown"). For your administrator: this usually means the ' +
    'Omnichannel agent role is missing, capacity or a default presence is not set in the agent profile, or ' +
    'channels are not activated in the agent profile.',
});

/**
 * Default text of `<cif-presence>`.
 * @deprecated Use `DEFAULT_PRESENCE_STRINGS` (entries that show a presence are functions now).
 */
export const CIF_PRESENCE_STRINGS: Readonly<CifPresenceStrings> = DEFAULT_PRESENCE_STRINGS;

/** `<cif-presence>`'s other locales, each loaded when first shown. */
export const PRESENCE_LOCALE_PACKS: CifLocalePacks<CifPresenceStrings> = {
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
