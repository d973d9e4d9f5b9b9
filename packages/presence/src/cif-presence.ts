import { html, nothing, svg } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { CifError, DEFAULT_PRESENCES, toCifError } from '@cif-elements/client/api';
import type { CifClient, CifEventMap, CifPresenceInfo } from '@cif-elements/client/api';
import { CifClientElement, RovingFocusController, baseStyles, cifElement, styleProps } from '@cif-elements/core';
import type { CifEventHandlers } from '@cif-elements/core';
import { presenceStyles } from './cif-presence.styles.js';
import { DEFAULT_PRESENCE_STRINGS, PRESENCE_LOCALE_PACKS, type CifPresenceStrings } from './strings.js';

/** Who changed the presence: the agent in this widget (or the page through `select()`), or Dynamics 365. */
export type CifPresenceChangeSource = 'agent' | 'dynamics';

/**
 * Where an agent's change goes: `'dynamics'` — written to Dynamics 365 with CIF `setPresence`;
 * `'writer'` — handed to the element's `writer` (the provider's own presence, e.g. its telephony);
 * `'local'` — nowhere: only this element shows it, Dynamics 365 does NOT (CIF 1.0, or a CIF library without
 * `setPresence`). Changes made in Dynamics report `'dynamics'`.
 */
export type CifPresenceApplied = 'dynamics' | 'writer' | 'local';

/**
 * A provider's own presence writer, set as `<cif-presence>.writer`. Called for every change the agent makes,
 * instead of CIF `setPresence`. Resolve (anything but `false`) when applied; resolve `false` or reject when
 * refused — the element then reverts and shows the error. Call `context.client?.setPresence(...)` yourself
 * to also write Omnichannel presence where the library has it.
 */
export type CifPresenceWriter = (
  presence: CifPresenceInfo,
  context: { client: CifClient | undefined; previous: CifPresenceInfo | undefined },
) => unknown;

/** `detail` of the `cif-presence-change` event. */
export interface CifPresenceChangeDetail {
  /** The new presence. */
  presence: CifPresenceInfo;
  /** The presence shown before, if one was known. */
  previous?: CifPresenceInfo;
  /** `'agent'`: chosen in this element or with `select()`; `'dynamics'`: changed in Dynamics 365. */
  source: CifPresenceChangeSource;
  /**
   * Where the change is (for the cancelable agent event: will be) applied. `'local'` means it was NOT
   * applied in Dynamics 365: only this element and your listeners know it.
   */
  applied: CifPresenceApplied;
  /**
   * `true` when Dynamics refused an agent change and the element went back to `presence`; `previous` is
   * then the presence that was refused. Such an event is not cancelable.
   */
  reverted?: boolean;
  /** Why the change was reverted (with `reverted`). */
  error?: CifError;
}

/**
 * Fills a text that shows a presence: a function entry, or (deprecated, from `strings` set before entries
 * were functions) a template with `{presence}`.
 */
const fill = (entry: ((presence: string) => string) | string, presence: string): string =>
  typeof entry === 'function' ? entry(presence) : String(entry).replace('{presence}', () => presence);

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const NAMED_COLOR = /^[a-z]{3,24}$/i;
const NOT_A_PRESENCE_COLOR = new Set(['inherit', 'initial', 'unset', 'revert', 'transparent', 'currentcolor']);
const STATUS_COLORS: Record<string, string> = {
  AVAILABLE: 'var(--cif-presence-color-available)',
  BUSY: 'var(--cif-presence-color-busy)',
  BUSY_DO_NOT_DISTURB: 'var(--cif-presence-color-busy)',
  AWAY: 'var(--cif-presence-color-away)',
  OFFLINE: 'var(--cif-presence-color-offline)',
};

const statusOf = (p: CifPresenceInfo | undefined): string => {
  const s = typeof p?.basePresenceStatus === 'string' ? p.basePresenceStatus.toUpperCase() : '';
  return s in STATUS_COLORS ? s : p ? 'other' : 'unknown';
};

