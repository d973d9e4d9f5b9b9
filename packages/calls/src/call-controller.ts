/**
 * The call flow of a CRM softphone, driven by the provider's telephony events. See {@link CallController}.
 */
import { CifError, isGuid, normalizeId, toCifError, TypedEventTarget } from '@cif-elements/client/api';
import type { CifClient, RecordRef } from '@cif-elements/client/api';
import {
  PendingLogStore,
  buildPhoneCallRecord,
  newActivityId,
} from './activity-log.js';
import type { CallDirection, CallLogInput, FlushResult, LogOwner, LogWriteResult, PendingCallLog, StorageProblem } from './activity-log.js';
import type { CallAnswerSource, CallerLookupState, CifIncomingCall } from './cif-incoming-call.js';
import type { CifWrapUp } from './cif-wrap-up.js';
import { CallViewBinding } from './call-controller-dom.js';
import type { CallViewHost } from './call-controller-dom.js';
import { displayPhone, loadPhoneLib, parsePhone, samePhone } from './phone.js';
import { findRecordsByPhone, openCreateContact, openMatch, openSearchPage } from './screen-pop.js';
import type { CreateContactOptions, RecordMatch, ScreenPopEntity, ScreenPopKind, ScreenPopResult } from './screen-pop.js';

/** Where a call is. `ringing` is an incoming call alerting, or an outgoing call the other side hears ringing. */
export type CallPhase = 'dialing' | 'ringing' | 'connected' | 'held' | 'ended';

/** How the agent (or the alert's time-out) answered an incoming call. */
export type CallAnswer = 'accepted' | 'declined' | 'timeout';

/** What the screen pop did. */
export type ScreenPopAction = 'opened' | 'search' | 'chooser' | 'none' | 'created' | 'failed';

/** State of the call's activity log. */
export type CallLogState = 'none' | 'draft' | 'saving' | 'saved' | 'failed';

/** A step of the flow that can fail. */
export type CallFlowStep = 'lookup' | 'screen-pop' | 'session' | 'create-contact' | 'open-record' | 'environment' | 'log' | 'hold';

/** How a call was transferred: at once (`blind`) or after talking to the target (`consult`, attended). */
export type TransferMode = 'blind' | 'consult';

/**
 * What happens to connected calls when the agent accepts or dials another one: `hold` (default) fires `hold`
 * for each and waits for the telephony's `held()` before `accept` / `dial`; `none` leaves them as they are
 * (e.g. the telephony holds by itself). A function decides per call.
 */
export type HoldPolicy = 'hold' | 'none' | ((context: { next?: CallInfo; connected: CallInfo[] }) => 'hold' | 'none');

/** A failure in the flow: the flow went on without that step. */
export interface CallFlowError {
  step: CallFlowStep;
  callId?: string;
  error: CifError;
}

/** A call as the controller sees it (a copy: change it through the controller's methods). */
export interface CallInfo {
  callId: string;
  direction: CallDirection;
  /** The other party's number, as the telephony gave it. */
  number: string;
  /** E.164 form, when the number could be parsed. */
  e164?: string;
  /** The number as the agent sees it. */
  display: string;
  /** The other party's name: given by the telephony, the single match's, or the chosen record's; `''` if unknown. */
  name: string;
  phase: CallPhase;
  muted: boolean;
  queue?: string;
  reason?: string;
  /** Epoch ms of `incoming()` / `outgoing()`. */
  startedAt: number;
  connectedAt?: number;
  endedAt?: number;
  /** `completed`, `missed`, `declined`, `timeout`, `unanswered`, or what `ended()` was given. */
  endReason?: string;
  /** Incoming calls: how the agent answered. */
  answer?: CallAnswer;
  lookup: CallerLookupState;
  matches: RecordMatch[];
  matchKind?: ScreenPopKind;
  /** The record the call is about (single match, the agent's choice, a new contact, or given to `outgoing()`). */
  regarding?: RecordMatch;
  screenPop?: ScreenPopAction;
  /** The CIF 2.0 session opened for the call. */
  sessionId?: string;
  /**
   * Id of the phone call activity (also the pending log's id), chosen when the call rings or is placed: the
   * live call's draft is kept under it, so a tab that dies mid-call does not lose the log.
   */
  logId?: string;
  /** Where the call was transferred to (number or name), once transferred. */
  transferTarget?: string;
  transferMode?: TransferMode;
  /** This call is the consult leg of that call (an attended transfer in progress). */
  consultFor?: string;
  /** The consult leg placed for this call. */
  consultCallId?: string;
  /** The other calls this one is in a conference with. */
  conference?: string[];
  /** `none` while the call is live (its draft is kept, see `logId`), then `draft` until the wrap-up is done. */
  log: CallLogState;
  errors: CallFlowError[];
}

/** What `incoming()` takes. */
export interface IncomingCallInput {
  callId: string;
  /** The caller's number. */
  from: string;
  /** Caller name from the telephony (CNAM), if any. */
  name?: string;
  queue?: string;
  reason?: string;
}

/** What `outgoing()` takes. */
export interface OutgoingCallInput {
  callId: string;
  /** The number dialled. */
  to: string;
  name?: string;
  /** The record the agent called from (skips the screen pop: the agent is on it already). */
  regarding?: RecordMatch;
  /** This call is the consult leg of an attended transfer of that call (see `consult`). */
  consultFor?: string;
}

/** What the wrap-up adds to a log. */
export interface WrapUpInput {
  notes?: string;
  outcome?: string;
  /** `null` = about no record. */
  regarding?: RecordMatch | null;
}

/** A dial request relayed from `<cif-dialer>`'s `cif-dial`. */
export interface DialRequest {
  number: string;
  extension?: string;
  raw?: string;
  source?: string;
  context?: unknown;
}

/** Events of {@link CallController} (all `CustomEvent`s). */
export interface CallControllerEventMap {
  /** Anything about a call changed. */
  change: CustomEvent<{ call: CallInfo }>;
  /** The agent accepted an incoming call: answer it in your telephony. */
  accept: CustomEvent<{ call: CallInfo; source: CallAnswerSource }>;
  /** The agent declined an incoming call: reject it in your telephony. */
  decline: CustomEvent<{ call: CallInfo; source: CallAnswerSource }>;
  /** Nobody answered the alert in time: reject it, or send it to voicemail. */
  timeout: CustomEvent<{ call: CallInfo }>;
  /** The agent dialled in `<cif-dialer>`: place the call, then call `outgoing()`. */
  dial: CustomEvent<DialRequest>;
  /** The agent pressed hang-up. */
  hangup: CustomEvent<{ call: CallInfo }>;
  /** The agent toggled mute (`muted`: the state asked for). */
  mute: CustomEvent<{ call: CallInfo; muted: boolean }>;
  /** The agent toggled hold (`held`: the state asked for), or the hold policy holds a call before another. */
  hold: CustomEvent<{ call: CallInfo; held: boolean }>;
  /** The agent swapped to `call` (the others connected were held first). */
  swap: CustomEvent<{ call: CallInfo; from?: CallInfo }>;
  /** Cancelable. Blind transfer asked: transfer the call, then call `ended(callId, { reason: 'transferred' })`. */
  transfer: CustomEvent<{ call: CallInfo; target: string; mode: 'blind' }>;
  /** Cancelable. Consult asked (the call is held first): place a call to `target` and report it with `outgoing({ …, consultFor })`. */
  consult: CustomEvent<{ call: CallInfo; target: string }>;
  /** Cancelable. Complete the attended transfer: connect `call` to `consult`'s party, then end both (`reason: 'transferred'`). */
  transfercomplete: CustomEvent<{ call: CallInfo; consult: CallInfo }>;
  /** Cancelable. Cancel the attended transfer: hang up `consult` and resume `call`. */
  transfercancel: CustomEvent<{ call: CallInfo; consult: CallInfo }>;
  /** Cancelable. Merge the calls into a conference, then call `conferenced(callIds)`. */
  conference: CustomEvent<{ calls: CallInfo[] }>;
  /** The agent pressed a key during the call. */
  dtmf: CustomEvent<{ call: CallInfo; digit: string }>;
  /** The screen pop ran. */
  screenpop: CustomEvent<{ call: CallInfo; result: ScreenPopResult | undefined; action: ScreenPopAction }>;
  /** A phone call activity was written. */
  logged: CustomEvent<{ log: PendingCallLog; ref: RecordRef; call?: CallInfo }>;
  /** Writing a phone call activity failed; the log is kept for retry. */
  logfailed: CustomEvent<{ log: PendingCallLog; error: CifError; call?: CallInfo }>;
  /** A step failed (the flow went on). */
  error: CustomEvent<CallFlowError & { call?: CallInfo }>;
  /**
   * The logs waiting for Dynamics changed, here or in another tab (`count`: not counting drafts), or the
   * storage started or stopped refusing them (`durable` false: they are kept only while this tab is open).
   */
  pending: CustomEvent<{ count: number; durable: boolean; problem?: StorageProblem }>;
}

