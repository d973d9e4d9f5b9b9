import { LitElement, html, svg, nothing } from 'lit';
import type { PropertyValues, SVGTemplateResult, TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { guard } from 'lit/directives/guard.js';
import { CifController, baseStyles } from '@cif-elements/core';
import { toCifError } from '@cif-elements/client/api';
import type { CifClient, CifError, CifEventMap, CifSession } from '@cif-elements/client/api';
import { rowContainmentStyles, sessionListStyles } from './cif-session-list.styles.js';

/** What `<cif-session-list>` shows; reflected as its `state` attribute. */
export type CifSessionListState =
  /** No client yet (no `<cif-provider>` around it, or it is still connecting). */
  | 'idle'
  /** Reading the sessions from CIF. */
  | 'loading'
  /** Sessions are listed. */
  | 'ready'
  /** Connected, and the provider has no session. */
  | 'empty'
  /** Reading the sessions failed. */
  | 'error'
  /** CIF 1.0: no sessions without a multisession app. */
  | 'unsupported';

/** Replaceable text of `<cif-session-list>`. */
export interface CifSessionListStrings {
  /** Accessible name of the listbox. */
  label: string;
  /** Shown while the sessions are read. */
  loading: string;
  /** Shown when the provider has no session. */
  empty: string;
  /** Shown when there is no client (no provider, or still connecting). */
  notConnected: string;
  /** Shown on CIF 1.0, which has no sessions. */
  unsupported: string;
  /** Heading of the error shown when the sessions could not be read. */
  loadError: string;
  /** Heading of the error shown when switching to a session failed. */
  focusError: string;
  /** Retry button after a load error. */
  retry: string;
  /** Title of a session that has neither a title nor a customer name. */
  untitled: string;
  /** Display labels of channels, by lower-case channel name. Unknown channels show their own text. */
  channels: Record<string, string>;
  /** Formats the time since a session started (milliseconds ≥ 0), e.g. `"3 min"`, `"1 h 5 min"`. */
  formatAge: (ms: number) => string;
  /** Joins the parts of a session's accessible name (read by screen readers, not shown). */
  separator: string;
  /** Accessible phrase for the age shown, e.g. `"started 3 min ago"` (not shown). */
  ageLabel: (age: string) => string;
  /** Accessible phrase for the unread badge, e.g. `"2 unread"` (not shown). */
  unreadLabel: (count: number) => string;
  /** Announced (politely) when a session was created. */
  created: (title: string) => string;
  /** Announced (politely) when a session was closed. */
  closed: (title: string) => string;
}

/** Detail of the `cif-session-select` event. */
export interface CifSessionSelectDetail {
  /** Id of the session the agent picked. */
  sessionId: string;
  /** The session as the list knows it. */
  session: CifSession;
}

/** Formats a duration as `"< 1 min"`, `"3 min"`, `"1 h 5 min"` or `"2 d 3 h"`. */
export function formatSessionAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, Number.isFinite(ms) ? ms : 0) / 60_000);
  if (minutes < 1) return '< 1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** The default (English) strings of `<cif-session-list>`. */
export const defaultSessionListStrings: Readonly<CifSessionListStrings> = Object.freeze({
  label: 'Sessions',
  loading: 'Loading sessions…',
  empty: 'No sessions. Sessions you start appear here.',
  notConnected: 'Not connected to Dynamics 365.',
  unsupported: 'Sessions need a multisession app (CIF 2.0). This app uses CIF 1.0, which has no sessions.',
  loadError: 'Could not load the sessions.',
  focusError: 'Could not switch to the session.',
  retry: 'Retry',
  untitled: 'Untitled session',
  channels: Object.freeze({
    voice: 'Voice',
    phone: 'Phone',
    chat: 'Chat',
    sms: 'SMS',
    email: 'Email',
    video: 'Video',
  }) as Record<string, string>,
  formatAge: formatSessionAge,
  separator: ', ',
  ageLabel: (age: string) => `started ${age} ago`,
  unreadLabel: (count: number) => `${count} unread`,
  created: (title: string) => `New session: ${title}`,
  closed: (title: string) => `Session closed: ${title}`,
});

