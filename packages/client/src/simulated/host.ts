import { TypedEventTarget } from '../typed-event-target.js';
import type { CifFrameworkApi, CifFrameworkHandler, CifFrameworkSessionInput } from '../framework.js';
import { DEFAULT_PRESENCES } from '../presences.js';
import type { CifEnvironment, CifPresenceInfo, CifRecord, CifVersion, ClickToActPayload, PanelMode } from '../types.js';
import { isObject, normalizeId } from '../util.js';
import { primaryIdKey } from './odata.js';
import { createSeedData } from './seed.js';
import type { SeedData } from './seed.js';
import { RecordStore, parseQuery, queryRows, reference, searchTextOf, selectedColumns } from './records.js';
import { HOME_SESSION_ID, MAX_SESSIONS, SessionStore } from './sessions.js';
import type { SimulatedSession, SimulatedTab } from './sessions.js';
import {
  CIF_HOME_SESSION_MODE_MESSAGE,
  CIF_UNSUPPORTED_MESSAGE,
  FailureSwitches,
  HandlerRegistry,
  checkData,
  checkEntity,
  checkId,
  injectedAnswer,
  isNonEmptyString,
  jsonError,
  mapError,
  parseObject,
  problem,
  xrmError,
} from './wire.js';
import type { CifApiName, SimulatedFailure, SimulatedHandlerError } from './wire.js';

// The wire protocol, the record store and the sessions live in their own modules; the host's module still
// exports what it always did.
export {
  CIF_TIMEOUT_MESSAGE,
  CIF_UNSUPPORTED_MESSAGE,
  CIF_FOREIGN_SESSION_MESSAGE,
  CIF_HOME_SESSION_MODE_MESSAGE,
} from './wire.js';
export type { CifApiName, SimulatedFailure, SimulatedFailureOptions, SimulatedHandlerError } from './wire.js';
export { HOME_SESSION_ID, MAX_SESSIONS } from './sessions.js';
export type { SimulatedSession, SimulatedTab } from './sessions.js';

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

/** Most notifications shown at once; more are rejected with `NotificationQueueLimitExceeded`. */
export const MAX_NOTIFICATIONS = 10;
/** The simulated org. */
export const SIMULATED_CLIENT_URL = 'https://contoso.crm.dynamics.com';

