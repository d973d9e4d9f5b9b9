/**
 * `<cif-presence>`'s lazy part: the menu (its markup, styles, opening and closing, keyboard with type-ahead,
 * outside click and focus leaving) and every presence change — the agent's (`select()`, the menu; written
 * with CIF `setPresence` or the element's `writer`, with its errors and announcements), Dynamics' (followed
 * as they come), and reading the presence when a client arrives.
 *
 * The element renders the button and the current presence on its own; it loads this module with
 * `import()` when it connects (bundles put it in a chunk of its own, fetched alongside the CIF client) and
 * creates one {@link PresenceMenu} when it arrives. Imports core subpaths only, never the element module.
 *
 * Lit itself (its `html` tag) and core's RovingFocusController are handed over by the element, and the
 * styles are CSS text the element adopts: in the single-file bundle, a static import of a module that the
 * dialer's in-call chunk also imports (lit, core's icons or roving focus) makes Rolldown (1.2) split that
 * module out of the entry into a shared chunk the entry would import statically (the build refuses that).
 */
import type { PropertyValues, ReactiveController, ReactiveControllerHost, TemplateResult, html as litHtml } from 'lit';
import { CifError, toCifError } from '@cif-elements/client/api';
import type { CifClient, CifEventMap, CifPresenceInfo } from '@cif-elements/client/api';
import type { RovingFocusController } from '@cif-elements/core/roving-focus';
import type { CifPresenceApplied, CifPresenceChangeDetail, CifPresenceWriter } from './cif-presence.js';
import { fill } from './fill.js';
import type { CifPresenceStrings } from './strings.js';

/** An error the element shows: reading or writing the presence failed. */
export type PresenceFailure = { kind: 'read' | 'write'; presence?: CifPresenceInfo; error: CifError };

/** What the menu needs of its `<cif-presence>` (members the element marks `@internal` are not public API). */
export interface PresenceHost extends ReactiveControllerHost, HTMLElement {
  value: string;
  open: boolean;
  readonly disabled: boolean;
  readonly writer: CifPresenceWriter | undefined;
  readonly client: CifClient | undefined;
  readonly presence: CifPresenceInfo | undefined;
  readonly localOnly: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly hasUpdated: boolean;
  requestUpdate(name?: PropertyKey, oldValue?: unknown): void;
  /** The usable entries of `presences`. */
  readonly list: CifPresenceInfo[];
  unlisted: CifPresenceInfo | undefined;
  pending: CifPresenceInfo | undefined;
  loading: boolean;
  failure: PresenceFailure | undefined;
  /** Clients whose CIF build has no presence API. */
  readonly presenceless: WeakSet<CifClient>;
  /** The element's strings. */
  readonly texts: CifPresenceStrings;
  /** Where an agent's change goes now. */
  target(client: CifClient | undefined): CifPresenceApplied;
  /** Fires `cif-presence-change`; `false` when cancelled. */
  emitChange(detail: CifPresenceChangeDetail, cancelable: boolean): boolean;
  /** Says a text through the element's live region. */
  say(text: string | (() => string)): void;
  renderDot(p: CifPresenceInfo | undefined, part: string): TemplateResult;
}

/**
 * @internal Styles of the menu, the error, the notice and a pending change (CSS text the element adds to its
 * shadow root when this part arrives: only this part sets `pending` or an error).
 */
