// Loads a built page in an iframe served by web-test-runner's dev server, for the bundle and embedding tests.
import { waitUntil } from '@open-wc/testing';

export interface LoadedPage {
  frame: HTMLIFrameElement;
  win: Window & typeof globalThis;
  doc: Document;
  /** Errors and unhandled rejections in the page after it loaded (module evaluation errors show as missing elements). */
  errors: string[];
}

const frames: HTMLIFrameElement[] = [];

/** Opens `url` in a new iframe and resolves once its `load` event fired (its module scripts have run). */
export async function loadPage(url: string): Promise<LoadedPage> {
  const frame = document.createElement('iframe');
  frame.title = url;
  frame.style.cssText = 'width: 480px; height: 900px; border: 0';
  frames.push(frame);
  const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  frame.src = url;
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as Window & typeof globalThis;
  const doc = frame.contentDocument!;
  const errors: string[] = [];
  win.addEventListener('error', (e) => errors.push(String(e.message)));
  win.addEventListener('unhandledrejection', (e) => errors.push(`unhandled rejection: ${String(e.reason)}`));
  return { frame, win, doc, errors };
}

/** Removes every frame opened by {@link loadPage}. */
export function closePages(): void {
  for (const f of frames.splice(0)) f.remove();
}

/** Waits (up to `timeout` ms) until `predicate` holds; fails with `message`. */
export function until(predicate: () => unknown, message: string, timeout = 3000): Promise<void> {
  return waitUntil(() => Boolean(predicate()), message, { timeout, interval: 20 });
}

/** The first element with `part` in `el`'s shadow root. */
export function part<T extends Element = HTMLElement>(el: Element, name: string): T | null {
  return el.shadowRoot?.querySelector<T>(`[part~="${name}"]`) ?? null;
}

/**
 * Paths of the scripts the page fetched (`/packages/elements/dist/cif-elements.js`, …), except the
 * web socket client that the test server itself injects into every HTML page it serves.
 */
export function scriptPaths(win: Window): string[] {
  return win.performance
    .getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname)
    .filter((p) => /\.(m?js|ts)$/.test(p) && !p.startsWith('/__web-dev-server'));
}

/** Digits of a string (`'+1 (425) 555-0100'` → `'14255550100'`). */
export const digits = (s: string | null | undefined): string => (s ?? '').replace(/\D/g, '');
