import { toCifError } from '@cif-elements/client/api';
import type { CifEventMap, CifSession } from '@cif-elements/client/api';

/**
 * The sessions `<cif-session-list>` shows, and how CIF's answers and events change them: normalising what
 * the client reports, merging partial updates, the one focused session, and merging events that arrive
 * while a load is in flight into its result. Pure data, no DOM: the element renders it.
 */

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** `base` with every field `update` defines: an update that lacks a field does not erase it. */
export function mergeSession(base: CifSession | undefined, update: CifSession): CifSession {
  if (!base) return update;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(update)) if (v !== undefined) out[k] = v;
  return out as unknown as CifSession;
}

/** Copies a session from the client, keeping only well-typed fields; the copy is frozen. */
export function normalizeSession(s: CifSession, focused: boolean): CifSession {
  const out: CifSession = {
    sessionId: s.sessionId,
    focused,
    context: s.context && typeof s.context === 'object' ? s.context : {},
    unread: Number.isFinite(s.unread) && s.unread > 0 ? Math.floor(s.unread) : 0,
  };
  const title = str(s.title);
  const customerName = str(s.customerName);
  const channel = str(s.channel);
  const conversationId = str(s.conversationId);
  if (title !== undefined) out.title = title;
  if (customerName !== undefined) out.customerName = customerName;
  if (channel !== undefined) out.channel = channel;
  if (conversationId !== undefined) out.conversationId = conversationId;
  if (typeof s.startedAt === 'number' && Number.isFinite(s.startedAt)) out.startedAt = s.startedAt;
  return Object.freeze(out);
}

/** Events that arrived while a load was in flight, merged into its result. */
interface LoadDelta {
  /**
   * What is known per session, merged in arrival order from `getSession` answers and `sessioncreated` /
   * `sessionupdated` events (a later answer or event wins for every field it defines).
   */
  staged: Map<string, CifSession>;
  /** Sessions created during the load (kept even if the load's list misses them). */
  created: Set<string>;
  /** Sessions closed during the load (dropped even if the load's list has them). */
  closed: Set<string>;
  /** Whether a switch event set the focused session during the load. */
  focusSet: boolean;
  /** The first session whose own answer said `focused: true`. */
  flagged: string | undefined;
}

/** What a load read from CIF (see {@link SessionStore.finishLoad}). */
export interface SessionLoadResult {
  /** `getAllSessions`, in order (duplicates are dropped). */
  ids: readonly string[];
  /** `getFocusedSession` (`null` when it failed or there is none). */
  focused: string | null;
  /** `getSession` failures by id. */
  failures: ReadonlyMap<string, unknown>;
}

const NO_SESSIONS: readonly CifSession[] = Object.freeze([]);

/**
 * The list's sessions in order, by id. Every session object is frozen and replaced (never mutated) when it
 * changes, so a renderer can compare rows by identity.
 */
export class SessionStore {
  private readonly entries = new Map<string, CifSession>();
  private focused: string | null = null;
  private ordered: readonly CifSession[] = NO_SESSIONS;
  private stale = false;
  private delta: LoadDelta | undefined;

