import { lazyModule } from '@cif-elements/core';
import { loadPhoneLib } from '@cif-elements/core/phone';

/** The dialer's number functions and its field's editing helpers (`phone-tools.ts`). */
export type DialerPhoneTools = typeof import('./phone-tools.js');

/** What {@link loadPhoneTools} resolves with: the dialer's number functions, ready to use. */
export type PhoneTools = Pick<DialerPhoneTools, 'parseDialable' | 'formatAsYouType' | 'normalizeInput'>;

/** Fetches both once (retried after a failure); `.value` once they are here. */
const tools = lazyModule(() => Promise.all([import('./phone-tools.js'), loadPhoneLib()]).then(([m]) => m));

/**
 * Loads libphonenumber-js with its metadata and the dialer's number functions (one lazy chunk each, fetched
 * in parallel), once; resolves with `{ parseDialable, formatAsYouType, normalizeInput }`, which then answer
 * at once and never with `'loading'`. A `<cif-dialer>` calls it itself after the first paint, or as soon as
 * the agent reaches for it. Retried after a failure.
 *
 * ```js
 * const { parseDialable } = await loadPhoneTools();
 * parseDialable('(425) 555-0100', 'US'); // { ok: true, e164: '+14255550100', … }
 * ```
 */
export function loadPhoneTools(): Promise<PhoneTools> {
  return tools();
}

/** The functions once {@link loadPhoneTools} has finished, else `undefined`. @internal */
export function phoneTools(): DialerPhoneTools | undefined {
  return tools.value;
}
