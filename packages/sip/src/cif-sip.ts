import { LitElement, css, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { baseStyles } from '@cif-elements/core';
import type { CallController, DialRequest } from '@cif-elements/calls';
import { SipPhone } from './sip-phone.js';
import type { SipCredentialsSource, SipDtmfMethod, SipPhoneOptions, SipRegistrationState } from './sip-phone.js';
import { SipError } from './errors.js';

/** Texts of `<cif-sip>` (set `strings` to translate). */
export interface CifSipStrings {
  idle: string;
  connecting: string;
  registering: string;
  registered: (user: string) => string;
  reconnecting: string;
  failed: (reason: string) => string;
  retry: string;
}

export const CIF_SIP_STRINGS: CifSipStrings = {
  idle: 'Phone off',
  connecting: 'Phone connecting…',
  registering: 'Phone registering…',
  registered: (user) => `Phone ready (${user})`,
  reconnecting: 'Connection lost: reconnecting…',
  failed: (reason) => `Phone not registered: ${reason}`,
  retry: 'Retry',
};

/** Where the element finds its controller: the nearest `<cif-call-flow>`. */
interface FlowLike extends Element {
  controller: CallController;
}

/**
 * A SIP softphone for `<cif-call-flow>`: put it inside the flow, give it the PBX's WebSocket URL and the
 * agent's address of record, set `credentials` from script, and the flow's alert, dialer and wrap-up make
 * real calls (see {@link SipPhone} for what it does).
 *
 * ```html
 * <cif-call-flow>
 *   <cif-sip server="wss://pbx.example.com/ws" aor="sip:1001@pbx.example.com"></cif-sip>
 *   <cif-incoming-call></cif-incoming-call>
 *   <cif-dialer></cif-dialer>
 * </cif-call-flow>
 * <script type="module">
 *   document.querySelector('cif-sip').credentials = async () => ({ password: await myToken() });
 * </script>
 * ```
 *
 * It registers once `server`, `aor` and `credentials` are all set (`credentials = null` for a PBX without
 * authentication). Secrets are never attributes: `credentials` is a property only, and is not reflected,
 * logged, stored or put in events. It shows (and announces) the registration state; a failure shows its SIP
 * reason, with a Retry button.
 *
 * @summary SIP-over-WebSocket softphone (WebRTC) that drives `<cif-call-flow>`.
 *
 * @fires cif-sip-registration - The registration state changed. `detail: { state, error? }`.
 * @fires cif-sip-error - Something failed: registration, a call, DTMF, a transfer. `detail: { error }` (a `SipError` with `code`, `status`, `callId`).
 * @fires cif-sip-dtmf - The other party sent a DTMF digit by SIP INFO. `detail: { callId, digit }`.
 *
 * @csspart status - The status line (dot and text).
 * @csspart dot - The coloured state dot.
 * @csspart text - The state text.
 * @csspart retry - The Retry button (after a failure).
 *
 * @cssprop [--cif-sip-ok-color=#107C10] - Dot colour when registered.
 * @cssprop [--cif-sip-pending-color=#C19C00] - Dot colour while connecting or reconnecting.
 * @cssprop [--cif-sip-failed-color=var(--cif-color-danger)] - Dot colour after a failure.
 */
@customElement('cif-sip')
export class CifSip extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        font: inherit;
      }
      :host([hidden]) {
        display: none;
      }
      [part='status'] {
        display: flex;
        align-items: center;
        gap: var(--cif-space-s, 0.5rem);
        min-height: 1.5rem;
      }
      [part='dot'] {
        inline-size: 0.6rem;
        block-size: 0.6rem;
        border-radius: 50%;
        flex: none;
        background: var(--cif-sip-pending-color, #c19c00);
      }
      [part='dot'][data-state='registered'] {
        background: var(--cif-sip-ok-color, #107c10);
      }
      [part='dot'][data-state='failed'] {
        background: var(--cif-sip-failed-color, var(--cif-color-danger, #c50f1f));
      }
      [part='dot'][data-state='idle'] {
        background: #8a8886;
      }
      [part='text'] {
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** The PBX's SIP-over-WebSocket URL: `wss://…` (plain `ws://` only to localhost). */
  @property() server = '';

  /** The agent's address of record, e.g. `sip:1001@pbx.example.com`. */
  @property() aor = '';

  /** Display name sent with calls. */
  @property({ attribute: 'display-name' }) displayName = '';

  /** DTMF method: `rfc4733` (default) or `info`. */
  @property() dtmf: SipDtmfMethod = 'rfc4733';

  /** SIP status answered to calls that time out on the alert (default 480); see also `timeout-redirect`. */
  @property({ type: Number, attribute: 'timeout-status' }) timeoutStatus = 480;

  /** SIP URI that calls timing out on the alert are redirected to (302), e.g. voicemail. */
  @property({ attribute: 'timeout-redirect' }) timeoutRedirect = '';

  /** No ringback, ringing or call-waiting tones. */
  @property({ type: Boolean, attribute: 'no-tones' }) noTones = false;

  /**
   * Digest credentials, an async callback that returns them (asked before each registration), or `null` for
   * no authentication. Property only: never an attribute, never reflected.
   */
  @property({ attribute: false }) credentials: SipCredentialsSource | undefined;

  /** Turns a dialled number into a SIP URI (default `sip:<number>@<AOR domain>`). */
  @property({ attribute: false }) dialPlan: ((number: string, request?: DialRequest) => string) | undefined;

  /** STUN/TURN servers (default none). */
  @property({ attribute: false }) iceServers: RTCIceServer[] | undefined;

  /** Other {@link SipPhone} options (reconnect backoff, devices, time-outs). */
  @property({ attribute: false }) options: Partial<Omit<SipPhoneOptions, 'server' | 'aor' | 'credentials'>> = {};

  /** The controller to drive; default the nearest `<cif-call-flow>`'s. */
  @property({ attribute: false }) controller: CallController | undefined;

  /** Texts (to translate). */
  @property({ attribute: false }) strings: Partial<CifSipStrings> = {};

  /** The registration state (reflected, read-only). */
  @property({ reflect: true, attribute: 'state' }) state: SipRegistrationState = 'idle';

  @state() private errorText = '';

  private _phone: SipPhone | undefined;
  private unbindController: (() => void) | undefined;
  private phoneListeners: AbortController | undefined;
  private configError: SipError | undefined;

  /** The phone (created once `server` and `aor` are valid). */
  get phone(): SipPhone | undefined {
    return this._phone;
  }

  /** The last error (configuration or registration). */
  get error(): SipError | undefined {
    return this.configError ?? this._phone?.error;
  }

  private get s(): CifSipStrings {
    return { ...CIF_SIP_STRINGS, ...this.strings };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.rebuild();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.teardown();
  }

  protected override updated(changed: PropertyValues<this>): void {
    const structural = ['server', 'aor', 'displayName', 'dtmf', 'timeoutStatus', 'timeoutRedirect', 'noTones', 'dialPlan', 'iceServers', 'options'] as const;
    if (structural.some((k) => changed.has(k)) || !this._phone) {
      this.rebuild();
    } else if (changed.has('credentials')) {
      this._phone.credentials = this.credentials;
      if (this.credentials !== undefined) void this.connect();
    } else if (changed.has('controller')) {
      this.bindController();
    }
  }

  /** Registers now (after a failure, or with new credentials). */
  async connect(): Promise<void> {
    const phone = this._phone;
    if (!phone || this.credentials === undefined || !this.isConnected) return;
    if (phone.state === 'registered' || phone.state === 'registering' || phone.state === 'connecting') return;
    if (phone.state === 'failed') await phone.stop();
    await phone.start().catch(() => undefined); // reported through the phone's events
  }

  /** Unregisters and closes the connection. */
  async disconnect(): Promise<void> {
    await this._phone?.stop();
  }

  private rebuild(): void {
    this.teardown();
    this.configError = undefined;
    if (!this.server || !this.aor || !this.isConnected) {
      this.state = 'idle';
      return;
    }
    let phone: SipPhone;
    try {
      const options: SipPhoneOptions = {
        ...this.options,
        server: this.server,
        aor: this.aor,
        dtmf: this.dtmf === 'info' ? 'info' : 'rfc4733',
        tones: !this.noTones,
        timeoutResponse: this.timeoutRedirect ? { status: 302, redirect: this.timeoutRedirect } : { status: this.timeoutStatus || 480 },
      };
      if (this.displayName) options.displayName = this.displayName;
      if (this.dialPlan) options.dialPlan = this.dialPlan;
      if (this.iceServers) options.iceServers = this.iceServers;
      if (this.credentials !== undefined) options.credentials = this.credentials;
      phone = new SipPhone(options);
    } catch (e) {
      this.configError = e instanceof SipError ? e : new SipError('invalid-argument', String(e));
      this.state = 'failed';
      this.errorText = this.configError.message;
      this.dispatchEvent(new CustomEvent('cif-sip-error', { detail: { error: this.configError }, bubbles: true, composed: true }));
      return;
    }
    this._phone = phone;
    const ac = new AbortController();
    this.phoneListeners = ac;
    phone.addEventListener(
      'registration',
      (e) => {
        this.state = e.detail.state;
        this.errorText = e.detail.error?.message ?? (e.detail.state === 'failed' ? this.errorText : '');
        this.dispatchEvent(new CustomEvent('cif-sip-registration', { detail: { ...e.detail }, bubbles: true, composed: true }));
      },
      { signal: ac.signal },
    );
    phone.addEventListener(
      'error',
      (e) => this.dispatchEvent(new CustomEvent('cif-sip-error', { detail: { error: e.detail.error }, bubbles: true, composed: true })),
      { signal: ac.signal },
    );
    phone.addEventListener(
      'dtmf',
      (e) => this.dispatchEvent(new CustomEvent('cif-sip-dtmf', { detail: { ...e.detail }, bubbles: true, composed: true })),
      { signal: ac.signal },
    );
    this.bindController();
    void this.connect();
  }

  private bindController(): void {
    this.unbindController?.();
    this.unbindController = undefined;
    const controller = this.controller ?? (this.closest('cif-call-flow') as FlowLike | null)?.controller;
    if (controller && this._phone) this.unbindController = this._phone.bind(controller);
  }

  private teardown(): void {
    this.unbindController?.();
    this.unbindController = undefined;
    this.phoneListeners?.abort();
    this.phoneListeners = undefined;
    const phone = this._phone;
    this._phone = undefined;
    void phone?.dispose();
  }

  private statusText(): string {
    const s = this.s;
    switch (this.state) {
      case 'connecting':
        return s.connecting;
      case 'registering':
        return s.registering;
      case 'registered':
        return s.registered(this._phone?.user ?? '');
      case 'reconnecting':
        return s.reconnecting;
      case 'failed':
        return s.failed(this.errorText || 'unknown error');
      default:
        return s.idle;
    }
  }

  override render() {
    const failed = this.state === 'failed';
    return html`<div part="status">
      <span part="dot" data-state=${this.state} aria-hidden="true"></span>
      <span part="text" role="status">${this.statusText()}</span>
      ${failed && !this.configError
        ? html`<button part="retry" type="button" @click=${() => void this.connect()}>${this.s.retry}</button>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cif-sip': CifSip;
  }
  interface HTMLElementEventMap {
    'cif-sip-registration': CustomEvent<{ state: SipRegistrationState; error?: SipError }>;
    'cif-sip-error': CustomEvent<{ error: SipError }>;
    'cif-sip-dtmf': CustomEvent<{ callId: string; digit: string }>;
  }
}
