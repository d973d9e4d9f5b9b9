import { css, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CifElement, baseStyles, cifElement } from '@cif-elements/core';
import type { CallController, DialRequest } from '@cif-elements/calls';
import { SipPhone } from './sip-phone.js';
import type { SipCall, SipCredentialsSource, SipDtmfMethod, SipPhoneOptions, SipRegistrationState } from './sip-phone.js';
import { SipError } from './errors.js';
import type { SipErrorCode } from './errors.js';
import { TabLeader } from './tab-leader.js';
import type { TabRole } from './tab-leader.js';
import { DEFAULT_SIP_STRINGS, SIP_LOCALE_PACKS } from './strings.js';
import type { CifSipStrings } from './strings.js';

export type { CifSipStrings } from './strings.js';

/** A call as the leader tab tells the others about it. */
type CallSnapshot = Omit<SipCall, 'peerConnection'>;

/** Messages on the BroadcastChannel between the tabs of one agent (never credentials). */
type TabMessage =
  | { t: 'hello' }
  | { t: 'state'; state: SipRegistrationState; error?: { code: SipErrorCode; message: string; status?: number }; calls: CallSnapshot[] }
  | {
      t: 'cmd';
      op: 'dial' | 'answer' | 'decline' | 'timeout' | 'hangup' | 'mute' | 'hold' | 'dtmf' | 'transfer' | 'consult' | 'transfercomplete' | 'transfercancel' | 'conference';
      callId?: string;
      value?: unknown;
    }
  | { t: 'error'; error: { code: SipErrorCode; message: string; status?: number; callId?: string } };

/**
 * English texts of `<cif-sip>`.
 * @deprecated Use `DEFAULT_SIP_STRINGS`.
 */
