import { CifFrameworkClient } from './client.js';
import { CifError } from './errors.js';
import type { CifFrameworkApi } from './framework.js';
import type { CifClient, CifVersion } from './types.js';

/** Options of {@link connectCif}. */
export interface ConnectCifOptions {
  /**
   * The Dynamics org URL, e.g. `https://contoso.crm.dynamics.com`. The library is loaded from
   * `<crmUrl>/webresources/Widget/msdyn_ciLibrary.js`. Defaults to the widget URL's `ucilib` or `base`
   * query parameter. Not needed when `Microsoft.CIFramework` is already on the page.
   */
  crmUrl?: string;
  /** How long to wait for `CIFInitDone`, in ms. Default 10 000. */
  timeoutMs?: number;
  /** Force the CIF version instead of detecting it with `isConsoleApp()`. */
  version?: CifVersion;
  /** Per-call guard, see {@link CifFrameworkClientOptions.callTimeoutMs}. */
  callTimeoutMs?: number;
  /** Guard of calls that wait for the agent, see {@link CifFrameworkClientOptions.agentCallTimeoutMs}. */
  agentCallTimeoutMs?: number;
  /** Abort waiting (e.g. the provider element was removed). */
  signal?: AbortSignal;
}

/** Path of the CIF library under an org URL. */
export const CIF_LIBRARY_PATH = 'webresources/Widget/msdyn_ciLibrary.js';

/** Finds the org URL from the widget's own URL (`ucilib` or `base` parameter), as CIF's landing URL carries it. */
export function crmUrlFromLocation(href: string = globalThis.location?.href ?? ''): string | undefined {
  try {
    const q = new URL(href).searchParams;
    const ucilib = q.get('ucilib');
    if (ucilib) return new URL(ucilib).origin;
    const base = q.get('base');
    if (base) return new URL(base).origin;
  } catch {
    /* not a URL */
  }
  return undefined;
}

function libraryUrl(crmUrl: string): string {
  let base: URL;
  try {
    base = new URL(crmUrl.endsWith('/') ? crmUrl : `${crmUrl}/`);
  } catch (e) {
    throw new CifError('invalid-argument', 'init', `crm-url "${crmUrl}" is not a URL`, e);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new CifError('invalid-argument', 'init', `crm-url "${crmUrl}" must be an http(s) URL`);
  }
  return new URL(CIF_LIBRARY_PATH, base).href;
}

/** What `loadCifLibrary` knows about a library `<script>` it injected. */
interface InjectedLibrary {
  /** The library URL. */
  src: string;
  state: 'loading' | 'loaded' | 'failed';
}

/** Library scripts this module injected (a page's own `<script data-cifid>` is never in here). */
const injected = new WeakMap<HTMLScriptElement, InjectedLibrary>();
/** The `Microsoft.CIFramework` this module loaded, and from which URL. */
let loaded: { src: string; fw: CifFrameworkApi } | undefined;

/**
 * Loads the CIF library (unless it is already on the page) and resolves when `CIFInitDone` fires.
 * Rejects with `library-load-failed`, `init-timeout` or `no-library`.
 *
 * Recovery: a library script this function injected is never reused once it failed to load or ran without
 * `CIFInitDone`: the next call removes it and injects a fresh one. A call with a `crmUrl` other than the one
 * the loaded library came from injects the library of the new org. A `<script data-cifid>` that the page
 * itself carries, and a `Microsoft.CIFramework` the page defined, are used as they are.
 */
