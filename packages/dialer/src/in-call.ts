/**
 * `<cif-dialer>`'s in-call view: the call (contact, number, status and timer, tones, post-dial), the
 * in-call controls, the call list and the transfer panel, with their styles and icons, and what those
 * controls do (the events they fire). The element owns the state; this module reads it (see
 * {@link renderDialerInCall}).
 *
 * A page that never has a call never needs this: the dialer loads it with `import()` when a call first
 * appears (bundles put it in its own chunk), and renders it from then on.
 */
import { css, html, nothing, svg, unsafeCSS } from 'lit';
import type { TemplateResult } from 'lit';
import type { CifClient } from '@cif-elements/client/api';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { callListStyles, renderCallList } from './call-list.js';
import type { CallListFocus, CifDialerCall } from './call-list.js';
import type { CifCallState, CifDialer, CifDialerRecentNumber } from './cif-dialer.js';
import { hangupIcon, icon, phoneIcon } from '@cif-elements/core/icons';
import { formatTimer } from '@cif-elements/core';
import { isoDuration } from './duration.js';
import type { CifDialerStrings } from './strings.js';

export { CallListFocus } from './call-list.js';

const micIcon = icon(svg`<rect x="9" y="3" width="6" height="11" rx="3" /><path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21" />`);
const micOffIcon = icon(
  svg`<rect x="9" y="3" width="6" height="11" rx="3" /><path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M3.5 3.5l17 17" />`,
);
const holdIcon = icon(svg`<path d="M9 6v12M15 6v12" />`);
const keypadIcon = icon(
  svg`<g fill="currentColor" stroke="none"><circle cx="6" cy="5" r="1.6" /><circle cx="12" cy="5" r="1.6" /><circle cx="18" cy="5" r="1.6" /><circle cx="6" cy="11" r="1.6" /><circle cx="12" cy="11" r="1.6" /><circle cx="18" cy="11" r="1.6" /><circle cx="6" cy="17" r="1.6" /><circle cx="12" cy="17" r="1.6" /><circle cx="18" cy="17" r="1.6" /><circle cx="12" cy="22" r="1.4" /></g>`,
);

/** What {@link TransferPanel} needs of its element. */
export interface TransferPanelHost {
  /** The client whose Dynamics contacts are searched by the name typed as target. */
  readonly client: CifClient | undefined;
  requestUpdate(): void;
}

/** A Dynamics contact offered as transfer target. */
export interface TransferContact {
  name: string;
  number: string;
}

/**
 * The transfer panel's state: open or not, the target typed, and the Dynamics contacts whose name matches
 * it (searched through the client, debounced). Changes re-render the element.
 */
export class TransferPanel {
  open = false;
  target = '';
  contacts: TransferContact[] = [];
  searchFailed = false;
  private readonly host: TransferPanelHost;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  constructor(host: TransferPanelHost) {
    this.host = host;
  }

  /** Opens or closes the panel (toggles without an argument). */
  toggle(open = !this.open): void {
    this.open = open;
    this.host.requestUpdate();
  }

  /** Closes the panel and forgets the target. */
  close(): void {
    this.open = false;
    this.target = '';
    this.host.requestUpdate();
  }

  setTarget(value: string): void {
    this.target = value;
    this.host.requestUpdate();
  }

  /** The target as typed: a name looks contacts up in Dynamics (debounced), for their numbers. */
  input(value: string): void {
    this.setTarget(value);
    clearTimeout(this.timer);
    const q = value.trim();
    const seq = ++this.seq;
    if (q.length < 2 || !/\p{L}/u.test(q) || !this.host.client) {
      this.contacts = [];
      this.searchFailed = false;
      return;
    }
    this.timer = setTimeout(() => void this.search(q, seq), 300);
  }

