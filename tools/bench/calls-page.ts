// Runs inside Chromium for `npm run bench:calls` (bundled by tools/bench-calls.mjs). Exposes window.cifCallsBench.
// A day in the life: 1,000 calls through <cif-call-flow> (alert, dialer, wrap-up) and its CallController, with
// second calls (hold), blind and consult transfers, declined and missed calls, wrap-ups, and createRecord failing
// at random; then every log must be in (simulated) Dynamics exactly once.
import '@cif-elements/calls';
import '@cif-elements/dialer';
import type { CifCallFlow } from '@cif-elements/calls';
import { SimulatedCifHost, createSimulatedClient } from '@cif-elements/client/simulated';

declare global {
  interface Window {
    cifCallsBench?: { day(calls: number): Promise<unknown> };
    cifBenchCheckpoint?: (calls: number) => Promise<void>;
    cifBenchBook?: (logIds: string[], created: string[]) => Promise<void>;
    gc?: () => void;
  }
}

function countNodes(root: Node): number {
  let n = 0;
  const walk = (node: Node) => {
    n++;
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    for (let c = node.firstChild; c; c = c.nextSibling) walk(c);
  };
  walk(root);
  return n;
}

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

const tick = () => new Promise((r) => setTimeout(r, 0));

async function heap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    window.gc?.();
    await tick();
  }
  return (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
}