// Channel icons: 24×24 outline glyphs drawn for cif-elements, stroked in currentColor.
const ICON_PHONE = svg`<path d="M5 3h3.5l2 5-2.5 1.6a11 11 0 0 0 5.4 5.4L15 12.5l5 2V18a3 3 0 0 1-3 3A14 14 0 0 1 2 6a3 3 0 0 1 3-3z"/>`;
const CHANNEL_ICONS: Record<string, SVGTemplateResult> = {
  voice: ICON_PHONE,
  phone: ICON_PHONE,
  chat: svg`<path d="M4 4h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H10l-5 4v-4H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z"/>`,
  sms: svg`<rect x="5" y="2" width="14" height="20" rx="2"/><path d="M9 7h6M9 11h6M9 15h3"/>`,
  email: svg`<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 7l9 6 9-6"/>`,
  video: svg`<rect x="2" y="6" width="13" height="12" rx="2"/><path d="M15 10.5l6-3.5v10l-6-3.5z"/>`,
};

/** Rows rendered by the first update of a long list; the rest follow in chunks, one task each. */
const FIRST_ROWS = 60;
const ROWS_PER_TASK = 200;
/**
 * Rows are rendered in blocks of at most this many, each behind `guard`: a block whose rows (frozen
 * objects, replaced when they change) and shared inputs are unchanged is skipped, so rendering the next
 * chunk of a long list, or a close, re-renders one or two blocks instead of every row shown. A session
 * keeps its block until it closes (blocks never shift), so a close touches only its own block. Each block is
 * a `role="none"` element with `content-visibility: auto` (ROW_CONTAINMENT in the styles, which assumes 20).
 */
const BLOCK_ROWS = 20; // divides FIRST_ROWS and ROWS_PER_TASK: a chunk never re-renders a half-shown block

interface RowBlock {
  key: number;
  rows: CifSession[];
}

/** How often displayed ages are refreshed. */
const AGE_REFRESH_MS = 30_000;

/**
 * One timer for every `<cif-session-list>` on the page: it runs only while at least one list is
 * connected, and refreshes their ages every 30 s.
 */
const ageTicker = {
  subscribers: new Set<() => void>(),
  timer: undefined as ReturnType<typeof setInterval> | undefined,
  subscribe(fn: () => void): () => void {
    this.subscribers.add(fn);
    this.timer ??= setInterval(() => {
      for (const s of [...this.subscribers]) s();
    }, AGE_REFRESH_MS);
    return () => {
      this.subscribers.delete(fn);
      if (this.subscribers.size === 0 && this.timer !== undefined) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  },
};

type Status = 'loading' | 'ready' | 'error' | 'unsupported';

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
}

const NO_SESSIONS: readonly CifSession[] = Object.freeze([]);

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** `base` with every field `update` defines: an update that lacks a field does not erase it. */
function mergeSession(base: CifSession | undefined, update: CifSession): CifSession {
  if (!base) return update;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(update)) if (v !== undefined) out[k] = v;
  return out as unknown as CifSession;
}