/**
 * The dot colour of a presence: its own colour when it is `#rgb`, `#rrggbb` or a named colour, else the
 * colour of its base status. Anything else (`red;background:url(…)`, `var(--x)`, `expression(…)`) is
 * ignored, so a presence colour can never inject CSS.
 */
export function presenceDotColor(p: CifPresenceInfo | undefined): string {
  const c = typeof p?.presenceColor === 'string' ? p.presenceColor.trim() : '';
  if (HEX_COLOR.test(c)) return c;
  if (
    NAMED_COLOR.test(c) &&
    !NOT_A_PRESENCE_COLOR.has(c.toLowerCase()) &&
    (typeof CSS === 'undefined' || CSS.supports('color', c))
  ) {
    return c.toLowerCase();
  }
  return STATUS_COLORS[statusOf(p)] ?? 'var(--cif-color-border-strong)';
}

const isPresence = (p: unknown): p is CifPresenceInfo =>
  !!p &&
  typeof p === 'object' &&
  typeof (p as CifPresenceInfo).presenceId === 'string' &&
  typeof (p as CifPresenceInfo).presenceText === 'string' &&
  (p as CifPresenceInfo).presenceText.trim() !== '';

const valueConverter = {
  fromAttribute: (v: string | null) => v ?? '',
  toAttribute: (v: string) => (v ? v : null),
};

const caretIcon = svg`<path d="M2.15 4.65a.5.5 0 0 1 .7 0L6 7.79l3.15-3.14a.5.5 0 1 1 .7.7l-3.5 3.5a.5.5 0 0 1-.7 0l-3.5-3.5a.5.5 0 0 1 0-.7Z"></path>`;
const checkIcon = svg`<path d="M10.35 2.65a.5.5 0 0 1 0 .7l-6 6a.5.5 0 0 1-.7 0l-2.5-2.5a.5.5 0 1 1 .7-.7L4 8.29l5.65-5.64a.5.5 0 0 1 .7 0Z"></path>`;

type Failure = { kind: 'read' | 'write'; presence?: CifPresenceInfo; error: CifError };

