/**
 * `<cif-dialer>`'s multi-call parts: the call list (one row per call with swap, hold/resume and hang-up)
 * and the transfer panel (blind transfer, consult, then complete, cancel or merge). Templates and types
 * only; the element owns the state and fires the events.
 */
import { css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { CifDialerCallListStrings } from './strings.js';

export type { CifDialerCallListStrings };

/** A call in `<cif-dialer>`'s `calls` list (a `CallController` fills it). */
export interface CifDialerCall {
  callId: string;
  /** The other party's name, `''` if unknown. */
  name: string;
  /** The other party's number (E.164 when known). */
  number: string;
  state: 'dialing' | 'ringing' | 'connected' | 'held' | 'ended';
  /** Epoch ms the call was connected: its timer counts from it. */
  connectedAt?: number;
  muted?: boolean;
  /** This call is the consult leg of an attended transfer of that call. */
  consultFor?: string;
  /** Calls this one is in a conference with. */
  conference?: string[];
}

/** `detail` of `cif-call-swap`. */
export interface CifCallSwapDetail {
  callId: string;
}

/** `detail` of `cif-transfer`: `blind` transfers at once; `consult` holds the call and dials the target first. */
export interface CifTransferDetail {
  callId: string;
  target: string;
  mode: 'blind' | 'consult';
}

/** `detail` of `cif-transfer-complete` and `cif-transfer-cancel` (`callId`: the call being transferred). */
export interface CifTransferStepDetail {
  callId: string;
  consultCallId: string;
}

/** `detail` of `cif-conference`. */
export interface CifConferenceDetail {
  callIds: string[];
}

/** What the templates need from the element. */
export interface CallListHost {
  calls: readonly CifDialerCall[];
  activeCallId: string;
  strings: CifDialerCallListStrings & {
    statusDialing: string;
    statusRinging: string;
    statusConnected: string;
    statusHeld: string;
    hold: string;
    hangup: string;
    unknownNumber: string;
  };
  /** A call's timer text (mm:ss in the agent's locale). */
  timer: (seconds: number) => string;
  display: (number: string) => string;
  onSwap: (callId: string) => void;
  onHold: (callId: string, held: boolean) => void;
  onHangup: (callId: string) => void;
}

const who = (h: CallListHost, c: CifDialerCall) => c.name || (c.number ? h.display(c.number) : h.strings.unknownNumber);

/** The call list: shown once there is more than one call. */
export function renderCallList(h: CallListHost): TemplateResult | typeof nothing {
  const calls = h.calls.filter((c) => c.state !== 'ended');
  if (calls.length < 2) return nothing;
  const s = h.strings;
  return html`<ul part="call-list" class="call-list" aria-label=${s.callList}>
    ${calls.map((c) => {
      const active = c.callId === h.activeCallId;
      const status =
        c.state === 'dialing' ? s.statusDialing : c.state === 'ringing' ? s.statusRinging : c.state === 'held' ? s.statusHeld : s.statusConnected;
      const name = who(h, c);
      const seconds = c.connectedAt !== undefined ? Math.floor((Date.now() - c.connectedAt) / 1000) : undefined;
      return html`<li part="call-item" class="call-item" aria-current=${active ? 'true' : 'false'} data-call-id=${c.callId}>
        <span class="call-item-text">
          <bdi part="call-item-name">${name}</bdi>
          <span part="call-item-status"
            >${c.conference?.length ? s.inConference : status}${seconds !== undefined ? html` · <span part="call-item-timer">${h.timer(seconds)}</span>` : nothing}</span
          >
        </span>
        <span class="call-item-actions">
          ${active
            ? nothing
            : html`<button type="button" part="call-swap" class="row-button" @click=${() => h.onSwap(c.callId)}>
                ${s.swap}<span class="visually-hidden"> ${name}</span>
              </button>`}
          ${c.state === 'connected' || c.state === 'held'
            ? html`<button
                type="button"
                part="call-hold"
                class="row-button"
                aria-pressed=${c.state === 'held' ? 'true' : 'false'}
                @click=${() => h.onHold(c.callId, c.state !== 'held')}
              >
                ${s.hold}<span class="visually-hidden"> ${name}</span>
              </button>`
            : nothing}
          <button type="button" part="call-hangup" class="row-button danger" @click=${() => h.onHangup(c.callId)}>
            ${s.hangup}<span class="visually-hidden"> ${name}</span>
          </button>
        </span>
      </li>`;
    })}
  </ul>`;
}

/** Styles of the call list and transfer panel. */
export const callListStyles = css`
  .call-list {
    list-style: none;
    margin: 0 0 var(--cif-space-2, 0.5rem);
    padding: 0;
    display: grid;
    gap: var(--cif-space-1, 0.25rem);
  }
  .call-item {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--cif-space-1, 0.25rem);
    padding: var(--cif-space-1, 0.25rem) var(--cif-space-2, 0.5rem);
    border: 1px solid var(--cif-color-border, #8a8886);
    border-radius: var(--cif-radius, 4px);
  }
  .call-item[aria-current='true'] {
    border-color: var(--cif-color-brand, #0f6cbd);
    box-shadow: inset 3px 0 0 var(--cif-color-brand, #0f6cbd);
  }
  .call-item-text {
    display: grid;
    min-width: 0;
  }
  .call-item-text bdi {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .call-item-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cif-space-1, 0.25rem);
  }
  .row-button {
    font: inherit;
    min-height: 2rem;
    padding: 0 var(--cif-space-2, 0.5rem);
    border: 1px solid var(--cif-color-border, #8a8886);
    border-radius: var(--cif-radius, 4px);
    background: var(--cif-color-surface, #fff);
    color: inherit;
    cursor: pointer;
  }
  .row-button[aria-pressed='true'] {
    background: var(--cif-color-brand, #0f6cbd);
    color: var(--cif-color-on-brand, #fff);
  }
  .row-button.danger {
    color: var(--cif-color-danger, #b10e1c);
  }
  .row-button:focus-visible {
    outline: 2px solid var(--cif-color-focus, #0f6cbd);
    outline-offset: 2px;
  }
  .transfer {
    display: grid;
    gap: var(--cif-space-2, 0.5rem);
    margin-top: var(--cif-space-2, 0.5rem);
    padding: var(--cif-space-2, 0.5rem);
    border: 1px solid var(--cif-color-border, #8a8886);
    border-radius: var(--cif-radius, 4px);
  }
  .transfer label {
    display: grid;
    gap: var(--cif-space-1, 0.25rem);
  }
  .transfer input {
    font: inherit;
    min-height: 2rem;
    padding: 0 var(--cif-space-2, 0.5rem);
  }
  .transfer .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cif-space-1, 0.25rem);
  }
  @media (forced-colors: active) {
    .call-item[aria-current='true'] {
      border: 2px solid Highlight;
    }
    .row-button[aria-pressed='true'] {
      background: Highlight;
      color: HighlightText;
    }
  }
`;
