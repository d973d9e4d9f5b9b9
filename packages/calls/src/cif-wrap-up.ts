import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  CifElement,
  Typeahead,
  baseStyles,
  cifElement,
  formatDuration,
  formatNumber,
  formatTimer,
  installTokens,
  numberAttribute,
  sanitizeChoice,
} from '@cif-elements/core';
import { wrapUpStyles } from './cif-wrap-up.styles.js';
import { displayPhone, parsePhone } from './phone.js';
import type { RecordMatch } from './screen-pop.js';
import type { CallerLookupState } from './cif-incoming-call.js';
import { DEFAULT_WRAP_UP_STRINGS, WRAP_UP_LOCALE_PACKS } from './strings.js';
import type { CifWrapUpStrings } from './strings.js';
import { PhoneLibController } from '@cif-elements/core/phone';

export type { CifWrapUpStrings } from './strings.js';

/** The call a `<cif-wrap-up>` is about. */
export interface WrapUpCall {
  callId: string;
  direction: 'incoming' | 'outgoing';
  /** The other party's number, as given. */
  number: string;
  /** The other party's name, when known. */
  name?: string;
  /** True while the call goes on: notes can be taken, the log is saved after the end. */
  active: boolean;
  /** Seconds the call was connected (shown once it ended). */
  durationSeconds?: number;
  /** State of the caller lookup. */
  lookup: CallerLookupState;
  /** Records that own the number. */
  records: readonly RecordMatch[];
  /** The record the call is about (pre-selected in the chooser). */
  regarding?: RecordMatch;
}

/** State of the call log the element reports. */
export type WrapUpLogState = 'idle' | 'saving' | 'saved' | 'failed';

/** What "Retry now" did: `sending`, `sent` (all written), `failed`, `waiting` (another tab has them, or a wrap-up is open there). */
export type WrapUpRetryState = 'idle' | 'sending' | 'sent' | 'failed' | 'waiting';

/** `detail` of `cif-wrap-up-submit`. */
export interface CifWrapUpSubmitDetail {
  callId: string;
  notes: string;
  /** The chosen outcome, `''` for none. */
  outcome: string;
  /** The record chosen as "regarding", if any. */
  regarding?: RecordMatch;
}

/** `detail` of `cif-record-select` (`record: null` = none) and `cif-record-open`. */
export interface CifRecordDetail {
  callId: string;
  record: RecordMatch | null;
}

/** `detail` of `cif-create-contact` and `cif-record-search`. */
export interface CifCallNumberDetail {
  callId: string;
  number: string;
}

/**
 * English defaults of {@link CifWrapUpStrings}.
 * @deprecated Use `DEFAULT_WRAP_UP_STRINGS`.
 */
export const CIF_WRAP_UP_STRINGS: Readonly<CifWrapUpStrings> = DEFAULT_WRAP_UP_STRINGS;

/** Outcomes offered by default (logged as written here; shown in the agent's language, see `outcomeLabel`). */
export const DEFAULT_CALL_OUTCOMES: readonly string[] = [
  'Resolved',
  'Follow-up needed',
  'Callback requested',
  'Left voicemail',
  'No answer',
  'Wrong number',
];

/**
 * `75` → `01:15`, `3725` → `1:02:05`: the dialer's format.
 * @deprecated Use `formatDuration` from `@cif-elements/core`, which every element uses.
 */
export function formatCallDuration(seconds: number): string {
  return formatDuration(seconds);
}