/**
 * The agent's presence in Dynamics 365 Omnichannel — a coloured dot and its text — and a menu button to
 * change it. Reads the presence with CIF `getPresence`, writes it with `setPresence(text)` and follows the
 * changes made in Dynamics (`onPresenceChange` / `setPresenceEvent`). On CIF 1.0, and on CIF libraries
 * without `getPresence`/`setPresence` (the shipped 2026 build), it works locally: the selection changes,
 * `cif-presence-change` fires with `applied: 'local'`, and on CIF 2.0 a visible, announced notice says that
 * changes do not reach Dynamics 365; changes made in Dynamics still update it. Set `writer` to apply the
 * agent's changes to your own presence (e.g. your telephony) instead of CIF `setPresence`.
 *
 * Keyboard (WAI-ARIA menu button): Enter, Space or ↓ opens the menu on the current presence (↑ on the
 * last one); ↑ ↓ (wrapping around) Home End move; typing a letter jumps to the next presence starting with
 * it (letters typed within 0.7 s search together); Enter or Space picks; Escape closes and returns focus to
 * the button; Tab leaves and closes.
 *
 * Text: English built in, the other locales load with the element's or its provider's `locale`; replace
 * any of it with `strings` (see `DEFAULT_PRESENCE_STRINGS`). Presence names are the provider's data (what
 * `setPresence` sends) and are shown as given.
 *
 * @summary The agent's presence, with a menu to change it.
 * @tagname cif-presence
 *
 * @fires cif-presence-change - The shown presence changed. `detail: CifPresenceChangeDetail`
 *   (`{ presence, previous?, source: 'agent' | 'dynamics', applied: 'dynamics' | 'writer' | 'local', reverted?,
 *   error? }`; `applied: 'local'` = not applied in Dynamics 365). For `source: 'agent'` it
 *   is fired BEFORE anything is written to CIF and is cancelable: `preventDefault()` keeps the old
 *   presence and writes nothing. If Dynamics then refuses the change, the element reverts and fires a
 *   second, non-cancelable event with `reverted: true`. `source: 'dynamics'` events are not cancelable.
 *
 * @csspart button - The menu button (dot, label and caret).
 * @csspart dot - The colour dot of the current presence.
 * @csspart label - The text of the current presence (visually hidden in `compact` mode).
 * @csspart caret - The chevron of the button (hidden in `compact` mode).
 * @csspart menu - The popup list of presences (`role="menu"`).
 * @csspart option - One presence in the menu (`role="menuitemradio"`).
 * @csspart option-dot - The colour dot of a presence in the menu.
 * @csspart option-label - The text of a presence in the menu.
 * @csspart error - The error message (`role="alert"`); visually hidden in `compact` mode.
 * @csspart notice - The "local only" notice (CIF 2.0 library without presence API); visually hidden in
 *   `compact` mode, where it is in the button's tooltip and description.
 *
 * @cssprop [--cif-presence-dot-size=10px] - Diameter of the dots.
 * @cssprop [--cif-presence-menu-min-width=12rem] - Minimum width of the menu.
 * @cssprop [--cif-presence-menu-max-width=20rem] - Maximum width of the menu and of the error message.
 * @cssprop [--cif-presence-menu-z-index=1000] - Stacking level of the menu.
 * @cssprop [--cif-presence-color-available=#6bb700] - Dot colour of AVAILABLE presences without a valid colour.
 * @cssprop [--cif-presence-color-busy=#c50f1f] - Dot colour of BUSY and BUSY_DO_NOT_DISTURB presences without a valid colour.
 * @cssprop [--cif-presence-color-away=#ffaa44] - Dot colour of AWAY presences without a valid colour.
 * @cssprop [--cif-presence-color-offline=#8a8886] - Dot colour of OFFLINE presences without a valid colour.
 */
@cifElement('cif-presence')
export class CifPresence extends CifClientElement<CifPresenceStrings> {
  static override styles = [baseStyles, presenceStyles];
  static override localization = { defaults: DEFAULT_PRESENCE_STRINGS, packs: PRESENCE_LOCALE_PACKS };

  /**
   * The presences the agent can choose from (CIF has no call that lists them): `presenceId`,
   * `presenceText` (exactly as Omnichannel names it — it is what `setPresence` sends), `presenceColor`
   * (`#rgb`, `#rrggbb` or a colour name) and `basePresenceStatus`. Default: Omnichannel's five base
   * statuses (`DEFAULT_PRESENCES`). Entries without an id or text are ignored.
   */
  @property({ attribute: false }) presences: readonly CifPresenceInfo[] = DEFAULT_PRESENCES;

  /**
   * Id of the shown presence (reflected). Setting it only changes what is shown — it writes nothing to
   * CIF and fires no event; use `select()` for a change the agent makes.
   */
  @property({ reflect: true, converter: valueConverter }) value = '';

  /** Show just the dot (for narrow panels). The button keeps its accessible name and stays operable. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** Whether the menu is open (reflected). Prefer `show()`, which also moves focus into the menu. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** Disables the button and `select()`. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /**
   * The provider's own presence writer, used for the agent's changes instead of CIF `setPresence` (see
   * {@link CifPresenceWriter}). With a writer, changes report `applied: 'writer'`.
   */
  @property({ attribute: false }) writer: CifPresenceWriter | undefined;

  /** A presence Dynamics reported that is not in `presences` (shown, not offered in the menu). */
  @state() private unlisted: CifPresenceInfo | undefined;
  /** The presence being written to CIF. */
  @state() private pending: CifPresenceInfo | undefined;
  @state() private loading = false;
  @state() private failure: Failure | undefined;

  @query('#button') private buttonEl!: HTMLButtonElement;
  @query('#menu') private menuEl!: HTMLElement;

