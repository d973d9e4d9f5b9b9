import { html, nothing, unsafeCSS } from 'lit';
import type { CSSResult } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { toCifError, type CifClient, type CifError, type ClickToActPayload } from '@cif-elements/client/api';
import { CifClientElement, LazyPart, baseStyles, cifElement, lazyModule, type CifEventHandlers, type PartLoader } from '@cif-elements/core';
import { clickToActStyles } from './cif-click-to-act.styles.js';
import type { ClickToActFailure } from './click-to-act-details.js';
import { CLICK_TO_ACT_LOCALE_PACKS, DEFAULT_CLICK_TO_ACT_STRINGS, type CifClickToActStrings } from './strings.js';

/** What `<cif-click-to-act>` is doing, reflected as its `state` attribute. */
export type CifClickToActState = 'not-connected' | 'loading' | 'ready' | 'writing';

/** Detail of the `cif-click-to-act-change` event. */
export interface CifClickToActChangeDetail {
  /** The value CIF accepted. */
  enabled: boolean;
}

type Failure = ClickToActFailure;

/** The error and the last clicked item (click-to-act-details.ts). */
type DetailsModule = typeof import('./click-to-act-details.js');
/** The details' styles, one sheet for every element. */
let detailStyles: CSSResult | undefined;

/**
 * A switch that shows and sets CIF click-to-act (`getClickToAct` / `setClickToAct`), and the last item the
 * agent clicked in Dynamics 365. The setting is stored on the channel provider record, so it is **org-wide**:
 * changing it changes it for every agent; the switch says so in its description.
 *
 * The switch is a `<button role="switch">` (Space and Enter toggle). A change is shown at once, the switch
 * is busy (`aria-disabled`, focus kept) while CIF saves it, and a refused change is reverted with CIF's reason
 * shown. Every `onclicktoact` from CIF is shown as the last clicked item, announced politely, and re-fired
 * as `cif-click-to-act`.
 *
 * The client comes from the nearest `<cif-provider>`, or from the `client` property.
 *
 * Text: English built in, the other locales load with the element's or its provider's `locale`; replace
 * any of it with `strings` (see `DEFAULT_CLICK_TO_ACT_STRINGS`).
 *
 * @summary The org-wide click-to-act switch and the last item clicked in Dynamics 365.
 * @tagname cif-click-to-act
 *
 * @fires cif-click-to-act - The agent clicked a click-to-act field in Dynamics 365. `detail`: the parsed
 *   `ClickToActPayload` (`value`, `name`, `format`, `entityLogicalName`, …). Bubbles, composed, not cancelable.
 * @fires cif-click-to-act-change - CIF accepted a change of the setting made with the switch, `toggle()` or
 *   `setEnabled()`. `detail: { enabled: boolean }`. Bubbles, composed, not cancelable.
 *
 * @attr {boolean} checked - Output only (the element overwrites it): present while click-to-act is on.
 * @attr {boolean} busy - Output only: present while the setting is being read or saved.
 * @attr {'not-connected' | 'loading' | 'ready' | 'writing'} state - Output only: what the element is doing.
 *
 * @csspart switch - The `<button role="switch">` (holds the track and the label).
 * @csspart track - The switch's track.
 * @csspart thumb - The switch's thumb; at the inline end when on (mirrors in RTL).
 * @csspart label - The switch's visible label.
 * @csspart status - Status text: reading, saving, or not connected.
 * @csspart description - The description saying that the setting is org-wide.
 * @csspart error - The error message (role="alert").
 * @csspart retry - The "Try again" button of a read error.
 * @csspart last - The last clicked item box.
 * @csspart last-heading - Heading of the last clicked item.
 * @csspart last-value - The clicked value.
 * @csspart last-field - The clicked field's logical name.
 * @csspart last-entity - The clicked record's type (logical name).
 * @csspart last-empty - Hint shown while on and nothing was clicked yet.
 *
 * @cssprop [--cif-click-to-act-track-width=40px] - Width of the switch track.
 * @cssprop [--cif-click-to-act-track-height=20px] - Height of the switch track.
 * @cssprop [--cif-click-to-act-thumb-size=14px] - Diameter of the thumb.
 * @cssprop --cif-color-brand - Track colour when on.
 * @cssprop --cif-color-danger - Error colour.
 */
@cifElement('cif-click-to-act')
export class CifClickToAct extends CifClientElement<CifClickToActStrings> {
  static override styles = [baseStyles, clickToActStyles];
  static override localization = { defaults: DEFAULT_CLICK_TO_ACT_STRINGS, packs: CLICK_TO_ACT_LOCALE_PACKS };

