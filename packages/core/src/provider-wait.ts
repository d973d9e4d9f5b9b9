/**
 * How an element finds the `<cif-provider>` it sits in, and waits a moment for it to connect before its first
 * render (see `CifClientElement`).
 */

/** The nearest `<cif-provider>` around `el`, through shadow roots too (upgraded or not). */
export function closestProvider(el: Element): Element | undefined {
  for (let n = el.parentNode; n; n = n instanceof ShadowRoot ? n.host : n.parentNode) {
    if ((n as Element).localName === 'cif-provider') return n as Element;
  }
  return undefined;
}

/**
 * Longest wait, in milliseconds, of an element's first render for its connecting provider: a connection this
 * quick shows the connected widget at once, instead of the connecting state for a frame or two first.
 */
export const FIRST_RENDER_WAIT_MS = 100;

/** One wait per connecting provider, shared by the elements inside it. */
const waits = new WeakMap<Element, Promise<void>>();

/**
 * While the provider around `el` is connecting (or not yet upgraded): a promise that settles on its `cif-ready`
 * or `cif-error`, or after {@link FIRST_RENDER_WAIT_MS}. `undefined` outside a provider, or once it is ready or
 * has failed. Never rejects.
 */
export function providerConnecting(el: Element): Promise<void> | undefined {
  const provider = closestProvider(el);
  const state = (provider as (Element & { state?: string }) | undefined)?.state;
  if (!provider || (state !== undefined && state !== 'connecting')) return undefined;
  let wait = waits.get(provider);
  if (!wait) {
    wait = new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        provider.removeEventListener('cif-ready', done);
        provider.removeEventListener('cif-error', done);
        waits.delete(provider);
        resolve();
      };
      const timer = setTimeout(done, FIRST_RENDER_WAIT_MS);
      provider.addEventListener('cif-ready', done);
      provider.addEventListener('cif-error', done);
    });
    waits.set(provider, wait);
  }
  return wait;
}
