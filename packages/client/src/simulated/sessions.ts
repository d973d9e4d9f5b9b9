/**
 * The simulated host's CIF 2.0 sessions and application tabs: the provider's sessions, the home session,
 * other providers' sessions, focus and its events, titles, activity counts, KPI breaches, context, and the
 * tabs of each session — with the rejections of the real host.
 */
import type { CifFrameworkSessionInput } from '../framework.js';
import { isObject, newGuid } from '../util.js';
import type { CifApiName } from './wire.js';
import { CIF_FOREIGN_SESSION_MESSAGE, isNonEmptyString, mapError } from './wire.js';

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

/** The home (default) session of a multisession app. */
export const HOME_SESSION_ID = 'session-id-0';
/** Most sessions a provider may have open at once. */
export const MAX_SESSIONS = 10;

type SessionState = Omit<SimulatedSession, 'focused'>;

/** What the sessions need of their host: raising events to the widget, reporting changes, tab tags. */
export interface SessionHost {
  raise(eventName: string, payload: unknown): number;
  changed(): void;
  /** Tags of a tab template (see `SimulatedCifHost.tabTemplateTags`). */
  tabTags(templateName: string): readonly string[];
}

/** The sessions and tabs of one simulated app. Methods throw the host's rejection values. */
export class SessionStore {
  /** The provider's own sessions, in creation order. */
  readonly own = new Map<string, SessionState>();
  /** Sessions of other providers (see `userOpensForeignSession`). */
  readonly foreign = new Set<string>();
  /** Every tab, of every session. */
  readonly tabs: SimulatedTab[] = [];
  /** The session that has the focus. */
  focusedId: string = HOME_SESSION_ID;
  private homeContext: Record<string, unknown> = {};
  private sessionCounter = 0;
  private tabCounter = 0;
  private foreignCounter = 0;
  private readonly host: SessionHost;

  constructor(host: SessionHost) {
    this.host = host;
  }

  /** A copy of a session as the host shows it. */
  view(s: SessionState): SimulatedSession {
    return {
      ...s,
      focused: s.sessionId === this.focusedId,
      context: structuredClone(s.context),
      templateParameters: { ...s.templateParameters },
    };
  }

  /** The home session, one of the provider's, or a foreign one. */
  knows(id: string): boolean {
    return id === HOME_SESSION_ID || this.own.has(id) || this.foreign.has(id);
  }

  /** Whether another provider's session has the focus. */
  get foreignFocused(): boolean {
    return this.foreign.has(this.focusedId);
  }

  /** One of the provider's sessions, or the rejection of `method`. */
  ownSession(method: CifApiName, id: unknown): SessionState {
    const s = typeof id === 'string' ? this.own.get(id) : undefined;
    if (!s) throw mapError(method, `Session ${String(id)} does not exist or does not belong to this provider`);
    return s;
  }

  /** Moves the focus; raises onSessionSwitched (old: false, then new: true) for the provider's own sessions. */
  focus(id: string): void {
    const old = this.focusedId;
    const target = this.own.get(id);
    if (target) target.unread = 0;
    if (old === id) {
      this.host.changed();
      return;
    }
    this.focusedId = id;
    const before = this.own.get(old);
    if (before) this.host.raise('onSessionSwitched', { sessionId: old, focused: false, context: before.context });
    if (target) this.host.raise('onSessionSwitched', { sessionId: id, focused: true, context: target.context });
    this.host.changed();
  }

  /** The agent closes a session (not the home session): its tabs go, the focus goes home. */
  close(sessionId: string): boolean {
    if (sessionId === HOME_SESSION_ID || !this.knows(sessionId)) return false;
    const wasFocused = this.focusedId === sessionId;
    const own = this.own.get(sessionId);
    this.own.delete(sessionId);
    this.foreign.delete(sessionId);
    for (let i = this.tabs.length - 1; i >= 0; i--) if (this.tabs[i]!.sessionId === sessionId) this.tabs.splice(i, 1);
    if (wasFocused) this.focusedId = HOME_SESSION_ID;
    if (own) this.host.raise('onSessionClosed', { sessionId, context: own.context });
    this.host.changed();
    return true;
  }

  /** Another provider's session opens and takes the focus; returns its id. */
  openForeign(): string {
    const id = `session-id-foreign-${++this.foreignCounter}`;
    this.foreign.add(id);
    this.focus(id);
    return id;
  }

