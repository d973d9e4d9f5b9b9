import { css, html } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { CifClientElement, cifClientContext, cifElement, sanitizeChoice } from '@cif-elements/core';
import type { CifClient } from '@cif-elements/client/api';
import { CallController } from './call-controller.js';
import type {
  CallControllerEventMap,
  CallControllerOptions,
  CallFlowError,
  CallInfo,
  IncomingCallInput,
  OutgoingCallInput,
} from './call-controller.js';
import { PendingLogStore } from './activity-log.js';
import type { FlushResult } from './activity-log.js';
import type { CifIncomingCall } from './cif-incoming-call.js';
import type { CifWrapUp } from './cif-wrap-up.js';

/** Events the flow relays from its controller as DOM events (name → controller event). */
const RELAYED = {
  'cif-call-change': 'change',
  'cif-screen-pop': 'screenpop',
  'cif-call-logged': 'logged',
  'cif-call-log-failed': 'logfailed',
  'cif-call-error': 'error',
  'cif-call-pending': 'pending',
} as const satisfies Record<string, keyof CallControllerEventMap>;

/**
 * The call flow, declared in HTML: it owns a {@link CallController}, gives it the CIF client of the nearest
 * `<cif-provider>` (or its own `client`, which it also hands on to the elements inside it), and lets it drive
 * the `<cif-dialer>`, `<cif-incoming-call>` and `<cif-wrap-up>` elements inside it (found again whenever its
 * content changes).
 *
 * Feed it your telephony's events — `flow.incoming({ callId, from })`, `flow.connected(callId)`,
 * `flow.ended(callId)`, … — and act on the controller's: `flow.controller.addEventListener('accept', (e) =>
 * myCall(e.detail.call.callId).answer())`, and likewise `decline`, `timeout`, `dial`, `hangup`, `mute`,
 * `hold`, `dtmf`.
 *
 * @summary Declarative call flow: alert, screen pop, dialer, wrap-up and activity logging.
 *
 * @slot - The softphone: `<cif-incoming-call>`, `<cif-dialer>`, `<cif-wrap-up>` and anything else.
 *
 * @fires cif-call-change - A call changed. `detail: { call }`.
 * @fires cif-screen-pop - The screen pop ran. `detail: { call, result, action }` (`opened`, `search`, `chooser`, `none`, `created`, `failed`).
 * @fires cif-call-logged - A phone call activity was written. `detail: { log, ref, call? }`.
 * @fires cif-call-log-failed - Writing a phone call activity failed; it is kept for retry. `detail: { log, error, call? }`.
 * @fires cif-call-error - A step of the flow failed and was skipped. `detail: { step, error, callId?, call? }`.
 * @fires cif-call-pending - The logs waiting for Dynamics changed (here or in another tab), or storage started or stopped refusing them. `detail: { count, durable, problem? }`.
 *
 * @tagname cif-call-flow
 */
@cifElement('cif-call-flow')
export class CifCallFlow extends CifClientElement {
  static override styles = css`
    :host {
      display: block;
    }
    :host([hidden]) {
      display: none;
    }
  `;

  /** ISO 3166-1 alpha-2 country for national numbers. */
  @property({ attribute: 'default-country' }) defaultCountry = '';

  /** CIF 2.0 session template opened when the agent accepts; `''` opens none. Default `msdyn_voicecall_session`. */
  @property({ attribute: 'session-template' }) sessionTemplate: string | undefined;

  /** When incoming calls pop the record: `accept`, `incoming` or `never`. */
  @property({ attribute: 'screen-pop' }) screenPop: 'accept' | 'incoming' | 'never' = 'accept';

  /** Several matching records: `search` opens Dynamics' search page, `chooser` leaves the choice to `<cif-wrap-up>`. */
  @property({ attribute: 'multiple-matches' }) multipleMatches: 'search' | 'chooser' = 'search';

  /** Do not log calls as phone call activities. */
  @property({ type: Boolean, attribute: 'no-log' }) noLog = false;

  /** Storage key of the pending logs in `localStorage` (read once, when the controller is made: first connect). */
  @property({ attribute: 'storage-key' }) storageKey = '';

  /** Where pending logs are kept, instead of `localStorage` under `storage-key` (read once, like it). */
  @property({ attribute: false }) store: PendingLogStore | undefined;

  /** Extra controller options (subject, entities, createContact, sessionParameters). */
  @property({ attribute: false }) options: Partial<Omit<CallControllerOptions, 'client' | 'store'>> = {};

  /** Hands the flow's client on to the elements inside it (needed when it is injected with `.client`). */
  private readonly contextProvider = new ContextProvider(this, { context: cifClientContext });
  private _controller: CallController | undefined;
  private observer: MutationObserver | undefined;
  private relays: AbortController | undefined;

