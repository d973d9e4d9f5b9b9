import { html, nothing, svg, unsafeCSS } from 'lit';
import type { CSSResult, PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { DEFAULT_PRESENCES } from '@cif-elements/client/api';
import type { CifClient, CifError, CifPresenceInfo } from '@cif-elements/client/api';
import { CifClientElement, LazyPart, RovingFocusController, baseStyles, cifElement, lazyModule, styleProps } from '@cif-elements/core';
import type { CifEventHandlers, PartLoader } from '@cif-elements/core';
import { presenceStyles } from './cif-presence.styles.js';
import { fill } from './fill.js';
import type { PresenceFailure, PresenceHost, PresenceMenu } from './presence-menu.js';
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

/** The lazy part: the menu and the presence changes (presence-menu.ts). */
type MenuModule = typeof import('./presence-menu.js');
/** The menu's styles, shared by every element (one constructed style sheet). */
let menuCss: CSSResult | undefined;

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
export class CifPresence extends CifClientElement<CifPresenceStrings> implements PresenceHost {
  static override styles = [baseStyles, presenceStyles];
  static override localization = { defaults: DEFAULT_PRESENCE_STRINGS, packs: PRESENCE_LOCALE_PACKS };

  /**
   * @internal Loads the menu part (presence-menu.ts), once per page; read by each element when it is
   * created (tests put a loader of their own here).
   */
  static menuLoader: PartLoader<MenuModule> = lazyModule(() => import('./presence-menu.js'));

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

  /** @internal A presence Dynamics reported that is not in `presences` (shown, not offered in the menu). */
  @state() unlisted: CifPresenceInfo | undefined;
  /** @internal The presence being written to CIF. */
  @state() pending: CifPresenceInfo | undefined;
  /** @internal The presence is being read for the first time. */
  @state() loading = false;
  /** @internal The error shown. */
  @state() failure: PresenceFailure | undefined;
  /** @internal Clients whose CIF build has no presence API (`unsupported`): the element works locally with them. */
  readonly presenceless = new WeakSet<CifClient>();

  /**
   * The menu and everything that changes the presence: a part of its own, loaded when the element connects
   * (the menu works without a client too, locally). Until it arrives the button shows the presence and does
   * nothing else.
   */
  private readonly menuPart = new LazyPart(this, CifPresence.menuLoader, 'connected', (m) => [(menuCss ??= unsafeCSS(m.menuCss))]);
  private menu: PresenceMenu | undefined;

  protected override clientEvents(): CifEventHandlers {
    return { presencechanged: (p) => this.withMenu((m) => m.dynamicsChange(p)) };
  }

  protected override clientChanged(client: CifClient): void {
    this.withMenu((m) => m.load(client));
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

  /**
   * Opens the menu and moves focus to the current presence. The menu is a part of its own, loaded when the
   * element connects: before it has arrived (`await el.updateComplete`), this does nothing.
   */
  show(): void {
    this.menu?.openMenu('checked');
  }

  /** Closes the menu (focus returns to the button if it was in the menu). */
  hide(): void {
    this.menu?.closeMenu(null);
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
    let menu = this.useMenu();
    if (!menu) {
      await this.menuPart.load();
      menu = this.useMenu();
    }
    return menu ? menu.select(idOrText) : false;
  }

  // ---------------------------------------------------------------- state

  /** @internal The usable entries of `presences`. */
  get list(): CifPresenceInfo[] {
    return Array.isArray(this.presences) ? this.presences.filter(isPresence) : [];
  }

  /** @internal Where an agent's change goes now. */
  target(client: CifClient | undefined): CifPresenceApplied {
    if (typeof this.writer === 'function') return 'writer';
    // CIF 1.0, or a CIF build without `setPresence`: a change cannot be written to Dynamics 365.
    return !client || client.version < 2 || this.presenceless.has(client) || client.has?.('setPresence') === false
      ? 'local'
      : 'dynamics';
  }

  /** Whether the "local only" notice applies: a CIF 2.0 host whose library cannot take presence changes. */
  get localOnly(): boolean {
    const client = this.cif.client;
    return !!client && client.version >= 2 && this.target(client) === 'local';
  }

  /** @internal The element's strings, for the menu part. */
  get texts(): CifPresenceStrings {
    return this.s;
  }

  /** @internal Fires `cif-presence-change`. */
  emitChange(detail: CifPresenceChangeDetail, cancelable: boolean): boolean {
    return this.emit('cif-presence-change', detail, { cancelable });
  }

  /** @internal Says a text through the live region. */
  say(text: string | (() => string)): void {
    this.announce(text);
  }

  // ---------------------------------------------------------------- the menu part

  /** The menu, created once its part has arrived. */
  private useMenu(): PresenceMenu | undefined {
    const m = this.menuPart.value;
    if (!this.menu && m) this.menu = new m.PresenceMenu(this, RovingFocusController, html);
    return this.menu;
  }

  /** Runs `f` with the menu now, or once its part has arrived (not if it fails: a reconnect tries again). */
  private withMenu(f: (menu: PresenceMenu) => unknown): void {
    const menu = this.useMenu();
    if (menu) void f(menu);
    else {
      void this.menuPart.load().then(() => {
        const loaded = this.useMenu();
        if (loaded) void f(loaded);
      });
    }
  }

  protected override getUpdateComplete(): Promise<boolean> {
    return this.menuPart.settle(() => super.getUpdateComplete());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const menu = this.useMenu();
    if (!menu) return;
    menu.willUpdate(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.menu?.updated(changed);
  }

  // ---------------------------------------------------------------- render

  /** @internal A colour dot (the button's and the menu's). */
  renderDot(p: CifPresenceInfo | undefined, part: string): TemplateResult {
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
    const menu = this.menu;
    const shown = this.pending ?? this.presence;
    const text = shown?.presenceText || (this.loading ? s.loading : s.unknown);
    const name = fill(this.pending ? s.changing : s.buttonLabel, text);
    const busy = !!this.pending || this.loading;
    // the error and the notice come with the menu part (only it reads or writes the presence)
    const notes = menu?.notes();
    // Until the menu part has arrived (or if it could not load) the button shows the presence, inert.
    return html`
      <button
        id="button"
        part="button"
        type="button"
        class="${this.pending ? 'pending' : ''} ${this.failure ? 'has-error' : ''}"
        aria-label=${name}
        aria-haspopup="menu"
        aria-expanded=${this.open && menu ? 'true' : 'false'}
        aria-controls=${menu ? 'menu' : nothing}
        aria-busy=${busy ? 'true' : 'false'}
        aria-disabled=${this.pending || !menu ? 'true' : 'false'}
        aria-describedby=${notes?.describedBy || nothing}
        title=${ifDefined(this.compact ? (notes?.text ? `${name}\n${notes.text}` : name) : undefined)}
        ?disabled=${this.disabled}
        @pointerdown=${menu?.onButtonPointerDown}
        @click=${menu?.onButtonClick}
        @keydown=${menu?.onButtonKeydown}
        @focusout=${menu?.onFocusOut}
      >
        ${this.renderDot(shown, 'dot')}
        <span part="label">${text}</span>
        <svg class="caret" part="caret" viewBox="0 0 12 12" aria-hidden="true">${caretIcon}</svg>
      </button>
      ${menu ? menu.render() : nothing}
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