  private async search(q: string, seq: number): Promise<void> {
    const client = this.host.client;
    if (!client) return;
    const literal = `'${encodeURIComponent(q.replace(/'/g, "''"))}'`;
    try {
      const rows = await client.searchAndOpenRecords(
        'contact',
        `?$select=fullname,telephone1,mobilephone&$filter=contains(fullname,${literal})`,
        true,
      );
      if (seq !== this.seq) return;
      this.contacts = rows
        .map((r) => ({
          name: typeof r.fullname === 'string' ? r.fullname : '',
          number: typeof r.telephone1 === 'string' && r.telephone1 ? r.telephone1 : typeof r.mobilephone === 'string' ? r.mobilephone : '',
        }))
        .filter((c) => c.name && c.number)
        .slice(0, 5);
      this.searchFailed = false;
    } catch {
      if (seq !== this.seq) return;
      this.contacts = [];
      this.searchFailed = true;
    }
    this.host.requestUpdate();
  }
}

/** What the in-call view shows, and what its controls do: given by the element on every render. */
export interface InCallHost {
  s: CifDialerStrings;
  /** A call's timer text (mm:ss in the agent's locale). */
  formatTimer: (seconds: number) => string;
  callState: CifCallState;
  contactName: string;
  /** The call's number as shown (or "Unknown number"). */
  number: string;
  /** The timer (rendered by the element, which also shows it after the call), or nothing. */
  timer: TemplateResult | typeof nothing;
  dtmfDigits: string;
  postDialWaiting: string;
  /** The keypad, when it is shown in the call (rendered by the element, which shares it with the idle view). */
  keypad: TemplateResult | typeof nothing;
  muted: boolean;
  held: boolean;
  /** The transfer panel's state. */
  panel: TransferPanel;
  recent: readonly CifDialerRecentNumber[];
  /** The calls that have not ended. */
  calls: readonly CifDialerCall[];
  activeCallId: string;
  /** The call list's tab stop and arrow keys. */
  callListFocus: CallListFocus;
  /** The attended transfer in progress: [call being transferred, consult leg]. */
  consult: [CifDialerCall, CifDialerCall] | undefined;
  /** How a number is shown (formatted for the default country). */
  display: (number: string) => string;
  toggleMute: () => void;
  toggleHold: () => void;
  toggleKeypad: () => void;
  hangUp: () => void;
  continuePostDial: () => void;
  swap: (callId: string) => void;
  holdCall: (callId: string, held: boolean) => void;
  hangUpCall: (callId: string) => void;
  transfer: (mode: 'blind' | 'consult') => void;
  completeTransfer: (callId: string, consultCallId: string) => void;
  cancelTransfer: (callId: string, consultCallId: string) => void;
  conference: (callIds: string[]) => void;
}

function renderTransfer(h: InCallHost): TemplateResult | typeof nothing {
  const s = h.s;
  const calls = h.calls;
  if (h.consult) {
    const [call, consult] = h.consult;
    const who = consult.name || h.display(consult.number) || s.unknownNumber;
    return html`<div part="transfer" class="transfer" role="group" aria-label=${s.transfer}>
      <p>${s.consulting(who)}</p>
      <div class="row">
        <button type="button" part="transfer-complete" class="row-button" @click=${() => h.completeTransfer(call.callId, consult.callId)}>
          ${s.completeTransfer}
        </button>
        <button type="button" part="transfer-cancel" class="row-button" @click=${() => h.cancelTransfer(call.callId, consult.callId)}>
          ${s.cancelTransfer}
        </button>
        <button type="button" part="merge" class="row-button" @click=${() => h.conference([call.callId, consult.callId])}>
          ${s.merge}
        </button>
      </div>
    </div>`;
  }
  const merge =
    calls.length > 1 && !calls.every((c) => c.conference?.length)
      ? html`<button type="button" part="merge" class="row-button" @click=${() => h.conference(calls.map((c) => c.callId))}>
          ${s.merge}
        </button>`
      : nothing;
  const panel = h.panel;
  if (!panel.open) return merge === nothing ? nothing : html`<div class="row">${merge}</div>`;
  const recent = h.recent.slice(0, 5);
  return html`<div part="transfer" class="transfer" id="transfer" role="group" aria-label=${s.transfer}>
    <label
      >${s.transferTo}
      <input
        part="transfer-target"
        type="tel"
        autocomplete="off"
        .value=${live(panel.target)}
        @input=${(e: Event) => panel.input((e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            h.transfer('blind');
          }
        }}
    /></label>
    ${panel.contacts.length
      ? html`<div class="row" role="group" aria-label=${s.transferContacts}>
          ${panel.contacts.map(
            (c) => html`<button type="button" part="transfer-contact" class="row-button" @click=${() => panel.input(c.number)}>
              <bdi>${c.name}</bdi> <bdi dir="ltr">${h.display(c.number)}</bdi>
            </button>`,
          )}
        </div>`
      : nothing}
    ${panel.searchFailed ? html`<p part="transfer-search-failed" role="status">${s.transferSearchFailed}</p>` : nothing}
    ${recent.length
      ? html`<div class="row" role="group" aria-label=${s.transferRecent}>
          ${recent.map(
            (r) => html`<button type="button" part="transfer-recent" class="row-button" @click=${() => panel.setTarget(r.number)}>
              <bdi dir="ltr">${r.display}</bdi>
            </button>`,
          )}
        </div>`
      : nothing}
    <div class="row">
      <button type="button" part="transfer-blind" class="row-button" @click=${() => h.transfer('blind')}>${s.blindTransfer}</button>
      <button type="button" part="transfer-consult" class="row-button" @click=${() => h.transfer('consult')}>${s.consult}</button>
      ${merge}
    </div>
  </div>`;
}

