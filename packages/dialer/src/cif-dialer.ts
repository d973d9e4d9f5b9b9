import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { CifClientElement, RovingFocusController, addStyles, baseStyles, cifElement, numberAttribute, sanitizeChoice } from '@cif-elements/core';
import type { CifEventHandlers } from '@cif-elements/core';
import type { ClickToActPayload } from '@cif-elements/client/api';
import { dialerStyles } from './cif-dialer.styles.js';
import type { DialableErrorReason, DialableNumber } from './phone.js';
import { loadPhoneTools, phoneTools } from './load-phone-tools.js';
import { DEFAULT_DIALER_STRINGS, DIALER_LOCALE_PACKS } from './strings.js';
import type { CifDialerStrings } from './strings.js';
import { phoneIcon } from '@cif-elements/core/icons';
import { backspaceIcon } from './icons.js';
import { PhoneLibController, displayFormat, toCountryCode } from '@cif-elements/core/phone';
import type { CifCallSwapDetail, CifConferenceDetail, CifDialerCall, CifTransferDetail, CifTransferStepDetail } from './call-list.js';

/** State of the current call, set by the provider's telephony. */
export type CifCallState = 'idle' | 'dialing' | 'ringing' | 'connected' | 'held' | 'ended';

/** What made the dialer dial. */
export type CifDialSource = 'keypad' | 'click-to-act' | 'api';

/** `detail` of `cif-dial`. */
export interface CifDialDetail {
  /** The number in E.164 form, without the extension: `+14255550100`. */
  number: string;
  /** The extension's digits, when the number has one. */
  extension?: string;
  /**
   * The post-dial sequence, when the number has one (`425-555-0149,,,1234#` → `,,,1234#`): tones to send
   * after the call connects, `,` a pause (`postDialPauseMs`), `;` a wait for the agent. The dialer sends
   * them itself as `cif-dtmf` events with `postDial: true` once `call-state` becomes `connected`; a
   * telephony that dials the whole string itself ignores those events.
   */
  postDial?: string;
  /**
   * The text as it was entered: the pasted text, the click-to-act value, the string given to `dial()`, or
   * else the field's content.
   */
  raw: string;
  /** `keypad` (the field, Enter or the call button), `click-to-act` (filled from Dynamics) or `api` (`dial()`). */
  source: CifDialSource;
  /** For `click-to-act`: the `ClickToActPayload`. For `api`: what was passed as `options.context`. */
  context?: unknown;
}

/** `detail` of `cif-hangup`. */
export interface CifHangupDetail {
  /** The call's number (`call-number`), `''` when unknown. */
  number: string;
  /** From the call list: which call (else the one in front). */
  callId?: string;
}

/** `detail` of `cif-mute`: the state asked for. */
export interface CifMuteDetail {
  muted: boolean;
}

/** `detail` of `cif-hold`: the state asked for. */
export interface CifHoldDetail {
  held: boolean;
  /** From the call list: which call (else the one in front). */
  callId?: string;
}

/** `detail` of `cif-dtmf`. */
export interface CifDtmfDetail {
  /** `0`–`9`, `*` or `#`. */
  digit: string;
  /** `true` for a tone of the dialled number's post-dial sequence, sent by the dialer after connect. */
  postDial?: boolean;
}

/** Options of {@link CifDialer.dial}. */
export interface CifDialOptions {
  /** Passed through as `detail.context`. */
  context?: unknown;
  /** Reported as `detail.source`; default `'api'`. */
  source?: CifDialSource;
}

/** A number in the recent list. */
export interface CifDialerRecentNumber {
  /** E.164 number. */
  number: string;
  /** Extension digits, if any. */
  extension?: string;
  /** How the list shows it (national format for the default country, else international). */
  display: string;
  /** When it was dialled (epoch ms). */
  at: number;
}

export type { CifDialerStrings };

const CALL_STATES: readonly CifCallState[] = ['idle', 'dialing', 'ringing', 'connected', 'held', 'ended'];
const isActive = (s: CifCallState | undefined): boolean =>
  s === 'dialing' || s === 'ringing' || s === 'connected' || s === 'held';

interface KeyDef {
  key: string;
  letters: string;
  name: string;
}
const KEYS: readonly KeyDef[] = [
  ['1', ''],
  ['2', 'ABC'],
  ['3', 'DEF'],
  ['4', 'GHI'],
  ['5', 'JKL'],
  ['6', 'MNO'],
  ['7', 'PQRS'],
  ['8', 'TUV'],
  ['9', 'WXYZ'],
  ['*', ''],
  ['0', '+'],
  ['#', ''],
].map(([key, letters]) => ({ key, letters, name: key === '*' ? 'star' : key === '#' ? 'hash' : key }));

/**
 * The keypad key an event is for (`'0'`–`'9'`, `'*'`, `'#'`), or `undefined`: the keypad listens once for the
 * focus and the clicks of all its keys. (Pointer listeners stay on the keys: on the keypad, Chromium kept
 * every removed dialer alive for a while, 207 DOM nodes each in `npm run bench`'s connect/disconnect cycles.)
 */
const keyOf = (e: Event): string | undefined => (e.target as Element).closest?.<HTMLElement>('[data-key]')?.dataset.key;
const keyIndex = (e: Event): number => KEYS.findIndex((k) => k.key === keyOf(e));

/** How long a press must last to count as a long press (0 → `+`, backspace → clear), in ms. */
export const DIALER_LONG_PRESS_MS = 500;
/** Default pause of a `,` in a post-dial sequence, in ms. */
export const DIALER_POST_DIAL_PAUSE_MS = 2000;
/** Most tones kept in the "tones sent" line. */
const MAX_DTMF_SHOWN = 32;
/** The call timer ticks this long after each whole second (timers may fire a millisecond or two early). */
const TICK_MARGIN_MS = 15;

