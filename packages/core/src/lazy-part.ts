/**
 * A part of an element that its first paint does not need — the rows of a list that only a connected
 * client fills, a menu that opens on a click — kept in a module of its own so the page's first load does
 * not parse it. Elements import these from `@cif-elements/core`; the lazy module itself must not.
 */
import type { CSSResult, ReactiveController, ReactiveControllerHost } from 'lit';
import { closestProvider } from './provider-wait.js';

/** A module loader that runs once per page: the first call imports, later calls share it; a failure is retried. */
export interface PartLoader<M> {
  (): Promise<M>;
  /** The module once it has arrived (synchronous for every element after the first). */
  readonly value: M | undefined;
}

/** `lazyModule(() => import('./rows.js'))`: a {@link PartLoader} for one module. */
export function lazyModule<M>(load: () => Promise<M>): PartLoader<M> {
  let pending: Promise<M> | undefined;
  const loader = Object.assign(
    (): Promise<M> =>
      (pending ??= load().then(
        (m) => ((loader.value = m), m),
        (e: unknown) => {
          pending = undefined; // the next call tries again
          throw e;
        },
      )),
    { value: undefined as M | undefined },
  );
  return loader;
}

/** Styles that arrive after an element's first render (a lazy part's): a Lit `css` result or a constructed sheet. */
export type LateStyles = readonly (CSSResult | CSSStyleSheet)[];

/**
 * Adds `styles` after the ones `root` (an element's shadow root) already has: constructed sheets where the
 * browser takes them, else `<style>` elements. For a part's styles that arrive after the element rendered.
 */
export function addStyles(root: Node | null, styles: LateStyles): void {
  if (!(root instanceof ShadowRoot)) return;
  const sheets = styles.map((c) => (c instanceof CSSStyleSheet ? c : c.styleSheet));
  if (sheets.every((sheet): sheet is CSSStyleSheet => sheet !== undefined)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets];
  } else {
    for (const c of styles) {
      if (c instanceof CSSStyleSheet) continue;
      const style = document.createElement('style');
      style.textContent = c.cssText;
      root.appendChild(style);
    }
  }
}

/** When a {@link LazyPart} starts loading (see its constructor). */
export type LazyPartLoadTime = 'connected' | 'with-client';

/**
 * Loads a lazy part when its element connects — in parallel with the CIF client, which the part's content
 * waits for anyway, so it costs no extra round trip — and re-renders the element when it arrives. Render
 * `this.rows.value ? this.rows.value.render(…) : placeholder` (a field named `part` would shadow the
 * element's own `part` attribute property). Call {@link LazyPart.settle} from the element's
 * `getUpdateComplete` so a settled element shows the part. A part that fails to load sets
 * {@link LazyPart.failed} (the element shows what it can) and is tried again on the next connect.
 */
export class LazyPart<M> implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly loader: PartLoader<M>;
  private loading: Promise<void> | undefined;
  /** The part could not be loaded (the last attempt failed). */
  failed = false;

  private readonly when: LazyPartLoadTime;
  /** {@link load} was called: the element wants the part (a failed load is tried again on each connect). */
  private wanted = false;
  private readonly styles: ((part: M) => LateStyles) | undefined;
  private styled = false;

  /**
   * @param when `'connected'` (default): on every connect. `'with-client'`: on connecting inside a
   *   `<cif-provider>` (its client is coming), otherwise only once the element has called {@link load} (when a
   *   client arrives; then on every connect, like `'connected'`) — a page without a provider, or one that copied
   *   only `cif-elements.js`, fetches nothing.
   * @param styles The part's styles: added to the element's shadow root before its first render with the part.
   */
  constructor(
    host: ReactiveControllerHost & HTMLElement,
    loader: PartLoader<M>,
    when: LazyPartLoadTime = 'connected',
    styles?: (part: M) => LateStyles,
  ) {
    this.host = host;
    this.loader = loader;
    this.when = when;
    this.styles = styles;
    host.addController(this);
  }

  /** The part's module, or `undefined` until it has arrived. */
  get value(): M | undefined {
    return this.loader.value;
  }

  hostUpdate(): void {
    const part = this.loader.value;
    if (part && this.styles && !this.styled) {
      this.styled = true;
      addStyles(this.host.shadowRoot, this.styles(part));
    }
  }

  hostConnected(): void {
    if (this.when === 'connected' || this.wanted || closestProvider(this.host)) void this.load();
  }

  /** Starts loading (once); resolves when the part is there or has failed. Never rejects. */
  load(): Promise<void> {
    this.wanted = true;
    if (this.loader.value) return Promise.resolve();
    return (this.loading ??= this.loader().then(
      () => {
        this.loading = undefined;
        this.failed = false;
        this.host.requestUpdate();
      },
      (e: unknown) => {
        this.loading = undefined;
        this.failed = true;
        this.host.requestUpdate();
        console.warn(`<${this.host.localName}>: could not load a part of the element`, e);
      },
    ));
  }

  /** `return this.rows.settle(() => super.getUpdateComplete())` in the element's `getUpdateComplete`. */
  async settle(superComplete: () => Promise<boolean>): Promise<boolean> {
    let done = await superComplete();
    // While it loads (until the re-render it asks for is scheduled): wait for it, then for that render.
    if (this.loading) {
      await this.loading;
      done = (await superComplete()) && done;
    }
    return done;
  }
}