/** Options of {@link CallController}. */
export interface CallControllerOptions {
  /** The CIF client (can be set later with `controller.client = …`). */
  client?: CifClient;
  /** ISO 3166-1 alpha-2 country for national numbers (search, display). */
  defaultCountry?: string;
  /** Record types the screen pop searches. Default contacts and accounts. */
  entities?: readonly ScreenPopEntity[];
  /** When incoming calls pop the record: `accept` (default), `incoming` (as soon as found), `never`. Outgoing calls pop at once unless `never`. */
  screenPop?: 'accept' | 'incoming' | 'never';
  /** Several matches: `search` (default) opens Dynamics' search page, `chooser` leaves the choice to `<cif-wrap-up>`. */
  multipleMatches?: 'search' | 'chooser';
  /** CIF 2.0: session template of the session opened when the agent accepts; `null` or `''` opens none. Default {@link DEFAULT_CALL_SESSION_TEMPLATE}. */
  sessionTemplate?: string | null;
  /** CIF 2.0: extra template parameters for the session. */
  sessionParameters?: (call: CallInfo) => Record<string, unknown>;
  /** How "Create contact" opens the form. */
  createContact?: Omit<CreateContactOptions, 'defaultCountry'>;
  /** Log calls as phone call activities. Default true. */
  log?: boolean;
  /** Subject of the activity; default "Call from …" / "Call to …" / "Missed call from …". */
  subject?: (input: CallLogInput) => string;
  /** Where pending logs are kept. Default a {@link PendingLogStore} over `localStorage`. */
  store?: PendingLogStore;
  /** Accepting or dialing while a call is connected: hold it first (default), or not. See {@link HoldPolicy}. */
  holdPolicy?: HoldPolicy;
  /** How long the hold policy waits for the telephony's `held()`, in ms (then goes on and reports a `hold` error). Default 5 000. */
  holdTimeoutMs?: number;
  /** Ended calls kept in `calls` (oldest dropped first, once their log is settled). Default {@link MAX_ENDED_CALLS}. */
  maxEndedCalls?: number;
}

/** Default of `maxEndedCalls`: ended calls the controller remembers. */
export const MAX_ENDED_CALLS = 20;

/** Elements the controller drives. */
export interface CallControllerElements {
  /** `<cif-dialer>` elements: they show the foreground call; their events are relayed. */
  dialers?: Iterable<Element>;
  /** The `<cif-incoming-call>` alert. */
  alert?: CifIncomingCall | null;
  /** The `<cif-wrap-up>` form. */
  wrapUp?: CifWrapUp | null;
}

/** Default CIF 2.0 session template for calls (Omnichannel's voice call session). */
export const DEFAULT_CALL_SESSION_TEMPLATE = 'msdyn_voicecall_session';

/** A call as `<cif-dialer>`'s call list shows it. */
export interface DialerCallView {
  callId: string;
  name: string;
  number: string;
  state: CallPhase;
  /** Epoch ms the call was connected: the timer counts from it. */
  connectedAt?: number;
  muted: boolean;
  /** This call is the consult leg of that call. */
  consultFor?: string;
  conference?: string[];
}

interface Runtime {
  lookup?: Promise<void>;
  /** Log operations of the call, one after the other. */
  logChain?: Promise<unknown>;
  /** The write of the final log in flight. */
  writing?: Promise<LogWriteResult>;
  logCreatedAt?: number;
  result?: ScreenPopResult;
  popped: boolean;
  sessioned: boolean;
  /** Order in which calls came to the foreground. */
  activatedAt?: number;
  notes: string;
  outcome: string;
  /** The `regarding` was given (outgoing from a record): no screen pop. */
  presetRegarding: boolean;
  /** Everyone this call was ever in a conference with (id → name when merged), for its log. */
  conferenceWith?: Map<string, string>;
  /** What the stored draft of the live call last said (see `keepLiveDraft`). */
  liveKey?: string;
  /** Whether the call's log has been stored once: later stores only replace it (see `putLog`). */
  stored?: boolean;
  /** A store of the call's log queued behind another and not started yet (see `putLog`). */
  queuedPut?: { draft: boolean; done: Promise<void> };
}

const CLICK_TO_ACT_MEMORY_MS = 60_000;
/** How soon what the agent types in the wrap-up reaches the stored draft. */
const DRAFT_SAVE_MS = 300;
/** Delays of the automatic retries of logs left waiting (the last one repeats). */
const RETRY_DELAYS_MS = [5_000, 10_000, 20_000, 40_000, 60_000];

/**
 * The call flow a CRM softphone writes around CIF, as one object a provider feeds with its telephony events.
 *
 * Telephony → controller: `incoming()`, `outgoing()`, `ringing()`, `connected()`, `held()`, `muted()`,
 * `ended()`. Controller → telephony: the `accept`, `decline`, `timeout`, `dial`, `hangup`, `mute`, `hold` and
 * `dtmf` events. In between it drives, declaratively:
 *
 * - the `<cif-incoming-call>` alert (shown for each ringing call, with the matched caller);
 * - the screen pop: contacts and accounts searched by the number in every phone column, the single match
 *   opened (when the agent accepts, or at once with `screenPop: 'incoming'`; outgoing calls at once), Dynamics'
 *   search page for several, "Create contact" offered for none;
 * - on CIF 2.0, a session per accepted call (`canCreateSession` + `createSession` with the customer name);
 * - the `<cif-dialer>`s (`call-state`, `call-number`, `contact-name`, `muted`) for the foreground call;
 * - the `<cif-wrap-up>` (notes during the call, outcome and "Save call log" after it);
 * - the phone call activity: kept in a {@link PendingLogStore} the moment the call ends, written with
 *   `createRecord` after the wrap-up (at once for calls without one), retried when the next call ends, on
 *   `retry()`, and when a client arrives — so a failure or a reload loses nothing.
 *
 * Every CIF call may fail; the flow then goes on without that step, records the failure on the call
 * (`errors`) and fires `error`. Works on CIF 1.0 (no sessions, no Dynamics notification).
 */
export class CallController extends TypedEventTarget<CallControllerEventMap> {
  /** Where logs wait for Dynamics. */
  readonly store: PendingLogStore;
  private readonly options: CallControllerOptions;
  private _client: CifClient | undefined;
  private readonly _calls = new Map<string, CallInfo>();
  private readonly runtime = new Map<string, Runtime>();
  /** The elements it drives (call-controller-dom.ts). */
  private readonly view: CallViewBinding;
  private wrapUpCallId: string | undefined;
  private userId: string | undefined;
  private flushing: Promise<FlushResult> | undefined;
  private readonly ownDrafts = new Set<string>();
  /** This controller as the owner of its drafts (other tabs leave them alone while it lives). */
  private readonly owner: LogOwner;
  private readonly ownsStore: boolean;
  private readonly storeListeners = new AbortController();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryStep = 0;
  private lastDial: { e164: string; regarding?: RecordMatch; at: number } | undefined;
  private readonly heldWaiters = new Map<string, Array<(held: boolean) => void>>();
  private activationCounter = 0;
  private disposed = false;

