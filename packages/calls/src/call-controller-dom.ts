/**
 * The DOM side of {@link CallController}: the elements it drives (`<cif-dialer>`s, the `<cif-incoming-call>`
 * alert, the `<cif-wrap-up>` form), their events relayed to the controller, and the controller's state shown
 * in them. The controller keeps the calls, their flow and their logs, and needs no DOM; it talks to its
 * elements only through a {@link CallViewBinding}, which sees it only through a {@link CallViewHost}.
 */
import type { FlushResult } from './activity-log.js';
import type { CallAnswer, CallControllerElements, CallInfo, DialerCallView, DialRequest, TransferMode } from './call-controller.js';
import type { CallAnswerSource, CifCallAnswerDetail, CifCallTimeoutDetail, CifIncomingCall } from './cif-incoming-call.js';
import type { CifCallNumberDetail, CifRecordDetail, CifWrapUp, CifWrapUpSubmitDetail, WrapUpCall } from './cif-wrap-up.js';
import type { RecordMatch } from './screen-pop.js';

/** What the controller needs of `<cif-dialer>` (it is driven through properties, not imported). */
interface DialerLike extends Element {
  callState: string;
  callNumber: string;
  contactName: string;
  muted: boolean;
  /** Newer dialers: the foreground call's connection time, the call list and which one is in front. */
  connectedAt?: number | undefined;
  calls?: DialerCallView[];
  activeCallId?: string;
}

/**
 * What a {@link CallViewBinding} sees of its controller: the calls as they are (the controller's own
 * records: read, never changed), and what the elements' events ask of it.
 */
export interface CallViewHost {
  /** Whether the controller is disposed (then nothing it is asked does anything). */
  disposed(): boolean;
  /** Every call, oldest first. */
  calls(): Iterable<CallInfo>;
  /** The call the dialers show. */
  foreground(): CallInfo | undefined;
  /** A call that has not ended, by id. */
  live(callId: string): CallInfo | undefined;
  /** The call named by an element's event (`callId`), or the foreground call without one. */
  target(callId: unknown): CallInfo | undefined;
  /** The call the wrap-up shows, if any. */
  wrapUpCall(): CallInfo | undefined;
  /** Logs waiting for Dynamics (not drafts), but for the log `exceptLogId`. */
  waitingLogs(exceptLogId: string | undefined): number;
  /** Whether the pending logs survive a reload (storage works). */
  durable(): boolean;
  /** Whether there is a client to write logs with. */
  connected(): boolean;
  /** Whether a draft log is this controller's own. */
  ownsDraft(logId: string): boolean;

  /** The agent answered a ringing call in the alert (or it timed out). */
  answered(call: CallInfo, answer: CallAnswer, source: CallAnswerSource): void;
  /** A dialer dials (its `cif-dial` was not cancelled). */
  dial(request: DialRequest): void;
  /** A dialer hangs a call up. */
  hangup(call: CallInfo): void;
  /** A dialer mutes or holds a call (its event was not cancelled). */
  toggle(kind: 'mute' | 'hold', call: CallInfo, on: boolean): void;
  /** A dialer sent a tone in the foreground call. */
  dtmf(digit: string): void;
  swap(callId: string): void;
  transfer(callId: string, target: string, mode: TransferMode): void;
  completeTransfer(callId: string): void;
  cancelTransfer(callId: string): void;
  conference(callIds: string[]): void;
  /** "Save call log" (the event was not cancelled). */
  submitWrapUp(detail: CifWrapUpSubmitDetail): void;
  /** The agent typed in the wrap-up of a call. */
  wrapUpInput(callId: string, notes: string, outcome: string): void;
  chooseRecord(callId: string, record: RecordMatch | null): void;
  openRecord(callId: string, record: RecordMatch): void;
  createContact(callId: string): void;
  searchAgain(callId: string): void;
  retry(): Promise<FlushResult>;
}

/**
 * The elements a {@link CallController} drives: attaches to them (`attach`, `detach`), relays their events to
 * the controller's {@link CallViewHost}, and shows its calls in them (`syncDialers`, `syncAlert`,
 * `syncWrapUp`).
 */