  /** Bumped by every change (agent or Dynamics): a `getPresence` answer older than it is stale. */
  private epoch = 0;
  private loadSeq = 0;
  /** Id of the presence listeners last heard of through `cif-presence-change`. */
  private announcedId: string | undefined;
  /** Clients whose CIF build has no presence API (`unsupported`): the element works locally with them. */
  private readonly presenceless = new WeakSet<CifClient>();
  private pointerDownWhileOpen = false;
  /** Whether closing the menu returns focus to the button; `null`: only if focus is in the menu. */
  private restoreFocus: boolean | null = null;

  /** The menu's keyboard: ↑ ↓ wrap (a menu), Home/End, PageUp/PageDown to the ends, type-ahead. */
  private readonly rf = new RovingFocusController<CifPresenceInfo>(this, {
    items: () => this.list,
    key: (p) => p.presenceId,
    wrap: true,
    pageSize: Infinity,
    typeahead: (p) => p.presenceText,
    element: (p) => this.optionOf(p),
  });

  protected override clientEvents(): CifEventHandlers {
    return { presencechanged: (p) => this.onDynamicsChange(p) };
  }

  protected override clientChanged(client: CifClient): void {
    void this.load(client);
  }

  /** The shown presence (not the one being written), or `undefined` when none is known. */
  get presence(): CifPresenceInfo | undefined {
    if (this.unlisted && this.unlisted.presenceId === this.value) return this.unlisted;
    return this.value ? this.list.find((p) => p.presenceId === this.value) : undefined;
  }

  /** The error shown, if any: reading or writing the presence failed. */
  get error(): CifError | undefined {
    return this.failure?.error;
  }

  /** Whether a change is being written to CIF (the button is `aria-busy` and ignores input meanwhile). */
  get busy(): boolean {
    return !!this.pending;
  }

  /** Opens the menu and moves focus to the current presence. */
  show(): void {
    this.openMenu('checked');
  }

  /** Closes the menu (focus returns to the button if it was in the menu). */
  hide(): void {
    this.closeMenu(null);
  }

  /**
   * Changes the presence as the agent would: by id or text from `presences` (a text that is not in the list
   * is sent to CIF as is, e.g. `"onVoiceCall"`). Fires the cancelable `cif-presence-change` first, then
   * writes with `setPresence`. Resolves `true` when the presence was changed (or already was this one),
   * `false` when the event was cancelled, the element is disabled or busy, or Dynamics refused (the element
   * then reverts and shows the error). Never rejects. On CIF 1.0 the change is local.
   */
  async select(idOrText: string): Promise<boolean> {
    if (typeof idOrText !== 'string' || idOrText.trim() === '') return false;
    const key = idOrText.trim();
    const target =
      this.find(idOrText, key) ??
      (this.unlisted && (this.unlisted.presenceId === idOrText || this.unlisted.presenceText === key)
        ? this.unlisted
        : { presenceId: key, presenceText: key });
    return this.change(target);
  }

  // ---------------------------------------------------------------- state

  /** The usable entries of `presences`. */
  private get list(): CifPresenceInfo[] {
    return Array.isArray(this.presences) ? this.presences.filter(isPresence) : [];
  }