/**
 * A softphone dialer for Dynamics 365 Channel Integration Framework: a number field with a keypad,
 * formatting and validation with libphonenumber-js, click-to-act from Dynamics, recent numbers, and the
 * in-call view (contact, timer, mute, hold, keypad tones, hang-up) that the provider's telephony drives
 * through `call-state`.
 *
 * The dialer does not place calls: it fires `cif-dial` with an E.164 number, and the provider's
 * telephony dials and reports progress by setting `call-state`.
 *
 * Keyboard: type or paste into the field, Enter dials. The keypad is one tab stop (arrow keys, Home and
 * End move between keys). So is the call list (with several calls): ↑ ↓ move between calls (Home / End: the
 * first / last), ← → between a call's party and its buttons. Typing `0`–`9`, `*`, `#` or `+` anywhere in the dialer adds to the number (in a
 * call: sends the tone); Backspace outside the field deletes the last digit. A long press (500 ms) on `0`
 * gives `+`; a long press on backspace clears the field.
 *
 * Every text is in {@link CifDialerStrings}: the element follows the `locale` of its `<cif-provider>` (or
 * its own `locale` attribute) in twelve languages, and `strings` replaces any text.
 *
 * @tagname cif-dialer
 * @summary Number field, keypad and in-call controls for a CIF softphone.
 *
 * @fires cif-dial - Cancelable. Enter, the call button, `dial()` or an `auto-dial` click-to-act with a valid
 *   number. `detail: { number, extension?, raw, source, context? }`: `number` in E.164,
 *   `source` one of `keypad`, `click-to-act`, `api`. Cancel it to refuse the number (it is then not added to the recent list).
 * @fires cif-hangup - The hang-up button was pressed. `detail: { number }`. Set `call-state` when the call ends.
 * @fires cif-mute - Cancelable. The mute button was pressed. `detail: { muted }` is the state asked for;
 *   `muted` changes unless the event is cancelled.
 * @fires cif-hold - Cancelable. The hold button was pressed. `detail: { held }` is the state asked for;
 *   `held` (and `call-state` between `connected` and `held`) changes unless the event is cancelled.
 * @fires cif-dtmf - A keypad key was pressed (or typed) during a connected call, or the dialer sent a tone of
 *   the dialled number's post-dial sequence. `detail: { digit, postDial? }`.
 * @fires cif-call-swap - Cancelable. "Switch to" in the call list (shown with more than one call in `calls`). `detail: { callId }`.
 * @fires cif-transfer - Cancelable. "Transfer now" (`mode: 'blind'`) or "Consult first" (`mode: 'consult'`) in the transfer panel. `detail: { callId, target, mode }`.
 * @fires cif-transfer-complete - Cancelable. "Complete transfer" while consulting. `detail: { callId, consultCallId }`.
 * @fires cif-transfer-cancel - Cancelable. "Cancel transfer" while consulting. `detail: { callId, consultCallId }`.
 * @fires cif-conference - Cancelable. "Merge calls" with two or more calls. `detail: { callIds }`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart form - The idle view (a form: Enter in the field dials).
 * @csspart status - "Call ended" line with the last call's duration (while `call-state` is `ended`).
 * @csspart field - The label, input and backspace button.
 * @csspart label - The visible label of the input.
 * @csspart input - The number input (`type="tel"`).
 * @csspart backspace - The backspace button.
 * @csspart error - The inline error (role="alert").
 * @csspart origin - The value click-to-act put in the field, as Dynamics sent it.
 * @csspart recent - The recent-numbers group (shown when the field is empty).
 * @csspart recent-label - Its heading.
 * @csspart recent-clear - The button that clears the recent numbers.
 * @csspart recent-item - A recent number (a button that puts it in the field).
 * @csspart keypad - The keypad (a group of buttons).
 * @csspart key - Each key; also `key-0`…`key-9`, `key-star`, `key-hash` for one key.
 * @csspart key-digit - The digit of a key.
 * @csspart key-letters - The letters under a digit.
 * @csspart call-button - The call button.
 * @csspart in-call - The in-call view.
 * @csspart contact-name - The matched contact's name (when `contact-name` is set).
 * @csspart number - The call's number.
 * @csspart call-status - The call status text and timer line.
 * @csspart timer - The running call duration (role="timer").
 * @csspart dtmf-digits - The tones sent during the call.
 * @csspart post-dial - The button that sends the rest of a post-dial sequence after a wait (`;`).
 * @csspart controls - The row of in-call toggle buttons.
 * @csspart mute - The mute toggle button.
 * @csspart hold - The hold toggle button.
 * @csspart keypad-toggle - The button that shows the keypad in a call.
 * @csspart hangup - The hang-up button.
 * @csspart call-list - The list of calls (with more than one call).
 * @csspart call-item - One call in the list (`aria-current="true"` for the one in front).
 * @csspart call-item-name - Its party.
 * @csspart call-item-status - Its state and timer.
 * @csspart call-item-timer - Its timer.
 * @csspart call-swap - "Switch to" a call.
 * @csspart call-hold - Hold / resume a call (`aria-pressed`).
 * @csspart call-hangup - Hang up a call.
 * @csspart transfer-toggle - The button that opens the transfer panel.
 * @csspart transfer - The transfer panel (or the consult controls while consulting).
 * @csspart transfer-target - The transfer target input.
 * @csspart transfer-recent - A recent number offered as target.
 * @csspart transfer-contact - A Dynamics contact (found by the name typed) offered as target.
 * @csspart transfer-search-failed - "Could not search Dynamics" under the target.
 * @csspart transfer-blind - "Transfer now".
 * @csspart transfer-consult - "Consult first".
 * @csspart transfer-complete - "Complete transfer".
 * @csspart transfer-cancel - "Cancel transfer".
 * @csspart merge - "Merge calls".
 *
 * @cssprop [--cif-dialer-key-size=var(--cif-size-key)] - Diameter of the keypad keys.
 * @cssprop [--cif-dialer-gap=var(--cif-space-m)] - Space between the dialer's blocks and keys.
 * @cssprop [--cif-dialer-number-font-size=var(--cif-font-size-500)] - Font size of the number field and the in-call number.
 * @cssprop [--cif-dialer-max-width=20rem] - Widest the dialer grows.
 * @cssprop --cif-color-brand - Call button and focus accents.
 * @cssprop --cif-color-danger - Hang-up button and error text.
 */