export const CIF_SIP_STRINGS: Readonly<CifSipStrings> = DEFAULT_SIP_STRINGS;

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
 * One registration per agent across tabs: the tabs of an origin with a `<cif-sip>` for the same AOR elect a
 * leader with the Web Locks API. Only the leader registers and holds the calls' media; the other tabs
 * (`tab-role="follower"`) show the leader's registration and calls through their own call flow, and
 * control them (accept, decline, hang up, hold, mute, keys, dial) over a `BroadcastChannel`; they do not
 * log calls (the leader does). When the leader tab closes, the next tab takes the lock and registers
 * (within a second on a local PBX). A call in progress in the closing tab ends: its media lives in that
 * tab; the tab sends BYE on `pagehide`, and if it died without a word the new leader ends the call on its
 * controller with the reason `tab-closed`. Set `no-tab-leader` to let every tab register.
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
 * @csspart call-error - Why the last call failed (e.g. its audio connection, ICE, failed), until the next call rings.
 *
 * @cssprop [--cif-sip-ok-color=#107C10] - Dot colour when registered.
 * @cssprop [--cif-sip-pending-color=#C19C00] - Dot colour while connecting or reconnecting.
 * @cssprop [--cif-sip-failed-color=var(--cif-color-danger)] - Dot colour after a failure.
 *
 * @tagname cif-sip
 */
@cifElement('cif-sip')
export class CifSip extends CifElement<CifSipStrings> {
  static override localization = { defaults: DEFAULT_SIP_STRINGS, packs: SIP_LOCALE_PACKS };
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

  /** Every tab registers on its own (no leader election across tabs). */
  @property({ type: Boolean, attribute: 'no-tab-leader' }) noTabLeader = false;

  /** This tab's role: `leader` (registers), `follower` (controls the leader's calls), `''` (no election). Read-only. */
  @property({ reflect: true, attribute: 'tab-role', converter: { toAttribute: (v: string) => v || null, fromAttribute: (v: string | null) => v ?? '' } })
  tabRole: TabRole | '' = '';

  /** The registration state (reflected, read-only). */
  @property({ reflect: true, attribute: 'state' }) state: SipRegistrationState = 'idle';

  /** Why the phone is not registered (shown through `strings.reason`). */
  @state() private failure: { code: SipErrorCode; message: string; status?: number | undefined } | undefined;

  /** The last failure of a call (shown until the next call rings, through `strings.reason`). */
  @state() private callError: { code: SipErrorCode; message: string; status?: number | undefined } | undefined;

  private _phone: SipPhone | undefined;
  private unbindController: (() => void) | undefined;
  private phoneListeners: AbortController | undefined;
  private configError: SipError | undefined;
  private leader: TabLeader | undefined;
  private channel: BroadcastChannel | undefined;
  private readonly mirrored = new Map<string, CallSnapshot>();
  private followerListeners: AbortController | undefined;
  private readonly onPageHide = () => {
    if (this.tabRole === 'leader' || this.tabRole === '') void this._phone?.stop();
  };

  /** The phone (created once `server` and `aor` are valid). */
  get phone(): SipPhone | undefined {
    return this._phone;
  }

  /** The last error (configuration or registration). */
  get error(): SipError | undefined {
    return this.configError ?? this._phone?.error;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pagehide', this.onPageHide);
    if (this.hasUpdated) this.rebuild();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this.onPageHide);
    this.teardown();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const structural = ['server', 'aor', 'displayName', 'dtmf', 'timeoutStatus', 'timeoutRedirect', 'noTones', 'dialPlan', 'iceServers', 'options', 'noTabLeader'] as const;
    if (structural.some((k) => changed.has(k)) || !this._phone) {
      this.rebuild();
    } else if (changed.has('credentials')) {
      this._phone.credentials = this.credentials;
      if (this.credentials !== undefined) void this.connect();
    } else if (changed.has('controller')) {
      if (this.tabRole === 'follower') this.bindFollower();
      else this.bindController();
    }
  }

  /** Registers now (after a failure, or with new credentials). */
  async connect(): Promise<void> {
    const phone = this._phone;
    if (!phone || this.credentials === undefined || !this.isConnected || this.tabRole === 'follower' || this.tabRole === 'pending') return;
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
      this.failure = { code: this.configError.code, message: this.configError.message, status: this.configError.status };
      this.emit('cif-sip-error', { error: this.configError });
      return;
    }
    this._phone = phone;
    const ac = new AbortController();
    this.phoneListeners = ac;
    phone.addEventListener(
      'registration',
      (e) => {
        this.state = e.detail.state;
        const error = e.detail.error;
        this.failure = error ? { code: error.code, message: error.message, status: error.status } : e.detail.state === 'failed' ? this.failure : undefined;
        this.emit('cif-sip-registration', { ...e.detail });
      },
      { signal: ac.signal },
    );
    phone.addEventListener(
      'error',
      (e) => {
        const error = e.detail.error;
        if (error.callId) this.callError = { code: error.code, message: error.message, status: error.status };
        this.emit('cif-sip-error', { error });
      },
      { signal: ac.signal },
    );
    phone.addEventListener(
      'call',
      (e) => {
        if (e.detail.call.state === 'ringing' && !e.detail.call.endReason) this.callError = undefined;
      },
      { signal: ac.signal },
    );
    phone.addEventListener(
      'dtmf',
      (e) => this.emit('cif-sip-dtmf', { ...e.detail }),
      { signal: ac.signal },
    );
    phone.addEventListener('registration', () => this.broadcastState(), { signal: ac.signal });
    phone.addEventListener('call', () => this.broadcastState(), { signal: ac.signal });
    if (this.noTabLeader || typeof BroadcastChannel === 'undefined') {
      this.tabRole = '';
      this.bindController();
      void this.connect();
      return;
    }
    const name = `cif-sip:${this.aor}`;
    const channel = new BroadcastChannel(name);
    channel.onmessage = (e: MessageEvent<TabMessage>) => this.onTabMessage(e.data);
    this.channel = channel;
    this.tabRole = 'pending';
    this.leader = new TabLeader(name, (role) => this.onTabRole(role));
    this.leader.start();
  }

  // ------------------------------------------------------------------ tabs

  private flow(): (FlowLike & { noLog?: boolean }) | null {
    return this.closest('cif-call-flow') as (FlowLike & { noLog?: boolean }) | null;
  }

  private currentController(): CallController | undefined {
    return this.controller ?? this.flow()?.controller;
  }

  /** Only the leader logs calls (when the controller is the flow's, whose `no-log` is known). */
  private setLogging(on: boolean): void {
    const flow = this.flow();
    if (this.controller || !flow) return;
    flow.controller.configure({ log: on && !flow.noLog });
  }

  private onTabRole(role: 'leader' | 'follower'): void {
    this.tabRole = role;
    const controller = this.currentController();
    if (role === 'leader') {
      this.followerListeners?.abort();
      this.followerListeners = undefined;
      // Calls of the tab that led before this one: their media went with it.
      for (const c of this.mirrored.values()) {
        if (c.state !== 'ended') controller?.ended(c.callId, { reason: 'tab-closed' });
      }
      this.mirrored.clear();
      this.setLogging(true);
      this.bindController();
      this.state = this._phone?.state ?? 'idle';
      void this.connect();
      this.broadcastState();
    } else {
      this.setLogging(false);
      this.unbindController?.();
      this.unbindController = undefined;
      this.bindFollower();
      this.post({ t: 'hello' });
    }
  }

  private post(message: TabMessage): void {
    try {
      this.channel?.postMessage(message);
    } catch {
      // closed
    }
  }

  private broadcastState(): void {
    const phone = this._phone;
    if (!phone || this.tabRole !== 'leader') return;
    const e = phone.error;
    const calls = phone.recentCalls.map(({ peerConnection: _pc, ...rest }): CallSnapshot => rest);
    const message: TabMessage = { t: 'state', state: phone.state, calls };
    if (e) message.error = { code: e.code, message: e.message, ...(e.status !== undefined ? { status: e.status } : {}) };
    this.post(message);
  }

  private onTabMessage(m: TabMessage): void {
    if (!m || typeof m !== 'object') return;
    if (this.tabRole === 'leader') {
      if (m.t === 'hello') this.broadcastState();
      else if (m.t === 'cmd') void this.runCommand(m);
    } else if (this.tabRole === 'follower') {
      if (m.t === 'state') this.applyLeaderState(m);
      else if (m.t === 'error') {
        const err = new SipError(m.error.code, m.error.message, { status: m.error.status, callId: m.error.callId });
        if (err.callId) this.callError = { code: err.code, message: err.message, status: err.status };
        this.emit('cif-sip-error', { error: err });
      }
    }
  }

  /** The leader runs what a follower asked. */
  private async runCommand(m: Extract<TabMessage, { t: 'cmd' }>): Promise<void> {
    const phone = this._phone;
    if (!phone) return;
    const id = String(m.callId ?? '');
    try {
      switch (m.op) {
        case 'dial':
          await phone.dial(m.value as DialRequest);
          break;
        case 'answer':
          await phone.answer(id);
          break;
        case 'decline':
          await phone.decline(id);
          break;
        case 'timeout':
          await phone.timeoutCall(id);
          break;
        case 'hangup':
          await phone.hangup(id);
          break;
        case 'mute':
          phone.mute(id, !!m.value);
          break;
        case 'hold':
          await phone.hold(id, !!m.value);
          break;
        case 'dtmf':
          await phone.sendDtmf(id, String(m.value ?? ''));
          break;
        // Transfers and conferences go through this tab's controller, which holds the same calls and
        // drives the phone (and the consult leg's bookkeeping) as if the agent had asked here.
        case 'transfer':
          this.currentController()?.transfer(id, String(m.value ?? ''));
          break;
        case 'consult':
          await this.currentController()?.consult(id, String(m.value ?? ''));
          break;
        case 'transfercomplete':
          this.currentController()?.completeTransfer(id);
          break;
        case 'transfercancel':
          this.currentController()?.cancelTransfer(id);
          break;
        case 'conference':
          this.currentController()?.conference(Array.isArray(m.value) ? m.value.map(String) : []);
          break;
      }
    } catch (e) {
      const err = e instanceof SipError ? e : new SipError('call-failed', String(e));
      this.post({ t: 'error', error: { code: err.code, message: err.message, ...(err.status !== undefined ? { status: err.status } : {}), callId: id } });
    }
  }

  /** A follower: the controller's requests go to the leader. */
  private bindFollower(): void {
    this.followerListeners?.abort();
    const controller = this.currentController();
    if (!controller) return;
    const ac = new AbortController();
    this.followerListeners = ac;
    const signal = ac.signal;
    const send = (op: Extract<TabMessage, { t: 'cmd' }>['op'], callId?: string, value?: unknown) => this.post({ t: 'cmd', op, callId, value });
    controller.addEventListener('dial', (e) => {
      const d = e.detail;
      send('dial', undefined, { number: d.number, ...(d.extension ? { extension: d.extension } : {}), ...(d.raw ? { raw: d.raw } : {}), ...(d.source ? { source: d.source } : {}) });
    }, { signal });
    controller.addEventListener('accept', (e) => send('answer', e.detail.call.callId), { signal });
    controller.addEventListener('decline', (e) => send('decline', e.detail.call.callId), { signal });
    controller.addEventListener('timeout', (e) => send('timeout', e.detail.call.callId), { signal });
    controller.addEventListener('hangup', (e) => send('hangup', e.detail.call.callId), { signal });
    controller.addEventListener('mute', (e) => send('mute', e.detail.call.callId, e.detail.muted), { signal });
    controller.addEventListener('hold', (e) => send('hold', e.detail.call.callId, e.detail.held), { signal });
    controller.addEventListener('dtmf', (e) => send('dtmf', e.detail.call.callId, e.detail.digit), { signal });
    // Cancelable: forwarded once every listener here has seen them, unless one cancelled.
    const after = (e: Event, fn: () => void) =>
      queueMicrotask(() => {
        if (!e.defaultPrevented) fn();
      });
    controller.addEventListener('transfer', (e) => after(e, () => send('transfer', e.detail.call.callId, e.detail.target)), { signal });
    controller.addEventListener('consult', (e) => after(e, () => send('consult', e.detail.call.callId, e.detail.target)), { signal });
    controller.addEventListener('transfercomplete', (e) => after(e, () => send('transfercomplete', e.detail.call.callId)), { signal });
    controller.addEventListener('transfercancel', (e) => after(e, () => send('transfercancel', e.detail.call.callId)), { signal });
    controller.addEventListener('conference', (e) => after(e, () => send('conference', undefined, e.detail.calls.map((c) => c.callId))), { signal });
  }

  /** A follower: shows the leader's registration and mirrors its calls into this tab's controller. */
  private applyLeaderState(m: Extract<TabMessage, { t: 'state' }>): void {
    this.state = m.state;
    this.failure = m.error ? { code: m.error.code, message: m.error.message, status: m.error.status } : undefined;
    const controller = this.currentController();
    if (!controller) return;
    for (const c of m.calls) {
      const prev = this.mirrored.get(c.callId);
      if (!prev) {
        if (c.state === 'ended') continue;
        if (c.direction === 'incoming') controller.incoming({ callId: c.callId, from: c.remoteUser, name: c.remoteName });
        else controller.outgoing({ callId: c.callId, to: c.remoteUser });
      }
      if (c.state === 'connected' && prev?.state !== 'connected') controller.connected(c.callId);
      if (c.state === 'connected' && c.held !== (prev?.held ?? false)) controller.held(c.callId, c.held);
      if (c.muted !== (prev?.muted ?? false)) controller.muted(c.callId, c.muted);
      if (c.state === 'ended' && prev && prev.state !== 'ended') controller.ended(c.callId, c.endReason ? { reason: c.endReason } : {});
      this.mirrored.set(c.callId, c);
    }
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
    this.followerListeners?.abort();
    this.followerListeners = undefined;
    this.leader?.stop();
    this.leader = undefined;
    this.channel?.close();
    this.channel = undefined;
    this.mirrored.clear();
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
        return this.tabRole === 'follower' ? s.registeredElsewhere(this._phone?.user ?? '') : s.registered(this._phone?.user ?? '');
      case 'reconnecting':
        return s.reconnecting;
      case 'failed':
        return s.failed((this.failure && s.reason(this.failure.code, this.failure.message, this.failure.status)) || s.unknownError);
      default:
        return s.idle;
    }
  }

  override render(): TemplateResult {
    const failed = this.state === 'failed';
    return html`<div part="status">
      <span part="dot" data-state=${this.state} aria-hidden="true"></span>
      <span part="text" role="status">${this.statusText()}</span>
      ${failed && !this.configError
        ? html`<button part="retry" type="button" @click=${() => void this.connect()}>${this.s.retry}</button>`
        : nothing}
    </div>
    ${this.callError
      ? html`<p part="call-error" role="alert">${this.s.reason(this.callError.code, this.callError.message, this.callError.status) || this.callError.message}</p>`
      : nothing}`;
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
