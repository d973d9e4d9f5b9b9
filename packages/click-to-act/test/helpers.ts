import { waitUntil } from '@open-wc/testing';
import { CifFrameworkClient, type CifClient } from '@cif-elements/client';
import { createFakeCIFramework, type FakeCIFramework } from '@cif-elements/client/testing';
import type { CifClickToAct } from '../src/index.js';

/** A fake `Microsoft.CIFramework` and the real client over it. */
export function fakeClient(version: 1 | 2 = 2): { fake: FakeCIFramework; client: CifClient } {
  const fake = createFakeCIFramework({ version });
  return { fake, client: new CifFrameworkClient(fake, { version }) };
}

/** A promise with its resolve/reject exposed, to hold a CIF call in flight. */
export function deferred<T = unknown>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The element's shadow parts. */
export function parts(el: CifClickToAct) {
  const root = el.shadowRoot!;
  const q = <T extends Element = HTMLElement>(sel: string) => root.querySelector(sel) as T | null;
  return {
    root,
    switch: q<HTMLButtonElement>('[part="switch"]')!,
    track: q('[part="track"]')!,
    thumb: q('[part="thumb"]')!,
    label: q('[part="label"]')!,
    status: q('[part="status"]')!,
    description: q('[part="description"]')!,
    error: q('[part="error"]'),
    retry: q<HTMLButtonElement>('[part="retry"]'),
    last: q('[part="last"]'),
    lastValue: q('[part="last-value"]'),
    lastField: q('[part="last-field"]'),
    lastEntity: q('[part="last-entity"]'),
    lastEmpty: q('[part="last-empty"]'),
    live: q('[aria-live="polite"]')!,
  };
}

/** Waits until the element has read (or failed to read) the setting and rendered. */
export async function ready(el: CifClickToAct): Promise<void> {
  await waitUntil(() => el.state === 'ready', `state stayed ${el.state}`);
  await el.updateComplete;
}

/** Waits until a write (or read) is over and rendered. */
export async function idle(el: CifClickToAct): Promise<void> {
  await waitUntil(() => !el.busy, `still ${el.state}`);
  await el.updateComplete;
}
