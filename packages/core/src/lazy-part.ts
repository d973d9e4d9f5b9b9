/**
 * A part of an element that its first paint does not need — the rows of a list that only a connected
 * client fills, a menu that opens on a click — kept in a module of its own so the page's first load does
 * not parse it. Elements import these from `@cif-elements/core`; the lazy module itself must not.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

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

/** When a {@link LazyPart} starts loading (see its constructor). */
export type LazyPartLoadTime = 'connected' | 'with-client';

/** Whether `el` is inside a `<cif-provider>` (through shadow roots too). */
export function insideProvider(el: Element): boolean {
  for (let n = el.parentNode; n; n = n instanceof ShadowRoot ? n.host : n.parentNode) {
    if ((n as Element).localName === 'cif-provider') return true;
  }
  return false;
}

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

  /**
   * @param when `'connected'` (default): on every connect. `'with-client'`: on connecting inside a
   *   `<cif-provider>` (its client is coming), otherwise only when the element calls {@link load} (when a
   *   client arrives) — a page without a provider, or one that copied only `cif-elements.js`, fetches nothing.
   */
  constructor(host: ReactiveControllerHost & HTMLElement, loader: PartLoader<M>, when: LazyPartLoadTime = 'connected') {
    this.host = host;
    this.loader = loader;
    this.when = when;
    host.addController(this);
  }

  /** The part's module, or `undefined` until it has arrived. */
  get value(): M | undefined {
    return this.loader.value;
  }

  hostConnected(): void {
    if (this.when === 'connected' || insideProvider(this.host)) void this.load();
  }

  /** Starts loading (once); resolves when the part is there or has failed. Never rejects. */
  load(): Promise<void> {
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
