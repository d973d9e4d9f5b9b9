import { html } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { CifClientElement, LazyPart, baseStyles, cifElement, lazyModule } from '@cif-elements/core';
import type { CifEventHandlers, PartLoader } from '@cif-elements/core';
import type { CifClient, CifSession } from '@cif-elements/client/api';
import { sessionListStyles } from './cif-session-list.styles.js';
import type { SessionRows } from './session-rows.js';
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

/** The rows' module (session-rows.ts). */
type SessionRowsModule = typeof import('./session-rows.js');

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
  static override styles = [baseStyles, sessionListStyles];
  static override localization = { defaults: DEFAULT_SESSION_LIST_STRINGS, packs: SESSION_LIST_LOCALE_PACKS };

  /**
   * The rows (session-rows.ts): everything the list needs once it has a client — the sessions, their
   * rendering, the keyboard, selecting — loaded once per page. (A subclass may load them otherwise: tests
   * hold them back or fail them.)
   * @internal
   */
  static rowsModule: PartLoader<SessionRowsModule> = lazyModule(() => import('./session-rows.js'));

  /**
   * Loads the rows from when a client is to be expected: on connecting inside a `<cif-provider>` (in
   * parallel with the client it is connecting), else when a client arrives. A list on a page without a
   * provider or client fetches nothing.
   */
  private readonly rowsPart = new LazyPart(this, (this.constructor as typeof CifSessionList).rowsModule, 'with-client', (m) => m.rowStyles);
  /** The rows, once their module is there (they hold the sessions and render the list). */
  private rows: SessionRows | undefined;

  protected override clientEvents(): CifEventHandlers {
    // Events before the rows arrive are not lost: the rows read the sessions after they arrive.
    return {
      sessioncreated: (s) => this.rows?.onCreated(s),
      sessionupdated: (s) => this.rows?.onUpdated(s),
      sessionswitched: (p) => this.rows?.onSwitched(p),
      sessionclosed: (p) => this.rows?.onClosed(p),
    };
  }

  protected override clientChanged(client: CifClient): void {
    void this.rowsPart.load();
    void this.useRows()?.load(client);
  }

  /** The sessions, in list order (a read-only snapshot; `focused` marks the focused one). */
  get sessions(): readonly CifSession[] {
    return (this.cif.client && this.rows?.sessions) || NO_SESSIONS;
  }

  /** What the list shows (also reflected as the `state` attribute). */
  get state(): CifSessionListState {
    if (!this.cif.client) return 'idle';
    return this.rows ? this.rows.state : this.rowsPart.failed ? 'error' : 'loading';
  }

  /** Reads the sessions from CIF again (after a load error, or to resynchronise). */
  async reload(): Promise<void> {
    const client = this.cif.client;
    if (!client) return;
    if (!this.rows) await this.rowsPart.load(); // after a failed load of the rows, try again
    await this.useRows()?.load(client);
  }

  /**
   * Resolves once the rows have arrived (or failed to), pending session events (batched per frame) and
   * every row of a long list are rendered.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await this.rowsPart.settle(() => super.getUpdateComplete());
    let pending: Promise<void> | undefined;
    while ((pending = this.rows?.pending)) {
      await pending;
      result = await super.getUpdateComplete();
    }
    return result;
  }

  /** The rows, created when their module is there. */
  private useRows(): SessionRows | undefined {
    const m = this.rowsPart.value;
    this.rows ??= m && new m.SessionRows({
      el: this,
      s: () => this.s,
      l10n: this.l10n,
      emitSelect: (detail) => this.emit('cif-session-select', detail, { cancelable: true }),
      announce: (text) => this.announce(text),
    });
    return this.rows;
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.useRows()?.willUpdate(this.cif.client);
  }

  protected override updated(_changed: PropertyValues<this>): void {
    const state = this.state;
    if (this.getAttribute('state') !== state) this.setAttribute('state', state);
    this.rows?.updated();
  }

  override render(): TemplateResult {
    const s = this.s;
    const rows = this.cif.client && this.rows;
    // Before a client, and while the rows are on their way: a message. Should they fail to load, retry.
    const body = rows
      ? rows.render()
      : !this.cif.client
        ? html`<p part="idle" class="message">${s.notConnected}</p>`
        : this.rowsPart.failed
          ? html`<div part="error" role="alert">
              <span class="error-text"><strong>${s.loadError}</strong></span>
              <button part="retry" type="button" @click=${this.reload}>${s.retry}</button>
            </div>`
          : html`<p part="loading" class="message">${s.loading}</p>`;
    return html`${body}${this.renderAnnouncer()}`;
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
