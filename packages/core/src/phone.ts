/**
 * Phone helpers shared by every cif-element (`@cif-elements/core/phone`): the one lazy loader of
 * libphonenumber-js, so a page downloads it once, in one chunk, when the first element needs it; and the rules the dialer and the call flow both apply (country codes, invisible characters,
 * which format to show). Each package keeps only its own parsing on top.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CountryCode, MetadataJson } from 'libphonenumber-js/core';

/** The library functions plus the metadata they take as their last argument. */
export type PhoneLib = Omit<typeof import('./phone-lib.js'), 'metadata'> & { metadata: MetadataJson };

// Nothing here imports phone-text.ts (stripInvisible, supportedCountry), so that it stays out of the single
// file's entry: only modules loaded with the library use it (the call flow through `phoneLib().stripInvisible`),
// and the library's chunk must import nothing from the entry (see LAZY_PHONE in tools/vite-lib.ts).

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

/** Whether the library has been asked for ({@link loadPhoneLib}) and has arrived. */
export function phoneLibStatus(): 'not-requested' | 'loading' | 'loaded' {
  return lib ? 'loaded' : loading ? 'loading' : 'not-requested';
}

/** The library, once {@link loadPhoneLib} has finished; `undefined` before. */
export function phoneLib(): PhoneLib | undefined {
  return lib;
}

/** What {@link PhoneLibController} needs of its element. */
type PhoneHost = ReactiveControllerHost & HTMLElement;

/** When {@link PhoneLibController} starts loading the library. */
export type PhoneLibLoadTime = 'connected' | 'idle';

/**
 * What {@link PhoneLibController} loads, when an element needs more than the library itself (the dialer: its
 * own number functions, loaded with it): `load` fetches it (safe to call many times; retried after a
 * failure), `loaded` tells whether it has arrived.
 */
export interface PhoneLoader {
  load(): Promise<unknown>;
  loaded(): boolean;
}

const LIBRARY: PhoneLoader = { load: loadPhoneLib, loaded: () => lib !== undefined };

/**
 * For elements that show or check phone numbers: loads the library, re-renders the element once it has
 * arrived, and lets the element's `updateComplete` wait for it (call {@link PhoneLibController.settle} from a
 * `getUpdateComplete` override), so a settled element has it.
 *
 * `when`: `'connected'` (default) starts loading when the element connects — for elements that show a
 * number as soon as they appear (an incoming call). `'idle'` waits until the element has rendered and the
 * page has painted it and is idle, until the agent reaches for the element (focus, pointer down in it), or
 * until the element calls {@link PhoneLibController.need} (a number arrives): a dialer that starts empty does
 * not make the page parse 150 KB of phone metadata before its first paint, even when that first render
 * waits for a connecting `<cif-provider>`.
 */
export class PhoneLibController implements ReactiveController {
  private readonly host: PhoneHost;
  private readonly onLoaded: () => void;
  private readonly when: PhoneLibLoadTime;
  private readonly loader: PhoneLoader;
  private requested = false;
  /** The element has rendered (at least once). */
  private rendered = false;
  /** `'idle'`, connected before the first render: wait for it. */
  private idleAfterRender = false;
  /** `'idle'`: cancels the pending frame or idle callback. */
  private cancelWait: (() => void) | undefined;

  /**
   * @param onLoaded what to do once the library has arrived (default: `host.requestUpdate()`).
   * @param loader what to load, if more than the library ({@link PhoneLoader}).
   */
  constructor(host: PhoneHost, onLoaded?: () => void, when: PhoneLibLoadTime = 'connected', loader: PhoneLoader = LIBRARY) {
    this.host = host;
    this.onLoaded = onLoaded ?? (() => host.requestUpdate());
    this.when = when;
    this.loader = loader;
    host.addController(this);
    // 'idle': the agent reaching for the element (focus, pointer) needs the library now
    if (when === 'idle') for (const type of ['focusin', 'pointerdown']) host.addEventListener(type, () => this.need());
  }

  hostConnected(): void {
    if (this.when === 'connected') return this.need();
    // 'idle': not before the element has rendered (its first render may wait for a connecting provider), so
    // that the page's first paint with it does not share the main thread, or the compiler's thread, with the
    // metadata's 150 KB.
    if (this.rendered) this.whenIdle();
    else this.idleAfterRender = true;
  }

  hostUpdated(): void {
    this.rendered = true;
    if (!this.idleAfterRender) return;
    this.idleAfterRender = false;
    this.whenIdle();
  }

  /** A removed element leaves no frame or idle callback behind: they would keep it alive until they ran. */
  hostDisconnected(): void {
    this.idleAfterRender = false;
    this.cancelWait?.();
    this.cancelWait = undefined;
  }

  /**
   * After the next frame (the one that paints what was rendered), once the page is idle; WebKit has no
   * requestIdleCallback. Nothing to wait for once the data is loaded or asked for.
   */
  private whenIdle(): void {
    if (this.loader.loaded() || this.requested || this.cancelWait) return;
    const later = (): void => {
      this.cancelWait = undefined;
      this.need();
    };
    const frame = requestAnimationFrame(() => {
      // both taken now: a page (or a test) may swap or remove them before the wait is cancelled
      const [ask, cancel] = [globalThis.requestIdleCallback, globalThis.cancelIdleCallback];
      if (typeof ask === 'function' && typeof cancel === 'function') {
        const idle = ask.call(globalThis, later, { timeout: 1000 });
        this.cancelWait = () => cancel.call(globalThis, idle);
      } else {
        const timer = setTimeout(later, 50);
        this.cancelWait = () => clearTimeout(timer);
      }
    });
    this.cancelWait = () => cancelAnimationFrame(frame);
  }

  /** Starts loading now (if it is not loaded or asked for yet): the element is about to need it. */
  need(): void {
    if (this.loader.loaded() || this.requested) return;
    this.requested = true;
    this.loader.load().then(this.onLoaded, (e: unknown) => {
      this.requested = false; // asked again on the next need
      console.warn(`<${this.host.localName}>: could not load phone-number data`, e);
    });
  }

  /** `return this.phone.settle(() => super.getUpdateComplete())` in the element's `getUpdateComplete`. */
  async settle(superComplete: () => Promise<boolean>): Promise<boolean> {
    let done = await superComplete();
    if (!this.loader.loaded() && this.host.isConnected) {
      await this.loader.load().catch(() => undefined);
      done = (await superComplete()) && done;
    }
    return done;
  }
}

/**
 * The ISO 3166-1 alpha-2 code for `code` (any case, trimmed) when libphonenumber-js supports that country,
 * else `undefined` (also before the library has loaded, see {@link loadPhoneLib}). Never throws.
 */
export function toCountryCode(code: unknown): CountryCode | undefined {
  return lib?.countryCode(code);
}

/** The formats of a parsed number that {@link displayFormat} chooses from. */
export interface PhoneFormats {
  /** ISO 3166-1 alpha-2 country of the number, when the numbering plan tells. */
  country?: string | undefined;
  /** National format: `(425) 555-0100`. */
  national: string;
  /** International format: `+1 425 555 0100`. */
  international: string;
}

/**
 * How every cif-element shows a number to the agent: national format when the number is in the agent's
 * `defaultCountry`, international otherwise (or without a supported default country).
 */
export function displayFormat(number: PhoneFormats, defaultCountry?: string | null): string {
  const home = toCountryCode(defaultCountry);
  return home && number.country === home ? number.national : number.international;
}
