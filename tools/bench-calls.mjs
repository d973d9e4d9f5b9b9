// `npm run bench:calls`: a day in the life of the call layer (prints numbers; not a pass/fail test, but it
// exits non-zero when a call log is lost or written twice).
// 1,000 calls through <cif-call-flow> + CallController in headless Chromium (Debian's /usr/bin/chromium via
// playwright-core): second calls (hold first), blind and consult transfers, declined and missed calls,
// wrap-ups, createRecord failing 10% of the time. Every 100 calls: heap after GC, DOM nodes under the flow,
// calls kept by the controller (bounded by maxEndedCalls) and logs waiting. At the end: logs written once.
import { build } from 'esbuild';
import { serveDir, launchBenchChromium } from './bench/browser.mjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const CALLS = Number(process.env.BENCH_CALLS ?? 1000);

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
    const out = await page.evaluate((n) => window.cifCallsBench.day(n), CALLS);
    console.log(`\nA day in the life: ${CALLS} calls in Chromium ${browser.version()} (every 100 calls; heap after GC)`);
    console.table(out.samples);
    console.log(`heap growth from call 200 to the end: ${out.heapGrowthBytesPerCall} bytes per call`);
    console.log('\nCalls and logs');
    console.table(Object.fromEntries(Object.entries(out.result).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : v])));
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
