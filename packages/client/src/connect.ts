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

/**
 * Loads the CIF library (unless it is already on the page) and resolves when `CIFInitDone` fires.
 * Rejects with `library-load-failed`, `init-timeout` or `no-library`.
 */
export function loadCifLibrary(options: ConnectCifOptions = {}): Promise<CifFrameworkApi> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const existing = window.Microsoft?.CIFramework;
  if (existing) return Promise.resolve(existing);
  const crmUrl = options.crmUrl || crmUrlFromLocation();
  return new Promise<CifFrameworkApi>((resolve, reject) => {
    let script = document.querySelector<HTMLScriptElement>('script[data-cifid="CIFMainLibrary"]');
    if (!script && !crmUrl) {
      reject(new CifError('no-library', 'init', 'No CIF library on the page and no crm-url to load it from'));
      return;
    }
    let src = '';
    if (!script) {
      try {
        src = libraryUrl(crmUrl!);
      } catch (e) {
        reject(e);
        return;
      }
    }
    const cleanup = () => {
      clearTimeout(timer);
      window.removeEventListener('CIFInitDone', onInit);
      script?.removeEventListener('error', onError);
      options.signal?.removeEventListener('abort', onAbort);
    };
    const onInit = () => {
      const fw = window.Microsoft?.CIFramework;
      cleanup();
      if (fw) resolve(fw);
      else reject(new CifError('no-library', 'init', 'CIFInitDone fired but Microsoft.CIFramework is missing'));
    };
    const onError = () => {
      cleanup();
      reject(new CifError('library-load-failed', 'init', `The CIF library could not be loaded from ${script?.src}`));
    };
    const onAbort = () => {
      cleanup();
      reject(new CifError('disposed', 'init', 'Connecting to CIF was aborted'));
    };
    const timer = setTimeout(() => {
      cleanup();
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
  return new CifFrameworkClient(fw, { version, kind: 'live', callTimeoutMs: options.callTimeoutMs });
}
