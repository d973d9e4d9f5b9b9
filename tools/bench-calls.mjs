// `npm run bench:calls`: a day in the life of the call layer (prints numbers; not a pass/fail test, but it
// exits non-zero when a call log is lost or written twice).
// 1,000 calls through <cif-call-flow> + CallController in headless Chromium (Debian's /usr/bin/chromium via
// playwright-core): second calls (hold first), blind and consult transfers, declined and missed calls,
// wrap-ups, createRecord failing 10% of the time. Every 100 calls: heap after GC, DOM nodes under the flow,
// calls kept by the controller (bounded by maxEndedCalls) and logs waiting. At the end: logs written once.
import { build } from 'esbuild';
import { serveDir, launchBenchChromium } from './bench/browser.mjs';
import { takeHeapSnapshot, summarise, retainersOf } from './bench/heap-snapshot.mjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
// BENCH_HEAP_DIFF=200,800: heap snapshots (CDP HeapProfiler) after those calls; prints the objects that grew
// between them by constructor, and who holds the id strings (GUIDs) at the second.
const HEAP_DIFF = (process.env.BENCH_HEAP_DIFF ?? '').split(',').filter(Boolean).map(Number);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const dir = mkdtempSync(join(tmpdir(), 'cif-bench-calls-'));
let failed = false;
try {
  await build({
    entryPoints: [join(root, 'tools/bench/calls-page.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    outfile: join(dir, 'page.js'),
    tsconfig: join(root, 'tsconfig.json'),
    conditions: ['source'],
    logLevel: 'error',
  });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="en"><body><script type="module" src="page.js"></script></body></html>');
  const server = await serveDir(dir);
  const browser = await launchBenchChromium();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.cifCallsBench !== undefined);
    // The page's books (tools/bench/calls-page.ts), kept here so they do not grow the page's heap.
    const logIds = new Set();
    const created = new Map();
    await page.exposeFunction('cifBenchBook', (ids, createdIds) => {
      for (const id of ids) logIds.add(id);
      for (const id of createdIds) created.set(id, (created.get(id) ?? 0) + 1);
    });
    const snapshots = new Map();
    if (HEAP_DIFF.length) {
      const cdp = await page.context().newCDPSession(page);
      await page.exposeFunction('cifBenchCheckpoint', async (calls) => {
        if (!HEAP_DIFF.includes(calls)) return;
        const snap = await takeHeapSnapshot(cdp);
        snapshots.set(calls, { summary: summarise(snap), ids: retainersOf(snap, GUID) });
      });
    }
    const out = await page.evaluate((n) => window.cifCallsBench.day(n), CALLS);
    const written = [...logIds].filter((id) => created.has(id)).length;
    const twice = [...created.values()].filter((n) => n > 1).length;
    Object.assign(out.result, {
      'logs (one per leg)': logIds.size,
      'logs written': written,
      'logs written twice': twice,
      'written exactly once': twice === 0 && written === logIds.size,
    });
    console.log(`\nA day in the life: ${CALLS} calls in Chromium ${browser.version()} (every 100 calls; heap after GC)`);
    console.table(out.samples);
    console.log(`heap growth from call 200 to the end: ${out.heapGrowthBytesPerCall} bytes per call`);
    console.log('\nCalls and logs');
    console.table(Object.fromEntries(Object.entries(out.result).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : v])));
    if (snapshots.size === 2) {
      const [[c1, a], [c2, b]] = [...snapshots].sort((x, y) => x[0] - y[0]);
      const rows = [...b.summary]
        .map(([name, v]) => ({ name, count: v.count - (a.summary.get(name)?.count ?? 0), bytes: v.bytes - (a.summary.get(name)?.bytes ?? 0) }))
        .filter((r) => r.bytes !== 0)
        .sort((x, y) => y.bytes - x.bytes);
      const total = rows.reduce((n, r) => n + r.bytes, 0);
      console.log(`\nHeap snapshot diff, call ${c1} → ${c2}: ${total} bytes (${Math.round(total / (c2 - c1))} per call); largest changes:`);
      console.table(rows.slice(0, 20).map((r) => ({ ...r, 'bytes per call': Math.round(r.bytes / (c2 - c1)) })));
      console.log(`Id strings (GUIDs) at call ${c2} by retainer path (at call ${c1}: ${a.ids.reduce((n, [, v]) => n + v, 0)} in all):`);
      for (const [path, n] of b.ids.slice(0, 12)) console.log(`${String(n).padStart(7)}  ${path}`);
    }
    if (errors.length) console.log('page errors:', errors);
    failed = !out.result['written exactly once'] || out.result['logs left in storage'] !== 0 || errors.length > 0;
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed) {
  console.error('bench:calls: a call log was lost or written twice');
  process.exit(1);
}
