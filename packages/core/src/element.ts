import { LitElement, html } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CifClient } from '@cif-elements/client/api';
import { CifController, type CifEventHandlers } from './controller.js';
import { LocaleController } from './localize.js';
import type { CifLocalePacks } from './locale.js';
import { providerConnecting } from './provider-wait.js';

/** The `detail` type of a custom event declared in `HTMLElementEventMap`. */
export type CifEventDetail<K extends keyof HTMLElementEventMap> =
  HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Options of {@link CifElement.emit}: events bubble and cross shadow roots unless told otherwise. */
export interface CifEmitOptions {
  cancelable?: boolean;
  bubbles?: boolean;
  composed?: boolean;
}

/** An element class's strings: English built in, other locales loaded on demand. */
export interface CifLocalization<S extends object> {
  defaults: S;
  packs?: CifLocalePacks<S>;
}

/**
 * Registers `ctor` as `<tag>` unless the tag is taken. A second copy of cif-elements on one page (two
 * bundles, or the single file beside the npm build) then leaves the first copy's element in place, with a
 * warning if it is a different class, instead of throwing and breaking the page's script.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tag);
  if (!existing) customElements.define(tag, ctor);
  else if (existing !== ctor) {
    console.warn(`cif-elements: <${tag}> is already defined (another copy of cif-elements is on this page); that one is used.`);
  }
}

/** Class decorator: `@cifElement('cif-dialer')` = {@link defineElement} for the class. */
export const cifElement =
  (tag: string) =>
  (ctor: CustomElementConstructor): void =>
    defineElement(tag, ctor);

/**
 * The base of every cif-elements element: its language (`locale`, else its provider's, else English) and
 * replaceable `strings`, a typed `emit()`, and a live-region announcer. Elements that talk to Dynamics
 * extend {@link CifClientElement}.
 *
 * A subclass declares `static override localization = { defaults: DEFAULT_X_STRINGS, packs: X_PACKS }` and
 * reads its text from `this.s`.
 */
export class CifElement<S extends object = Record<string, never>> extends LitElement {
  /** English strings and the lazy packs of the other locales; set by each element class. */
  static localization: CifLocalization<object> = { defaults: {} };

  /**
   * The language of this element (BCP 47, e.g. `de`, `pt-BR`, `ar`), overriding its provider's. Locales
   * without a translation show English. With a locale of its own the element sets `lang` and `dir` on
   * itself (unless the page set them).
   */
  @property() locale: string | undefined;

  /** Text shown by the element; set a partial object to replace some of it (wins over every locale). */
  @property({ attribute: false }) strings: Partial<S> = {};

  /** Language plumbing: the resolved locale, its direction, its `Intl` tag, its strings. */
  protected readonly l10n: LocaleController<S> = new LocaleController<S>(this, {
    defaults: (this.constructor as typeof CifElement).localization.defaults as S,
    packs: (this.constructor as typeof CifElement).localization.packs as CifLocalePacks<S> | undefined,
    own: () => this.locale,
    fallback: () => this.fallbackLocale(),
    mark: () => this.marksLocale(),
  });

  @state() private announcement: { n: number; text: string | (() => string) } = { n: 0, text: '' };

  /** A locale to use before the provider's when the element has no `locale` (the provider: the Dynamics user's). */
  protected fallbackLocale(): string | undefined {
    return undefined;
  }

  /**
   * Whether the element carries its locale as `lang` and `dir` attributes: with a locale of its own (say `ar`
   * inside a German provider). English (also the fallback) leaves the page's direction alone.
   */
  protected marksLocale(): boolean {
    return !!this.locale && this.l10n.locale !== 'en';
  }

  /** The element's strings: English, then its locale's pack, then `strings`. */
  protected get s(): S {
    return this.l10n.strings(this.strings);
  }

  /** Settles once the element has rendered in its locale (the locale's strings loaded, if any). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    await this.l10n.ready;
    if (this.isUpdatePending) done = await super.getUpdateComplete();
    return done;
  }

  /**
   * Dispatches a `CustomEvent` declared in `HTMLElementEventMap` (bubbling and composed by default); the
   * detail is type-checked against the declaration. Returns `false` when a listener cancelled it.
   */
  protected emit<K extends keyof HTMLElementEventMap>(type: K, detail: CifEventDetail<K>, options: CifEmitOptions = {}): boolean {
    return this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, ...options, detail }));
  }

  /**
   * Says `text` through the element's live region (render it with {@link renderAnnouncer}); repeats are said
   * again. Pass a function (`() => this.s.saved`) to have the text made when it is rendered: then it is in the
   * element's language even if the locale's strings arrive after the call.
   */
  protected announce(text: string | (() => string)): void {
    this.announcement = { n: this.announcement.n + 1, text };
  }

  /** Whether updates wait for the locale's strings (see {@link scheduleUpdate}); off for a mere container. */
  protected holdsForStrings = true;

  /**
   * Holds an update while the locale's strings are loading (a few ms, once per locale), so the element does
   * not flash English first; it renders in English if they fail to load.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const pending = this.holdsForStrings ? this.l10n.loading : undefined;
    return pending ? pending.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** The visually hidden live region {@link announce} speaks through. */
  protected renderAnnouncer(politeness: 'polite' | 'assertive' = 'polite'): TemplateResult {
    const n = this.announcement.n;
    const text = typeof this.announcement.text === 'function' ? this.announcement.text() : this.announcement.text;
    // The same text twice in a row would not be read again: make every other one (not the first) differ invisibly.
    return html`<div class="visually-hidden" role=${politeness === 'assertive' ? 'alert' : 'status'} aria-live=${politeness} aria-atomic="true">${text && n % 2 === 0 ? `${text}\u00a0` : text}</div>`;
  }
}

/**
 * The base of the elements that use the CIF client: adds the `client` property (an injected client, else
 * the nearest `<cif-provider>`'s) over a {@link CifController}. Override {@link clientEvents} to listen to
 * client events while connected, and {@link clientChanged} to read state when a client arrives.
 *
 * Inside a `<cif-provider>` that is still connecting, the element's first render waits for the provider's
 * `cif-ready` or `cif-error`, at most 100 ms: a quick connection (the simulated host) shows the connected
 * widget at once instead of flashing its connecting state, and the page lays it out once; a slower one
 * shows the connecting state after 100 ms. An element with a client of its own, or outside any provider,
 * renders at once.
 */
export class CifClientElement<S extends object = Record<string, never>> extends CifElement<S> {
  /** The client plumbing. Created in the constructor: `clientEvents()` handlers must only use `this` lazily. */
  protected readonly cif: CifController = new CifController(this, {
    events: this.clientEvents(),
    onClient: (client) => this.clientChanged(client),
  });

  /** The CIF client to use instead of the one from the nearest `<cif-provider>` (dependency injection). */
  @property({ attribute: false })
  get client(): CifClient | undefined {
    return this.cif?.client;
  }
  set client(value: CifClient | undefined) {
    const old = this.cif.client;
    this.cif.setOverride(value);
    this.requestUpdate('client', old);
  }

  /** Client events the element listens to while connected (called once, from the constructor). */
  protected clientEvents(): CifEventHandlers {
    return {};
  }

  /** Called whenever the element gets a client (first one, a new one, or again after being re-attached). */
  protected clientChanged(_client: CifClient): void {}

  /** Holds the first render while the provider connects (see the class comment). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const connecting = this.hasUpdated || this.client ? undefined : providerConnecting(this);
    return connecting ? connecting.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }
}