  /** The CIF client: the nearest `<cif-provider>`'s, or the one set here (also handed on to the elements inside). */
  override get client(): CifClient | undefined {
    return super.client;
  }
  override set client(value: CifClient | undefined) {
    super.client = value;
    this.contextProvider.setValue(this.cif.client);
    if (!this.cif.client && this._controller) this._controller.client = undefined;
  }

  protected override clientChanged(client: CifClient): void {
    this.controller.client = client;
  }

  /** The controller: feed it telephony events, listen to its `accept`, `decline`, `timeout`, `dial`, `hangup`, `mute`, `hold`, `dtmf`. */
  get controller(): CallController {
    if (!this._controller) {
      this._controller = new CallController({
        store: this.store ?? new PendingLogStore(this.storageKey ? { key: this.storageKey } : {}),
        ...this.controllerOptions(),
      });
    }
    return this._controller;
  }

  /** The calls the controller knows (copies). */
  get calls(): CallInfo[] {
    return this.controller.calls;
  }

  /** An incoming call rings (see `CallController.incoming`). */
  incoming(input: IncomingCallInput): CallInfo {
    return this.controller.incoming(input);
  }
  /** An outgoing call is placed (see `CallController.outgoing`). */
  outgoing(input: OutgoingCallInput): CallInfo {
    return this.controller.outgoing(input);
  }
  /** An outgoing call rings at the other end. */
  ringing(callId: string): void {
    this.controller.ringing(callId);
  }
  /** The call is connected. */
  connected(callId: string): void {
    this.controller.connected(callId);
  }
  /** The call was put on hold or taken off it. */
  held(callId: string, held: boolean): void {
    this.controller.held(callId, held);
  }
  /** The microphone was muted or unmuted. */
  muted(callId: string, muted: boolean): void {
    this.controller.muted(callId, muted);
  }
  /** The call ended. */
  ended(callId: string, info?: { reason?: string }): void {
    this.controller.ended(callId, info);
  }
  /** The calls were merged into a conference. */
  conferenced(callIds: readonly string[]): void {
    this.controller.conferenced(callIds);
  }
  /** Writes every pending call log now. */
  retry(): Promise<FlushResult> {
    return this.controller.retry();
  }

  private controllerOptions(): Partial<CallControllerOptions> {
    const o: Partial<CallControllerOptions> = {
      ...this.options,
      defaultCountry: this.defaultCountry,
      screenPop: this.screenPop,
      multipleMatches: this.multipleMatches,
      log: !this.noLog,
    };
    if (this.sessionTemplate !== undefined && this.sessionTemplate !== null) o.sessionTemplate = this.sessionTemplate;
    return o;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const controller = this.controller;
    this.relays = new AbortController();
    for (const [domName, name] of Object.entries(RELAYED)) {
      controller.addEventListener(
        name,
        (e: Event) => this.emit(domName as keyof typeof RELAYED, (e as CustomEvent).detail as never),
        { signal: this.relays.signal },
      );
    }
    this.observer = new MutationObserver(() => this.attachElements());
    this.observer.observe(this, { childList: true, subtree: true });
    this.attachElements();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = undefined;
    this.relays?.abort();
    this.relays = undefined;
    this.attached = undefined;
    this._controller?.detach();
    if (this._controller) this._controller.client = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('screenPop')) {
      this.screenPop = sanitizeChoice(this.screenPop, ['accept', 'incoming', 'never'], 'accept', '<cif-call-flow> screen-pop');
    }
    if (changed.has('multipleMatches')) {
      this.multipleMatches = sanitizeChoice(this.multipleMatches, ['search', 'chooser'], 'search', '<cif-call-flow> multiple-matches');
    }
    if (changed.size) this.controller.configure(this.controllerOptions());
    if (this.contextProvider.value !== this.cif.client) this.contextProvider.setValue(this.cif.client);
  }

  private attached: { dialers: Element[]; alert: Element | null; wrapUp: Element | null } | undefined;

  private attachElements(): void {
    const dialers = [...this.querySelectorAll('cif-dialer')];
    const alert = this.querySelector('cif-incoming-call');
    const wrapUp = this.querySelector('cif-wrap-up');
    const a = this.attached;
    if (a && a.alert === alert && a.wrapUp === wrapUp && a.dialers.length === dialers.length && a.dialers.every((d, i) => d === dialers[i])) {
      return;
    }
    this.attached = { dialers, alert, wrapUp };
    this.controller.attach({ dialers, alert: alert as CifIncomingCall | null, wrapUp: wrapUp as CifWrapUp | null });
  }

  override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cif-call-flow': CifCallFlow;
  }
  interface HTMLElementEventMap {
    'cif-call-change': CallControllerEventMap['change'];
    'cif-screen-pop': CallControllerEventMap['screenpop'];
    'cif-call-logged': CallControllerEventMap['logged'];
    'cif-call-log-failed': CallControllerEventMap['logfailed'];
    'cif-call-error': CustomEvent<CallFlowError & { call?: CallInfo }>;
    'cif-call-pending': CallControllerEventMap['pending'];
  }
}
