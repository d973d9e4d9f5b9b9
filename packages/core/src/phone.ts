/**
 * The one lazy loader of libphonenumber-js for every cif-element (`@cif-elements/core/phone`). The dialer
 * and the call flow keep their own pure phone functions, but fetch the library through here, so a page
 * downloads it once, in one chunk, when the first element that needs it is connected.
 */
import type { MetadataJson } from 'libphonenumber-js/core';

/** The library functions plus the metadata they take as their last argument. */
export type PhoneLib = Omit<typeof import('./phone-lib.js'), 'metadata'> & { metadata: MetadataJson };

let lib: PhoneLib | undefined;
let loading: Promise<PhoneLib> | undefined;

/** Loads libphonenumber-js and its `min` metadata once. Safe to call many times; retried after a failure. */
export function loadPhoneLib(): Promise<PhoneLib> {
  loading ??= import('./phone-lib.js').then(
    (m) => (lib = m as unknown as PhoneLib),
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

/** The library, once {@link loadPhoneLib} has finished; `undefined` before. */
export function phoneLib(): PhoneLib | undefined {
  return lib;
}
