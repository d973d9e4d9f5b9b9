import { aTimeout, waitUntil } from '@open-wc/testing';
import { CifFrameworkClient, SimulatedCifHost, createSimulatedClient } from '@cif-elements/client';
import type { CifClient, SimulatedCifHostOptions } from '@cif-elements/client';
import { createFakeCIFramework } from '@cif-elements/client/testing';
import type { FakeCIFramework } from '@cif-elements/client/testing';
import { CallController, PENDING_LOGS_KEY, loadPhoneLib } from '../src/index.js';
import type { CallControllerOptions, KeyValueStorage, PendingCallLog } from '../src/index.js';
import type * as CallsModule from '../src/index.js';

/** Storage keys the tests use (all removed after each test). */
export const TEST_KEYS = [PENDING_LOGS_KEY, 'calls-test:logs', 'calls-test:other'];

/** Removes every key the call flow or the tests write, so each test starts with empty storage. */
export function cleanStorage(): void {
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const k = localStorage.key(i);
    if (k && (k.startsWith('cif-elements:') || k.startsWith('calls-test:'))) localStorage.removeItem(k);
  }
}

/** Controllers a test made (see {@link TestController}), disposed after it. */
const liveControllers = new Set<CallController>();

/**
 * A `CallController` that is disposed when the test that made it ends. A controller left alive keeps
 * working after its test: it flushes (on its own retries, and on the store's `due` events) the logs it
 * finds in the one shared localStorage, so it would write — with its own client — the logs of a later test.
 */
export class TestController extends CallController {
  constructor(options?: CallControllerOptions) {
    super(options);
    liveControllers.add(this);
  }
}

function disposeControllers(): void {
  for (const c of liveControllers) c.dispose();
  liveControllers.clear();
}

/** Root hooks every test file of this package installs. */
export function useCleanStorage(): void {
  before(() => loadPhoneLib());
  beforeEach(cleanStorage);
  afterEach(disposeControllers);
  afterEach(cleanStorage);
}

/** A simulated Dynamics (seeded demo data) and a client over it. */
export function simulated(options: SimulatedCifHostOptions = {}): { host: SimulatedCifHost; client: CifClient } {
  const host = new SimulatedCifHost(options);
  return { host, client: createSimulatedClient(host) };
}

/** A fake `Microsoft.CIFramework` and a client over it. */
export function fakeClient(version: 1 | 2 = 2): { fake: FakeCIFramework; client: CifClient } {
  const fake = createFakeCIFramework({ version });
  return { fake, client: new CifFrameworkClient(fake, { version }) };
}

/** Lets pending promises, microtasks and a render run. */
export async function settle(...els: Array<{ updateComplete: Promise<boolean> } | undefined>): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await aTimeout(0);
    for (const el of els) if (el) await el.updateComplete;
  }
}

/** Seed contacts and their phone notations (see packages/client/src/simulated/seed.ts). */
export const SEED = {
  /** Alan Turing: telephone1 "(425) 555-0149". */
  alan: { name: 'Alan Turing', e164: '+14255550149', field: 'telephone1' },
  /** Ada Lovelace: mobilephone "+1 425 555 0172". */
  adaMobile: { name: 'Ada Lovelace', e164: '+14255550172', field: 'mobilephone' },
  /** Grace Hopper: telephone1 "+44 20 7946 0050". */
  grace: { name: 'Grace Hopper', e164: '+442079460050', national: '020 7946 0050', field: 'telephone1' },
  /** Katherine Johnson: telephone1 "425.555.0151". */
  katherine: { name: 'Katherine Johnson', e164: '+14255550151', field: 'telephone1' },
  /** Edsger Dijkstra: telephone1 "+1-206-555-0152". */
  edsger: { name: 'Edsger Dijkstra', e164: '+12065550152', field: 'telephone1' },
  /** Barbara Liskov: telephone1 "+61 2 5550 1053". */
  barbara: { name: 'Barbara Liskov', e164: '+61255501053', field: 'telephone1' },
  /** Account Fabrikam, Inc.: telephone1 "(425) 555-0101". */
  fabrikam: { name: 'Fabrikam, Inc.', e164: '+14255550101', field: 'telephone1' },
  /** A number nobody has. */
  nobody: { e164: '+14255550199' },
} as const;

/** A hostile string: markup, RTL override. */
export const HOSTILE = '<img src=x onerror="window.__pwned=1">\u202Eevil';

/** A stand-in for `<cif-dialer>` with the properties the controller drives (no rendering). */
export class TestDialer extends HTMLElement {
  callState = 'idle';
  callNumber = '';
  contactName = '';
  muted = false;
  /** The call list, the call in front and its connection time (set by the controller). */
  calls: Array<{ callId: string; state: string; connectedAt?: number; name: string; number: string }> = [];
  activeCallId = '';
  connectedAt: number | undefined = undefined;
  /** Fires a dialer event as `<cif-dialer>` would. */
  fire(type: string, detail: unknown = {}, cancelable = false): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }
}
if (!customElements.get('test-dialer')) customElements.define('test-dialer', TestDialer);

/** The call logs kept in `localStorage` under `key` (one key per log), oldest first. */
export function storedLogs(key: string = PENDING_LOGS_KEY): PendingCallLog[] {
  const out: PendingCallLog[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k?.startsWith(`${key}:log:`)) out.push(JSON.parse(localStorage.getItem(k)!) as PendingCallLog);
  }
  return out.sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * A storage over a Map (`map`), for store tests; `fail` is called before every access and may throw (a full or
 * broken storage): `'read'` (getItem, length, key), `'write'` (setItem), `'remove'` (removeItem).
 */
export function mapStorage(fail: (op: 'read' | 'write' | 'remove') => void = () => undefined): {
  map: Map<string, string>;
  storage: KeyValueStorage;
} {
  const map = new Map<string, string>();
  const storage: KeyValueStorage = {
    getItem: (k) => (fail('read'), map.get(k) ?? null),
    setItem: (k, v) => (fail('write'), void map.set(k, v)),
    removeItem: (k) => (fail('remove'), void map.delete(k)),
    get length() {
      fail('read');
      return map.size;
    },
    key: (i) => (fail('read'), [...map.keys()][i] ?? null),
  };
  return { map, storage };
}

/** A same-origin iframe tab (fixtures/tab.html) with the calls package loaded as `calls`. */
export type TabWindow = Window & typeof globalThis & { calls?: typeof CallsModule };

/** Opens a tab (an iframe on fixtures/tab.html) and waits until its calls package has loaded. */
export async function openTabFrame(name: string): Promise<{ frame: HTMLIFrameElement; win: TabWindow; calls: typeof CallsModule }> {
  const frame = document.createElement('iframe');
  frame.title = `tab ${name}`;
  frame.src = new URL('./fixtures/tab.html', import.meta.url).href;
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as TabWindow;
  await waitUntil(() => !!win.calls, `tab ${name} loaded`, { timeout: 4000 });
  return { frame, win, calls: win.calls! };
}
