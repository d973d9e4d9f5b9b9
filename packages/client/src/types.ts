/**
 * The typed surface of `@cif-elements/client`. Everything a widget needs from Dynamics 365 Channel
 * Integration Framework, with JSON strings parsed, `Map`s turned into objects and every rejection turned
 * into a {@link CifError}.
 */

/** CIF version the client talks to: 1 = single-session apps, 2 = multisession apps. */
export type CifVersion = 1 | 2;

/** Panel state: 0 minimized, 1 docked, 2 hidden (CIF 2.0 multisession apps only). */
export type PanelMode = 0 | 1 | 2;

/** A Dynamics record as returned by the Web API: column name to value. */
export type CifRecord = Record<string, unknown>;

/** Reference to a record that was created, updated or deleted. */
export interface RecordRef {
  id: string;
  entityType: string;
}

/** What Dynamics sends when the agent clicks a click-to-act field (a phone number on a form). */
export interface ClickToActPayload {
  /** The clicked value, e.g. `"+1 425 555 0100"`. */
  value: string;
  /** Logical name of the clicked field, e.g. `"telephone1"`. */
  name: string;
  /** Field format, e.g. `"phone"` or `"email"`. */
  format: string;
  /** Logical name of the record type, e.g. `"contact"`. */
  entityLogicalName: string;
  /** Record id when the host sends one (not guaranteed by CIF). */
  entityId?: string;
  [extra: string]: unknown;
}

/** Result of `getEnvironment`: the current app, page and user. Keys vary with the CIF build. */
export interface CifEnvironment {
  clientUrl?: string;
  appUrl?: string;
  appid?: string;
  pagetype?: string;
  etn?: string;
  id?: string;
  orgId?: string;
  orgUniqueName?: string;
  orgLcid?: number;
  userId?: string;
  userLcid?: number;
  username?: string;
  userRoles?: string[];
  crmVersion?: string;
  customParams?: string;
  [key: string]: unknown;
}

/** `Xrm.Navigation.openForm` entity form options (subset). */
export interface EntityFormOptions {
  entityName: string;
  entityId?: string;
  formId?: string;
  openInNewWindow?: boolean;
  useQuickCreateForm?: boolean;
  [key: string]: unknown;
}

/** Result of `openForm`: the saved record(s), if the user saved. */
export interface OpenFormResult {
  savedEntityReference: Array<{ entityType: string; id: string; name?: string }>;
}

/** Input of {@link CifClient.createSession}. */
export interface CreateSessionInput {
  /** Unique name of a Generic session template. */
  templateName: string;
  /** Template parameters (fill the title's slugs and tab templates). */
  templateParameters?: Record<string, unknown>;
  /** Provider context stored with the session and echoed back by CIF. */
  context?: Record<string, unknown>;
  /** Customer name shown on the session. */
  customerName?: string;
  /** Channel shown in `<cif-session-list>` (e.g. `"voice"`, `"chat"`); kept by the client, not sent to CIF. */
  channel?: string;
  /** Initial title; defaults to the customer name. Kept by the client. */
  title?: string;
  /** Provider's own id for the session. */
  providerSessionId?: string;
}

/** A CIF 2.0 session, with what the client knows about it beyond CIF's own answer. */
export interface CifSession {
  sessionId: string;
  focused: boolean;
  /** The context given at creation (or set with `updateContext`), without cif-elements' own key. */
  context: Record<string, unknown>;
  conversationId?: string;
  title?: string;
  customerName?: string;
  channel?: string;
  /** Epoch ms the session started, when known. */
  startedAt?: number;
  /** New-activity count set with `notifyNewActivity` (0 after focus). */
  unread: number;
}

/** Input of `setSessionTitle`: the session id plus the title template's slugs. */
export interface SessionTitleInput {
  sessionId: string;
  [slug: string]: string;
}

/** Input of `createTab`. */
export interface CreateTabInput {
  templateName: string;
  templateParameters?: Record<string, unknown>;
  isFocused?: boolean;
}

/** Input of `notifyEvent` (template form). */
export interface NotifyEventInput {
  templateName: string;
  templateParameters?: Record<string, unknown>;
  cancellationToken?: string;
  [key: string]: unknown;
}

/** How the agent (or the time-out) answered a notification. */
export interface NotifyEventResult {
  actionName: 'Accept' | 'Reject' | 'Timeout' | string;
  responseReason?: string;
}

/** Omnichannel base presence statuses. */
export type BasePresenceStatus = 'AVAILABLE' | 'BUSY' | 'BUSY_DO_NOT_DISTURB' | 'AWAY' | 'OFFLINE';

/** A presence as CIF describes it. */
export interface CifPresenceInfo {
  presenceId: string;
  presenceText: string;
  presenceColor?: string;
  basePresenceStatus?: BasePresenceStatus | string;
}

