/**
 * Benchmark of `<cif-session-list>` with many sessions: numbers to print, not a pass/fail test.
 * Runs in a browser page (the repository's `npm run bench` bundles it into its Chromium page).
 *
 * The element gets a real `CifFrameworkClient` over the fake CIF library, so the numbers include the
 * client's work (1,000 `getSession` answers as `Map`s, events parsed from JSON strings) as in a widget.
 */
import '../src/index.js';
import { CifFrameworkClient, SESSION_META_KEY } from '@cif-elements/client';
import { createFakeCIFramework } from '@cif-elements/client/testing';
import type { CifSessionList } from '../src/index.js';

/** Options of {@link benchSessionList}. */
export interface SessionListBenchOptions {
  /** Sessions listed by the fake CIF. Default 1,000. */
  sessions?: number;
  /** Updates applied after the first render. Default 100. */
  updates?: number;
  /** Where the element is appended (inside a 378 × 600 px panel). Default `document.body`. */
  container?: HTMLElement;
}

/** What {@link benchSessionList} measured (ms unless said otherwise). */
export interface SessionListBenchResult {
  /** Sessions listed. */
  sessions: number;
  /** Updates applied. */
  updates: number;
  /**
   * Client injected → every session read (getAllSessions + getSession each) and the first rows rendered
   * (the list renders a long list chunk by chunk, one task each).
   */
  firstRowsMs: number;
  /** Same start → every row rendered (`updateComplete`). */
  firstRenderMs: number;
  /** Same start → the next frame painted after that (adds style, layout and paint of the visible rows). */
  firstPaintMs: number;
  /**
   * `updates` changes arriving at once — a third new titles (`setSessionTitle`), a third unread counts
   * (`notifyNewActivity`), a third CIF `onSessionSwitched` events — until all are rendered (one frame).
   */
  updatesMs: number;
  /** One re-render of every row with nothing changed (what the shared 30 s age timer costs). */
  rerenderMs: number;
  /** Closing `updates` sessions, one CIF `onSessionClosed` event per task, until the last is rendered. */
  closesMs: number;
  /** Longest main-thread task seen during the run (Long Tasks API: only tasks over 50 ms are reported; 0 = none). */
  longestTaskMs: number;
  /** Number of tasks over 50 ms during the run. */
  longTasks: number;
  /** Rows in the list at the end (sessions − updates). */
  rowsAtEnd: number;
}

const CHANNELS = ['voice', 'chat', 'sms', 'email', 'video', 'phone', 'social'];
const round = (n: number) => Math.round(n * 100) / 100;
const nextTask = () =>
  new Promise<void>((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  });
const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/**
 * Builds a `<cif-session-list>` in the current document over a fake CIF that lists `sessions` sessions,
 * measures its first render and `updates` updates, checks the result, and removes it again.
 */
