import { TypedEventTarget } from '../typed-event-target.js';
import type { CifFrameworkApi, CifFrameworkHandler, CifFrameworkSessionInput } from '../framework.js';
import { DEFAULT_PRESENCES } from '../presences.js';
import type { CifEnvironment, CifPresenceInfo, CifRecord, CifVersion, ClickToActPayload, PanelMode } from '../types.js';
import { ODataQueryError, applyODataQuery, parseODataQuery, primaryIdKey, primaryNameKey, selectColumns } from './odata.js';
import type { ODataQuery } from './odata.js';
import { createSeedData } from './seed.js';
import { isObject, newGuid, normalizeId } from '../util.js';
import type { SeedData } from './seed.js';

/** Name of a `Microsoft.CIFramework` function. */
export type CifApiName = keyof CifFrameworkApi;

/**
 * An injected failure, see {@link SimulatedCifHost.fail}.
 * - `shape` — how the call rejects: `'json'` a JSON string `{"message","msdyn_name"}` (default for APIs that
 *   resolve JSON strings), `'map'` a `Map` with `message`/`msdyn_name` (default for the raw APIs), `'xrm'` a
 *   JSON string `{"value":{"errorMsg","errorType",…}}` (an Xrm call failing inside the host), `'error'` an
 *   `Error`, `'string'` a plain non-JSON string.
 * - `message` — the failure text (default `"Simulated failure of <method>"`).
 * - `times` — how many calls fail before the method works again (default: every call).
 */
export interface SimulatedFailureOptions {
  shape?: 'json' | 'map' | 'xrm' | 'error' | 'string';
  message?: string;
  times?: number;
}

/**
 * What {@link SimulatedCifHost.fail} injects: a rejection ({@link SimulatedFailureOptions}), CIF's own
 * time-out rejection (`'timeout'`, after the normal latency rather than 10 s), or a wrong answer: `'presence-failed'`
 * resolves the literal `"FAILED"` (what `getPresence` answers when Omnichannel presence is broken) and `'false'`
 * resolves `false` (what `setPresence` answers when Dynamics refuses the presence).
 */
export type SimulatedFailure = SimulatedFailureOptions | 'timeout' | 'presence-failed' | 'false';

/** A CIF 2.0 session as the simulated host keeps it. */
export interface SimulatedSession {
  sessionId: string;
  /** True for the session that has the focus in the simulated app. */
  focused: boolean;
  /** The provider's context, as given to `createSession` / `updateContext`. */
  context: unknown;
  /** Id of the conversation (live work item) CIF created for the session. */
  conversationId: string;
  /** Title shown on the session tab (customer name, or the slugs set with `setSessionTitle`). */
  title: string;
  customerName?: string;
  templateName: string;
  templateParameters: Record<string, unknown>;
  providerSessionId?: string;
  /** New-activity count set with `notifyNewActivity`; 0 once the session gets focus. */
  unread: number;
  /** Set with `notifyKpiBreach`. */
  kpiBreached: boolean;
  kpiDetails?: string;
  /** Epoch ms of creation. */
  createdAt: number;
}

/** A CIF 2.0 application tab. */
export interface SimulatedTab {
  tabId: string;
  /** Session the tab belongs to (`session-id-0` is the home session). */
  sessionId: string;
  templateName: string;
  templateParameters: Record<string, unknown>;
  title: string;
  focused: boolean;
  /** Tags of the tab's template (see {@link SimulatedCifHost.tabTemplateTags}). */
  tags: string[];
  /** How many times `refreshTab` was called on it. */
  refreshCount: number;
}

/** A page the simulated Dynamics opened on the provider's behalf. */
export interface SimulatedOpenedPage {
  /** `'record'` a record form, `'form'` a form via `openForm`, `'search'` the search page. */
  kind: 'record' | 'form' | 'search';
  /** The API that opened it. */
  source: 'searchAndOpenRecords' | 'openForm' | 'renderSearchPage';
  entityName: string;
  entityId?: string;
  searchString?: string;
  /** Epoch ms. */
  at: number;
}

/** A notification shown by `notifyEvent` and not answered yet. */
export interface SimulatedNotification {
  /** The cancellation token (given by the provider, or generated as `notification-N`). */
  token: string;
  templateName?: string;
  templateParameters: Record<string, unknown>;
  /** The input exactly as `notifyEvent` received it. */
  input: Record<string, unknown>;
  createdAt: number;
  /** When the notification times out (epoch ms). */
  expiresAt: number;
}

/** A handler that broke CIF's contract (did not return a promise, threw, or rejected). */
export interface SimulatedHandlerError {
  eventName: string;
  message: string;
}

/** Options of {@link SimulatedCifHost}. */
export interface SimulatedCifHostOptions {
  /** CIF version to simulate. Default 2. */
  version?: CifVersion;
  /** `true` (default) loads the demo data of `createSeedData()`, `false` starts empty, or pass your own rows. */
  seed?: boolean | SeedData;
  /** Delay before every API call answers, in ms. Default 0. */
  latencyMs?: number;
  /** Initial click-to-act flag of the channel provider. Default true. */
  clickToAct?: boolean;
  /** Initial presence text. Default `'Available'`. */
  presenceText?: string;
  /** Presences the simulated Omnichannel knows. Default `DEFAULT_PRESENCES`. */
  presences?: readonly CifPresenceInfo[];
  /** Initial panel mode. Default 1 (docked). */
  mode?: PanelMode;
  /** Initial panel width in px. Default 378. */
  width?: number;
  /** What `isConsoleApp()` answers (multisession app). Default: `version === 2`. */
  isConsoleApp?: boolean;
  /** Default display time of notifications, in ms. Default 120 000. */
  notificationTimeoutMs?: number;
  /**
   * Model a CIF 2.0 library without `getPresence`/`setPresence`, as the library shipped in 2026 is (CIF.md
   * §11.2): presence changes made in Dynamics are still raised as events. Default false.
   */
  withoutPresenceApi?: boolean;
  /**
   * Number of channel providers in the app. With more than one on CIF 2.0 the host behaves as Microsoft's
   * CIF FAQ says: this widget is not visible in the home session (see {@link SimulatedCifHost.widgetVisible})
   * and `setMode` is refused there — the provider must create a default session to show its widget
   * (`<cif-provider default-session>`). Default 1.
   */
  providers?: number;
  /** Keys merged into (or overriding) the `getEnvironment` answer. */
  environment?: Partial<CifEnvironment>;
}

/** Typed events of {@link SimulatedCifHost}. */
export interface SimulatedCifHostEventMap {
  /** Any observable state changed (records, sessions, tabs, presence, panel, notifications, …). */
  change: Event;
  /** A widget handler broke CIF's contract; `detail` says which event and how. */
  error: CustomEvent<SimulatedHandlerError>;
}

/** CIF's own time-out message (the host gave no answer within 10 s). */
export const CIF_TIMEOUT_MESSAGE = 'Timeout occurred as no response was received from listener window';
/** Rejection message of CIF 2.0 APIs on a CIF 1.0 host. */
export const CIF_UNSUPPORTED_MESSAGE = 'API not supported in this CIF version';
/** Rejection message of session and tab APIs while another provider's session has the focus. */
export const CIF_FOREIGN_SESSION_MESSAGE = 'Focused session is neither the default session nor it belongs to the provider';
/** The home (default) session of a multisession app. */
export const HOME_SESSION_ID = 'session-id-0';
/** Rejection message of `setMode` in the home session of an app with several channel providers. */
export const CIF_HOME_SESSION_MODE_MESSAGE =
  'setMode is not supported in the home session when several channel providers are configured';