  /** @internal Focus goes to the switch. */
  static override shadowRootOptions: ShadowRootInit = { ...CifClientElement.shadowRootOptions, delegatesFocus: true };

  /** Visible label of the switch; overrides `strings.label`. */
  @property() label = '';

  /** Stops the agent from toggling the switch (code can still call `setEnabled()`). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Tighter layout: the description becomes the switch's tooltip (it stays its accessible description). */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** Hides the last clicked item (and its announcement), e.g. when a dialer on the page shows it. */
  @property({ type: Boolean, reflect: true, attribute: 'hide-last' }) hideLast = false;

  /** CIF's value as last read or written, and the client it belongs to; `undefined` while unknown. */
  @state() private known: { client: CifClient; enabled: boolean } | undefined;
  /** The client a read is in flight on. */
  @state() private readingFrom: CifClient | undefined;
  /** The client a write is in flight on. */
  @state() private writingTo: CifClient | undefined;
  @state() private failure: Failure | undefined;
  @state() private last: ClickToActPayload | undefined;

  private readSeq = 0;

  /**
   * @internal Loads the details (click-to-act-details.ts: the error and the last clicked item, which show only with a
   * client), once per page. Tests put a loader of their own here.
   */
  static detailsModule: PartLoader<DetailsModule> = lazyModule(() => import('./click-to-act-details.js'));

  /** The details: loaded inside a `<cif-provider>` (with its client) or when a client arrives. */
  private readonly details = new LazyPart(this, CifClickToAct.detailsModule, 'with-client', (m) => [
    (detailStyles ??= unsafeCSS(m.detailCss)),
  ]);

  protected override clientEvents(): CifEventHandlers {
    return { clicktoact: (p) => this.onClickToAct(p) };
  }

  protected override clientChanged(client: CifClient): void {
    void this.details.load();
    void this.load(client);
  }

  protected override getUpdateComplete(): Promise<boolean> {
    return this.details.settle(() => super.getUpdateComplete());
  }

  /**
   * Whether click-to-act is on, as CIF reported it (or as it is being saved); `false` while unknown.
   * Reflected as the output-only `checked` attribute.
   *
   * Controlled use (a framework binding `checked`): setting a value that differs from CIF's writes it, as
   * {@link setEnabled} does — **org-wide** — and the property then shows what CIF accepted (a refused
   * value reverts). A value set before CIF's value is known is ignored with a warning, so a binding's
   * initial default can never switch click-to-act off for the whole organisation. Keep your state in sync
   * from `cif-click-to-act-change` (after a change) and this property (after `cif-ready`).
   */
  get checked(): boolean {
    const known = this.known;
    return !!known && known.client === this.currentClient && known.enabled;
  }
  set checked(value: boolean) {
    const next = !!value;
    if (next === this.checked) return;
    const client = this.currentClient;
    if (!client || this.known?.client !== client || this.readingFrom === client) {
      console.warn('<cif-click-to-act>: `checked` was set before CIF\'s value is known; ignored (it is org-wide).');
      return;
    }
    void this.setEnabled(next);
  }

  /** What the element is doing; reflected as the output-only `state` attribute. */
  get state(): CifClickToActState {
    const client = this.currentClient;
    if (!client) return 'not-connected';
    if (this.writingTo === client) return 'writing';
    if (this.readingFrom === client) return 'loading';
    return 'ready';
  }

  /** True while the setting is being read or saved; reflected as the output-only `busy` attribute. */
  get busy(): boolean {
    const s = this.state;
    return s === 'loading' || s === 'writing';
  }

  /** The last read or write error (a `CifError`), until the next successful read or write. */
  get error(): CifError | undefined {
    const f = this.failure;
    return f && f.client === this.currentClient ? f.error : undefined;
  }

  /** The last item clicked in Dynamics 365 (a copy of the `cif-click-to-act` detail), if any. */
  get lastItem(): ClickToActPayload | undefined {
    return this.last ? { ...this.last } : undefined;
  }

  /**
   * Turns click-to-act on or off **for the whole organisation** (`setClickToAct`). The switch shows the new
   * value at once and reverts it if CIF refuses. Resolves `true` when CIF accepted it, `false` when it
   * refused (see {@link error}), when there is no client, or when a read or write is already in flight.
   * Never rejects.
   */
  async setEnabled(enabled: boolean): Promise<boolean> {
    const client = this.currentClient;
    if (!client || this.busy) return false;
    const next = !!enabled;
    const previous = this.known?.client === client ? this.known : undefined;
    this.known = { client, enabled: next };
    this.writingTo = client;
    this.failure = undefined;
    try {
      await client.setClickToAct(next);
      if (client !== this.currentClient) return false;
      this.known = { client, enabled: next };
      this.emit('cif-click-to-act-change', { enabled: next });
      return true;
    } catch (e) {
      if (client !== this.currentClient) return false;
      this.known = previous;
      this.failure = { kind: 'write', error: toCifError(e, 'setClickToAct'), client };
      return false;
    } finally {
      if (this.writingTo === client) this.writingTo = undefined;
    }
  }

