/**
 * The entry of the single-file build `cif-elements.js`: the provider and the four elements, registered;
 * the client API's types, errors and constants (the client class and the CIF library loader come with
 * `<cif-provider>`'s connection, or `loadClient()`). What a page may not use comes in lazy chunks next to the file, fetched on first use:
 * the simulated host (`<cif-provider simulated>`), the phone-number library and the dialer's number functions
 * (`parseDialable`, `formatAsYouType`, `normalizeInput`: the first dialer, or `loadPhoneTools()`), and the
 * call flow (`<cif-call-flow>`, `<cif-incoming-call>`, `<cif-wrap-up>`: as soon as one of these tags is
 * in the document, or on `loadCallFlow()`, which also gives you `CallController`).
 *
 * The npm entry (`import 'cif-elements'`, src/index.ts) registers the call flow eagerly instead: there,
 * the application's bundler decides what ships.
 */
// The client API: its types, errors and constants here; the client class and the CIF library loader
// (which <cif-provider> loads when it connects) through loadClient().
export type * from '@cif-elements/client/api';
export { CIF_EVENT_NAMES, CIF_PRESENCE_EVENT_NAMES, CifError, toCifError, rejectionMessage, DEFAULT_PRESENCES } from '@cif-elements/client/api';
export type * from '@cif-elements/client/simulated';
// Core: what a page that writes HTML, styles the widget or extends an element needs. The locale tables
// (lcidToLocale), the pseudo-locales and the Intl helpers stay in the npm package '@cif-elements/core', so
// the single file carries only what its elements use.
export {
  CifProvider,
  DEFAULT_PROVIDER_STRINGS,
  CifElement,
  CifClientElement,
  CifController,
  LocaleController,
  defineElement,
  cifElement,
  cifClientContext,
  cifLocaleContext,
  ensureContextRoot,
  tokensCssText,
  tokenStyles,
  baseStyles,
  installTokens,
  CIF_LOCALES,
  matchLocale,
} from '@cif-elements/core';
export type * from '@cif-elements/core';
export * from '@cif-elements/click-to-act';
// The dialer's number functions come with the phone-number data, through loadPhoneTools(): before that data
// has arrived they could only answer 'loading'.
export { CifDialer, DIALER_LONG_PRESS_MS, DEFAULT_DIALER_STRINGS, DEFAULT_CALL_LIST_STRINGS, loadPhoneTools } from '@cif-elements/dialer';
export type * from '@cif-elements/dialer';
export * from '@cif-elements/presence';
export * from '@cif-elements/session-list';
export type * from '@cif-elements/calls';
export { loadCallFlow, CALL_FLOW_TAGS } from './call-flow-on-demand.js';
export type { CallFlowModule } from './call-flow-on-demand.js';
import { loadCallFlowWhenUsed } from './call-flow-on-demand.js';

/** The rest of the client API (`CifFrameworkClient`, `connectCif`, `loadCifLibrary`, …), loaded on demand. */
export function loadClient(): Promise<typeof import('./client-on-demand.js')> {
  return import('./client-on-demand.js');
}

loadCallFlowWhenUsed();