/** Most sessions a provider may have open at once. */
export const MAX_SESSIONS = 10;
/** Most notifications shown at once; more are rejected with `NotificationQueueLimitExceeded`. */
export const MAX_NOTIFICATIONS = 10;
/** The simulated org. */
export const SIMULATED_CLIENT_URL = 'https://contoso.crm.dynamics.com';

/** `errorType` values of Xrm failures as the CIF host reports them. */
const XRM_API_ERROR = 1;

/** APIs whose results (and rejections) are JSON strings; the rest resolve raw values and reject with Maps. */
const JSON_APIS: ReadonlySet<string> = new Set([
  'createRecord',
  'retrieveRecord',
  'updateRecord',
  'deleteRecord',
  'searchAndOpenRecords',
  'openForm',
  'getEnvironment',
  'notifyEvent',
  'cancelEvent',
  'addHandler',
  'removeHandler',
]);

const SIM_APP_ID = 'b6a1d4f2-54d5-4c9c-9a3e-6c1a0f0e5a11';

const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** One argument check: whether it failed, and the message. */
type Check = [failed: boolean, message: string];
/** Argument validation: the message of the first failed check, or `undefined` when all pass. */
const problem = (...checks: Check[]): string | undefined => checks.find(([failed]) => failed)?.[1];
const checkEntity = (v: unknown): Check => [!isNonEmptyString(v), 'entityLogicalName must be a non-empty string'];
const checkId = (v: unknown): Check => [!isNonEmptyString(v), 'entityId must be a non-empty string'];
const checkData = (v: unknown): Check => [parseObject(v) === undefined, 'data must be a JSON string of an object'];


