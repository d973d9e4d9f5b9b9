/**
 * `<cif-dialer>`'s multi-call parts: the call list (one row per call with swap, hold/resume and hang-up,
 * with its keyboard focus in {@link CallListFocus}) and the styles of the transfer panel (blind transfer,
 * consult, then complete, cancel or merge). Templates and types; the element owns the state and fires the
 * events.
 */
import { css, html, nothing } from 'lit';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
// The subpath, not the barrel: this module is in the dialer's lazy in-call chunk, and importing the barrel
// from it made the single-file build split shared modules (client errors, locale, lit's live directive) out
// of cif-elements.js into chunks it imports statically, which selfContained() refuses.
import { RovingFocusController } from '@cif-elements/core/roving-focus';
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
  /** Where the list's one tab stop is, and its arrow keys. */
  focus: CallListFocus;
}

/** A focusable cell of a call's row: its party and state, then its actions. */
export type CallListCell = 'info' | 'swap' | 'hold' | 'hangup';

/** The cells of a call's row, in order (what its buttons are depends on the call). */
function cellsOf(call: CifDialerCall, inFront: string): CallListCell[] {
  const cells: CallListCell[] = ['info'];
  if (call.callId !== inFront) cells.push('swap');
  if (call.state === 'connected' || call.state === 'held') cells.push('hold');
  cells.push('hangup');
  return cells;
}

/** What {@link CallListFocus} needs of its element. */
export type CallListFocusHost = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/**
 * The call list's keyboard, as a WAI-ARIA layout grid: the list is one tab stop; ↑ ↓ move between calls
 * (Home / End: the first / last call) keeping the column; ← → (mirrored right to left) move between a
 * call's cells: its party and state, then swap, hold/resume and hang-up. The tab stop follows its call when
 * calls are added, removed or reordered; when its call goes, it moves to the call now in its place, and focus
 * goes with it if it was in the list.
 *
 * Two {@link RovingFocusController}s: one over the calls (keyed by `callId`), one over the cells of the
 * call with the tab stop (their rows differ in length, so they are no uniform grid).
 */
export class CallListFocus implements ReactiveController {
  private readonly host: CallListFocusHost;
  private readonly calls: () => readonly CifDialerCall[];
  private readonly inFront: () => string;
  private readonly rows: RovingFocusController<CifDialerCall>;
  private readonly cells: RovingFocusController<CallListCell>;
  /** Where the tab stop was (row, column): where it goes when its call or cell goes. */
  private row = 0;
  private column = 0;
  /** Whether focus was in the list before the update now rendering. */
  private hadFocus = false;

  /** `calls`: the calls the list shows (not ended), `inFront`: the id of the call in front. */
  constructor(host: CallListFocusHost, calls: () => readonly CifDialerCall[], inFront: () => string) {
    this.host = host;
    this.calls = () => calls().filter((c) => c.state !== 'ended');
    this.inFront = inFront;
    const focus = (): Promise<void> => this.focusStop();
    this.rows = new RovingFocusController<CifDialerCall>(host, {
      items: this.calls,
      key: (c) => c.callId,
      orientation: 'vertical',
      focus,
      onActiveChange: (call, index) => {
        if (index >= 0) this.row = index;
        // the same cell in the new row if it has one, else the one in the same column (or its last)
        if (call) void this.cells.setActive(this.cellIn(call), { focus: false });
      },
    });
    this.cells = new RovingFocusController<CallListCell>(host, {
      items: () => {
        const call = this.stopCall();
        return call ? cellsOf(call, this.inFront()) : [];
      },
      orientation: 'horizontal',
      focus,
      onActiveChange: (_cell, index) => {
        if (index >= 0) this.column = index;
      },
    });
    host.addController(this);
  }

  /** The call with the tab stop: the active row's, else the call now where it was. */
  private stopCall(): CifDialerCall | undefined {
    const active = this.rows.activeItem;
    if (active) return active;
    const calls = this.calls();
    return calls[Math.min(this.row, calls.length - 1)];
  }

  /** The cell of `call` with the tab stop: the active kind if the row has it, else the same column. */
  private cellIn(call: CifDialerCall): CallListCell {
    const cells = cellsOf(call, this.inFront());
    const kind = this.cells.activeKey as CallListCell | undefined;
    return kind && cells.includes(kind) ? kind : cells[Math.min(this.column, cells.length - 1)]!;
  }

  /** `tabindex` of a cell: 0 for the one tab stop of the list, else -1. */
  tabIndexOf(call: CifDialerCall, cell: CallListCell): 0 | -1 {
    const stop = this.stopCall();
    return stop !== undefined && stop.callId === call.callId && this.cellIn(stop) === cell ? 0 : -1;
  }

  private list(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('[part~="call-list"]');
  }

  private stopElement(): HTMLElement | null {
    const call = this.stopCall();
    if (!call) return null;
    const row = [...(this.list()?.querySelectorAll<HTMLElement>('[part~="call-item"]') ?? [])].find((r) => r.dataset.callId === call.callId);
    return row?.querySelector<HTMLElement>(`[data-cell="${this.cellIn(call)}"]`) ?? null;
  }

  /** The element focused in the host's render root, if any. */
  private focused(): Element | null {
    const root = this.host.renderRoot;
    const focused = root instanceof ShadowRoot ? root.activeElement : document.activeElement;
    return focused && root.contains(focused) ? focused : null;
  }

  private focusIsInList(): boolean {
    const focused = this.focused();
    return !!focused && !!this.list()?.contains(focused);
  }

