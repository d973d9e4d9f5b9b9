import { CifError, toCifError } from './errors.js';
import { CIF_EVENT_NAMES, CIF_PRESENCE_EVENT_NAMES } from './framework.js';
import type { CifFrameworkApi, CifFrameworkHandler } from './framework.js';
import type {
  CifClient,
  CifEnvironment,
  CifEventMap,
  CifEventName,
  CifListener,
  CifRecord,
  CifSession,
  CifVersion,
  CreateSessionInput,
  CreateTabInput,
  EntityFormOptions,
  NotifyEventInput,
  NotifyEventResult,
  OpenFormResult,
  PanelMode,
  RecordRef,
  SessionTitleInput,
} from './types.js';
import { isObject, stripIdBraces } from './util.js';

/** Key under which the client keeps its own session facts inside the CIF session context. */
export const SESSION_META_KEY = '__cifElements';

/** Options of {@link CifFrameworkClient}. */
export interface CifFrameworkClientOptions {
  /** CIF version of the host. */
  version: CifVersion;
  /** Reported as {@link CifClient.kind}. Default `'live'`. */
  kind?: 'live' | 'simulated';
  /**
   * Guard for calls that CIF itself should time out (10 s) but a broken host may leave hanging, in ms:
   * after it the call rejects with `code: 'timeout'`. Default 15 000. (The shipped library never settles
   * a JSON-string call whose host answer has the wrong shape, CIF.md §11.6.)
   */
  callTimeoutMs?: number;
  /**
   * Guard for calls that wait for the agent (openForm, notifyEvent, createSession), which CIF itself never
   * times out, in ms. Default 600 000 (10 minutes).
   */
  agentCallTimeoutMs?: number;
}

/** Default of {@link CifFrameworkClientOptions.callTimeoutMs}. */
export const DEFAULT_CALL_TIMEOUT_MS = 15_000;
/** Default of {@link CifFrameworkClientOptions.agentCallTimeoutMs}. */
export const DEFAULT_AGENT_CALL_TIMEOUT_MS = 600_000;

const positiveOr = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;

interface SessionMeta {
  title?: string;
  customerName?: string;
  channel?: string;
  startedAt?: number;
  unread: number;
  focused?: boolean;
  context?: Record<string, unknown>;
}

type AnyListener = (payload: never) => void;


/**
 * The one {@link CifClient} implementation. It wraps anything shaped like `Microsoft.CIFramework` — the
 * real library (see `connectCif`) or a `SimulatedCifHost`'s fake of it — and hides CIF's conventions:
 * JSON-string results are parsed, `Map`s become objects, every rejection becomes a {@link CifError}, and
 * one CIF handler per event fans out to any number of listeners (always returning a promise to CIF).
 */
export class CifFrameworkClient implements CifClient {
  readonly version: CifVersion;
  readonly kind: 'live' | 'simulated';
  private readonly fw: CifFrameworkApi;
  private readonly callTimeoutMs: number;
  private readonly agentCallTimeoutMs: number;
  private readonly listeners = new Map<CifEventName, Set<AnyListener>>();
  /** CIF event name → the single handler registered with CIF. */
  private readonly handlers = new Map<string, CifFrameworkHandler>();
  private readonly sessions = new Map<string, SessionMeta>();
  private lastPresence = { key: '', at: 0 };
  private disposed = false;

  constructor(framework: CifFrameworkApi, options: CifFrameworkClientOptions) {
    this.fw = framework;
    this.version = options.version;
    this.kind = options.kind ?? 'live';
    this.callTimeoutMs = positiveOr(options.callTimeoutMs, DEFAULT_CALL_TIMEOUT_MS);
    this.agentCallTimeoutMs = positiveOr(options.agentCallTimeoutMs, DEFAULT_AGENT_CALL_TIMEOUT_MS);
  }

  // ---------------------------------------------------------------- plumbing