export class CallViewBinding {
  private readonly host: CallViewHost;
  private dialers: DialerLike[] = [];
  private alert: CifIncomingCall | undefined;
  private wrapUp: CifWrapUp | undefined;
  private listeners: AbortController | undefined;
  private alertCallId: string | undefined;

  constructor(host: CallViewHost) {
    this.host = host;
  }

  /** Acts on an element's event once it is dispatched, unless a listener further up cancelled it. */
  private afterDispatch<T>(e: Event, act: (detail: T) => void): void {
    queueMicrotask(() => {
      if (!e.defaultPrevented && !this.host.disposed()) act((e as CustomEvent<T>).detail);
    });
  }

  /** Listens to these elements and shows the calls in them (call `detach()` first). */
  attach(elements: CallControllerElements): void {
    this.listeners = new AbortController();
    const signal = this.listeners.signal;
    const host = this.host;
    this.dialers = [...(elements.dialers ?? [])] as DialerLike[];
    for (const d of this.dialers) {
      d.addEventListener('cif-dial', (e) => this.onDial(e as CustomEvent<DialRequest>), { signal });
      d.addEventListener('cif-hangup', (e) => this.onHangup(e as CustomEvent<{ callId?: string }>), { signal });
      d.addEventListener('cif-mute', (e) => this.onToggle('mute', e as CustomEvent<{ muted: boolean; callId?: string }>), { signal });
      d.addEventListener('cif-hold', (e) => this.onToggle('hold', e as CustomEvent<{ held: boolean; callId?: string }>), { signal });
      d.addEventListener('cif-dtmf', (e) => this.onDtmf(e as CustomEvent<{ digit: string }>), { signal });
      d.addEventListener('cif-call-swap', (e) => this.afterDispatch(e, (d: { callId: string }) => host.swap(d.callId)), { signal });
      d.addEventListener(
        'cif-transfer',
        (e) =>
          this.afterDispatch(e, (d: { callId?: string; target: string; mode: TransferMode }) => {
            const id = d.callId ?? host.foreground()?.callId;
            if (!id) return;
            host.transfer(id, d.target, d.mode);
          }),
        { signal },
      );
      d.addEventListener('cif-transfer-complete', (e) => this.afterDispatch(e, (d: { callId: string }) => host.completeTransfer(d.callId)), { signal });
      d.addEventListener('cif-transfer-cancel', (e) => this.afterDispatch(e, (d: { callId: string }) => host.cancelTransfer(d.callId)), { signal });
      d.addEventListener('cif-conference', (e) => this.afterDispatch(e, (d: { callIds: string[] }) => host.conference(d.callIds)), { signal });
    }
    this.alert = elements.alert ?? undefined;
    if (this.alert) {
      const a = this.alert;
      a.addEventListener('cif-call-accept', (e) => this.onAlertAnswer('accepted', e), { signal });
      a.addEventListener('cif-call-decline', (e) => this.onAlertAnswer('declined', e), { signal });
      a.addEventListener('cif-call-timeout', (e) => this.onAlertTimeout(e), { signal });
    }
    this.wrapUp = elements.wrapUp ?? undefined;
    if (this.wrapUp) {
      const w = this.wrapUp;
      w.addEventListener('cif-wrap-up-submit', (e) => this.onWrapUpSubmit(e), { signal });
      w.addEventListener('cif-record-select', (e) => this.onRecordSelect(e), { signal });
      w.addEventListener('cif-record-open', (e) => this.onRecordOpen(e), { signal });
      w.addEventListener('cif-create-contact', (e) => host.createContact((e as CustomEvent<CifCallNumberDetail>).detail.callId), { signal });
      w.addEventListener('cif-record-search', (e) => host.searchAgain((e as CustomEvent<CifCallNumberDetail>).detail.callId), { signal });
      w.addEventListener('cif-log-retry', () => void this.onRetryNow(), { signal });
      w.addEventListener('input', () => this.onWrapUpInput(), { signal });
      w.addEventListener('change', () => this.onWrapUpInput(), { signal });
    }
    this.syncDialers();
    this.syncAlert();
    this.syncWrapUp();
  }

  /** Stops driving the elements and removes every listener from them. */
  detach(): void {
    this.listeners?.abort();
    this.listeners = undefined;
    this.dialers = [];
    this.alert = undefined;
    this.alertCallId = undefined;
    this.wrapUp = undefined;
  }