  private async focusStop(): Promise<void> {
    await this.host.updateComplete;
    this.stopElement()?.focus();
  }

  hostUpdate(): void {
    this.hadFocus = this.focusIsInList();
    // The call with the tab stop went: the call now in its place (same column) takes it.
    const calls = this.calls();
    if (calls.length && this.rows.activeKey !== undefined && !this.rows.activeItem) {
      void this.rows.setActive(calls[Math.min(this.row, calls.length - 1)], { focus: false });
    }
  }

  hostUpdated(): void {
    if (!this.hadFocus) return;
    this.hadFocus = false;
    const stop = this.stopElement();
    if (stop) {
      if (this.focused() !== stop) stop.focus();
    } else if (!this.list() && !this.focused()) {
      // The list is gone (one call left) with the focus in it: the first in-call control, not the page.
      this.host.renderRoot.querySelector<HTMLElement>('[part~="controls"] button:not(:disabled)')?.focus();
    }
  }

  /** The list's `keydown`: ↑ ↓ Home End between calls, ← → between a call's cells. */
  onKeydown(e: KeyboardEvent): void {
    if (e.defaultPrevented) return;
    this.syncTo(e.target);
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') this.cells.handleKeydown(e);
    else if (e.key === 'ArrowUp' || e.key === 'ArrowDown' || e.key === 'Home' || e.key === 'End') this.rows.handleKeydown(e);
  }

  /** The list's `focusin`: a cell focused by a click (or by the tab stop) becomes the active one. */
  onFocusin(e: FocusEvent): void {
    this.syncTo(e.target);
  }

  private syncTo(target: EventTarget | null): void {
    const el = target instanceof Element ? target.closest<HTMLElement>('[data-cell]') : null;
    const callId = el?.closest<HTMLElement>('[part~="call-item"]')?.dataset.callId;
    const call = this.calls().find((c) => c.callId === callId);
    if (!el || !call) return;
    void this.rows.setActive(call, { focus: false });
    void this.cells.setActive(el.dataset.cell as CallListCell, { focus: false });
  }
}

const who = (h: CallListHost, c: CifDialerCall) => c.name || (c.number ? h.display(c.number) : h.strings.unknownNumber);

/**
 * The call list, shown once there is more than one call: a grid (one row per call) whose one tab stop and
 * arrow keys are {@link CallListFocus}'s.
 */
export function renderCallList(h: CallListHost): TemplateResult | typeof nothing {
  const calls = h.calls.filter((c) => c.state !== 'ended');
  if (calls.length < 2) return nothing;
  const s = h.strings;
  const f = h.focus;
  return html`<div
    part="call-list"
    class="call-list"
    role="grid"
    aria-label=${s.callList}
    @keydown=${(e: KeyboardEvent) => f.onKeydown(e)}
    @focusin=${(e: FocusEvent) => f.onFocusin(e)}
  >
    ${repeat(
      calls,
      (c) => c.callId,
      (c) => {
        const active = c.callId === h.activeCallId;
        const status =
          c.state === 'dialing' ? s.statusDialing : c.state === 'ringing' ? s.statusRinging : c.state === 'held' ? s.statusHeld : s.statusConnected;
        const name = who(h, c);
        const seconds = c.connectedAt !== undefined ? Math.floor((Date.now() - c.connectedAt) / 1000) : undefined;
        return html`<div part="call-item" class="call-item" role="row" aria-current=${active ? 'true' : 'false'} data-call-id=${c.callId}>
          <span class="call-item-text" role="gridcell" data-cell="info" tabindex=${f.tabIndexOf(c, 'info')}>
            <bdi part="call-item-name">${name}</bdi>
            <span part="call-item-status"
              >${c.conference?.length ? s.inConference : status}${seconds !== undefined
                ? html` · <span part="call-item-timer">${h.timer(seconds)}</span>`
                : nothing}</span
            >
          </span>
          <span class="call-item-actions" role="none">
            ${active
              ? nothing
              : html`<span role="gridcell"
                  ><button type="button" part="call-swap" class="row-button" data-cell="swap" tabindex=${f.tabIndexOf(c, 'swap')} @click=${() => h.onSwap(c.callId)}>
                    ${s.swap}<span class="visually-hidden"> ${name}</span>
                  </button></span
                >`}
            ${c.state === 'connected' || c.state === 'held'
              ? html`<span role="gridcell"
                  ><button
                    type="button"
                    part="call-hold"
                    class="row-button"
                    data-cell="hold"
                    tabindex=${f.tabIndexOf(c, 'hold')}
                    aria-pressed=${c.state === 'held' ? 'true' : 'false'}
                    @click=${() => h.onHold(c.callId, c.state !== 'held')}
                  >
                    ${s.hold}<span class="visually-hidden"> ${name}</span>
                  </button></span
                >`
              : nothing}
            <span role="gridcell"
              ><button
                type="button"
                part="call-hangup"
                class="row-button danger"
                data-cell="hangup"
                tabindex=${f.tabIndexOf(c, 'hangup')}
                @click=${() => h.onHangup(c.callId)}
              >
                ${s.hangup}<span class="visually-hidden"> ${name}</span>
              </button></span
            >
          </span>
        </div>`;
      },
    )}
  </div>`;
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
    border-radius: var(--cif-radius, 4px);
  }
  .call-item-text:focus-visible {
    outline: 2px solid var(--cif-color-focus, #0f6cbd);
    outline-offset: 2px;
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