  /** Looks a presence up in `presences`: by id first, else by text (exact, then ignoring case). */
  private find(id: string | undefined, text: string | undefined): CifPresenceInfo | undefined {
    const list = this.list;
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
  private readsLocal(client: CifClient | undefined): boolean {
    return !client || client.version < 2 || this.presenceless.has(client) || client.has?.('getPresence') === false;
  }

  /** CIF 1.0, or a CIF build without `setPresence`: a change cannot be written to Dynamics 365. */
  private writesLocal(client: CifClient | undefined): boolean {
    return !client || client.version < 2 || this.presenceless.has(client) || client.has?.('setPresence') === false;
  }

  /** Where an agent's change goes now. */
  private target(client: CifClient | undefined): CifPresenceApplied {
    if (typeof this.writer === 'function') return 'writer';
    return this.writesLocal(client) ? 'local' : 'dynamics';
  }

  /** Whether the "local only" notice applies: a CIF 2.0 host whose library cannot take presence changes. */
  get localOnly(): boolean {
    const client = this.cif.client;
    return !!client && client.version >= 2 && this.target(client) === 'local';
  }

  private setCurrent(p: CifPresenceInfo | undefined): void {
    this.unlisted = p && !this.list.includes(p) ? p : undefined;
    this.value = p?.presenceId ?? '';
  }

  private fire(detail: CifPresenceChangeDetail, cancelable: boolean): boolean {
    this.announcedId = detail.presence.presenceId;
    return this.emit('cif-presence-change', detail, { cancelable });
  }

  private announcePresence(entry: (presence: string) => string, p: CifPresenceInfo): void {
    this.announce(fill(entry, p.presenceText || this.s.unknown));
  }

  private announceLocalOnly(): void {
    if (this.localOnly) this.announce(() => this.s.localOnly);
  }

  /** Reads the presence from a client that just arrived. */
  private async load(client: CifClient): Promise<void> {
    const seq = ++this.loadSeq;
    if (this.failure?.kind === 'read') this.failure = undefined;
    if (this.readsLocal(client)) {
      this.loading = false;
      this.announceLocalOnly();
      return;
    }
    const epoch = this.epoch;
    this.loading = true;
    try {
      const text = await client.getPresence();
      if (epoch !== this.epoch || client !== this.cif.client) return;
      const next = this.find(undefined, text) ?? this.find(text, undefined) ?? { presenceId: text, presenceText: text };
      const previous = this.presence;
      this.failure = undefined;
      this.setCurrent(next);
      if (previous?.presenceId !== next.presenceId) {
        this.fire({ presence: next, previous, source: 'dynamics', applied: 'dynamics' }, false);
      }
      else this.announcedId = next.presenceId;
    } catch (e) {
      if (epoch !== this.epoch || client !== this.cif.client) return;
      const error = toCifError(e, 'getPresence');
      if (error.code === 'unsupported') {
        this.presenceless.add(client);
        this.announceLocalOnly();
      } else if (error.code !== 'disposed') {
        this.failure = { kind: 'read', error };
      }
    } finally {
      if (seq === this.loadSeq) this.loading = false;
    }
  }

  /** A change made in Dynamics (`onPresenceChange` / `setPresenceEvent`). */
  private onDynamicsChange(payload: CifEventMap['presencechanged']): void {
    const next: CifPresenceInfo = this.find(payload.presenceId, payload.presenceText) ??
      (this.unlisted?.presenceId === payload.presenceId ? this.unlisted : undefined) ?? {
        presenceId: payload.presenceId,
        presenceText: payload.presenceText ?? '',
        ...(payload.presenceColor !== undefined ? { presenceColor: payload.presenceColor } : {}),
        ...(payload.basePresenceStatus !== undefined ? { basePresenceStatus: payload.basePresenceStatus } : {}),
      };
    this.epoch++;
    this.failure = undefined;
    // The echo of our own write: `change()` commits it when setPresence resolves.
    if (this.pending && this.pending.presenceId === next.presenceId) return;
    const previous = this.presence;
    if (previous?.presenceId === next.presenceId) return;
    this.setCurrent(next);
    this.fire({ presence: next, previous, source: 'dynamics', applied: 'dynamics' }, false);
    this.announcePresence(this.s.changedInDynamics, next);
  }

  private async change(target: CifPresenceInfo): Promise<boolean> {
    if (this.disabled || this.pending) return false;
    const previous = this.presence;
    if (previous && previous.presenceId === target.presenceId) return true;
    const client = this.cif.client;
    const applied = this.target(client);
    if (!this.fire({ presence: target, previous, source: 'agent', applied }, true)) {
      this.announcedId = previous?.presenceId;
      return false;
    }
    this.epoch++;
    this.failure = undefined;
    if (applied === 'local') {
      this.setCurrent(target);
      this.announcePresence(client ? this.s.changedLocally : this.s.changed, target);
      return true;
    }
    this.pending = target;
    try {
      if (applied === 'writer') {
        const ok = await this.writer!(target, { client, previous });
        if (ok === false) {
          throw new CifError('rejected', 'presenceWriter', `The presence writer refused "${target.presenceText}"`);
        }
      } else {
        await client!.setPresence(target.presenceText);
      }
      this.pending = undefined;
      return this.accept(target, applied);
    } catch (e) {
      this.pending = undefined;
      const error = toCifError(e, applied === 'writer' ? 'presenceWriter' : 'setPresence');
      if (applied === 'dynamics' && error.code === 'unsupported') {
        // A client that cannot tell up front (no `has`): the change stays local, and listeners hear so.
        this.presenceless.add(client!);
        this.announcedId = undefined;
        return this.accept(target, 'local');
      }
      this.failure = { kind: 'write', presence: target, error };
      const current = this.presence;
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
    const previous = this.presence;
    this.setCurrent(target);
    if (this.announcedId !== target.presenceId) this.fire({ presence: target, previous, source: 'agent', applied }, false);
    this.announcePresence(applied === 'local' ? this.s.changedLocally : this.s.changed, target);
    if (applied === 'local') this.announceLocalOnly();
    return true;
  }

  // ---------------------------------------------------------------- menu

  private openMenu(where: 'checked' | 'last'): void {
    const list = this.list;
    if (!list.length || this.disabled || this.pending) return;
    const checked = list.findIndex((p) => p.presenceId === this.presence?.presenceId);
    this.open = true;
    void this.rf.setActiveIndex(where === 'last' ? list.length - 1 : Math.max(0, checked));
  }

  private closeMenu(restoreFocus: boolean | null): void {
    if (!this.open) return;
    this.restoreFocus = restoreFocus;
    this.open = false;
  }

  private optionOf(p: CifPresenceInfo): HTMLElement | null {
    const i = this.list.indexOf(p);
    return i < 0 ? null : this.renderRoot.querySelector<HTMLElement>(`#option-${i}`);
  }

  private choose(p: CifPresenceInfo): void {
    this.closeMenu(true);
    void this.change(p);
  }

  private readonly onDocumentPointerDown = (e: PointerEvent): void => {
    if (!e.composedPath().includes(this)) this.closeMenu(false);
  };

  private onButtonPointerDown(): void {
    this.pointerDownWhileOpen = this.open;
  }

  private onButtonClick(): void {
    const wasOpen = this.pointerDownWhileOpen;
    this.pointerDownWhileOpen = false;
    if (this.disabled || this.pending) return;
    if (this.open || wasOpen) this.closeMenu(true);
    else this.openMenu('checked');
  }

  private onButtonKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.open) {
      e.preventDefault();
      e.stopPropagation();
      this.closeMenu(true);
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    if (this.disabled || this.pending) return;
    this.openMenu(e.key === 'ArrowUp' ? 'last' : 'checked');
  }

  private onMenuKeydown(e: KeyboardEvent): void {
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
  }

  /** Focus left the menu (or the button while the menu is open) for anything but the menu: close. */
  private onFocusOut(e: FocusEvent): void {
    const to = e.relatedTarget as Node | null;
    if (to && this.menuEl?.contains(to)) return;
    this.closeMenu(false);
  }

  // ---------------------------------------------------------------- lifecycle

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.onDocumentPointerDown, true);
    this.restoreFocus = false;
    this.open = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((this.disabled || !this.list.length) && this.open) this.open = false;
    if (changed.has('open') && this.open && !this.rf.activeItem) {
      // opened with the `open` property: the current presence holds the tab stop
      const list = this.list;
      void this.rf.setActive(list.find((p) => p.presenceId === this.presence?.presenceId) ?? list[0], { focus: false });
    }
    if (changed.has('open') && !this.open) this.rf.clear();
    if (changed.has('open') && !this.open && this.restoreFocus === null && this.hasUpdated) {
      const active = this.shadowRoot?.activeElement;
      this.restoreFocus = !!active && !!this.menuEl?.contains(active);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    if (this.open) {
      document.addEventListener('pointerdown', this.onDocumentPointerDown, true);
    } else {
      document.removeEventListener('pointerdown', this.onDocumentPointerDown, true);
      if (this.restoreFocus) this.buttonEl?.focus();
      this.restoreFocus = null;
    }
  }

