import { html, svg, nothing } from 'lit';
import type { PropertyValues, SVGTemplateResult, TemplateResult } from 'lit';
import { query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { guard } from 'lit/directives/guard.js';
import {
  CifClientElement,
  RovingFocusController,
  baseStyles,
  cifElement,
  formatNumber,
  formatRelativeTime,
  type CifEventHandlers,
} from '@cif-elements/core';
import { handset, icon as drawIcon } from '@cif-elements/core/icons';
import { toCifError } from '@cif-elements/client/api';
import type { CifClient, CifError, CifEventMap, CifSession } from '@cif-elements/client/api';
import { rowContainmentStyles, sessionListStyles } from './cif-session-list.styles.js';
import { SessionStore } from './session-store.js';
import { DEFAULT_SESSION_LIST_STRINGS, SESSION_LIST_LOCALE_PACKS, type CifSessionListStrings } from './strings.js';

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

/** Detail of the `cif-session-select` event. */
export interface CifSessionSelectDetail {
  /** Id of the session the agent picked. */
  sessionId: string;
  /** The session as the list knows it. */
  session: CifSession;
}

// Channel icons: 24×24 outline glyphs drawn for cif-elements, stroked in currentColor (the handset is the
// one every element uses).
const ICON_PHONE = handset;
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

const NO_SESSIONS: readonly CifSession[] = Object.freeze([]);

/**
 * The provider's CIF 2.0 sessions — title, customer, channel, time since start, unread count — with the
 * focused one marked. A listbox with one tab stop: arrows, Home/End, Page Up/Down and type-ahead move,
 * Enter, Space or a click switches Dynamics to the session (`requestFocusSession`). Follows sessions
 * created through the client, title and unread changes made through it, and CIF's `onSessionSwitched` /
 * `onSessionClosed`. On CIF 1.0 it explains that sessions need a multisession app.
 *
 * Type-ahead: letters typed within 0.7 s search the titles and customer names together; the same letter
 * again moves on to the next match. Arrows do not wrap (a listbox); Page Up/Down move by 10.
 *
 * Text: English built in, the other locales load with the element's or its provider's `locale`; replace
 * any of it with `strings` (see `DEFAULT_SESSION_LIST_STRINGS`). Ages and counts use the locale's digits.
 *
 * @summary The agent's sessions, with the focused one marked; pick one to switch to it.
 * @tagname cif-session-list
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
@cifElement('cif-session-list')
export class CifSessionList extends CifClientElement<CifSessionListStrings> {
  static override styles = [baseStyles, sessionListStyles, rowContainmentStyles];
  static override localization = { defaults: DEFAULT_SESSION_LIST_STRINGS, packs: SESSION_LIST_LOCALE_PACKS };

  @state() private status: Status = 'loading';
  @state() private loadError: CifError | undefined;
  @state() private actionError: CifError | undefined;
  @state() private pendingId: string | undefined;
  @state() private now = Date.now();
  /** How many rows are rendered (grows chunk by chunk, so 1,000 sessions never block the page). */
  @state() private rowLimit = FIRST_ROWS;

  @query('[part~="list"]') private listEl!: HTMLElement | null;

  /** The sessions and what CIF's answers and events do to them (no DOM). */
  private readonly store = new SessionStore();
  /** The render block of each listed session (see BLOCK_ROWS). */
  private readonly blockOf = new Map<string, number>();
  private nextBlockKey = 0;
  private stringsCache: { from: CifSessionListStrings; merged: CifSessionListStrings } | undefined;
  private loadedFor: CifClient | undefined;
  private loadToken = 0;
  private selectToken = 0;
  private framePending: Promise<void> | undefined;
  private frameDone: (() => void) | undefined;
  private growPending: Promise<void> | undefined;
  private stopTicker: (() => void) | undefined;
  /**
   * The keyboard: arrows (no wrap: a listbox), Home/End, Page Up/Down by 10, type-ahead on titles and
   * customer names; one tab stop (roving tabindex) on the session the agent last moved to.
   */
  private readonly rf = new RovingFocusController<CifSession>(this, {
    items: () => this.sessions,
    key: (x) => x.sessionId,
    pageSize: 10,
    typeahead: (x) => [this.titleOf(x), x.customerName],
    focus: (x) => this.focusOptionOf(x.sessionId),
  });

  protected override clientEvents(): CifEventHandlers {
    return {
      sessioncreated: (s) => this.onCreated(s),
      sessionupdated: (s) => this.onUpdated(s),
      sessionswitched: (p) => this.onSwitched(p),
      sessionclosed: (p) => this.onClosed(p),
    };
  }

  protected override clientChanged(client: CifClient): void {
    void this.load(client);
  }

  /** The sessions, in list order (a read-only snapshot; `focused` marks the focused one). */
  get sessions(): readonly CifSession[] {
    if (!this.cif.client) return NO_SESSIONS;
    return this.store.sessions;
  }

  /** What the list shows (also reflected as the `state` attribute). */
  get state(): CifSessionListState {
    if (!this.cif.client) return 'idle';
    if (this.status === 'ready' && this.store.size === 0) return 'empty';
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
      if (this.store.size > 0) this.now = Date.now();
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

  /**
   * The strings in the list's locale with `strings` over them, `channels` merged per key. One object per
   * locale and `strings` value: the row blocks' guard compares it by identity.
   */
  private get mergedStrings(): CifSessionListStrings {
    const s = this.s;
    if (this.stringsCache?.from === s) return this.stringsCache.merged;
    const own = this.strings?.channels;
    if (!own || typeof own !== 'object') {
      this.stringsCache = { from: s, merged: s };
      return s;
    }
    // `strings.channels` replaces some labels, not the locale's whole set (pseudo-locales included)
    const merged = { ...s, channels: { ...this.l10n.base.channels, ...own } };
    this.stringsCache = { from: s, merged };
    return merged;
  }

  /** Marks the list changed; renders at most once per animation frame however many events arrive. */
  private changed(): void {
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
      this.store.clear();
      this.blockOf.clear();
      this.rf.clear();
      this.actionError = undefined;
      this.rowLimit = FIRST_ROWS;
      this.changed();
    }
    this.loadError = undefined;
    if (client.version < 2) {
      this.store.abortLoad();
      this.status = 'unsupported';
      return;
    }
    // A refresh keeps showing the list it has.
    if (this.status !== 'ready' || this.store.size === 0) this.status = 'loading';
    this.store.beginLoad();
    let ids: string[];
    let focused: string | null;
    try {
      [ids, focused] = await Promise.all([
        client.getAllSessions(),
        client.getFocusedSession().catch(() => null),
      ]);
    } catch (e) {
      if (token !== this.loadToken) return;
      this.store.abortLoad();
      this.loadError = toCifError(e, 'getAllSessions');
      // A failed refresh keeps the list it had (with the error above it); a failed first load has nothing to show.
      if (this.status !== 'ready') this.status = 'error';
      return;
    }
    if (token !== this.loadToken) return;
    ids = [...new Set(ids)];
    const failures = new Map<string, unknown>();
    await Promise.all(
      ids.map((id) =>
        client.getSession(id).then(
          (answer) => {
            if (token === this.loadToken) this.store.stageAnswer(id, answer);
          },
          (e: unknown) => void failures.set(id, e),
        ),
      ),
    );
    if (token !== this.loadToken) return;
    this.store.finishLoad({ ids, focused, failures });
    this.blockOf.clear();
    this.focusMoved();
    this.now = Date.now();
    this.status = 'ready';
    this.changed();
  }

  /** After the focused session changed: let the next Tab land on it, unless the agent is moving through the list. */
  private focusMoved(): void {
    if (!this.matches(':focus-within')) this.rf.clear();
    this.changed();
  }

  private onCreated(s: CifSession): void {
    if (!s || typeof s.sessionId !== 'string' || this.status === 'unsupported') return;
    const added = this.store.created(s);
    if (s.focused) this.focusMoved();
    this.changed();
    if (added) this.announce(this.mergedStrings.created(this.titleOf(this.store.get(s.sessionId) ?? added)));
  }

  private onUpdated(s: CifSession): void {
    if (this.store.updated(s)) this.changed();
  }

  private onSwitched(p: CifEventMap['sessionswitched']): void {
    if (this.store.switched(p)) this.focusMoved();
  }

  private onClosed(p: CifEventMap['sessionclosed']): void {
    if (!p || typeof p.sessionId !== 'string') return;
    const id = p.sessionId;
    const hadFocus = this.matches(':focus-within') && this.shadowRoot?.activeElement?.getAttribute('data-id') === id;
    // the neighbour only when the tab stop or the focus goes away (no list copy and search per close)
    const movesTabStop = this.rf.activeKey === id || hadFocus;
    const gone = this.store.closed(id, movesTabStop);
    if (!gone) return;
    this.blockOf.delete(id);
    if (movesTabStop) {
      const next = gone.neighbour;
      if (next) void this.rf.setActive(next, { focus: false });
      else this.rf.clear();
      if (hadFocus) void this.restoreFocus(next?.sessionId);
    }
    this.changed();
    this.announce(this.mergedStrings.closed(this.titleOf(gone.session)));
  }

  /** After the row with focus went away: focus its neighbour (or the empty message). */
  private async restoreFocus(id: string | undefined): Promise<void> {
    await this.updateComplete;
    if (id) await this.focusOptionOf(id);
    else this.renderRoot.querySelector<HTMLElement>('[part~="empty"]')?.focus();
  }

  private titleOf(s: CifSession): string {
    return s.title || s.customerName || this.mergedStrings.untitled;
  }

  // ------------------------------------------------------------------ selection and keyboard

  private async select(id: string): Promise<void> {
    const session = this.store.get(id);
    const client = this.cif.client;
    if (!session || !client) return;
    if (!this.emit('cif-session-select', { sessionId: id, session }, { cancelable: true })) return;
    const token = ++this.selectToken;
    this.actionError = undefined;
    this.pendingId = id;
    try {
      await client.requestFocusSession(id);
      if (token === this.selectToken && this.store.has(id)) {
        this.store.setFocus(id);
        this.focusMoved();
      }
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
      if (this.rowLimit < this.store.size) this.rowLimit = Infinity;
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
    const session = id === undefined ? undefined : this.store.get(id);
    if (session && this.rf.activeKey !== id) void this.rf.setActive(session, { focus: false });
  };

  private readonly onListKeyDown = (e: KeyboardEvent): void => {
    const option = this.optionOf(e);
    if (!option || !this.listEl || e.altKey || e.ctrlKey || e.metaKey) return;
    const id = option.dataset.id;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (id !== undefined) void this.select(id);
      return;
    }
    // moves start from the option the key was pressed on
    const session = id === undefined ? undefined : this.store.get(id);
    if (session && this.rf.activeKey !== id) void this.rf.setActive(session, { focus: false });
    this.rf.handleKeydown(e);
  };

  // ------------------------------------------------------------------ rendering

  protected override willUpdate(_changed: PropertyValues<this>): void {
    // This update renders the latest data: a frame still pending for it has nothing left to do.
    this.flushFrame(false);
  }

  protected override updated(_changed: PropertyValues<this>): void {
    const state = this.state;
    if (this.getAttribute('state') !== state) this.setAttribute('state', state);
    // A long list renders its rows chunk by chunk, one task each, so that the page stays responsive.
    if (this.status === 'ready' && this.rowLimit < this.store.size && !this.growPending) {
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
    return html`${banner}${body}${this.renderAnnouncer()}`;
  }

  private renderList(list: readonly CifSession[], s: CifSessionListStrings): TemplateResult {
    let tabStop = this.rf.activeKey as string | undefined;
    if (tabStop === undefined || !this.store.has(tabStop)) {
      const focused = this.store.focusedId;
      tabStop = focused !== null && this.store.has(focused) ? focused : list[0]!.sessionId;
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
    const ms = x.startedAt === undefined ? 0 : Math.max(0, this.now - x.startedAt);
    const age = x.startedAt === undefined ? undefined : s.formatAge(ms);
    const intl = this.l10n.intl;
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
                  >${icon ? drawIcon(icon, 16) : nothing}<span class="channel-label"><bdi>${channel}</bdi></span></span
                >`
        }${age === undefined
          ? nothing
          : html`<span class="visually-hidden">${sep}${s.ageLabel(age, formatRelativeTime(intl, -Math.floor(ms / 1000)))}</span><span part="age" aria-hidden="true"
                ><bdi>${age}</bdi></span
              >`}</span
      >${x.unread > 0
        ? html`<span class="visually-hidden">${sep}${s.unreadLabel(x.unread)}</span><span part="badge" aria-hidden="true"
              >${x.unread > 99 ? `${formatNumber(intl, 99)}+` : formatNumber(intl, x.unread)}</span
            >`
        : nothing}</div
    >`;
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