/** The call's duration, mm:ss in the agent's locale (`running`: a live timer, `role="timer"`). */
function renderTimer(d: CifDialer, s: CifDialerStrings, running: boolean): TemplateResult {
  const elapsed = d['elapsed'];
  return html`<span class="visually-hidden">${s.duration}</span><time
    part="timer"
    class="timer"
    role=${ifDefined(running ? 'timer' : undefined)}
    datetime=${isoDuration(elapsed)}
    >${formatTimer(d['l10n'].intl, elapsed)}</time
  >`;
}

/** "Call ended" with the last call's duration: above the idle view while `call-state` is `ended`. */
export function renderCallEnded(d: CifDialer, s: CifDialerStrings): TemplateResult {
  return html`<p part="status" class="status">
    <span>${s.statusEnded}</span>
    ${d['elapsed'] > 0 ? renderTimer(d, s, false) : nothing}
  </p>`;
}

/**
 * The dialer's in-call view and what its controls do. Reads the element's own (private) state with element
 * access — `d['transfer']` is type-checked — so that this code, which only a page with a call needs, stays
 * out of the element's module.
 */
export function renderDialerInCall(d: CifDialer, s: CifDialerStrings): TemplateResult {
  const state = d.callState;
  const panel = d['transfer']!;
  const calls = d['liveCalls']();
  const emit = <K extends keyof HTMLElementEventMap>(type: K, detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never): boolean =>
    d['emit'](type, detail as never, { cancelable: true });
  return renderInCall({
    s,
    formatTimer: (seconds) => formatTimer(d['l10n'].intl, seconds),
    callState: state,
    contactName: d.contactName,
    number: d['numberDisplay'](),
    timer: d['callStartedAt'] !== undefined ? renderTimer(d, s, true) : nothing,
    dtmfDigits: d['dtmfDigits'],
    postDialWaiting: d['postDialWaiting'],
    keypad: d['dtmfOpen'] && state === 'connected' ? d['renderKeypad'](s, !panel.open) : nothing,
    muted: d.muted,
    held: d.held,
    panel,
    recent: Array.isArray(d.recent) ? d.recent : [],
    calls,
    activeCallId: d.activeCallId,
    callListFocus: d['callListFocus']!,
    consult: consultPair(calls, d.activeCallId),
    // through the element: with Rolldown 1.2, this chunk importing field.js (an entry module that reaches the
    // phone-number loader) made the single-file build split lit, icons and roving focus out of the entry
    display: (n) => d['displayOfNumber'](n),
    toggleMute: () => {
      const muted = !d.muted;
      if (emit('cif-mute', { muted })) d.muted = muted;
    },
    toggleHold: () => {
      const held = !d.held;
      if (emit('cif-hold', { held })) d.held = held;
    },
    toggleKeypad: () => (d['dtmfOpen'] = !d['dtmfOpen']),
    hangUp: () => d['hangUp'](),
    continuePostDial: () => d['continuePostDial'](),
    swap: (callId) => emit('cif-call-swap', { callId }),
    holdCall: (callId, held) => emit('cif-hold', { held, callId }),
    hangUpCall: (callId) => {
      const call = calls.find((c) => c.callId === callId);
      d['emit']('cif-hangup', { number: call?.number ?? '', callId });
    },
    transfer: (mode) => {
      const target = panel.target.trim();
      const callId = d.activeCallId || calls[0]?.callId || '';
      if (!target) {
        d.renderRoot.querySelector<HTMLInputElement>('[part="transfer-target"]')?.focus();
        return;
      }
      if (emit('cif-transfer', { callId, target, mode })) panel.close();
    },
    completeTransfer: (callId, consultCallId) => emit('cif-transfer-complete', { callId, consultCallId }),
    cancelTransfer: (callId, consultCallId) => emit('cif-transfer-cancel', { callId, consultCallId }),
    conference: (callIds) => emit('cif-conference', { callIds }),
  });
}