  // ---------------------------------------------------------------- render

  private renderDot(p: CifPresenceInfo | undefined, part: string) {
    return html`<span
      part=${part}
      class="dot"
      data-status=${statusOf(p)}
      style=${styleProps({ '--cif-presence-dot-color': p ? presenceDotColor(p) : undefined })}
      aria-hidden="true"
    ></span>`;
  }

  override render(): TemplateResult {
    const s = this.s;
    const shown = this.pending ?? this.presence;
    const text = shown?.presenceText || (this.loading ? s.loading : s.unknown);
    const name = fill(this.pending ? s.changing : s.buttonLabel, text);
    const busy = !!this.pending || this.loading;
    const list = this.list;
    const checkedId = this.presence?.presenceId;
    const failure = this.failure;
    const errorText = failure
      ? failure.kind === 'read'
        ? failure.error.cause === 'FAILED'
          ? s.unavailable
          : s.readError
        : fill(s.writeError, failure.presence?.presenceText ?? s.unknown)
      : '';
    const localOnly = this.localOnly;
    const describedBy = [failure ? 'error' : '', localOnly ? 'notice' : ''].filter(Boolean).join(' ');
    const tooltip = [name, failure ? errorText : '', localOnly ? s.localOnly : ''].filter(Boolean).join('\n');
    return html`
      <button
        id="button"
        part="button"
        type="button"
        class=${classMap({ pending: !!this.pending, 'has-error': !!failure })}
        aria-label=${name}
        aria-haspopup="menu"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="menu"
        aria-busy=${busy ? 'true' : 'false'}
        aria-disabled=${this.pending ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        title=${ifDefined(this.compact ? tooltip : undefined)}
        ?disabled=${this.disabled}
        @pointerdown=${this.onButtonPointerDown}
        @click=${this.onButtonClick}
        @keydown=${this.onButtonKeydown}
        @focusout=${this.onFocusOut}
      >
        ${this.renderDot(shown, 'dot')}
        <span part="label">${text}</span>
        <svg class="caret" part="caret" viewBox="0 0 12 12" aria-hidden="true">${caretIcon}</svg>
      </button>
      <div
        id="menu"
        part="menu"
        role="menu"
        tabindex="-1"
        aria-label=${s.menuLabel}
        ?hidden=${!this.open}
        @keydown=${this.onMenuKeydown}
        @focusout=${this.onFocusOut}
      >
        ${list.map(
          (p, i) => html`<div
            id=${`option-${i}`}
            part="option"
            role="menuitemradio"
            tabindex=${this.rf.tabIndexOf(p)}
            aria-checked=${p.presenceId === checkedId ? 'true' : 'false'}
            @click=${() => this.choose(p)}
          >
            ${this.renderDot(p, 'option-dot')}
            <span part="option-label">${p.presenceText}</span>
            <svg class="check" viewBox="0 0 12 12" aria-hidden="true">${checkIcon}</svg>
          </div>`,
        )}
      </div>
      ${failure
        ? html`<div id="error" part="error" role="alert">
            ${errorText}<span class="error-detail">${failure.error.message}</span>
          </div>`
        : nothing}
      ${localOnly ? html`<div id="notice" part="notice">${s.localOnly}</div>` : nothing}
      ${this.renderAnnouncer()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cif-presence': CifPresence;
  }
  interface HTMLElementEventMap {
    'cif-presence-change': CustomEvent<CifPresenceChangeDetail>;
  }
}
