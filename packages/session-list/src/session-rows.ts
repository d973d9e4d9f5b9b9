/**
 * `<cif-session-list>`'s rows: the sessions (a {@link SessionStore}) and what CIF's answers and events do to
 * them, the listbox and its rows (rendered in chunks for long lists), the keyboard, selecting a session,
 * the channel icons, the ages, and their styles. The element itself only shows its waiting state (not
 * connected, loading) until a client is there, so it loads this module with `import()` when it connects —
 * in parallel with the CIF client — and hands the rest over to it.
 *
 * Imports core subpaths only (not the `@cif-elements/core` barrel) and the element's types only.
 */
import { html, nothing, svg } from 'lit';
import type { ReactiveController, ReactiveControllerHost, SVGTemplateResult, TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { guard } from 'lit/directives/guard.js';
import { RovingFocusController } from '@cif-elements/core/roving-focus';
import { handset, icon as drawIcon } from '@cif-elements/core/icons';
import { toCifError } from '@cif-elements/client/api';
import type { CifClient, CifError, CifEventMap, CifSession } from '@cif-elements/client/api';
import type { CifSessionListState, CifSessionSelectDetail } from './cif-session-list.js';
import { SessionStore } from './session-store.js';
import { rowContainmentStyles, sessionRowStyles } from './session-rows.styles.js';

/** The rows' styles (the element adds them to its shadow root with the rows). */
export const rowStyles = [sessionRowStyles, rowContainmentStyles];
import type { CifSessionListStrings } from './strings.js';

/** What the rows need of their `<cif-session-list>` (built once, when the rows arrive). */
export interface SessionRowsHost {
  /** The element: updates, focus, its shadow root, its `strings` property. */
  readonly el: ReactiveControllerHost &
    HTMLElement & {
      readonly renderRoot: HTMLElement | DocumentFragment;
      readonly updateComplete: Promise<boolean>;
      readonly strings: Partial<CifSessionListStrings>;
      readonly client: CifClient | undefined;
      reload(): Promise<void>;
    };
  /** The element's strings (its locale's, with `strings` over them). */
  s(): CifSessionListStrings;
  /** The locale's strings without `strings`, and the locale for `Intl`. */
  readonly l10n: { readonly base: CifSessionListStrings; readonly intl: string };
  /** Fires the cancelable `cif-session-select`; `false` when cancelled. */
  emitSelect(detail: CifSessionSelectDetail): boolean;
  /** Says `text` through the element's live region. */
  announce(text: string): void;
}

// Channel icons: 24×24 outline glyphs drawn for cif-elements, stroked in currentColor (the handset is the
// one every element uses).
const CHANNEL_ICONS: Record<string, SVGTemplateResult> = {
  voice: handset,
  phone: handset,
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

// Counts and relative times through Intl here (not core's format helpers: those are in the core barrel,
// which would keep them in the element's entry chunk).
const intlCache = new Map<string, Intl.NumberFormat | Intl.RelativeTimeFormat>();

function intlFormat<F>(key: string, make: (locale: string) => F, locale: string): F {
  let f = intlCache.get(`${key}|${locale}`) as F | undefined;
  if (!f) {
    try {
      f = make(locale);
    } catch {
      f = make('en');
    }
    intlCache.set(`${key}|${locale}`, f as Intl.NumberFormat);
  }
  return f;
}

/** A count in the locale's digits. */
const formatCount = (locale: string, n: number): string =>
  intlFormat('n', (l) => new Intl.NumberFormat(l), locale).format(n);

/** `seconds` ago (≤ 0) in words: `now`, `3 minutes ago`, `vor 3 Minuten`. */
function formatAgo(locale: string, seconds: number): string {
  const f = intlFormat('r', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }), locale);
  const a = Math.abs(seconds);
  if (a < 60) return f.format(Math.trunc(seconds) || 0, 'second');
  if (a < 3600) return f.format(Math.trunc(seconds / 60), 'minute');
  if (a < 86400) return f.format(Math.trunc(seconds / 3600), 'hour');
  return f.format(Math.trunc(seconds / 86400), 'day');
}

type Status = 'loading' | 'ready' | 'error' | 'unsupported';

/**
 * The connected part of `<cif-session-list>`: one per element, created when this module has arrived. It
 * holds the sessions and the list's state, renders the list (or its loading, empty, error and CIF 1.0
 * states) and handles the agent's clicks and keys. Changes re-render the element.
 */
