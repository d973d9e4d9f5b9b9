// A held-back loader for an element's lazy part (LazyPart), and a frame wait, shared by the packages' lazy-part tests.
import { lazyModule, type PartLoader } from '@cif-elements/core';

/** A part loader the test settles by hand, counting the imports it starts. */
export interface HeldLoader<M> {
  readonly loader: PartLoader<M>;
  /** Imports started so far (a failed one is retried by the next load). */
  readonly imports: number;
  /** Lets the pending import arrive (the real module, from `load`). */
  resolve(): void;
  /** Fails the pending import. */
  reject(error: Error): void;
}

/** `heldLoader(() => import('../src/menu.js'))`: the module arrives only when the test calls `resolve()`. */
export function heldLoader<M>(load: () => Promise<M>): HeldLoader<M> {
  let resolve = (): void => {};
  let reject = (_: Error): void => {};
  let imports = 0;
  const loader = lazyModule(() => {
    imports++;
    return new Promise<M>((res, rej) => {
      resolve = () => void load().then(res);
      reject = rej;
    });
  });
  return {
    loader,
    get imports() {
      return imports;
    },
    resolve: () => resolve(),
    reject: (e) => reject(e),
  };
}

/** Waits for `n` animation frames (a late part's render and styles have been painted). */
export async function frames(n = 2): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
}
