// `npm run bench`: prints size and speed numbers (not a pass/fail test).
//  1. Size: minified gzip/brotli bytes of each package's own code, the single-file bundle, and lit itself.
//  2. Speed, in headless Chromium (Debian's /usr/bin/chromium via playwright-core): first render of each
//     element vs a bare Lit element with the same DOM size (median of N runs), <cif-session-list> with
//     1,000 sessions + 100 updates, 10,000 CIF events through the client's fan-out to 50 listeners, and
//     1,000 connect/disconnect cycles per element (heap after GC, listeners left).
import { build } from 'esbuild';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { esbuildMinifyCss } from './minify-css-literals.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;

async function bundle(entry, { external = [], contents } = {}) {
  const r = await build({
    ...(contents ? { stdin: { contents, resolveDir: root, loader: 'ts' } } : { entryPoints: [entry] }),
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    external,
    tsconfig: join(root, 'tsconfig.json'),
    conditions: ['source'],
    plugins: [esbuildMinifyCss()],
    logLevel: 'error',
    legalComments: 'none',
  });
  const code = r.outputFiles[0].contents;
  return {
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Bundles with code splitting, as the single-file build does: the entry plus lazily imported chunks. */
async function bundleSplit(entry) {
  const r = await build({
    entryPoints: { 'cif-elements': entry },
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    outdir: '/virtual',
    chunkNames: 'chunk-[hash]',
    tsconfig: join(root, 'tsconfig.json'),
    conditions: ['source'],
    plugins: [esbuildMinifyCss()],
    logLevel: 'error',
    legalComments: 'none',
  });
  const measure = (code) => ({
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  });
  const out = { entry: undefined, chunks: [] };
  for (const f of r.outputFiles) {
    const name = f.path.split('/').pop();
    if (!name.startsWith('chunk-')) out.entry = measure(f.contents);
    else out.chunks.push([name, measure(f.contents)]);
  }
  return out;
}

async function sizes() {
  const own = ['lit', 'lit/*', '@lit/*', '@cif-elements/*', 'libphonenumber-js', 'libphonenumber-js/*'];
  const rows = [];
  rows.push(['@cif-elements/client/api (own code)', await bundle(join(root, 'packages/client/src/api.ts'), { external: own })]);
  for (const pkg of ['core', 'click-to-act', 'dialer', 'presence', 'session-list']) {
    rows.push([`@cif-elements/${pkg} (own code)`, await bundle(join(root, `packages/${pkg}/src/index.ts`), { external: own })]);
  }
  const ownRows = rows.length;
  rows.push(['  client/simulated (lazy, demo/tests only)', await bundle(join(root, 'packages/client/src/simulated/index.ts'), { external: own })]);
  rows.push(['@cif-elements/calls (own code, issue #7)', await bundle(join(root, 'packages/calls/src/index.ts'), { external: own })]);
  const lit = await bundle(null, {
    contents: "export * from 'lit'; export * from 'lit/decorators.js'; export * from '@lit/context';",
  });
  rows.push(['lit + decorators + @lit/context', lit]);
  const phone = await bundle(null, { contents: "export * from 'libphonenumber-js/min';" });
  rows.push(['libphonenumber-js/min (with metadata)', phone]);
  const all = await bundle(join(root, 'packages/elements/src/index.ts'));
  rows.push(['everything in one file (no code splitting)', all]);
  const split = await bundleSplit(join(root, 'packages/elements/src/index.ts'));
  rows.push(['cif-elements.js entry (split build: loaded up front)', split.entry]);
  for (const [name, size] of split.chunks) rows.push([`  lazy chunk ${name}`, size]);
  const four = await bundleSplit(join(root, 'tools/bench/four-elements.ts'));
  rows.push(['4 elements + provider + client + lit (split entry)', four.entry]);
  const noPhone = four.entry;
  console.log('\nSize (esbuild --minify, gzip -9, brotli -q 11)');
  console.table(Object.fromEntries(rows.map(([k, v]) => [k, { raw: kb(v.raw), gzip: kb(v.gzip), brotli: kb(v.brotli) }])));
  const ownTotal = rows.slice(0, ownRows).reduce((s, [, v]) => s + v.gzip, 0);
  console.log(`own code of the 4 elements + core + client/api: ${kb(ownTotal)} gzip = ${(ownTotal / lit.gzip).toFixed(2)} x lit (${kb(lit.gzip)})`);
  console.log(`4 elements + client + provider + lit, loaded up front (phone library and simulated host are lazy chunks): ${kb(noPhone.gzip)} gzip (target <= 25 KB)`);
}

async function speed() {
  const dir = mkdtempSync(join(tmpdir(), 'cif-bench-'));
  try {
    await build({
      entryPoints: [join(root, 'tools/bench/page.ts')],
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      outfile: join(dir, 'page.js'),
      tsconfig: join(root, 'tsconfig.json'),
    conditions: ['source'],
    plugins: [esbuildMinifyCss()],
      logLevel: 'error',
    });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="en"><body><script type="module" src="page.js"></script></body></html>');
    const server = createServer((req, res) => {
      const file = req.url === '/' ? 'index.html' : req.url.slice(1);
      try {
        const body = readFileSync(join(dir, file));
        res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic', '--js-flags=--expose-gc', '--enable-precise-memory-info'],
    });
    try {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      await page.waitForFunction(() => window.cifBench !== undefined);
      const version = browser.version();
      const render = await page.evaluate((runs) => window.cifBench.render(runs), RUNS);
      console.log(`\nFirst render in Chromium ${version} (median of ${RUNS} runs, ms; until updateComplete)`);
      console.table(render);
      const list = await page.evaluate(() => window.cifBench.sessionList());
      console.log('\n<cif-session-list>: 1,000 sessions, 100 updates (ms)');
      console.table(list);
      const fanout = await page.evaluate(() => window.cifBench.fanOut());
      console.log('\nClient fan-out: 10,000 CIF events, 50 listeners');
      console.table(fanout);
      const cycles = await page.evaluate(() => window.cifBench.cycles(1000));
      console.log('\n1,000 connect/disconnect cycles per element, twice (heap after GC; a leak grows again in the 2nd round; listeners left on the client)');
      console.table(cycles);
      if (errors.length) console.log('page errors:', errors);
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await sizes();
if (!process.argv.includes('--size-only')) await speed();