  constructor(options: CallControllerOptions = {}) {
    super();
    this.options = { ...options };
    this.ownsStore = !options.store;
    this.store = options.store ?? new PendingLogStore();
    this.owner = this.store.createOwner();
    this.view = new CallViewBinding(this.viewHost());
    const signal = this.storeListeners.signal;
    this.store.addEventListener('change', () => this.onStoreChange(), { signal });
    this.store.addEventListener('durability', () => this.onStoreChange(), { signal });
    this.store.addEventListener('due', () => void this.retry(), { signal });
    this.store.addEventListener(
      'corrupt',
      (e) => {
        const q = e.detail;
        const error = new CifError('invalid-response', 'localStorage', `A corrupt call log was found in storage (${q.reason}); it is kept under "${q.quarantineKey}"`, q.value);
        this.emit('error', { step: 'log', error });
      },
      { signal },
    );
    void loadPhoneLib().catch(() => undefined);
    if (options.client) this.client = options.client;
  }

  // ================================================================== typed events


  private emit<K extends keyof CallControllerEventMap>(type: K, detail: CallControllerEventMap[K]['detail']): void {
    if (this.disposed) return;
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  /** Fires a cancelable event; false when a listener cancelled it (or the controller is disposed). */
  private emitCancelable<K extends keyof CallControllerEventMap>(type: K, detail: CallControllerEventMap[K]['detail']): boolean {
    if (this.disposed) return false;
    return this.dispatchEvent(new CustomEvent(type, { detail, cancelable: true }));
  }

  // ================================================================== configuration

  /** The CIF client. Setting one (a client "arrives") retries the pending logs. */
  get client(): CifClient | undefined {
    return this._client;
  }
  set client(value: CifClient | undefined) {
    if (value === this._client) return;
    this._client = value;
    this.userId = undefined;
    if (value && !this.disposed) void this.retry();
  }

  /** ISO 3166-1 alpha-2 country for national numbers. */
  get defaultCountry(): string {
    return this.options.defaultCountry ?? '';
  }
  set defaultCountry(value: string) {
    this.options.defaultCountry = value;
  }

  /** Changes options (e.g. from `<cif-call-flow>` attributes). */
  configure(options: Partial<Omit<CallControllerOptions, 'client' | 'store'>>): void {
    Object.assign(this.options, options);
  }

  /** Calls the controller knows, oldest first (copies). */
  get calls(): CallInfo[] {
    return [...this._calls.values()].map((c) => this.copy(c));
  }

  /** One call (a copy). */
  getCall(callId: string): CallInfo | undefined {
    const c = this._calls.get(callId);
    return c ? this.copy(c) : undefined;
  }

  /** Logs waiting for Dynamics (drafts included). */
  get pendingLogs(): PendingCallLog[] {
    return this.store.list();
  }

  /**
   * Drives these elements (replacing any attached before): the dialers show the foreground call and relay
   * their events; the alert shows ringing calls; the wrap-up shows the active or last call.
   */
  attach(elements: CallControllerElements): void {
    this.detach();
    if (this.disposed) return;
    this.view.attach(elements);
  }

  /** Stops driving the elements and removes every listener from them. */
  detach(): void {
    this.view.detach();
  }

  /**
   * Detaches, forgets the calls and stops emitting. Pending logs stay in the store; drafts of this
   * controller are no longer its own (the next flush anywhere writes them as they are).
   */
  dispose(): void {
    this.view.dismissAlert();
    this.detach();
    this.disposed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.draftTimer);
    this.storeListeners.abort();
    this.owner.release();
    if (this.ownsStore) this.store.dispose();
    this._calls.clear();
    this.runtime.clear();
  }

  // ================================================================== telephony → controller

  /** An incoming call rings. Shows the alert and looks the caller up. */
  incoming(input: IncomingCallInput): CallInfo {
    const existing = this.existing(input?.callId);
    if (existing) return existing;
    const call = this.newCall(input.callId, 'incoming', input.from, 'ringing', input.name);
    if (input.queue) call.queue = input.queue;
    if (input.reason) call.reason = input.reason;
    this.keepLiveDraft(call);
    this.changed(call);
    this.startLookup(call);
    return this.copy(call);
  }

  /** An outgoing call is being placed. Drives the dialer, looks the number up and pops the record. */
  outgoing(input: OutgoingCallInput): CallInfo {
    const existing = this.existing(input?.callId);
    if (existing) return existing;
    const call = this.newCall(input.callId, 'outgoing', input.to, 'dialing', input.name);
    const rt = this.rt(call);
    const original = typeof input.consultFor === 'string' ? this._calls.get(input.consultFor) : undefined;
    if (original) {
      call.consultFor = original.callId;
      original.consultCallId = call.callId;
      this.changed(original);
    }
    let regarding = input.regarding;
    const dial = this.lastDial;
    if (!regarding && dial?.regarding && Date.now() - dial.at < CLICK_TO_ACT_MEMORY_MS && samePhone(input.to, dial.e164, this.defaultCountry)) {
      regarding = dial.regarding;
    }
    if (regarding) {
      call.regarding = { ...regarding };
      call.matches = [{ ...regarding }];
      if (!call.name && regarding.name) call.name = regarding.name;
      rt.presetRegarding = true;
    }
    this.activate(call);
    this.keepLiveDraft(call);
    this.changed(call);
    this.startLookup(call);
    if (this.options.screenPop !== 'never' && !rt.presetRegarding) void this.pop(call);
    return this.copy(call);
  }

  /** An outgoing call rings at the other end. */
  ringing(callId: string): void {
    const call = this.live(callId);
    if (!call || call.direction !== 'outgoing' || call.phase !== 'dialing') return;
    call.phase = 'ringing';
    this.changed(call);
  }

  /** The call is connected (answered). An incoming call answered elsewhere counts as accepted. */
  connected(callId: string): void {
    const call = this.live(callId);
    if (!call) return;
    call.connectedAt ??= Date.now();
    call.phase = 'connected';
    if (call.direction === 'incoming' && call.answer !== 'accepted') {
      call.answer = 'accepted';
      this.activate(call);
      void this.afterAccept(call);
    }
    this.changed(call);
  }

  /** The call was put on hold (or taken off it). */
  held(callId: string, held: boolean): void {
    const call = this.live(callId);
    if (!call || (call.phase !== 'connected' && call.phase !== 'held')) return;
    call.phase = held ? 'held' : 'connected';
    if (!held && this.foreground() !== call) this.activate(call);
    this.changed(call);
    const waiters = this.heldWaiters.get(callId);
    if (waiters) {
      this.heldWaiters.delete(callId);
      for (const w of waiters) w(held);
    }
  }

  /** The telephony merged these calls into a conference (after `conference`). */
  conferenced(callIds: readonly string[]): void {
    const calls = callIds.map((id) => this.live(id)).filter((c): c is CallInfo => !!c);
    if (calls.length < 2) return;
    for (const c of calls) {
      c.conference = calls.filter((o) => o !== c).map((o) => o.callId);
      if (c.phase === 'held') c.phase = 'connected';
      const rt = this.rt(c);
      rt.conferenceWith ??= new Map();
      for (const o of calls) if (o !== c) rt.conferenceWith.set(o.callId, o.name || o.e164 || o.number);
    }
    for (const c of calls) this.changed(c);
  }

  /** The microphone was muted (or unmuted). */
  muted(callId: string, muted: boolean): void {
    const call = this.live(callId);
    if (!call) return;
    call.muted = !!muted;
    this.changed(call);
  }