  create(input: CifFrameworkSessionInput, providerSessionId?: string): string {
    if (!isObject(input) || !isNonEmptyString(input.templateName)) {
      throw mapError('createSession', 'templateName is required (the unique name of a Generic session template)');
    }
    if (this.own.size >= MAX_SESSIONS) {
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
    this.own.set(sessionId, session);
    // Dynamics focuses a new session.
    this.focus(sessionId);
    return sessionId;
  }

  /** `getSession`'s answer: a `Map`. */
  get(sessionId: string): Map<string, unknown> {
    const s = this.ownSession('getSession', sessionId);
    return new Map<string, unknown>([
      ['sessionId', s.sessionId],
      ['focused', s.sessionId === this.focusedId],
      ['context', structuredClone(s.context)],
      ['conversationId', s.conversationId],
    ]);
  }

  requestFocus(sessionId: string): void {
    this.ownSession('requestFocusSession', sessionId);
    this.focus(sessionId);
  }

  setTitle(input: Record<string, string>): void {
    if (!isObject(input)) throw mapError('setSessionTitle', 'input must be an object {sessionId, <slug>: value}');
    const s = this.ownSession('setSessionTitle', input.sessionId);
    const { sessionId: _id, ...slugs } = input;
    const title = typeof slugs.title === 'string' ? slugs.title : Object.values(slugs).map(String).join(' ');
    s.title = title || s.title;
    this.host.changed();
  }

  notifyNewActivity(sessionId: string, count: number, shouldReset?: boolean): void {
    const s = this.ownSession('notifyNewActivity', sessionId);
    if (!shouldReset && (typeof count !== 'number' || !Number.isInteger(count) || count < 0)) {
      throw mapError('notifyNewActivity', 'count must be an integer ≥ 0');
    }
    s.unread = shouldReset ? 0 : count;
    this.host.changed();
  }

  notifyKpiBreach(sessionId: string, shouldReset?: boolean, details?: string): void {
    const s = this.ownSession('notifyKpiBreach', sessionId);
    s.kpiBreached = !shouldReset;
    if (shouldReset) delete s.kpiDetails;
    else if (typeof details === 'string') s.kpiDetails = details;
    this.host.changed();
  }

  updateContext(input: Record<string, unknown> | string[], sessionId?: string, isDelete?: boolean): void {
    const target = sessionId ?? this.focusedId;
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
    this.host.changed();
  }

  // -------------------------------------------------------------------------------------------- tabs

  /** Tabs of the focused session; rejects while another provider's session has the focus. */
  tabsOfFocusedSession(method: CifApiName): SimulatedTab[] {
    if (this.foreignFocused) throw mapError(method, CIF_FOREIGN_SESSION_MESSAGE);
    return this.tabs.filter((t) => t.sessionId === this.focusedId);
  }

  private tabInFocusedSession(method: CifApiName, tabId: unknown): SimulatedTab {
    const tab = this.tabsOfFocusedSession(method).find((t) => t.tabId === tabId);
    if (!tab) throw mapError(method, `Tab ${String(tabId)} does not exist in the focused session`);
    return tab;
  }

  createTab(input: { templateName: string; templateParameters?: Record<string, unknown>; isFocused?: boolean }): string {
    const siblings = this.tabsOfFocusedSession('createTab');
    if (!isObject(input) || !isNonEmptyString(input.templateName)) {
      throw mapError('createTab', 'templateName is required (the unique name of an application tab template)');
    }
    const templateParameters = isObject(input.templateParameters) ? structuredClone(input.templateParameters) : {};
    const focus = input.isFocused === true || !siblings.some((t) => t.focused);
    if (focus) for (const t of siblings) t.focused = false;
    const tab: SimulatedTab = {
      tabId: `tab-id-${++this.tabCounter}`,
      sessionId: this.focusedId,
      templateName: input.templateName,
      templateParameters,
      title: typeof templateParameters.title === 'string' ? templateParameters.title : input.templateName,
      focused: focus,
      tags: [...this.host.tabTags(input.templateName)],
      refreshCount: 0,
    };
    this.tabs.push(tab);
    this.host.changed();
    return tab.tabId;
  }

  focusTab(tabId: string): void {
    const tab = this.tabInFocusedSession('focusTab', tabId);
    for (const t of this.tabs) if (t.sessionId === tab.sessionId) t.focused = t === tab;
    this.host.changed();
  }

  getTabs(templateName?: string, tags?: string): string[] {
    const wanted = typeof tags === 'string' && tags ? tags.split(',').map((s) => s.trim()).filter(Boolean) : [];
    return this.tabsOfFocusedSession('getTabs')
      .filter((t) => !templateName || t.templateName === templateName)
      .filter((t) => wanted.every((tag) => t.tags.includes(tag)))
      .map((t) => t.tabId);
  }

  refreshTab(tabId: string): void {
    this.tabInFocusedSession('refreshTab', tabId).refreshCount += 1;
    this.host.changed();
  }

  setTabTitle(tabId: string, input: unknown): void {
    const tab = this.tabInFocusedSession('setTabTitle', tabId);
    tab.title = typeof input === 'string' ? input : isObject(input) && typeof input.title === 'string' ? input.title : String(input);
    this.host.changed();
  }

  closeTab(tabId: string): void {
    const tab = this.tabInFocusedSession('closeTab', tabId);
    this.tabs.splice(this.tabs.indexOf(tab), 1);
    if (tab.focused) {
      const rest = this.tabs.filter((t) => t.sessionId === tab.sessionId);
      if (rest.length) rest[rest.length - 1]!.focused = true;
    }
    this.host.changed();
  }
}
