/**
 * cif-elements: every element, registered. Import this module (or load the single-file bundle
 * `cif-elements.js` with one `<script type="module">`) and write HTML.
 *
 * `<cif-provider>` is registered first, so consumers upgrade inside an already-defined provider; a
 * `ContextRoot` covers every other load order.
 */
// The live client surface. The simulated host is left out of this entry on purpose: <cif-provider
// simulated> loads it on demand (provider.host gives you the instance); import
// '@cif-elements/client/simulated' for the class itself.
export * from '@cif-elements/client/api';
export type * from '@cif-elements/client/simulated';
export * from '@cif-elements/core';
export * from '@cif-elements/click-to-act';
export * from '@cif-elements/dialer';
export * from '@cif-elements/presence';
export * from '@cif-elements/session-list';
export * from '@cif-elements/calls';
