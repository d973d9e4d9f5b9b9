import type { CifLocalePacks } from '@cif-elements/core';

/**
 * Every text `<cif-incoming-call>` shows or announces (see the `strings` property and the `locale`
 * attribute). Functions get raw values and, where a number is shown, the number already formatted in the
 * element's locale (`formatted`).
 */
export interface CifIncomingCallStrings {
  heading: string;
  accept: string;
  decline: string;
  unknownCaller: string;
  withheldNumber: string;
  lookingUp: string;
  lookupFailed: string;
  queue: string;
  reason: string;
  /** Several records own the number (`count` ≥ 2). */
  matches: (count: number, formatted: string) => string;
  /** The visible countdown. */
  countdown: (seconds: number, formatted: string) => string;
  /** The keyboard hint under the buttons; `accept`/`decline` are the real shortcuts (`Alt+A`, `Alt+D`). */
  shortcuts: (accept: string, decline: string) => string;
  /** Announced (assertive live region) when the alert opens; `queue` may be `''`. */
  announce: (who: string, queue: string) => string;
}

/** English text of `<cif-incoming-call>`. */
export const DEFAULT_INCOMING_CALL_STRINGS: Readonly<CifIncomingCallStrings> = Object.freeze({
  heading: 'Incoming call',
  accept: 'Accept',
  decline: 'Decline',
  unknownCaller: 'Unknown caller',
  withheldNumber: 'Number withheld',
  lookingUp: 'Looking up the caller…',
  lookupFailed: 'Could not search Dynamics for this number.',
  queue: 'Queue',
  reason: 'Reason',
  matches: (n: number, f: string = String(n)) => `${f} matching records`,
  countdown: (s: number, f: string = String(s)) => `Time-out in ${f} s`,
  shortcuts: (a: string, d: string) => `${a} accepts, ${d} declines.`,
  announce: (who: string, queue: string) => `Incoming call from ${who}${queue ? `, ${queue}` : ''}.`,
});

/** Every text `<cif-wrap-up>` shows (see the `strings` property and the `locale` attribute). */
export interface CifWrapUpStrings {
  /** Heading while the call goes on. */
  headingActive: string;
  /** Heading after the call. */
  heading: string;
  incoming: string;
  outgoing: string;
  unknownCaller: string;
  withheldNumber: string;
  /** Accessible name of the duration. */
  duration: string;
  regarding: string;
  lookingUp: string;
  lookupFailed: string;
  searchAgain: string;
  noMatch: string;
  createContact: string;
  openRecord: string;
  noRecord: string;
  notes: string;
  outcome: string;
  noOutcome: string;
  submit: string;
  /** Screen-reader hint of the notes; names the real shortcut (Ctrl+Enter). */
  submitHint: string;
  saving: string;
  saved: string;
  failedTitle: string;
  /** Under the error: the log is not lost. */
  failedKept: string;
  retry: string;
  /** "Retry now" is sending. */
  retrySending: string;
  /** "Retry now" wrote every log. */
  retrySent: string;
  /** "Retry now" failed (the error follows). */
  retryFailed: string;
  /** "Retry now" left logs to another tab. */
  retryWaiting: string;
  /** Storage refuses the logs. */
  storageUnavailable: string;
  /** Logs still waiting for Dynamics (`count` ≥ 1). */
  pending: (count: number, formatted: string) => string;
  /** Label of a record type (`contact`, `account`, `incident`, `lead`; others as given). */
  entityLabel: (entityName: string) => string;
  /**
   * Label of an outcome in the select. The value logged stays the outcome itself; the default outcomes
   * (`DEFAULT_CALL_OUTCOMES`) get translated labels, others show as given.
   */
  outcomeLabel: (outcome: string) => string;
}

/** A lookup that answers only from `map`'s own keys (never `constructor` & co.), else the key itself. */
export function labelsOf(map: Readonly<Record<string, string>>): (key: string) => string {
  return (key: string) => (typeof key === 'string' && Object.prototype.hasOwnProperty.call(map, key) ? map[key]! : String(key ?? ''));
}