async function day(total: number) {
  localStorage.clear();
  const host = new SimulatedCifHost();
  const client = createSimulatedClient(host);
  const rand = prng(1000);
  const realCreate = client.createRecord.bind(client);
  let failures = 0;
  // Dynamics counts every activity it creates, then forgets it (so the heap measures the widget, not the
  // records piling up in the simulated Dynamics). The bench's own books (which logs exist, which were
  // created) go to Node every 100 calls (window.cifBenchBook): kept in this page they grew its heap by
  // about 0.2 KB per call (one id string per log in a Map and a Set), which was counted as the widget's.
  let created: string[] = [];
  let logIds: string[] = [];
  const localBooks = { logIds: new Set<string>(), created: new Map<string, number>() };
  const handOver = async () => {
    const [l, cr] = [logIds, created];
    logIds = [];
    created = [];
    if (window.cifBenchBook) {
      await window.cifBenchBook(l, cr);
    } else {
      for (const id of l) localBooks.logIds.add(id);
      for (const id of cr) localBooks.created.set(id, (localBooks.created.get(id) ?? 0) + 1);
    }
  };
  client.createRecord = async (entity, data) => {
    if (rand() < 0.1) {
      failures++;
      throw new Error('Dataverse is busy (bench)');
    }
    const ref = await realCreate(entity, data);
    if (entity === 'phonecall') {
      created.push(ref.id);
      await client.deleteRecord(entity, ref.id);
    }
    return ref;
  };
  document.body.innerHTML = `<cif-call-flow default-country="US" screen-pop="never" session-template="">
    <cif-incoming-call default-country="US" key-guard="0"></cif-incoming-call>
    <cif-dialer default-country="US"></cif-dialer>
    <cif-wrap-up default-country="US"></cif-wrap-up>
  </cif-call-flow>`;
  const flow = document.querySelector<CifCallFlow>('cif-call-flow')!;
  flow.client = client;
  await flow.updateComplete;
  const c = flow.controller;
  // The telephony: does at once what the controller asks.
  c.addEventListener('accept', (e) => c.connected(e.detail.call.callId));
  c.addEventListener('hold', (e) => c.held(e.detail.call.callId, e.detail.held));
  c.addEventListener('hangup', (e) => c.ended(e.detail.call.callId));
  c.addEventListener('transfer', (e) => queueMicrotask(() => c.ended(e.detail.call.callId, { reason: 'transferred' })));
  let legs = 0;
  c.addEventListener('consult', (e) =>
    queueMicrotask(() => {
      const id = `leg-${legs++}`;
      c.outgoing({ callId: id, to: e.detail.target, consultFor: e.detail.call.callId });
      c.connected(id);
    }),
  );
  c.addEventListener('transfercomplete', (e) =>
    queueMicrotask(() => {
      c.ended(e.detail.call.callId, { reason: 'transferred' });
      c.ended(e.detail.consult.callId, { reason: 'transferred' });
    }),
  );
  const keep = (callId: string) => {
    const id = c.getCall(callId)?.logId;
    if (id) logIds.push(id);
  };
  const numbers = host.records('contact').map((r) => String(r.telephone1 ?? '')).filter(Boolean);
  const samples: Array<Record<string, number | string>> = [];
  const started = performance.now();
  const kinds = { answered: 0, missed: 0, declined: 0, blind: 0, consult: 0, waiting: 0 };
  const wrapUp = async (callId: string) => {
    await c.submitWrapUp(callId, { notes: `Notes of ${callId}`, outcome: 'Resolved' });
  };
  for (let i = 0; i < total; i++) {
    const id = `call-${i}`;
    const from = numbers[i % numbers.length] ?? '+14255550100';
    const r = rand();
    c.incoming({ callId: id, from });
    if (r < 0.1) {
      kinds.missed++;
      c.ended(id);
      keep(id);
    } else if (r < 0.18) {
      kinds.declined++;
      c.decline(id);
      keep(id);
    } else {
      c.accept(id);
      await tick();
      if (r < 0.26) {
        kinds.blind++;
        c.transfer(id, '+14255550111');
        await tick();
        keep(id);
        await wrapUp(id);
      } else if (r < 0.34) {
        kinds.consult++;
        await c.consult(id, '+14255550112');
        await tick();
        const leg = c.getCall(id)!.consultCallId!;
        c.completeTransfer(id);
        await tick();
        keep(id);
        keep(leg);
        await wrapUp(id);
        await wrapUp(leg);
      } else if (r < 0.42) {
        kinds.waiting++;
        const second = `${id}-w`;
        c.incoming({ callId: second, from: numbers[(i + 1) % numbers.length] ?? '+14255550100' });
        c.accept(second); // holds the first, waits for held
        await tick();
        c.ended(second);
        keep(second);
        await c.swap(id);
        c.ended(id);
        keep(id);
        await wrapUp(second);
        await wrapUp(id);
      } else {
        kinds.answered++;
        c.ended(id);
        keep(id);
        await wrapUp(id);
      }
    }
    if ((i + 1) % 100 === 0) {
      await flow.updateComplete;
      await handOver();
      // bench-calls.mjs may take a heap snapshot here (BENCH_HEAP_DIFF): the page waits for it.
      await window.cifBenchCheckpoint?.(i + 1);
      samples.push({
        calls: i + 1,
        'heap (KB)': Math.round((await heap()) / 1024),
        'DOM nodes': countNodes(flow),
        'calls kept': c.calls.length,
        'logs waiting': c.pendingLogs.length,
      });
    }
  }
  const dayMs = performance.now() - started;
  for (let round = 0; round < 50 && c.pendingLogs.length > 0; round++) await c.retry();
  await handOver();
  const written = [...localBooks.logIds].filter((id) => localBooks.created.has(id));
  const twice = [...localBooks.created.values()].filter((n) => n > 1).length;
  const result = {
    calls: total,
    // Without Node's books (window.cifBenchBook) the page counts on its own; with them, Node fills these in.
    'logs (one per leg)': localBooks.logIds.size,
    kinds,
    'createRecord failures injected': failures,
    'logs written': written.length,
    'logs written twice': twice,
    'written exactly once': twice === 0 && written.length === localBooks.logIds.size,
    'logs left in storage': c.pendingLogs.length,
    'ms for the day': Math.round(dayMs),
    'ms per call': Math.round((dayMs / total) * 100) / 100,
  };
  const first = samples[1] ?? samples[0]!;
  const last = samples.at(-1)!;
  const growth = ((Number(last['heap (KB)']) - Number(first['heap (KB)'])) * 1024) / (Number(last.calls) - Number(first.calls));
  return { samples, result, heapGrowthBytesPerCall: Math.round(growth) };
}

window.cifCallsBench = { day };
