import { ContextRoot, createContext } from '@lit/context';
import type { CifClient } from '@cif-elements/client/api';

/**
 * The context through which `<cif-provider>` hands its {@link CifClient} to every cif-elements element.
 * The key is a registered symbol so that two copies of this module (two bundles on one page) still match.
 * The value is long-lived: state changes travel as client events, never as new context values.
 */
export const cifClientContext = createContext<CifClient | undefined>(Symbol.for('cif-elements/client'));

const ROOT_FLAG = Symbol.for('cif-elements/context-root');

/**
 * Attaches one `ContextRoot` to the document (idempotent). It buffers subscribing context requests from
 * consumers that upgraded before their provider was defined, and replays them once the provider appears,
 * so script order does not matter.
 */
export function ensureContextRoot(): void {
  if (typeof document === 'undefined') return;
  const g = globalThis as unknown as Record<symbol, boolean>;
  if (g[ROOT_FLAG]) return;
  g[ROOT_FLAG] = true;
  new ContextRoot().attach(document.documentElement);
}

ensureContextRoot();

/**
 * The locale `<cif-provider>` resolved (its `locale` attribute, else the Dynamics 365 user's language, else
 * English), handed to every element below it; an element's own `locale` wins. A registered-symbol key, like
 * the client's.
 */
export const cifLocaleContext = createContext<string | undefined>(Symbol.for('cif-elements/locale'));
