/**
 * The pending-log store across browsing contexts: each "tab" is a same-origin iframe that loads the call
 * layer in its own realm (fixtures/tab.html), with its own Web Locks client and storage events. Tabs are
 * reloaded mid-flight (their in-flight work dies with them, as in a crash); Dynamics (a simulated host in
 * this page) fails createRecord at random, sometimes after writing the record (the answer is lost).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { SimulatedCifHost, createSimulatedClient } from '@cif-elements/client';
import type { CifClient, CifRecord } from '@cif-elements/client';
import type * as CallsModule from '../src/index.js';
import type { CallController, CifWrapUp, PendingCallLog } from '../src/index.js';
import { PENDING_LOGS_KEY } from '../src/index.js';
import { openTabFrame, storedLogs, useCleanStorage } from './helpers.js';
import type { TabWindow } from './helpers.js';

type Calls = typeof CallsModule;


/** A small seeded PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

/** Dynamics for the whole run: who wrote what, and every rule the tabs must keep. */
class World {
  readonly host = new SimulatedCifHost();
  readonly client = createSimulatedClient(this.host);
  readonly rand: () => number;
  /** Log id → the tab generation that owns its draft. */
  readonly owner = new Map<string, string>();
  /** Logs whose owner finished the wrap-up (anyone may write them). */
  readonly final = new Set<string>();
  /** Log id → notes that must reach Dynamics. */
  readonly notes = new Map<string, string>();
  /** Log id → the call it belongs to. */
  readonly expected = new Map<string, string>();
  readonly alive = new Set<string>();
  /** While a tab's store was not durable: whether its wrap-up showed the warning. */
  readonly shown: boolean[] = [];
  /** The current generation of each tab. */
  readonly tabs = new Map<string, Tab>();
  /** Logs written while their owner was alive and still wrapping up, by someone else. */
  readonly stolenDrafts: string[] = [];
  /** Two createRecord of one log at the same time. */
  readonly concurrentSends: string[] = [];
  readonly inFlight = new Map<string, string>();
  /**
   * Writes of tabs that were killed, in flight or answered but not yet removed from storage (may overlap a
   * later resend legitimately).
   */
  readonly orphaned = new Set<string>();
  lostAnswers = 0;
  /** Logs whose createRecord wrote the record but whose answer was lost (injected). */
  readonly lostAnswerIds = new Set<string>();
  duplicates = 0;
  /** Duplicates that none of the causes below (or a lost answer, or a killed tab's write) explains for that log. */
  readonly unexplainedDuplicates: string[] = [];
  /** Log id → the tab generation whose createRecord wrote it. */
  readonly writer = new Map<string, string>();
  /**
   * Duplicates sent by the log's owner on saving after another tab had already written it: the
   * controller's documented safety resend (a log gone from storage that this store did not write is sent
   * again rather than taken as written; Dynamics refuses the copy by its activity id).
   */
  ownerResends = 0;
  /**
   * Duplicates sent while another live tab held the log as written but its storage had refused (its store not
   * durable): that tab could not remove the stored entry, which stays until its store recovers, so a tab that
   * flushes meanwhile sends the log again — the store's documented choice of a second send (refused by the
   * activity id) over a lost log.
   */
  staleResends = 0;
  failures = 0;
  /** createRecord fails while true (all of them). */
  down = false;

  constructor(seed: number, readonly failRate = 0.2, readonly lostRate = 0.08) {
    this.rand = prng(seed);
  }

  /** The client a tab generation gets: the shared Dynamics, with random failures and bookkeeping. */
  clientFor(gen: string): CifClient {
    return clientFor(this, gen);
  }
}

