import type { CifFrameworkApi, CifFrameworkHandler } from '../framework.js';

/** One recorded call on a {@link FakeCIFramework}. */
export interface FakeCall {
  method: string;
  args: unknown[];
}

type Answer = { kind: 'value'; value: unknown } | { kind: 'reject'; value: unknown } | { kind: 'hang' };

/**
 * A scriptable stand-in for `window.Microsoft.CIFramework` that answers the way the real library does
 * (CIF.md): JSON strings for record APIs, raw values elsewhere, a `Map` from `getSession`, and rejections
 * as JSON strings or `Map`s. For testing widgets without Dynamics and without the simulated host.
 */
export interface FakeCIFramework extends CifFrameworkApi {
  /** Every call, in order. */
  readonly calls: FakeCall[];
  /** Calls of one method. */
  callsOf(method: string): unknown[][];
  /** Makes `method` resolve `value` (or what `fn(...args)` returns) from now on. */
  respond(method: keyof CifFrameworkApi, value: unknown, options?: { once?: boolean }): void;
  /** Makes `method` reject with `raw` (a JSON string, a `Map`, an `Error`, …). */
  reject(method: keyof CifFrameworkApi, raw: unknown, options?: { once?: boolean }): void;
  /** Makes `method` never settle (a host that never answers). */
  hang(method: keyof CifFrameworkApi, options?: { once?: boolean }): void;
  /**
   * Delivers an event as the host does: each handler gets `JSON.stringify(payload)` (or `payload` as is
   * when it is a string). Rejects if a handler does not return a promise — the real host then times out.
   */
  raise(eventName: string, payload: unknown): Promise<unknown[]>;
  /** Number of handlers registered for `eventName` (or for all events). */
  handlerCount(eventName?: string): number;
}

/** Options of {@link createFakeCIFramework}. */
export interface FakeCIFrameworkOptions {
  /** 2 (default) makes `isConsoleApp()` resolve true. */
  version?: 1 | 2;
  /** Omit the doc-only presence APIs, as older library builds do. */
  withoutPresence?: boolean;
}