  /** Flips the setting (see {@link setEnabled}). */
  toggle(): Promise<boolean> {
    return this.setEnabled(!this.checked);
  }

  /** Reads the setting from CIF again (`getClickToAct`). Resolves `false` if it failed. Never rejects. */
  refresh(): Promise<boolean> {
    const client = this.currentClient;
    if (!client || this.writingTo === client) return Promise.resolve(false);
    return this.load(client);
  }

  /** Forgets the last clicked item. */
  clearLast(): void {
    this.last = undefined;
  }

  private get currentClient(): CifClient | undefined {
    return this.cif.client;
  }

  private async load(client: CifClient): Promise<boolean> {
    const seq = ++this.readSeq;
    this.readingFrom = client;
    if (this.failure?.kind === 'read') this.failure = undefined;
    try {
      const enabled = await client.getClickToAct();
      if (seq !== this.readSeq || client !== this.cif.client) return false;
      this.known = { client, enabled };
      this.failure = undefined;
      return true;
    } catch (e) {
      if (seq !== this.readSeq || client !== this.cif.client) return false;
      this.failure = { kind: 'read', error: toCifError(e, 'getClickToAct'), client };
      return false;
    } finally {
      if (seq === this.readSeq) this.readingFrom = undefined;
    }
  }

  private onClickToAct(payload: ClickToActPayload): void {
    const item: ClickToActPayload = { ...payload };
    this.last = item;
    // (the announcer says a repeated text again)
    if (!this.hideLast) this.announce(this.s.announceClick(item));
    this.emit('cif-click-to-act', { ...item });
  }

  private onSwitchClick(): void {
    if (this.disabled || this.busy || !this.currentClient) return;
    void this.toggle();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Output-only attributes: CIF owns these values, so they are mirrored, never read back.
    this.toggleAttribute('checked', this.checked);
    this.toggleAttribute('busy', this.busy);
    if (this.getAttribute('state') !== this.state) this.setAttribute('state', this.state);
  }

  override render(): TemplateResult {
    const s = this.s;
    const state = this.state;
    const client = this.currentClient;
    const error = this.error;
    const failure = error ? this.failure : undefined;
    const label = this.label || s.label;
    const status = state === 'loading' ? s.loading : state === 'writing' ? s.writing : state === 'not-connected' ? s.notConnected : '';
    const describedBy = ['description', status ? 'status' : '', error ? 'error' : ''].filter(Boolean).join(' ');

    return html`
      <div class="row">
        <button
          part="switch"
          id="switch"
          type="button"
          role="switch"
          aria-checked=${this.checked ? 'true' : 'false'}
          aria-describedby=${describedBy}
          aria-disabled=${ifDefined(this.busy ? 'true' : undefined)}
          title=${ifDefined(this.compact ? s.description : undefined)}
          ?disabled=${!client || this.disabled}
          @click=${this.onSwitchClick}
        >
          <span part="track"><span part="thumb"></span></span>
          <span part="label">${label}</span>
        </button>
        <span part="status" id="status" role="status">${status}</span>
      </div>
      <p part="description" id="description" class=${this.compact ? 'visually-hidden' : ''}>${s.description}</p>
      ${this.renderDetails(s, client, failure)}
      ${this.hideLast
        ? html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>`
        : this.renderAnnouncer('polite')}
    `;
  }

  /** The error and the last clicked item, once their module is there (they need a client to show). */
  private renderDetails(s: CifClickToActStrings, client: CifClient | undefined, failure: Failure | undefined) {
    const m = this.details.value;
    if (!m) return nothing;
    return m.renderDetails(
      { lit: { html, nothing }, s, failure, retry: () => void this.refresh(), last: this.last, showEmpty: !!client && this.checked && !this.compact },
      this.hideLast,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cif-click-to-act': CifClickToAct;
  }
  interface HTMLElementEventMap {
    'cif-click-to-act': CustomEvent<ClickToActPayload>;
    'cif-click-to-act-change': CustomEvent<CifClickToActChangeDetail>;
  }
}