/** Payloads of the client's events. */
export interface CifEventMap {
  /** The agent clicked a click-to-act field in Dynamics. */
  clicktoact: ClickToActPayload;
  /** The panel mode changed. */
  modechanged: { mode: PanelMode };
  /** The panel width changed. */
  sizechanged: { width: number };
  /** Dynamics navigates its main page. */
  pagenavigate: { url: string; entityName?: string; entityId?: string; pageType?: string };
  /** The agent sent a knowledge article to the widget. */
  sendkbarticle: { title: string; link: string };
  /** A session was created through this client (CIF itself sends no such event). */
  sessioncreated: CifSession;
  /** What the client knows about a session changed (title, unread count, context). Raised by the client. */
  sessionupdated: CifSession;
  /** Focus moved to (`focused: true`) or away from (`focused: false`) a session. */
  sessionswitched: { sessionId: string; focused: boolean; context: Record<string, unknown> };
  /** A session of this provider was closed. */
  sessionclosed: { sessionId: string; context: Record<string, unknown> };
  /** The agent's presence changed. `presenceText` may be missing when CIF sent only an id. */
  presencechanged: { presenceId: string; presenceText?: string; presenceColor?: string; basePresenceStatus?: string };
}

/** Name of a client event. */
export type CifEventName = keyof CifEventMap;

/** A listener for a client event. */
export type CifListener<K extends CifEventName> = (payload: CifEventMap[K]) => void;

/**
 * The typed CIF client. One instance per widget page, shared by every element through `@lit/context`.
 * Every method rejects with a {@link CifError}; v2-only methods reject with `code: 'unsupported'` on 1.0.
 */
export interface CifClient {
  /** CIF version this client talks to. */
  readonly version: CifVersion;
  /** `'live'` over `Microsoft.CIFramework`, `'simulated'` over a `SimulatedCifHost`. */
  readonly kind: 'live' | 'simulated';

  // records
  createRecord(entity: string, data: CifRecord): Promise<RecordRef>;
  retrieveRecord<T extends CifRecord = CifRecord>(entity: string, id: string, query?: string): Promise<T>;
  updateRecord(entity: string, id: string, data: CifRecord): Promise<RecordRef>;
  deleteRecord(entity: string, id: string): Promise<RecordRef>;
  /** Searches (and, unless `searchOnly`, opens: one match opens the record, several the search page). */
  searchAndOpenRecords<T extends CifRecord = CifRecord>(
    entity: string,
    query: string,
    searchOnly: boolean,
    searchType?: 0 | 1,
  ): Promise<T[]>;
  openForm(options: EntityFormOptions, parameters?: Record<string, unknown>): Promise<OpenFormResult>;
  renderSearchPage(entity: string, searchString: string): Promise<void>;
  getEnvironment(): Promise<CifEnvironment>;

  // click-to-act
  getClickToAct(): Promise<boolean>;
  /** Org-wide: writes the channel provider record, affecting every agent. */
  setClickToAct(enabled: boolean): Promise<void>;

  // panel
  getMode(): Promise<PanelMode>;
  setMode(mode: PanelMode): Promise<PanelMode>;
  getWidth(): Promise<number>;
  setWidth(px: number): Promise<number>;

  // sessions (2.0)
  canCreateSession(): Promise<boolean>;
  /** Creates a session; resolves its id and raises `sessioncreated`. */
  createSession(input: CreateSessionInput): Promise<string>;
  getSession(sessionId: string): Promise<CifSession>;
  getFocusedSession(): Promise<string | null>;
  getAllSessions(): Promise<string[]>;
  requestFocusSession(sessionId: string, messagesCount?: number): Promise<void>;
  /** Sets the title slugs; `title` (if given) is what the client reports as the session's title. */
  setSessionTitle(input: SessionTitleInput): Promise<void>;
  notifyNewActivity(sessionId: string, count: number): Promise<void>;
  notifyKpiBreach(sessionId: string, shouldReset?: boolean, details?: string): Promise<void>;
  updateContext(input: Record<string, unknown>, sessionId?: string, isDelete?: boolean): Promise<void>;

  // tabs (2.0)
  createTab(input: CreateTabInput): Promise<string>;
  focusTab(tabId: string): Promise<void>;
  getFocusedTab(): Promise<string>;
  getTabs(templateName?: string, tags?: string): Promise<string[]>;
  refreshTab(tabId: string): Promise<void>;
  setTabTitle(tabId: string, title: string): Promise<void>;
  closeTab(tabId: string): Promise<void>;

  // notifications (2.0)
  notifyEvent(input: NotifyEventInput): Promise<NotifyEventResult>;
  cancelEvent(cancellationToken: string): Promise<void>;

  // presence (2.0)
  /** Current presence text; rejects when CIF answers `"FAILED"`. */
  getPresence(): Promise<string>;
  /** Sets presence by its display text; rejects with `code: 'rejected'` when CIF answers `false`. */
  setPresence(presenceText: string): Promise<void>;

  /**
   * Whether the CIF library build has the API `name` (e.g. `'getPresence'`). Some builds lack documented
   * APIs: the shipped library of 2026 has no `getPresence`/`setPresence`. Optional for custom clients;
   * treat a missing `has` as "unknown" and expect `code: 'unsupported'` from the call instead.
   */
  has?(name: string): boolean;

  /** Subscribes to a client event; returns the function that unsubscribes. */
  on<K extends CifEventName>(type: K, listener: CifListener<K>): () => void;
  /** Number of listeners currently subscribed (all events, or one). For leak checks. */
  listenerCount(type?: CifEventName): number;
  /** Unregisters every CIF handler and listener. */
  dispose(): void;
}