/** English text of `<cif-wrap-up>`. */
export const DEFAULT_WRAP_UP_STRINGS: Readonly<CifWrapUpStrings> = Object.freeze({
  headingActive: 'Call notes',
  heading: 'Wrap-up',
  incoming: 'Incoming call',
  outgoing: 'Outgoing call',
  unknownCaller: 'Unknown caller',
  withheldNumber: 'Number withheld',
  duration: 'Duration',
  regarding: 'Regarding',
  lookingUp: 'Looking up the number in Dynamics…',
  lookupFailed: 'Could not search Dynamics for this number.',
  searchAgain: 'Search again',
  noMatch: 'No contact or account has this number.',
  createContact: 'Create contact',
  openRecord: 'Open in Dynamics',
  noRecord: 'None',
  notes: 'Notes',
  outcome: 'Outcome',
  noOutcome: '(none)',
  submit: 'Save call log',
  submitHint: 'Ctrl+Enter in the notes saves.',
  saving: 'Saving the call log…',
  saved: 'Call logged in Dynamics.',
  failedTitle: 'The call log could not be saved.',
  failedKept: 'It is kept and will be sent again.',
  retry: 'Retry now',
  retrySending: 'Sending the call logs…',
  retrySent: 'All call logs are in Dynamics.',
  retryFailed: 'Still not sent:',
  retryWaiting: 'Some call logs are being sent or wrapped up in another tab.',
  storageUnavailable: 'This browser cannot store call logs: they are kept only while this tab is open.',
  pending: (n: number, f: string = String(n)) =>
    n === 1 ? `${f} call log is waiting for Dynamics.` : `${f} call logs are waiting for Dynamics.`,
  entityLabel: labelsOf({ contact: 'Contact', account: 'Account', incident: 'Case', lead: 'Lead' }),
  outcomeLabel: (o: string) => String(o ?? ''),
});

/** The locale packs of `<cif-incoming-call>`, each loaded when first shown. */
export const INCOMING_CALL_LOCALE_PACKS: CifLocalePacks<CifIncomingCallStrings> = {
  de: () => import('./locales/de.js').then((m) => ({ default: m.incomingCall })),
  fr: () => import('./locales/fr.js').then((m) => ({ default: m.incomingCall })),
  es: () => import('./locales/es.js').then((m) => ({ default: m.incomingCall })),
  it: () => import('./locales/it.js').then((m) => ({ default: m.incomingCall })),
  'pt-BR': () => import('./locales/pt-BR.js').then((m) => ({ default: m.incomingCall })),
  nl: () => import('./locales/nl.js').then((m) => ({ default: m.incomingCall })),
  ja: () => import('./locales/ja.js').then((m) => ({ default: m.incomingCall })),
  'zh-Hans': () => import('./locales/zh-Hans.js').then((m) => ({ default: m.incomingCall })),
  ko: () => import('./locales/ko.js').then((m) => ({ default: m.incomingCall })),
  ar: () => import('./locales/ar.js').then((m) => ({ default: m.incomingCall })),
  he: () => import('./locales/he.js').then((m) => ({ default: m.incomingCall })),
};

/** The locale packs of `<cif-wrap-up>`, each loaded when first shown. */
export const WRAP_UP_LOCALE_PACKS: CifLocalePacks<CifWrapUpStrings> = {
  de: () => import('./locales/de.js').then((m) => ({ default: m.wrapUp })),
  fr: () => import('./locales/fr.js').then((m) => ({ default: m.wrapUp })),
  es: () => import('./locales/es.js').then((m) => ({ default: m.wrapUp })),
  it: () => import('./locales/it.js').then((m) => ({ default: m.wrapUp })),
  'pt-BR': () => import('./locales/pt-BR.js').then((m) => ({ default: m.wrapUp })),
  nl: () => import('./locales/nl.js').then((m) => ({ default: m.wrapUp })),
  ja: () => import('./locales/ja.js').then((m) => ({ default: m.wrapUp })),
  'zh-Hans': () => import('./locales/zh-Hans.js').then((m) => ({ default: m.wrapUp })),
  ko: () => import('./locales/ko.js').then((m) => ({ default: m.wrapUp })),
  ar: () => import('./locales/ar.js').then((m) => ({ default: m.wrapUp })),
  he: () => import('./locales/he.js').then((m) => ({ default: m.wrapUp })),
};