export const menuCss = /*css*/ `
  [part~='menu'] {
    position: absolute;
    inset-block-start: calc(100% + var(--cif-space-xs));
    inset-inline-start: 0;
    z-index: var(--cif-presence-menu-z-index);
    display: flex;
    flex-direction: column;
    gap: 2px;
    /* Never wider than the panel (the widget's viewport), also at 200 % zoom. */
    min-inline-size: min(var(--cif-presence-menu-min-width), 100vw - 2 * var(--cif-space-s));
    max-inline-size: min(var(--cif-presence-menu-max-width), 100vw - 2 * var(--cif-space-s));
    max-block-size: 20rem;
    overflow: auto;
    margin: 0;
    padding: var(--cif-space-xs);
    border: 1px solid var(--cif-color-border);
    border-radius: var(--cif-radius-m);
    background: var(--cif-color-surface);
    box-shadow: var(--cif-shadow-16);
  }
  [part~='menu'][hidden] {
    display: none;
  }
  [part~='menu']:focus {
    outline: none;
  }

  [part~='option'] {
    display: flex;
    align-items: center;
    gap: var(--cif-space-s);
    min-block-size: var(--cif-size-control);
    padding-inline: var(--cif-space-s);
    border-radius: var(--cif-radius-s);
    cursor: pointer;
    user-select: none;
  }
  [part~='option']:hover,
  [part~='option']:focus {
    background: var(--cif-color-surface-hover);
  }
  [part~='option']:active {
    background: var(--cif-color-surface-pressed);
  }
  [part~='option'][aria-checked='true'] {
    font-weight: var(--cif-font-weight-semibold);
  }
  [part~='option-label'] {
    flex: 1 1 auto;
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    unicode-bidi: isolate;
  }
  .check {
    flex: none;
    inline-size: 12px;
    block-size: 12px;
    fill: currentColor;
    visibility: hidden;
  }
  [aria-checked='true'] > .check {
    visibility: visible;
  }

  /* ------------------------------------------------------------------ a change on its way, an error */
  .pending .dot {
    animation: cif-presence-pulse 1s ease-in-out infinite alternate;
  }
  .has-error .dot {
    box-shadow: 0 0 0 2px var(--cif-color-surface), 0 0 0 4px var(--cif-color-danger);
  }
  @keyframes cif-presence-pulse {
    from {
      opacity: 1;
    }
    to {
      opacity: 0.35;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .pending .dot {
      animation: none;
      opacity: 0.6;
    }
  }

  /* ------------------------------------------------------------------ error */
  [part~='error'] {
    display: block;
    max-inline-size: var(--cif-presence-menu-max-width);
    margin-block-start: var(--cif-space-xs);
    padding-inline: var(--cif-space-s);
    color: var(--cif-color-danger);
    font-size: var(--cif-font-size-200);
    overflow-wrap: anywhere;
  }
  [part~='notice'] {
    display: block;
    max-inline-size: var(--cif-presence-menu-max-width);
    margin-block-start: var(--cif-space-xs);
    padding-inline: var(--cif-space-s);
    color: var(--cif-color-text-muted);
    font-size: var(--cif-font-size-200);
    overflow-wrap: anywhere;
  }
  .error-detail {
    display: block;
    color: var(--cif-color-text-muted);
    unicode-bidi: isolate;
  }
  /* Compact: no room for text. The error is still announced, described on the button and in its tooltip. */
  :host([compact]) [part~='error'],
  :host([compact]) [part~='notice'] {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  @media (forced-colors: active) {
    .has-error .dot {
      box-shadow: none;
      border-color: Mark;
    }
    [part~='menu'] {
      border: 1px solid CanvasText;
    }
    [part~='option']:focus,
    [part~='option']:hover {
      outline: 2px solid Highlight;
      outline-offset: -2px;
    }
    [part~='option'] {
      border: none;
    }
  }
`;

/**
 * The menu and the presence changes of one `<cif-presence>`, created once when this part arrives. The
 * element keeps what it shows (`value`, `pending`, `failure`, …); this keeps the rest.
 * @internal
 */
export class PresenceMenu implements ReactiveController {
  private readonly host: PresenceHost;
  /** Bumped by every change (agent or Dynamics): a `getPresence` answer older than it is stale. */
  private epoch = 0;
  private loadSeq = 0;
  /** Id of the presence listeners last heard of through `cif-presence-change`. */
  private announcedId: string | undefined;
  private pointerDownWhileOpen = false;
  /** Whether closing the menu returns focus to the button; `null`: only if focus is in the menu. */
  private restoreFocus: boolean | null = null;
  /** The menu's keyboard: ↑ ↓ wrap (a menu), Home/End, PageUp/PageDown to the ends, type-ahead. */
  private readonly rf: RovingFocusController<CifPresenceInfo>;

  /** Lit's `html`, from the element. */
  private readonly html: typeof litHtml;

  /** `Rf` and `html`: core's RovingFocusController and Lit's `html` tag, from the element (see above). */
  constructor(host: PresenceHost, Rf: typeof RovingFocusController, html: typeof litHtml) {
    this.host = host;
    this.html = html;
    host.addController(this);
    this.rf = new Rf<CifPresenceInfo>(host, {
      items: () => host.list,
      key: (p) => p.presenceId,
      wrap: true,
      pageSize: Infinity,
      typeahead: (p) => p.presenceText,
      element: (p) => this.optionOf(p),
    });
    // Opened (the `open` attribute) before this part arrived: the next update opens it properly.
    if (host.open) host.requestUpdate('open', false);
  }

  // ---------------------------------------------------------------- state