/** Parses a JSON string that must hold an object; `undefined` when it does not. */
function parseObject(json: unknown): Record<string, unknown> | undefined {
  if (typeof json !== 'string') return undefined;
  try {
    const v: unknown = JSON.parse(json);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e instanceof Map) return JSON.stringify(Object.fromEntries(e));
  if (typeof e === 'string') return e;
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

type SessionState = Omit<SimulatedSession, 'focused'>;

interface PendingNotification extends SimulatedNotification {
  resolve(json: string): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * A simulated Dynamics 365 host for channel-provider widgets: no org, no iframe, no network.
 *
 * {@link SimulatedCifHost.framework} is a fake `Microsoft.CIFramework` that behaves like the real library as
 * Microsoft's source shows it (see `CIF.md`): JSON-string results, raw values, a `Map` from `getSession`,
 * rejections that are JSON strings or `Map`s, handlers that receive JSON strings and must return promises.
 * Wrap it with `createSimulatedClient(host)` to get a typed `CifClient`, or hand it to any code written
 * against the real library.
 *
 * Behind it the host keeps records (contact, account, incident, phonecall, and any entity you create),
 * CIF 2.0 sessions and tabs, notifications, presence, click-to-act, panel mode and width — all observable
 * through getters and a `change` event — and offers methods that act as the Dynamics user would
 * (`clickToAct`, `userSetsPresence`, `userSwitchesSession`, …), plus switches for tests and demos: latency,
 * failure injection per method, CIF version 1 or 2.
 *
 * Events raised by the user-action methods are delivered synchronously, so a test can assert right after
 * the call. Programmatic `setMode`/`setWidth`/`requestFocusSession`/`createSession` change state like the real
 * host does; only focus changes raise events for them (`onSessionSwitched`), as in Dynamics.
 *
 * @fires change - observable state changed
 * @fires error - a widget handler did not return a promise, threw, or rejected (`detail`: {@link SimulatedHandlerError})
 */
export class SimulatedCifHost extends TypedEventTarget<SimulatedCifHostEventMap> {
  /** The fake `Microsoft.CIFramework`. `setPresence`/`getPresence` exist on CIF 2.0 hosts only. */
  readonly framework: CifFrameworkApi;
  /** Delay before every API call answers, in ms. May be changed at any time. */
  latencyMs: number;
  /** Default display time of a notification, in ms (a template's `templateParameters.timeout`, in s, wins). */
  notificationTimeoutMs: number;
  /**
   * Which event(s) carry presence changes: Microsoft's docs name `onPresenceChange`, the 2020 library source
   * broadcasts `setPresenceEvent`. Default `'onPresenceChange'`.
   */
  presenceEventShape: 'onPresenceChange' | 'setPresenceEvent' | 'both' = 'onPresenceChange';
  /** Payload of presence events: `{presenceInfo:{…}}` (default) or the bare `{presenceId}` some builds send. */
  presencePayloadShape: 'presenceInfo' | 'presenceId' = 'presenceInfo';
  /** Tags per tab template name, used by `getTabs(templateName, tag)`. */
  tabTemplateTags: Record<string, string[]> = {};

  private readonly _version: CifVersion;
  private readonly withoutPresenceApi: boolean;
  private readonly providerCount: number;
  private readonly _isConsoleApp: boolean;
  private readonly store = new Map<string, Map<string, CifRecord>>();
  private readonly handlers = new Map<string, CifFrameworkHandler[]>();
  private readonly failures = new Map<string, { failure: SimulatedFailure; remaining: number }>();
  private readonly _sessions = new Map<string, SessionState>();
  private readonly foreignSessions = new Set<string>();
  private readonly _tabs: SimulatedTab[] = [];
  private readonly _opened: SimulatedOpenedPage[] = [];
  private readonly pending = new Map<string, PendingNotification>();
  private readonly _handlerErrors: SimulatedHandlerError[] = [];
  private readonly environmentOverrides: Partial<CifEnvironment>;
  private _focusedSessionId: string = HOME_SESSION_ID;
  private homeContext: Record<string, unknown> = {};
  private sessionCounter = 0;
  private tabCounter = 0;
  private notificationCounter = 0;
  private foreignCounter = 0;
  private _mode: PanelMode;
  private _width: number;
  private _clickToAct: boolean;
  private _presences: CifPresenceInfo[];
  private _presence: CifPresenceInfo;
  private currentPageUrl = `${SIMULATED_CLIENT_URL}/main.aspx?appid=${SIM_APP_ID}&pagetype=dashboard`;

  constructor(options: SimulatedCifHostOptions = {}) {
    super();
    this._version = options.version === 1 ? 1 : 2;
    this._isConsoleApp = options.isConsoleApp ?? this._version === 2;
    this.withoutPresenceApi = options.withoutPresenceApi === true;
    this.providerCount = Math.max(1, Math.floor(Number(options.providers) || 1));
    this.latencyMs = options.latencyMs ?? 0;
    this.notificationTimeoutMs = options.notificationTimeoutMs ?? 120_000;
    this._clickToAct = options.clickToAct ?? true;
    this._mode = options.mode ?? 1;
    this._width = options.width ?? 378;
    this._presences = (options.presences ?? DEFAULT_PRESENCES).map((p) => ({ ...p }));
    if (this._presences.length === 0) throw new RangeError('SimulatedCifHost: presences must not be empty');
    const text = options.presenceText ?? 'Available';
    this._presence = this._presences.find((p) => p.presenceText === text) ?? this._presences[0]!;
    this.environmentOverrides = { ...(options.environment ?? {}) };
    for (const entity of ['contact', 'account', 'incident', 'phonecall']) this.table(entity);
    const seed = options.seed ?? true;
    if (seed) this.loadSeed(seed === true ? createSeedData() : seed);
    this.framework = this.buildFramework();
  }


  // ============================================================================================ observable state

  /** Number of channel providers in the simulated app (see {@link SimulatedCifHostOptions.providers}). */
  get providers(): number {
    return this.providerCount;
  }

  /**
   * Whether Dynamics shows this provider's widget now. Always with one provider (or on CIF 1.0); with several
   * on CIF 2.0 only while one of this provider's sessions has the focus — not in the home session, nor in
   * another provider's session.
   */
  get widgetVisible(): boolean {
    if (this._version < 2 || this.providerCount <= 1) return true;
    return this._sessions.has(this._focusedSessionId);
  }

  /** CIF version this host simulates. */
  get version(): CifVersion {
    return this._version;
  }

  /** Whether this is a multisession ("console") app: what `isConsoleApp()` answers. */
  get isConsoleApp(): boolean {
    return this._isConsoleApp;
  }

  /** The channel provider's click-to-act flag (`setClickToAct` changes it). */
  get clickToActEnabled(): boolean {
    return this._clickToAct;
  }

  /** Panel mode: 0 minimized, 1 docked, 2 hidden. */
  get mode(): PanelMode {
    return this._mode;
  }

  /** Panel width in px. */
  get width(): number {
    return this._width;
  }

  /** The agent's current presence. */
  get presence(): CifPresenceInfo {
    return { ...this._presence };
  }

  /** Presences the simulated Omnichannel knows. */
  get presences(): CifPresenceInfo[] {
    return this._presences.map((p) => ({ ...p }));
  }

  /** The provider's sessions (not the home session), in creation order. Empty on CIF 1.0. */
  get sessions(): SimulatedSession[] {
    return [...this._sessions.values()].map((s) => this.sessionView(s));
  }

  /**
   * Session that has the focus: `session-id-0` (home), one of the provider's, or another provider's session
   * (see {@link userOpensForeignSession}). `null` on CIF 1.0.
   */
  get focusedSessionId(): string | null {
    return this._version >= 2 ? this._focusedSessionId : null;
  }

  /** All application tabs, of every session. */
  get tabs(): SimulatedTab[] {
    return this._tabs.map((t) => ({ ...t, templateParameters: { ...t.templateParameters }, tags: [...t.tags] }));
  }

  /** Pages opened by `searchAndOpenRecords`, `openForm` and `renderSearchPage`, oldest first. */
  get openedPages(): SimulatedOpenedPage[] {
    return this._opened.map((p) => ({ ...p }));
  }

  /** Notifications shown and not answered yet, oldest first. */
  get notifications(): SimulatedNotification[] {
    return [...this.pending.values()].map(({ token, templateName, templateParameters, input, createdAt, expiresAt }) => {
      const n: SimulatedNotification = {
        token,
        templateParameters: { ...templateParameters },
        input: { ...input },
        createdAt,
        expiresAt,
      };
      if (templateName !== undefined) n.templateName = templateName;
      return n;
    });
  }

  /** Handlers that broke CIF's contract, oldest first. */
  get handlerErrors(): SimulatedHandlerError[] {
    return this._handlerErrors.map((e) => ({ ...e }));
  }

  /** The URL of the simulated main page (changed by {@link userNavigates}); its query is part of `getEnvironment`. */
  get pageUrl(): string {
    return this.currentPageUrl;
  }

  /** Copies of the records of one entity (logical name), in insertion order. */
  records(entity: string): CifRecord[] {
    return [...(this.store.get(entity.toLowerCase())?.values() ?? [])].map((r) => structuredClone(r));
  }

  /** A copy of one record, or `undefined`. Accepts ids with braces and in any case. */
  record(entity: string, id: string): CifRecord | undefined {
    const r = this.store.get(entity.toLowerCase())?.get(normalizeId(id));
    return r ? structuredClone(r) : undefined;
  }

  /**
   * Adds (or replaces) a record directly, without latency or failure injection — for demos and test set-up.
   * Generates the primary id when the record has none. Returns the id.
   */
  putRecord(entity: string, data: CifRecord): string {
    const id = this.put(entity, structuredClone(data));
    this.changed();
    return id;
  }

  /** Number of handlers registered through `framework.addHandler` (all events, or one event name). */
  handlerCount(eventName?: string): number {
    if (eventName !== undefined) return this.handlers.get(eventName)?.length ?? 0;
    let n = 0;
    for (const list of this.handlers.values()) n += list.length;
    return n;
  }

  // ============================================================================================ switches

  /**
   * Makes `method` fail (see {@link SimulatedFailure}). The failure applies after validation and latency,
   * `times` calls long (default: until {@link clearFailures}). For `addHandler`/`removeHandler` the call
   * returns a rejected promise and registers nothing.
   */
  fail(method: CifApiName, failure: SimulatedFailure = {}): void {
    const times = typeof failure === 'object' ? (failure.times ?? Infinity) : Infinity;
    if (times <= 0) {
      this.failures.delete(method);
      return;
    }
    this.failures.set(method, { failure, remaining: times });
  }

  /** Removes every injected failure (or only the one of `method`). */
  clearFailures(method?: CifApiName): void {
    if (method) this.failures.delete(method);
    else this.failures.clear();
  }

  /** Stops pending notification timers. The host stays usable; pending `notifyEvent` calls never settle. */
  dispose(): void {
    for (const n of this.pending.values()) clearTimeout(n.timer);
    this.pending.clear();
  }

  // ============================================================================================ user actions

  /**
   * The agent clicks a click-to-act field (a phone number) on a Dynamics form. Delivered as `onclicktoact`
   * only when the provider's click-to-act flag is on — the real host short-circuits otherwise. Missing keys
   * default to `name: 'telephone1'`, `format: 'phone'`, `entityLogicalName: 'contact'`.
   * @returns whether the host sent the event (the flag was on)
   */
  clickToAct(payload: Partial<ClickToActPayload> & { value: string }): boolean {
    if (!this._clickToAct) return false;
    this.raise('onclicktoact', { name: 'telephone1', format: 'phone', entityLogicalName: 'contact', ...payload });
    return true;
  }

  /**
   * The agent picks a presence in Omnichannel (by id or exact text). Raises the presence event(s) when it
   * changes. CIF 1.0 has no presence: returns false there, as for an unknown presence.
   */
  userSetsPresence(idOrText: string): boolean {
    if (this._version < 2) return false;
    const p = this._presences.find((x) => x.presenceId === idOrText) ?? this._presences.find((x) => x.presenceText === idOrText);
    if (!p) return false;
    this.applyPresence(p);
    return true;
  }

  /**
   * The agent clicks a session in the session panel (the home session `session-id-0`, one of the provider's,
   * or a foreign one). Raises `onSessionSwitched` for the provider's sessions that lose and gain focus.
   * @returns false on CIF 1.0 or for an unknown session
   */
  userSwitchesSession(sessionId: string): boolean {
    if (this._version < 2 || !this.knowsSession(sessionId)) return false;
    this.focusSession(sessionId);
    return true;
  }

  /**
   * The agent closes a session. For the provider's sessions raises `onSessionClosed` `{sessionId, context}`
   * and drops its tabs; focus goes back to the home session. The home session cannot be closed.
   */
  userClosesSession(sessionId: string): boolean {
    if (this._version < 2 || sessionId === HOME_SESSION_ID || !this.knowsSession(sessionId)) return false;
    const wasFocused = this._focusedSessionId === sessionId;
    const own = this._sessions.get(sessionId);
    this._sessions.delete(sessionId);
    this.foreignSessions.delete(sessionId);
    for (let i = this._tabs.length - 1; i >= 0; i--) if (this._tabs[i]!.sessionId === sessionId) this._tabs.splice(i, 1);
    if (wasFocused) this._focusedSessionId = HOME_SESSION_ID;
    if (own) this.raise('onSessionClosed', { sessionId, context: own.context });
    this.changed();
    return true;
  }

  /**
   * The agent focuses a session of another channel provider (e.g. an Omnichannel chat). While it has the
   * focus, `getFocusedSession` answers `null` and tab APIs reject. Returns the foreign session's id.
   */
  userOpensForeignSession(): string {
    if (this._version < 2) throw new Error('userOpensForeignSession: sessions need CIF 2.0');
    const id = `session-id-foreign-${++this.foreignCounter}`;
    this.foreignSessions.add(id);
    this.focusSession(id);
    return id;
  }

  /** The agent expands, collapses or hides the panel: raises `onmodechanged` `{value}`. */
  userChangesMode(mode: PanelMode): void {
    if (mode !== 0 && mode !== 1 && mode !== 2) throw new RangeError('userChangesMode: mode must be 0, 1 or 2');
    this._mode = this.applicableMode(mode);
    this.raise('onmodechanged', { value: this._mode });
    this.changed();
  }

  /** The agent drags the panel edge: raises `onsizechanged` `{value}`. */
  userResizes(width: number): void {
    if (typeof width !== 'number' || !Number.isFinite(width) || width < 0) throw new RangeError('userResizes: width must be ≥ 0');
    this._width = width;
    this.raise('onsizechanged', { value: width });
    this.changed();
  }

  /**
   * Dynamics navigates its main page: raises `onpagenavigate` `{value: <absolute URL>}`. Relative URLs
   * resolve against the simulated org, e.g. `main.aspx?pagetype=entityrecord&etn=contact&id=…`.
   */
  userNavigates(url: string): void {
    const absolute = new URL(url, `${SIMULATED_CLIENT_URL}/`).href;
    this.currentPageUrl = absolute;
    this.raise('onpagenavigate', { value: absolute });
    this.changed();
  }

  /** The agent opens a record form (a convenience over {@link userNavigates}). */
  userOpensRecord(entity: string, id: string): void {
    const q = new URLSearchParams({ appid: SIM_APP_ID, pagetype: 'entityrecord', etn: entity, id: normalizeId(id) });
    this.userNavigates(`${SIMULATED_CLIENT_URL}/main.aspx?${q}`);
  }

  /** The agent sends a knowledge article to the widget: raises `onsendkbarticle` `{title, link}`. */
  userSendsKbArticle(title: string, link: string): void {
    this.raise('onsendkbarticle', { title, link });
  }

  /**
   * The agent (or the time-out) answers a notification shown by `notifyEvent`, by token or by index in
   * {@link notifications}. `notifyEvent` then resolves `{"actionName": action, "responseReason": reason}`
   * (default reason: `Accept` / `DeclinedByAgent`).
   * @returns false when no such notification is pending
   */
  respondToNotification(tokenOrIndex: string | number, action: 'Accept' | 'Reject' | 'Timeout', responseReason?: string): boolean {
    const token = typeof tokenOrIndex === 'number' ? [...this.pending.keys()][tokenOrIndex] : tokenOrIndex;
    if (token === undefined || !this.pending.has(token)) return false;
    const reason = responseReason ?? (action === 'Accept' ? 'Accept' : action === 'Reject' ? 'DeclinedByAgent' : 'DisplayTimeout');
    this.settleNotification(token, action, reason);
    return true;
  }

  /**
   * Raises any event to the widget's handlers, as the host does: each handler is called with the payload
   * as a JSON string (a string payload is passed through untouched, for malformed-payload tests), and must
   * return a promise. Handlers that do not — or that throw or reject — are recorded in {@link handlerErrors}
   * and reported with an `error` event.
   * @returns the number of handlers called
   */
  raise(eventName: string, payload: unknown): number {
    const list = [...(this.handlers.get(eventName) ?? [])];
    const data = typeof payload === 'string' ? payload : (JSON.stringify(payload) ?? 'null');
    for (const handler of list) {
      let result: unknown;
      try {
        result = handler(data);
      } catch (e) {
        this.handlerFailed(eventName, `The "${eventName}" handler threw: ${describeError(e)}`);
        continue;
      }
      if (!result || typeof (result as PromiseLike<unknown>).then !== 'function') {
        this.handlerFailed(
          eventName,
          `The "${eventName}" handler did not return a promise; CIF calls .then() on it and the host times out ` +
            `("${CIF_TIMEOUT_MESSAGE}")`,
        );
        continue;
      }
      (result as PromiseLike<unknown>).then(undefined, (e: unknown) =>
        this.handlerFailed(eventName, `The "${eventName}" handler's promise rejected: ${describeError(e)}`),
      );
    }
    return list.length;
  }

  // ============================================================================================ the fake library

  private buildFramework(): CifFrameworkApi {
    const fw: CifFrameworkApi = {
      setMode: (mode) => this.setMode(mode),
      getMode: () => this.call('getMode', () => this._mode),
      setWidth: (px) => this.setWidth(px),
      getWidth: () => this.call('getWidth', () => this._width),
      setClickToAct: (enabled) => this.setClickToAct(enabled),
      getClickToAct: () => this.call('getClickToAct', () => this._clickToAct),
      createRecord: (entity, dataJson) => this.createRecord(entity, dataJson),
      retrieveRecord: (entity, id, query) => this.retrieveRecord(entity, id, query),
      updateRecord: (entity, id, dataJson) => this.updateRecord(entity, id, dataJson),
      deleteRecord: (entity, id) => this.deleteRecord(entity, id),
      searchAndOpenRecords: (entity, query, searchOnly) => this.searchAndOpenRecords(entity, query, searchOnly),
      openForm: (options, parameters) => this.openForm(options, parameters),
      renderSearchPage: (entity, searchString) => this.renderSearchPage(entity, searchString),
      getEnvironment: () => this.call('getEnvironment', () => JSON.stringify(this.environment())),
      addHandler: (name, handler) => this.addHandler(name, handler),
      removeHandler: (name, handler) => this.removeHandler(name, handler),
      canCreateSession: () => this.call('canCreateSession', () => this._sessions.size < MAX_SESSIONS, { v2: true }),
      createSession: (input, _correlationId, providerSessionId) => this.createSession(input, providerSessionId),
      getSession: (sessionId) => this.getSession(sessionId),
      getFocusedSession: () =>
        this.call('getFocusedSession', () => (this.foreignSessions.has(this._focusedSessionId) ? null : this._focusedSessionId), {
          v2: true,
        }),
      getAllSessions: () => this.call('getAllSessions', () => [...this._sessions.keys()], { v2: true }),
      requestFocusSession: (sessionId) => this.requestFocusSession(sessionId),
      setSessionTitle: (input) => this.setSessionTitle(input),
      notifyNewActivity: (sessionId, count, shouldReset) => this.notifyNewActivity(sessionId, count, shouldReset),
      notifyKpiBreach: (sessionId, shouldReset, details) => this.notifyKpiBreach(sessionId, shouldReset, details),
      updateContext: (input, sessionId, isDelete) => this.updateContext(input, sessionId, isDelete),
      createTab: (input) => this.createTab(input),
      focusTab: (tabId) => this.focusTab(tabId),
      getFocusedTab: () =>
        this.call('getFocusedTab', () => this.tabsOfFocusedSession('getFocusedTab').find((t) => t.focused)?.tabId ?? null, {
          v2: true,
        }),
      getTabs: (templateName, tags) => this.getTabs(templateName, tags),
      refreshTab: (tabId) => this.refreshTab(tabId),
      setTabTitle: (tabId, input) => this.setTabTitle(tabId, input),
      closeTab: (tabId) => this.closeTab(tabId),
      notifyEvent: (input) => this.notifyEvent(input),
      cancelEvent: (token) => this.cancelEvent(token),
      isConsoleApp: () => this.call('isConsoleApp', () => this._isConsoleApp),
    };
    if (this._version >= 2 && !this.withoutPresenceApi) {
      // Documented CIF 2.0 / Omnichannel APIs; absent from CIF 1.0 libraries and from the shipped 2026 build.
      fw.getPresence = () => this.call('getPresence', () => this._presence.presenceText, { v2: true });
      fw.setPresence = (text) => this.setPresence(text);
    }
    return fw;
  }

  /**
   * Runs one API call the way the library and host do: argument validation first (immediate JSON-string
   * rejection, as the library validates before posting), then the latency, then an injected failure, the
   * CIF 1.0 check for 2.0 APIs, and finally the host's work. `run` throws the exact rejection value.
   */
  private call<T>(
    method: CifApiName,
    run: () => T | Promise<T>,
    opts: { v2?: boolean; validate?: () => string | undefined } = {},
  ): Promise<T> {
    const unsupported = opts.v2 === true && this._version < 2;
    if (!unsupported) {
      const invalid = opts.validate?.();
      if (invalid) return Promise.reject(jsonError(method, `${method}: ${invalid}`));
    }
    const failure = this.takeFailure(method);
    return (async () => {
      await this.delay();
      if (failure) return this.injected(method, failure) as T;
      if (unsupported) throw mapError(method, CIF_UNSUPPORTED_MESSAGE);
      return await run();
    })();
  }

  private delay(): Promise<void> {
    const ms = this.latencyMs;
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
  }

  private takeFailure(method: string): SimulatedFailure | undefined {
    const entry = this.failures.get(method);
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.failures.delete(method);
    return entry.failure;
  }

  /** Returns the injected wrong answer, or throws the injected rejection. */
  private injected(method: string, failure: SimulatedFailure): unknown {
    if (failure === 'presence-failed') return 'FAILED';
    if (failure === 'false') return false;
    const json = JSON_APIS.has(method);
    if (failure === 'timeout') throw json ? jsonError(method, CIF_TIMEOUT_MESSAGE) : mapError(method, CIF_TIMEOUT_MESSAGE);
    const message = failure.message ?? `Simulated failure of ${method}`;
    switch (failure.shape ?? (json ? 'json' : 'map')) {
      case 'json':
        throw jsonError(method, message);
      case 'map':
        throw mapError(method, message);
      case 'xrm':
        throw xrmError(method, message);
      case 'error':
        throw new Error(message);
      case 'string':
        throw message;
    }
  }

  // -------------------------------------------------------------------------------------------- panel

  private setMode(mode: number): Promise<unknown> {
    return this.call(
      'setMode',
      () => {
        if (this._version >= 2 && this.providerCount > 1 && this._focusedSessionId === HOME_SESSION_ID) {
          throw mapError('setMode', CIF_HOME_SESSION_MODE_MESSAGE);
        }
        const applied = this.applicableMode(mode as PanelMode);
        if (applied !== this._mode) {
          this._mode = applied;
          this.changed();
        }
        return applied;
      },
      { validate: () => problem([mode !== 0 && mode !== 1 && mode !== 2, `value must be 0, 1 or 2 (got ${String(mode)})`]) },
    );
  }

  /** Mode 2 (hidden) exists only in CIF 2.0 multisession apps; elsewhere the host applies 0. */
  private applicableMode(mode: PanelMode): PanelMode {
    return mode === 2 && !(this._version >= 2 && this._isConsoleApp) ? 0 : mode;
  }

  private setWidth(px: number): Promise<unknown> {
    return this.call(
      'setWidth',
      () => {
        if (px !== this._width) {
          this._width = px;
          this.changed();
        }
        return px;
      },
      {
        validate: () =>
          problem([!(typeof px === 'number' && Number.isFinite(px) && px >= 0), `value must be a number of pixels ≥ 0 (got ${String(px)})`]),
      },
    );
  }

  private setClickToAct(enabled: boolean): Promise<unknown> {
    return this.call(
      'setClickToAct',
      () => {
        if (enabled !== this._clickToAct) {
          this._clickToAct = enabled;
          this.changed();
        }
        return undefined;
      },
      { validate: () => problem([typeof enabled !== 'boolean', 'value must be true or false']) },
    );
  }

  // -------------------------------------------------------------------------------------------- records

  private table(entity: string): Map<string, CifRecord> {
    let t = this.store.get(entity);
    if (!t) {
      t = new Map();
      this.store.set(entity, t);
    }
    return t;
  }

  private loadSeed(seed: SeedData): void {
    for (const [entity, rows] of Object.entries(seed)) for (const row of rows) this.put(entity, structuredClone(row));
  }

  /** The id a new record gets: its own primary id column (normalised) or a new GUID. */
  private static idFor(entity: string, data: CifRecord): string {
    const given = data[primaryIdKey(entity)];
    return typeof given === 'string' && given ? normalizeId(given) : newGuid();
  }

  /** Stores a record (replacing one with the same id), filling its id and computed columns. Returns the id. */
  private put(entity: string, data: CifRecord, id = SimulatedCifHost.idFor(entity.toLowerCase(), data)): string {
    const name = entity.toLowerCase();
    const record: CifRecord = { ...data, [primaryIdKey(name)]: id };
    completeRecord(name, record);
    this.table(name).set(id, record);
    return id;
  }

  private existing(method: CifApiName, entity: string, id: string): CifRecord {
    const r = this.store.get(entity.toLowerCase())?.get(normalizeId(id));
    if (!r) throw xrmError(method, `Entity '${entity}' With Id = ${normalizeId(id)} does not exist`);
    return r;
  }

  private parseQuery(method: CifApiName, query: string | undefined): ODataQuery {
    try {
      return parseODataQuery(query ?? '');
    } catch (e) {
      if (e instanceof ODataQueryError) throw xrmError(method, `Invalid query: ${e.message}`);
      throw e;
    }
  }

  private createRecord(entity: string, dataJson: string): Promise<string> {
    return this.call(
      'createRecord',
      () => {
        const ref = this.insert('createRecord', entity, parseObject(dataJson)!);
        return JSON.stringify(ref);
      },
      {
        validate: () => problem(checkEntity(entity), checkData(dataJson)),
      },
    );
  }

  private insert(method: CifApiName, entity: string, data: Record<string, unknown>): { id: string; entityType: string } {
    const name = entity.toLowerCase();
    const id = SimulatedCifHost.idFor(name, data);
    if (this.table(name).has(id)) throw xrmError(method, `A record with id ${id} already exists (Cannot insert duplicate key)`);
    this.put(name, data, id);
    this.changed();
    return { id, entityType: name };
  }

  private retrieveRecord(entity: string, id: string, query?: string): Promise<string> {
    return this.call(
      'retrieveRecord',
      () => {
        const q = this.parseQuery('retrieveRecord', query);
        const record = this.existing('retrieveRecord', entity, id);
        return JSON.stringify(selectColumns(record, q.select, primaryIdKey(entity.toLowerCase())));
      },
      {
        validate: () =>
          problem(checkEntity(entity), checkId(id), [query !== undefined && query !== null && typeof query !== 'string', 'query must be a string']),
      },
    );
  }

  private updateRecord(entity: string, id: string, dataJson: string): Promise<string> {
    return this.call(
      'updateRecord',
      () => {
        const record = this.existing('updateRecord', entity, id);
        const name = entity.toLowerCase();
        const idKey = primaryIdKey(name);
        const { [idKey]: _ignored, ...changes } = parseObject(dataJson)!;
        const recomputeName = name === 'contact' && !('fullname' in changes) && ('firstname' in changes || 'lastname' in changes);
        Object.assign(record, changes);
        if (recomputeName) delete record.fullname;
        completeRecord(name, record);
        this.changed();
        return JSON.stringify({ id: record[idKey], entityType: name });
      },
      {
        validate: () => problem(checkEntity(entity), checkId(id), checkData(dataJson)),
      },
    );
  }

  private deleteRecord(entity: string, id: string): Promise<string> {
    return this.call(
      'deleteRecord',
      () => {
        this.existing('deleteRecord', entity, id);
        const name = entity.toLowerCase();
        this.store.get(name)!.delete(normalizeId(id));
        this.changed();
        return JSON.stringify({ id: normalizeId(id), entityType: name });
      },
      {
        validate: () => problem(checkEntity(entity), checkId(id)),
      },
    );
  }

  private searchAndOpenRecords(entity: string, query: string, searchOnly: boolean): Promise<string> {
    return this.call(
      'searchAndOpenRecords',
      () => {
        const q = this.parseQuery('searchAndOpenRecords', query);
        const name = entity.toLowerCase();
        const t = this.store.get(name);
        if (!t) throw xrmError('searchAndOpenRecords', `Resource not found for the segment '${name}'`);
        const rows = applyODataQuery([...t.values()], q, primaryIdKey(name));
        if (!searchOnly) {
          const only = rows.length === 1 && !q.search ? rows[0] : undefined;
          const source = 'searchAndOpenRecords';
          if (only) this.open({ kind: 'record', source, entityName: name, entityId: String(only[primaryIdKey(name)]) });
          else this.open({ kind: 'search', source, entityName: name, searchString: searchTextOf(q) });
        }
        // CIF flattens the result array into an object keyed by index.
        const indexed: Record<string, CifRecord> = {};
        rows.forEach((row, i) => (indexed[String(i)] = row));
        return JSON.stringify(indexed);
      },
      {
        validate: () => problem(checkEntity(entity), [typeof query !== 'string', 'queryParameters must be a string']),
      },
    );
  }

  private openForm(optionsJson: string, parametersJson?: string): Promise<string> {
    return this.call(
      'openForm',
      () => {
        const options = parseObject(optionsJson)!;
        const entity = String(options.entityName).toLowerCase();
        const params = parametersJson === undefined || parametersJson === null ? undefined : parseObject(parametersJson)!;
        if (isNonEmptyString(options.entityId)) {
          const record = this.existing('openForm', entity, options.entityId);
          const id = normalizeId(options.entityId);
          this.open({ kind: 'form', source: 'openForm', entityName: entity, entityId: id });
          return JSON.stringify({ savedEntityReference: [reference(entity, id, record)] });
        }
        if (!params || Object.keys(params).length === 0) {
          // A new, empty form: the simulated agent closes it without saving.
          this.open({ kind: 'form', source: 'openForm', entityName: entity });
          return JSON.stringify({ savedEntityReference: [] });
        }
        const { id } = this.insert('openForm', entity, params);
        this.open({ kind: 'form', source: 'openForm', entityName: entity, entityId: id });
        return JSON.stringify({ savedEntityReference: [reference(entity, id, this.store.get(entity)!.get(id)!)] });
      },
      {
        validate: () => {
          const options = parseObject(optionsJson);
          if (!options) return 'entityFormOptions must be a JSON string of an object';
          if (!isNonEmptyString(options.entityName)) return 'entityFormOptions.entityName is required';
          if (parametersJson !== undefined && parametersJson !== null && parseObject(parametersJson) === undefined) {
            return 'formParameters must be a JSON string of an object';
          }
          return undefined;
        },
      },
    );
  }

  private renderSearchPage(entity: string, searchString: string): Promise<unknown> {
    return this.call(
      'renderSearchPage',
      () => {
        this.open({ kind: 'search', source: 'renderSearchPage', entityName: entity.toLowerCase(), searchString });
        return undefined;
      },
      {
        validate: () => problem(checkEntity(entity), [typeof searchString !== 'string', 'searchString must be a string']),
      },
    );
  }

  private open(page: Omit<SimulatedOpenedPage, 'at'>): void {
    this._opened.push({ ...page, at: Date.now() });
    this.changed();
  }

  private environment(): CifEnvironment {
    const page: Record<string, string> = {};
    try {
      new URL(this.currentPageUrl).searchParams.forEach((v, k) => (page[k] = v));
    } catch {
      /* not a URL: no page parameters */
    }
    return {
      ...page,
      clientUrl: SIMULATED_CLIENT_URL,
      appUrl: `${SIMULATED_CLIENT_URL}/main.aspx?appid=${SIM_APP_ID}`,
      orgId: '5f0c8d9e-2b1a-4c3d-8e7f-1a2b3c4d5e6f',
      orgUniqueName: 'orgcontoso',
      orgLcid: 1033,
      userId: '{7D3E6B1A-9C2F-4E8B-A5D4-3F2E1D0C9B8A}',
      username: 'Alex Wilber',
      userLcid: 1033,
      userRoles: ['3d5a8f10-6c2b-4e9a-9f1d-2b7c8e4a6d30'],
      crmVersion: '9.2.24091.00184',
      isDirty: null,
      customParams: '',
      ...this.environmentOverrides,
    };
  }

  // -------------------------------------------------------------------------------------------- handlers

  private addHandler(name: string, handler: CifFrameworkHandler): unknown {
    if (!isNonEmptyString(name)) return Promise.reject(jsonError('addHandler', 'addHandler: eventName must be a non-empty string'));
    if (typeof handler !== 'function') return Promise.reject(jsonError('addHandler', 'addHandler: handler must be a function'));
    const failure = this.takeFailure('addHandler');
    if (failure) return this.rejectedNow('addHandler', failure);
    let list = this.handlers.get(name);
    if (!list) {
      list = [];
      this.handlers.set(name, list);
    }
    list.push(handler);
    this.changed();
    return undefined;
  }

  private removeHandler(name: string, handler: CifFrameworkHandler): unknown {
    if (!isNonEmptyString(name)) return Promise.reject(jsonError('removeHandler', 'removeHandler: eventName must be a non-empty string'));
    if (typeof handler !== 'function') return Promise.reject(jsonError('removeHandler', 'removeHandler: handler must be a function'));
    const failure = this.takeFailure('removeHandler');
    if (failure) return this.rejectedNow('removeHandler', failure);
    const list = this.handlers.get(name);
    const i = list ? list.indexOf(handler) : -1;
    if (list && i >= 0) {
      list.splice(i, 1);
      if (list.length === 0) this.handlers.delete(name);
      this.changed();
    }
    return undefined;
  }

  private rejectedNow(method: string, failure: SimulatedFailure): Promise<unknown> {
    try {
      return Promise.resolve(this.injected(method, failure));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  private handlerFailed(eventName: string, message: string): void {
    const error = { eventName, message };
    this._handlerErrors.push(error);
    this.dispatchEvent(new CustomEvent<SimulatedHandlerError>('error', { detail: { ...error } }));
  }

  // -------------------------------------------------------------------------------------------- sessions

  private sessionView(s: SessionState): SimulatedSession {
    return {
      ...s,
      focused: s.sessionId === this._focusedSessionId,
      context: structuredClone(s.context),
      templateParameters: { ...s.templateParameters },
    };
  }

  private knowsSession(id: string): boolean {
    return id === HOME_SESSION_ID || this._sessions.has(id) || this.foreignSessions.has(id);
  }

  private ownSession(method: CifApiName, id: unknown): SessionState {
    const s = typeof id === 'string' ? this._sessions.get(id) : undefined;
    if (!s) throw mapError(method, `Session ${String(id)} does not exist or does not belong to this provider`);
    return s;
  }

  /** Moves the focus; raises onSessionSwitched (old: false, then new: true) for the provider's own sessions. */
  private focusSession(id: string): void {
    const old = this._focusedSessionId;
    const target = this._sessions.get(id);
    if (target) target.unread = 0;
    if (old === id) {
      this.changed();
      return;
    }
    this._focusedSessionId = id;
    const before = this._sessions.get(old);
    if (before) this.raise('onSessionSwitched', { sessionId: old, focused: false, context: before.context });
    if (target) this.raise('onSessionSwitched', { sessionId: id, focused: true, context: target.context });
    this.changed();
  }

  private createSession(input: CifFrameworkSessionInput, providerSessionId?: string): Promise<unknown> {
    return this.call(
      'createSession',
      () => {
        if (!isObject(input) || !isNonEmptyString(input.templateName)) {
          throw mapError('createSession', 'templateName is required (the unique name of a Generic session template)');
        }
        if (this._sessions.size >= MAX_SESSIONS) {
          throw mapError('createSession', `Maximum number of sessions (${MAX_SESSIONS}) reached; close a session first`);
        }
        const templateParameters = isObject(input.templateParameters) ? structuredClone(input.templateParameters) : {};
        const customerName = isNonEmptyString(input.customerName)
          ? input.customerName
          : isNonEmptyString(templateParameters.customerName)
            ? templateParameters.customerName
            : undefined;
        const sessionId = `session-id-${++this.sessionCounter}`;
        const session: SessionState = {
          sessionId,
          context: structuredClone(input.context ?? {}),
          conversationId: newGuid(),
          title: customerName ?? input.templateName,
          templateName: input.templateName,
          templateParameters,
          unread: 0,
          kpiBreached: false,
          createdAt: Date.now(),
        };
        if (customerName !== undefined) session.customerName = customerName;
        if (isNonEmptyString(providerSessionId)) session.providerSessionId = providerSessionId;
        this._sessions.set(sessionId, session);
        // Dynamics focuses a new session.
        this.focusSession(sessionId);
        return sessionId;
      },
      { v2: true },
    );
  }

  private getSession(sessionId: string): Promise<unknown> {
    return this.call(
      'getSession',
      () => {
        const s = this.ownSession('getSession', sessionId);
        return new Map<string, unknown>([
          ['sessionId', s.sessionId],
          ['focused', s.sessionId === this._focusedSessionId],
          ['context', structuredClone(s.context)],
          ['conversationId', s.conversationId],
        ]);
      },
      { v2: true },
    );
  }

  private requestFocusSession(sessionId: string): Promise<unknown> {
    return this.call(
      'requestFocusSession',
      () => {
        this.ownSession('requestFocusSession', sessionId);
        this.focusSession(sessionId);
        return undefined;
      },
      { v2: true },
    );
  }

  private setSessionTitle(input: Record<string, string>): Promise<unknown> {
    return this.call(
      'setSessionTitle',
      () => {
        if (!isObject(input)) throw mapError('setSessionTitle', 'input must be an object {sessionId, <slug>: value}');
        const s = this.ownSession('setSessionTitle', input.sessionId);
        const { sessionId: _id, ...slugs } = input;
        const title = typeof slugs.title === 'string' ? slugs.title : Object.values(slugs).map(String).join(' ');
        s.title = title || s.title;
        this.changed();
        return undefined;
      },
      { v2: true },
    );
  }

  private notifyNewActivity(sessionId: string, count: number, shouldReset?: boolean): Promise<unknown> {
    return this.call(
      'notifyNewActivity',
      () => {
        const s = this.ownSession('notifyNewActivity', sessionId);
        if (!shouldReset && (typeof count !== 'number' || !Number.isInteger(count) || count < 0)) {
          throw mapError('notifyNewActivity', 'count must be an integer ≥ 0');
        }
        s.unread = shouldReset ? 0 : count;
        this.changed();
        return undefined;
      },
      { v2: true },
    );
  }

  private notifyKpiBreach(sessionId: string, shouldReset?: boolean, details?: string): Promise<unknown> {
    return this.call(
      'notifyKpiBreach',
      () => {
        const s = this.ownSession('notifyKpiBreach', sessionId);
        s.kpiBreached = !shouldReset;
        if (shouldReset) delete s.kpiDetails;
        else if (typeof details === 'string') s.kpiDetails = details;
        this.changed();
        return undefined;
      },
      { v2: true },
    );
  }

  private updateContext(input: Record<string, unknown> | string[], sessionId?: string, isDelete?: boolean): Promise<unknown> {
    return this.call(
      'updateContext',
      () => {
        const target = sessionId ?? this._focusedSessionId;
        let context: Record<string, unknown>;
        if (target === HOME_SESSION_ID) context = this.homeContext;
        else {
          const s = this.ownSession('updateContext', target);
          if (!isObject(s.context)) s.context = {};
          context = s.context as Record<string, unknown>;
        }
        if (isDelete) {
          if (!Array.isArray(input) && !isObject(input)) throw mapError('updateContext', 'input must be an array of keys or an object');
          for (const key of Array.isArray(input) ? input : Object.keys(input)) delete context[String(key)];
        } else {
          if (!isObject(input)) throw mapError('updateContext', 'input must be an object');
          Object.assign(context, structuredClone(input));
        }
        this.changed();
        return undefined;
      },
      { v2: true },
    );
  }

  // -------------------------------------------------------------------------------------------- tabs

  /** Tabs of the focused session; rejects while another provider's session has the focus. */
  private tabsOfFocusedSession(method: CifApiName): SimulatedTab[] {
    if (this.foreignSessions.has(this._focusedSessionId)) throw mapError(method, CIF_FOREIGN_SESSION_MESSAGE);
    return this._tabs.filter((t) => t.sessionId === this._focusedSessionId);
  }

  private tabInFocusedSession(method: CifApiName, tabId: unknown): SimulatedTab {
    const tab = this.tabsOfFocusedSession(method).find((t) => t.tabId === tabId);
    if (!tab) throw mapError(method, `Tab ${String(tabId)} does not exist in the focused session`);
    return tab;
  }

  private createTab(input: { templateName: string; templateParameters?: Record<string, unknown>; isFocused?: boolean }): Promise<unknown> {
    return this.call(
      'createTab',
      () => {
        const siblings = this.tabsOfFocusedSession('createTab');
        if (!isObject(input) || !isNonEmptyString(input.templateName)) {
          throw mapError('createTab', 'templateName is required (the unique name of an application tab template)');
        }
        const templateParameters = isObject(input.templateParameters) ? structuredClone(input.templateParameters) : {};
        const focus = input.isFocused === true || !siblings.some((t) => t.focused);
        if (focus) for (const t of siblings) t.focused = false;
        const tab: SimulatedTab = {
          tabId: `tab-id-${++this.tabCounter}`,
          sessionId: this._focusedSessionId,
          templateName: input.templateName,
          templateParameters,
          title: typeof templateParameters.title === 'string' ? templateParameters.title : input.templateName,
          focused: focus,
          tags: [...(this.tabTemplateTags[input.templateName] ?? [])],
          refreshCount: 0,
        };
        this._tabs.push(tab);
        this.changed();
        return tab.tabId;
      },
      { v2: true },
    );
  }

  private focusTab(tabId: string): Promise<unknown> {
    return this.call(
      'focusTab',
      () => {
        const tab = this.tabInFocusedSession('focusTab', tabId);
        for (const t of this._tabs) if (t.sessionId === tab.sessionId) t.focused = t === tab;
        this.changed();
        return undefined;
      },
      { v2: true },
    );
  }

  private getTabs(templateName?: string, tags?: string): Promise<unknown> {
    return this.call(
      'getTabs',
      () => {
        const wanted = typeof tags === 'string' && tags ? tags.split(',').map((s) => s.trim()).filter(Boolean) : [];
        return this.tabsOfFocusedSession('getTabs')
          .filter((t) => !templateName || t.templateName === templateName)
          .filter((t) => wanted.every((tag) => t.tags.includes(tag)))
          .map((t) => t.tabId);
      },
      { v2: true },
    );
  }

  private refreshTab(tabId: string): Promise<unknown> {
    return this.call(
      'refreshTab',
      () => {
        this.tabInFocusedSession('refreshTab', tabId).refreshCount += 1;
        this.changed();
        return undefined;
      },
      { v2: true },
    );
  }

  private setTabTitle(tabId: string, input: unknown): Promise<unknown> {
    return this.call(
      'setTabTitle',
      () => {
        const tab = this.tabInFocusedSession('setTabTitle', tabId);
        tab.title = typeof input === 'string' ? input : isObject(input) && typeof input.title === 'string' ? input.title : String(input);
        this.changed();
        return undefined;
      },
      { v2: true },
    );
  }

  private closeTab(tabId: string): Promise<unknown> {
    return this.call(
      'closeTab',
      () => {
        const tab = this.tabInFocusedSession('closeTab', tabId);
        this._tabs.splice(this._tabs.indexOf(tab), 1);
        if (tab.focused) {
          const rest = this._tabs.filter((t) => t.sessionId === tab.sessionId);
          if (rest.length) rest[rest.length - 1]!.focused = true;
        }
        this.changed();
        return undefined;
      },
      { v2: true },
    );
  }

  // -------------------------------------------------------------------------------------------- notifications

  private notifyEvent(input: Record<string, unknown>): Promise<string> {
    return this.call(
      'notifyEvent',
      () => {
        if (this.pending.size >= MAX_NOTIFICATIONS) {
          return JSON.stringify({ actionName: 'Reject', responseReason: 'NotificationQueueLimitExceeded' });
        }
        const token = isNonEmptyString(input.cancellationToken) ? input.cancellationToken : `notification-${++this.notificationCounter}`;
        if (this.pending.has(token)) throw jsonError('notifyEvent', `A notification with cancellation token "${token}" is already shown`);
        const templateParameters = isObject(input.templateParameters) ? structuredClone(input.templateParameters) : {};
        const seconds = Number(templateParameters.timeout);
        const timeoutMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : this.notificationTimeoutMs;
        return new Promise<string>((resolve) => {
          const createdAt = Date.now();
          const n: PendingNotification = {
            token,
            templateParameters,
            input: structuredClone(input),
            createdAt,
            expiresAt: createdAt + timeoutMs,
            resolve,
            timer: setTimeout(() => this.settleNotification(token, 'Timeout', 'DisplayTimeout'), timeoutMs),
          };
          if (isNonEmptyString(input.templateName)) n.templateName = input.templateName;
          this.pending.set(token, n);
          this.changed();
        });
      },
      {
        v2: true,
        validate: () => {
          if (!isObject(input)) return 'input must be an object';
          const legacy = isNonEmptyString(input.eventType) && input.notificationUXObject !== undefined;
          return problem([!isNonEmptyString(input.templateName) && !legacy, 'templateName is required (or eventType and notificationUXObject)']);
        },
      },
    );
  }

  private settleNotification(token: string, actionName: string, responseReason: string): void {
    const n = this.pending.get(token);
    if (!n) return;
    clearTimeout(n.timer);
    this.pending.delete(token);
    n.resolve(JSON.stringify({ actionName, responseReason }));
    this.changed();
  }

  private cancelEvent(token: string): Promise<unknown> {
    return this.call(
      'cancelEvent',
      () => {
        if (!this.pending.has(token)) {
          throw jsonError('cancelEvent', `No pending notification has the cancellation token "${token}" (not found or already answered)`);
        }
        // Inferred: the cancelled notifyEvent call resolves with actionName "Cancel" (undocumented).
        this.settleNotification(token, 'Cancel', 'CancelledByProvider');
        return token;
      },
      { v2: true, validate: () => problem([!isNonEmptyString(token), 'cancellationToken must be a non-empty string']) },
    );
  }

  // -------------------------------------------------------------------------------------------- presence

  private setPresence(text: string): Promise<unknown> {
    return this.call(
      'setPresence',
      () => {
        const p = this._presences.find((x) => x.presenceText === text);
        if (!p) return false;
        this.applyPresence(p);
        return true;
      },
      { v2: true, validate: () => problem([typeof text !== 'string', 'presenceText must be a string']) },
    );
  }

  private applyPresence(p: CifPresenceInfo): void {
    if (p.presenceId === this._presence.presenceId) return;
    this._presence = p;
    const payload =
      this.presencePayloadShape === 'presenceId' ? { presenceId: p.presenceId } : { presenceInfo: { ...p } };
    if (this.presenceEventShape !== 'setPresenceEvent') this.raise('onPresenceChange', payload);
    if (this.presenceEventShape !== 'onPresenceChange') this.raise('setPresenceEvent', payload);
    this.changed();
  }

  // -------------------------------------------------------------------------------------------- misc

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

/** Validation rejection of the library: JSON string `{"message","msdyn_name"}`. */
function jsonError(method: string, message: string): string {
  return JSON.stringify({ message, msdyn_name: method });
}

/** Rejection of a raw API: a `Map` with `message` and `msdyn_name`. */
function mapError(method: string, message: string): Map<string, unknown> {
  return new Map<string, unknown>([
    ['message', message],
    ['msdyn_name', method],
  ]);
}

/** An Xrm call failing inside the host: JSON string `{"value":{"errorMsg",…}}`. */
function xrmError(method: string, message: string): string {
  return JSON.stringify({
    value: { errorMsg: message, errorType: XRM_API_ERROR, reportTime: new Date().toISOString(), sourceFunc: method },
  });
}

/** Fills columns Dataverse computes: a contact's `fullname`. */
function completeRecord(entity: string, record: CifRecord): void {
  if (entity === 'contact' && (record.fullname === undefined || record.fullname === null)) {
    const full = [record.firstname, record.lastname].filter((x) => typeof x === 'string' && x).join(' ');
    if (full) record.fullname = full;
  }
}

function reference(entity: string, id: string, record: CifRecord): { entityType: string; id: string; name?: string } {
  const name = record[primaryNameKey(entity)];
  return typeof name === 'string' ? { entityType: entity, id, name } : { entityType: entity, id };
}

/** What the search page shows for a query: the `$search` text, else the first string literal of `$filter`. */
function searchTextOf(q: ODataQuery): string {
  if (q.search) return q.search.join(' ');
  const walk = (f: ODataQuery['filter']): string | undefined => {
    if (!f) return undefined;
    switch (f.kind) {
      case 'and':
      case 'or':
        return walk(f.left) ?? walk(f.right);
      case 'not':
        return walk(f.operand);
      case 'call': {
        const arg = f.args[1];
        return arg.kind === 'literal' && typeof arg.value === 'string' ? arg.value : undefined;
      }
      case 'compare': {
        const lit = [f.left, f.right].find((o) => o.kind === 'literal' && typeof o.value === 'string');
        return lit && lit.kind === 'literal' ? String(lit.value) : undefined;
      }
    }
  };
  return walk(q.filter) ?? '';
}