  /** The sessions in list order (a frozen snapshot, rebuilt only after a change). */
  get sessions(): readonly CifSession[] {
    if (this.stale) {
      this.ordered = Object.freeze([...this.entries.values()]);
      this.stale = false;
    }
    return this.ordered;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The id of the focused session (the one Dynamics shows), or `null`. */
  get focusedId(): string | null {
    return this.focused;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  get(id: string): CifSession | undefined {
    return this.entries.get(id);
  }

  /** Forgets every session (a new client) and any load in flight. */
  clear(): void {
    this.entries.clear();
    this.focused = null;
    this.delta = undefined;
    this.stale = true;
  }

  /** Starts recording the events that arrive during a load (a later {@link beginLoad} restarts it). */
  beginLoad(): void {
    this.delta = { staged: new Map(), created: new Set(), closed: new Set(), focusSet: false, flagged: undefined };
  }

  /** Stops recording: the load failed or was superseded. */
  abortLoad(): void {
    this.delta = undefined;
  }

  /** A `getSession` answer of the load in flight. */
  stageAnswer(id: string, answer: unknown): void {
    const d = this.delta;
    if (!d || !answer || typeof answer !== 'object') return;
    const a = answer as CifSession;
    if (a.focused === true) d.flagged ??= id;
    d.staged.set(id, mergeSession(d.staged.get(id), { ...a, sessionId: id }));
  }

  /**
   * Replaces the sessions with a load's result, merged with the events that arrived meanwhile: sessions
   * closed during the load are dropped, sessions created during it kept, and a switch during the load
   * wins over `getFocusedSession`. A session CIF lists but would not describe is kept by its id alone,
   * unless CIF said it does not exist.
   */
  finishLoad(result: SessionLoadResult): void {
    const delta = this.delta ?? { staged: new Map(), created: new Set(), closed: new Set(), focusSet: false, flagged: undefined };
    this.delta = undefined;
    const next = new Map<string, CifSession>();
    for (const id of new Set(result.ids)) {
      if (delta.closed.has(id)) continue;
      const s = delta.staged.get(id);
      if (!s && result.failures.has(id) && toCifError(result.failures.get(id), 'getSession').code === 'not-found') continue;
      next.set(id, normalizeSession(s ?? { sessionId: id, focused: false, context: {}, unread: 0 }, false));
    }
    for (const id of delta.created) {
      const s = delta.staged.get(id);
      if (s && !next.has(id)) next.set(id, normalizeSession(s, false));
    }
    let focus: string | null = delta.focusSet ? this.focused : result.focused;
    if (!delta.focusSet && (!focus || !next.has(focus)) && delta.flagged !== undefined) focus = delta.flagged;
    this.entries.clear();
    for (const [id, s] of next) this.entries.set(id, s);
    this.focused = null;
    this.setFocus(focus);
    this.stale = true;
  }

  /**
   * Moves the focused mark to `id` (or clears it); focusing a session clears its new-activity count (the
   * client does the same).
   */
  setFocus(id: string | null): void {
    const previous = this.focused;
    if (previous && previous !== id) {
      const old = this.entries.get(previous);
      if (old?.focused) this.entries.set(previous, Object.freeze({ ...old, focused: false }));
    }
    this.focused = id;
    if (id) {
      const s = this.entries.get(id);
      if (s && (!s.focused || s.unread)) this.entries.set(id, Object.freeze({ ...s, focused: true, unread: 0 }));
    }
    this.stale = true;
  }

  private upsert(s: CifSession): void {
    const merged = mergeSession(this.entries.get(s.sessionId), s);
    this.entries.set(s.sessionId, normalizeSession(merged, s.sessionId === this.focused));
    this.stale = true;
  }

  /** `sessioncreated`: adds (or updates) the session; returns it when it is new to the list. */
  created(s: CifSession): CifSession | undefined {
    if (!s || typeof s.sessionId !== 'string') return undefined;
    const d = this.delta;
    if (d) {
      d.created.add(s.sessionId);
      d.staged.set(s.sessionId, mergeSession(d.staged.get(s.sessionId), s));
      d.closed.delete(s.sessionId);
    }
    const isNew = !this.entries.has(s.sessionId);
    this.upsert(s);
    if (s.focused) this.switched({ sessionId: s.sessionId, focused: true, context: s.context });
    return isNew ? this.entries.get(s.sessionId) : undefined;
  }

  /** `sessionupdated`: merges into a known session (an unknown id adds no row); `true` if it changed the list. */
  updated(s: CifSession): boolean {
    if (!s || typeof s.sessionId !== 'string') return false;
    this.delta?.staged.set(s.sessionId, mergeSession(this.delta.staged.get(s.sessionId), s));
    if (!this.entries.has(s.sessionId)) return false;
    this.upsert(s);
    return true;
  }

  /**
   * `sessionswitched`: CIF raises two per switch (old: `focused: false`, new: `focused: true`), in no promised
   * order. Returns `true` if the focused session changed.
   */
  switched(p: CifEventMap['sessionswitched']): boolean {
    if (!p || typeof p.sessionId !== 'string') return false;
    if (this.delta) this.delta.focusSet = true;
    if (p.focused) {
      this.setFocus(p.sessionId);
      return true;
    }
    if (this.focused === p.sessionId) {
      this.setFocus(null);
      return true;
    }
    return false;
  }

  /**
   * `sessionclosed`: removes the session. Returns it with its neighbour (the next one, else the previous
   * one) when it was listed. `neighbour` is only looked up when asked for (no list copy per close).
   */
  closed(id: string, wantNeighbour = false): { session: CifSession; neighbour: CifSession | undefined } | undefined {
    if (typeof id !== 'string') return undefined;
    const d = this.delta;
    d?.closed.add(id);
    d?.staged.delete(id);
    d?.created.delete(id);
    const session = this.entries.get(id);
    if (!session) return undefined;
    let neighbour: CifSession | undefined;
    if (wantNeighbour) {
      const list = this.sessions;
      const index = list.indexOf(session);
      neighbour = list[index + 1] ?? list[index - 1];
    }
    this.entries.delete(id);
    if (this.focused === id) this.focused = null;
    this.stale = true;
    return { session, neighbour };
  }
}