  /** Looks a presence up in `presences`: by id first, else by text (exact, then ignoring case). */
  private find(id: string | undefined, text: string | undefined): CifPresenceInfo | undefined {
    const list = this.host.list;
    if (id) {
      const byId = list.find((p) => p.presenceId === id);
      if (byId) return byId;
    }
    if (typeof text === 'string' && text.trim()) {
      const t = text.trim();
      const lower = t.toLocaleLowerCase();
      return (
        list.find((p) => p.presenceText.trim() === t) ??
        list.find((p) => p.presenceText.trim().toLocaleLowerCase() === lower)
      );
    }
    return undefined;
  }

  /** CIF 1.0, or a CIF build without `getPresence`: the presence cannot be read. */
  private readsLocal(client: CifClient): boolean {
    return client.version < 2 || this.host.presenceless.has(client) || client.has?.('getPresence') === false;
  }

  private setCurrent(p: CifPresenceInfo | undefined): void {
    const host = this.host;
    host.unlisted = p && !host.list.includes(p) ? p : undefined;
    host.value = p?.presenceId ?? '';
  }

  private fire(detail: CifPresenceChangeDetail, cancelable: boolean): boolean {
    this.announcedId = detail.presence.presenceId;
    return this.host.emitChange(detail, cancelable);
  }

  private announcePresence(entry: (presence: string) => string, p: CifPresenceInfo): void {
    this.host.say(fill(entry, p.presenceText || this.host.texts.unknown));
  }

  private announceLocalOnly(): void {
    if (this.host.localOnly) this.host.say(() => this.host.texts.localOnly);
  }

  /** `select()`: see the element. */
  select(idOrText: string): Promise<boolean> {
    const key = idOrText.trim();
    const unlisted = this.host.unlisted;
    const target =
      this.find(idOrText, key) ??
      (unlisted && (unlisted.presenceId === idOrText || unlisted.presenceText === key)
        ? unlisted
        : { presenceId: key, presenceText: key });
    return this.change(target);
  }

  /** Reads the presence from a client that just arrived. */
  async load(client: CifClient): Promise<void> {
    const host = this.host;
    const seq = ++this.loadSeq;
    if (host.failure?.kind === 'read') host.failure = undefined;
    if (this.readsLocal(client)) {
      host.loading = false;
      this.announceLocalOnly();
      return;
    }
    const epoch = this.epoch;
    host.loading = true;
    try {
      const text = await client.getPresence();
      if (epoch !== this.epoch || client !== host.client) return;
      const next = this.find(undefined, text) ?? this.find(text, undefined) ?? { presenceId: text, presenceText: text };
      const previous = host.presence;
      host.failure = undefined;
      this.setCurrent(next);
      if (previous?.presenceId !== next.presenceId) {
        this.fire({ presence: next, previous, source: 'dynamics', applied: 'dynamics' }, false);
      }
      else this.announcedId = next.presenceId;
    } catch (e) {
      if (epoch !== this.epoch || client !== host.client) return;
      const error = toCifError(e, 'getPresence');
      if (error.code === 'unsupported') {
        host.presenceless.add(client);
        this.announceLocalOnly();
      } else if (error.code !== 'disposed') {
        host.failure = { kind: 'read', error };
      }
    } finally {
      if (seq === this.loadSeq) host.loading = false;
    }
  }

  /** A change made in Dynamics (`onPresenceChange` / `setPresenceEvent`). */
  dynamicsChange(payload: CifEventMap['presencechanged']): void {
    const host = this.host;
    const next: CifPresenceInfo = this.find(payload.presenceId, payload.presenceText) ??
      (host.unlisted?.presenceId === payload.presenceId ? host.unlisted : undefined) ?? {
        presenceId: payload.presenceId,
        presenceText: payload.presenceText ?? '',
        ...(payload.presenceColor !== undefined ? { presenceColor: payload.presenceColor } : {}),
        ...(payload.basePresenceStatus !== undefined ? { basePresenceStatus: payload.basePresenceStatus } : {}),
      };
    this.epoch++;
    host.failure = undefined;
    // The echo of our own write: `change()` commits it when setPresence resolves.
    if (host.pending && host.pending.presenceId === next.presenceId) return;
    const previous = host.presence;
    if (previous?.presenceId === next.presenceId) return;
    this.setCurrent(next);
    this.fire({ presence: next, previous, source: 'dynamics', applied: 'dynamics' }, false);
    this.announcePresence(host.texts.changedInDynamics, next);
  }