  /** Runs one CIF call: checks version and disposal, guards the time-out, normalises the rejection. */
  private async call<T>(
    method: string,
    run: (fw: CifFrameworkApi) => unknown,
    opts: { v2?: boolean; waitsForUser?: boolean } = {},
  ): Promise<T> {
    if (this.disposed) throw new CifError('disposed', method, `${method}: the CIF client was disposed`);
    if (opts.v2 && this.version < 2) {
      throw new CifError('unsupported', method, `${method} needs CIF 2.0 (a multisession app); this is CIF 1.0`);
    }
    let pending: unknown;
    try {
      pending = run(this.fw);
    } catch (e) {
      throw toCifError(e, method);
    }
    // Every call is guarded: nothing may hang forever (calls that wait for the agent get the long guard).
    const limit = opts.waitsForUser ? this.agentCallTimeoutMs : this.callTimeoutMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const guard = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CifError('timeout', method, `${method}: no answer from CIF in ${limit} ms`)), limit);
    });
    try {
      return (await Promise.race([pending, guard])) as T;
    } catch (e) {
      throw toCifError(e, method);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Whether the wrapped library has the API `name` (doc-only APIs are missing from some builds). */
  has(name: string): boolean {
    return typeof (this.fw as unknown as Record<string, unknown>)[name] === 'function';
  }

  /** Calls an API that CIF may lack on some builds (doc-only APIs); missing → `unsupported`. */
  private optional<K extends keyof CifFrameworkApi>(method: K): NonNullable<CifFrameworkApi[K]> {
    const fn = this.fw[method];
    if (typeof fn !== 'function') {
      throw new CifError('unsupported', method, `${method} is not available in this CIF library build`);
    }
    return (fn as (...a: unknown[]) => unknown).bind(this.fw) as NonNullable<CifFrameworkApi[K]>;
  }

  private parseJson<T>(method: string, raw: unknown): T {
    if (typeof raw !== 'string') {
      if (raw === null || raw === undefined) return raw as T;
      return (raw instanceof Map ? Object.fromEntries(raw) : raw) as T;
    }
    try {
      return JSON.parse(raw) as T;
    } catch (e) {
      throw new CifError('invalid-response', method, `${method}: CIF returned text that is not JSON`, e);
    }
  }

  private static requireString(method: string, name: string, value: unknown): void {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new CifError('invalid-argument', method, `${method}: ${name} must be a non-empty string`);
    }
  }

  private static json(method: string, value: unknown): string {
    if (!isObject(value)) throw new CifError('invalid-argument', method, `${method}: data must be an object`);
    return JSON.stringify(value);
  }

  private toRef(method: string, raw: unknown, entity: string): RecordRef {
    const v = this.parseJson<unknown>(method, raw);
    if (isObject(v) && typeof v.id === 'string') return { id: v.id, entityType: String(v.entityType ?? entity) };
    if (typeof v === 'string') return { id: v, entityType: entity };
    throw new CifError('invalid-response', method, `${method}: CIF returned no record id`, raw);
  }

  // ---------------------------------------------------------------- records

  async createRecord(entity: string, data: CifRecord): Promise<RecordRef> {
    CifFrameworkClient.requireString('createRecord', 'entity', entity);
    const body = CifFrameworkClient.json('createRecord', data);
    return this.toRef('createRecord', await this.call('createRecord', (fw) => fw.createRecord(entity, body)), entity);
  }

  async retrieveRecord<T extends CifRecord = CifRecord>(entity: string, id: string, query?: string): Promise<T> {
    CifFrameworkClient.requireString('retrieveRecord', 'entity', entity);
    CifFrameworkClient.requireString('retrieveRecord', 'id', id);
    const raw = await this.call('retrieveRecord', (fw) => fw.retrieveRecord(entity, id, query));
    const v = this.parseJson<unknown>('retrieveRecord', raw);
    if (!isObject(v)) throw new CifError('invalid-response', 'retrieveRecord', 'retrieveRecord: CIF returned no record', raw);
    return v as T;
  }

  async updateRecord(entity: string, id: string, data: CifRecord): Promise<RecordRef> {
    CifFrameworkClient.requireString('updateRecord', 'entity', entity);
    CifFrameworkClient.requireString('updateRecord', 'id', id);
    const body = CifFrameworkClient.json('updateRecord', data);
    const raw = await this.call('updateRecord', (fw) => fw.updateRecord(entity, id, body));
    return raw === null || raw === undefined ? { id, entityType: entity } : this.toRef('updateRecord', raw, entity);
  }

  async deleteRecord(entity: string, id: string): Promise<RecordRef> {
    CifFrameworkClient.requireString('deleteRecord', 'entity', entity);
    CifFrameworkClient.requireString('deleteRecord', 'id', id);
    const raw = await this.call('deleteRecord', (fw) => fw.deleteRecord(entity, id));
    return raw === null || raw === undefined ? { id, entityType: entity } : this.toRef('deleteRecord', raw, entity);
  }

  async searchAndOpenRecords<T extends CifRecord = CifRecord>(
    entity: string,
    query: string,
    searchOnly: boolean,
    searchType?: 0 | 1,
  ): Promise<T[]> {
    CifFrameworkClient.requireString('searchAndOpenRecords', 'entity', entity);
    if (typeof query !== 'string') {
      throw new CifError('invalid-argument', 'searchAndOpenRecords', 'searchAndOpenRecords: query must be a string');
    }
    const raw = await this.call('searchAndOpenRecords', (fw) =>
      searchType === undefined
        ? fw.searchAndOpenRecords(entity, query, !!searchOnly)
        : fw.searchAndOpenRecords(entity, query, !!searchOnly, undefined, searchType),
    );
    const v = this.parseJson<unknown>('searchAndOpenRecords', raw);
    if (v === null || v === undefined) return [];
    if (Array.isArray(v)) return v.filter(isObject) as T[];
    if (!isObject(v)) throw new CifError('invalid-response', 'searchAndOpenRecords', 'searchAndOpenRecords: not a result set', raw);
    // CIF flattens arrays into index-keyed objects: {"0":{…},"1":{…}}
    return Object.keys(v)
      .filter((k) => /^\d+$/.test(k))
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => v[k])
      .filter(isObject) as T[];
  }

  async openForm(options: EntityFormOptions, parameters?: Record<string, unknown>): Promise<OpenFormResult> {
    if (!isObject(options)) throw new CifError('invalid-argument', 'openForm', 'openForm: options must be an object');
    CifFrameworkClient.requireString('openForm', 'options.entityName', options.entityName);
    const opts = JSON.stringify(options);
    const params = parameters === undefined ? undefined : CifFrameworkClient.json('openForm', parameters);
    const raw = await this.call('openForm', (fw) => fw.openForm(opts, params), { waitsForUser: true });
    const v = this.parseJson<unknown>('openForm', raw);
    const refs = isObject(v) && Array.isArray(v.savedEntityReference) ? v.savedEntityReference : [];
    return { savedEntityReference: refs.filter(isObject) as OpenFormResult['savedEntityReference'] };
  }

  async renderSearchPage(entity: string, searchString: string): Promise<void> {
    CifFrameworkClient.requireString('renderSearchPage', 'entity', entity);
    await this.call('renderSearchPage', (fw) => fw.renderSearchPage(entity, String(searchString ?? '')));
  }

  async getEnvironment(): Promise<CifEnvironment> {
    const raw = await this.call('getEnvironment', (fw) => fw.getEnvironment());
    const v = this.parseJson<unknown>('getEnvironment', raw);
    if (!isObject(v)) throw new CifError('invalid-response', 'getEnvironment', 'getEnvironment: not an object', raw);
    return v as CifEnvironment;
  }

  // ---------------------------------------------------------------- click-to-act and panel

  async getClickToAct(): Promise<boolean> {
    const v = await this.call<unknown>('getClickToAct', (fw) => fw.getClickToAct());
    return v === true || v === 'true';
  }

  async setClickToAct(enabled: boolean): Promise<void> {
    if (typeof enabled !== 'boolean') {
      throw new CifError('invalid-argument', 'setClickToAct', 'setClickToAct: enabled must be a boolean');
    }
    await this.call('setClickToAct', (fw) => fw.setClickToAct(enabled));
  }

  async getMode(): Promise<PanelMode> {
    const v = Number(await this.call<unknown>('getMode', (fw) => fw.getMode()));
    if (v !== 0 && v !== 1 && v !== 2) throw new CifError('invalid-response', 'getMode', `getMode: unknown mode ${v}`);
    return v;
  }

  async setMode(mode: PanelMode): Promise<PanelMode> {
    if (mode !== 0 && mode !== 1 && mode !== 2) {
      throw new CifError('invalid-argument', 'setMode', 'setMode: mode must be 0 (minimized), 1 (docked) or 2 (hidden)');
    }
    const v = await this.call<unknown>('setMode', (fw) => fw.setMode(mode));
    const applied = Number(v);
    return applied === 0 || applied === 1 || applied === 2 ? applied : mode;
  }

  async getWidth(): Promise<number> {
    const v = Number(await this.call<unknown>('getWidth', (fw) => fw.getWidth()));
    if (!Number.isFinite(v)) throw new CifError('invalid-response', 'getWidth', 'getWidth: not a number');
    return v;
  }

  async setWidth(px: number): Promise<number> {
    if (typeof px !== 'number' || !Number.isFinite(px) || px < 0) {
      throw new CifError('invalid-argument', 'setWidth', 'setWidth: width must be a number of pixels ≥ 0');
    }
    const v = Number(await this.call<unknown>('setWidth', (fw) => fw.setWidth(px)));
    return Number.isFinite(v) ? v : px;
  }

  // ---------------------------------------------------------------- sessions (2.0)

  private meta(sessionId: string): SessionMeta {
    let m = this.sessions.get(sessionId);
    if (!m) {
      m = { unread: 0 };
      this.sessions.set(sessionId, m);
    }
    return m;
  }

  /** Splits CIF's context into the provider's context and cif-elements' own facts. */
  private absorbContext(sessionId: string, context: unknown): Record<string, unknown> {
    const m = this.meta(sessionId);
    if (!isObject(context)) return m.context ?? {};
    const { [SESSION_META_KEY]: own, ...rest } = context;
    if (isObject(own)) {
      if (typeof own.title === 'string' && m.title === undefined) m.title = own.title;
      if (typeof own.customerName === 'string') m.customerName ??= own.customerName;
      if (typeof own.channel === 'string') m.channel ??= own.channel;
      if (typeof own.startedAt === 'number') m.startedAt ??= own.startedAt;
    }
    m.context = rest;
    return rest;
  }

  private snapshot(sessionId: string): CifSession {
    const m = this.meta(sessionId);
    const s: CifSession = { sessionId, focused: !!m.focused, context: m.context ?? {}, unread: m.unread };
    if (m.title !== undefined) s.title = m.title;
    if (m.customerName !== undefined) s.customerName = m.customerName;
    if (m.channel !== undefined) s.channel = m.channel;
    if (m.startedAt !== undefined) s.startedAt = m.startedAt;
    return s;
  }

  async canCreateSession(): Promise<boolean> {
    return (await this.call<unknown>('canCreateSession', (fw) => fw.canCreateSession(), { v2: true })) === true;
  }

  async createSession(input: CreateSessionInput): Promise<string> {
    const method = 'createSession';
    if (this.version >= 2) {
      if (!isObject(input)) throw new CifError('invalid-argument', method, 'createSession: input must be an object');
      CifFrameworkClient.requireString(method, 'templateName', input.templateName);
    }
    const startedAt = Date.now();
    const customerName =
      input?.customerName ??
      (typeof input?.templateParameters?.customerName === 'string' ? input.templateParameters.customerName : undefined);
    const title = input?.title ?? customerName;
    const own = { title, customerName, channel: input?.channel, startedAt };
    const cifInput = {
      templateName: input?.templateName,
      templateParameters: input?.templateParameters,
      customerName,
      context: { ...(input?.context ?? {}), [SESSION_META_KEY]: own },
    };
    const id = await this.call<unknown>(method, (fw) => fw.createSession(cifInput, undefined, input?.providerSessionId), {
      v2: true,
      waitsForUser: true,
    });
    if (typeof id !== 'string' || !id) throw new CifError('invalid-response', method, 'createSession: CIF returned no session id', id);
    const m = this.meta(id);
    Object.assign(m, { title, customerName, channel: input.channel, startedAt, context: { ...(input.context ?? {}) } });
    this.emit('sessioncreated', this.snapshot(id));
    return id;
  }

  async getSession(sessionId: string): Promise<CifSession> {
    CifFrameworkClient.requireString('getSession', 'sessionId', sessionId);
    const raw = await this.call<unknown>('getSession', (fw) => fw.getSession(sessionId), { v2: true });
    const v = raw instanceof Map ? Object.fromEntries(raw) : this.parseJson<unknown>('getSession', raw);
    if (!isObject(v)) throw new CifError('invalid-response', 'getSession', 'getSession: CIF returned no session', raw);
    this.absorbContext(sessionId, v.context);
    const m = this.meta(sessionId);
    m.focused = v.focused === true || v.isFocused === true || v.focused === 'true';
    const s = this.snapshot(sessionId);
    if (typeof v.conversationId === 'string' && v.conversationId) s.conversationId = v.conversationId;
    return s;
  }

  async getFocusedSession(): Promise<string | null> {
    const v = await this.call<unknown>('getFocusedSession', (fw) => fw.getFocusedSession(), { v2: true });
    return typeof v === 'string' && v ? v : null;
  }

  async getAllSessions(): Promise<string[]> {
    const v = await this.call<unknown>('getAllSessions', (fw) => fw.getAllSessions(), { v2: true });
    const list = typeof v === 'string' ? this.parseJson<unknown>('getAllSessions', v) : v;
    if (list === null || list === undefined) return [];
    if (!Array.isArray(list)) throw new CifError('invalid-response', 'getAllSessions', 'getAllSessions: not a list', v);
    return list.filter((x): x is string => typeof x === 'string');
  }

  async requestFocusSession(sessionId: string, messagesCount?: number): Promise<void> {
    CifFrameworkClient.requireString('requestFocusSession', 'sessionId', sessionId);
    await this.call('requestFocusSession', (fw) => fw.requestFocusSession(sessionId, messagesCount), { v2: true });
    const m = this.meta(sessionId);
    if (m.unread) {
      m.unread = 0;
      this.emit('sessionupdated', this.snapshot(sessionId));
    }
  }

  async setSessionTitle(input: SessionTitleInput): Promise<void> {
    const method = 'setSessionTitle';
    if (this.version >= 2) {
      if (!isObject(input)) throw new CifError('invalid-argument', method, 'setSessionTitle: input must be an object');
      CifFrameworkClient.requireString(method, 'sessionId', input.sessionId);
    }
    await this.call(method, (fw) => fw.setSessionTitle({ ...input }), { v2: true });
    const { sessionId, title, ...slugs } = input;
    const m = this.meta(sessionId);
    m.title = typeof title === 'string' ? title : Object.values(slugs).map(String).join(' ');
    this.emit('sessionupdated', this.snapshot(sessionId));
  }

  async notifyNewActivity(sessionId: string, count: number): Promise<void> {
    const method = 'notifyNewActivity';
    if (this.version >= 2) {
      CifFrameworkClient.requireString(method, 'sessionId', sessionId);
      if (!Number.isInteger(count) || count < 0) {
        throw new CifError('invalid-argument', method, 'notifyNewActivity: count must be an integer ≥ 0');
      }
    }
    await this.call(method, (fw) => fw.notifyNewActivity(sessionId, count), { v2: true });
    this.meta(sessionId).unread = count;
    this.emit('sessionupdated', this.snapshot(sessionId));
  }

  async notifyKpiBreach(sessionId: string, shouldReset?: boolean, details?: string): Promise<void> {
    if (this.version >= 2) CifFrameworkClient.requireString('notifyKpiBreach', 'sessionId', sessionId);
    await this.call('notifyKpiBreach', (fw) => fw.notifyKpiBreach(sessionId, shouldReset, details), { v2: true });
  }

  async updateContext(input: Record<string, unknown>, sessionId?: string, isDelete?: boolean): Promise<void> {
    if (this.version >= 2 && !isObject(input)) {
      throw new CifError('invalid-argument', 'updateContext', 'updateContext: input must be an object');
    }
    await this.call('updateContext', (fw) => fw.updateContext(input, sessionId, isDelete), { v2: true });
    if (sessionId && this.sessions.has(sessionId)) {
      const m = this.meta(sessionId);
      const next = { ...(m.context ?? {}) };
      for (const [k, v] of Object.entries(input)) {
        if (isDelete) delete next[k];
        else next[k] = v;
      }
      m.context = next;
      this.emit('sessionupdated', this.snapshot(sessionId));
    }
  }

  // ---------------------------------------------------------------- tabs (2.0)

  async createTab(input: CreateTabInput): Promise<string> {
    if (this.version >= 2) {
      if (!isObject(input)) throw new CifError('invalid-argument', 'createTab', 'createTab: input must be an object');
      CifFrameworkClient.requireString('createTab', 'templateName', input.templateName);
    }
    const id = await this.call<unknown>('createTab', (fw) => fw.createTab(input), { v2: true });
    if (typeof id !== 'string' || !id) throw new CifError('invalid-response', 'createTab', 'createTab: no tab id', id);
    return id;
  }

  async focusTab(tabId: string): Promise<void> {
    if (this.version >= 2) CifFrameworkClient.requireString('focusTab', 'tabId', tabId);
    await this.call('focusTab', (fw) => fw.focusTab(tabId), { v2: true });
  }

  async getFocusedTab(): Promise<string> {
    const v = await this.call<unknown>('getFocusedTab', (fw) => fw.getFocusedTab(), { v2: true });
    return typeof v === 'string' ? v : '';
  }

  async getTabs(templateName?: string, tags?: string): Promise<string[]> {
    const v = await this.call<unknown>('getTabs', (fw) => fw.getTabs(templateName, tags), { v2: true });
    if (v === null || v === undefined) return [];
    if (!Array.isArray(v)) throw new CifError('invalid-response', 'getTabs', 'getTabs: not a list', v);
    return v.filter((x): x is string => typeof x === 'string');
  }

  async refreshTab(tabId: string): Promise<void> {
    if (this.version >= 2) CifFrameworkClient.requireString('refreshTab', 'tabId', tabId);
    await this.call('refreshTab', (fw) => fw.refreshTab(tabId), { v2: true });
  }

  async setTabTitle(tabId: string, title: string): Promise<void> {
    if (this.version >= 2) CifFrameworkClient.requireString('setTabTitle', 'tabId', tabId);
    await this.call('setTabTitle', (fw) => fw.setTabTitle(tabId, title), { v2: true });
  }

  async closeTab(tabId: string): Promise<void> {
    if (this.version >= 2) CifFrameworkClient.requireString('closeTab', 'tabId', tabId);
    await this.call('closeTab', () => this.optional('closeTab')(tabId), { v2: true });
  }

  // ---------------------------------------------------------------- notifications (2.0)

  async notifyEvent(input: NotifyEventInput): Promise<NotifyEventResult> {
    if (this.version >= 2) {
      if (!isObject(input)) throw new CifError('invalid-argument', 'notifyEvent', 'notifyEvent: input must be an object');
      CifFrameworkClient.requireString('notifyEvent', 'templateName', input.templateName);
    }
    const raw = await this.call<unknown>('notifyEvent', (fw) => fw.notifyEvent(input), { v2: true, waitsForUser: true });
    let v = this.parseJson<unknown>('notifyEvent', raw);
    if (isObject(v) && isObject(v.value)) v = v.value; // docs wrap the answer in {value: …}
    if (!isObject(v) || typeof v.actionName !== 'string') {
      throw new CifError('invalid-response', 'notifyEvent', 'notifyEvent: no actionName in the answer', raw);
    }
    const result: NotifyEventResult = { actionName: v.actionName };
    if (typeof v.responseReason === 'string') result.responseReason = v.responseReason;
    return result;
  }

  async cancelEvent(cancellationToken: string): Promise<void> {
    if (this.version >= 2) CifFrameworkClient.requireString('cancelEvent', 'cancellationToken', cancellationToken);
    await this.call('cancelEvent', () => this.optional('cancelEvent')(cancellationToken), { v2: true });
  }

  // ---------------------------------------------------------------- presence (2.0)

  async getPresence(): Promise<string> {
    const v = await this.call<unknown>('getPresence', () => this.optional('getPresence')(), { v2: true });
    // Dynamics shows "Unknown" then: no Omnichannel agent role, no capacity or default presence in the
    // agent profile, or no channel activated in it (CIF FAQ). `cause: 'FAILED'` marks this case.
    if (v === 'FAILED') {
      throw new CifError('rejected', 'getPresence', 'getPresence: Omnichannel presence is unavailable (FAILED)', 'FAILED');
    }
    if (typeof v !== 'string' || !v) throw new CifError('invalid-response', 'getPresence', 'getPresence: no presence text', v);
    return v;
  }

  async setPresence(presenceText: string): Promise<void> {
    if (this.version >= 2) CifFrameworkClient.requireString('setPresence', 'presenceText', presenceText);
    const v = await this.call<unknown>('setPresence', () => this.optional('setPresence')(presenceText), { v2: true });
    if (v === false || v === 'false') {
      throw new CifError('rejected', 'setPresence', `setPresence: Dynamics refused the presence "${presenceText}"`);
    }
  }

  // ---------------------------------------------------------------- events

  on<K extends CifEventName>(type: K, listener: CifListener<K>): () => void {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener as AnyListener);
    if (!this.disposed) this.ensureHandlers(type);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      set.delete(listener as AnyListener);
      if (set.size === 0) {
        this.listeners.delete(type);
        this.releaseHandlers(type);
      }
    };
  }

  listenerCount(type?: CifEventName): number {
    if (type) return this.listeners.get(type)?.size ?? 0;
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }

  dispose(): void {
    if (this.disposed) return;
    for (const [name, h] of this.handlers) this.safeRemove(name, h);
    this.handlers.clear();
    this.listeners.clear();
    this.disposed = true;
  }

  /**
   * CIF event names behind a client event. Session events also feed the client's own session facts, so
   * they are registered as soon as anything listens to any session event.
   */
  private cifNames(type: CifEventName): string[] {
    if (type === 'presencechanged') return [...CIF_PRESENCE_EVENT_NAMES];
    if (type === 'sessioncreated' || type === 'sessionupdated') return [];
    return [CIF_EVENT_NAMES[type]];
  }

  private ensureHandlers(type: CifEventName): void {
    if (this.version < 2 && (type === 'sessionswitched' || type === 'sessionclosed' || type === 'presencechanged')) return;
    for (const name of this.cifNames(type)) {
      if (this.handlers.has(name)) continue;
      const handler: CifFrameworkHandler = (payload) => {
        try {
          this.dispatchCif(name, payload);
        } catch (e) {
          console.warn(`[cif-elements] dropped a malformed "${name}" payload:`, e);
        }
        return Promise.resolve(true);
      };
      this.handlers.set(name, handler);
      try {
        const r = this.fw.addHandler(name, handler);
        if (r && typeof (r as Promise<unknown>).catch === 'function') {
          (r as Promise<unknown>).catch((e) => console.warn(`[cif-elements] addHandler("${name}") failed:`, e));
        }
      } catch (e) {
        console.warn(`[cif-elements] addHandler("${name}") failed:`, e);
      }
    }
  }

  private releaseHandlers(type: CifEventName): void {
    for (const name of this.cifNames(type)) {
      const h = this.handlers.get(name);
      if (!h) continue;
      this.handlers.delete(name);
      this.safeRemove(name, h);
    }
  }

  private safeRemove(name: string, h: CifFrameworkHandler): void {
    try {
      const r = this.fw.removeHandler(name, h);
      if (r && typeof (r as Promise<unknown>).catch === 'function') (r as Promise<unknown>).catch(() => {});
    } catch {
      /* the library is gone; nothing to remove */
    }
  }

  /** Parses one CIF payload, validates it, and fans it out. Throws on malformed payloads. */
  private dispatchCif(name: string, payloadJson: unknown): void {
    let p: unknown = payloadJson;
    if (typeof p === 'string') p = JSON.parse(p);
    if (p instanceof Map) p = Object.fromEntries(p);
    if (!isObject(p)) throw new TypeError('payload is not an object');
    const str = (v: unknown, key: string): string => {
      if (typeof v !== 'string') throw new TypeError(`"${key}" is not a string`);
      return v;
    };
    switch (name) {
      case CIF_EVENT_NAMES.clicktoact: {
        const value = typeof p.value === 'number' ? String(p.value) : str(p.value, 'value');
        this.emit('clicktoact', {
          ...p,
          value,
          name: typeof p.name === 'string' ? p.name : '',
          format: typeof p.format === 'string' ? p.format : '',
          entityLogicalName: typeof p.entityLogicalName === 'string' ? p.entityLogicalName : '',
        });
        return;
      }
      case CIF_EVENT_NAMES.modechanged: {
        const mode = Number(p.value);
        if (mode !== 0 && mode !== 1 && mode !== 2) throw new TypeError('"value" is not a panel mode');
        this.emit('modechanged', { mode });
        return;
      }
      case CIF_EVENT_NAMES.sizechanged: {
        const width = Number(p.value);
        if (!Number.isFinite(width)) throw new TypeError('"value" is not a width');
        this.emit('sizechanged', { width });
        return;
      }
      case CIF_EVENT_NAMES.pagenavigate: {
        const url = str(p.value, 'value');
        const out: CifEventMap['pagenavigate'] = { url };
        try {
          const q = new URL(url, 'https://invalid.example').searchParams;
          if (q.get('etn')) out.entityName = q.get('etn')!;
          if (q.get('id')) out.entityId = stripIdBraces(q.get('id'));
          if (q.get('pagetype')) out.pageType = q.get('pagetype')!;
        } catch {
          /* keep just the url */
        }
        this.emit('pagenavigate', out);
        return;
      }
      case CIF_EVENT_NAMES.sendkbarticle:
        this.emit('sendkbarticle', { title: str(p.title, 'title'), link: str(p.link, 'link') });
        return;
      case CIF_EVENT_NAMES.sessionswitched: {
        const sessionId = str(p.sessionId, 'sessionId');
        const focused = p.focused === true || p.focussed === true || p.isFocused === true;
        const context = this.absorbContext(sessionId, p.context);
        const m = this.meta(sessionId);
        m.focused = focused;
        if (focused) m.unread = 0;
        this.emit('sessionswitched', { sessionId, focused, context });
        return;
      }
      case CIF_EVENT_NAMES.sessionclosed: {
        const sessionId = str(p.sessionId, 'sessionId');
        const context = this.absorbContext(sessionId, p.context);
        this.sessions.delete(sessionId);
        this.emit('sessionclosed', { sessionId, context });
        return;
      }
      default: {
        // presence: {presenceInfo:{…}} or {presenceId} (or presenceInfo as a JSON string)
        let info: unknown = p.presenceInfo ?? p;
        if (typeof info === 'string') info = JSON.parse(info);
        if (!isObject(info)) throw new TypeError('"presenceInfo" is not an object');
        const out: CifEventMap['presencechanged'] = { presenceId: str(info.presenceId, 'presenceId') };
        if (typeof info.presenceText === 'string') out.presenceText = info.presenceText;
        if (typeof info.presenceColor === 'string') out.presenceColor = info.presenceColor;
        if (typeof info.basePresenceStatus === 'string') out.basePresenceStatus = info.basePresenceStatus;
        // Builds that raise both onPresenceChange and setPresenceEvent would double every change.
        const key = JSON.stringify(out);
        const now = Date.now();
        if (key === this.lastPresence.key && now - this.lastPresence.at < 500) return;
        this.lastPresence = { key, at: now };
        this.emit('presencechanged', out);
      }
    }
  }

  /** Calls every listener of `type`; a throwing listener is reported and never stops the others. */
  private emit<K extends CifEventName>(type: K, payload: CifEventMap[K]): void {
    const set = this.listeners.get(type);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        (fn as CifListener<K>)(payload);
      } catch (e) {
        console.error(`[cif-elements] a "${type}" listener threw:`, e);
      }
    }
  }
}