  /** The call ended. Keeps its log at once; writes it after the wrap-up (or at once without one). */
  ended(callId: string, info: { reason?: string } = {}): void {
    const call = this._calls.get(callId);
    if (!call || call.phase === 'ended' || this.disposed) return;
    call.phase = 'ended';
    call.endedAt = Date.now();
    call.muted = false;
    call.endReason =
      info.reason ??
      (call.connectedAt !== undefined
        ? 'completed'
        : call.answer === 'declined'
          ? 'declined'
          : call.answer === 'timeout'
            ? 'timeout'
            : call.direction === 'incoming'
              ? 'missed'
              : 'unanswered');
    const waiters = this.heldWaiters.get(callId);
    if (waiters) {
      this.heldWaiters.delete(callId);
      for (const w of waiters) w(false);
    }
    // A party leaves a conference (or the agent hangs up its leg): the others stay in it without this call;
    // a call left alone is no longer in a conference. Each log still names everyone it was merged with.
    for (const id of call.conference ?? []) {
      const other = this._calls.get(id);
      if (!other?.conference) continue;
      other.conference = other.conference.filter((x) => x !== callId);
      if (other.conference.length === 0) delete other.conference;
      this.changed(other);
    }
    if (call.endReason === 'transferred' && !call.transferTarget) {
      const consult = call.consultCallId ? this._calls.get(call.consultCallId) : undefined;
      if (consult) {
        call.transferTarget = consult.name || consult.e164 || consult.number;
        call.transferMode = 'consult';
      }
    }
    this.keepLog(call);
    this.changed(call);
    void this.finishLog(call);
    this.prune();
  }

  // ================================================================== agent actions (also from the elements)

  /** Accepts a ringing incoming call as the agent would (fires `accept`). */
  accept(callId: string): void {
    if (this.view.answerInAlert(callId, 'accept')) return;
    const call = this.live(callId);
    if (call) this.answered(call, 'accepted', 'api');
  }

  /** Declines a ringing incoming call as the agent would (fires `decline`). */
  decline(callId: string): void {
    if (this.view.answerInAlert(callId, 'decline')) return;
    const call = this.live(callId);
    if (call) this.answered(call, 'declined', 'api');
  }

  /** Asks the telephony to hold (`held` true) or resume a call: fires `hold`. Resuming one holds the other connected calls first (the hold policy). */
  async hold(callId: string, held: boolean): Promise<void> {
    const call = this.live(callId);
    if (!call) return;
    if (!held) {
      await this.swap(callId);
      return;
    }
    if (call.phase === 'connected') this.emit('hold', { call: this.copy(call), held: true });
  }

  /** Asks the telephony to mute or unmute a call: fires `mute`. */
  mute(callId: string, muted: boolean): void {
    const call = this.live(callId);
    if (call) this.emit('mute', { call: this.copy(call), muted: !!muted });
  }

  /** Asks the telephony to hang a call up: fires `hangup`. */
  hangup(callId: string): void {
    const call = this.live(callId);
    if (call) this.emit('hangup', { call: this.copy(call) });
  }

  /**
   * Brings a call to the front: holds the other connected calls (waiting for `held()`), then resumes it if it
   * was held. Fires `hold` for each, then `swap`.
   */
  async swap(callId: string): Promise<void> {
    const call = this.live(callId);
    if (!call) return;
    const from = this.foreground();
    await this.holdOthers(call, true);
    if (this._calls.get(callId) !== call || call.phase === 'ended') return;
    if (call.phase === 'held') this.emit('hold', { call: this.copy(call), held: false });
    this.activate(call);
    this.changed(call);
    this.emit('swap', from && from !== call ? { call: this.copy(call), from: this.copy(from) } : { call: this.copy(call) });
  }

  /**
   * Blind transfer: fires the cancelable `transfer`; the telephony transfers the call and ends it with
   * `reason: 'transferred'`. The call's log records the target. Returns false if cancelled or not live.
   */
  transfer(callId: string, target: string): boolean {
    const call = this.live(callId);
    const t = typeof target === 'string' ? target.trim() : '';
    if (!call || !t) return false;
    if (!this.emitCancelable('transfer', { call: this.copy(call), target: t, mode: 'blind' })) return false;
    call.transferTarget = t;
    call.transferMode = 'blind';
    this.changed(call);
    return true;
  }

  /**
   * Consult (attended) transfer, step 1: holds the call (waiting for `held()`), then fires the cancelable
   * `consult`; the telephony dials `target` and reports the new call with `outgoing({ callId, to, consultFor })`.
   * Then {@link completeTransfer} or {@link cancelTransfer}. Returns false if cancelled or not live.
   */
  async consult(callId: string, target: string): Promise<boolean> {
    const call = this.live(callId);
    const t = typeof target === 'string' ? target.trim() : '';
    if (!call || !t) return false;
    if (call.phase === 'connected') {
      this.emit('hold', { call: this.copy(call), held: true });
      await this.waitHeld(call);
    }
    if (!this.live(callId)) return false;
    if (!this.emitCancelable('consult', { call: this.copy(call), target: t })) return false;
    call.transferTarget = t;
    call.transferMode = 'consult';
    this.changed(call);
    return true;
  }

  /** Consult transfer, step 2: fires the cancelable `transfercomplete` (the telephony joins the parties and ends both calls). */
  completeTransfer(callId: string): boolean {
    const { call, consult } = this.consultPair(callId);
    if (!call || !consult) return false;
    if (!this.emitCancelable('transfercomplete', { call: this.copy(call), consult: this.copy(consult) })) return false;
    call.transferTarget = consult.name || consult.e164 || consult.number || call.transferTarget;
    call.transferMode = 'consult';
    this.changed(call);
    return true;
  }

  /** Consult transfer, or step 2 the other way: fires the cancelable `transfercancel` (the telephony hangs up the consult call and resumes this one). */
  cancelTransfer(callId: string): boolean {
    const { call, consult } = this.consultPair(callId);
    if (!call || !consult) return false;
    if (!this.emitCancelable('transfercancel', { call: this.copy(call), consult: this.copy(consult) })) return false;
    delete call.transferTarget;
    delete call.transferMode;
    this.changed(call);
    return true;
  }

  /** Merges live calls into a conference: fires the cancelable `conference`; the telephony merges them and calls `conferenced()`. */
  conference(callIds: readonly string[]): boolean {
    const calls = [...new Set(callIds)].map((id) => this.live(id)).filter((c): c is CallInfo => !!c);
    if (calls.length < 2) return false;
    return this.emitCancelable('conference', { calls: calls.map((c) => this.copy(c)) });
  }

  /** Sets the record the call is about (`null`: none). */
  chooseRecord(callId: string, record: RecordMatch | null): void {
    const call = this._calls.get(callId);
    if (!call) return;
    if (record) {
      call.regarding = { ...record };
      if (!call.matches.some((m) => m.entityName === record.entityName && m.id === record.id)) call.matches.push({ ...record });
    } else {
      delete call.regarding;
    }
    this.changed(call);
  }

  /** Opens a record of the call in Dynamics (default: its `regarding`). */
  async openRecord(callId: string, record?: RecordMatch): Promise<boolean> {
    const call = this._calls.get(callId);
    const target = record ?? call?.regarding;
    const client = this._client;
    if (!call || !target || !client) return false;
    try {
      await openMatch(client, target, this.options.entities);
      return true;
    } catch (e) {
      this.report(call, 'open-record', e);
      return false;
    }
  }

  /** Opens a new contact form with the call's number; a saved contact becomes the call's record. */
  async createContact(callId: string): Promise<RecordMatch | undefined> {
    const call = this._calls.get(callId);
    const client = this._client;
    if (!call || !client) return undefined;
    try {
      const match = await openCreateContact(client, call.e164 ?? call.number, {
        ...(this.options.createContact ?? {}),
        defaultCountry: this.defaultCountry,
      });
      if (!match || this.disposed) return match;
      call.matches = [match];
      call.matchKind = 'single';
      call.lookup = 'done';
      call.regarding = match;
      if (!call.name && match.name) call.name = match.name;
      call.screenPop = 'created';
      this.changed(call);
      this.emit('screenpop', { call: this.copy(call), result: this.rt(call).result, action: 'created' });
      return match;
    } catch (e) {
      this.report(call, 'create-contact', e);
      return undefined;
    }
  }

  /** Looks the number up again (after a failed search); pops the record if the call was answered. */
  async searchAgain(callId: string): Promise<void> {
    const call = this._calls.get(callId);
    if (!call) return;
    this.startLookup(call);
    const rt = this.rt(call);
    const answered = call.direction === 'outgoing' || call.answer === 'accepted';
    if (answered && call.phase !== 'ended' && (call.screenPop === undefined || call.screenPop === 'failed') && this.options.screenPop !== 'never') {
      rt.popped = false;
      await this.pop(call);
    } else {
      await rt.lookup;
    }
  }