  private async change(target: CifPresenceInfo): Promise<boolean> {
    const host = this.host;
    if (host.disabled || host.pending) return false;
    const previous = host.presence;
    if (previous && previous.presenceId === target.presenceId) return true;
    const client = host.client;
    const applied = host.target(client);
    if (!this.fire({ presence: target, previous, source: 'agent', applied }, true)) {
      this.announcedId = previous?.presenceId;
      return false;
    }
    this.epoch++;
    host.failure = undefined;
    if (applied === 'local') {
      this.setCurrent(target);
      this.announcePresence(client ? host.texts.changedLocally : host.texts.changed, target);
      return true;
    }
    host.pending = target;
    try {
      if (applied === 'writer') {
        const ok = await host.writer!(target, { client, previous });
        if (ok === false) {
          throw new CifError('rejected', 'presenceWriter', `The presence writer refused "${target.presenceText}"`);
        }
      } else {
        await client!.setPresence(target.presenceText);
      }
      host.pending = undefined;
      return this.accept(target, applied);
    } catch (e) {
      host.pending = undefined;
      const error = toCifError(e, applied === 'writer' ? 'presenceWriter' : 'setPresence');
      if (applied === 'dynamics' && error.code === 'unsupported') {
        // A client that cannot tell up front (no `has`): the change stays local, and listeners hear so.
        host.presenceless.add(client!);
        this.announcedId = undefined;
        return this.accept(target, 'local');
      }
      host.failure = { kind: 'write', presence: target, error };
      const current = host.presence;
      if (current && this.announcedId !== current.presenceId) {
        this.fire({ presence: current, previous: target, source: 'agent', applied, reverted: true, error }, false);
      } else if (!current) {
        this.announcedId = undefined;
      }
      return false;
    }
  }

  private accept(target: CifPresenceInfo, applied: CifPresenceApplied): boolean {
    this.epoch++;
    const previous = this.host.presence;
    this.setCurrent(target);
    if (this.announcedId !== target.presenceId) this.fire({ presence: target, previous, source: 'agent', applied }, false);
    this.announcePresence(applied === 'local' ? this.host.texts.changedLocally : this.host.texts.changed, target);
    if (applied === 'local') this.announceLocalOnly();
    return true;
  }

  // ---------------------------------------------------------------- menu

  /** Opens the menu on the current presence (`'checked'`) or the last one. */
  openMenu(where: 'checked' | 'last'): void {
    const host = this.host;
    const list = host.list;
    if (!list.length || host.disabled || host.pending) return;
    const checked = list.findIndex((p) => p.presenceId === host.presence?.presenceId);
    host.open = true;
    void this.rf.setActiveIndex(where === 'last' ? list.length - 1 : Math.max(0, checked));
  }

  /** Closes the menu; `restoreFocus` `null`: focus returns to the button only if it was in the menu. */
  closeMenu(restoreFocus: boolean | null): void {
    if (!this.host.open) return;
    this.restoreFocus = restoreFocus;
    this.host.open = false;
  }

  private optionOf(p: CifPresenceInfo): HTMLElement | null {
    const i = this.host.list.indexOf(p);
    return i < 0 ? null : this.host.renderRoot.querySelector<HTMLElement>(`#option-${i}`);
  }

  private get menuEl(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('#menu');
  }

  private choose(p: CifPresenceInfo): void {
    this.closeMenu(true);
    void this.change(p);
  }

  private readonly onDocumentPointerDown = (e: PointerEvent): void => {
    if (!e.composedPath().includes(this.host)) this.closeMenu(false);
  };

  readonly onButtonPointerDown = (): void => {
    this.pointerDownWhileOpen = this.host.open;
  };

  readonly onButtonClick = (): void => {
    const wasOpen = this.pointerDownWhileOpen;
    this.pointerDownWhileOpen = false;
    if (this.host.disabled || this.host.pending) return;
    if (this.host.open || wasOpen) this.closeMenu(true);
    else this.openMenu('checked');
  };