/** See {@link World.clientFor}. */
function clientFor(world: World, gen: string): CifClient {
  {
    const base = world.client;
    return new Proxy(base, {
      get(target, prop) {
        if (prop === 'createRecord') {
          return async (entity: string, data: CifRecord) => {
            const id = String(data.activityid);
            // Another live tab wrote the log (or was told Dynamics has it) but its storage refused the removal.
            const stale = [...world.tabs.values()].some(
              (t) => t.gen !== gen && world.alive.has(t.gen) && t.controller.store.wasWritten(id) && !t.controller.store.durable,
            );
            const owner = world.owner.get(id);
            if (owner && owner !== gen && !world.final.has(id) && world.alive.has(owner)) world.stolenDrafts.push(id);
            const other = world.inFlight.get(id);
            if (other && !world.orphaned.has(id)) world.concurrentSends.push(`${id} by ${gen} while ${other}`);
            world.inFlight.set(id, gen);
            try {
              await tick(world.rand() * 4);
              const r = world.rand();
              if (world.down || r < world.failRate) {
                world.failures++;
                throw new Error('Dataverse is busy (injected)');
              }
              let ref;
              try {
                ref = await target.createRecord(entity, data);
              } catch (e) {
                if (/duplicate key/i.test(String((e as Error).message))) {
                  world.duplicates++;
                  const wroteIt = world.writer.get(id);
                  if (gen === world.owner.get(id) && wroteIt !== undefined && wroteIt !== gen) world.ownerResends++;
                  else if (stale) world.staleResends++;
                  else if (!world.lostAnswerIds.has(id) && !world.orphaned.has(id)) {
                    world.unexplainedDuplicates.push(`${id} by ${gen}, written by ${wroteIt ?? 'nobody known'}`);
                  }
                }
                throw e;
              }
              world.writer.set(id, gen);
              if (r < world.failRate + world.lostRate) {
                world.lostAnswers++;
                world.lostAnswerIds.add(id);
                throw new Error('The answer was lost (injected)');
              }
              return ref;
            } finally {
              if (world.inFlight.get(id) === gen) world.inFlight.delete(id);
            }
          };
        }
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  }
}

interface Tab {
  name: string;
  gen: string;
  frame: HTMLIFrameElement;
  win: TabWindow;
  calls: Calls;
  controller: CallController;
  wrapUp: CifWrapUp;
  /** Resolves when the tab is killed (its own promises never settle then). */
  killed: Promise<void>;
  kill: () => void;
}

/** Waits for the tab's work, or for the tab to die. */
function unlessKilled<T>(tab: Tab, work: () => Promise<T>): Promise<T | undefined> {
  return Promise.race([work(), tab.killed.then(() => undefined)]);
}

interface TabOptions {
  /** Patch the tab's Storage before the controller exists (e.g. make it throw). */
  patch?: (win: TabWindow) => void;
}

async function openTab(world: World, name: string, generation: number, options: TabOptions = {}): Promise<Tab> {
  const { frame, win } = await openTabFrame(name);
  options.patch?.(win);
  const calls = win.calls!;
  const gen = `${name}#${generation}`;
  const controller = new calls.CallController({
    client: world.clientFor(gen),
    defaultCountry: 'US',
    screenPop: 'never',
    sessionTemplate: '',
    store: new calls.PendingLogStore({ recoverMs: 40 }),
  });
  const wrapUp = win.document.createElement('cif-wrap-up');
  win.document.body.append(wrapUp);
  controller.attach({ wrapUp });
  controller.addEventListener('pending', (e) => {
    if (!e.detail.durable) world.shown.push(wrapUp.storageUnavailable);
  });
  world.alive.add(gen);
  let kill!: () => void;
  const killed = new Promise<void>((r) => (kill = r));
  const tab: Tab = { name, gen, frame, win, calls, controller, wrapUp, killed, kill };
  world.tabs.set(name, tab);
  return tab;
}

/** The tab goes away mid-flight (a reload or crash): its realm, locks and pending work die with it. */
function killTab(world: World, tab: Tab): void {
  world.alive.delete(tab.gen);
  for (const [id, gen] of world.inFlight) if (gen === tab.gen) world.orphaned.add(id);
  // Written by this tab, but it died between createRecord's answer and removing the stored entry (a test's
  // continuation can run in that microtask gap): the next flush sends the log again.
  const stored = new Set(storedLogs().map((l) => l.id));
  for (const [id, gen] of world.writer) if (gen === tab.gen && stored.has(id) && !world.lostAnswerIds.has(id)) world.orphaned.add(id);
  tab.frame.remove();
  tab.kill();
}

/** One agent's day in one tab: `count` calls; `reloadAt` call numbers reload the tab with a wrap-up open. */
async function agentDay(
  world: World,
  name: string,
  count: number,
  hooks: { reloadAt?: number[]; at?: Record<number, () => Promise<void> | void>; options?: TabOptions } = {},
): Promise<Tab> {
  let generation = 0;
  let tab = await openTab(world, name, generation, hooks.options);
  for (let i = 0; i < count; i++) {
    await hooks.at?.[i]?.();
    const c = tab.controller;
    const callId = `${name}-${i}`;
    const number = `+1425555${String(1000 + i).slice(-4)}`;
    c.incoming({ callId, from: number });
    const r = world.rand();
    let notes = '';
    if (r < 0.15) {
      c.ended(callId); // missed
    } else if (r < 0.25) {
      c.decline(callId); // the controller ends and logs it itself
    } else {
      c.accept(callId);
      c.connected(callId);
      notes = `Notes of ${callId}: ${Math.floor(world.rand() * 1e9).toString(36)}`;
      await c.updateWrapUp(callId, { notes: notes.slice(0, 12) }); // typed during the call
      c.ended(callId);
    }
    const call = c.getCall(callId)!;
    expect(call.phase, callId).to.equal('ended');
    const logId = call.logId!;
    world.expected.set(logId, callId);
    world.owner.set(logId, tab.gen);
    if (!notes) world.final.add(logId);
    if (notes) {
      await c.updateWrapUp(callId, { notes }); // the whole text typed in the wrap-up
      world.notes.set(logId, notes);
      // A reload while storage refuses writes loses what only this tab holds (the agent is told): not tested here.
      if (hooks.reloadAt?.includes(i) && c.store.durable) {
        // Reloaded with the wrap-up still open: the draft (with its notes) is taken over by whoever flushes next.
        await tick(world.rand() * 6);
        killTab(world, tab);
        tab = await openTab(world, name, ++generation, hooks.options);
        continue;
      }
      // The agent is still typing: the other tabs flush meanwhile (their retry() must leave this draft alone).
      await Promise.all(
        [...world.tabs.values()].filter((t) => t !== tab && world.alive.has(t.gen)).map((t) => unlessKilled(t, () => t.controller.retry())),
      );
      await tick(world.rand() * 4);
      world.final.add(logId);
      const result = await c.submitWrapUp(callId, { notes, outcome: 'Resolved' });
      expect(result.ok === 'skipped', `${callId} save answered`).to.be.false;
    }
    if (world.rand() < 0.3) await tick(world.rand() * 5);
  }
  return tab;
}

/**
 * Resolves once `done()` holds: checked now and on each `type` event of the tabs' controllers, however long
 * their work takes under load (the test's own timeout guards it; no fixed number of rounds or milliseconds).
 */
function until(tabs: Tab[], type: 'change' | 'pending', done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!done()) return;
      for (const t of tabs) t.controller.removeEventListener(type, check);
      resolve();
    };
    for (const t of tabs) t.controller.addEventListener(type, check);
    check();
  });
}