@cifElement('cif-dialer')
export class CifDialer extends CifClientElement<CifDialerStrings> {
  static override shadowRootOptions: ShadowRootInit = { ...CifClientElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [baseStyles, dialerStyles];
  static override localization = { defaults: DEFAULT_DIALER_STRINGS, packs: DIALER_LOCALE_PACKS };

  /**
   * ISO 3166-1 alpha-2 country (`US`, `GB`, …) for numbers entered without `+`. An unsupported code is
   * ignored (such numbers then ask for their country code).
   */
  @property({ attribute: 'default-country' }) defaultCountry = '';

  /** Dial at once when click-to-act fills the dialer (if the number is valid and no call is active). */
  @property({ type: Boolean, reflect: true, attribute: 'auto-dial' }) autoDial = false;

  /** Ignore click-to-act from Dynamics. */
  @property({ type: Boolean, reflect: true, attribute: 'no-click-to-act' }) noClickToAct = false;

  /**
   * State of the current call, set by the provider's telephony: `idle`, `dialing`, `ringing`,
   * `connected`, `held` or `ended`. From `dialing` to `held` the dialer shows the in-call view; the
   * timer starts at `connected` and runs through `held`. Unknown values count as `idle`.
   */
  @property({ reflect: true, attribute: 'call-state' }) callState: CifCallState = 'idle';

  /** Name of the matched contact, shown in a call (set it when your lookup finds one). */
  @property({ attribute: 'contact-name' }) contactName = '';

  /**
   * Number of the current call, shown in the in-call view. Set to the dialled number (E.164, with
   * `;ext=` when there is an extension) by every successful dial; set it yourself for incoming calls.
   */
  @property({ attribute: 'call-number' }) callNumber = '';

  /** The microphone is muted. Toggled by the mute button (unless `cif-mute` is cancelled); reset when a call ends. */
  @property({ type: Boolean, reflect: true }) muted = false;

  /**
   * The call is on hold. Kept in step with `call-state`: setting it moves a `connected` call to `held` and
   * back; it is false outside `held`.
   */
  @property({ type: Boolean, reflect: true }) held = false;

  /** Text of the number field, formatted as you type. Set it to fill the field. */
  @property() value = '';

  /** How many numbers the recent list keeps (0 turns it off). */
  @property({
    attribute: 'max-recent',
    type: Number,
    converter: numberAttribute({ name: '<cif-dialer> max-recent', fallback: 10, min: 0, integer: true, expected: 'a whole number ≥ 0' }),
  })
  maxRecent = 10;

  /**
   * Recently dialled numbers, newest first (in memory only; successful, non-cancelled dials). Set it to
   * restore a list you kept; `clearRecent()` empties it.
   */
  @property({ attribute: false }) recent: CifDialerRecentNumber[] = [];

  @state() private error: DialableErrorReason | undefined;
  @state() private origin: { value: string; context: ClickToActPayload } | undefined;
  @state() private elapsed = 0;
  /** Pause of a `,` in a post-dial sequence, in ms (see `cif-dial`'s `detail.postDial`). */
  @property({ attribute: false }) postDialPauseMs = DIALER_POST_DIAL_PAUSE_MS;


  /**
   * The calls of a multi-call softphone (a `CallController` sets it). With more than one, a call list
   * shows each with its party, state and timer, and swap, hold/resume and hang-up.
   */
  @property({ attribute: false }) calls: CifDialerCall[] = [];

  /** Id of the call the in-call view shows (in `calls`). */
  @property({ attribute: 'active-call-id' }) activeCallId = '';

  /** Epoch ms the call in front was connected: the timer counts from it (else from when `call-state` became `connected`). */
  @property({ attribute: false }) connectedAt: number | undefined;

  @state() private dtmfDigits = '';
  /** Post-dial tones waiting for the agent (after a `;`), sent with the post-dial button. */
  @state() private postDialWaiting = '';
  /** Post-dial sequence of the number being called, sent once it connects. */
  private postDialPending = '';
  /** Bumped to stop a running post-dial sequence. */
  private postDialRun = 0;
  @state() private dtmfOpen = false;
  /**
   * The keypad: one tab stop, arrows move within the 3 × 4 grid (no wrap; left to right in every locale, like
   * a phone), Home / End to the first / last key.
   */
  private readonly keypadFocus = new RovingFocusController<number>(this, {
    items: () => KEYS.map((_, i) => i),
    columns: 3,
    homeEnd: 'all',
    rtl: () => false,
    element: (i) => this.renderRoot.querySelector<HTMLElement>(`[data-key="${KEYS[i]!.key}"]`),
  });

  private get input(): HTMLInputElement | undefined {
    return this.renderRoot?.querySelector<HTMLInputElement>('#input') ?? undefined;
  }

  /** The in-call view (a separate module, loaded when the first call appears); `undefined` until then. */
  private inCall: InCallView | undefined;
  /** The transfer panel's state and contact search (from the in-call module). */
  private transfer: InstanceType<InCallView['TransferPanel']> | undefined;
  /** The call list's one tab stop and arrow keys (from the in-call module). */
  private callListFocus: InstanceType<InCallView['CallListFocus']> | undefined;
  private inCallLoad: Promise<void> | undefined;
  @state() private inCallFailed = false;

  /**
   * Loads libphonenumber-js and the dialer's number functions ({@link loadPhoneTools}) after the first paint,
   * or as soon as the agent reaches for the dialer or a number arrives; re-formats the field and re-checks
   * the country once they have arrived. Until then the field is a plain `tel` input: what is typed stays as
   * typed, and dialling answers `loading`.
   */
  private readonly phone = new PhoneLibController(this, () => this.onPhoneTools(), 'idle', {
    load: loadPhoneTools,
    loaded: () => phoneTools() !== undefined,
  });

  /** The phone data has arrived: the field is formatted, the country checked, a "still loading" error dropped. */
  private onPhoneTools(): void {
    if (this.error === 'loading') this.error = undefined;
    this.requestUpdate('defaultCountry');
  }

  /** Click-to-act from Dynamics fills the dialer (see `auto-dial`, `no-click-to-act`). */
  protected override clientEvents(): CifEventHandlers {
    return { clicktoact: (payload) => this.onClickToAct(payload) };
  }

  /** Text as it was pasted (whole field) — reported as `raw` until the next edit. */
  private rawOverride: string | undefined;
  private callStartedAt: number | undefined;
  private ticker: ReturnType<typeof setTimeout> | undefined;
  private pressTimer: ReturnType<typeof setTimeout> | undefined;
  private suppressClick = false;
  private focusAfterUpdate: 'hangup' | 'input' | undefined;
  private warnedCountry = '';

  /** Why the last dial attempt was refused (shown inline), or `undefined`. Cleared by the next edit. */
  get validationError(): DialableErrorReason | undefined {
    return this.error;
  }

  /** Seconds the current (or last) call has been connected. */
  get callDuration(): number {
    return this.elapsed;
  }

  /**
   * Dials `number` (or, without one, the field's content): validates it, fires the cancelable `cif-dial`,
   * and on success adds it to the recent list and sets `call-number`. An invalid number shows the inline
   * error (the field then holds `number`). Returns whether `cif-dial` went out and was not cancelled;
   * false also while a call is active. Never throws.
   */
  dial(number?: string, options: CifDialOptions = {}): boolean {
    try {
      if (isActive(this.callState)) return false;
      const source = options.source ?? 'api';
      if (number === undefined || number === null) {
        const context = options.context ?? this.origin?.context;
        return this.attemptDial(this.currentRaw(), source, context, false);
      }
      const raw = String(number);
      this.fill(raw);
      return this.attemptDial(raw, source, options.context, false);
    } catch {
      return false;
    }
  }

  /** Empties the field and removes any error. */
  clear(): void {
    this.value = '';
    this.error = undefined;
    this.origin = undefined;
    this.rawOverride = undefined;
  }

  /** Empties the recent list. */
  clearRecent(): void {
    this.recent = [];
  }

  // ------------------------------------------------------------------ lifecycle

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.callStartedAt !== undefined && (this.callState === 'connected' || this.callState === 'held')) {
      this.startTicking();
    }
  }

  /**
   * Also waits for the phone-number metadata, so a settled dialer can validate synchronously, and in a
   * call for the in-call view, so a settled dialer shows it.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await this.phone.settle(() => super.getUpdateComplete());
    if (this.inCallLoad && !this.inCall) {
      await this.inCallLoad;
      done = (await super.getUpdateComplete()) && done;
    }
    return done;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTicking();
    this.cancelPress();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('callState')) this.callState = sanitizeChoice(this.callState, CALL_STATES, 'idle', '<cif-dialer> call-state');
    const before = changed.has('callState') ? (changed.get('callState') as CifCallState | undefined) : this.callState;
    if (changed.has('callState')) {
      this.held = this.callState === 'held';
    } else if (changed.has('held')) {
      if (this.held && this.callState === 'connected') this.callState = 'held';
      else if (!this.held && this.callState === 'held') this.callState = 'connected';
      else this.held = this.callState === 'held';
    }
    if (this.callState !== before || !this.hasUpdated) this.onCallState(before, this.callState);
    // Another call came to the front (or its connection time is known): its own timer, never the last one's.
    if ((changed.has('activeCallId') && changed.get('activeCallId') !== undefined) || changed.has('connectedAt')) {
      if (this.callState === 'connected' || this.callState === 'held') {
        this.callStartedAt = this.connectedAt ?? (changed.has('activeCallId') ? Date.now() : this.callStartedAt ?? Date.now());
        if (this.ticker === undefined) this.tick();
        else {
          // shows this call's time now (startTicking ticks), and the next ticks fall on its seconds
          this.stopTicking();
          this.startTicking();
        }
      }
      if (changed.has('activeCallId')) {
        this.transfer?.toggle(false);
        this.dtmfDigits = '';
      }
    }

    // A number to show or a call to follow: the phone data is needed now, not at idle time.
    if ((typeof this.value === 'string' && this.value.trim()) || isActive(this.callState)) this.phone.need();
    if (changed.has('defaultCountry') || changed.has('value')) {
      // Re-format (idempotent for what the dialer itself wrote); text that is no number stays as set.
      const text = typeof this.value === 'string' ? this.value : '';
      const shown = phoneTools()?.formatAsYouType(text, this.defaultCountry) ?? text;
      if (shown || !text.trim()) this.value = shown;
    }
    if (changed.has('defaultCountry')) this.warnCountry();
    // A call, or the "Call ended" line: the in-call module renders them.
    if ((isActive(this.callState) || this.callState === 'ended') && !this.inCall) {
      if (inCallView) this.useInCall(inCallView);
      else void this.loadInCall();
    }
    if (changed.has('maxRecent') || changed.has('recent')) {
      const max = Math.max(0, Math.floor(Number(this.maxRecent) || 0));
      if (!Array.isArray(this.recent)) this.recent = [];
      else if (this.recent.length > max) this.recent = this.recent.slice(0, max);
    }
  }

  protected override updated(): void {
    const target = this.focusAfterUpdate;
    this.focusAfterUpdate = undefined;
    if (target === 'hangup') {
      const hangup = this.renderRoot.querySelector<HTMLElement>('[part="hangup"]');
      if (hangup) hangup.focus();
      // The in-call view is still loading: focus its hang-up button once it is there.
      else if (isActive(this.callState)) this.focusAfterUpdate = 'hangup';
    } else if (target === 'input') this.input?.focus();
  }

  // ------------------------------------------------------------------ call state

  private onCallState(before: CifCallState | undefined, now: CifCallState): void {
    const wasActive = isActive(before);
    const active = isActive(now);
    if (active && !wasActive) {
      this.dtmfDigits = '';
      this.dtmfOpen = false;
      this.elapsed = 0;
      this.callStartedAt = undefined;
    }
    if ((now === 'connected' || now === 'held') && this.callStartedAt === undefined) {
      this.callStartedAt = this.connectedAt ?? Date.now();
      this.elapsed = 0;
      this.tick();
      if (now === 'connected' && this.postDialPending) {
        const sequence = this.postDialPending;
        this.postDialPending = '';
        void this.runPostDial(sequence);
      }
    }
    if (!active) this.stopPostDial();
    if (now === 'connected' || now === 'held') {
      if (this.isConnected) this.startTicking();
    } else {
      this.tick();
      this.stopTicking();
      this.callStartedAt = undefined;
    }
    if (!active) {
      this.muted = false;
      this.dtmfOpen = false;
      if (now === 'idle') this.elapsed = 0;
    }
    if (!this.hasUpdated || before === undefined) return;
    if (active !== wasActive && this.matches(':focus-within')) this.focusAfterUpdate = active ? 'hangup' : 'input';
    const s = this.s;
    const who = this.contactName || this.numberDisplay();
    const text =
      now === 'dialing'
        ? s.announceDialing(who)
        : now === 'ringing'
          ? s.announceRinging(who)
          : now === 'connected'
            ? before === 'held'
              ? s.announceResumed(who)
              : s.announceConnected(who)
            : now === 'held'
              ? s.announceHeld(who)
              : now === 'ended' || wasActive
                ? s.announceEnded(who)
                : '';
    if (text) this.announce(text);
  }

  /**
   * Ticks just after each whole second of the call, not every 1000 ms from whenever it started: an interval
   * that fires a little early (or drifts) would show each second up to a second late.
   */
  private startTicking(): void {
    if (this.ticker !== undefined) return;
    this.tick();
    const start = this.callStartedAt;
    const toNextSecond = start === undefined ? 1000 : 1000 - ((((Date.now() - start) % 1000) + 1000) % 1000);
    this.ticker = setTimeout(() => {
      this.ticker = undefined;
      this.startTicking();
    }, toNextSecond + TICK_MARGIN_MS);
  }

  private stopTicking(): void {
    if (this.ticker !== undefined) clearTimeout(this.ticker);
    this.ticker = undefined;
  }

  private tick(): void {
    if (this.callStartedAt !== undefined) this.elapsed = Math.floor((Date.now() - this.callStartedAt) / 1000);
  }

  // ------------------------------------------------------------------ dialling

  /** `raw` for a dial of the field's content. */
  private currentRaw(): string {
    return this.rawOverride ?? this.origin?.value ?? this.value;
  }

  /** Puts `raw` in the field, formatted (text that is not written like a number leaves the field empty). */
  private fill(raw: string, origin?: ClickToActPayload): void {
    this.value = phoneTools()?.formatAsYouType(raw, this.defaultCountry) ?? raw;
    // A value from Dynamics that is not a phone number at all: say so rather than leave a silent blank.
    this.error = origin && !this.value && raw.trim() ? 'invalid' : undefined;
    this.rawOverride = undefined;
    this.origin = origin ? { value: raw, context: origin } : undefined;
  }

  private attemptDial(raw: string, source: CifDialSource, context: unknown, focusOnError: boolean): boolean {
    if (isActive(this.callState)) return false;
    const tools = phoneTools();
    if (!tools) this.phone.need();
    const parsed = tools ? tools.parseDialable(this.value || raw, this.defaultCountry) : ({ ok: false, reason: 'loading' } as const);
    if (!parsed.ok) {
      this.error = parsed.reason;
      if (focusOnError) this.input?.focus();
      return false;
    }
    this.error = undefined;
    const detail: CifDialDetail = { number: parsed.e164, raw, source };
    if (parsed.extension) detail.extension = parsed.extension;
    if (parsed.postDial) detail.postDial = parsed.postDial;
    if (context !== undefined) detail.context = context;
    const sent = this.emit('cif-dial', detail, { cancelable: true });
    if (!sent) return false;
    this.remember(parsed);
    this.stopPostDial();
    this.postDialPending = parsed.postDial ?? '';
    this.callNumber = parsed.extension ? `${parsed.e164};ext=${parsed.extension}` : parsed.e164;
    this.value = '';
    this.origin = undefined;
    this.rawOverride = undefined;
    return true;
  }

  private remember(n: DialableNumber): void {
    const max = Math.max(0, Math.floor(Number(this.maxRecent) || 0));
    if (max === 0) return;
    const entry: CifDialerRecentNumber = { number: n.e164, display: this.displayOf(n), at: Date.now() };
    if (n.extension) entry.extension = n.extension;
    const rest = (Array.isArray(this.recent) ? this.recent : []).filter(
      (r) => !(r.number === entry.number && (r.extension ?? '') === (entry.extension ?? '')),
    );
    this.recent = [entry, ...rest].slice(0, max);
  }

  private displayOf(n: DialableNumber): string {
    return displayFormat({ country: n.country, national: n.national, international: n.formatted }, this.defaultCountry);
  }

  private numberDisplay(): string {
    const raw = (this.callNumber ?? '').trim();
    if (!raw) return this.s.unknownNumber;
    const parsed = phoneTools()?.parseDialable(raw, this.defaultCountry);
    return parsed?.ok ? this.displayOf(parsed) : raw;
  }

  private errorText(reason: DialableErrorReason): string {
    const s = this.s;
    switch (reason) {
      case 'empty':
        return s.errorEmpty;
      case 'too-short':
        return s.errorTooShort;
      case 'too-long':
        return s.errorTooLong;
      case 'invalid-country':
        return phoneTools()?.normalizeInput(this.value).startsWith('+') ? s.errorUnknownCountry : s.errorNoCountry;
      case 'loading':
        return s.errorLoading;
      default:
        return s.errorInvalid;
    }
  }

  private warnCountry(): void {
    if (!phoneTools()) return; // checked again once the metadata has arrived
    const code = (this.defaultCountry ?? '').trim();
    if (!code || toCountryCode(code) || this.warnedCountry === code) return;
    this.warnedCountry = code;
    console.warn(
      `<cif-dialer>: default-country "${code}" is not a supported ISO 3166-1 alpha-2 code; ` +
        'numbers entered without + will ask for their country code.',
    );
  }

  // ------------------------------------------------------------------ click-to-act

  private onClickToAct(payload: ClickToActPayload, waited = false): void {
    if (this.noClickToAct) return;
    if (!waited && !phoneTools()) {
      // Before the phone data has arrived (it loads after the first paint): handle the click once it is here,
      // formatted and checked like any other (or as typed text, if it cannot load).
      const later = (): void => this.onClickToAct(payload, true);
      void loadPhoneTools().then(later, later);
      return;
    }
    const value = typeof payload?.value === 'string' ? payload.value : String(payload?.value ?? '');
    const format = typeof payload?.format === 'string' ? payload.format : '';
    // Click-to-act also fires for e-mail addresses and URLs: not for a dialer.
    if (/mail|url/i.test(format) || value.includes('@')) return;
    if (isActive(this.callState) && this.transfer?.open) {
      this.transfer.setTarget(value); // click-to-act picks the transfer target
      this.announce(this.s.announceFilled(value));
      return;
    }
    this.fill(value, payload);
    if (this.autoDial && !isActive(this.callState)) {
      if (this.attemptDial(value, 'click-to-act', payload, false)) return;
    }
    this.announce(this.s.announceFilled(this.value || value));
  }

  // ------------------------------------------------------------------ field editing

  /** Applies an edit made by the agent: re-formats, places the caret, clears error and origin. */
  private applyEdit(text: string, before?: string, raw?: string): void {
    const tools = phoneTools();
    // Before the phone data has arrived the field keeps the text as typed (formatted once it is here).
    const { shown, caret } = tools ? tools.layout(text, before, this.defaultCountry) : { shown: text, caret: undefined };
    const input = this.input;
    if (input) {
      input.value = shown;
      if (caret !== undefined && this.shadowRoot?.activeElement === input) input.setSelectionRange(caret, caret);
    }
    this.value = shown;
    this.error = undefined;
    this.origin = undefined;
    this.rawOverride = raw;
  }

  private onBeforeInput(e: InputEvent): void {
    const input = e.target as HTMLInputElement;
    const value = input.value;
    // a plain text field until the phone data is here
    const edit = phoneTools()?.beforeInput(e.inputType, e.data, value, input.selectionStart ?? value.length, input.selectionEnd ?? value.length);
    if (!edit) return;
    e.preventDefault();
    if (edit !== 'refuse') this.applyEdit(edit.text, edit.before);
  }

  private onInput(e: InputEvent): void {
    if (e.isComposing) return;
    const input = e.target as HTMLInputElement;
    const value = input.value;
    const caret = input.selectionStart ?? value.length;
    this.applyEdit(value, caret >= value.length ? undefined : value.slice(0, caret));
  }

  private onPaste(e: ClipboardEvent): void {
    const tools = phoneTools();
    if (!tools) return; // pasted as is; formatted once the phone data is here
    e.preventDefault();
    const input = e.target as HTMLInputElement;
    const value = input.value;
    const edit = tools.paste(e.clipboardData?.getData('text/plain') ?? '', value, input.selectionStart ?? value.length, input.selectionEnd ?? value.length);
    if (edit === 'invalid') this.error = 'invalid';
    else if (edit) this.applyEdit(edit.text, edit.before, edit.raw);
  }

  /** Adds dial characters at the end of the field (keypad, typing outside the field). */
  private appendChars(chars: string): void {
    this.applyEdit(this.value + chars);
  }

  private deleteLast(): void {
    const tools = phoneTools();
    const text = tools ? tools.removeBackward(this.value, this.value.length)?.text : this.value.slice(0, -1);
    if (text !== undefined && text !== this.value) this.applyEdit(text);
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    if (isActive(this.callState)) return;
    this.attemptDial(this.currentRaw(), this.origin ? 'click-to-act' : 'keypad', this.origin?.context, true);
  }

  // ------------------------------------------------------------------ keys

  private onKeyClick(key: string): void {
    if (this.suppressClick) {
      this.suppressClick = false;
      return;
    }
    if (isActive(this.callState) && this.transfer?.open) {
      // The transfer panel is open: the keypad types the transfer target (no tone to the party).
      this.transfer.input(this.transfer.target + key);
      this.announce(key);
    } else if (isActive(this.callState)) {
      if (this.sendDtmf(key)) this.announce(key);
    } else {
      this.appendChars(key);
      this.announce(key);
    }
  }

  /** Stops a running post-dial sequence and forgets a pending one. */
  private stopPostDial(): void {
    this.postDialRun++;
    this.postDialPending = '';
    this.postDialWaiting = '';
  }

  /** Sends a post-dial sequence: tones as `cif-dtmf`, `,` pauses, `;` waits for the post-dial button. */
  private async runPostDial(sequence: string): Promise<void> {
    const run = ++this.postDialRun;
    this.postDialWaiting = '';
    for (let i = 0; i < sequence.length; i++) {
      if (run !== this.postDialRun) return;
      const ch = sequence[i]!;
      if (ch === ',') {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(this.postDialPauseMs) || 0)));
      } else if (ch === ';' || this.callState !== 'connected') {
        // A wait — or the call is on hold: the agent sends the rest with the post-dial button.
        const rest = sequence.slice(ch === ';' ? i + 1 : i);
        if (/[0-9*#]/.test(rest)) this.postDialWaiting = rest;
        return;
      } else {
        this.sendDtmf(ch, true);
      }
    }
  }

  private continuePostDial(): void {
    const rest = this.postDialWaiting;
    this.postDialWaiting = '';
    if (rest) void this.runPostDial(rest);
  }

  /** Fires `cif-dtmf` (connected calls only); returns whether it did. */
  private sendDtmf(digit: string, postDial = false): boolean {
    if (this.callState !== 'connected' || !/^[0-9*#]$/.test(digit)) return false;
    const detail: CifDtmfDetail = postDial ? { digit, postDial } : { digit };
    this.emit('cif-dtmf', detail);
    this.dtmfDigits = (this.dtmfDigits + digit).slice(-MAX_DTMF_SHOWN);
    return true;
  }

  private startPress(action: () => void): void {
    this.cancelPress();
    this.suppressClick = false;
    this.pressTimer = setTimeout(() => {
      this.pressTimer = undefined;
      this.suppressClick = true;
      action();
    }, DIALER_LONG_PRESS_MS);
  }

  private cancelPress(): void {
    if (this.pressTimer !== undefined) clearTimeout(this.pressTimer);
    this.pressTimer = undefined;
  }

  private endPress(): void {
    this.cancelPress();
    // The click that follows a long press is swallowed; forget the flag if no click comes.
    if (this.suppressClick) setTimeout(() => (this.suppressClick = false), 0);
  }

  private onKeyPointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    if (keyOf(e) === '0' && !isActive(this.callState)) this.startPress(() => {
        this.appendChars('+');
        this.announce('+');
      });
    else {
      this.cancelPress();
      this.suppressClick = false;
    }
  }

  private onBackspacePointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.startPress(() => this.applyEdit(''));
  }

  private onBackspaceClick(): void {
    if (this.suppressClick) {
      this.suppressClick = false;
      return;
    }
    this.deleteLast();
  }

  /** A key got focus (Tab, click): it is the keypad's active one. */
  private onKeypadFocus(e: FocusEvent): void {
    const index = keyIndex(e);
    if (index >= 0) void this.keypadFocus.setActiveIndex(index, { focus: false });
  }

  private onKeypadClick(e: MouseEvent): void {
    const key = keyOf(e);
    if (key) this.onKeyClick(key);
  }

  private onKeypadKeydown(e: KeyboardEvent): void {
    const index = keyIndex(e);
    if (index < 0) return;
    // the key that has focus is the active one (a click or Tab may have moved it)
    if (this.keypadFocus.activeIndex !== index) void this.keypadFocus.setActiveIndex(index, { focus: false });
    this.keypadFocus.handleKeydown(e);
  }

  /** Typing outside the field: digits, `*`, `#`, `+` and Backspace edit the number (or send tones in a call). */
  private onKeydown(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.composedPath()[0] === this.input) return;
    if ((e.composedPath()[0] as Element | undefined)?.localName === 'input') return; // the transfer target
    const key = e.key;
    if (isActive(this.callState)) {
      if (/^[0-9*#]$/.test(key) && this.callState === 'connected') {
        e.preventDefault();
        if (this.sendDtmf(key)) this.announce(key);
      }
      return;
    }
    if (/^[0-9*#+]$/.test(key)) {
      e.preventDefault();
      this.appendChars(key);
      this.announce(key);
    } else if (key === 'Backspace') {
      e.preventDefault();
      this.deleteLast();
    }
  }

  // ------------------------------------------------------------------ recent

  private useRecent(entry: CifDialerRecentNumber): void {
    this.applyEdit(entry.extension ? `${entry.number};ext=${entry.extension}` : entry.number);
    this.input?.focus();
    const end = this.value.length;
    this.input?.setSelectionRange(end, end);
  }

  private onClearRecent(): void {
    this.clearRecent();
    this.focusAfterUpdate = 'input';
  }

  // ------------------------------------------------------------------ in-call

  private hangUp(): void {
    this.emit('cif-hangup', { number: this.callNumber ?? '' });
  }

  /** The calls that have not ended. */
  private liveCalls(): CifDialerCall[] {
    return (Array.isArray(this.calls) ? this.calls : []).filter((c) => c && c.state !== 'ended');
  }

  // ------------------------------------------------------------------ rendering

  override render() {
    const s = this.s;
    return html`<div part="base" class="base" @keydown=${this.onKeydown}>
      ${isActive(this.callState) ? this.renderInCall(s) : this.renderIdle(s)}
      ${this.renderAnnouncer('polite')}
    </div>`;
  }

  private renderIdle(s: CifDialerStrings): TemplateResult {
    const error = this.error;
    const recent = Array.isArray(this.recent) ? this.recent : [];
    const showRecent = !this.value && recent.length > 0 && this.maxRecent > 0;
    return html`
      ${this.callState === 'ended' && this.inCall ? this.inCall.renderCallEnded(this, s) : nothing}
      <form part="form" class="idle" novalidate @submit=${this.onSubmit}>
        <div part="field" class="field">
          <label part="label" for="input">${s.label}</label>
          <div class="input-row">
            <input
              id="input"
              part="input"
              type="tel"
              dir="ltr"
              autocomplete="tel"
              inputmode="tel"
              spellcheck="false"
              placeholder=${ifDefined(s.placeholder || undefined)}
              .value=${this.value}
              aria-invalid=${error ? 'true' : 'false'}
              aria-describedby=${ifDefined(error ? 'error' : undefined)}
              @beforeinput=${this.onBeforeInput}
              @input=${this.onInput}
              @paste=${this.onPaste}
            />
            <button
              type="button"
              part="backspace"
              class="backspace"
              aria-label=${s.backspace}
              title=${s.backspace}
              @pointerdown=${this.onBackspacePointerDown}
              @pointerup=${this.endPress}
              @pointerleave=${this.endPress}
              @pointercancel=${this.endPress}
              @click=${this.onBackspaceClick}
            >
              ${backspaceIcon}
            </button>
          </div>
        </div>
        <div id="error" part="error" class="error" role="alert">${error ? this.errorText(error) : nothing}</div>
        ${this.origin
          ? html`<p part="origin" class="origin">
              <span>${s.fromClickToAct}</span> <bdi>${this.origin.value}</bdi>
            </p>`
          : nothing}
        ${showRecent ? this.renderRecent(s, recent) : nothing} ${this.renderKeypad(s, false)}
        <button type="submit" part="call-button" class="call">${phoneIcon}<span>${s.call}</span></button>
      </form>
    `;
  }

  private renderRecent(s: CifDialerStrings, recent: CifDialerRecentNumber[]): TemplateResult {
    return html`<div part="recent" class="recent" role="group" aria-labelledby="recent-label">
      <div class="recent-head">
        <span id="recent-label" part="recent-label">${s.recent}</span>
        <button
          type="button"
          part="recent-clear"
          class="text-button"
          aria-label=${s.clearRecentLabel}
          @click=${this.onClearRecent}
        >
          ${s.clearRecent}
        </button>
      </div>
      <ul class="recent-list">
        ${recent.map(
          (r) =>
            html`<li>
              <button type="button" part="recent-item" class="recent-item" @click=${() => this.useRecent(r)}>
                <bdi dir="ltr">${r.display}</bdi>
              </button>
            </li>`,
        )}
      </ul>
    </div>`;
  }

  private renderKeypad(s: CifDialerStrings, tones: boolean): TemplateResult {
    return html`<div
      id="keypad"
      part="keypad"
      class="keypad"
      role="group"
      aria-label=${tones ? s.dtmfKeypad : s.keypad}
      dir="ltr"
      @keydown=${this.onKeypadKeydown}
      @focusin=${this.onKeypadFocus}
      @click=${this.onKeypadClick}
    >
      ${KEYS.map(
        (k, i) =>
          html`<button
            type="button"
            part="key key-${k.name}"
            class="key"
            data-key=${k.key}
            tabindex=${this.keypadFocus.activeIndex === i || (i === 0 && this.keypadFocus.activeIndex < 0) ? 0 : -1}
            @pointerdown=${this.onKeyPointerDown}
            @pointerup=${this.endPress}
            @pointerleave=${this.endPress}
            @pointercancel=${this.endPress}
          >
            <span part="key-digit" class="digit">${k.key}</span>
            <span part="key-letters" class="letters">${k.letters}</span>
          </button>`,
      )}
    </div>`;
  }

  /** How a number is shown (formatted for the default country). */
  private displayOfNumber(n: string): string {
    return phoneTools()?.displayFor(n, this.defaultCountry) ?? n;
  }

  private renderInCall(s: CifDialerStrings): TemplateResult {
    const view = this.inCall;
    if (!view || !this.transfer || !this.callListFocus) {
      // The in-call module is on its way (a moment, on the first call of the page): the state alone. Should
      // it fail to load, the agent can still hang up.
      return html`<div part="in-call" class="in-call" role="group" aria-label=${s.inCall} aria-busy=${this.inCallFailed ? 'false' : 'true'}>
        <p part="call-status" class="call-status"><span>${this.statusText(s)}</span></p>
        ${this.inCallFailed
          ? html`<button type="button" part="hangup" class="hangup" @click=${this.hangUp}><span>${s.hangup}</span></button>`
          : nothing}
      </div>`;
    }
    return view.renderDialerInCall(this, s);
  }

  private statusText(s: CifDialerStrings): string {
    const state = this.callState;
    return state === 'dialing' ? s.statusDialing : state === 'ringing' ? s.statusRinging : state === 'held' ? s.statusHeld : s.statusConnected;
  }

  // ------------------------------------------------------------------ the in-call module

  /** Loads the in-call view (once per page) and renders it when it arrives. Never rejects. */
  private loadInCall(): Promise<void> {
    this.inCallLoad ??= loadInCallView().then(
      (view) => {
        this.inCallFailed = false;
        this.useInCall(view);
      },
      (e: unknown) => {
        this.inCallLoad = undefined; // the next call tries again
        this.inCallFailed = true;
        this.requestUpdate();
        console.warn('<cif-dialer>: could not load the in-call view', e);
      },
    );
    return this.inCallLoad;
  }

  /** Takes the loaded in-call view into use: its styles join the shadow root's, and it renders. */
  private useInCall(view: InCallView): void {
    if (this.inCall) return;
    this.inCall = view;
    this.transfer = new view.TransferPanel(this);
    this.callListFocus = new view.CallListFocus(this, () => this.liveCalls(), () => this.activeCallId);
    addStyles(this.renderRoot, view.inCallStyles);
    this.requestUpdate();
  }
}

