/**
 * Typings of the raw `window.Microsoft.CIFramework` library (msdyn_ciLibrary.js), as Microsoft's source
 * shows it behaves — not as its docs say. Results are JSON strings, raw values or `Map`s; rejections are
 * JSON strings or `Map`s, never `Error`s. Event handlers receive a JSON string and must return a promise.
 *
 * `@cif-elements/client` hides all of this behind {@link CifClient}; these types exist so that the client,
 * the simulated host and the tests' fake library all agree on the shape of the real thing.
 */

/** A handler as CIF calls it: JSON-string payload in, promise out (CIF calls `.then()` on the result). */
export type CifFrameworkHandler = (payloadJson: string) => Promise<unknown>;

/** Input of `createSession` as CIF takes it. */
export interface CifFrameworkSessionInput {
  templateName: string;
  templateParameters?: Record<string, unknown>;
  context?: unknown;
  customerName?: string;
}

/** The subset of `Microsoft.CIFramework` that cif-elements uses (CIF.md appendix A). */
export interface CifFrameworkApi {
  // panel
  setMode(mode: number, correlationId?: string): Promise<unknown>;
  getMode(correlationId?: string): Promise<unknown>;
  setWidth(px: number): Promise<unknown>;
  getWidth(correlationId?: string): Promise<unknown>;
  // click-to-act
  setClickToAct(enabled: boolean, correlationId?: string): Promise<unknown>;
  getClickToAct(correlationId?: string): Promise<unknown>;
  // records: JSON-string data in, JSON string out
  createRecord(entity: string, dataJson: string, correlationId?: string): Promise<string>;
  retrieveRecord(entity: string, id: string, query?: string, correlationId?: string): Promise<string>;
  updateRecord(entity: string, id: string, dataJson: string, correlationId?: string): Promise<string>;
  deleteRecord(entity: string, id: string, correlationId?: string): Promise<string>;
  searchAndOpenRecords(
    entity: string,
    query: string,
    searchOnly: boolean,
    correlationId?: string,
    searchType?: 0 | 1,
  ): Promise<string>;
  openForm(formOptionsJson: string, formParametersJson?: string, correlationId?: string): Promise<string>;
  renderSearchPage(entity: string, searchString: string, correlationId?: string): Promise<unknown>;
  getEnvironment(correlationId?: string): Promise<string>;
  // handlers
  addHandler(name: string, handler: CifFrameworkHandler, correlationId?: string): unknown;
  removeHandler(name: string, handler: CifFrameworkHandler, correlationId?: string): unknown;
  // sessions (2.0)
  canCreateSession(correlationId?: string): Promise<unknown>;
  createSession(input: CifFrameworkSessionInput, correlationId?: string, providerSessionId?: string): Promise<unknown>;
  getSession(sessionId: string, correlationId?: string): Promise<unknown>;
  getFocusedSession(correlationId?: string): Promise<unknown>;
  getAllSessions(correlationId?: string): Promise<unknown>;
  requestFocusSession(sessionId: string, messagesCount?: number, correlationId?: string): Promise<unknown>;
  setSessionTitle(input: Record<string, string>, correlationId?: string): Promise<unknown>;
  notifyNewActivity(sessionId: string, count: number, shouldReset?: boolean, correlationId?: string): Promise<unknown>;
  notifyKpiBreach(sessionId: string, shouldReset?: boolean, details?: string, correlationId?: string): Promise<unknown>;
  updateContext(
    input: Record<string, unknown> | string[],
    sessionId?: string,
    isDelete?: boolean,
    correlationId?: string,
  ): Promise<unknown>;
  // tabs (2.0)
  createTab(
    input: { templateName: string; templateParameters?: Record<string, unknown>; isFocused?: boolean },
    correlationId?: string,
  ): Promise<unknown>;
  focusTab(tabId: string, correlationId?: string): Promise<unknown>;
  getFocusedTab(correlationId?: string): Promise<unknown>;
  getTabs(templateName?: string, tags?: string, correlationId?: string): Promise<unknown>;
  refreshTab(tabId: string, correlationId?: string): Promise<unknown>;
  setTabTitle(tabId: string, input: unknown, correlationId?: string): Promise<unknown>;
  closeTab?(tabId: string, correlationId?: string): Promise<unknown>;
  // notifications (2.0)
  notifyEvent(input: Record<string, unknown>, correlationId?: string): Promise<string>;
  cancelEvent?(cancellationToken: string, correlationId?: string): Promise<unknown>;
  // presence (2.0 + Omnichannel; documented, absent from older builds)
  setPresence?(presenceText: string, correlationId?: string): Promise<unknown>;
  getPresence?(correlationId?: string): Promise<unknown>;
  // misc
  isConsoleApp?(): Promise<unknown>;
}

/** CIF event names as the library spells them (case matters). */
export const CIF_EVENT_NAMES = {
  clicktoact: 'onclicktoact',
  modechanged: 'onmodechanged',
  sizechanged: 'onsizechanged',
  pagenavigate: 'onpagenavigate',
  sendkbarticle: 'onsendkbarticle',
  sessionswitched: 'onSessionSwitched',
  sessionclosed: 'onSessionClosed',
} as const;

/** Presence changes arrive under either name depending on the CIF build: listen to both. */
export const CIF_PRESENCE_EVENT_NAMES = ['onPresenceChange', 'setPresenceEvent'] as const;

declare global {
  interface Window {
    Microsoft?: { CIFramework?: CifFrameworkApi };
  }
}