  /** Closes the alert if it shows a call of the controller's. */
  dismissAlert(): void {
    if (this.alert && this.alertCallId && this.alert.callId === this.alertCallId) this.alert.dismiss();
  }

  /**
   * Answers a call in the alert, as the agent would, if the alert shows it (it then closes and fires its
   * event, which comes back as `answered`); false if it does not.
   */
  answerInAlert(callId: string, answer: 'accept' | 'decline'): boolean {
    if (!(this.alert && this.alertCallId === callId && this.alert.open && this.alert.callId === callId)) return false;
    if (answer === 'accept') this.alert.accept();
    else this.alert.decline();
    return true;
  }

  /** Whether a wrap-up form is attached. */
  get hasWrapUp(): boolean {
    return !!this.wrapUp;
  }

  /** The notes and outcome typed in the wrap-up, if it shows `callId`. */
  wrapUpFields(callId: string): { notes: string; outcome: string } | undefined {
    if (!this.wrapUp || this.wrapUp.call?.callId !== callId) return undefined;
    return { notes: this.wrapUp.notes, outcome: this.wrapUp.outcome };
  }

  /** Puts a call's notes and outcome in the wrap-up (`onlyChanged`: leaves equal values alone). */
  showWrapUpFields(notes: string, outcome: string, onlyChanged = false): void {
    const w = this.wrapUp;
    if (!w) return;
    if (!onlyChanged || w.notes !== notes) w.notes = notes;
    if (!onlyChanged || w.outcome !== outcome) w.outcome = outcome;
  }

  // ================================================================== controller → elements

  syncDialers(): void {
    if (this.dialers.length === 0) return;
    const call = this.host.foreground();
    if (!call) return;
    const list: DialerCallView[] = [...this.host.calls()]
      .filter((c) => c.phase !== 'ended' && (c.direction === 'outgoing' || c.answer === 'accepted'))
      .map((c) => {
        const v: DialerCallView = { callId: c.callId, name: c.name, number: c.e164 ?? c.number, state: c.phase, muted: c.muted };
        if (c.connectedAt !== undefined) v.connectedAt = c.connectedAt;
        if (c.consultFor) v.consultFor = c.consultFor;
        if (c.conference) v.conference = [...c.conference];
        return v;
      });
    for (const d of this.dialers) {
      d.callNumber = call.e164 ?? call.number;
      d.contactName = call.name;
      d.callState = call.phase;
      d.muted = call.phase === 'ended' ? false : call.muted;
      if ('calls' in d || 'activeCallId' in d) {
        d.connectedAt = call.connectedAt;
        d.calls = list;
        d.activeCallId = call.callId;
      }
    }
  }

  syncAlert(): void {
    const alert = this.alert;
    if (!alert) return;
    const next = [...this.host.calls()].find((c) => c.direction === 'incoming' && !c.answer && c.phase !== 'ended');
    if (!next) {
      if (this.alertCallId && alert.open && alert.callId === this.alertCallId) alert.dismiss();
      this.alertCallId = undefined;
      return;
    }
    const records = next.matches.map((m) => ({ name: m.name, entityName: m.entityName }));
    if (alert.open && alert.callId === next.callId) {
      alert.callerName = next.name;
      alert.records = records;
      alert.lookup = next.lookup;
      alert.callerNumber = next.e164 ?? next.number;
    } else {
      alert.show({
        callId: next.callId,
        number: next.e164 ?? next.number,
        name: next.name,
        queue: next.queue ?? '',
        reason: next.reason ?? '',
        lookup: next.lookup,
        records,
      });
    }
    this.alertCallId = next.callId;
  }