/**
 * Whether every call of the tabs is finished by its owner: each ended call's log saved or failed (a missed or
 * declined call is made final only once its caller lookup and the agent id are in, which under load can take
 * longer than any number of retry rounds — stopping before is not a lost log).
 */
const ownersDone = (tabs: Tab[]) => tabs.every((t) => t.controller.calls.every((c) => c.phase !== 'ended' || c.log === 'saved' || c.log === 'failed'));

/**
 * Waits until the owners have finished their calls, then retries in every live tab until Dynamics has every
 * log (failures keep being injected).
 */
async function drain(world: World, tabs: Tab[]): Promise<void> {
  await until(tabs, 'change', () => ownersDone(tabs));
  for (let round = 0; round < 60; round++) {
    await Promise.all(tabs.map((t) => t.controller.retry()));
    const written = new Set(world.host.records('phonecall').map((p) => String(p.activityid)));
    if ([...world.expected.keys()].every((id) => written.has(id)) && tabs.every((t) => t.controller.pendingLogs.length === 0)) return;
    await tick(5);
  }
}

function verify(world: World, count: number): void {
  const records = world.host.records('phonecall');
  const ids = records.map((p) => String(p.activityid));
  expect(world.expected.size, 'every call got a log').to.equal(count);
  expect(new Set(ids).size, 'no activity twice').to.equal(ids.length);
  const missing = [...world.expected].filter(([id]) => !ids.includes(id));
  if (missing.length) console.log('missing', JSON.stringify(missing.map(([id, c]) => [c, world.owner.get(id), world.final.has(id), world.alive.has(world.owner.get(id)!)])), JSON.stringify([...world.tabs.values()].map((t) => t.controller.pendingLogs.map((l) => [l.callId, l.draft, l.owner === undefined, l.attempts, l.lastError, t.controller.store.durable]))));
  expect(ids.filter((id) => world.expected.has(id)).length, 'every log written exactly once').to.equal(count);
  expect([...world.expected.keys()].filter((id) => !ids.includes(id)), 'none missing').to.deep.equal([]);
  expect(world.stolenDrafts, 'no draft written by a non-owner while its owner was alive').to.deep.equal([]);
  expect(world.concurrentSends, 'never sent by two writers at once').to.deep.equal([]);
  const byId = new Map(records.map((p) => [String(p.activityid), p]));
  const lost = [...world.notes].filter(([id, notes]) => !String(byId.get(id)?.description ?? '').includes(notes));
  expect(lost.map(([id]) => world.expected.get(id)), 'no notes lost').to.deep.equal([]);
  const allowed = { lostAnswers: world.lostAnswers, orphaned: world.orphaned.size, ownerResends: world.ownerResends, staleResends: world.staleResends };
  expect(
    world.duplicates,
    `a second createRecord only after a lost answer, a killed tab, the owner's safety resend, or a removal storage refused ${JSON.stringify(allowed)}`,
  ).to.be.at.most(Object.values(allowed).reduce((a, b) => a + b, 0));
  // …and each one by a cause of its own log, not another log's
  expect(world.unexplainedDuplicates, 'every second createRecord explained by a cause of that log').to.deep.equal([]);
  expect(storedLogs(), 'nothing left in storage').to.deep.equal([]);
  const declined = records.filter((p) => String(p.subject).startsWith('Declined call from'));
  expect(declined.length, 'declined calls are logged by the controller').to.be.greaterThan(0);
}