/** The attended transfer in progress around the call in front: [call being transferred, consult leg]. */
function consultPair(calls: readonly CifDialerCall[], activeCallId: string): [CifDialerCall, CifDialerCall] | undefined {
  const active = calls.find((c) => c.callId === activeCallId);
  if (!active) return undefined;
  if (active.consultFor) {
    const original = calls.find((c) => c.callId === active.consultFor);
    return original ? [original, active] : undefined;
  }
  const consult = calls.find((c) => c.consultFor === active.callId);
  return consult ? [active, consult] : undefined;
}

/** The in-call view, with the call list above it (two calls or more) and the transfer panel. */
export function renderInCall(h: InCallHost): TemplateResult {
  const s = h.s;
  const state = h.callState;
  const connected = state === 'connected';
  const status =
    state === 'dialing' ? s.statusDialing : state === 'ringing' ? s.statusRinging : state === 'held' ? s.statusHeld : s.statusConnected;
  const keypadShown = h.keypad !== nothing;
  const list = renderCallList({
    calls: h.calls,
    activeCallId: h.activeCallId,
    strings: s,
    timer: h.formatTimer,
    display: h.display,
    onSwap: h.swap,
    onHold: h.holdCall,
    onHangup: h.hangUpCall,
    focus: h.callListFocus,
  });
  return html`${list}<div part="in-call" class="in-call" role="group" aria-label=${s.inCall}>
    ${h.contactName ? html`<p part="contact-name" class="contact-name"><bdi>${h.contactName}</bdi></p>` : nothing}
    <p part="number" class="number"><bdi dir="ltr">${h.number}</bdi></p>
    <p part="call-status" class="call-status">
      <span>${status}</span>
      ${h.timer}
    </p>
    ${h.dtmfDigits
      ? html`<p part="dtmf-digits" class="dtmf-digits">
          <span class="visually-hidden">${s.dtmfSent}</span>
          <bdi dir="ltr">${h.dtmfDigits}</bdi>
        </p>`
      : nothing}
    ${h.postDialWaiting && connected
      ? html`<button type="button" part="post-dial" class="post-dial" @click=${h.continuePostDial}>
          ${s.sendPostDial(`\u2066${h.postDialWaiting.replace(/^[,;]+/, '')}\u2069`)}
        </button>`
      : nothing}
    ${h.keypad}
    <div part="controls" class="controls">
      <button type="button" part="mute" class="control" aria-pressed=${h.muted ? 'true' : 'false'} @click=${h.toggleMute}>
        ${h.muted ? micOffIcon : micIcon}<span>${s.mute}</span>
      </button>
      <button
        type="button"
        part="hold"
        class="control"
        aria-pressed=${h.held ? 'true' : 'false'}
        ?disabled=${!(connected || state === 'held')}
        @click=${h.toggleHold}
      >
        ${holdIcon}<span>${s.hold}</span>
      </button>
      <button
        type="button"
        part="keypad-toggle"
        class="control"
        aria-expanded=${keypadShown ? 'true' : 'false'}
        aria-controls=${ifDefined(keypadShown ? 'keypad' : undefined)}
        ?disabled=${!connected}
        @click=${h.toggleKeypad}
      >
        ${keypadIcon}<span>${s.keypadToggle}</span>
      </button>
      ${h.consult
        ? nothing
        : html`<button
            type="button"
            part="transfer-toggle"
            class="control"
            aria-expanded=${h.panel.open ? 'true' : 'false'}
            aria-controls=${ifDefined(h.panel.open ? 'transfer' : undefined)}
            ?disabled=${!(connected || state === 'held')}
            @click=${() => h.panel.toggle()}
          >
            ${phoneIcon}<span>${s.transfer}</span>
          </button>`}
    </div>
    ${renderTransfer(h)}
    <button type="button" part="hangup" class="hangup" @click=${h.hangUp}>${hangupIcon}<span>${s.hangup}</span></button>
  </div>`;
}

