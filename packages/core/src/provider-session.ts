/**
 * What `<cif-provider>` does once its client is ready: reads the user's language, opens the
 * `default-session` (CIF 2.0) and applies `panel-mode` / `panel-width`. A module of its own, fetched
 * alongside the client (the single file puts both in one chunk), so the first paint does not parse it.
 * Reads and sets the provider's private state by element access (`p['defaultSessionId']`, type-checked).
 */
import { CifError, toCifError, type CifClient } from '@cif-elements/client/api';
import type { CifProvider } from './cif-provider.js';
import { lcidToLocale } from './lcid.js';

/** The home (default) session of a CIF 2.0 multisession app, as `getFocusedSession` reports it. */
const HOME_SESSION_ID = 'session-id-0';

/**
 * After `cif-ready`: follows the Dynamics 365 user's language (when `locale` is not set); an error leaves it
 * as it is. The LCID table comes in this module, with the client, not with the page.
 */
export async function readUserLocale(p: CifProvider, client: CifClient): Promise<void> {
  try {
    const env = await client.getEnvironment();
    if (client === p.client) p['userLocale'] = lcidToLocale(env?.userLcid);
  } catch {
    /* no environment: the provider's locale or English */
  }
}

/** After `cif-ready`: the default session first (the panel mode is then set in a session that accepts it), then the panel. */
export async function afterReady(p: CifProvider, client: CifClient): Promise<void> {
  await ensureDefaultSession(p);
  if (client === p.client && p.state === 'ready') await applyPanel(p, client);
}

/** See {@link CifProvider.ensureDefaultSession}. Never rejects. */
export async function ensureDefaultSession(p: CifProvider): Promise<string | undefined> {
  const client = p.client;
  const template = (p.defaultSession ?? '').trim();
  if (!client || !template || client.version < 2 || p.state !== 'ready') return undefined;
  if (!p['unsubscribeSessions']) {
    p['unsubscribeSessions'] = client.on('sessionclosed', ({ sessionId }) => {
      if (sessionId !== p['defaultSessionId']) return;
      p['defaultSessionId'] = undefined;
      // Closed by the agent: open it again so the widget stays reachable from the home session.
      void ensureDefaultSession(p);
    });
  }
  if (p['defaultSessionId']) return p['defaultSessionId'];
  p['creatingDefault'] ??= (async () => {
    try {
      const [focused, open] = await Promise.all([client.getFocusedSession(), client.getAllSessions()]);
      if (focused !== HOME_SESSION_ID || open.length > 0) return undefined;
      if (!(await client.canCreateSession())) {
        throw new CifError('limit-reached', 'createSession', `Dynamics cannot open the default session "${template}" now`);
      }
      const id = await client.createSession({ templateName: template });
      if (client !== p.client) return undefined;
      p['defaultSessionId'] = id;
      return id;
    } catch (e) {
      if (client === p.client) p['emit']('cif-error', toCifError(e, 'createSession'));
      return undefined;
    } finally {
      p['creatingDefault'] = undefined;
    }
  })();
  return p['creatingDefault'];
}

/** Sets the panel's mode and width from `panel-mode` / `panel-width`; a bad value or a refusal fires `cif-error`. */
export async function applyPanel(p: CifProvider, client: CifClient): Promise<void> {
  const mode = p.panelMode as unknown;
  const width = p.panelWidth as unknown;
  try {
    if (mode !== undefined && mode !== null) {
      if (mode !== 0 && mode !== 1 && mode !== 2) {
        throw new CifError('invalid-argument', 'setMode', `panel-mode="${p.getAttribute('panel-mode') ?? String(mode)}" is not a panel mode: use 0 (minimized), 1 (docked) or 2 (hidden).`);
      }
      await client.setMode(mode);
    }
    if (width !== undefined && width !== null) {
      if (typeof width !== 'number' || !Number.isFinite(width) || width < 0) {
        throw new CifError('invalid-argument', 'setWidth', `panel-width="${p.getAttribute('panel-width') ?? String(width)}" is not a width in pixels (a number ≥ 0).`);
      }
      await client.setWidth(width);
    }
  } catch (e) {
    p['emit']('cif-error', toCifError(e, 'init'));
  }
}
