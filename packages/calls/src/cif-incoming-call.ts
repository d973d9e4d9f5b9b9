import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CifClientElement, baseStyles, cifElement, formatNumber, numberAttribute, sanitizeChoice, styleProps } from '@cif-elements/core';
import { toCifError } from '@cif-elements/client/api';
import type { CifClient, CifError } from '@cif-elements/client/api';
import { incomingCallStyles } from './cif-incoming-call.styles.js';
import { hangupIcon, phoneIcon } from '@cif-elements/core/icons';
import { displayPhone, parsePhone } from './phone.js';
import { DEFAULT_INCOMING_CALL_STRINGS, INCOMING_CALL_LOCALE_PACKS } from './strings.js';
import type { CifIncomingCallStrings } from './strings.js';
import { PhoneLibController } from '@cif-elements/core/phone';

export type { CifIncomingCallStrings } from './strings.js';

/** What answered the alert. */
export type CallAnswerSource = 'button' | 'keyboard' | 'notification' | 'api';

/** `detail` of `cif-call-accept` and `cif-call-decline`. */
export interface CifCallAnswerDetail {
  callId: string;
  /** `button` (a click or Enter/Space on it), `keyboard` (the Alt shortcut), `notification` (Dynamics' own notification), `api` (`accept()`/`decline()`). */
  source: CallAnswerSource;
}

/** `detail` of `cif-call-timeout`. */
export interface CifCallTimeoutDetail {
  callId: string;
}

/** `detail` of `cif-call-notify-error`. */
export interface CifCallNotifyErrorDetail {
  callId: string;
  /** The CIF call that failed. */
  operation: 'notifyEvent' | 'cancelEvent';
  error: CifError;
}

/** State of the Dynamics notification (`notify`). */
export type IncomingCallNotifyState = 'off' | 'unsupported' | 'pending' | 'answered' | 'cancelled' | 'failed';

/** State of the caller lookup the alert shows. */
export type CallerLookupState = 'idle' | 'pending' | 'done' | 'failed';

/** A record that matched the caller's number (what the alert needs of it). */
export interface IncomingCallMatch {
  name: string;
  entityName: string;
}

/** What {@link CifIncomingCall.show} takes. */
export interface IncomingCallDetails {
  callId: string;
  /** The caller's number, as the telephony gives it. */
  number?: string;
  /** The caller's name, when known. */
  name?: string;
  queue?: string;
  reason?: string;
  lookup?: CallerLookupState;
  records?: readonly IncomingCallMatch[];
}

/**
 * English defaults of {@link CifIncomingCallStrings}.
 * @deprecated Use `DEFAULT_INCOMING_CALL_STRINGS`.
 */
export const CIF_INCOMING_CALL_STRINGS: Readonly<CifIncomingCallStrings> = DEFAULT_INCOMING_CALL_STRINGS;

/** Notification answers that mean Dynamics could not show it, rather than that the agent declined. */
const NOTIFY_QUEUE_REASONS = new Set(['NotificationQueueLimitExceeded', 'NotificationQueueTimeLimitExceeded']);

let tokenCounter = 0;

/** Whether the agent is typing in this element (a text field, a text area, a select, or contenteditable). */
function isEditable(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return !el.disabled;
  if (el instanceof HTMLInputElement) {
    return !el.disabled && !el.readOnly && !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image', 'hidden'].includes(el.type);
  }
  return el instanceof HTMLElement && el.isContentEditable;
}