  readonly onButtonKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.host.open) {
      e.preventDefault();
      e.stopPropagation();
      this.closeMenu(true);
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    if (this.host.disabled || this.host.pending) return;
    this.openMenu(e.key === 'ArrowUp' ? 'last' : 'checked');
  };

  private readonly onMenuKeydown = (e: KeyboardEvent): void => {
    switch (e.key) {
      case 'Enter':
      case ' ': {
        e.preventDefault();
        const active = this.rf.activeItem;
        if (active) this.choose(active);
        return;
      }
      case 'Escape':
        e.preventDefault();
        e.stopPropagation();
        this.closeMenu(true);
        return;
      default:
        // arrows, Home/End, PageUp/PageDown and type-ahead; other printable keys do nothing in a menu
        if (!this.rf.handleKeydown(e) && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) e.preventDefault();
    }
  };

  /** Focus left the menu (or the button while the menu is open) for anything but the menu: close. */
  readonly onFocusOut = (e: FocusEvent): void => {
    const to = e.relatedTarget as Node | null;
    if (to && this.menuEl?.contains(to)) return;
    this.closeMenu(false);
  };

  private readonly onOptionClick = (e: Event): void => {
    const i = Number((e.currentTarget as HTMLElement).id.slice('option-'.length));
    const p = this.host.list[i];
    if (p) this.choose(p);
  };

  // ---------------------------------------------------------------- lifecycle

  hostDisconnected(): void {
    document.removeEventListener('pointerdown', this.onDocumentPointerDown, true);
    this.restoreFocus = false;
    this.host.open = false;
  }

  /** From the element's `willUpdate`. */
  willUpdate(changed: PropertyValues): void {
    const host = this.host;
    if ((host.disabled || !host.list.length) && host.open) host.open = false;
    if (changed.has('open') && host.open && !this.rf.activeItem) {
      // opened with the `open` property: the current presence holds the tab stop
      const list = host.list;
      void this.rf.setActive(list.find((p) => p.presenceId === host.presence?.presenceId) ?? list[0], { focus: false });
    }
    if (changed.has('open') && !host.open) this.rf.clear();
    if (changed.has('open') && !host.open && this.restoreFocus === null && host.hasUpdated) {
      const active = (host.renderRoot as ShadowRoot).activeElement;
      this.restoreFocus = !!active && !!this.menuEl?.contains(active);
    }
  }

  /** From the element's `updated`. */
  updated(changed: PropertyValues): void {
    if (!changed.has('open')) return;
    if (this.host.open) {
      document.addEventListener('pointerdown', this.onDocumentPointerDown, true);
    } else {
      document.removeEventListener('pointerdown', this.onDocumentPointerDown, true);
      if (this.restoreFocus) this.host.renderRoot.querySelector<HTMLElement>('#button')?.focus();
      this.restoreFocus = null;
    }
  }

  // ---------------------------------------------------------------- render

  /** The error shown under the button ('' when none). */
  private errorText(): string {
    const failure = this.host.failure;
    const s = this.host.texts;
    if (!failure) return '';
    if (failure.kind === 'read') return failure.error.cause === 'FAILED' ? s.unavailable : s.readError;
    return fill(s.writeError, failure.presence?.presenceText ?? s.unknown);
  }

  /**
   * What the button says of the error and the "local only" notice: the ids that describe it, and their
   * text for its tooltip in compact mode ('' when there is neither).
   */
  notes(): { describedBy: string; text: string } {
    const host = this.host;
    const localOnly = host.localOnly;
    return {
      describedBy: [host.failure ? 'error' : '', localOnly ? 'notice' : ''].filter(Boolean).join(' '),
      text: [this.errorText(), localOnly ? host.texts.localOnly : ''].filter(Boolean).join('\n'),
    };
  }

  /** The menu (hidden while closed), then the error and the "local only" notice, if any. */
  render(): TemplateResult {
    const { host, html } = this;
    const checkedId = host.presence?.presenceId;
    const failure = host.failure;
    return html`<div
      id="menu"
      part="menu"
      role="menu"
      tabindex="-1"
      aria-label=${host.texts.menuLabel}
      ?hidden=${!host.open}
      @keydown=${this.onMenuKeydown}
      @focusout=${this.onFocusOut}
    >
      ${host.list.map(
        (p, i) => html`<div
          id=${`option-${i}`}
          part="option"
          role="menuitemradio"
          tabindex=${this.rf.tabIndexOf(p)}
          aria-checked=${p.presenceId === checkedId ? 'true' : 'false'}
          @click=${this.onOptionClick}
        >
          ${host.renderDot(p, 'option-dot')}
          <span part="option-label">${p.presenceText}</span>
          <svg class="check" viewBox="0 0 12 12" aria-hidden="true">
            <path
              d="M10.35 2.65a.5.5 0 0 1 0 .7l-6 6a.5.5 0 0 1-.7 0l-2.5-2.5a.5.5 0 1 1 .7-.7L4 8.29l5.65-5.64a.5.5 0 0 1 .7 0Z"
            ></path>
          </svg>
        </div>`,
      )}
    </div>
    ${failure
      ? html`<div id="error" part="error" role="alert">
          ${this.errorText()}<span class="error-detail">${failure.error.message}</span>
        </div>`
      : undefined}
    ${host.localOnly ? html`<div id="notice" part="notice">${host.texts.localOnly}</div>` : undefined}`;
  }
}