  syncWrapUp(): void {
    const w = this.wrapUp;
    if (!w) return;
    const call = this.host.wrapUpCall();
    w.pendingCount = this.host.waitingLogs(call?.logId);
    w.storageUnavailable = !this.host.durable();
    if (!call) return;
    if (call.log === 'saved') {
      w.call = undefined;
      w.logState = 'saved';
      w.logError = '';
      return;
    }
    const view: WrapUpCall = {
      callId: call.callId,
      direction: call.direction,
      number: call.e164 ?? call.number,
      name: call.name,
      active: call.phase !== 'ended',
      lookup: call.lookup,
      records: call.matches.map((m) => ({ ...m })),
    };
    if (call.regarding) view.regarding = { ...call.regarding };
    if (call.phase === 'ended' && call.connectedAt !== undefined) {
      view.durationSeconds = Math.round(((call.endedAt ?? Date.now()) - call.connectedAt) / 1000);
    }
    w.call = view;
    w.logState = call.log === 'saving' ? 'saving' : call.log === 'failed' ? 'failed' : 'idle';
    const lastLogError = [...call.errors].reverse().find((e) => e.step === 'log');
    w.logError = call.log === 'failed' ? (lastLogError?.error.message ?? '') : '';
  }

  // ================================================================== elements → controller

  private onAlertAnswer(answer: 'accepted' | 'declined', e: Event): void {
    const ev = e as CustomEvent<CifCallAnswerDetail>;
    // A listener further up may cancel the event (the alert then stays open): decide once it is dispatched.
    queueMicrotask(() => {
      if (ev.defaultPrevented) return;
      const call = this.host.live(ev.detail.callId);
      if (call) this.host.answered(call, answer, ev.detail.source);
    });
  }

  private onAlertTimeout(e: Event): void {
    const call = this.host.live((e as CustomEvent<CifCallTimeoutDetail>).detail.callId);
    if (call) this.host.answered(call, 'timeout', 'api');
  }

  private onDial(e: CustomEvent<DialRequest>): void {
    const d = e.detail;
    queueMicrotask(() => {
      if (e.defaultPrevented) return;
      this.host.dial(d);
    });
  }

  private onHangup(e: CustomEvent<{ callId?: string }>): void {
    const call = this.host.target(e.detail?.callId);
    if (call && call.phase !== 'ended') this.host.hangup(call);
  }

  private onToggle(kind: 'mute' | 'hold', e: CustomEvent<{ muted: boolean; callId?: string }> | CustomEvent<{ held: boolean; callId?: string }>): void {
    const call = this.host.target(e.detail?.callId);
    if (!call || call.phase === 'ended') return;
    queueMicrotask(() => {
      if (e.defaultPrevented) return;
      const on = kind === 'mute' ? !!(e.detail as { muted: boolean }).muted : !!(e.detail as { held: boolean }).held;
      this.host.toggle(kind, call, on);
    });
  }

  private onDtmf(e: CustomEvent<{ digit: string }>): void {
    this.host.dtmf(e.detail.digit);
  }

  private onWrapUpSubmit(e: Event): void {
    const ev = e as CustomEvent<CifWrapUpSubmitDetail>;
    queueMicrotask(() => {
      if (ev.defaultPrevented) return;
      this.host.submitWrapUp(ev.detail);
    });
  }

  /** The agent types in the wrap-up: kept with the call, and in its draft. */
  private onWrapUpInput(): void {
    const w = this.wrapUp;
    if (!w?.call) return;
    this.host.wrapUpInput(w.call.callId, w.notes, w.outcome);
  }

  private onRecordSelect(e: Event): void {
    const d = (e as CustomEvent<CifRecordDetail>).detail;
    this.host.chooseRecord(d.callId, d.record);
  }

  private onRecordOpen(e: Event): void {
    const d = (e as CustomEvent<CifRecordDetail>).detail;
    if (d.record) this.host.openRecord(d.callId, d.record);
  }

  /** "Retry now" in the wrap-up: sends, and always tells the agent what happened. */
  private async onRetryNow(): Promise<void> {
    const w = this.wrapUp;
    if (!w) return;
    w.retryState = 'sending';
    w.retryMessage = '';
    if (!this.host.connected()) {
      w.retryState = 'failed';
      w.retryMessage = 'Not connected to Dynamics.';
      return;
    }
    const r = await this.host.retry();
    if (this.wrapUp !== w) return;
    if (r.failed.length) {
      w.retryState = 'failed';
      w.retryMessage = r.failed.at(-1)!.error.message;
    } else if (r.skipped.some((x) => !this.host.ownsDraft(x.id))) {
      w.retryState = 'waiting';
    } else {
      w.retryState = 'sent';
    }
  }
}