/** The element whose shadow tree holds the focus, followed down through shadow roots. */
function deepActiveElement(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/**
 * The incoming-call alert of a CRM softphone: who is calling (number formatted, the matched contact or
 * account, the queue or reason), Accept and Decline, a visible countdown and a time-out.
 *
 * It is an `alertdialog` (not modal) that takes the focus (on Accept) when it opens and gives it back when
 * it closes — except while the agent is typing (the focus is in a text field, e.g. the notes of the current
 * call): then the focus stays there and Alt+A / Alt+D or a click answer. For `key-guard` ms after it opens,
 * Space and Enter on its buttons are ignored, so a keystroke meant for something else cannot answer a call; and it announces the caller in an assertive live region. Keyboard: Alt+A accepts and Alt+D
 * declines while the focus is in the alert — anywhere on the page with `global-shortcuts` (the letters are
 * `accept-key` and `decline-key`); Tab moves between the buttons, Enter or Space presses one.
 *
 * On CIF 2.0, with `notify` set to a notification template name, the alert also calls `notifyEvent` so that
 * Dynamics shows its own notification; the agent's Accept or Reject there counts as the same answer here,
 * and an answer here (or the time-out) cancels Dynamics' notification with `cancelEvent`. When notifyEvent
 * fails, the alert carries on by itself and reports the failure with `cif-call-notify-error` and
 * `notifyError`.
 *
 * @summary Incoming-call alert with Accept, Decline, countdown and Dynamics notification.
 *
 * @fires cif-call-accept - Cancelable. The agent accepted. `detail: { callId, source }`; cancel it to keep the alert open.
 * @fires cif-call-decline - Cancelable. The agent declined. `detail: { callId, source }`; cancel it to keep the alert open.
 * @fires cif-call-timeout - The countdown reached 0 and the alert closed. `detail: { callId }`.
 * @fires cif-call-notify-error - `notifyEvent` or `cancelEvent` failed (the alert works on). `detail: { callId, operation, error }`.
 *
 * @csspart base - The alert dialog (role="alertdialog").
 * @csspart header - The icon and heading line.
 * @csspart icon - The phone icon.
 * @csspart heading - "Incoming call".
 * @csspart caller - The name and number block.
 * @csspart name - The caller's name (or "Unknown caller", "3 matching records").
 * @csspart number - The caller's number, formatted.
 * @csspart details - The queue and reason list.
 * @csspart status - "Could not search Dynamics…" when the lookup failed.
 * @csspart countdown - The remaining seconds (role="timer").
 * @csspart countdown-bar - The shrinking bar along the top edge.
 * @csspart actions - The button row.
 * @csspart accept - The Accept button.
 * @csspart decline - The Decline button.
 * @csspart shortcuts - The keyboard hint.
 * @csspart live - Holds the visually hidden live region (assertive) that announces the caller.
 *
 * @cssprop [--cif-incoming-call-max-width=22rem] - Widest the alert grows.
 * @cssprop [--cif-incoming-call-accent=var(--cif-color-brand)] - Top border, icon and countdown bar colour.
 *
 * @tagname cif-incoming-call
 */
@cifElement('cif-incoming-call')
export class CifIncomingCall extends CifClientElement<CifIncomingCallStrings> {
  static override styles = [baseStyles, incomingCallStyles];
  static override localization = { defaults: DEFAULT_INCOMING_CALL_STRINGS, packs: INCOMING_CALL_LOCALE_PACKS };

  /** Whether the alert is shown. `show()` opens it; an answer, the time-out or `dismiss()` closes it. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** The provider's id of the ringing call (given back in every event; the Dynamics notification's cancellation token). */
  @property({ attribute: 'call-id' }) callId = '';

  /** The caller's number as the telephony gives it; shown formatted for `default-country`. */
  @property({ attribute: 'caller-number' }) callerNumber = '';

  /** The caller's name, when known (else the single match's name is shown). */
  @property({ attribute: 'caller-name' }) callerName = '';

  /** Queue the call came through. */
  @property() queue = '';

  /** Reason for the call (IVR choice, campaign, …). */
  @property() reason = '';

  /** State of the caller lookup: `pending` shows "Looking up…", `failed` a note. */
  @property() lookup: CallerLookupState = 'idle';

  /** Records that own the number: one shows its name, several their count. */
  @property({ attribute: false }) records: readonly IncomingCallMatch[] = [];

  /** Seconds before the alert times out (`cif-call-timeout`); 0 = never. */
  @property({
    type: Number,
    converter: numberAttribute({ name: '<cif-incoming-call> timeout', fallback: 30, min: 0, expected: 'a number of seconds ≥ 0' }),
  })
  timeout = 30;

  /** ISO 3166-1 alpha-2 country: its numbers show in national format, others in international format. */
  @property({ attribute: 'default-country' }) defaultCountry = '';

  /** Name of a Dynamics notification template (`msdyn_notificationtemplate`): on CIF 2.0 the alert also appears in Dynamics. */
  @property() notify = '';

  /** Extra template parameters for the Dynamics notification (merged over `customerName`, `phoneNumber`, `queue`, `reason`, `callId`). */
  @property({ attribute: false }) notifyParameters: Record<string, unknown> = {};

  /** Alt+accept-key / Alt+decline-key work anywhere on the page while the alert is open, not only inside it. */
  @property({ type: Boolean, reflect: true, attribute: 'global-shortcuts' }) globalShortcuts = false;

  /** Letter of the accept shortcut (with Alt). */
  @property({ attribute: 'accept-key' }) acceptKey = 'a';

  /** Letter of the decline shortcut (with Alt). */
  @property({ attribute: 'decline-key' }) declineKey = 'd';

  /** Milliseconds after the alert opens during which Space and Enter on its buttons are ignored. Default 800. */
  @property({ type: Number, attribute: 'key-guard' }) keyGuard = 800;

  /** Seconds left before the time-out (while open). */
  @state() remaining = 0;

  /** State of the Dynamics notification of the current call. */
  @state() notifyState: IncomingCallNotifyState = 'off';

  /** Why the Dynamics notification failed (the alert then works alone). */
  @state() notifyError: CifError | undefined;

  /** Loads libphonenumber-js when connected, to format the caller's number. */
  private readonly phone = new PhoneLibController(this);

  private deadline = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private notifyToken: string | undefined;
  /** The client the pending notification was sent through (cancelled through it, even after removal). */
  private notifyClient: CifClient | undefined;
  private returnFocus: HTMLElement | undefined;
  private focusAccept = false;
  private documentListening = false;
  private openedAt = 0;
  /** A guarded Space/Enter: the click it would cause is ignored until then. */
  private swallowClicksUntil = 0;

  constructor() {
    super();
    this.addEventListener('keydown', (e) => this.onKeyDown(e, false));
    this.addEventListener('keydown', (e) => this.guardKey(e), { capture: true });
    // The click a guarded Space makes comes with its keyup: swallowed until just after it.
    this.addEventListener(
      'keyup',
      (e) => {
        if (this.swallowClicksUntil && (e.key === ' ' || e.key === 'Enter')) setTimeout(() => (this.swallowClicksUntil = 0), 0);
      },
      { capture: true },
    );
  }

  /** Space or Enter right after the alert opened: not an answer. */
  private guardKey(e: KeyboardEvent): void {
    if (!this.open || (e.key !== ' ' && e.key !== 'Enter')) return;
    if (Date.now() - this.openedAt >= Math.max(0, Number(this.keyGuard) || 0)) return;
    e.preventDefault();
    this.swallowClicksUntil = Date.now() + 1000;
  }

  private onButton(kind: 'accept' | 'decline', e: MouseEvent): void {
    // A click made by a guarded key (keyboard clicks have detail 0).
    if (e.detail === 0 && Date.now() < this.swallowClicksUntil) return;
    this.answer(kind, 'button');
  }

  /** Opens the alert for a call (replacing any call it shows). */
  show(call: IncomingCallDetails): void {
    this.callId = call.callId;
    this.callerNumber = call.number ?? '';
    this.callerName = call.name ?? '';
    this.queue = call.queue ?? '';
    this.reason = call.reason ?? '';
    this.lookup = call.lookup ?? 'idle';
    this.records = call.records ?? [];
    this.open = true;
  }

  /** Accepts as the agent would: fires `cif-call-accept` and closes. Returns false if the event was cancelled or nothing is open. */
  accept(): boolean {
    return this.answer('accept', 'api');
  }

  /** Declines as the agent would: fires `cif-call-decline` and closes. Returns false if the event was cancelled or nothing is open. */
  decline(): boolean {
    return this.answer('decline', 'api');
  }

  /** Closes without an answer (the caller hung up, or the call was answered elsewhere); cancels the Dynamics notification. */
  dismiss(): void {
    this.open = false;
  }

  // ------------------------------------------------------------------ lifecycle

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && this.open) this.startTicking();
    this.syncDocumentListener();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTicking();
    this.syncDocumentListener();
    // Removed while ringing: Dynamics' notification must not outlive the alert.
    this.cancelNotify();
  }

  /** Also waits for the phone-number data, so a settled alert shows the formatted number. */
  protected override getUpdateComplete(): Promise<boolean> {
    return this.phone.settle(() => super.getUpdateComplete());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lookup')) {
      this.lookup = sanitizeChoice(this.lookup, ['idle', 'pending', 'done', 'failed'], 'idle', '<cif-incoming-call> lookup');
    }
    const opened = changed.has('open') && this.open && !changed.get('open');
    const closed = changed.has('open') && !this.open && changed.get('open') === true;
    const newCall = !opened && this.open && changed.has('callId') && changed.get('callId') !== undefined;
    if (opened || newCall) this.start();
    else if (changed.has('timeout') && this.open) this.restartCountdown();
    if (closed) this.stop();
  }

  protected override updated(): void {
    this.syncDocumentListener();
    if (this.focusAccept) {
      this.focusAccept = false;
      this.renderRoot.querySelector<HTMLButtonElement>('[part="accept"]')?.focus();
    }
  }

  private start(): void {
    const active = deepActiveElement();
    this.returnFocus = active instanceof HTMLElement && !this.contains(active) && !this.renderRoot.contains(active) ? active : undefined;
    this.openedAt = Date.now();
    this.swallowClicksUntil = 0;
    // Call waiting while the agent types (say, the current call's notes): the keystrokes stay there.
    this.focusAccept = !isEditable(active);
    this.restartCountdown();
    // In the agent's language even when the call comes before the locale's strings have loaded.
    const callId = this.callId;
    void this.l10n.ready.then(() => {
      if (this.open && this.callId === callId) this.announce(this.s.announce(this.who(), this.queue));
    });
    this.cancelNotify();
    void this.startNotify();
  }

  private stop(): void {
    this.stopTicking();
    this.cancelNotify();
    this.announce('');
    const inside = deepActiveElement();
    const hadFocus = !!inside && (this.renderRoot.contains(inside) || inside === this);
    const target = this.returnFocus;
    this.returnFocus = undefined;
    if (hadFocus && target?.isConnected) target.focus();
  }

  // ------------------------------------------------------------------ countdown

  private restartCountdown(): void {
    this.stopTicking();
    const seconds = Math.max(0, Math.floor(Number(this.timeout) || 0));
    this.deadline = seconds > 0 ? Date.now() + seconds * 1000 : 0;
    this.remaining = seconds;
    if (this.isConnected) this.startTicking();
  }

  private startTicking(): void {
    if (this.ticker !== undefined || this.deadline === 0) return;
    this.ticker = setInterval(() => this.tick(), 250);
    this.tick();
  }

  private stopTicking(): void {
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private tick(): void {
    if (!this.open || this.deadline === 0) return;
    const left = Math.max(0, Math.ceil((this.deadline - Date.now()) / 1000));
    if (left !== this.remaining) this.remaining = left;
    if (left === 0) this.timeOut();
  }

  private timeOut(): void {
    const callId = this.callId;
    this.open = false;
    this.stop();
    this.emit('cif-call-timeout', { callId });
  }

  // ------------------------------------------------------------------ answers

  private answer(kind: 'accept' | 'decline', source: CallAnswerSource): boolean {
    if (!this.open) return false;
    const detail: CifCallAnswerDetail = { callId: this.callId, source };
    const ok = this.emit(kind === 'accept' ? 'cif-call-accept' : 'cif-call-decline', detail, { cancelable: true });
    if (!ok) return false;
    this.open = false;
    this.stop(); // at once (not at the next render): focus and notification follow the answer synchronously
    return true;
  }

  private readonly onDocumentKeyDown = (e: KeyboardEvent) => this.onKeyDown(e, true);

  private onKeyDown(e: KeyboardEvent, fromDocument: boolean): void {
    if (!this.open || e.defaultPrevented || !e.altKey || e.ctrlKey || e.metaKey) return;
    if (fromDocument && e.composedPath().includes(this)) return; // the element's own listener has it
    const letter = /^Key[A-Z]$/.test(e.code) ? e.code.slice(3).toLowerCase() : e.key.toLowerCase();
    const accept = (this.acceptKey || 'a').toLowerCase();
    const decline = (this.declineKey || 'd').toLowerCase();
    if (letter === accept) {
      e.preventDefault();
      this.answer('accept', 'keyboard');
    } else if (letter === decline) {
      e.preventDefault();
      this.answer('decline', 'keyboard');
    }
  }

  private syncDocumentListener(): void {
    const want = this.isConnected && this.open && this.globalShortcuts;
    if (want === this.documentListening) return;
    this.documentListening = want;
    if (want) document.addEventListener('keydown', this.onDocumentKeyDown);
    else document.removeEventListener('keydown', this.onDocumentKeyDown);
  }

  // ------------------------------------------------------------------ Dynamics notification

  private async startNotify(): Promise<void> {
    this.notifyError = undefined;
    const client = this.cif.client;
    const template = (this.notify ?? '').trim();
    if (!template || !client) {
      this.notifyState = 'off';
      return;
    }
    if (client.version < 2) {
      this.notifyState = 'unsupported';
      return;
    }
    const callId = this.callId;
    const token = callId || `cif-incoming-call-${++tokenCounter}`;
    this.notifyToken = token;
    this.notifyClient = client;
    this.notifyState = 'pending';
    const parsed = parsePhone(this.callerNumber, this.defaultCountry);
    const templateParameters: Record<string, unknown> = {
      customerName: this.who(),
      phoneNumber: parsed?.e164 ?? this.callerNumber,
      queue: this.queue,
      reason: this.reason,
      callId,
      ...(this.notifyParameters ?? {}),
    };
    try {
      const r = await client.notifyEvent({ templateName: template, templateParameters, cancellationToken: token });
      if (this.notifyToken !== token) return; // cancelled or superseded
      this.notifyToken = undefined;
      this.notifyClient = undefined;
      this.notifyState = 'answered';
      if (!this.open || this.callId !== callId) return;
      if (r.actionName === 'Accept') {
        this.answer('accept', 'notification');
      } else if (r.actionName === 'Reject') {
        if (r.responseReason && NOTIFY_QUEUE_REASONS.has(r.responseReason)) {
          // Dynamics could not show it: not the agent's answer. The alert here carries on.
          this.notifyFailed(callId, 'notifyEvent', toCifError(JSON.stringify({ message: `Dynamics did not show the notification (${r.responseReason})` }), 'notifyEvent'));
        } else {
          this.answer('decline', 'notification');
        }
      }
      // 'Timeout' (Dynamics' display time-out) and 'Cancel': the alert here keeps its own countdown.
    } catch (e) {
      if (this.notifyToken !== token) return;
      this.notifyToken = undefined;
      this.notifyClient = undefined;
      this.notifyFailed(callId, 'notifyEvent', toCifError(e, 'notifyEvent'));
    }
  }

  private cancelNotify(): void {
    const token = this.notifyToken;
    if (!token) return;
    this.notifyToken = undefined;
    this.notifyState = 'cancelled';
    const client = this.notifyClient;
    this.notifyClient = undefined;
    if (!client) return;
    const callId = this.callId;
    client.cancelEvent(token).catch((e: unknown) => this.notifyFailed(callId, 'cancelEvent', toCifError(e, 'cancelEvent')));
  }

  private notifyFailed(callId: string, operation: 'notifyEvent' | 'cancelEvent', error: CifError): void {
    this.notifyState = 'failed';
    this.notifyError = error;
    this.emit('cif-call-notify-error', { callId, operation, error });
  }

  // ------------------------------------------------------------------ rendering

  /** Who is calling, as text: the name, the single match, the number, or "Unknown caller". */
  private who(): string {
    const s = this.s;
    const name = this.displayName();
    if (name) return name;
    return this.callerNumber ? displayPhone(this.callerNumber, this.defaultCountry) : s.unknownCaller;
  }

  private displayName(): string {
    if (this.callerName) return this.callerName;
    const matches = Array.isArray(this.records) ? this.records : [];
    if (matches.length === 1) return matches[0]!.name ?? '';
    return '';
  }

  private nameLine(): string {
    const s = this.s;
    const name = this.displayName();
    if (name) return name;
    const n = Array.isArray(this.records) ? this.records.length : 0;
    if (n > 1) return s.matches(n, formatNumber(this.l10n.intl, n));
    if (this.lookup === 'pending') return s.lookingUp;
    return s.unknownCaller;
  }

  override render(): TemplateResult {
    const s = this.s;
    const live = html`<div part="live">${this.renderAnnouncer('assertive')}</div>`;
    if (!this.open) return live;
    const number = this.callerNumber ? displayPhone(this.callerNumber, this.defaultCountry) : s.withheldNumber;
    const acceptKey = `Alt+${(this.acceptKey || 'a').toUpperCase()}`;
    const declineKey = `Alt+${(this.declineKey || 'd').toUpperCase()}`;
    const total = Math.max(0, Math.floor(Number(this.timeout) || 0));
    const progress = total > 0 ? Math.max(0, Math.min(1, this.remaining / total)) : 1;
    const hasDetails = !!(this.queue || this.reason);
    const failed = this.lookup === 'failed';
    const describedBy = [hasDetails ? 'details' : '', failed ? 'status' : '', total > 0 ? 'countdown' : ''].filter(Boolean).join(' ');
    return html`${live}
      <div
        part="base"
        role="alertdialog"
        aria-modal="false"
        aria-labelledby="heading caller"
        aria-describedby=${describedBy || nothing}
      >
        ${total > 0
          ? html`<div part="countdown-bar" aria-hidden="true" style=${styleProps({ '--cif-incoming-call-progress': String(progress) })}></div>`
          : nothing}
        <div part="header">
          <span part="icon">${phoneIcon}</span>
          <span part="heading" id="heading">${s.heading}</span>
        </div>
        <div part="caller" id="caller">
          <bdi part="name">${this.nameLine()}</bdi>
          <bdi part="number" dir="ltr">${number}</bdi>
        </div>
        ${hasDetails
          ? html`<dl part="details" id="details">
              ${this.queue ? html`<dt>${s.queue}</dt><dd><bdi>${this.queue}</bdi></dd>` : nothing}
              ${this.reason ? html`<dt>${s.reason}</dt><dd><bdi>${this.reason}</bdi></dd>` : nothing}
            </dl>`
          : nothing}
        ${failed ? html`<p part="status" id="status">${s.lookupFailed}</p>` : nothing}
        ${total > 0 ? html`<div part="countdown" id="countdown" role="timer">${s.countdown(this.remaining, formatNumber(this.l10n.intl, this.remaining))}</div>` : nothing}
        <div part="actions">
          <button part="accept" type="button" aria-keyshortcuts=${acceptKey} @click=${(e: MouseEvent) => this.onButton('accept', e)}>
            ${phoneIcon}<span>${s.accept}</span>
          </button>
          <button part="decline" type="button" aria-keyshortcuts=${declineKey} @click=${(e: MouseEvent) => this.onButton('decline', e)}>
            ${hangupIcon}<span>${s.decline}</span>
          </button>
        </div>
        <p part="shortcuts">${s.shortcuts(acceptKey, declineKey)}</p>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cif-incoming-call': CifIncomingCall;
  }
  interface HTMLElementEventMap {
    'cif-call-accept': CustomEvent<CifCallAnswerDetail>;
    'cif-call-decline': CustomEvent<CifCallAnswerDetail>;
    'cif-call-timeout': CustomEvent<CifCallTimeoutDetail>;
    'cif-call-notify-error': CustomEvent<CifCallNotifyErrorDetail>;
  }
}
