/**
 * {@link SipPhone}: a WebRTC SIP user agent (SIP.js, loaded on first use) that feeds a `CallController` and
 * does what it asks. Framework-free: `<cif-sip>` is a thin element around it.
 */
import { TypedEventTarget } from '@cif-elements/client/api';
import type { CallController, CallInfo, DialRequest } from '@cif-elements/calls';
import type {
  Invitation,
  Inviter,
  Registerer,
  Session,
  SessionDescriptionHandler as ApiSessionDescriptionHandler,
  UserAgent,
  UserAgentOptions,
  Web,
} from 'sip.js';
import { SipError, inviteFailureCode, registerFailureCode, safeReason } from './errors.js';
import { CALL_WAITING_TONE, RINGBACK_TONE, RINGING_TONE, TonePlayer } from './tones.js';

type SipModule = typeof import('sip.js');
type WebSdh = Web.SessionDescriptionHandler;

/** Username and password for digest authentication. */
export interface SipCredentials {
  /** The authorization user (often the extension); default the AOR's user. */
  username?: string;
  password: string;
}

/**
 * Where credentials come from: the credentials themselves, an async callback (asked before every
 * registration, so it can hand out a fresh token), or `null` for a PBX that does not authenticate.
 */
export type SipCredentialsSource = SipCredentials | (() => Promise<SipCredentials> | SipCredentials) | null;

/** State of the registration with the PBX. */
export type SipRegistrationState =
  /** Not started (or stopped). */
  | 'idle'
  /** Opening the WebSocket. */
  | 'connecting'
  /** REGISTER sent, waiting for the PBX. */
  | 'registering'
  /** Registered: calls can come in. */
  | 'registered'
  /** The WebSocket dropped: opening it again with backoff, then registering again. */
  | 'reconnecting'
  /** Registration failed (see `error`). Calls out may still work with some PBXs; calls in will not. */
  | 'failed';

/** How a call is carried: `rfc4733` (RTP telephone-event, default) or `info` (SIP INFO `application/dtmf-relay`). */
export type SipDtmfMethod = 'rfc4733' | 'info';

/** What to answer an incoming call that nobody took before the alert's time-out. */
export interface SipTimeoutResponse {
  /** SIP status, default 480 (Temporarily Unavailable). Use 302 with `redirect` to send the call elsewhere. */
  status?: number;
  /** A SIP URI for a 302 redirect (voicemail, a queue). */
  redirect?: string;
}

/** Reconnection backoff after a WebSocket drop. */
export interface SipReconnectOptions {
  /** First delay, ms (default 500). Each failed attempt doubles it, plus up to 20 % jitter. */
  baseDelayMs?: number;
  /** Largest delay, ms (default 30 000). */
  maxDelayMs?: number;
  /** Attempts before giving up with a `transport` error (default: never give up). */
  maxAttempts?: number;
}

/** Options of {@link SipPhone}. */
export interface SipPhoneOptions {
  /** The PBX's SIP-over-WebSocket URL. `wss:` is required, except for `localhost`/`127.0.0.1`/`[::1]`. */
  server: string;
  /** The agent's address of record, e.g. `sip:1001@pbx.example.com`. */
  aor: string;
  /** Digest credentials (see {@link SipCredentialsSource}). Never logged, stored or put in events. */
  credentials?: SipCredentialsSource;
  /** Display name in the From header of calls made. */
  displayName?: string;
  /** STUN/TURN servers for ICE. Default none (host candidates only), which is right for a PBX that anchors media. */
  iceServers?: RTCIceServer[];
  /** Max ICE gathering time, ms (default 500). */
  iceGatheringTimeout?: number;
  /**
   * A connected call whose audio path (ICE) is not connected for this long — it never connected, or it
   * dropped and did not come back — is ended with an `ice-failed` error, ms (default 10 000). ICE `failed`
   * ends it at once.
   */
  iceTimeoutMs?: number;
  /** Turns a dialled number into a SIP URI. Default `sip:<number>@<AOR domain>` (a SIP URI is used as it is). */
  dialPlan?: (number: string, request?: DialRequest) => string;
  /** How DTMF is sent (default `rfc4733`). */
  dtmf?: SipDtmfMethod;
  /** Delay before post-dial digits (the extension) are sent after the call connects, ms (default 1500). */
  postDialDelayMs?: number;
  /** Answer to an incoming call the agent let time out. Default 480. */
  timeoutResponse?: SipTimeoutResponse;
  /** REGISTER expiry, seconds (default 600); SIP.js refreshes before it runs out. */
  registerExpires?: number;
  /** Give up on a REGISTER or an INVITE without any answer after this long, ms (default 32 000, SIP's timer B). */
  requestTimeoutMs?: number;
  /** WebSocket reconnection backoff. */
  reconnect?: SipReconnectOptions;
  /** Play ringback, ringing and call-waiting tones (default true). */
  tones?: boolean;
  /** Microphone (`deviceId`) to use for calls; default the system's. */
  inputDeviceId?: string;
  /** Speaker (`sinkId`) for the remote audio and tones; default the system's. */
  outputDeviceId?: string;
  /** User-Agent header (default `cif-elements-sip`). */
  userAgentString?: string;
  /** Where the SIP.js module comes from (tests inject a stand-in). Default `import('sip.js')`. */
  loadSip?: () => Promise<SipModule>;
  /** After an attended transfer, how long the consulted party has to end our leg (BYE) before we do, ms (default 10 000). */
  replacesByeTimeoutMs?: number;
  /** Extra SIP.js options (transport constructor, logging). Advanced; credentials given here are ignored. */
  userAgentOptions?: Partial<UserAgentOptions>;
}

/** A live call of the phone. */
export interface SipCall {
  /** The controller's call id: the SIP Call-ID. */
  readonly callId: string;
  readonly direction: 'incoming' | 'outgoing';
  /** The other party's user part (the number), as SIP gave it. */
  readonly remoteUser: string;
  /** The other party's display name (text, never markup). */
  readonly remoteName: string;
  /** The remote URI. */
  readonly remoteUri: string;
  state: 'ringing' | 'connected' | 'ended';
  held: boolean;
  muted: boolean;
  /** In the local conference. */
  conferenced: boolean;
  /** The peer connection, once media is negotiated. */
  readonly peerConnection: RTCPeerConnection | undefined;
  /** Why it ended, when it failed (a {@link SipErrorCode}). */
  readonly endReason?: string;
}