  /**
   * Finishes the wrap-up of an ended call and writes its log (what "Save call log" does). Never fails
   * silently: resolves with the written log (`ok: true`; `duplicate` when Dynamics or another tab had it
   * already) or with `ok: false` and a typed error (the log is then kept and retried; the wrap-up shows it).
   * Rejects with a `CifError` (`invalid-argument`) only for a call that is unknown, still going, or not logged.
   */
  async submitWrapUp(callId: string, input: WrapUpInput = {}): Promise<LogWriteResult> {
    const call = this._calls.get(callId);
    if (this.disposed || !call || call.phase !== 'ended' || !call.logId) {
      throw new CifError(
        'invalid-argument',
        'submitWrapUp',
        this.disposed ? 'The controller was disposed' : !call ? `No call ${callId}` : call.phase !== 'ended' ? `Call ${callId} has not ended` : `Call ${callId} is not logged`,
      );
    }
    const rt = this.rt(call);
    // Saved already, or being saved: the answer of that write (a log is never written twice).
    if (call.log === 'saved' || call.log === 'saving') {
      if (rt.writing) return rt.writing;
      return { ok: true, log: this.buildLog(call, false, undefined), ref: { id: call.logId, entityType: 'phonecall' }, duplicate: true };
    }
    if (input.regarding !== undefined) this.chooseRecord(callId, input.regarding);
    rt.notes = input.notes ?? rt.notes;
    rt.outcome = input.outcome ?? rt.outcome;
    return this.finalize(call);
  }

  /**
   * Changes the wrap-up of a call (notes, outcome, regarding) without submitting it. While the call's log is
   * a draft, the draft in the store is updated too, so a reload or crash keeps what was typed (the attached
   * `<cif-wrap-up>` does this as the agent types).
   */
  async updateWrapUp(callId: string, input: WrapUpInput): Promise<void> {
    const call = this._calls.get(callId);
    if (!call || this.disposed) return;
    const rt = this.rt(call);
    if (input.regarding !== undefined) this.chooseRecord(callId, input.regarding);
    if (typeof input.notes === 'string') rt.notes = input.notes;
    if (typeof input.outcome === 'string') rt.outcome = input.outcome;
    if (this.wrapUpCallId === callId) this.view.showWrapUpFields(rt.notes, rt.outcome, true);
    if (call.log === 'draft') await this.putLog(call, true);
  }

  /** Writes every pending log now (also: when a call ends, when a client arrives, and on its own while logs wait). */
  retry(): Promise<FlushResult> {
    return this.flushLogs();
  }

  private flushLogs(except?: ReadonlySet<string>): Promise<FlushResult> {
    const run = async (): Promise<FlushResult> => {
      const client = this._client;
      if (!client || this.disposed) return { written: [], failed: [], skipped: [] };
      const result = await this.store.flush(client, (r) => this.onWriteResult(r), except ? { except } : {});
      this.scheduleRetry(result);
      this.view.syncWrapUp();
      return result;
    };
    const next = (this.flushing ?? Promise.resolve()).then(run, run);
    this.flushing = next.finally(() => {
      if (this.flushing === next) this.flushing = undefined;
    }) as Promise<FlushResult>;
    return next;
  }

  // ================================================================== internals: calls

  private existing(callId: string | undefined): CallInfo | undefined {
    if (typeof callId !== 'string' || !callId) throw new TypeError('CallController: callId must be a non-empty string');
    if (this.disposed) throw new Error('CallController: disposed');
    const c = this._calls.get(callId);
    return c ? this.copy(c) : undefined;
  }

  private newCall(callId: string, direction: CallDirection, number: unknown, phase: CallPhase, name?: string): CallInfo {
    const raw = typeof number === 'string' ? number.trim() : '';
    const parsed = parsePhone(raw, this.defaultCountry);
    const call: CallInfo = {
      callId,
      direction,
      number: raw,
      display: displayPhone(raw, this.defaultCountry),
      name: typeof name === 'string' ? name : '',
      phase,
      muted: false,
      startedAt: Date.now(),
      lookup: 'idle',
      matches: [],
      log: 'none',
      errors: [],
    };
    if (parsed) call.e164 = parsed.e164;
    this._calls.set(callId, call);
    this.runtime.set(callId, { popped: false, sessioned: false, notes: '', outcome: '', presetRegarding: false });
    return call;
  }

  /** Holds the connected calls other than `next` when the hold policy says so, waiting for the telephony. */
  private async holdOthers(next: CallInfo | undefined, force = false): Promise<void> {
    const connected = [...this._calls.values()].filter((c) => c !== next && c.phase === 'connected' && !(next && c.conference?.includes(next.callId)));
    if (connected.length === 0) return;
    const policy = this.options.holdPolicy ?? 'hold';
    let decision: 'hold' | 'none' = 'hold';
    if (!force) {
      try {
        decision = typeof policy === 'function' ? policy({ ...(next ? { next: this.copy(next) } : {}), connected: connected.map((c) => this.copy(c)) }) : policy;
      } catch (e) {
        console.error('[cif-elements] the holdPolicy option threw; holding', e);
      }
    }
    if (decision === 'none') return;
    for (const c of connected) this.emit('hold', { call: this.copy(c), held: true });
    await Promise.all(connected.map((c) => this.waitHeld(c)));
  }