export class SessionRows implements ReactiveController {
  private readonly host: SessionRowsHost;
  private readonly el: SessionRowsHost['el'];
  private status: Status = 'loading';
  private loadError: CifError | undefined;
  private actionError: CifError | undefined;
  private pendingId: string | undefined;
  private now = Date.now();
  /** How many rows are rendered (grows chunk by chunk, so 1,000 sessions never block the page). */
  private rowLimit = FIRST_ROWS;
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
  private readonly rf: RovingFocusController<CifSession>;

  constructor(host: SessionRowsHost) {
    this.host = host;
    this.el = host.el;
    this.rf = new RovingFocusController<CifSession>(this.el, {
      items: () => this.store.sessions,
      key: (x) => x.sessionId,
      pageSize: 10,
      typeahead: (x) => [this.titleOf(x), x.customerName],
      focus: (x) => this.focusOptionOf(x.sessionId),
    });
    this.el.addController(this);
  }

  hostConnected(): void {
    this.stopTicker ??= ageTicker.subscribe(() => {
      if (this.store.size > 0) {
        this.now = Date.now();
        this.el.requestUpdate();
      }
    });
  }

  hostDisconnected(): void {
    this.stopTicker?.();
    this.stopTicker = undefined;
  }

  /** The sessions, in list order. */
  get sessions(): readonly CifSession[] {
    return this.store.sessions;
  }

  /** What the list shows while it has a client. */
  get state(): CifSessionListState {
    if (this.status === 'ready' && this.store.size === 0) return 'empty';
    return this.status;
  }

  /** Session events (batched per frame) and rows of a long list still to render; `undefined` when none. */
  get pending(): Promise<void> | undefined {
    return this.framePending ?? this.growPending;
  }

  // ------------------------------------------------------------------ data

  /**
   * The strings in the list's locale with `strings` over them, `channels` merged per key. One object per
   * locale and `strings` value: the row blocks' guard compares it by identity.
   */
  private get mergedStrings(): CifSessionListStrings {
    const s = this.host.s();
    if (this.stringsCache?.from === s) return this.stringsCache.merged;
    const own = this.el.strings?.channels;
    if (!own || typeof own !== 'object') {
      this.stringsCache = { from: s, merged: s };
      return s;
    }
    // `strings.channels` replaces some labels, not the locale's whole set (pseudo-locales included)
    const merged = { ...s, channels: { ...this.host.l10n.base.channels, ...own } };
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
    if (render) this.el.requestUpdate();
  }

  /** Sets the list's status (and errors), re-rendering the element. */
  private set(status: Status, loadError?: CifError): void {
    this.status = status;
    this.loadError = loadError;
    this.el.requestUpdate();
  }

  /** Reads the sessions from `client` (again). */
  async load(client: CifClient): Promise<void> {
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
    if (client.version < 2) {
      this.store.abortLoad();
      this.set('unsupported');
      return;
    }
    // A refresh keeps showing the list it has.
    this.set(this.status !== 'ready' || this.store.size === 0 ? 'loading' : this.status);
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
      // A failed refresh keeps the list it had (with the error above it); a failed first load has nothing to show.
      this.set(this.status !== 'ready' ? 'error' : this.status, toCifError(e, 'getAllSessions'));
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
    this.set('ready');
    this.changed();
  }

  /** Before each update of the element: a client the rows have not read yet (they came after it) is read. */
  willUpdate(client: CifClient | undefined): void {
    // This update renders the latest data: a frame still pending for it has nothing left to do.
    this.flushFrame(false);
    if (client && this.loadedFor !== client) void this.load(client);
  }

  /** After each update of the element: a long list renders its rows chunk by chunk, one task each. */
  updated(): void {
    if (this.status === 'ready' && this.rowLimit < this.store.size && !this.growPending) {
      this.growPending = new Promise<void>((resolve) =>
        setTimeout(() => {
          this.growPending = undefined;
          this.rowLimit += ROWS_PER_TASK;
          this.el.requestUpdate();
          resolve();
        }),
      );
    }
  }

  /** After the focused session changed: let the next Tab land on it, unless the agent is moving through the list. */
  private focusMoved(): void {
    if (!this.el.matches(':focus-within')) this.rf.clear();
    this.changed();
  }

  onCreated(s: CifSession): void {
    if (!s || typeof s.sessionId !== 'string' || this.status === 'unsupported') return;
    const added = this.store.created(s);
    if (s.focused) this.focusMoved();
    this.changed();
    if (added) this.host.announce(this.mergedStrings.created(this.titleOf(this.store.get(s.sessionId) ?? added)));
  }

  onUpdated(s: CifSession): void {
    if (this.store.updated(s)) this.changed();
  }

  onSwitched(p: CifEventMap['sessionswitched']): void {
    if (this.store.switched(p)) this.focusMoved();
  }