/** Events of {@link SipPhone}. */
export interface SipPhoneEventMap {
  /** The registration state changed. */
  registration: CustomEvent<{ state: SipRegistrationState; error?: SipError }>;
  /** Something failed. `callId` when it is about a call. */
  error: CustomEvent<{ error: SipError }>;
  /** A call was created, changed or ended. */
  call: CustomEvent<{ call: SipCall }>;
  /** The remote party sent a DTMF digit (RFC 4733 is not surfaced by browsers; this is SIP INFO). */
  dtmf: CustomEvent<{ callId: string; digit: string }>;
}

interface CallRecord extends SipCall {
  session: Session;
  audio: HTMLAudioElement | undefined;
  postDial: string;
  answered: boolean;
  cancelled: boolean;
  failure: SipError | undefined;
  peerConnection: RTCPeerConnection | undefined;
  /** The controller knows this call. */
  reported: boolean;
  /** Ended by a transfer (REFER accepted): the controller gets `reason: 'transferred'`. */
  transferred: boolean;
  /** The ICE watchdog's timer (see `iceTimeoutMs`). */
  iceTimer: ReturnType<typeof setTimeout> | undefined;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Checks the server URL: `wss:`, or `ws:` to this machine only. Throws a {@link SipError} otherwise. */
export function checkServer(server: string): URL {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new SipError('invalid-argument', 'The SIP server must be a WebSocket URL, e.g. wss://pbx.example.com/ws');
  }
  if (url.username || url.password) {
    throw new SipError('invalid-argument', 'The SIP server URL must not carry credentials: use the credentials property');
  }
  if (url.protocol === 'wss:') return url;
  if (url.protocol === 'ws:' && LOCAL_HOSTS.has(url.hostname)) return url;
  throw new SipError(
    'invalid-argument',
    url.protocol === 'ws:'
      ? `Unencrypted ws: is allowed only to localhost; use wss://${url.host}${url.pathname}`
      : 'The SIP server must be a wss: URL',
  );
}

/** Checks the AOR (`sip:user@domain`, no password). Returns its user and host. */
export function checkAor(aor: string): { user: string; host: string } {
  const m = /^sips?:([^@:;?]+)@([^;?>]+)$/i.exec(typeof aor === 'string' ? aor.trim() : '');
  if (!m) throw new SipError('invalid-argument', 'The AOR must be a SIP URI like sip:1001@pbx.example.com');
  return { user: decodeURIComponent(m[1]!), host: m[2]! };
}