/** Copies a session from the client, keeping only well-typed fields; the copy is frozen. */
function normalize(s: CifSession, focused: boolean): CifSession {
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

/**
 * The provider's CIF 2.0 sessions — title, customer, channel, time since start, unread count — with the
 * focused one marked. A listbox with one tab stop: arrows, Home/End, Page Up/Down and type-ahead move,
 * Enter, Space or a click switches Dynamics to the session (`requestFocusSession`). Follows sessions
 * created through the client, title and unread changes made through it, and CIF's `onSessionSwitched` /
 * `onSessionClosed`. On CIF 1.0 it explains that sessions need a multisession app.
 *
 * @summary The agent's sessions, with the focused one marked; pick one to switch to it.
 *
 * @attr state - Read-only, reflected: `idle` | `loading` | `ready` | `empty` | `error` | `unsupported`.
 *
 * @fires cif-session-select - Before switching to a session the agent picked. Cancelable: `preventDefault()`
 * keeps Dynamics where it is. `detail: { sessionId: string, session: CifSession }`.
 *
 * @csspart list - The listbox.
 * @csspart session - One session (an option). The focused one also has part `focused`.
 * @csspart focused - The focused session's option.
 * @csspart title - A session's title.
 * @csspart customer - A session's customer name.
 * @csspart channel - A session's channel: icon (for voice, phone, chat, sms, email, video) and label.
 * @csspart age - Time since the session started.
 * @csspart badge - Unread (new activity) count.
 * @csspart empty - The message shown when there is no session.
 * @csspart loading - The message shown while sessions load.
 * @csspart idle - The message shown when there is no client.
 * @csspart error - An error message (load failed, or switching failed).
 * @csspart retry - The retry button of a load error.
 * @csspart unsupported - The CIF 1.0 explanation.
 *
 * @cssprop [--cif-session-list-max-height=none] - Height after which the list scrolls.
 * @cssprop [--cif-session-list-row-height=56px] - Minimum height of a session row (also the size assumed
 * for rows that are off screen).
 * @cssprop --cif-color-brand - Focused-session mark and unread badge.
 * @cssprop --cif-color-brand-subtle - Background of the focused session.
 */
@customElement('cif-session-list')
export class CifSessionList extends LitElement {
  static override styles = [baseStyles, sessionListStyles, rowContainmentStyles];

  /** Text shown by the list; set a partial object to replace some of it (`channels` merges per key). */
  @property({ attribute: false }) strings: Partial<CifSessionListStrings> = {};

  @state() private status: Status = 'loading';
  @state() private loadError: CifError | undefined;
  @state() private actionError: CifError | undefined;
  /** The option that holds the tab stop (roving tabindex). */
  @state() private activeId: string | undefined;
  @state() private pendingId: string | undefined;
  @state() private now = Date.now();
  @state() private announcement = '';
  /** How many rows are rendered (grows chunk by chunk, so 1,000 sessions never block the page). */
  @state() private rowLimit = FIRST_ROWS;

  @query('[part~="list"]') private listEl!: HTMLElement | null;

  private readonly entries = new Map<string, CifSession>();
  /** The render block of each listed session (see BLOCK_ROWS). */
  private readonly blockOf = new Map<string, number>();
  private nextBlockKey = 0;
  private stringsCache: { from: Partial<CifSessionListStrings> | undefined; merged: CifSessionListStrings } | undefined;
  private focusedId: string | null = null;
  private ordered: readonly CifSession[] = [];
  private orderedStale = false;
  private loadedFor: CifClient | undefined;
  private loadToken = 0;
  private selectToken = 0;
  private delta: LoadDelta | undefined;
  private framePending: Promise<void> | undefined;
  private frameDone: (() => void) | undefined;
  private growPending: Promise<void> | undefined;
  private stopTicker: (() => void) | undefined;
  private typeahead = { text: '', at: 0 };

  private readonly cif = new CifController(this, {
    events: {
      sessioncreated: (s) => this.onCreated(s),
      sessionupdated: (s) => this.onUpdated(s),
      sessionswitched: (p) => this.onSwitched(p),
      sessionclosed: (p) => this.onClosed(p),
    },
    onClient: (client) => void this.load(client),
  });

  /**
   * The `CifClient` in use. Set it to inject one (tests, your own wiring); otherwise the list uses the
   * client of the nearest `<cif-provider>`.
   */
  @property({ attribute: false })
  get client(): CifClient | undefined {
    return this.cif.client;
  }
  set client(value: CifClient | undefined) {
    const old = this.cif.client;
    this.cif.setOverride(value);
    this.requestUpdate('client', old);
  }

  /** The sessions, in list order (a read-only snapshot; `focused` marks the focused one). */
  get sessions(): readonly CifSession[] {
    if (!this.cif.client) return NO_SESSIONS;
    if (this.orderedStale) {
      this.ordered = Object.freeze([...this.entries.values()]);
      this.orderedStale = false;
    }
    return this.ordered;
  }

  /** What the list shows (also reflected as the `state` attribute). */
  get state(): CifSessionListState {
    if (!this.cif.client) return 'idle';
    if (this.status === 'ready' && this.entries.size === 0) return 'empty';
    return this.status;
  }

  /** Reads the sessions from CIF again (after a load error, or to resynchronise). */
  reload(): Promise<void> {
    const client = this.cif.client;
    return client ? this.load(client) : Promise.resolve();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopTicker = ageTicker.subscribe(() => {
      if (this.entries.size > 0) this.now = Date.now();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTicker?.();
    this.stopTicker = undefined;
  }

  /** Resolves once pending session events (batched per frame) and every row of a long list are rendered. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    while (this.framePending || this.growPending) {
      await (this.framePending ?? this.growPending);
      result = await super.getUpdateComplete();
    }
    return result;
  }

  // ------------------------------------------------------------------ data

  private get mergedStrings(): CifSessionListStrings {
    // one object per `strings` value: the row blocks' guard compares it by identity
    if (this.stringsCache?.from !== this.strings) {
      const s = this.strings ?? {};
      const merged = { ...defaultSessionListStrings, ...s, channels: { ...defaultSessionListStrings.channels, ...s.channels } };
      this.stringsCache = { from: this.strings, merged };
    }
    return this.stringsCache.merged;
  }

  /** Marks the list changed; renders at most once per animation frame however many events arrive. */
  private changed(): void {
    this.orderedStale = true;
    if (this.framePending) return;
    this.framePending = new Promise<void>((resolve) => {
      const raf = requestAnimationFrame(() => this.flushFrame(true));
      // Hidden pages get no frames; still apply the change soon.
      const timer = setTimeout(() => this.flushFrame(true), 100);
      this.frameDone = () => {
        cancelAnimationFrame(raf);
        clearTimeout(timer);
        this.framePending = undefined;
        this.frameDone = undefined;
        resolve();
      };
    });
  }

  /** Ends the pending frame: with `render`, by requesting the update; else an update is already running. */
  private flushFrame(render: boolean): void {
    if (!this.frameDone) return;
    this.frameDone();
    if (render) this.requestUpdate();
  }

  private async load(client: CifClient): Promise<void> {
    const token = ++this.loadToken;
    if (this.loadedFor !== client) {
      this.loadedFor = client;
      this.entries.clear();
      this.blockOf.clear();
      this.focusedId = null;
      this.activeId = undefined;
      this.actionError = undefined;
      this.rowLimit = FIRST_ROWS;
      this.changed();
    }
    this.loadError = undefined;
    if (client.version < 2) {
      this.delta = undefined;
      this.status = 'unsupported';
      return;
    }
    // A refresh keeps showing the list it has.
    if (this.status !== 'ready' || this.entries.size === 0) this.status = 'loading';
    const delta: LoadDelta = (this.delta = {
      staged: new Map(),
      created: new Set(),
      closed: new Set(),
      focusSet: false,
    });
    let ids: string[];
    let focused: string | null;
    try {
      [ids, focused] = await Promise.all([
        client.getAllSessions(),
        client.getFocusedSession().catch(() => null),
      ]);
    } catch (e) {
      if (token !== this.loadToken) return;
      this.delta = undefined;
      this.loadError = toCifError(e, 'getAllSessions');
      // A failed refresh keeps the list it had (with the error above it); a failed first load has nothing to show.
      if (this.status !== 'ready') this.status = 'error';
      return;
    }
    if (token !== this.loadToken) return;
    ids = [...new Set(ids)];
    const failures = new Map<string, unknown>();
    let flagged: string | undefined;
    await Promise.all(
      ids.map((id) =>
        client.getSession(id).then(
          (answer) => {
            if (token !== this.loadToken || !answer || typeof answer !== 'object') return;
            if (answer.focused === true) flagged ??= id;
            delta.staged.set(id, mergeSession(delta.staged.get(id), { ...answer, sessionId: id }));
          },
          (e: unknown) => void failures.set(id, e),
        ),
      ),
    );
    if (token !== this.loadToken) return;
    this.delta = undefined;

    const next = new Map<string, CifSession>();
    for (const id of ids) {
      if (delta.closed.has(id)) continue;
      const s = delta.staged.get(id);
      if (!s && failures.has(id) && toCifError(failures.get(id), 'getSession').code === 'not-found') continue;
      // A session CIF lists but would not describe: still list it, by its id alone.
      next.set(id, normalize(s ?? { sessionId: id, focused: false, context: {}, unread: 0 }, false));
    }
    for (const id of delta.created) {
      const s = delta.staged.get(id);
      if (s && !next.has(id)) next.set(id, normalize(s, false));
    }
    let focus: string | null = delta.focusSet ? this.focusedId : focused;
    if (!delta.focusSet && (!focus || !next.has(focus)) && flagged !== undefined) focus = flagged;
    this.entries.clear();
    this.blockOf.clear();
    for (const [id, s] of next) this.entries.set(id, s);
    this.focusedId = null;
    this.applyFocus(focus);
    this.now = Date.now();
    this.status = 'ready';
    this.changed();
  }

  /** Moves the focused mark to `id` (or clears it). */
  private applyFocus(id: string | null): void {
    const previous = this.focusedId;
    if (previous && previous !== id) {
      const old = this.entries.get(previous);
      if (old?.focused) this.entries.set(previous, Object.freeze({ ...old, focused: false }));
    }
    this.focusedId = id;
    if (id) {
      const s = this.entries.get(id);
      // Focusing a session clears its new-activity count (the client does the same).
      if (s && (!s.focused || s.unread)) this.entries.set(id, Object.freeze({ ...s, focused: true, unread: 0 }));
    }
    // Let the next Tab land on the focused session, unless the agent is moving through the list.
    if (!this.matches(':focus-within')) this.activeId = undefined;
    this.changed();
  }

  private upsert(s: CifSession): void {
    const merged = mergeSession(this.entries.get(s.sessionId), s);
    this.entries.set(s.sessionId, normalize(merged, s.sessionId === this.focusedId));
    this.changed();
  }

  private onCreated(s: CifSession): void {
    if (!s || typeof s.sessionId !== 'string' || this.status === 'unsupported') return;
    if (this.delta) {
      this.delta.created.add(s.sessionId);
      this.delta.staged.set(s.sessionId, mergeSession(this.delta.staged.get(s.sessionId), s));
      this.delta.closed.delete(s.sessionId);
    }
    const isNew = !this.entries.has(s.sessionId);
    this.upsert(s);
    if (s.focused) this.onSwitched({ sessionId: s.sessionId, focused: true, context: s.context });
    if (isNew) this.announce(this.mergedStrings.created(this.titleOf(this.entries.get(s.sessionId)!)));
  }

  private onUpdated(s: CifSession): void {
    if (!s || typeof s.sessionId !== 'string') return;
    this.delta?.staged.set(s.sessionId, mergeSession(this.delta.staged.get(s.sessionId), s));
    // Only sessions the list knows: an update for an unknown id must not conjure a row.
    if (this.entries.has(s.sessionId)) this.upsert(s);
  }

  private onSwitched(p: CifEventMap['sessionswitched']): void {
    if (!p || typeof p.sessionId !== 'string') return;
    if (this.delta) this.delta.focusSet = true;
    // CIF raises two events per switch (old: focused false, new: focused true), in no promised order.
    if (p.focused) this.applyFocus(p.sessionId);
    else if (this.focusedId === p.sessionId) this.applyFocus(null);
  }

  private onClosed(p: CifEventMap['sessionclosed']): void {
    if (!p || typeof p.sessionId !== 'string') return;
    const id = p.sessionId;
    this.delta?.closed.add(id);
    this.delta?.staged.delete(id);
    this.delta?.created.delete(id);
    const s = this.entries.get(id);
    if (!s) return;
    const hadFocus = this.matches(':focus-within') && this.shadowRoot?.activeElement?.getAttribute('data-id') === id;
    // the neighbour only when the tab stop or the focus goes away (no list copy and search per close)
    const list = this.activeId === id || hadFocus ? this.sessions : undefined;
    const index = list ? list.indexOf(s) : -1;
    this.entries.delete(id);
    this.blockOf.delete(id);
    if (this.focusedId === id) this.focusedId = null;
    if (list) {
      const neighbour = list[index + 1] ?? list[index - 1];
      this.activeId = neighbour?.sessionId;
      if (hadFocus) void this.restoreFocus(neighbour?.sessionId);
    }
    this.changed();
    this.announce(this.mergedStrings.closed(this.titleOf(s)));
  }

  /** After the row with focus went away: focus its neighbour (or the empty message). */
  private async restoreFocus(id: string | undefined): Promise<void> {
    await this.updateComplete;
    if (id) await this.focusOptionOf(id);
    else this.renderRoot.querySelector<HTMLElement>('[part~="empty"]')?.focus();
  }

  private announce(text: string): void {
    this.announcement = text;
  }

  private titleOf(s: CifSession): string {
    return s.title || s.customerName || this.mergedStrings.untitled;
  }

  // ------------------------------------------------------------------ selection and keyboard

  private async select(id: string): Promise<void> {
    const session = this.entries.get(id);
    const client = this.cif.client;
    if (!session || !client) return;
    const detail: CifSessionSelectDetail = { sessionId: id, session };
    const proceed = this.dispatchEvent(
      new CustomEvent('cif-session-select', { detail, bubbles: true, composed: true, cancelable: true }),
    );
    if (!proceed) return;
    const token = ++this.selectToken;
    this.actionError = undefined;
    this.pendingId = id;
    try {
      await client.requestFocusSession(id);
      if (token === this.selectToken && this.entries.has(id)) this.applyFocus(id);
    } catch (e) {
      if (token === this.selectToken) this.actionError = toCifError(e, 'requestFocusSession');
    } finally {
      if (token === this.selectToken) this.pendingId = undefined;
    }
  }

  private optionById(id: string): HTMLElement | null {
    return this.listEl?.querySelector<HTMLElement>(`[role="option"][data-id="${CSS.escape(id)}"]`) ?? null;
  }

  /** Focuses the option of session `id`, rendering the rest of a long list first if needed. */
  private async focusOptionOf(id: string | undefined): Promise<void> {
    if (id === undefined) return;
    if (!this.optionById(id)) {
      // Not rendered yet: a row of a long list still to come, or a session whose event is still batched.
      if (this.rowLimit < this.entries.size) this.rowLimit = Infinity;
      await this.updateComplete;
    }
    this.optionById(id)?.focus();
  }

  private optionOf(e: Event): HTMLElement | undefined {
    for (const node of e.composedPath()) {
      if (node === this.listEl) return undefined;
      if (node instanceof HTMLElement && node.getAttribute('role') === 'option') return node;
    }
    return undefined;
  }

  private readonly onListClick = (e: MouseEvent): void => {
    const option = this.optionOf(e);
    const id = option?.dataset.id;
    if (id !== undefined) void this.select(id);
  };

  private readonly onListFocusIn = (e: FocusEvent): void => {
    const id = this.optionOf(e)?.dataset.id;
    if (id !== undefined && id !== this.activeId) this.activeId = id;
  };

  private readonly onListKeyDown = (e: KeyboardEvent): void => {
    const option = this.optionOf(e);
    const list = this.listEl;
    if (!option || !list || e.altKey || e.ctrlKey || e.metaKey) return;
    const options = list.querySelectorAll('[role="option"]');
    const index = Array.prototype.indexOf.call(options, option) as number;
    const last = options.length - 1;
    let target = -1;
    switch (e.key) {
      case 'ArrowDown':
        target = Math.min(index + 1, last);
        break;
      case 'ArrowUp':
        target = Math.max(index - 1, 0);
        break;
      case 'Home':
        target = 0;
        break;
      case 'End':
        e.preventDefault();
        void this.focusOptionOf(this.sessions.at(-1)?.sessionId);
        return;
      case 'PageDown':
        target = Math.min(index + 10, last);
        break;
      case 'PageUp':
        target = Math.max(index - 10, 0);
        break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        if (option.dataset.id !== undefined) void this.select(option.dataset.id);
        return;
      default:
        if (e.key.length === 1 && e.key.trim() !== '') {
          const id = this.typeAhead(e.key, option.dataset.id);
          if (id !== undefined) {
            e.preventDefault();
            void this.focusOptionOf(id);
          }
        }
        return;
    }
    e.preventDefault();
    (options[target] as HTMLElement | undefined)?.focus();
  };

  /** Finds the next session whose title or customer starts with the typed text. */
  private typeAhead(key: string, fromId: string | undefined): string | undefined {
    const at = performance.now();
    const text = (at - this.typeahead.at > 700 ? key : this.typeahead.text + key).toLocaleLowerCase();
    this.typeahead = { text, at };
    // Repeating one letter cycles through the matches for that letter.
    const needle = [...text].every((c) => c === text[0]) ? text[0] : text;
    const list = this.sessions;
    const start = Math.max(0, list.findIndex((s) => s.sessionId === fromId));
    const matches = (s: CifSession) =>
      this.titleOf(s).toLocaleLowerCase().startsWith(needle) ||
      (s.customerName ?? '').toLocaleLowerCase().startsWith(needle);
    // A longer word may still match the current row; a single letter moves on.
    const offset = needle.length > 1 ? 0 : 1;
    for (let i = 0; i < list.length; i++) {
      const s = list[(start + offset + i) % list.length];
      if (matches(s)) return s.sessionId;
    }
    return undefined;
  }

  // ------------------------------------------------------------------ rendering

  protected override willUpdate(_changed: PropertyValues<this>): void {
    // This update renders the latest data: a frame still pending for it has nothing left to do.
    this.flushFrame(false);
  }

  protected override updated(_changed: PropertyValues<this>): void {
    const state = this.state;
    if (this.getAttribute('state') !== state) this.setAttribute('state', state);
    // A long list renders its rows chunk by chunk, one task each, so that the page stays responsive.
    if (this.status === 'ready' && this.rowLimit < this.entries.size && !this.growPending) {
      this.growPending = new Promise<void>((resolve) =>
        setTimeout(() => {
          this.growPending = undefined;
          this.rowLimit += ROWS_PER_TASK;
          resolve();
        }),
      );
    }
  }

  override render(): TemplateResult {
    const s = this.mergedStrings;
    const client = this.cif.client;
    let body: TemplateResult;
    if (!client) {
      body = html`<p part="idle" class="message">${s.notConnected}</p>`;
    } else if (this.status === 'unsupported') {
      body = html`<p part="unsupported" class="message">${s.unsupported}</p>`;
    } else if (this.status === 'loading') {
      body = html`<p part="loading" class="message">${s.loading}</p>`;
    } else if (this.status === 'error') {
      body = html`<div part="error" role="alert">
        <span class="error-text"><strong>${s.loadError}</strong> ${this.loadError?.message ?? ''}</span>
        <button part="retry" type="button" @click=${() => void this.reload()}>${s.retry}</button>
      </div>`;
    } else {
      const list = this.sessions;
      body = list.length === 0 ? html`<p part="empty" class="message" tabindex="-1">${s.empty}</p>` : this.renderList(list, s);
    }
    const banner =
      client && this.status === 'ready' && (this.loadError || this.actionError)
        ? html`<div part="error" role="alert">
            <span class="error-text"
              ><strong>${this.loadError ? s.loadError : s.focusError}</strong> ${(this.loadError ?? this.actionError)!
                .message}</span
            >${this.loadError
              ? html`<button part="retry" type="button" @click=${() => void this.reload()}>${s.retry}</button>`
              : nothing}
          </div>`
        : nothing;
    return html`${banner}${body}<div class="visually-hidden" role="status">${this.announcement}</div>`;
  }

  private renderList(list: readonly CifSession[], s: CifSessionListStrings): TemplateResult {
    let tabStop = this.activeId;
    if (tabStop === undefined || !this.entries.has(tabStop)) {
      tabStop = this.focusedId !== null && this.entries.has(this.focusedId) ? this.focusedId : list[0].sessionId;
    }
    return html`<div
      part="list"
      role="listbox"
      aria-label=${s.label}
      @click=${this.onListClick}
      @keydown=${this.onListKeyDown}
      @focusin=${this.onListFocusIn}
    >
      ${repeat(
        this.visibleBlocks(list),
        (b) => b.key,
        (b) => {
          // what a row's template reads besides the row itself, limited to this block
          const stop = tabStop !== undefined && this.blockOf.get(tabStop) === b.key ? tabStop : undefined;
          const pending = this.pendingId !== undefined && this.blockOf.get(this.pendingId) === b.key ? this.pendingId : undefined;
          // A block is an element too (role none: the options still belong to the listbox) whose
          // content-visibility lets the browser skip style and layout of whole blocks off screen: with 10,000
          // rows a close then lays out a few blocks, not every row.
          return guard(
            [s, this.now, stop, pending, ...b.rows],
            () =>
              html`<div role="none" class="block">${repeat(
                b.rows,
                (x) => x.sessionId,
                (x) => this.renderSession(x, x.sessionId === stop, s),
              )}</div>`,
          );
        },
      )}
    </div>`;
  }

  /** The first `rowLimit` rows of `list`, in their render blocks (see BLOCK_ROWS). */
  private visibleBlocks(list: readonly CifSession[]): RowBlock[] {
    const blocks: RowBlock[] = [];
    const used = new Set<number>();
    let current: RowBlock | undefined;
    let shown = 0;
    for (const x of list) {
      if (shown === this.rowLimit) break;
      let key = this.blockOf.get(x.sessionId);
      if (key === undefined) {
        // a session new to the list joins the block before it while that has room
        key = current && current.rows.length < BLOCK_ROWS ? current.key : this.nextBlockKey++;
        this.blockOf.set(x.sessionId, key);
      }
      if (key !== current?.key) {
        if (used.has(key)) {
          // the order changed under the blocks (not expected: sessions keep their place); start afresh
          this.blockOf.clear();
          return this.visibleBlocks(list);
        }
        used.add(key);
        current = { key, rows: [] };
        blocks.push(current);
      }
      current.rows.push(x);
      shown++;
    }
    return blocks;
  }

  private renderSession(x: CifSession, tabStop: boolean, s: CifSessionListStrings): TemplateResult {
    const title = this.titleOf(x);
    const key = x.channel?.trim().toLowerCase() ?? '';
    const channel = x.channel === undefined ? undefined : (s.channels[key] ?? x.channel);
    const icon = CHANNEL_ICONS[key];
    const customer = x.customerName === undefined || x.customerName === title ? undefined : x.customerName;
    const age = x.startedAt === undefined ? undefined : s.formatAge(Math.max(0, this.now - x.startedAt));
    const sep = s.separator;
    // The option's accessible name is its content, read in DOM order as one sentence ("Call from Ana, Ana
    // Silva, Voice, started 3 min ago, 2 unread"): hidden separators and phrases join the visible parts.
    return html`<div
      part=${x.focused ? 'session focused' : 'session'}
      role="option"
      data-id=${x.sessionId}
      tabindex=${tabStop ? '0' : '-1'}
      aria-selected=${x.focused ? 'true' : 'false'}
      aria-busy=${ifDefined(this.pendingId === x.sessionId ? 'true' : undefined)}
    ><span part="title"><bdi>${title}</bdi></span><span class="meta"
        >${customer === undefined
          ? nothing
          : html`<span class="visually-hidden">${sep}</span><span part="customer"><bdi>${customer}</bdi></span>`}${
          channel === undefined
            ? nothing
            : html`<span class="visually-hidden">${sep}</span><span part="channel"
                  >${icon ? this.renderIcon(icon) : nothing}<span class="channel-label"><bdi>${channel}</bdi></span></span
                >`
        }${age === undefined
          ? nothing
          : html`<span class="visually-hidden">${sep}${s.ageLabel(age)}</span><span part="age" aria-hidden="true"
                ><bdi>${age}</bdi></span
              >`}</span
      >${x.unread > 0
        ? html`<span class="visually-hidden">${sep}${s.unreadLabel(x.unread)}</span><span part="badge" aria-hidden="true"
              >${x.unread > 99 ? '99+' : x.unread}</span
            >`
        : nothing}</div
    >`;
  }

  private renderIcon(icon: SVGTemplateResult): TemplateResult {
    return html`<svg
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linejoin="round"
      stroke-linecap="round"
    >
      ${icon}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cif-session-list': CifSessionList;
  }
  interface HTMLElementEventMap {
    'cif-session-select': CustomEvent<CifSessionSelectDetail>;
  }
}
