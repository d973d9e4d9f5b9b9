// Size benchmark entry: exactly the scope — the four elements, the provider and the client
// (with lit), registered as a provider page would load them.
export * from '@cif-elements/core';
export * from '@cif-elements/click-to-act';
export * from '@cif-elements/dialer';
export * from '@cif-elements/presence';
export * from '@cif-elements/session-list';
