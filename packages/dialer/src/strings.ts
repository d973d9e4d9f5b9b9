import type { CifLocalePacks } from '@cif-elements/core';

/** Texts of the call list and transfer panel (part of `CifDialerStrings`). */
export interface CifDialerCallListStrings {
  /** Accessible name of the call list. */
  callList: string;
  /** Row buttons; `who` is the party (visually hidden, part of the accessible name). */
  swap: string;
  resume: string;
  /** Transfer control and panel. */
  transfer: string;
  transferTo: string;
  blindTransfer: string;
  consult: string;
  /** Consult in progress. */
  consulting: (who: string) => string;
  completeTransfer: string;
  cancelTransfer: string;
  merge: string;
  inConference: string;
  /** Heading of the recent numbers offered as targets. */
  transferRecent: string;
  /** Heading of the Dynamics contacts found by the name typed. */
  transferContacts: string;
  /** The contact search failed. */
  transferSearchFailed: string;
}

/** The English defaults of {@link CifDialerCallListStrings} (also part of {@link DEFAULT_DIALER_STRINGS}). */
export const DEFAULT_CALL_LIST_STRINGS: Readonly<CifDialerCallListStrings> = Object.freeze<CifDialerCallListStrings>({
  callList: 'Calls',
  swap: 'Switch to',
  resume: 'Resume',
  transfer: 'Transfer',
  transferTo: 'Transfer to',
  blindTransfer: 'Transfer now',
  consult: 'Consult first',
  consulting: (who) => `Consulting ${who}`,
  completeTransfer: 'Complete transfer',
  cancelTransfer: 'Cancel transfer',
  merge: 'Merge calls',
  inConference: 'In conference',
  transferRecent: 'Recent numbers',
  transferContacts: 'Contacts in Dynamics',
  transferSearchFailed: 'Could not search Dynamics for contacts.',
});


/**
 * Every text `<cif-dialer>` shows or announces. Replace any of them with the element's `strings` property
 * (a partial object merged over {@link DEFAULT_DIALER_STRINGS}). Entries that take a value are functions.
 */
export interface CifDialerStrings extends CifDialerCallListStrings {
  /** Visible label of the number field. */
  label: string;
  /** Placeholder of the number field (empty by default: the label says it). */
  placeholder: string;
  /** Accessible name of the backspace button (a long press clears the field). */
  backspace: string;
  /** Accessible name of the keypad group while not in a call. */
  keypad: string;
  /** Accessible name of the keypad group while it sends tones in a call. */
  dtmfKeypad: string;
  /** Text of the call button. */
  call: string;
  /** Heading of the recent-numbers list. */
  recent: string;
  /** Text of the button that clears the recent numbers. */
  clearRecent: string;
  /** Accessible name of that button. */
  clearRecentLabel: string;
  /** Label before the value that click-to-act put in the field. */
  fromClickToAct: string;
  /** Error: nothing entered. */
  errorEmpty: string;
  /** Error: too few digits. */
  errorTooShort: string;
  /** Error: too many digits. */
  errorTooLong: string;
  /** Error: a national number and no usable default country. */
  errorNoCountry: string;
  /** Error: `+` followed by a country calling code that does not exist. */
  errorUnknownCountry: string;
  /** Error: anything else. */
  errorInvalid: string;
  /** Error: the phone-number data is still loading. */
  errorLoading: string;
  /** Accessible name of the in-call region. */
  inCall: string;
  /** Shown instead of the number when the call has none. */
  unknownNumber: string;
  /** Call status texts. */
  statusDialing: string;
  statusRinging: string;
  statusConnected: string;
  statusHeld: string;
  statusEnded: string;
  /** Accessible name of the call timer. */
  duration: string;
  /** Accessible name of the tones sent so far. */
  dtmfSent: string;
  /** Text of the button that sends the rest of a post-dial sequence after a wait (`;`). */
  sendPostDial: (tones: string) => string;
  /** In-call control labels (toggle buttons keep their label; their state is `aria-pressed`). */
  mute: string;
  hold: string;
  keypadToggle: string;
  hangup: string;
  /** Live-region announcements. `who` is the contact name, else the formatted number. */
  announceDialing: (who: string) => string;
  announceRinging: (who: string) => string;
  announceConnected: (who: string) => string;
  announceHeld: (who: string) => string;
  announceResumed: (who: string) => string;
  announceEnded: (who: string) => string;
  /** Announced when click-to-act fills the field. */
  announceFilled: (number: string) => string;
}

/** The English defaults of {@link CifDialerStrings}. */
export const DEFAULT_DIALER_STRINGS: Readonly<CifDialerStrings> = Object.freeze<CifDialerStrings>({
  ...DEFAULT_CALL_LIST_STRINGS,
  label: 'Phone number',
  placeholder: '',
  backspace: 'Delete last digit',
  keypad: 'Keypad',
  dtmfKeypad: 'Keypad (sends tones)',
  call: 'Call',
  recent: 'Recent numbers',
  clearRecent: 'Clear',
  clearRecentLabel: 'Clear recent numbers',
  fromClickToAct: 'From Dynamics:',
  errorEmpty: 'Enter a phone number.',
  errorTooShort: 'This number is too short.',
  errorTooLong: 'This number is too long.',
  errorNoCountry: 'Add the country code, starting with +.',
  errorUnknownCountry: 'Check the country code.',
  errorInvalid: 'This is not a valid phone number.',
  errorLoading: 'Phone number data is still loading. Try again in a moment.',
  inCall: 'Current call',
  unknownNumber: 'Unknown number',
  statusDialing: 'Calling…',
  statusRinging: 'Ringing…',
  statusConnected: 'Connected',
  statusHeld: 'On hold',
  statusEnded: 'Call ended',
  duration: 'Call duration',
  dtmfSent: 'Tones sent',
  sendPostDial: (tones) => `Send ${tones}`,
  mute: 'Mute',
  hold: 'Hold',
  keypadToggle: 'Keypad',
  hangup: 'Hang up',
  announceDialing: (who) => `Calling ${who}`,
  announceRinging: (who) => `Ringing ${who}`,
  announceConnected: () => 'Connected',
  announceHeld: () => 'On hold',
  announceResumed: () => 'Call resumed',
  announceEnded: () => 'Call ended',
  announceFilled: (number) => `Number from Dynamics: ${number}`,
});

/** `<cif-dialer>`'s other locales, each loaded when first shown (only the one in use is downloaded). */
export const DIALER_LOCALE_PACKS: CifLocalePacks<CifDialerStrings> = {
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
