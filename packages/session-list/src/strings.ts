import type { CifLocalePacks } from '@cif-elements/core';
import { formatSessionAge } from './age.js';

/** Replaceable text of `<cif-session-list>` (see its `strings` property and `locale` attribute). */
export interface CifSessionListStrings {
  /** Accessible name of the listbox. */
  label: string;
  /** Shown while the sessions are read. */
  loading: string;
  /** Shown when the provider has no session. */
  empty: string;
  /** Shown when there is no client (no provider, or still connecting). */
  notConnected: string;
  /** Shown on CIF 1.0, which has no sessions. */
  unsupported: string;
  /** Heading of the error shown when the sessions could not be read. */
  loadError: string;
  /** Heading of the error shown when switching to a session failed. */
  focusError: string;
  /** Retry button after a load error. */
  retry: string;
  /** Title of a session that has neither a title nor a customer name. */
  untitled: string;
  /** Display labels of channels, by lower-case channel name. Unknown channels show their own text. */
  channels: Record<string, string>;
  /** Formats the time since a session started (milliseconds ≥ 0), e.g. `"3 min"`, `"1 h 5 min"`. */
  formatAge: (ms: number) => string;
  /** Joins the parts of a session's accessible name (read by screen readers, not shown). */
  separator: string;
  /**
   * Accessible phrase for the age shown (not shown), e.g. `"started 3 min ago"`: `age` is the shown age
   * (`formatAge`), `relative` the same time as `Intl.RelativeTimeFormat` says it in the locale
   * (`"3 minutes ago"`, `"vor 3 Minuten"`).
   */
  ageLabel: (age: string, relative: string) => string;
  /** Accessible phrase for the unread badge, e.g. `"2 unread"` (not shown). */
  unreadLabel: (count: number) => string;
  /** Announced (politely) when a session was created. */
  created: (title: string) => string;
  /** Announced (politely) when a session was closed. */
  closed: (title: string) => string;
}

/** English text of `<cif-session-list>`. */
export const DEFAULT_SESSION_LIST_STRINGS: Readonly<CifSessionListStrings> = Object.freeze({
  label: 'Sessions',
  loading: 'Loading sessions…',
  empty: 'No sessions. Sessions you start appear here.',
  notConnected: 'Not connected to Dynamics 365.',
  unsupported: 'Sessions need a multisession app (CIF 2.0). This app uses CIF 1.0, which has no sessions.',
  loadError: 'Could not load the sessions.',
  focusError: 'Could not switch to the session.',
  retry: 'Retry',
  untitled: 'Untitled session',
  channels: Object.freeze({
    voice: 'Voice',
    phone: 'Phone',
    chat: 'Chat',
    sms: 'SMS',
    email: 'Email',
    video: 'Video',
  }) as Record<string, string>,
  formatAge: formatSessionAge,
  separator: ', ',
  ageLabel: (age: string) => `started ${age} ago`,
  unreadLabel: (count: number) => `${count} unread`,
  created: (title: string) => `New session: ${title}`,
  closed: (title: string) => `Session closed: ${title}`,
});

/**
 * English text of `<cif-session-list>`.
 * @deprecated Use `DEFAULT_SESSION_LIST_STRINGS`.
 */
export const defaultSessionListStrings: Readonly<CifSessionListStrings> = DEFAULT_SESSION_LIST_STRINGS;

/** `<cif-session-list>`'s other locales, each loaded when first shown. */
export const SESSION_LIST_LOCALE_PACKS: CifLocalePacks<CifSessionListStrings> = {
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