export function loadCifLibrary(options: ConnectCifOptions = {}): Promise<CifFrameworkApi> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const existing = window.Microsoft?.CIFramework;
  const loadedFrom = existing && loaded?.fw === existing ? loaded.src : undefined;
  // A library the page put there itself is used as is.
  if (existing && !loadedFrom) return Promise.resolve(existing);
  const crmUrl = options.crmUrl || crmUrlFromLocation();
  let src = '';
  if (crmUrl) {
    try {
      src = libraryUrl(crmUrl);
    } catch (e) {
      return Promise.reject(e);
    }
  }
  // The library we loaded is reused unless the org changed.
  if (existing && (!src || loadedFrom === src)) return Promise.resolve(existing);
  return new Promise<CifFrameworkApi>((resolve, reject) => {
    let script = document.querySelector<HTMLScriptElement>('script[data-cifid="CIFMainLibrary"]');
    const mine = script ? injected.get(script) : undefined;
    if (script && (mine ? mine.state !== 'loading' || (!!src && mine.src !== src) : !!existing)) {
      // Our failed or finished script (or a page script whose library we are replacing): start afresh.
      script.remove();
      script = null;
    }
    if (!script && !src) {
      reject(new CifError('no-library', 'init', 'No CIF library on the page and no crm-url to load it from'));
      return;
    }
    const cleanup = () => {
      clearTimeout(timer);
      window.removeEventListener('CIFInitDone', onInit);
      script?.removeEventListener('error', onError);
      options.signal?.removeEventListener('abort', onAbort);
    };
    const settle = (state: InjectedLibrary['state']) => {
      const record = script ? injected.get(script) : undefined;
      if (record && record.state === 'loading') record.state = state;
    };
    const onInit = () => {
      const fw = window.Microsoft?.CIFramework;
      cleanup();
      settle('loaded');
      if (fw && script && injected.has(script)) loaded = { src: injected.get(script)!.src, fw };
      if (fw) resolve(fw);
      else reject(new CifError('no-library', 'init', 'CIFInitDone fired but Microsoft.CIFramework is missing'));
    };
    const onError = () => {
      cleanup();
      settle('failed');
      const from = script?.src;
      if (script && injected.has(script)) script.remove();
      reject(new CifError('library-load-failed', 'init', `The CIF library could not be loaded from ${from}`));
    };
    const onAbort = () => {
      cleanup();
      reject(new CifError('disposed', 'init', 'Connecting to CIF was aborted'));
    };
    const timer = setTimeout(() => {
      cleanup();
      // The script ran (or never loaded) without CIFInitDone: never wait for it again.
      settle('failed');
      reject(
        new CifError(
          'init-timeout',
          'init',
          `CIF did not initialise within ${timeoutMs} ms (no CIFInitDone). Is this page opened by Dynamics as a channel provider?`,
        ),
      );
    }, timeoutMs);
    // Listen before the script runs: CIF dispatches CIFInitDone one macrotask after evaluating.
    window.addEventListener('CIFInitDone', onInit);
    options.signal?.addEventListener('abort', onAbort);
    if (!script) {
      script = document.createElement('script');
      script.dataset.cifid = 'CIFMainLibrary';
      script.dataset.crmurl = new URL(src).origin;
      script.src = src;
      injected.set(script, { src, state: 'loading' });
      script.addEventListener('error', onError);
      document.head.append(script);
    } else {
      script.addEventListener('error', onError);
    }
  });
}

/** Detects the CIF version: 2 in multisession apps (`isConsoleApp()` true), else 1. */
export async function detectCifVersion(fw: CifFrameworkApi, timeoutMs = 3000): Promise<CifVersion> {
  if (typeof fw.isConsoleApp !== 'function') return 1;
  try {
    const answer = await Promise.race([
      fw.isConsoleApp(),
      new Promise((resolve) => setTimeout(() => resolve(false), timeoutMs)),
    ]);
    return answer === true || answer === 'true' ? 2 : 1;
  } catch {
    return 1;
  }
}

/**
 * Connects to the real Dynamics 365 CIF: loads the library, waits for `CIFInitDone`, detects the version
 * and returns a typed {@link CifClient}.
 */
export async function connectCif(options: ConnectCifOptions = {}): Promise<CifClient> {
  const fw = await loadCifLibrary(options);
  const version = options.version ?? (await detectCifVersion(fw));
  return new CifFrameworkClient(fw, {
    version,
    kind: 'live',
    callTimeoutMs: options.callTimeoutMs,
    agentCallTimeoutMs: options.agentCallTimeoutMs,
  });
}