/** The in-call view module (in-call.ts), loaded on a page's first call. */
type InCallView = typeof import('./in-call.js');
let inCallView: InCallView | undefined;
let inCallViewLoad: Promise<InCallView> | undefined;

function loadInCallView(): Promise<InCallView> {
  inCallViewLoad ??= import('./in-call.js').then(
    (m) => (inCallView = m),
    (e: unknown) => {
      inCallViewLoad = undefined;
      throw e;
    },
  );
  return inCallViewLoad;
}

declare global {
  interface HTMLElementTagNameMap {
    'cif-dialer': CifDialer;
  }
  interface HTMLElementEventMap {
    'cif-dial': CustomEvent<CifDialDetail>;
    'cif-hangup': CustomEvent<CifHangupDetail>;
    'cif-mute': CustomEvent<CifMuteDetail>;
    'cif-hold': CustomEvent<CifHoldDetail>;
    'cif-dtmf': CustomEvent<CifDtmfDetail>;
    'cif-call-swap': CustomEvent<CifCallSwapDetail>;
    'cif-transfer': CustomEvent<CifTransferDetail>;
    'cif-transfer-complete': CustomEvent<CifTransferStepDetail>;
    'cif-transfer-cancel': CustomEvent<CifTransferStepDetail>;
    'cif-conference': CustomEvent<CifConferenceDetail>;
  }
}