  onClosed(p: CifEventMap['sessionclosed']): void {
    if (!p || typeof p.sessionId !== 'string') return;
    const id = p.sessionId;
    const hadFocus =
      this.el.matches(':focus-within') && this.el.shadowRoot?.activeElement?.getAttribute('data-id') === id;
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
    this.host.announce(this.mergedStrings.closed(this.titleOf(gone.session)));
  }

  /** After the row with focus went away: focus its neighbour (or the empty message). */
  private async restoreFocus(id: string | undefined): Promise<void> {
    await this.el.updateComplete;
    if (id) await this.focusOptionOf(id);
    else this.el.renderRoot.querySelector<HTMLElement>('[part~="empty"]')?.focus();
  }

  private titleOf(s: CifSession): string {
    return s.title || s.customerName || this.mergedStrings.untitled;
  }

  // ------------------------------------------------------------------ selection and keyboard

  private async select(id: string): Promise<void> {
    const session = this.store.get(id);
    const client = this.el.client;
    if (!session || !client) return;
    if (!this.host.emitSelect({ sessionId: id, session })) return;
    const token = ++this.selectToken;
    this.actionError = undefined;
    this.pendingId = id;
    this.el.requestUpdate();
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
      this.el.requestUpdate();
    }
  }

  private get listEl(): HTMLElement | null {
    return this.el.renderRoot.querySelector<HTMLElement>('[part~="list"]');
  }

  private optionById(id: string): HTMLElement | null {
    return this.listEl?.querySelector<HTMLElement>(`[role="option"][data-id="${CSS.escape(id)}"]`) ?? null;
  }

  /** Focuses the option of session `id`, rendering the rest of a long list first if needed. */
  private async focusOptionOf(id: string | undefined): Promise<void> {
    if (id === undefined) return;
    if (!this.optionById(id)) {
      // Not rendered yet: a row of a long list still to come, or a session whose event is still batched.
      if (this.rowLimit < this.store.size) {
        this.rowLimit = Infinity;
        this.el.requestUpdate();
      }
      await this.el.updateComplete;
    }
    this.optionById(id)?.focus();
  }

  private optionOf(e: Event): HTMLElement | undefined {
    const list = this.listEl;
    for (const node of e.composedPath()) {
      if (node === list) return undefined;
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
    if (!option || e.altKey || e.ctrlKey || e.metaKey) return;
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

  private readonly onRetry = (): void => void this.el.reload();

  // ------------------------------------------------------------------ rendering

  /** The list with a client: an error banner, then the sessions or the state's message. */
  render(): TemplateResult {
    const s = this.mergedStrings;
    let body: TemplateResult;
    if (this.status === 'unsupported') {
      body = html`<p part="unsupported" class="message">${s.unsupported}</p>`;
    } else if (this.status === 'loading') {
      body = html`<p part="loading" class="message">${s.loading}</p>`;
    } else if (this.status === 'error') {
      body = html`<div part="error" role="alert">
        <span class="error-text"><strong>${s.loadError}</strong> ${this.loadError?.message ?? ''}</span>
        <button part="retry" type="button" @click=${this.onRetry}>${s.retry}</button>
      </div>`;
    } else {
      const list = this.store.sessions;
      body =
        list.length === 0
          ? html`<p part="empty" class="message" tabindex="-1">${s.empty}</p>`
          : this.renderList(list, s);
    }
    const error = this.status === 'ready' ? (this.loadError ?? this.actionError) : undefined;
    const banner = error
      ? html`<div part="error" role="alert">
          <span class="error-text"><strong>${this.loadError ? s.loadError : s.focusError}</strong> ${error.message}</span
          >${this.loadError ? html`<button part="retry" type="button" @click=${this.onRetry}>${s.retry}</button>` : nothing}
        </div>`
      : nothing;
    return html`${banner}${body}`;
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
          const pending =
            this.pendingId !== undefined && this.blockOf.get(this.pendingId) === b.key ? this.pendingId : undefined;
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
    const intl = this.host.l10n.intl;
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
          : html`<span class="visually-hidden">${sep}${s.ageLabel(age, formatAgo(intl, -Math.floor(ms / 1000)))}</span><span part="age" aria-hidden="true"
                ><bdi>${age}</bdi></span
              >`}</span
      >${x.unread > 0
        ? html`<span class="visually-hidden">${sep}${s.unreadLabel(x.unread)}</span><span part="badge" aria-hidden="true"
              >${x.unread > 99 ? `${formatCount(intl, 99)}+` : formatCount(intl, x.unread)}</span
            >`
        : nothing}</div
    >`;
  }
}
