/**
 * The one lazy loader of libphonenumber-js for every cif-element (`@cif-elements/core/phone`). The dialer
 * and the call flow keep their own pure phone functions, but fetch the library through here, so a page
 * downloads it once, in one chunk, when the first element that needs it is connected.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
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

/** What {@link PhoneLibController} needs of its element. */
type PhoneHost = ReactiveControllerHost & HTMLElement;

/**
 * For elements that show or check phone numbers: starts loading the library when the element connects,
 * re-renders it once the library has arrived, and lets the element's `updateComplete` wait for it (call
 * {@link PhoneLibController.settle} from a `getUpdateComplete` override), so a settled element has it.
 */
export class PhoneLibController implements ReactiveController {
  private readonly host: PhoneHost;
  private readonly onLoaded: () => void;

  /** @param onLoaded what to do once the library has arrived (default: `host.requestUpdate()`). */
  constructor(host: PhoneHost, onLoaded?: () => void) {
    this.host = host;
    this.onLoaded = onLoaded ?? (() => host.requestUpdate());
    host.addController(this);
  }

  hostConnected(): void {
    if (lib) return;
    loadPhoneLib().then(this.onLoaded, (e: unknown) =>
      console.warn(`<${this.host.localName}>: could not load phone-number data`, e),
    );
  }

  /** `return this.phone.settle(() => super.getUpdateComplete())` in the element's `getUpdateComplete`. */
  async settle(superComplete: () => Promise<boolean>): Promise<boolean> {
    let done = await superComplete();
    if (!lib && this.host.isConnected) {
      await loadPhoneLib().catch(() => undefined);
      done = (await superComplete()) && done;
    }
    return done;
  }
}