/**
 * The call panel and wrap-up form of a CRM softphone: during the call, notes and the record the call is
 * about; after it, the outcome and "Save call log". For several matching records it is the chooser (a radio
 * group, plus "Open in Dynamics": the arrows move and choose as in any radio group, and typing a record's
 * first letters chooses it); for none it offers "Create contact"; when the lookup failed, "Search
 * again". It reports the log's fate (`log-state`, `log-error`) and how many logs still wait for Dynamics
 * (`pending-count`, with "Retry now").
 *
 * The element does not talk to CIF: a `CallController` (or `<cif-call-flow>`) fills `call` and acts on its
 * events; without one, listen to the events yourself.
 *
 * @summary Call notes, regarding record, outcome and "Save call log".
 *
 * @fires cif-wrap-up-submit - Cancelable. "Save call log" (or Ctrl+Enter in the notes) after the call. `detail: { callId, notes, outcome, regarding? }`.
 * @fires cif-record-select - The agent chose the record the call is about. `detail: { callId, record }` (`null` = none).
 * @fires cif-record-open - "Open in Dynamics" for the chosen record. `detail: { callId, record }`.
 * @fires cif-create-contact - "Create contact" (no record has the number). `detail: { callId, number }`.
 * @fires cif-record-search - "Search again" after a failed lookup. `detail: { callId, number }`.
 * @fires cif-log-retry - "Retry now" for logs waiting for Dynamics (the controller then sets `retry-state`). `detail: {}`.
 *
 * @csspart base - The form.
 * @csspart summary - Heading, caller, number and duration.
 * @csspart heading - "Call notes" / "Wrap-up".
 * @csspart caller - The other party's name (or "Unknown caller").
 * @csspart meta - The number and duration line.
 * @csspart number - The number, formatted.
 * @csspart duration - The call's duration (after the call).
 * @csspart records - The "Regarding" group.
 * @csspart record - One record (a radio and its label when there are several).
 * @csspart open-record - The "Open in Dynamics" button.
 * @csspart create-contact - The "Create contact" button.
 * @csspart search-again - The "Search again" button.
 * @csspart notes-label - The notes label.
 * @csspart notes - The notes text area.
 * @csspart outcome-label - The outcome label.
 * @csspart outcome - The outcome select.
 * @csspart actions - The submit row.
 * @csspart submit - The "Save call log" button.
 * @csspart status - Saving / saved text (role="status").
 * @csspart error - The failed-log message (role="alert").
 * @csspart retry - The "Retry now" button.
 * @csspart pending - The count of logs waiting for Dynamics.
 * @csspart retry-status - What "Retry now" did (role="status").
 * @csspart storage - The "kept only while this tab is open" warning (role="alert").
 *
 * @cssprop [--cif-wrap-up-max-width=22rem] - Widest the form grows.
 * @cssprop [--cif-wrap-up-notes-rows=4] - Height of the notes field, in lines.
 *
 * @tagname cif-wrap-up
 */
@cifElement('cif-wrap-up')
export class CifWrapUp extends CifElement<CifWrapUpStrings> {
  static override styles = [baseStyles, wrapUpStyles];
  static override localization = { defaults: DEFAULT_WRAP_UP_STRINGS, packs: WRAP_UP_LOCALE_PACKS };

  /** The call; `undefined` shows only the log status and the pending count. */
  @property({ attribute: false }) call: WrapUpCall | undefined;

  /** The notes typed so far (reset when `call` changes to another call). */
  @property() notes = '';

  /** The chosen outcome, `''` for none (reset when `call` changes to another call). */
  @property() outcome = '';

  /** Outcomes offered in the select. */
  @property({ attribute: false }) outcomes: readonly string[] = DEFAULT_CALL_OUTCOMES;

  /** The log of the last call: `saving`, `saved`, `failed` (kept for retry). Reflected. */
  @property({ attribute: 'log-state', reflect: true }) logState: WrapUpLogState = 'idle';

  /** Why the last log failed. */
  @property({ attribute: 'log-error' }) logError = '';

  /** Call logs waiting for Dynamics (failed earlier, kept for retry). */
  @property({
    type: Number,
    attribute: 'pending-count',
    converter: numberAttribute({ name: '<cif-wrap-up> pending-count', fallback: 0, min: 0, integer: true, expected: 'a whole number ≥ 0' }),
  })
  pendingCount = 0;

  /** Storage refuses the call logs: they are kept only while this tab is open (shown as a warning). Reflected. */
  @property({ type: Boolean, attribute: 'storage-unavailable', reflect: true }) storageUnavailable = false;

  /** What the last "Retry now" did (set by the controller). Reflected. */
  @property({ attribute: 'retry-state', reflect: true }) retryState: WrapUpRetryState = 'idle';

  /** Why the last "Retry now" failed. */
  @property({ attribute: 'retry-message' }) retryMessage = '';

  /** ISO 3166-1 alpha-2 country: its numbers show in national format. */
  @property({ attribute: 'default-country' }) defaultCountry = '';

  /** Id (`entity:id`) of the record chosen as "regarding"; `''` = none. */
  @state() private selected = '';

  private lastCallId: string | undefined;
  /** Type-ahead in the record chooser (its radios, then "None"): the arrows stay the radios' own. */
  private readonly recordTypeahead = new Typeahead<RecordMatch | null>({
    items: () => [...this.records(), null],
    text: (r) => (r ? r.name || this.s.unknownCaller : this.s.noRecord),
  });
  /** Loads libphonenumber-js when connected, to format the call's number. */
  private readonly phone = new PhoneLibController(this);

  constructor() {
    super();
    installTokens();
  }

  /** The record chosen as "regarding". */
  get regarding(): RecordMatch | undefined {
    return this.records().find((r) => keyOf(r) === this.selected);
  }

  /** Submits as "Save call log" does (only after the call). Returns false if nothing was sent. */
  submit(): boolean {
    const call = this.call;
    if (!call || call.active || this.logState === 'saving') return false;
    const detail: CifWrapUpSubmitDetail = { callId: call.callId, notes: this.notes, outcome: this.outcome };
    const regarding = this.regarding;
    if (regarding) detail.regarding = regarding;
    return this.emit('cif-wrap-up-submit', detail, { cancelable: true });
  }