const SIM_APP_ID = 'b6a1d4f2-54d5-4c9c-9a3e-6c1a0f0e5a11';

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
  /** The record store; with the built-in demo data, made on first use (not while the widget is connecting). */
  private madeStore: RecordStore | undefined;
  private get store(): RecordStore {
    return (this.madeStore ??= new RecordStore(createSeedData(), true)); // made for this host: no copy
  }
  private readonly handlers = new HandlerRegistry();
  private readonly failures = new FailureSwitches();
  private readonly desk = new SessionStore({
    raise: (eventName, payload) => this.raise(eventName, payload),
    changed: () => this.changed(),
    tabTags: (templateName) => this.tabTemplateTags[templateName] ?? [],
  });
  private readonly _opened: SimulatedOpenedPage[] = [];
  private readonly pending = new Map<string, PendingNotification>();
  private readonly _handlerErrors: SimulatedHandlerError[] = [];
  private readonly environmentOverrides: Partial<CifEnvironment>;
  private notificationCounter = 0;
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
    const seed = options.seed ?? true;
    // a seed passed in (or none) is copied now: later changes to it do not reach the host
    if (seed !== true) this.madeStore = new RecordStore(seed || undefined);
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
    return this.desk.own.has(this.desk.focusedId);
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
    return [...this.desk.own.values()].map((s) => this.desk.view(s));
  }

  /**
   * Session that has the focus: `session-id-0` (home), one of the provider's, or another provider's session
   * (see {@link userOpensForeignSession}). `null` on CIF 1.0.
   */
  get focusedSessionId(): string | null {
    return this._version >= 2 ? this.desk.focusedId : null;
  }

  /** All application tabs, of every session. */
  get tabs(): SimulatedTab[] {
    return this.desk.tabs.map((t) => ({ ...t, templateParameters: { ...t.templateParameters }, tags: [...t.tags] }));
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
    return this.store.copies(entity);
  }

  /** A copy of one record, or `undefined`. Accepts ids with braces and in any case. */
  record(entity: string, id: string): CifRecord | undefined {
    const r = this.store.get(entity, id);
    return r ? structuredClone(r) : undefined;
  }

  /**
   * Adds (or replaces) a record directly, without latency or failure injection — for demos and test set-up.
   * Generates the primary id when the record has none. Returns the id.
   */
  putRecord(entity: string, data: CifRecord): string {
    const id = this.store.put(entity, structuredClone(data));
    this.changed();
    return id;
  }

  /** Number of handlers registered through `framework.addHandler` (all events, or one event name). */
  handlerCount(eventName?: string): number {
    return this.handlers.count(eventName);
  }

  // ============================================================================================ switches

  /**
   * Makes `method` fail (see {@link SimulatedFailure}). The failure applies after validation and latency,
   * `times` calls long (default: until {@link clearFailures}). For `addHandler`/`removeHandler` the call
   * returns a rejected promise and registers nothing.
   */
  fail(method: CifApiName, failure: SimulatedFailure = {}): void {
    this.failures.set(method, failure);
  }

  /** Removes every injected failure (or only the one of `method`). */
  clearFailures(method?: CifApiName): void {
    this.failures.clear(method);
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
    if (this._version < 2 || !this.desk.knows(sessionId)) return false;
    this.desk.focus(sessionId);
    return true;
  }

  /**
   * The agent closes a session. For the provider's sessions raises `onSessionClosed` `{sessionId, context}`
   * and drops its tabs; focus goes back to the home session. The home session cannot be closed.
   */
  userClosesSession(sessionId: string): boolean {
    if (this._version < 2) return false;
    return this.desk.close(sessionId);
  }

  /**
   * The agent focuses a session of another channel provider (e.g. an Omnichannel chat). While it has the
   * focus, `getFocusedSession` answers `null` and tab APIs reject. Returns the foreign session's id.
   */
  userOpensForeignSession(): string {
    if (this._version < 2) throw new Error('userOpensForeignSession: sessions need CIF 2.0');
    return this.desk.openForeign();
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
    return this.handlers.raise(eventName, payload, (name, message) => this.handlerFailed(name, message));
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
      canCreateSession: () => this.call('canCreateSession', () => this.desk.own.size < MAX_SESSIONS, { v2: true }),
      createSession: (input, _correlationId, providerSessionId) =>
        this.call('createSession', () => this.desk.create(input as CifFrameworkSessionInput, providerSessionId), { v2: true }),
      getSession: (sessionId) => this.call('getSession', () => this.desk.get(sessionId), { v2: true }),
      getFocusedSession: () =>
        this.call('getFocusedSession', () => (this.desk.foreignFocused ? null : this.desk.focusedId), {
          v2: true,
        }),
      getAllSessions: () => this.call('getAllSessions', () => [...this.desk.own.keys()], { v2: true }),
      requestFocusSession: (sessionId) => this.call('requestFocusSession', () => this.desk.requestFocus(sessionId), { v2: true }),
      setSessionTitle: (input) => this.call('setSessionTitle', () => this.desk.setTitle(input), { v2: true }),
      notifyNewActivity: (sessionId, count, shouldReset) =>
        this.call('notifyNewActivity', () => this.desk.notifyNewActivity(sessionId, count, shouldReset), { v2: true }),
      notifyKpiBreach: (sessionId, shouldReset, details) =>
        this.call('notifyKpiBreach', () => this.desk.notifyKpiBreach(sessionId, shouldReset, details), { v2: true }),
      updateContext: (input, sessionId, isDelete) =>
        this.call('updateContext', () => this.desk.updateContext(input, sessionId, isDelete), { v2: true }),
      createTab: (input) => this.call('createTab', () => this.desk.createTab(input), { v2: true }),
      focusTab: (tabId) => this.call('focusTab', () => this.desk.focusTab(tabId), { v2: true }),
      getFocusedTab: () =>
        this.call('getFocusedTab', () => this.desk.tabsOfFocusedSession('getFocusedTab').find((t) => t.focused)?.tabId ?? null, {
          v2: true,
        }),
      getTabs: (templateName, tags) => this.call('getTabs', () => this.desk.getTabs(templateName, tags), { v2: true }),
      refreshTab: (tabId) => this.call('refreshTab', () => this.desk.refreshTab(tabId), { v2: true }),
      setTabTitle: (tabId, input) => this.call('setTabTitle', () => this.desk.setTabTitle(tabId, input), { v2: true }),
      closeTab: (tabId) => this.call('closeTab', () => this.desk.closeTab(tabId), { v2: true }),
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
    const failure = this.failures.take(method);
    return (async () => {
      await this.delay();
      if (failure) return injectedAnswer(method, failure) as T;
      if (unsupported) throw mapError(method, CIF_UNSUPPORTED_MESSAGE);
      return await run();
    })();
  }

  private delay(): Promise<void> {
    const ms = this.latencyMs;
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
  }

  // -------------------------------------------------------------------------------------------- panel

  private setMode(mode: number): Promise<unknown> {
    return this.call(
      'setMode',
      () => {
        if (this._version >= 2 && this.providerCount > 1 && this.desk.focusedId === HOME_SESSION_ID) {
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
    const ref = this.store.insert(method, entity, data);
    this.changed();
    return ref;
  }

  private retrieveRecord(entity: string, id: string, query?: string): Promise<string> {
    return this.call(
      'retrieveRecord',
      () => {
        const q = parseQuery('retrieveRecord', query);
        const record = this.store.existing('retrieveRecord', entity, id);
        return JSON.stringify(selectedColumns(record, q, entity));
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
        const ref = this.store.update(entity, id, parseObject(dataJson)!);
        this.changed();
        return JSON.stringify(ref);
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
        const ref = this.store.delete(entity, id);
        this.changed();
        return JSON.stringify(ref);
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
        const q = parseQuery('searchAndOpenRecords', query);
        const name = entity.toLowerCase();
        const t = this.store.existingTable(name);
        if (!t) throw xrmError('searchAndOpenRecords', `Resource not found for the segment '${name}'`);
        const rows = queryRows(t, q, name);
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
          const record = this.store.existing('openForm', entity, options.entityId);
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
        return JSON.stringify({ savedEntityReference: [reference(entity, id, this.store.get(entity, id)!)] });
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
    const failure = this.failures.take('addHandler');
    if (failure) return this.rejectedNow('addHandler', failure);
    this.handlers.add(name, handler);
    this.changed();
    return undefined;
  }

  private removeHandler(name: string, handler: CifFrameworkHandler): unknown {
    if (!isNonEmptyString(name)) return Promise.reject(jsonError('removeHandler', 'removeHandler: eventName must be a non-empty string'));
    if (typeof handler !== 'function') return Promise.reject(jsonError('removeHandler', 'removeHandler: handler must be a function'));
    const failure = this.failures.take('removeHandler');
    if (failure) return this.rejectedNow('removeHandler', failure);
    if (this.handlers.remove(name, handler)) this.changed();
    return undefined;
  }

  private rejectedNow(method: string, failure: SimulatedFailure): Promise<unknown> {
    try {
      return Promise.resolve(injectedAnswer(method, failure));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  private handlerFailed(eventName: string, message: string): void {
    const error = { eventName, message };
    this._handlerErrors.push(error);
    this.dispatchEvent(new CustomEvent<SimulatedHandlerError>('error', { detail: { ...error } }));
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