/** Fills localStorage until even one character is refused. */
function fillStorage(): number {
  let n = 0;
  for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
    const chunk = 'x'.repeat(size);
    for (;;) {
      try {
        localStorage.setItem(`calls-test:filler:${n}`, chunk);
        n++;
      } catch {
        break;
      }
    }
  }
  return n;
}

function freeStorage(): void {
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const k = localStorage.key(i);
    if (k?.startsWith('calls-test:filler:')) localStorage.removeItem(k);
  }
}

describe('Call logs across tabs (two same-origin iframes)', function () {
  // 120 calls through two realms with reloads: a long test by nature, not a slow one.
  this.timeout(60_000);
  useCleanStorage();
  let frames: Tab[] = [];
  afterEach(() => {
    for (const t of frames) t.controller.dispose();
    for (const f of document.querySelectorAll('iframe')) f.remove();
    frames = [];
    freeStorage();
  });

  it('2 tabs × 60 calls, random createRecord failures and lost answers, reloads mid-wrap-up: every log written once, with its notes', async () => {
    const world = new World(0x13);
    const [a, b] = await Promise.all([agentDay(world, 'A', 60, { reloadAt: [9, 27, 44] }), agentDay(world, 'B', 60, { reloadAt: [18, 51] })]);
    frames = [a, b];
    await drain(world, frames);
    verify(world, 120);
    expect(world.failures, 'failures were injected').to.be.greaterThan(10);
    expect(world.lostAnswers, 'lost answers were injected').to.be.greaterThan(2);
  });

  it('the same with storage full for a while (quota exceeded): durable false and shown, then recovers', async () => {
    const world = new World(0x14);
    let filled = 0;
    const [a, b] = await Promise.all([
      agentDay(world, 'A', 60, {
        reloadAt: [8, 52],
        at: {
          15: () => {
            filled = fillStorage();
          },
          40: () => freeStorage(),
        },
      }),
      agentDay(world, 'B', 60, { reloadAt: [56] }),
    ]);
    frames = [a, b];
    expect(filled, 'storage was filled').to.be.greaterThan(0);
    expect(world.shown.length, 'storage refused writes at some point').to.be.greaterThan(0);
    expect(world.shown, 'each time, the wrap-up said so').to.not.include(false);
    await until(frames, 'pending', () => frames.every((t) => t.controller.store.durable)); // durable again
    await drain(world, frames);
    verify(world, 120);
    for (const t of frames) {
      await t.wrapUp.updateComplete;
      expect(t.wrapUp.storageUnavailable).to.be.false;
    }
  });

  it('the same with storage throwing on every access for a while: durable false, then recovers', async () => {
    const world = new World(0x15);
    let broken = false;
    const patch = (win: TabWindow) => {
      const proto = win.Storage.prototype;
      for (const name of ['getItem', 'setItem', 'removeItem', 'key'] as const) {
        const original = proto[name] as (...a: unknown[]) => unknown;
        (proto as unknown as Record<string, unknown>)[name] = function (this: Storage, ...args: unknown[]) {
          if (broken) throw new win.DOMException('The operation is insecure.', 'SecurityError');
          return original.apply(this, args);
        };
      }
    };
    const durability: boolean[] = [];
    const [a, b] = await Promise.all([
      agentDay(world, 'A', 60, {
        options: { patch },
        reloadAt: [5, 50],
        at: {
          10: () => {
            broken = true;
          },
          20: () => {
            durability.push(world.tabs.get('A')!.controller.store.durable);
          },
          35: () => {
            broken = false;
          },
        },
      }),
      agentDay(world, 'B', 60, { options: { patch }, reloadAt: [57] }),
    ]);
    frames = [a, b];
    expect(durability, 'not durable while storage throws').to.deep.equal([false]);
    await until(frames, 'pending', () => frames.every((t) => t.controller.store.durable)); // durable again
    await drain(world, frames);
    verify(world, 120);
  });

  it('pending counts follow the other tab (storage events): its failed log shows here, and goes when it is written', async () => {
    const world = new World(0x17, 0, 0);
    const [a, b] = await Promise.all([openTab(world, 'A', 0), openTab(world, 'B', 0)]);
    frames = [a, b];
    const seenInB: number[] = [];
    b.controller.addEventListener('pending', (e) => seenInB.push(e.detail.count));
    world.down = true;
    a.controller.incoming({ callId: 'a1', from: '+14255550100' });
    a.controller.ended('a1');
    await waitUntil(() => a.controller.getCall('a1')!.log === 'failed', 'failed in A', { timeout: 4000 });
    await waitUntil(() => seenInB.includes(1), 'B counts A’s waiting log', { timeout: 4000 });
    await b.wrapUp.updateComplete;
    expect(b.wrapUp.pendingCount).to.equal(1);
    expect(b.wrapUp.shadowRoot!.querySelector('[part="pending"]')!.textContent).to.equal('1 call log is waiting for Dynamics.');
    world.down = false;
    // "Retry now" in B writes A's log (A is alive, but the log is final: anyone may send it) and says so.
    (b.wrapUp.shadowRoot!.querySelector('[part="retry"]') as HTMLButtonElement).click();
    await waitUntil(() => b.wrapUp.retryState === 'sent', 'B: sent', { timeout: 4000 });
    await waitUntil(() => seenInB.at(-1) === 0, 'B counts 0', { timeout: 4000 });
    const logId = a.controller.getCall('a1')!.logId!;
    expect(world.host.records('phonecall').filter((p) => p.activityid === logId)).to.have.length(1);
    await b.wrapUp.updateComplete;
    expect(b.wrapUp.shadowRoot!.querySelector('[part="retry-status"]')!.textContent).to.equal('All call logs are in Dynamics.');
  });

  it('a tab whose storage is blocked from the start reports it at once and still logs every call', async () => {
    const world = new World(0x16, 0, 0);
    const patch = (win: TabWindow) => {
      Object.defineProperty(win, 'localStorage', {
        get() {
          throw new win.DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    };
    const tab = await openTab(world, 'C', 0, { patch });
    frames = [tab];
    const pending: Array<{ count: number; durable: boolean }> = [];
    tab.controller.addEventListener('pending', (e) => pending.push(e.detail));
    expect(tab.controller.store.durable).to.be.false;
    expect(tab.controller.store.storageProblem).to.equal('unavailable');
    await tab.wrapUp.updateComplete;
    expect(tab.wrapUp.storageUnavailable).to.be.true;
    world.down = true;
    tab.controller.incoming({ callId: 'c1', from: '+14255550100' });
    tab.controller.ended('c1');
    await waitUntil(() => tab.controller.getCall('c1')!.log === 'failed', 'failed and kept');
    expect(pending.some((p) => p.count === 1 && !p.durable), 'counted, not durable').to.be.true;
    world.down = false;
    await tab.controller.retry();
    const logId = tab.controller.getCall('c1')!.logId!;
    expect(world.host.records('phonecall').filter((p) => p.activityid === logId)).to.have.length(1);
    expect(pending.at(-1)).to.deep.equal({ count: 0, durable: false, problem: 'unavailable' });
  });
});

export type { PendingCallLog };
export { PENDING_LOGS_KEY };