export async function benchSessionList(options: SessionListBenchOptions = {}): Promise<SessionListBenchResult> {
  const count = options.sessions ?? 1000;
  const updates = Math.min(options.updates ?? 100, count);
  const container = options.container ?? document.body;

  const now = Date.now();
  const ids = Array.from({ length: count }, (_, i) => `bench-session-${i + 1}`);
  const fake = createFakeCIFramework({ version: 2 });
  fake.respond('getAllSessions', () => [...ids]);
  fake.respond('getFocusedSession', ids[0] ?? null);
  const index = new Map(ids.map((id, i) => [id, i]));
  fake.respond('getSession', (id: string) => {
    const i = index.get(id) ?? -1;
    return new Map<string, unknown>([
      ['sessionId', id],
      ['focused', i === 0],
      [
        'context',
        {
          [SESSION_META_KEY]: {
            title: `Conversation ${i + 1} about order #${100000 + i}`,
            customerName: `Customer ${i + 1}`,
            channel: CHANNELS[i % CHANNELS.length],
            startedAt: now - i * 45_000,
          },
        },
      ],
      ['conversationId', `conv-${i + 1}`],
    ]);
  });
  const client = new CifFrameworkClient(fake, { version: 2 });

  let longestTaskMs = 0;
  let longTasks = 0;
  const record = (entries: PerformanceEntryList) => {
    for (const e of entries) {
      longTasks++;
      longestTaskMs = Math.max(longestTaskMs, e.duration);
    }
  };
  let observer: PerformanceObserver | undefined;
  try {
    observer = new PerformanceObserver((list) => record(list.getEntries()));
    observer.observe({ type: 'longtask', buffered: false });
  } catch {
    observer = undefined; // no Long Tasks API in this browser
  }

  const panel = document.createElement('div');
  panel.style.cssText = 'width: 378px; height: 600px; overflow: hidden; --cif-session-list-max-height: 600px';
  container.append(panel);
  const el = document.createElement('cif-session-list') as CifSessionList;
  try {
    // ---- first render
    const t0 = performance.now();
    el.client = client;
    panel.append(el);
    const rows = () => el.shadowRoot!.querySelectorAll('[role="option"]');
    // The fake answers in microtasks: the load and its first rows normally finish before the next task.
    while (rows().length === 0) {
      if (el.state === 'error') throw new Error('benchSessionList: the list failed to load');
      if (performance.now() - t0 > 30_000) throw new Error('benchSessionList: the list did not load in 30 s');
      await nextTask();
    }
    const firstRowsMs = performance.now() - t0;
    await el.updateComplete;
    const firstRenderMs = performance.now() - t0;
    await nextPaint();
    const firstPaintMs = performance.now() - t0;
    if (rows().length !== count) throw new Error(`benchSessionList: ${rows().length} rows, expected ${count}`);

    // ---- a burst of updates
    const t1 = performance.now();
    const pending: Promise<unknown>[] = [];
    for (let u = 0; u < updates; u++) {
      const id = ids[(u * 7) % count];
      if (u % 3 === 0) pending.push(client.setSessionTitle({ sessionId: id, title: `Updated title ${u}` }));
      else if (u % 3 === 1) pending.push(client.notifyNewActivity(id, (u % 9) + 1));
      else pending.push(fake.raise('onSessionSwitched', { sessionId: id, focused: true, context: {} }));
    }
    await Promise.all(pending);
    await el.updateComplete;
    const updatesMs = performance.now() - t1;
    const title = el.shadowRoot!.querySelector(`[data-id="${ids[0]}"] [part~="title"]`)?.textContent;
    if (title !== 'Updated title 0') throw new Error(`benchSessionList: update not rendered (title "${title}")`);
    await nextPaint();

    // ---- one full re-render (the age timer)
    const t2 = performance.now();
    el.requestUpdate();
    await el.updateComplete;
    const rerenderMs = performance.now() - t2;
    await nextPaint();

    // ---- sessions closing one CIF event (one task) at a time
    const t3 = performance.now();
    for (let u = 0; u < updates; u++) {
      await fake.raise('onSessionClosed', { sessionId: ids[count - 1 - u], context: {} });
      await nextTask();
    }
    await el.updateComplete;
    const closesMs = performance.now() - t3;
    const rowsAtEnd = rows().length;
    if (rowsAtEnd !== count - updates) throw new Error(`benchSessionList: ${rowsAtEnd} rows after closing ${updates}`);

    await nextPaint();
    if (observer) record(observer.takeRecords());
    return {
      sessions: count,
      updates,
      firstRowsMs: round(firstRowsMs),
      firstRenderMs: round(firstRenderMs),
      firstPaintMs: round(firstPaintMs),
      updatesMs: round(updatesMs),
      rerenderMs: round(rerenderMs),
      closesMs: round(closesMs),
      longestTaskMs: round(longestTaskMs),
      longTasks,
      rowsAtEnd,
    };
  } finally {
    observer?.disconnect();
    el.remove();
    panel.remove();
    client.dispose();
  }
}