  /** Waits for the telephony to report the call held (or ended); reports a `hold` error after `holdTimeoutMs`. */
  private waitHeld(call: CallInfo): Promise<boolean> {
    if (call.phase === 'held' || call.phase === 'ended') return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const list = this.heldWaiters.get(call.callId);
        if (list) {
          const i = list.indexOf(done);
          if (i >= 0) list.splice(i, 1);
        }
        this.report(call, 'hold', new CifError('timeout', 'hold', `The telephony did not put the call on hold within ${this.options.holdTimeoutMs ?? 5000} ms`));
        resolve(false);
      }, this.options.holdTimeoutMs ?? 5000);
      const done = (held: boolean) => {
        clearTimeout(timer);
        resolve(held || call.phase === 'ended');
      };
      const list = this.heldWaiters.get(call.callId) ?? [];
      list.push(done);
      this.heldWaiters.set(call.callId, list);
    });
  }

  /** The call of an attended transfer and its consult leg, from either. */
  private consultPair(callId: string): { call?: CallInfo; consult?: CallInfo } {
    const c = this.live(callId);
    if (!c) return {};
    if (c.consultFor) return { call: this.live(c.consultFor), consult: c };
    return { call: c, consult: c.consultCallId ? this.live(c.consultCallId) : undefined };
  }

  /** Forgets the oldest ended calls beyond `maxEndedCalls` whose log is settled (saved, or not logged). */
  private prune(): void {
    const max = Math.max(0, this.options.maxEndedCalls ?? MAX_ENDED_CALLS);
    const ended = [...this._calls.values()].filter((c) => c.phase === 'ended');
    let extra = ended.length - max;
    for (const c of ended) {
      if (extra <= 0) break;
      if (c.log !== 'saved' && c.log !== 'none') continue;
      if (c.callId === this.wrapUpCallId) continue;
      this._calls.delete(c.callId);
      this.runtime.delete(c.callId);
      extra--;
    }
  }

  private live(callId: string): CallInfo | undefined {
    const c = this._calls.get(callId);
    return c && c.phase !== 'ended' && !this.disposed ? c : undefined;
  }

  private rt(call: CallInfo): Runtime {
    let r = this.runtime.get(call.callId);
    if (!r) {
      r = { popped: false, sessioned: false, notes: '', outcome: '', presetRegarding: false };
      this.runtime.set(call.callId, r);
    }
    return r;
  }

  private copy(c: CallInfo): CallInfo {
    const out: CallInfo = { ...c, matches: c.matches.map((m) => ({ ...m })), errors: [...c.errors] };
    if (c.regarding) out.regarding = { ...c.regarding };
    return out;
  }

  private changed(call: CallInfo): void {
    if (this.disposed) return;
    this.updateLiveDraft(call);
    this.view.syncAlert();
    this.view.syncDialers();
    this.view.syncWrapUp();
    this.emit('change', { call: this.copy(call) });
  }

  private report(call: CallInfo | undefined, step: CallFlowStep, e: unknown): void {
    const error = toCifError(e, step);
    const entry: CallFlowError = { step, error };
    if (call) {
      entry.callId = call.callId;
      call.errors.push(entry);
    }
    this.emit('error', call ? { ...entry, call: this.copy(call) } : entry);
  }

  /** Brings a call to the foreground: the dialers and the wrap-up show it. */
  private activate(call: CallInfo): void {
    const rt = this.rt(call);
    rt.activatedAt = ++this.activationCounter;
    const previous = this.wrapUpCallId ? this._calls.get(this.wrapUpCallId) : undefined;
    if (previous && previous.callId !== call.callId) {
      this.saveWrapUpFields(previous);
      // The agent moves on: a wrap-up left open is saved with what was typed.
      if (previous.phase === 'ended' && previous.log === 'draft') void this.submitWrapUp(previous.callId).catch(() => undefined);
    }
    this.wrapUpCallId = call.callId;
    this.view.showWrapUpFields(rt.notes, rt.outcome);
  }

  /** The shown wrap-up is done: the next ended call still waiting for its wrap-up, if any, takes the form. */
  private showNextWrapUp(): void {
    const next = [...this._calls.values()].find((c) => c.phase === 'ended' && c.log === 'draft' && c.connectedAt !== undefined && this.ownDrafts.has(c.logId ?? ''));
    if (!next || !this.view.hasWrapUp) return;
    const rt = this.rt(next);
    this.wrapUpCallId = next.callId;
    this.view.showWrapUpFields(rt.notes, rt.outcome);
    this.view.syncWrapUp();
  }

  private saveWrapUpFields(call: CallInfo): void {
    const fields = this.view.wrapUpFields(call.callId);
    if (!fields) return;
    const rt = this.rt(call);
    rt.notes = fields.notes;
    rt.outcome = fields.outcome;
  }

  private answered(call: CallInfo, answer: CallAnswer, source: CallAnswerSource): void {
    if (call.direction !== 'incoming' || call.answer || call.phase === 'ended') return;
    call.answer = answer;
    if (answer === 'accepted') {
      this.activate(call);
      this.changed(call);
      void this.holdOthers(call).then(() => {
        if (this._calls.get(call.callId) !== call || call.phase === 'ended') return;
        this.emit('accept', { call: this.copy(call), source });
        void this.afterAccept(call);
      });
    } else if (answer === 'declined') {
      this.changed(call);
      this.emit('decline', { call: this.copy(call), source });
      // Logged by the controller itself: a telephony that never reports a declined call ended loses nothing.
      this.ended(call.callId);
    } else {
      this.changed(call);
      this.emit('timeout', { call: this.copy(call) });
      this.ended(call.callId);
    }
  }

  /** CIF 2.0 session, then the screen pop (in that session). */
  private async afterAccept(call: CallInfo): Promise<void> {
    await this.openSession(call);
    if (this.options.screenPop !== 'never') await this.pop(call);
  }

  // ================================================================== internals: lookup, pop, session

  private startLookup(call: CallInfo): void {
    const client = this._client;
    const rt = this.rt(call);
    if (!client) return;
    call.lookup = 'pending';
    this.changed(call);
    rt.lookup = (async () => {
      let result: ScreenPopResult;
      try {
        result = await findRecordsByPhone(client, call.number, { defaultCountry: this.defaultCountry, entities: this.options.entities });
      } catch (e) {
        result = { number: call.number, display: call.display, kind: 'none', matches: [], errors: [toCifError(e, 'searchAndOpenRecords')], searched: true };
      }
      if (this.disposed || this._calls.get(call.callId) !== call) return;
      rt.result = result;
      if (result.e164) call.e164 = result.e164;
      if (result.display) call.display = result.display;
      const preset = rt.presetRegarding ? call.regarding : undefined;
      call.matches = result.matches.map((m) => ({ ...m }));
      if (preset && !call.matches.some((m) => m.entityName === preset.entityName && m.id === preset.id)) call.matches.unshift({ ...preset });
      call.matchKind = result.kind;
      const failed = result.errors.length > 0 && result.matches.length === 0;
      call.lookup = failed ? 'failed' : 'done';
      for (const err of result.errors) this.report(call, 'lookup', err);
      if (!call.regarding && result.kind === 'single') call.regarding = { ...result.matches[0]! };
      if (!call.name && call.regarding?.name) call.name = call.regarding.name;
      this.changed(call);
      if (call.direction === 'incoming' && this.options.screenPop === 'incoming' && !call.answer && call.phase !== 'ended') {
        void this.pop(call);
      }
    })();
  }

  private async pop(call: CallInfo): Promise<void> {
    const rt = this.rt(call);
    if (rt.popped) return;
    rt.popped = true;
    await rt.lookup;
    const client = this._client;
    const result = rt.result;
    if (!client || !result || this.disposed || this._calls.get(call.callId) !== call) return;
    let action: ScreenPopAction;
    try {
      if (call.lookup === 'failed') {
        action = 'failed';
      } else if (result.kind === 'single' || (call.regarding && result.kind !== 'multiple')) {
        await openMatch(client, call.regarding ?? result.matches[0]!, this.options.entities);
        action = 'opened';
      } else if (result.kind === 'multiple') {
        if ((this.options.multipleMatches ?? 'search') === 'search') {
          await openSearchPage(client, result);
          action = 'search';
        } else {
          action = 'chooser';
        }
      } else {
        action = 'none';
      }
    } catch (e) {
      this.report(call, 'screen-pop', e);
      action = 'failed';
    }
    if (this.disposed) return;
    call.screenPop = action;
    this.changed(call);
    this.emit('screenpop', { call: this.copy(call), result, action });
  }

  private async openSession(call: CallInfo): Promise<void> {
    const client = this._client;
    const rt = this.rt(call);
    const template = this.options.sessionTemplate === undefined ? DEFAULT_CALL_SESSION_TEMPLATE : this.options.sessionTemplate;
    if (!client || client.version < 2 || !template || rt.sessioned) return;
    rt.sessioned = true;
    await rt.lookup;
    if (this.disposed || this._calls.get(call.callId) !== call) return;
    try {
      if (!(await client.canCreateSession())) {
        throw new CifError('limit-reached', 'canCreateSession', 'Dynamics cannot open another session now (at most 10 are open)');
      }
      const customerName = call.name || call.display || call.number;
      const templateParameters: Record<string, unknown> = {
        customerName,
        phoneNumber: call.e164 ?? call.number,
        ...(this.options.sessionParameters?.(this.copy(call)) ?? {}),
      };
      call.sessionId = await client.createSession({
        templateName: template,
        templateParameters,
        customerName,
        title: customerName,
        channel: 'voice',
        context: { callId: call.callId, phoneNumber: call.e164 ?? call.number },
        providerSessionId: call.callId,
      });
      this.changed(call);
    } catch (e) {
      this.report(call, 'session', e);
    }
  }

  // ================================================================== internals: logging

  /** The log input of a call, over `base` (what was kept when it ended). */
  private logInput(call: CallInfo, base?: CallLogInput, rt: Runtime = this.rt(call)): CallLogInput {
    const input: CallLogInput = {
      ...(base ?? {}),
      callId: call.callId,
      direction: call.direction,
      number: call.e164 ?? call.number,
      startedAt: call.startedAt,
      endedAt: call.endedAt ?? Date.now(),
    };
    if (call.connectedAt !== undefined) input.connectedAt = call.connectedAt;
    else delete input.connectedAt;
    if (call.regarding) input.regarding = { entityName: call.regarding.entityName, id: call.regarding.id, name: call.regarding.name };
    else delete input.regarding;
    const userId = this.userId ?? base?.userId;
    if (userId) input.userId = userId;
    if (rt.notes) input.notes = rt.notes;
    if (rt.outcome) input.outcome = rt.outcome;
    if (call.queue) input.queue = call.queue;
    if (call.reason) input.reason = call.reason;
    if (call.endReason) input.endReason = call.endReason;
    // The draft of a live call: written as it stands only if its tab dies during the call.
    else if (call.phase !== 'ended') input.endReason = 'interrupted';
    if (call.transferTarget && (call.endReason === 'transferred' || call.transferMode === 'blind')) input.transferTarget = call.transferTarget;
    else delete input.transferTarget;
    const merged = rt.conferenceWith;
    if (merged?.size) {
      input.conferenceWith = [...merged].map(([id, name]) => {
        const o = this._calls.get(id);
        return o ? o.name || o.e164 || o.number : name;
      });
    } else if (call.conference?.length) {
      input.conferenceWith = call.conference.map((id) => {
        const o = this._calls.get(id);
        return o ? o.name || o.e164 || o.number : id;
      });
    }
    delete input.subject;
    let subject: unknown;
    try {
      subject = this.options.subject?.(input);
    } catch (e) {
      console.error('[cif-elements] the subject option threw; using the default subject', e);
    }
    if (typeof subject === 'string' && subject.trim()) input.subject = subject;
    return input;
  }

  /** Runs the call's log operations one after the other. */
  private serial<T>(call: CallInfo, fn: () => Promise<T>): Promise<T> {
    const rt = this.rt(call);
    const next = (rt.logChain ?? Promise.resolve()).then(fn, fn);
    rt.logChain = next.catch(() => undefined);
    return next;
  }

  /** The call's log as it stands now, built from the call (so nothing the store lost is lost). */
  private buildLog(call: CallInfo, draft: boolean, base: PendingCallLog | undefined, rt: Runtime = this.rt(call)): PendingCallLog {
    const id = call.logId!;
    const input = this.logInput(call, base?.input, rt);
    const log: PendingCallLog = {
      id,
      callId: call.callId,
      input,
      record: buildPhoneCallRecord(input, id),
      createdAt: base?.createdAt ?? rt.logCreatedAt ?? Date.now(),
      attempts: base?.attempts ?? 0,
    };
    if (base?.lastError) log.lastError = base.lastError;
    if (base?.lastAttemptAt !== undefined) log.lastAttemptAt = base.lastAttemptAt;
    if (draft) {
      log.draft = true;
      log.owner = this.owner.id;
    }
    return log;
  }

  /**
   * Puts the call's log in the store (as this controller's draft, or final), built from the call as it is
   * when the store runs. One store per call runs at a time; a request made while another is queued and not
   * started joins it (it will store the newer state anyway; a final store makes a queued draft store final),
   * so a burst of changes costs one lock round trip, not one per change. After `dispose()` a store still queued only replaces the log if it
   * is still kept: the controller's drafts are no longer its own, and another controller may have written
   * the log meanwhile (it must not come back as a draft to be sent twice).
   */
  private putLog(call: CallInfo, draft: boolean): Promise<void> {
    const rt = this.rt(call); // kept here: dispose() forgets the runtime of every call, not what was typed
    const queued = rt.queuedPut;
    if (queued && (queued.draft === draft || !draft)) {
      queued.draft = draft;
      return queued.done;
    }
    const entry: { draft: boolean; done: Promise<void> } = { draft, done: Promise.resolve() };
    entry.done = this.serial(call, async () => {
      if (rt.queuedPut === entry) delete rt.queuedPut;
      if (entry.draft) await this.owner.ready;
      const log = this.buildLog(call, entry.draft, this.store.get(call.logId!), rt);
      // Stored once already (or disposed): only replace. A log gone from the store was written meanwhile (by this
      // tab or another, which may send a final log it finds); storing it again would send it twice.
      await this.store.put(log, this.disposed || rt.stored ? { replaceOnly: true } : {});
      rt.stored = true;
    });
    rt.queuedPut = entry;
    return entry.done;
  }

  /**
   * A call that rings or is placed gets its log in the store at once, as this controller's draft (owner +
   * heartbeat), rewritten as the call changes (`updateLiveDraft`): if the tab dies during the call, the
   * owner is gone and a later tab or reload takes the draft over and writes it, with `endReason`
   * `interrupted` and the time of the last change as its end. The call's `log` stays `none` until it ends.
   */
  private keepLiveDraft(call: CallInfo): void {
    if (this.options.log === false || call.logId) return;
    this.newLogId(call);
    this.rt(call).liveKey = this.liveKey(call);
    void this.putLog(call, true);
  }

  private newLogId(call: CallInfo): void {
    const id = newActivityId();
    call.logId = id;
    this.rt(call).logCreatedAt = Date.now();
    this.ownDrafts.add(id);
  }

  /** What a live call's stored draft depends on (the draft is rewritten when it changes). */
  private liveKey(call: CallInfo): string {
    return [call.phase, call.muted, call.connectedAt ?? '', call.conference?.join(',') ?? '', call.transferTarget ?? '', call.consultFor ?? '', call.regarding?.id ?? '', call.name].join('|');
  }

  /** Rewrites the stored draft of a live call when its state changed (not on every change). */
  private updateLiveDraft(call: CallInfo): void {
    if (call.phase === 'ended' || !call.logId || call.log !== 'none' || this.options.log === false) return;
    const rt = this.runtime.get(call.callId);
    if (!rt) return;
    const key = this.liveKey(call);
    if (key === rt.liveKey) return;
    rt.liveKey = key;
    void this.putLog(call, true);
  }

  /** Keeps the log in the store the moment the call ends (as this controller's draft until it is complete). */
  private keepLog(call: CallInfo): void {
    if (this.options.log === false) return;
    if (!call.logId) this.newLogId(call);
    call.log = 'draft';
    void this.putLog(call, true);
  }

  /** After the call ended: the agent id, then either wait for the wrap-up or write at once. */
  private async finishLog(call: CallInfo): Promise<void> {
    if (!call.logId) return;
    // The agent id, and the lookup if the call ended before it finished (the log is about its record).
    await Promise.all([this.agentId(call), this.rt(call).lookup]);
    if (this.disposed || call.log !== 'draft') return; // disposed, or the wrap-up was submitted meanwhile
    // Every answered call gets its own wrap-up: the one shown now, or (several calls) after the one shown.
    const waitForWrapUp = this.view.hasWrapUp && call.connectedAt !== undefined;
    if (waitForWrapUp) {
      await this.putLog(call, true);
      this.view.syncWrapUp();
      void this.retry(); // the logs of earlier calls that are still waiting
      return;
    }
    await this.finalize(call);
  }

  /** Makes the draft final and writes it; resolves with what happened. */
  private finalize(call: CallInfo): Promise<LogWriteResult> {
    const rt = this.rt(call);
    const writing = this.finalizeNow(call);
    rt.writing = writing;
    void writing.finally(() => {
      if (rt.writing === writing) delete rt.writing;
    });
    return writing;
  }

  private async finalizeNow(call: CallInfo): Promise<LogWriteResult> {
    const id = call.logId!;
    call.log = 'saving';
    this.changed(call);
    try {
      await this.putLog(call, false);
    } catch (e) {
      const error = toCifError(e, 'localStorage');
      call.log = 'failed';
      call.errors.push({ step: 'log', callId: call.callId, error });
      this.changed(call);
      this.emit('error', { step: 'log', callId: call.callId, error, call: this.copy(call) });
      return { ok: false, log: this.buildLog(call, false, undefined), error };
    }
    this.ownDrafts.delete(id);
    return this.write(call);
  }

  /** The agent's systemuser id (`getEnvironment().userId`), cached per client; a failure is reported once per call. */
  private async agentId(call?: CallInfo): Promise<string | undefined> {
    if (this.userId) return this.userId;
    const client = this._client;
    if (!client) return undefined;
    try {
      const env = await client.getEnvironment();
      const id = typeof env.userId === 'string' ? normalizeId(env.userId) : '';
      if (isGuid(id) && client === this._client) this.userId = id;
      return this.userId;
    } catch (e) {
      this.report(call, 'environment', e);
      return undefined;
    }
  }

  /** Writes the call's log (waiting for another tab that is sending it), then every other pending one. */
  private async write(call: CallInfo): Promise<LogWriteResult> {
    const id = call.logId!;
    const client = this._client;
    if (!client || this.disposed) {
      const error = new CifError('rejected', 'createRecord', 'Not connected to Dynamics; the call log is kept and sent when a connection is back');
      call.log = 'failed';
      call.errors.push({ step: 'log', callId: call.callId, error });
      this.changed(call);
      this.emit('error', { step: 'log', callId: call.callId, error, call: this.copy(call) });
      return { ok: false, log: this.store.get(id) ?? this.buildLog(call, false, undefined), error };
    }
    let r = await this.store.send(client, id, { wait: true });
    if (r.ok === 'skipped' && r.reason === 'gone' && !this.store.wasWritten(id)) {
      // Gone without this store writing it: most likely another tab wrote it, but a storage that lost it
      // (or answered from a stale snapshot) must not lose the call: keep it again and send it. If another
      // tab did write it, Dynamics refuses the copy (same activity id) and it counts as written.
      await this.putLog(call, false);
      r = await this.store.send(client, id, { wait: true });
    }
    if (r.ok === 'skipped' && r.reason === 'gone') {
      // Another tab wrote it meanwhile (it had the final text: that was stored before the draft mark went).
      const log = this.buildLog(call, false, undefined);
      r = { ok: true, log, ref: { id, entityType: 'phonecall' }, duplicate: true };
    }
    if (r.ok === 'skipped') {
      // Storage cannot be read now, or (without navigator.locks) another tab holds the lease: kept, sent again.
      const error = new CifError(
        'rejected',
        'createRecord',
        r.reason === 'unreadable' ? 'The browser storage cannot be read right now; the call log is kept and sent again' : 'Another tab is sending this call log; it is sent again if that fails',
      );
      r = { ok: false, log: this.store.get(id) ?? this.buildLog(call, false, undefined), error };
    }
    this.onWriteResult(r);
    void this.flushLogs(new Set([id])); // the logs of earlier calls that are still waiting
    return r;
  }

  private onWriteResult(r: LogWriteResult): void {
    if (r.ok === 'skipped') return;
    const call = [...this._calls.values()].find((c) => c.logId === r.log.id);
    if (call) {
      call.log = r.ok ? 'saved' : 'failed';
      if (!r.ok) call.errors.push({ step: 'log', callId: call.callId, error: r.error });
      this.changed(call);
      if (r.ok && call.callId === this.wrapUpCallId) this.showNextWrapUp();
    }
    if (r.ok) {
      this.retryStep = 0;
      this.emit('logged', call ? { log: r.log, ref: r.ref, call: this.copy(call) } : { log: r.log, ref: r.ref });
    } else {
      this.emit('logfailed', call ? { log: r.log, error: r.error, call: this.copy(call) } : { log: r.log, error: r.error });
      this.emit('error', call ? { step: 'log', callId: call.callId, error: r.error, call: this.copy(call) } : { step: 'log', error: r.error });
    }
  }

  /** While logs wait (failed, sent by another tab, drafts of others), tries again on its own, backing off. */
  private scheduleRetry(result: FlushResult): void {
    if (this.disposed) return;
    const waiting = this.store.list().some((l) => !(l.draft && this.ownDrafts.has(l.id)));
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (!waiting) {
      this.retryStep = 0;
      return;
    }
    if (result.written.length) this.retryStep = 0;
    const delay = RETRY_DELAYS_MS[Math.min(this.retryStep, RETRY_DELAYS_MS.length - 1)]!;
    this.retryStep++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.retry();
    }, delay);
  }

  /** The store changed (here or in another tab), or its durability did. */
  private onStoreChange(): void {
    if (this.disposed) return;
    this.view.syncWrapUp();
    const detail: CallControllerEventMap['pending']['detail'] = { count: this.store.waiting, durable: this.store.durable };
    const problem = this.store.storageProblem;
    if (problem) detail.problem = problem;
    const key = `${detail.count}|${detail.durable}|${problem ?? ''}`;
    if (key === this.lastPending) return;
    this.lastPending = key;
    this.emit('pending', detail);
  }
  private lastPending = '';

  // ================================================================== internals: what the elements see

  /** The call the dialers show: the last one brought to the foreground that is still going, else the last one. */
  private foreground(): CallInfo | undefined {
    let best: CallInfo | undefined;
    let bestLive: CallInfo | undefined;
    for (const c of this._calls.values()) {
      const at = this.runtime.get(c.callId)?.activatedAt;
      if (at === undefined) continue;
      if (!best || at > this.runtime.get(best.callId)!.activatedAt!) best = c;
      if (c.phase !== 'ended' && (!bestLive || at > this.runtime.get(bestLive.callId)!.activatedAt!)) bestLive = c;
    }
    return bestLive ?? best;
  }

  /** The controller as its elements see it (see {@link CallViewBinding}). */
  private viewHost(): CallViewHost {
    return {
      disposed: () => this.disposed,
      calls: () => this._calls.values(),
      foreground: () => this.foreground(),
      live: (callId) => this.live(callId),
      target: (callId) => (typeof callId === 'string' && callId ? this.live(callId) : this.foreground()),
      wrapUpCall: () => (this.wrapUpCallId ? this._calls.get(this.wrapUpCallId) : undefined),
      waitingLogs: (exceptLogId) => this.store.list().filter((l) => !l.draft && l.id !== exceptLogId).length,
      durable: () => this.store.durable,
      connected: () => !!this._client,
      ownsDraft: (logId) => this.ownDrafts.has(logId),
      answered: (call, answer, source) => this.answered(call, answer, source),
      dial: (d) => {
        const ctx = d.context as { entityLogicalName?: unknown; entityId?: unknown; name?: unknown } | undefined;
        const id = typeof ctx?.entityId === 'string' ? normalizeId(ctx.entityId) : '';
        const entity = typeof ctx?.entityLogicalName === 'string' ? ctx.entityLogicalName : '';
        this.lastDial = { e164: d.number, at: Date.now() };
        if (entity && isGuid(id)) this.lastDial.regarding = { entityName: entity, id, name: '' };
        void this.holdOthers(undefined).then(() => this.emit('dial', { ...d }));
      },
      hangup: (call) => this.emit('hangup', { call: this.copy(call) }),
      toggle: (kind, call, on) => {
        if (kind === 'mute') {
          this.emit('mute', { call: this.copy(call), muted: on });
        } else {
          // Resuming one call of several holds the others first (swap).
          if (!on && [...this._calls.values()].some((c) => c !== call && c.phase === 'connected')) void this.swap(call.callId);
          else this.emit('hold', { call: this.copy(call), held: on });
        }
      },
      dtmf: (digit) => {
        const call = this.foreground();
        if (call && call.phase !== 'ended') this.emit('dtmf', { call: this.copy(call), digit });
      },
      swap: (callId) => void this.swap(callId),
      transfer: (callId, target, mode) => {
        if (mode === 'consult') void this.consult(callId, target);
        else this.transfer(callId, target);
      },
      completeTransfer: (callId) => this.completeTransfer(callId),
      cancelTransfer: (callId) => this.cancelTransfer(callId),
      conference: (callIds) => this.conference(callIds),
      submitWrapUp: (d) => {
        // Failures are shown in the wrap-up and fired as `logfailed` / `error`.
        void this.submitWrapUp(d.callId, { notes: d.notes, outcome: d.outcome, regarding: d.regarding ?? null }).catch((e: unknown) =>
          this.report(this._calls.get(d.callId), 'log', e),
        );
      },
      wrapUpInput: (callId, notes, outcome) => {
        // Kept with the call, and in its draft (debounced).
        const call = this._calls.get(callId);
        if (!call) return;
        const rt = this.rt(call);
        rt.notes = notes;
        rt.outcome = outcome;
        clearTimeout(this.draftTimer);
        if (call.log !== 'draft') return;
        this.draftTimer = setTimeout(() => {
          if (call.log === 'draft' && !this.disposed) void this.putLog(call, true);
        }, DRAFT_SAVE_MS);
      },
      chooseRecord: (callId, record) => this.chooseRecord(callId, record),
      openRecord: (callId, record) => void this.openRecord(callId, record),
      createContact: (callId) => void this.createContact(callId),
      searchAgain: (callId) => void this.searchAgain(callId),
      retry: () => this.retry(),
    };
  }
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
}