/** The default dial plan: `sip:<number>@<domain>` (a `sip:` URI is used as it is; visual separators removed). */
export function defaultDialPlan(domain: string): (number: string) => string {
  return (number: string) => {
    const n = String(number ?? '').trim();
    if (/^sips?:/i.test(n)) return n;
    const user = n.replace(/[\s().-]/g, '');
    if (!/^\+?[0-9A-Za-z*#_]+$/.test(user)) throw new SipError('invalid-argument', 'This number cannot be dialled');
    return `sip:${user}@${domain}`;
  };
}

/**
 * A display name as SIP.js writes it, inside quotes with no escaping: quotes, backslashes and control
 * characters would make the From header malformed (a PBX drops the REGISTER: a registration that never
 * answers), so they are removed.
 */
function headerDisplayName(name: string | undefined): string {
  return String(name ?? '')
    .replace(/["\\\p{Cc}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The public view of a call (no SIP.js objects: nothing that leads to the credentials). */
function view(r: CallRecord): SipCall {
  return {
    callId: r.callId,
    direction: r.direction,
    remoteUser: r.remoteUser,
    remoteName: r.remoteName,
    remoteUri: r.remoteUri,
    state: r.state,
    held: r.held,
    muted: r.muted,
    conferenced: r.conferenced,
    peerConnection: r.peerConnection,
    ...(r.failure ? { endReason: r.failure.code } : {}),
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A SIP softphone over WebSocket with WebRTC media, driven by and feeding a `CallController`:
 *
 * - registers with digest authentication and keeps the registration (and the WebSocket) alive; reconnects
 *   with backoff after a drop, registers again, and refreshes the dialogs of calls in progress (re-INVITE);
 * - `dial` → INVITE (post-dial digits sent as DTMF once connected), 180 → `ringing`, 200 → `connected`;
 * - incoming INVITE → `incoming()` (the alert); `accept` → 200, `decline` → 603 (or 486 with
 *   {@link SipPhone.decline}`(id, 'busy')`), `timeout` → 480 or a 302 redirect;
 * - `hangup` → BYE (or CANCEL, or 486 for an unanswered incoming call); `hold` → re-INVITE
 *   (sendonly/inactive); `mute` → the microphone track disabled; `dtmf` → RFC 4733 (or SIP INFO);
 * - remote audio played; ringback and ringing generated locally with Web Audio;
 * - the controller's `transfer` → {@link SipPhone.transfer} (REFER; the call ends `transferred`), `consult` →
 *   a second call reported with `consultFor`, `transfercomplete` → {@link SipPhone.attendedTransfer} (REFER
 *   with Replaces), `transfercancel` → the consult call hung up and the first resumed, `conference` → a local
 *   Web Audio {@link SipPhone.conference}, then `conferenced()`; swap and the hold policy arrive as `hold`.
 *
 * Every failure is a {@link SipError} (`error` event, and the call ends on the controller with its code as
 * the reason) — never a hang: requests without any answer time out.
 */
export class SipPhone extends TypedEventTarget<SipPhoneEventMap> {
  private readonly options: SipPhoneOptions;
  private readonly domain: string;
  private readonly aorUser: string;
  private sip: SipModule | undefined;
  private ua: UserAgent | undefined;
  private registerer: Registerer | undefined;
  private _state: SipRegistrationState = 'idle';
  private _error: SipError | undefined;
  private readonly records = new Map<string, CallRecord>();
  private controller: CallController | undefined;
  private controllerListeners: AbortController | undefined;
  private stopping = false;
  private reconnecting = false;
  private readonly tones = new TonePlayer();
  private mixer: { ctx: AudioContext; nodes: AudioNode[]; micGain: GainNode; mic: MediaStream } | undefined;
  private startPromise: Promise<void> | undefined;
  private _registeredAt: number | undefined;
  /** Time of the last registration, ms from REGISTER sent to 200 OK. */
  lastRegistrationMs: number | undefined;

  constructor(options: SipPhoneOptions) {
    super();
    checkServer(options.server);
    const { user, host } = checkAor(options.aor);
    this.domain = host;
    this.aorUser = user;
    this.options = { ...options };
  }

  /** The registration state. */
  get state(): SipRegistrationState {
    return this._state;
  }

  /** The last registration failure (cleared when registered). */
  get error(): SipError | undefined {
    return this._error;
  }

  /** The AOR's user (the agent's number on the PBX). */
  get user(): string {
    return this.aorUser;
  }

  /** Calls in progress (live view objects; change them through the phone's methods). */
  get calls(): SipCall[] {
    return [...this.records.values()].filter((c) => c.state !== 'ended').map(view);
  }

  /** Live calls and the calls that ended in the last minute (copies). */
  get recentCalls(): SipCall[] {
    return [...this.records.values()].map(view);
  }

  /** One call (a copy). */
  getCall(callId: string): SipCall | undefined {
    const r = this.records.get(callId);
    return r ? view(r) : undefined;
  }

  /** Epoch ms of the last successful registration. */
  get registeredAt(): number | undefined {
    return this._registeredAt;
  }

  // ================================================================== controller

  /**
   * Feeds `controller` with this phone's calls and executes what it asks (`dial`, `accept`, `decline`,
   * `timeout`, `hangup`, `mute`, `hold`, `dtmf`). One controller at a time; returns a function that unbinds.
   */
  bind(controller: CallController): () => void {
    this.unbind();
    this.controller = controller;
    const ac = new AbortController();
    this.controllerListeners = ac;
    const signal = ac.signal;
    const id = (e: CustomEvent<{ call: CallInfo }>) => e.detail.call.callId;
    const guard = (fn: () => Promise<unknown> | unknown) => {
      try {
        const r = fn();
        if (r instanceof Promise) r.catch((err: unknown) => this.fail(err));
      } catch (err) {
        this.fail(err);
      }
    };
    controller.addEventListener('dial', (e) => guard(() => this.dial(e.detail)), { signal });
    controller.addEventListener('accept', (e) => guard(() => this.answer(id(e))), { signal });
    controller.addEventListener('decline', (e) => guard(() => this.decline(id(e))), { signal });
    controller.addEventListener('timeout', (e) => guard(() => this.timeoutCall(id(e))), { signal });
    controller.addEventListener('hangup', (e) => guard(() => this.hangup(id(e))), { signal });
    controller.addEventListener('mute', (e) => guard(() => this.mute(id(e), e.detail.muted)), { signal });
    controller.addEventListener('hold', (e) => guard(() => this.hold(id(e), e.detail.held)), { signal });
    controller.addEventListener('dtmf', (e) => guard(() => this.sendDtmf(id(e), e.detail.digit)), { signal });
    // Transfer and conference events are cancelable: act once every listener has seen them, unless one
    // cancelled (the controller's own swap and hold policy come as `hold` events, handled above).
    const after = (e: Event, fn: () => Promise<unknown> | unknown) =>
      queueMicrotask(() => {
        if (!e.defaultPrevented && this.controller === controller) guard(fn);
      });
    controller.addEventListener('transfer', (e) => after(e, () => this.transfer(id(e), e.detail.target)), { signal });
    controller.addEventListener('consult', (e) => after(e, () => this.place(e.detail.target, { number: e.detail.target }, id(e))), { signal });
    controller.addEventListener(
      'transfercomplete',
      (e) => after(e, () => this.attendedTransfer(e.detail.call.callId, e.detail.consult.callId)),
      { signal },
    );
    controller.addEventListener('transfercancel', (e) => after(e, () => this.cancelConsult(e.detail.call.callId, e.detail.consult.callId)), { signal });
    controller.addEventListener(
      'conference',
      (e) =>
        after(e, async () => {
          const ids = e.detail.calls.map((c) => c.callId);
          await this.conference(ids);
          this.controller?.conferenced(ids);
        }),
      { signal },
    );
    return () => {
      if (this.controller === controller) this.unbind();
    };
  }

  /** Stops feeding the controller. */
  unbind(): void {
    this.controllerListeners?.abort();
    this.controllerListeners = undefined;
    this.controller = undefined;
  }

  // ================================================================== registration

  /** Opens the WebSocket and registers. Resolves when registered; rejects with a {@link SipError}. */
  start(): Promise<void> {
    if (this.startPromise) return this.startPromise;
    this.stopping = false;
    const p = this.doStart().catch((e: unknown) => {
      this.startPromise = undefined;
      throw e;
    });
    this.startPromise = p;
    return p;
  }

  private async doStart(): Promise<void> {
    this.setState('connecting');
    const sip = (this.sip ??= await (this.options.loadSip ?? (() => import('sip.js')))());
    if (this.stopping) return;
    const uri = sip.UserAgent.makeURI(`sip:${encodeURIComponent(this.aorUser).replace(/%2B/gi, '+')}@${this.domain}`);
    if (!uri) throw this.failRegistration(new SipError('invalid-argument', 'The AOR is not a valid SIP URI'));
    const extra = { ...(this.options.userAgentOptions ?? {}) };
    delete extra.authorizationPassword;
    delete extra.authorizationUsername;
    delete extra.authorizationHa1;
    const ua = new sip.UserAgent({
      logLevel: 'error',
      logBuiltinEnabled: false,
      logConfiguration: false,
      logConnector: (level, category, _label, content) => {
        if (level === 'error') console.warn(`[cif-sip] ${category}: ${String(content).split('\r\n')[0]}`);
      },
      userAgentString: this.options.userAgentString ?? 'cif-elements-sip',
      sipExtensionReplaces: sip.SIPExtension.Supported,
      ...extra,
      uri,
      displayName: headerDisplayName(this.options.displayName),
      transportOptions: {
        server: this.options.server,
        connectionTimeout: 5,
        keepAliveInterval: 25,
        traceSip: false,
        ...((extra.transportOptions as object | undefined) ?? {}),
      },
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: { iceServers: this.options.iceServers ?? [] },
        iceGatheringTimeout: this.options.iceGatheringTimeout ?? 500,
      },
      delegate: {
        onInvite: (invitation) => this.onInvite(invitation),
        onDisconnect: (error) => this.onDisconnect(error),
      },
    });
    this.ua = ua;
    try {
      await ua.start();
    } catch (e) {
      this.ua = undefined;
      await ua.stop().catch(() => undefined);
      throw this.failRegistration(new SipError('transport', `Cannot reach the SIP server ${this.options.server}`, { cause: e }));
    }
    if (this.stopping) return;
    this.registerer = new sip.Registerer(ua, { expires: this.options.registerExpires ?? 600 });
    await this.register();
  }

  /** Sends REGISTER (with fresh credentials) and waits for the outcome. */
  private async register(): Promise<void> {
    const sip = this.sip!;
    const ua = this.ua!;
    const registerer = this.registerer!;
    await this.applyCredentials(ua);
    this.setState('registering');
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const done = (err?: SipError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (listener) registerer.stateChange.removeListener(listener);
        if (err) reject(this.failRegistration(err));
        else resolve();
      };
      const timer = setTimeout(
        () => done(new SipError('timeout', 'The PBX did not answer the registration')),
        this.options.requestTimeoutMs ?? 32_000,
      );
      const listener = (s: string) => {
        if (s === sip.RegistererState.Registered) done();
      };
      registerer.stateChange.addListener(listener);
      registerer
        .register({
          requestDelegate: {
            // After a reconnection the registerer may still be in its Registered state: no state change
            // comes, the 200 OK does.
            onAccept: () => done(),
            onReject: (response) => {
              const status = response.message.statusCode ?? 0;
              const reason = safeReason(response.message.reasonPhrase);
              const code = registerFailureCode(status);
              const message =
                code === 'auth-failed'
                  ? `Registration refused: wrong username or password (${status} ${reason})`
                  : `Registration refused: ${status} ${reason}`;
              done(new SipError(code, message, { status }));
            },
          },
        })
        .catch((e: unknown) => done(new SipError('transport', 'The registration could not be sent', { cause: e })));
    });
    this.lastRegistrationMs = performance.now() - t0;
    this._registeredAt = Date.now();
    this._error = undefined;
    this.setState('registered');
  }

  private async applyCredentials(ua: UserAgent): Promise<void> {
    const source = this.options.credentials;
    const config = ua.configuration;
    if (source === null || source === undefined) {
      config.authorizationUsername = '';
      config.authorizationPassword = '';
      return;
    }
    let creds: SipCredentials;
    try {
      creds = typeof source === 'function' ? await source() : source;
    } catch (e) {
      throw this.failRegistration(new SipError('auth-failed', 'The credentials callback failed', { cause: e }));
    }
    if (!creds || typeof creds.password !== 'string') {
      throw this.failRegistration(new SipError('invalid-argument', 'Credentials need a password'));
    }
    config.authorizationUsername = creds.username || this.aorUser;
    config.authorizationPassword = creds.password;
  }

  /** Changes the credentials (takes effect at the next registration; call `restart()` to apply now). */
  set credentials(value: SipCredentialsSource | undefined) {
    this.options.credentials = value;
  }

  /** Unregisters, ends every call and closes the WebSocket. */
  async stop(): Promise<void> {
    this.stopping = true;
    const start = this.startPromise;
    this.startPromise = undefined;
    await start?.catch(() => undefined);
    for (const c of [...this.records.values()]) {
      if (c.state !== 'ended') await this.hangup(c.callId).catch(() => undefined);
    }
    const ua = this.ua;
    const registerer = this.registerer;
    this.ua = undefined;
    this.registerer = undefined;
    if (registerer && this._state === 'registered') {
      await Promise.race([registerer.unregister().catch(() => undefined), sleep(2000)]);
    }
    // Neither may wait for a request the PBX never answers.
    await Promise.race([registerer?.dispose().catch(() => undefined), sleep(1000)]);
    await Promise.race([ua?.stop().catch(() => undefined), sleep(1000)]);
    this.tones.stop();
    this.stopMixer();
    this.setState('idle');
  }

  /** Stops and starts again (new credentials or server). */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Releases everything (the phone cannot be started again). */
  async dispose(): Promise<void> {
    this.unbind();
    await this.stop();
    this.tones.dispose();
  }

  private setState(state: SipRegistrationState, error?: SipError): void {
    if (this._state === state && !error) return;
    this._state = state;
    const detail: { state: SipRegistrationState; error?: SipError } = { state };
    if (error) detail.error = error;
    this.dispatchEvent(new CustomEvent('registration', { detail }));
  }

  private failRegistration(error: SipError): SipError {
    this._error = error;
    this.setState('failed', error);
    this.emitError(error);
    return error;
  }

  private emitError(error: SipError): void {
    this.dispatchEvent(new CustomEvent('error', { detail: { error } }));
  }

  private fail(e: unknown, callId?: string): void {
    const error = e instanceof SipError ? e : new SipError('call-failed', e instanceof Error ? e.message : String(e), { callId, cause: e });
    this.emitError(error);
  }

  // ================================================================== reconnection

  private onDisconnect(error?: Error): void {
    if (this.stopping || !this.ua) return;
    void error;
    void this.reconnect();
  }

  /** Reconnects with backoff and registers again; then refreshes the dialogs of live calls. */
  private async reconnect(): Promise<void> {
    if (this.reconnecting) return;
    this.reconnecting = true;
    this.setState('reconnecting');
    const o = this.options.reconnect ?? {};
    const base = o.baseDelayMs ?? 500;
    const max = o.maxDelayMs ?? 30_000;
    const attempts = o.maxAttempts ?? Number.POSITIVE_INFINITY;
    try {
      for (let n = 0; n < attempts; n++) {
        const delay = Math.min(max, base * 2 ** n) * (1 + Math.random() * 0.2);
        await sleep(n === 0 ? Math.min(delay, base) : delay);
        const ua = this.ua;
        if (this.stopping || !ua) return;
        try {
          await ua.reconnect();
        } catch {
          continue;
        }
        try {
          await this.register();
        } catch {
          // failRegistration reported it; a refused registration is not a network fault: stop here.
          return;
        }
        for (const c of this.records.values()) {
          if (c.state === 'connected') void this.refreshAfterReconnect(c);
        }
        return;
      }
      this.failRegistration(new SipError('transport', `The connection to ${this.options.server} is lost and could not be opened again`));
    } finally {
      this.reconnecting = false;
    }
  }

  /**
   * After a reconnection, a live call's dialog is refreshed with a re-INVITE on the new connection. Its
   * media (peer to peer) did not need the PBX; its dialog does (hang-up, hold, transfer). 491 (both sides
   * refreshing at once) or a send failure is retried; any other failure or no answer means the PBX can no
   * longer reach the other party in this dialog: the call is ended with a `transport` error (its reason on
   * the controller and in the log), never left up with a hang-up that would reach nobody.
   */
  private async refreshAfterReconnect(record: CallRecord): Promise<void> {
    const limit = this.options.requestTimeoutMs ?? 32_000;
    for (let attempt = 0; ; attempt++) {
      if (record.state !== 'connected') return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        await Promise.race([
          this.reinvite(record, record.held),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new SipError('timeout', 'no answer', { callId: record.callId, status: 408 })), limit);
          }),
        ]);
        return;
      } catch (e) {
        const status = e instanceof SipError ? e.status : undefined;
        if ((status === 491 || status === undefined) && attempt < 3 && !(e instanceof SipError && e.code === 'timeout')) {
          await sleep(300 + Math.random() * 1200);
          continue;
        }
        if (record.state !== 'connected') return;
        record.failure = new SipError(
          'transport',
          `The call was lost with the connection to the PBX: the other party cannot be reached any more (${status ?? 'no answer'})`,
          { callId: record.callId, ...(status !== undefined ? { status } : {}), cause: e },
        );
        void this.hangup(record.callId).catch(() => undefined);
        this.finish(record);
        return;
      } finally {
        clearTimeout(timer);
      }
    }
  }

  // ================================================================== calls out

  /** Places a call for a dial request of the controller (its `dial` event). */
  async dial(request: DialRequest): Promise<string> {
    return this.call(request.number, request);
  }

  /**
   * Calls a number or SIP URI. Reports the call to the controller (`outgoing`, `ringing`, `connected`, `ended`).
   * Digits after the number in `request.extension` are sent as DTMF once the call is connected.
   * @returns the call id
   */
  async call(target: string, request?: DialRequest): Promise<string> {
    return this.place(target, request);
  }

  /** Places a call; `consultFor`: the call this one consults for (an attended transfer). */
  private async place(target: string, request: DialRequest | undefined, consultFor?: string): Promise<string> {
    const sip = this.sip;
    const ua = this.ua;
    if (!sip || !ua) throw new SipError('invalid-state', 'The phone is not started');
    const plan = this.options.dialPlan ?? defaultDialPlan(this.domain);
    let uriText: string;
    try {
      uriText = plan(target, request);
    } catch (e) {
      throw e instanceof SipError ? e : new SipError('invalid-argument', 'The dial plan failed for this number', { cause: e });
    }
    const uri = sip.UserAgent.makeURI(uriText);
    if (!uri) throw new SipError('invalid-argument', `Not a SIP URI: ${uriText}`);
    // Call waiting: the call in progress goes on hold.
    await this.holdOthers(undefined);
    const inviter = new sip.Inviter(ua, uri, {
      sessionDescriptionHandlerOptions: { constraints: this.constraints() },
      earlyMedia: false,
    });
    const record = this.track(inviter, 'outgoing', uri.user ?? target, '', uri.toString());
    record.postDial = (request?.extension ?? '').replace(/[^0-9*#A-D]/gi, '');
    this.report(record, () => this.controller?.outgoing({ callId: record.callId, to: target, name: '', ...(consultFor ? { consultFor } : {}) }));
    const timer = setTimeout(() => {
      if (!record.answered && record.state !== 'ended') {
        record.failure = new SipError('timeout', 'Nobody answered the call in time', { callId: record.callId, status: 408 });
        void inviter.cancel().catch(() => undefined);
      }
    }, (this.options.requestTimeoutMs ?? 32_000) + 60_000);
    inviter
      .invite({
        requestDelegate: {
          onProgress: (response) => {
            const status = response.message.statusCode ?? 0;
            if (status === 180 || status === 183) {
              this.controller?.ringing(record.callId);
              if (this.options.tones !== false && status === 180) this.tones.play(RINGBACK_TONE);
            }
          },
          onAccept: () => {
            record.answered = true;
            clearTimeout(timer);
          },
          onReject: (response) => {
            clearTimeout(timer);
            const status = response.message.statusCode ?? 0;
            if (status === 487 && record.cancelled) return;
            const code = inviteFailureCode(status);
            record.failure ??= new SipError(code, `The call failed: ${status} ${safeReason(response.message.reasonPhrase)}`, {
              status,
              callId: record.callId,
            });
          },
        },
      })
      .catch((e: unknown) => {
        clearTimeout(timer);
        const name = (e as { name?: string })?.name ?? '';
        const media = /NotAllowed|NotFound|NotReadable|Overconstrained|Security/.test(name) || /getUserMedia|Permission/i.test(String(e));
        record.failure ??= media
          ? new SipError('microphone', 'The microphone cannot be used: allow it for this site', { callId: record.callId, cause: e })
          : new SipError('call-failed', 'The call could not be placed', { callId: record.callId, cause: e });
        // A failure before anything was sent leaves the session in Initial: end it ourselves.
        if (record.state !== 'ended') this.finish(record);
      });
    return record.callId;
  }

  private constraints(): MediaStreamConstraints {
    const id = this.options.inputDeviceId;
    return { audio: id ? { deviceId: { exact: id } } : true, video: false };
  }

  // ================================================================== calls in

  private onInvite(invitation: Invitation): void {
    const identity = invitation.remoteIdentity;
    const record = this.track(invitation, 'incoming', identity.uri.user ?? '', safeReason(identity.displayName ?? ''), identity.uri.toString());
    if (invitation.replacee) {
      // Attended transfer to us: the new call replaces one we already answered; take it at once.
      const replaced = [...this.records.values()].find((c) => c.session === invitation.replacee);
      this.report(record, () => this.controller?.incoming({ callId: record.callId, from: record.remoteUser, name: record.remoteName }));
      void this.answer(record.callId).catch((e: unknown) => this.fail(e, record.callId));
      if (replaced) replaced.answered = true;
      return;
    }
    this.report(record, () =>
      this.controller?.incoming({ callId: record.callId, from: record.remoteUser, name: record.remoteName }),
    );
    if (this.options.tones !== false) {
      const busy = [...this.records.values()].some((c) => c !== record && c.state === 'connected');
      this.tones.play(busy ? CALL_WAITING_TONE : RINGING_TONE);
    }
  }

  /** Answers a ringing incoming call (the controller's `accept`). Other calls go on hold (call waiting). */
  async answer(callId: string): Promise<void> {
    const record = this.need(callId);
    if (record.direction !== 'incoming' || record.answered || record.state === 'ended') return;
    record.answered = true;
    this.tones.stop();
    await this.holdOthers(record);
    try {
      await (record.session as Invitation).accept({ sessionDescriptionHandlerOptions: { constraints: this.constraints() } });
    } catch (e) {
      const name = (e as { name?: string })?.name ?? '';
      const media = /NotAllowed|NotFound|NotReadable|Overconstrained|Security/.test(name);
      record.failure = media
        ? new SipError('microphone', 'The microphone cannot be used: allow it for this site', { callId, cause: e })
        : new SipError('call-failed', 'The call could not be answered', { callId, cause: e });
      if (!this.isEnded(record)) {
        await (record.session as Invitation).reject({ statusCode: 488 }).catch(() => undefined);
        this.finish(record);
      }
      throw record.failure;
    }
  }

  /**
   * Rejects a ringing incoming call: `decline` sends 603 Decline (the controller's `decline`), `busy` sends
   * 486 Busy Here.
   */
  async decline(callId: string, how: 'decline' | 'busy' = 'decline'): Promise<void> {
    const record = this.need(callId);
    if (record.direction !== 'incoming' || record.answered || record.state === 'ended') return;
    record.answered = true;
    this.tones.stop();
    await (record.session as Invitation).reject(how === 'busy' ? { statusCode: 486 } : { statusCode: 603 });
  }

  /** Nobody took the call: answers with the `timeoutResponse` (480, or a 302 redirect). */
  async timeoutCall(callId: string): Promise<void> {
    const record = this.need(callId);
    if (record.direction !== 'incoming' || record.answered || record.state === 'ended') return;
    record.answered = true;
    this.tones.stop();
    const t = this.options.timeoutResponse ?? {};
    const invitation = record.session as Invitation;
    if (t.redirect) {
      const target = t.redirect.replace(/[\r\n<>]/g, '');
      await invitation.reject({ statusCode: t.status ?? 302, extraHeaders: [`Contact: <${target}>`] });
    } else {
      await invitation.reject({ statusCode: t.status ?? 480 });
    }
  }

  // ================================================================== in-call

  /** Ends a call: BYE when connected, CANCEL while it rings out, 486 for an unanswered incoming call. */
  async hangup(callId: string): Promise<void> {
    const record = this.need(callId);
    if (record.state === 'ended') return;
    const sip = this.sip!;
    const s = record.session;
    if (s.state === sip.SessionState.Established) {
      await s.bye();
    } else if (record.direction === 'outgoing') {
      record.cancelled = true;
      if (s.state === sip.SessionState.Initial) this.finish(record);
      else await (s as Inviter).cancel();
    } else if (!record.answered) {
      record.answered = true;
      await (s as Invitation).reject({ statusCode: 486 });
    } else {
      // answering: the 200 is on its way; end once it is confirmed
      await new Promise<void>((resolve) => {
        const l = (st: string) => {
          if (st === sip.SessionState.Established) void s.bye().finally(resolve);
          if (st === sip.SessionState.Terminated) resolve();
        };
        s.stateChange.addListener(l);
      });
    }
  }

  /** Mutes or unmutes the microphone of a call (tracks disabled: no re-INVITE). */
  mute(callId: string, muted: boolean): void {
    const record = this.need(callId);
    if (record.state !== 'connected') return;
    if (record.conferenced && this.mixer) {
      // In the conference the agent's microphone is one input of every mix: mute it there, for everyone.
      this.mixer.micGain.gain.value = muted ? 0 : 1;
      for (const r of this.records.values()) {
        if (!r.conferenced || r.state !== 'connected') continue;
        r.muted = !!muted;
        this.controller?.muted(r.callId, r.muted);
        this.changed(r);
      }
      return;
    }
    this.setSenderEnabled(record, !muted && !record.held);
    record.muted = !!muted;
    this.controller?.muted(callId, record.muted);
    this.changed(record);
  }

  /** Puts a call on hold (re-INVITE, sendonly) or takes it off. */
  async hold(callId: string, held: boolean): Promise<void> {
    const record = this.need(callId);
    if (record.state !== 'connected' || record.held === held) {
      if (record.state === 'connected') this.controller?.held(callId, record.held);
      return;
    }
    if (!held) await this.holdOthers(record);
    await this.reinvite(record, held);
    record.held = held;
    this.setSenderEnabled(record, !held && !record.muted);
    this.controller?.held(callId, held);
    this.changed(record);
  }

  /** Sends DTMF digits on a connected call (RFC 4733, or SIP INFO with `dtmf: 'info'`). */
  async sendDtmf(callId: string, digits: string): Promise<void> {
    const record = this.need(callId);
    const tones = String(digits ?? '').replace(/[^0-9*#A-D,]/gi, '');
    if (!tones) throw new SipError('invalid-argument', 'DTMF digits are 0–9, *, #, A–D', { callId });
    if (record.state !== 'connected') throw new SipError('invalid-state', 'DTMF needs a connected call', { callId });
    if ((this.options.dtmf ?? 'rfc4733') === 'info') {
      for (const d of tones) {
        if (d === ',') {
          await sleep(2000);
          continue;
        }
        await record.session.info({
          requestOptions: {
            body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${d}\r\nDuration=160` },
          },
        });
      }
      return;
    }
    // RTCDTMFSender.insertDTMF replaces the tones still queued: keys pressed quickly would be lost, so
    // queue after them.
    const dtmf = record.peerConnection?.getSenders().find((x) => x.track?.kind === 'audio' && x.dtmf)?.dtmf;
    if (!dtmf || !dtmf.canInsertDTMF) throw new SipError('invalid-state', 'This call cannot send RFC 4733 DTMF', { callId });
    dtmf.insertDTMF(dtmf.toneBuffer + tones, 100, 70);
  }

  /** Blind transfer (REFER) of a connected call to a number or SIP URI; the call ends when the transfer is accepted. */
  async transfer(callId: string, target: string): Promise<void> {
    const record = this.need(callId);
    const sip = this.sip!;
    const plan = this.options.dialPlan ?? defaultDialPlan(this.domain);
    const uri = sip.UserAgent.makeURI(plan(target));
    if (!uri) throw new SipError('invalid-argument', 'Not a SIP URI', { callId });
    await this.refer(record, uri);
  }

  /** Attended transfer: connects the parties of `callId` and `consultCallId` (REFER with Replaces) and leaves. */
  async attendedTransfer(callId: string, consultCallId: string): Promise<void> {
    const record = this.need(callId);
    const consult = this.need(consultCallId);
    await this.refer(record, consult.session);
    // The consulted party takes the call that replaces ours and sends BYE on our leg; if it does not, end it.
    consult.transferred = true;
    setTimeout(() => {
      if (consult.state !== 'ended') void this.hangup(consult.callId).catch(() => this.finish(consult));
    }, this.options.replacesByeTimeoutMs ?? 10_000);
  }

  /** Cancels an attended transfer: hangs up the consult call and resumes the original one. */
  async cancelConsult(callId: string, consultCallId: string): Promise<void> {
    const consult = this.records.get(consultCallId);
    if (consult && consult.state !== 'ended') await this.hangup(consultCallId);
    const record = this.need(callId);
    if (record.state === 'connected' && record.held) await this.hold(callId, false);
  }

  private refer(record: CallRecord, target: Parameters<Session['refer']>[0]): Promise<void> {
    if (record.state !== 'connected') return Promise.reject(new SipError('invalid-state', 'Only a connected call can be transferred', { callId: record.callId }));
    return new Promise<void>((resolve, reject) => {
      void record.session
        .refer(target, {
          requestDelegate: {
            onAccept: () => {
              record.transferred = true;
              resolve();
              void record.session.bye().catch(() => undefined);
            },
            onReject: (r) =>
              reject(new SipError('call-failed', `The transfer was refused: ${r.message.statusCode} ${safeReason(r.message.reasonPhrase)}`, { callId: record.callId, status: r.message.statusCode })),
          },
        })
        .catch((e: unknown) => reject(new SipError('call-failed', 'The transfer could not be sent', { callId: record.callId, cause: e })));
    });
  }

  /** Call waiting: takes `callId` off hold and puts every other connected call on hold. */
  async swap(callId: string): Promise<void> {
    await this.hold(callId, false);
  }

  /**
   * Local conference: mixes the connected calls `callIds` with Web Audio, so each party hears the others and
   * the agent; the agent hears everyone. Calls on hold are taken off hold.
   */
  async conference(callIds: string[]): Promise<void> {
    const records = callIds.map((id) => this.need(id));
    if (records.length < 2) throw new SipError('invalid-argument', 'A conference needs two calls');
    for (const r of records) {
      if (r.state !== 'connected') throw new SipError('invalid-state', 'Only connected calls can be joined', { callId: r.callId });
    }
    for (const r of records) {
      r.conferenced = true;
      if (r.held) {
        await this.reinvite(r, false);
        r.held = false;
        this.controller?.held(r.callId, false);
      }
    }
    this.stopMixer();
    const ctx = new AudioContext();
    const nodes: AudioNode[] = [];
    const mic = await navigator.mediaDevices.getUserMedia({ audio: this.constraints().audio, video: false });
    const micSource = ctx.createMediaStreamSource(mic);
    const micNode = ctx.createGain();
    micSource.connect(micNode);
    nodes.push(micSource, micNode);
    const remoteNodes = records.map((r) => {
      const stream = (r.session.sessionDescriptionHandler as WebSdh).remoteMediaStream;
      const n = ctx.createMediaStreamSource(stream);
      nodes.push(n);
      return n;
    });
    records.forEach((r, i) => {
      // What party i hears: the agent and every other party.
      const dest = ctx.createMediaStreamDestination();
      nodes.push(dest);
      micNode.connect(dest);
      remoteNodes.forEach((n, j) => {
        if (j !== i) n.connect(dest);
      });
      const sender = r.session.sessionDescriptionHandler && (r.session.sessionDescriptionHandler as WebSdh).peerConnection?.getSenders().find((s) => s.track?.kind === 'audio');
      const track = dest.stream.getAudioTracks()[0];
      if (sender && track) void sender.replaceTrack(track);
      this.setSenderEnabled(r, true);
      this.changed(r);
    });
    const muted = records.some((r) => r.muted);
    micNode.gain.value = muted ? 0 : 1;
    for (const r of records) r.muted = muted;
    this.mixer = { ctx, nodes, micGain: micNode, mic };
  }

  private stopMixer(): void {
    if (!this.mixer) return;
    for (const n of this.mixer.nodes) n.disconnect();
    for (const t of this.mixer.mic.getTracks()) t.stop();
    void this.mixer.ctx.close().catch(() => undefined);
    this.mixer = undefined;
  }

  /** Sends the remote audio and the tones to this speaker. */
  async setOutputDevice(sinkId: string): Promise<void> {
    this.options.outputDeviceId = sinkId;
    await this.tones.setSinkId(sinkId);
    for (const r of this.records.values()) {
      const a = r.audio as (HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> }) | undefined;
      if (a?.setSinkId) await a.setSinkId(sinkId);
    }
  }

  /** Uses this microphone for the next calls (and replaces it in the calls in progress). */
  async setInputDevice(deviceId: string): Promise<void> {
    this.options.inputDeviceId = deviceId;
    const live = [...this.records.values()].filter((r) => r.state === 'connected' && !r.conferenced);
    if (!live.length) return;
    const stream = await navigator.mediaDevices.getUserMedia({ audio: this.constraints().audio, video: false });
    const track = stream.getAudioTracks()[0];
    for (const r of live) {
      const sender = (r.session.sessionDescriptionHandler as WebSdh | undefined)?.peerConnection?.getSenders().find((s) => s.track?.kind === 'audio');
      if (sender && track) {
        const old = sender.track;
        await sender.replaceTrack(track.clone());
        old?.stop();
      }
    }
    track?.stop();
  }

  // ================================================================== internals

  private isEnded(record: CallRecord): boolean {
    return record.state === 'ended';
  }

  private need(callId: string): CallRecord {
    const r = this.records.get(callId);
    if (!r) throw new SipError('invalid-state', 'No such call', { callId });
    return r;
  }

  private async holdOthers(except: CallRecord | undefined): Promise<void> {
    for (const c of this.records.values()) {
      if (c !== except && c.state === 'connected' && !c.held && !c.conferenced) {
        await this.hold(c.callId, true).catch((e: unknown) => this.fail(e, c.callId));
      }
    }
  }

  private async reinvite(record: CallRecord, hold: boolean): Promise<void> {
    const s = record.session;
    s.sessionDescriptionHandlerOptionsReInvite = { hold } as object;
    await new Promise<void>((resolve, reject) => {
      void s
        .invite({
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (r) => reject(new SipError('call-failed', `Hold was refused: ${r.message.statusCode}`, { callId: record.callId, status: r.message.statusCode })),
          },
        })
        .catch((e: unknown) => reject(new SipError('call-failed', 'The re-INVITE could not be sent', { callId: record.callId, cause: e })));
    });
  }

  private setSenderEnabled(record: CallRecord, enabled: boolean): void {
    const pc = record.peerConnection;
    for (const s of pc?.getSenders() ?? []) if (s.track) s.track.enabled = enabled;
  }

  private report(record: CallRecord, fn: () => void): void {
    try {
      fn();
      record.reported = !!this.controller;
    } catch (e) {
      this.fail(e, record.callId);
    }
  }

  private track(session: Session, direction: 'incoming' | 'outgoing', remoteUser: string, remoteName: string, remoteUri: string): CallRecord {
    const sip = this.sip!;
    const callId = (session as Inviter | Invitation).request.callId;
    const record: CallRecord = {
      callId,
      direction,
      remoteUser,
      remoteName,
      remoteUri,
      state: 'ringing',
      held: false,
      muted: false,
      conferenced: false,
      session,
      audio: undefined,
      postDial: '',
      answered: false,
      cancelled: false,
      failure: undefined,
      peerConnection: undefined,
      reported: false,
      transferred: false,
      iceTimer: undefined,
    };
    this.records.set(callId, record);
    session.delegate = {
      onSessionDescriptionHandler: (sdh: ApiSessionDescriptionHandler) => this.watchMedia(record, sdh as WebSdh),
      onInfo: (info) => {
        const body = info.request.body ?? '';
        const m = /Signal\s*=\s*([0-9*#A-D])/i.exec(body);
        void info.accept();
        if (m) this.dispatchEvent(new CustomEvent('dtmf', { detail: { callId, digit: m[1]!.toUpperCase() } }));
      },
      onRefer: (referral) => {
        // Blind transfer asked by the other side: accept, call the target, end this call.
        void referral
          .accept()
          .then(() => {
            const inviter = referral.makeInviter({ sessionDescriptionHandlerOptions: { constraints: this.constraints() } });
            const next = this.track(inviter, 'outgoing', inviter.remoteIdentity.uri.user ?? '', '', inviter.remoteIdentity.uri.toString());
            this.report(next, () => this.controller?.outgoing({ callId: next.callId, to: next.remoteUser }));
            return inviter.invite();
          })
          .then(() => record.session.bye())
          .catch((e: unknown) => this.fail(e, callId));
      },
    };
    session.stateChange.addListener((state) => {
      if (state === sip.SessionState.Established) {
        record.state = 'connected';
        record.answered = true;
        this.tones.stop();
        this.playRemote(record);
        this.controller?.connected(callId);
        this.changed(record);
        this.checkIce(record);
        if (record.postDial) {
          const digits = record.postDial;
          record.postDial = '';
          setTimeout(() => {
            if (record.state === 'connected') void this.sendDtmf(callId, digits).catch((e: unknown) => this.fail(e, callId));
          }, this.options.postDialDelayMs ?? 1500);
        }
      } else if (state === sip.SessionState.Terminated) {
        // SIP.js moves to Terminated before it calls the request delegate's onReject (which says why).
        queueMicrotask(() => this.finish(record));
      }
    });
    this.changed(record);
    return record;
  }

  private watchMedia(record: CallRecord, sdh: WebSdh): void {
    const pc = sdh.peerConnection;
    if (!pc) return;
    record.peerConnection = pc;
    pc.addEventListener('track', () => this.playRemote(record));
    pc.addEventListener('iceconnectionstatechange', () => this.checkIce(record));
  }

  /**
   * The ICE watchdog: `failed` ends the call at once; a connected call whose ICE is not connected (never
   * was, or dropped to `disconnected`) for `iceTimeoutMs` ends too. Either way with an `ice-failed` error:
   * never a call that shows connected with no audio.
   */
  private checkIce(record: CallRecord): void {
    const pc = record.peerConnection;
    if (!pc || record.state === 'ended') return;
    const st = pc.iceConnectionState;
    if (st === 'connected' || st === 'completed' || st === 'closed') {
      clearTimeout(record.iceTimer);
      record.iceTimer = undefined;
      return;
    }
    if (st === 'failed') {
      this.iceFailed(record, 'The audio connection failed (ICE): the call was ended');
      return;
    }
    if (record.state !== 'connected' || record.iceTimer !== undefined) return;
    const ms = this.options.iceTimeoutMs ?? 10_000;
    record.iceTimer = setTimeout(() => {
      record.iceTimer = undefined;
      const now = pc.iceConnectionState;
      if (record.state !== 'connected' || now === 'connected' || now === 'completed' || now === 'closed') return;
      this.iceFailed(record, `No audio connection (ICE ${now} for ${Math.round(ms / 1000)} s): the call was ended`);
    }, ms);
  }

  private iceFailed(record: CallRecord, message: string): void {
    if (record.state === 'ended' || record.failure) return;
    record.failure = new SipError('ice-failed', message, { callId: record.callId });
    // BYE (SIP.js sends it once the ACK is in); the call ends here at once, whatever the other side does.
    void this.hangup(record.callId).catch(() => undefined);
    this.finish(record);
  }

  private playRemote(record: CallRecord): void {
    const sdh = record.session.sessionDescriptionHandler as WebSdh | undefined;
    const stream = sdh?.remoteMediaStream;
    if (!stream || stream.getTracks().length === 0) return;
    const audio = (record.audio ??= new Audio());
    audio.autoplay = true;
    if (audio.srcObject !== stream) audio.srcObject = stream;
    const sink = this.options.outputDeviceId;
    const withSink = audio as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
    if (sink && withSink.setSinkId) void withSink.setSinkId(sink).catch(() => undefined);
    void audio.play().catch(() => undefined);
  }

  private finish(record: CallRecord): void {
    if (record.state === 'ended') return;
    record.state = 'ended';
    clearTimeout(record.iceTimer);
    record.iceTimer = undefined;
    if (record.audio) {
      record.audio.pause();
      record.audio.srcObject = null;
    }
    const live = [...this.records.values()].filter((c) => c.state !== 'ended');
    if (!live.some((c) => c.state === 'ringing')) {
      this.tones.stop();
    }
    if (record.conferenced && ![...this.records.values()].some((c) => c.conferenced && c.state === 'connected')) this.stopMixer();
    const failure = record.failure;
    if (failure) this.emitError(failure);
    const info = failure ? { reason: failure.code } : record.transferred ? { reason: 'transferred' } : {};
    try {
      this.controller?.ended(record.callId, info);
    } catch (e) {
      this.fail(e, record.callId);
    }
    this.changed(record);
    // Keep only a short history of ended calls.
    setTimeout(() => this.records.delete(record.callId), 60_000);
  }

  private changed(record: CallRecord): void {
    this.dispatchEvent(new CustomEvent('call', { detail: { call: view(record) } }));
  }
}
