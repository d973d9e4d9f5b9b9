// Shared helpers of the catalog: a story loader that makes a simulated Dynamics host (with failures
// injected before any element reads from it, so error states show on load) and hands it to render and
// play, demo sessions, and small waiting helpers for play functions.
import { SESSION_META_KEY, SimulatedCifHost, createSimulatedClient } from '@cif-elements/client';
import type { CifApiName, CifClient, SimulatedCifHostOptions, SimulatedFailure } from '@cif-elements/client';
import type { Loader } from '@storybook/web-components-vite';

/** Options of {@link simulated}: the host's own options plus failures to inject at once. */
export interface SimulatedStoryOptions extends SimulatedCifHostOptions {
  /** Failures injected before the client exists, so the element's first read already fails. */
  fail?: Partial<Record<CifApiName, SimulatedFailure>>;
}

/** A simulated Dynamics host and a typed client over it. */
export interface SimulatedPair {
  host: SimulatedCifHost;
  client: CifClient;
}

/** A new simulated host (failures injected) and a client over it. */
export function simulated(options: SimulatedStoryOptions = {}): SimulatedPair {
  const { fail, ...hostOptions } = options;
  const host = new SimulatedCifHost(hostOptions);
  for (const [method, failure] of Object.entries(fail ?? {})) host.fail(method as CifApiName, failure);
  return { host, client: createSimulatedClient(host) };
}

/**
 * A story loader that makes a simulated host (failures injected, then `setup` run, e.g. to seed sessions)
 * and hands it to `render` and `play` as `context.loaded.cif`. Loaders run once per story: changing a
 * control re-renders the story on the same host.
 */
export function withSimulatedHost(
  options: SimulatedStoryOptions = {},
  setup?: (pair: SimulatedPair) => Promise<unknown> | void,
): Loader {
  return async () => {
    const pair = simulated(options);
    await setup?.(pair);
    return { cif: pair };
  };
}

/** The host and client made by {@link withSimulatedHost}. */
export function loadedCif(context: { loaded?: Record<string, unknown> }): SimulatedPair {
  const pair = context.loaded?.cif as SimulatedPair | undefined;
  if (!pair) throw new Error('This story needs the withSimulatedHost() loader');
  return pair;
}

/** Resolves once `predicate` holds (checked every frame), or rejects after `timeoutMs`. */
export async function until(predicate: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/** Finds `selector` in `root` or throws (play functions fail loudly, not with a null). */
export function find<E extends Element = HTMLElement>(root: ParentNode, selector: string): E {
  const el = root.querySelector<E>(selector);
  if (!el) throw new Error(`No ${selector} in the story`);
  return el;
}

/** A session to seed on a simulated host (see {@link seedSessions}). */
export interface StorySession {
  customerName: string;
  title?: string;
  channel?: string;
  /** Minutes since the session started. */
  startedMinutesAgo?: number;
  /** New-activity count. */
  unread?: number;
}

/**
 * Creates sessions on a simulated CIF 2.0 host, as a channel provider would have created them through
 * cif-elements' client (title, customer, channel and start time travel in the session context), then
 * focuses `focus` (an index into `sessions`; default: the last one, as Dynamics focuses a new session).
 * Resolves the session ids.
 */
export async function seedSessions(
  pair: SimulatedPair,
  sessions: readonly StorySession[],
  focus = sessions.length - 1,
): Promise<string[]> {
  const now = Date.now();
  const ids: string[] = [];
  for (const s of sessions) {
    const own = {
      title: s.title ?? s.customerName,
      customerName: s.customerName,
      channel: s.channel,
      startedAt: now - (s.startedMinutesAgo ?? 0) * 60_000,
    };
    const id = (await pair.host.framework.createSession({
      templateName: 'msdyn_story_session',
      customerName: s.customerName,
      context: { [SESSION_META_KEY]: own },
    })) as string;
    ids.push(id);
  }
  for (const [i, s] of sessions.entries()) {
    if (s.unread) await pair.client.notifyNewActivity(ids[i]!, s.unread);
  }
  if (ids[focus]) pair.host.userSwitchesSession(ids[focus]!);
  return ids;
}

/** Sessions of the catalog: three channels, different ages, one with unread activity. */
export const DEMO_SESSIONS: readonly StorySession[] = [
  { customerName: 'Ada Lovelace', title: 'Call from Ada Lovelace', channel: 'voice', startedMinutesAgo: 3 },
  { customerName: 'Grace Hopper', title: 'Billing chat', channel: 'chat', startedMinutesAgo: 65, unread: 2 },
  { customerName: 'Alan Turing', title: 'Email: refund request', channel: 'email', startedMinutesAgo: 0 },
];