/** Styles of the in-call view (added to the dialer's shadow root when this module arrives). */
export const inCallStyles = [
  callListStyles,
  css`
    .in-call {
      text-align: center;
    }

    .contact-name {
      font-size: var(--cif-font-size-500);
      font-weight: var(--cif-font-weight-semibold);
      overflow-wrap: anywhere;
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      overflow: hidden;
    }

    .number {
      font-size: var(--_number);
      overflow-wrap: anywhere;
    }

    .contact-name + .number {
      color: var(--cif-color-text-muted);
      font-size: var(--cif-font-size-400);
    }

    .call-status {
      display: flex;
      justify-content: center;
      gap: var(--cif-space-s);
      color: var(--cif-color-text-muted);
    }

    .dtmf-digits {
      font-size: var(--cif-font-size-400);
      letter-spacing: 0.1em;
      overflow-wrap: anywhere;
    }

    .post-dial {
      align-self: center;
      max-inline-size: 100%;
      min-block-size: var(--cif-size-control);
      padding-inline: var(--cif-space-m);
      border: 1px solid var(--cif-color-brand);
      border-radius: var(--cif-radius-m);
      background: var(--cif-color-brand-subtle);
      color: var(--cif-color-text);
      overflow-wrap: anywhere;
      cursor: pointer;
    }

    .controls {
      display: grid;
      grid-template-columns: repeat(3, minmax(0, 1fr));
      gap: var(--cif-space-s);
    }

    .control {
      display: inline-flex;
      flex-direction: column;
      align-items: center;
      gap: var(--cif-space-xs);
      min-block-size: calc(var(--cif-size-control) * 1.75);
      padding: var(--cif-space-xs);
      border: 1px solid var(--cif-color-border);
      border-radius: var(--cif-radius-l);
      background: var(--cif-color-surface);
      font-size: var(--cif-font-size-200);
      overflow-wrap: anywhere;
    }

    .control:hover:not(:disabled) {
      background: var(--cif-color-surface-hover);
    }

    .control[aria-pressed='true'],
    .control[aria-expanded='true'] {
      border-color: var(--cif-color-brand);
      background: var(--cif-color-brand-subtle);
      color: var(--cif-color-text);
      font-weight: var(--cif-font-weight-semibold);
    }

    .control:disabled {
      cursor: not-allowed;
      color: var(--cif-color-text-muted);
      background: var(--cif-color-surface-alt);
    }

    @media (forced-colors: active) {
      .control {
        border: 1px solid ButtonText;
      }
      /* pressed toggles: a thick Highlight border and underlined label, not colour alone */
      .control[aria-pressed='true'],
      .control[aria-expanded='true'] {
        border: 3px solid Highlight;
        text-decoration: underline;
      }
      .control:disabled {
        color: GrayText;
        border-color: GrayText;
      }
    }
  `,
  // After the rules above, so it wins in a narrow dialer (static text as unsafeCSS: lit-analyzer's CSS
  // checker predates container queries).
  unsafeCSS(`
  @container (max-width: 13rem) {
    .controls {
      gap: var(--cif-space-xs);
    }
  }
  `),
];
