import { waitUntil } from '@open-wc/testing';
import { CifFrameworkClient, SESSION_META_KEY } from '@cif-elements/client';
import type { CifClient } from '@cif-elements/client';
import { createFakeCIFramework } from '@cif-elements/client/testing';
import type { FakeCIFramework } from '@cif-elements/client/testing';
import type { CifSessionList } from '../src/index.js';

/** A session as the fake CIF library should describe it. */
export interface SeedSession {
  sessionId: string;
  title?: string;
  customerName?: string;
  channel?: string;
  startedAt?: number;
}

/** What getSession answers: a `Map`, as the real library resolves, with cif-elements' facts in the context. */
export function sessionMap(s: SeedSession, focused: boolean): Map<string, unknown> {
  const own: Record<string, unknown> = {};
  for (const k of ['title', 'customerName', 'channel', 'startedAt'] as const) if (s[k] !== undefined) own[k] = s[k];
  return new Map<string, unknown>([
    ['sessionId', s.sessionId],
    ['focused', focused],
    ['context', { provider: 'test', [SESSION_META_KEY]: own }],
    ['conversationId', ''],
  ]);
}

/**
 * A fake `Microsoft.CIFramework` that lists `sessions` (getAllSessions → ids, getSession → Map,
 * getFocusedSession → `focused`), wrapped in a real `CifFrameworkClient`.
 */
export function seeded(
  sessions: SeedSession[],
  focused: string | null = null,
  version: 1 | 2 = 2,
): { fake: FakeCIFramework; client: CifClient } {
  const fake = createFakeCIFramework({ version });
  const byId = new Map(sessions.map((s) => [s.sessionId, s]));
  fake.respond('getAllSessions', () => [...byId.keys()]);
  fake.respond('getFocusedSession', () => focused);
  fake.respond('getSession', (id: string) => {
    const s = byId.get(id);
    if (!s) return Promise.reject(new Map([['message', `Session ${id} does not exist`]]));
    return sessionMap(s, id === focused);
  });
  const client = new CifFrameworkClient(fake, { version });
  return { fake, client };
}

/** Three sessions with every field, the second one focused. */
export function threeSessions(now = Date.now()): SeedSession[] {
  return [
    { sessionId: 'seed-1', title: 'Call from Ana', customerName: 'Ana Silva', channel: 'voice', startedAt: now - 3 * 60_000 },
    { sessionId: 'seed-2', title: 'Billing chat', customerName: 'Bo Chen', channel: 'chat', startedAt: now - 65 * 60_000 },
    { sessionId: 'seed-3', title: 'Email: refund', customerName: 'Cy Dube', channel: 'email', startedAt: now - 30_000 },
  ];
}

/** Waits until the list finished loading (any state but loading/idle) and rendered. */
export async function loaded(el: CifSessionList): Promise<void> {
  await waitUntil(() => el.state !== 'loading' && el.state !== 'idle', 'the list did not load', { timeout: 3000 });
  await el.updateComplete;
}

/** The rendered options. */
export function options(el: CifSessionList): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
}

/** The rendered option of a session. */
export function option(el: CifSessionList, id: string): HTMLElement {
  const o = options(el).find((x) => x.dataset.id === id);
  if (!o) throw new Error(`no option for ${id}`);
  return o;
}

/** The part `name` inside `root`. */
export function part(root: ParentNode, name: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[part~="${name}"]`);
}

/** Id of the option that has DOM focus, if any. */
export function focusedOptionId(el: CifSessionList): string | undefined {
  return (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.id;
}

/** Ids of the options marked as the focused session. */
export function selectedIds(el: CifSessionList): string[] {
  return options(el)
    .filter((o) => o.getAttribute('aria-selected') === 'true')
    .map((o) => o.dataset.id!);
}

/**
 * An option's name from content, as accessible-name computation builds it: its text in DOM order, without
 * `aria-hidden` subtrees, whitespace collapsed.
 */
export function nameFromContent(node: Node): string {
  let out = '';
  const walk = (n: Node): void => {
    if (n.nodeType === Node.TEXT_NODE) out += n.textContent ?? '';
    else if (n instanceof Element && n.getAttribute('aria-hidden') !== 'true') n.childNodes.forEach(walk);
  };
  node.childNodes.forEach(walk);
  return out.replace(/\s+/g, ' ').trim();
}

/** The accessible names of the rendered options. */
export function optionNames(el: CifSessionList): string[] {
  return options(el).map(nameFromContent);
}