  private records(): readonly RecordMatch[] {
    return Array.isArray(this.call?.records) ? this.call!.records : [];
  }

  /** Also waits for the phone-number data, so a settled form shows the formatted number. */
  protected override getUpdateComplete(): Promise<boolean> {
    return this.phone.settle(() => super.getUpdateComplete());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('logState')) {
      this.logState = sanitizeChoice(this.logState, ['idle', 'saving', 'saved', 'failed'], 'idle', '<cif-wrap-up> log-state');
    }
    if (changed.has('retryState')) {
      this.retryState = sanitizeChoice(this.retryState, ['idle', 'sending', 'sent', 'failed', 'waiting'], 'idle', '<cif-wrap-up> retry-state');
    }
    if (!changed.has('call')) return;
    const now = this.call;
    const newCall = !!now && now.callId !== this.lastCallId;
    if (now) this.lastCallId = now.callId;
    if (newCall) {
      if (!changed.has('notes')) this.notes = '';
      if (!changed.has('outcome')) this.outcome = '';
      if (!changed.has('logState')) this.logState = 'idle';
      if (!changed.has('logError')) this.logError = '';
    }
    const records = this.records();
    if (now?.regarding) this.selected = keyOf(now.regarding);
    else if (records.length === 1) this.selected = keyOf(records[0]!);
    else if (newCall || !records.some((r) => keyOf(r) === this.selected)) this.selected = '';
  }

  private onSelect(record: RecordMatch | null): void {
    const call = this.call;
    if (!call) return;
    this.selected = record ? keyOf(record) : '';
    this.emit('cif-record-select', { callId: call.callId, record });
  }

  private onOpen(): void {
    const call = this.call;
    const record = this.regarding;
    if (!call || !record) return;
    this.emit('cif-record-open', { callId: call.callId, record });
  }

  /** A letter typed on a record's radio chooses the record it starts (as an arrow would: focus and check). */
  private onRecordsKeydown(e: KeyboardEvent): void {
    const radio = e.target;
    if (!(radio instanceof HTMLInputElement) || radio.name !== 'regarding') return;
    if (!Typeahead.isKey(e)) return;
    e.preventDefault();
    const radios = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[name="regarding"]')];
    const index = this.recordTypeahead.match(e.key, radios.indexOf(radio), e.timeStamp || performance.now());
    const target = index === undefined ? undefined : radios[index];
    if (!target || target === radio) return;
    target.focus();
    target.click();
  }

  private onRetry(): void {
    if (this.retryState === 'sending') return;
    this.emit('cif-log-retry', {});
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    this.submit();
  }

  private onNotesKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      this.submit();
    }
  }

  override render(): TemplateResult {
    const s = this.s;
    const call = this.call;
    const pending = Math.max(0, Math.floor(Number(this.pendingCount) || 0));
    const statusText = this.logState === 'saving' ? s.saving : this.logState === 'saved' ? s.saved : '';
    const error =
      this.logState === 'failed'
        ? html`<div part="error" role="alert">
            <strong>${s.failedTitle}</strong>
            ${this.logError ? html`<span>${this.logError}</span>` : nothing}
            <span>${s.failedKept}</span>
          </div>`
        : nothing;
    const retryText =
      this.retryState === 'sending'
        ? s.retrySending
        : this.retryState === 'sent'
          ? s.retrySent
          : this.retryState === 'failed'
            ? `${s.retryFailed} ${this.retryMessage}`.trim()
            : this.retryState === 'waiting'
              ? s.retryWaiting
              : '';
    const pendingBlock = html`${this.storageUnavailable ? html`<p part="storage" role="alert">${s.storageUnavailable}</p>` : nothing}
      ${pending > 0
        ? html`<div class="row">
            <p part="pending">${s.pending(pending, formatNumber(this.l10n.intl, pending))}</p>
            <button part="retry" type="button" aria-disabled=${this.retryState === 'sending' ? 'true' : 'false'} @click=${this.onRetry}>
              ${s.retry}
            </button>
          </div>`
        : nothing}
      <p part="retry-status" role="status">${retryText}</p>`;
    if (!call) {
      return html`<div part="base">
        <p part="status" role="status">${statusText}</p>
        ${error} ${pendingBlock}
      </div>`;
    }
    const number = call.number ? displayPhone(call.number, this.defaultCountry) : s.withheldNumber;
    const name = call.name || (this.records().length === 1 ? this.records()[0]!.name : '') || s.unknownCaller;
    return html`<form part="base" aria-labelledby="heading caller" @submit=${this.onSubmit} novalidate>
      <div part="summary">
        <span part="heading" id="heading">${call.active ? s.headingActive : s.heading}</span>
        <bdi part="caller" id="caller">${name}</bdi>
        <span part="meta">
          <span class="visually-hidden">${call.direction === 'outgoing' ? s.outgoing : s.incoming}</span>
          <bdi part="number" dir="ltr">${number}</bdi>
          ${!call.active && call.durationSeconds !== undefined
            ? html`<span part="duration"
                ><span class="visually-hidden">${s.duration} </span>${formatTimer(this.l10n.intl, call.durationSeconds)}</span
              >`
            : nothing}
        </span>
      </div>
      ${this.renderRecords(call)}
      <label class="field" part="notes-label"
        >${s.notes}
        <textarea
          part="notes"
          .value=${live(this.notes)}
          @input=${(e: Event) => (this.notes = (e.target as HTMLTextAreaElement).value)}
          @keydown=${this.onNotesKeyDown}
          aria-describedby=${call.active ? nothing : 'hint'}
        ></textarea>
      </label>
      <label class="field" part="outcome-label"
        >${s.outcome}
        <select part="outcome" @change=${(e: Event) => (this.outcome = (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${this.outcome === ''}>${s.noOutcome}</option>
          ${(Array.isArray(this.outcomes) ? this.outcomes : []).map(
            (o) => html`<option .value=${o} ?selected=${this.outcome === o}>${s.outcomeLabel(o)}</option>`,
          )}
        </select>
      </label>
      <div part="actions" class="row">
        ${call.active
          ? nothing
          : html`<button part="submit" type="submit" ?disabled=${this.logState === 'saving'}>${s.submit}</button>
              <span id="hint" class="visually-hidden">${s.submitHint}</span>`}
        <span part="status" role="status">${statusText}</span>
      </div>
      ${error} ${pendingBlock}
    </form>`;
  }

  private renderRecords(call: WrapUpCall) {
    const s = this.s;
    const records = this.records();
    let body;
    if (call.lookup === 'pending' && records.length === 0) {
      body = html`<p class="note">${s.lookingUp}</p>`;
    } else if (call.lookup === 'failed' && records.length === 0) {
      body = html`<p class="note">${s.lookupFailed}</p>
        <div class="row">
          <button part="search-again" type="button" @click=${() => this.emit('cif-record-search', { callId: call.callId, number: call.number })}>
            ${s.searchAgain}
          </button>
        </div>`;
    } else if (records.length === 0) {
      const dialable = !!parsePhone(call.number, this.defaultCountry);
      body = html`<p class="note">${s.noMatch}</p>
        ${dialable
          ? html`<div class="row">
              <button part="create-contact" type="button" @click=${() => this.emit('cif-create-contact', { callId: call.callId, number: call.number })}>
                ${s.createContact}
              </button>
            </div>`
          : nothing}`;
    } else if (records.length === 1) {
      const r = records[0]!;
      body = html`<div part="record">
          <span class="record-text"><bdi>${r.name || s.unknownCaller}</bdi> <span class="record-kind">${s.entityLabel(r.entityName)}</span></span>
        </div>
        <div class="row"><button part="open-record" type="button" @click=${this.onOpen}>${s.openRecord}</button></div>`;
    } else {
      body = html`${records.map(
          (r) => html`<label part="record">
            <input
              type="radio"
              name="regarding"
              .checked=${live(this.selected === keyOf(r))}
              @change=${() => this.onSelect(r)}
            />
            <span class="record-text"
              ><bdi>${r.name || s.unknownCaller}</bdi> <span class="record-kind">${s.entityLabel(r.entityName)}</span></span
            >
          </label>`,
        )}
        <label part="record">
          <input type="radio" name="regarding" .checked=${live(this.selected === '')} @change=${() => this.onSelect(null)} />
          <span class="record-text">${s.noRecord}</span>
        </label>
        <div class="row">
          <button part="open-record" type="button" ?disabled=${!this.selected} @click=${this.onOpen}>${s.openRecord}</button>
        </div>`;
    }
    return html`<fieldset part="records" @keydown=${this.onRecordsKeydown}>
      <legend>${s.regarding}</legend>
      ${body}
    </fieldset>`;
  }
}

function keyOf(r: RecordMatch): string {
  return `${r.entityName}:${r.id}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'cif-wrap-up': CifWrapUp;
  }
  interface HTMLElementEventMap {
    'cif-wrap-up-submit': CustomEvent<CifWrapUpSubmitDetail>;
    'cif-record-select': CustomEvent<CifRecordDetail>;
    'cif-record-open': CustomEvent<CifRecordDetail>;
    'cif-create-contact': CustomEvent<CifCallNumberDetail>;
    'cif-record-search': CustomEvent<CifCallNumberDetail>;
    'cif-log-retry': CustomEvent<Record<string, never>>;
  }
}