/** Creates a {@link FakeCIFramework}. */
export function createFakeCIFramework(options: FakeCIFrameworkOptions = {}): FakeCIFramework {
  const version = options.version ?? 2;
  const calls: FakeCall[] = [];
  const handlers = new Map<string, Set<CifFrameworkHandler>>();
  const scripted = new Map<string, Array<Answer & { once: boolean }>>();
  let nextSession = 1;
  let nextTab = 1;
  let nextRecord = 1;
  const state = { clickToAct: true, mode: 1, width: 378, presence: 'Available', focused: 'session-id-0' as string | null };
  const sessions = new Map<string, { context: unknown }>();

  const defaults: Record<string, (...args: never[]) => unknown> = {
    setMode: (m: number) => (state.mode = version === 1 && m === 2 ? 0 : m),
    getMode: () => state.mode,
    setWidth: (w: number) => (state.width = w),
    getWidth: () => state.width,
    setClickToAct: (v: boolean) => {
      state.clickToAct = v;
      return undefined;
    },
    getClickToAct: () => state.clickToAct,
    createRecord: (entity: string) =>
      JSON.stringify({ id: `00000000-0000-0000-0000-${String(nextRecord++).padStart(12, '0')}`, entityType: entity }),
    retrieveRecord: (entity: string, id: string) => JSON.stringify({ [`${entity}id`]: id }),
    updateRecord: (entity: string, id: string) => JSON.stringify({ id, entityType: entity }),
    deleteRecord: (entity: string, id: string) => JSON.stringify({ id, entityType: entity }),
    searchAndOpenRecords: () => JSON.stringify({}),
    openForm: () => JSON.stringify({ savedEntityReference: [] }),
    renderSearchPage: () => undefined,
    getEnvironment: () =>
      JSON.stringify({ clientUrl: 'https://contoso.crm.dynamics.com', userId: '{00000000-0000-0000-0000-000000000001}' }),
    canCreateSession: () => sessions.size < 10,
    createSession: (input: { context?: unknown }) => {
      const id = `session-id-${nextSession++}`;
      sessions.set(id, { context: input?.context ?? {} });
      return id;
    },
    getSession: (id: string) =>
      new Map<string, unknown>([
        ['sessionId', id],
        ['focused', state.focused === id],
        ['context', sessions.get(id)?.context ?? {}],
        ['conversationId', ''],
      ]),
    getFocusedSession: () => state.focused,
    getAllSessions: () => [...sessions.keys()],
    requestFocusSession: (id: string) => {
      state.focused = id;
      return undefined;
    },
    setSessionTitle: () => undefined,
    notifyNewActivity: () => undefined,
    notifyKpiBreach: () => undefined,
    updateContext: () => undefined,
    createTab: () => `tab-id-${nextTab++}`,
    focusTab: () => undefined,
    getFocusedTab: () => 'tab-id-0',
    getTabs: () => [],
    refreshTab: () => undefined,
    setTabTitle: () => undefined,
    closeTab: () => undefined,
    notifyEvent: () => JSON.stringify({ actionName: 'Accept', responseReason: 'Accept' }),
    cancelEvent: () => undefined,
    getPresence: () => state.presence,
    setPresence: (text: string) => {
      state.presence = text;
      return true;
    },
    isConsoleApp: () => version === 2,
  };

  const answer = (method: string, args: unknown[]): Promise<unknown> => {
    calls.push({ method, args });
    const queue = scripted.get(method);
    const a = queue?.[0];
    if (a?.once) queue!.shift();
    if (a?.kind === 'hang') return new Promise(() => {});
    if (a?.kind === 'reject') return Promise.reject(a.value);
    if (a?.kind === 'value') {
      const v = typeof a.value === 'function' ? (a.value as (...x: unknown[]) => unknown)(...args) : a.value;
      return Promise.resolve(v);
    }
    try {
      return Promise.resolve((defaults[method] as (...x: unknown[]) => unknown)(...args));
    } catch (e) {
      return Promise.reject(e);
    }
  };

  const script = (method: string, a: Answer, once = false) => {
    const queue = once ? [...(scripted.get(method) ?? []), { ...a, once }] : [{ ...a, once }];
    scripted.set(method, queue);
  };

  const fake: Record<string, unknown> = {
    calls,
    callsOf: (method: string) => calls.filter((c) => c.method === method).map((c) => c.args),
    respond: (method: string, value: unknown, o?: { once?: boolean }) => script(method, { kind: 'value', value }, o?.once),
    reject: (method: string, value: unknown, o?: { once?: boolean }) => script(method, { kind: 'reject', value }, o?.once),
    hang: (method: string, o?: { once?: boolean }) => script(method, { kind: 'hang' }, o?.once),
    addHandler(name: string, h: CifFrameworkHandler) {
      calls.push({ method: 'addHandler', args: [name, h] });
      if (typeof name !== 'string' || typeof h !== 'function') {
        return Promise.reject(JSON.stringify({ message: 'Invalid event name or handler', msdyn_name: 'addHandler' }));
      }
      if (!handlers.has(name)) handlers.set(name, new Set());
      handlers.get(name)!.add(h);
      return undefined;
    },
    removeHandler(name: string, h: CifFrameworkHandler) {
      calls.push({ method: 'removeHandler', args: [name, h] });
      handlers.get(name)?.delete(h);
      return undefined;
    },
    async raise(eventName: string, payload: unknown) {
      const data = typeof payload === 'string' ? payload : JSON.stringify(payload);
      const results: unknown[] = [];
      for (const h of [...(handlers.get(eventName) ?? [])]) {
        const r = h(data) as unknown;
        if (!r || typeof (r as Promise<unknown>).then !== 'function') {
          throw new Error(`handler for ${eventName} did not return a promise (the real host would time out)`);
        }
        results.push(await r);
      }
      return results;
    },
    handlerCount(eventName?: string) {
      if (eventName) return handlers.get(eventName)?.size ?? 0;
      let n = 0;
      for (const s of handlers.values()) n += s.size;
      return n;
    },
  };
  for (const method of Object.keys(defaults)) {
    if (options.withoutPresence && (method === 'getPresence' || method === 'setPresence')) continue;
    fake[method] = (...args: unknown[]) => answer(method, args);
  }
  return fake as unknown as FakeCIFramework;
}

/** Puts `fake` at `window.Microsoft.CIFramework`; returns the function that removes it again. */
export function installFakeCIFramework(fake: CifFrameworkApi): () => void {
  const w = window as Window;
  const previous = w.Microsoft;
  w.Microsoft = { ...(previous ?? {}), CIFramework: fake };
  return () => {
    if (previous) w.Microsoft = previous;
    else delete w.Microsoft;
  };
}
