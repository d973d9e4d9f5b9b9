// `npm run test:consumer`: the packages as a user gets them from the registry.
//
//  1. `npm pack` of every workspace (after `npm run build`, which the pretest:consumer script runs).
//  2. Each tarball: every file its package.json names (exports under every condition, main/module/types,
//     customElements, sideEffects) is in the tarball; no `development` condition; every package its shipped
//     JS and .d.ts import is declared (dependencies / peerDependencies); `npm publish --dry-run` passes, with
//     public access for the scoped packages.
//  3. Fresh apps in a temp dir outside the workspace, installed with `npm ci --offline` from the tarballs and
//     the npm cache (their lockfiles are cut from the monorepo's, see lockfile.mjs): a vanilla Vite app in
//     dev and build mode, a React 19 app with @cif-elements/react in Vite's dev server, a Vue 3 app, a static
//     page that loads only cif-elements.js (from the unpacked package, as a CDN serves it), and the single
//     file copied alone. `tsc --noEmit` with moduleResolution bundler and node16 (no skipLibCheck).
//  4. In every engine of the run (Chromium, Firefox ESR and WebKitGTK, launched once each through
//     tools/browsers.mjs; CIF_TEST_BROWSERS narrows them), in each app: <cif-provider simulated> reaches
//     `ready`, the dialer formats a typed number (real key presses), and clicking Call (a real click) fires
//     `cif-dial` with the E.164 number; no request fails, no page error, no console error (recorded in the
//     page and by a front before each server, front.mjs, so that every engine is held to the same checks).
//     Each of these checks names its engine.
//
// Prints one line per check and, last, `N passed, N failed`; exits non-zero on failure.
// Environment: CONSUMER_ROOT (the monorepo to pack; default this one), CONSUMER_KEEP=1 keeps the temp dir,
// CIF_TEST_BROWSERS (a comma-separated subset of chromium,firefox,webkit; default all three), and the
// browser paths of tools/test-engines.mjs (CHROME_PATH, FIREFOX_PATH, MINIBROWSER_PATH, …).
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createServer as netServer } from 'node:net';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordingFront } from './front.mjs';
import { appLockfile } from './lockfile.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.env.CONSUMER_ROOT ?? join(here, '..', '..'));
const work = mkdtempSync(join(tmpdir(), 'cif-consumer-'));
if (resolve(work).startsWith(root + sep)) throw new Error(`the temp dir ${work} is inside the workspace`);
const started = Date.now();

// --- reporting -------------------------------------------------------------------------------------------
const results = [];
async function check(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ok    ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`  FAIL  ${name}\n        ${String(e?.message ?? e).split('\n').join('\n        ')}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// --- processes -------------------------------------------------------------------------------------------
const children = new Set();
/** Runs a command; resolves with its output, rejects (with the output) on a non-zero exit. */
function run(cmd, args, { cwd, env } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      children.delete(child);
      if (code === 0) resolvePromise(out);
      else reject(new Error(`${cmd} ${args.join(' ')} (in ${cwd ?? process.cwd()}) exited ${code}\n${out.trim().split('\n').slice(-25).join('\n')}`));
    });
  });
}
function stopAll() {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  }
}
process.on('exit', stopAll);

async function freePort() {
  return new Promise((res, rej) => {
    const s = netServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Starts `vite` (dev server) in `dir` on a free loopback port; resolves with its URL once it answers. */
async function viteDev(dir) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(dir, 'node_modules/vite/bin/vite.js'), '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}/`;
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`vite exited ${child.exitCode}\n${out}`);
    try {
      if ((await fetch(url)).ok) return { url, stop: () => stopChild(child), output: () => out };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite did not answer on ${url}\n${out}`);
}
function stopChild(child) {
  children.delete(child);
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // gone
  }
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml' };
/** A plain static file server for `dir` on loopback (what a CDN or a provider's web server does). */
async function staticServer(dir) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = resolve(dir, `.${path}`);
    if (!file.startsWith(resolve(dir))) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, stop: () => server.close() };
}

// --- 1. pack ---------------------------------------------------------------------------------------------
const tarballDir = join(work, 'tarballs');
mkdirSync(tarballDir);
/** name → { file (relative to an app dir), path, integrity, files: Set, pkg, dir (unpacked) } */
const tarballs = new Map();

await check('npm pack every workspace', async () => {
  const out = await run('npm', ['pack', '--workspaces', '--pack-destination', tarballDir, '--json', '--ignore-scripts'], { cwd: root });
  const packed = JSON.parse(out.slice(out.indexOf('[')));
  assert(packed.length >= 9, `expected every workspace, got ${packed.map((p) => p.name).join(', ')}`);
  for (const p of packed) {
    const unpacked = join(work, 'unpacked', p.name);
    mkdirSync(unpacked, { recursive: true });
    await run('tar', ['-xzf', join(tarballDir, p.filename), '-C', unpacked, '--strip-components=1']);
    const pkg = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
    tarballs.set(p.name, {
      file: `../../tarballs/${p.filename}`,
      path: join(tarballDir, p.filename),
      integrity: p.integrity,
      files: new Set(p.files.map((f) => f.path)),
      pkg,
      dir: unpacked,
    });
  }
});

// --- 2. each tarball -------------------------------------------------------------------------------------
function targets(t) {
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.flatMap(targets);
  if (t && typeof t === 'object') return Object.values(t).flatMap(targets);
  return [];
}
function conditions(t) {
  if (!t || typeof t !== 'object') return [];
  if (Array.isArray(t)) return t.flatMap(conditions);
  return Object.entries(t).flatMap(([k, v]) => [k, ...conditions(v)]);
}
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const globToRegExp = (g) => new RegExp(`^${g.replace(/^\.\//, '').replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);

for (const name of [...tarballs.keys()].sort()) {
  await check(`${name}: package.json names only shipped files; imports only declared packages`, async () => {
    const { pkg, files, dir } = tarballs.get(name);
    const problems = [];
    const exportsMap = typeof pkg.exports === 'object' ? pkg.exports : { '.': pkg.exports };
    for (const f of ['LICENSE', 'README.md']) if (!files.has(f)) problems.push(`no ${f} in the tarball`);
    for (const field of ['license', 'repository', 'homepage', 'keywords']) if (!pkg[field]) problems.push(`no "${field}" in package.json`);
    if (conditions(exportsMap).includes('development')) problems.push('an exports entry has a "development" condition (Vite dev resolves it)');
    const named = [...targets(exportsMap), pkg.main, pkg.module, pkg.types, pkg.customElements].filter(Boolean);
    for (const f of named) if (!files.has(f.replace(/^\.\//, ''))) problems.push(`names ${f}, not in the tarball`);
    if (Array.isArray(pkg.sideEffects)) {
      for (const f of pkg.sideEffects) {
        if (f.includes('*') ? ![...files].some((x) => globToRegExp(f).test(x)) : !files.has(f.replace(/^\.\//, ''))) problems.push(`sideEffects names ${f}, not in the tarball`);
      }
    }
    if (pkg.customElements) {
      const manifest = JSON.parse(readFileSync(join(dir, pkg.customElements), 'utf8'));
      const tags = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement).map((d) => d.tagName));
      if (!tags.length) problems.push(`${pkg.customElements} declares no element`);
      for (const m of manifest.modules) if (!files.has(m.path)) problems.push(`${pkg.customElements} names module ${m.path}, not in the tarball`);
    }
    const declared = new Set([pkg.name, ...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
    for (const file of walk(join(dir, 'dist')).filter((f) => /\.(js|d\.ts)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      // import/export statements (at a line start in these unminified files) and import("x") expressions
      const statements = /^\s*(?:import|export)\b[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
      for (const m of text.matchAll(statements)) {
        const spec = m[1] ?? m[2] ?? m[3];
        if (spec.startsWith('.') || spec.startsWith('/')) continue;
        if (builtins.has(spec)) continue;
        const dep = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (!declared.has(dep)) problems.push(`${relative(dir, file)} imports '${spec}', not declared in package.json`);
      }
    }
    assert(!problems.length, [...new Set(problems)].join('\n'));
  });
}

for (const name of [...tarballs.keys()].sort()) {
  await check(`${name}: npm publish --dry-run`, async () => {
    const out = await run('npm', ['publish', '--dry-run', '--loglevel', 'notice', tarballs.get(name).path], { cwd: work });
    assert(out.includes(`+ ${name}@`), `no "+ ${name}@…" line in:\n${out}`);
    if (name.startsWith('@')) assert(/public access/.test(out), `a scoped package is published restricted unless publishConfig.access is "public":\n${out.split('\n').filter((l) => /access/.test(l)).join('\n')}`);
  });
}

// --- 3. apps ---------------------------------------------------------------------------------------------
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const lockVersion = (dep) => {
  const v = lock.packages[`node_modules/${dep}`]?.version;
  if (!v) throw new Error(`${dep} is not in the monorepo's lockfile`);
  return `^${v}`;
};
const tgz = (name) => `file:${tarballs.get(name)?.file}`;
const ELEMENT_PACKAGES = ['@cif-elements/calls', '@cif-elements/click-to-act', '@cif-elements/client', '@cif-elements/core', '@cif-elements/dialer', '@cif-elements/presence', '@cif-elements/session-list'];

const APPS = {
  vanilla: {
    dependencies: ['cif-elements', ...ELEMENT_PACKAGES],
    devDependencies: ['vite', 'typescript'],
  },
  react: {
    dependencies: ['@cif-elements/react', '@cif-elements/dialer', 'react', 'react-dom'],
    devDependencies: ['vite', 'typescript', '@types/react', '@types/react-dom'],
  },
  vue: {
    dependencies: ['cif-elements', 'vue'],
    devDependencies: ['vite', 'typescript', '@vitejs/plugin-vue'],
  },
};

const appDirs = {};
await Promise.all(
  Object.entries(APPS).map(([app, deps]) =>
    check(`${app} app: npm ci --offline from the tarballs and the npm cache`, async () => {
      assert(tarballs.size, 'nothing packed');
      const dir = join(work, 'apps', app);
      cpSync(join(here, 'apps', app), dir, { recursive: true });
      const spec = (d) => (tarballs.has(d) ? tgz(d) : lockVersion(d));
      const pkg = {
        name: `consumer-${app}`,
        version: '0.0.0',
        private: true,
        type: 'module',
        dependencies: Object.fromEntries(deps.dependencies.map((d) => [d, spec(d)])),
        devDependencies: Object.fromEntries(deps.devDependencies.map((d) => [d, spec(d)])),
      };
      writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
      writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(appLockfile(lock, pkg, tarballs), null, 2));
      await run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: dir });
      for (const d of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) assert(existsSync(join(dir, 'node_modules', d, 'package.json')), `${d} not installed`);
      appDirs[app] = dir;
    }),
  ),
);

const tsc = (dir, project) => run(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: dir });
// one after the other: in parallel they only fight for the CPU (and memory) with each other
for (const [app, project] of [
  ['vanilla', 'tsconfig.bundler.json'],
  ['vanilla', 'tsconfig.node16.json'],
  ['react', 'tsconfig.bundler.json'],
  ['react', 'tsconfig.node16.json'],
  ['vue', 'tsconfig.json'],
]) {
  await check(`${app} app: tsc --noEmit -p ${project}`, async () => {
    assert(appDirs[app], 'not installed');
    await tsc(appDirs[app], project);
  });
}

await check('vanilla app: vite build', async () => {
  assert(appDirs.vanilla, 'not installed');
  await run(process.execPath, [join(appDirs.vanilla, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: appDirs.vanilla });
  assert(existsSync(join(appDirs.vanilla, 'dist/index.html')), 'no dist/index.html');
});

// The static pages: the unpacked cif-elements package served as a CDN would, and the one file alone.
const staticDir = join(work, 'static');
const onlyDir = join(work, 'only');
if (tarballs.has('cif-elements')) {
  mkdirSync(staticDir, { recursive: true });
  mkdirSync(onlyDir, { recursive: true });
  cpSync(join(here, 'apps/static/index.html'), join(staticDir, 'index.html'));
  cpSync(tarballs.get('cif-elements').dir, join(staticDir, 'cif-elements'), { recursive: true });
  cpSync(join(here, 'apps/static/only.html'), join(onlyDir, 'index.html'));
  cpSync(join(tarballs.get('cif-elements').dir, 'dist/cif-elements.js'), join(onlyDir, 'cif-elements.js'));
}

// --- 4. in every engine ---------------------------------------------------------------------------------
// Each engine this run covers (CIF_TEST_BROWSERS, set by tools/run-tests.mjs; default all three) is launched
// once (tools/browsers.mjs) and visits every app; each app's server is started once for all engines. The
// browsers open the apps through a recording front (front.mjs), so that every engine is checked for the
// same things: failed requests (status ≥ 400), page errors, failed resource loads, unhandled rejections and
// console errors; Chromium and Firefox add what they report themselves (and Chromium blocks any request
// off loopback).
const { launchBrowser } = await import(join(here, '..', 'browsers.mjs'));
const ALL_ENGINES = ['chromium', 'firefox', 'webkit'];
const engines = (process.env.CIF_TEST_BROWSERS ?? '').split(',').map((e) => e.trim()).filter((e) => ALL_ENGINES.includes(e));
if (!engines.length) engines.push(...ALL_ENGINES);
/** engine → Promise of the launched browser (launched on first use, once) */
const launched = new Map();
const browserFor = (engine) => {
  if (!launched.has(engine)) {
    const p = launchBrowser(engine);
    p.catch(() => undefined); // reported by each check that needs it
    launched.set(engine, p);
  }
  return launched.get(engine).catch((e) => {
    throw new Error(`${engine} did not start: ${e?.message ?? e}`);
  });
};

/**
 * Opens the front's page in `engine`. `problems()` collects what was recorded so far (each naming the
 * engine) and adds the requests the front saw to `requests` (paths, in order).
 */
async function open(engine, front) {
  const browser = await browserFor(engine);
  front.take();
  const page = await browser.newPage();
  const requests = [];
  await page.goto(front.url);
  const problems = async () => {
    const inPage = await page.evaluate(() => window.__consumerProblems ?? ['the page has no problem recorder (not served through the front?)']).catch((e) => [`cannot read the page's problems: ${e.message}`]);
    const seen = front.take();
    requests.push(...seen.map((r) => r.path.split('?')[0]));
    // Firefox and WebKit ask for /favicon.ico on their own (the apps declare no icon): not the app's request.
    const http = seen.filter((r) => r.status >= 400 && r.path !== '/favicon.ico').map((r) => `HTTP ${r.status}: ${r.path}`);
    return [...page.problems, ...inPage, ...http].map((p) => `${engine}: ${p}`);
  };
  return { page, problems, requests };
}

/** The centre of an element in the dialer's shadow root, scrolled into view (for a real click). */
const dialerPart = (page, name) =>
  page.evaluate((n) => {
    const el = document.querySelector('cif-dialer')?.shadowRoot?.querySelector(`[part~="${n}"]`);
    if (!el) return null;
    el.scrollIntoView({ block: 'center' });
    const r = el.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }, name);

/** The provider reaches `ready`; the dialer formats a typed number; Call fires cif-dial with it. Returns the paths requested. */
async function widgetWorks(engine, front, { timeout = 30_000 } = {}) {
  const { page, problems, requests } = await open(engine, front);
  const fail = async (what) => new Error(`${engine}: ${what}\n${(await problems()).join('\n')}`);
  try {
    await page.waitFor(() => document.querySelector('cif-provider')?.state === 'ready', null, timeout).catch(async () => {
      throw await fail('<cif-provider> never became ready');
    });
    const input = await dialerPart(page, 'input');
    if (!input) throw await fail('no dialer input');
    await page.click(input.x, input.y);
    await page.type('4255550100');
    const typed = () => document.querySelector('cif-dialer')?.shadowRoot?.querySelector('[part="input"]')?.value;
    await page.waitFor(() => document.querySelector('cif-dialer')?.shadowRoot?.querySelector('[part="input"]')?.value === '(425) 555-0100', null, 10_000).catch(async () => {
      throw await fail(`the dialer did not format the typed number: "${await page.evaluate(typed)}"`);
    });
    const call = await dialerPart(page, 'call-button');
    if (!call) throw await fail('no call button');
    await page.click(call.x, call.y);
    await page.waitFor(() => window.appDials?.length === 1, null, 10_000).catch(async () => {
      throw await fail('cif-dial did not reach the app');
    });
    const dial = await page.evaluate(() => window.appDials[0]);
    assert(dial.number === '+14255550100', `${engine}: cif-dial detail.number ${dial.number}`);
    const seen = await problems();
    assert(!seen.length, seen.join('\n'));
    return requests;
  } finally {
    await page.close();
  }
}

/** Starts a server once, puts a front before it, runs `fn(front)`, stops both. */
async function serving(start, fn) {
  const server = await start();
  servers.push(server);
  const front = await recordingFront(server.url);
  servers.push(front);
  try {
    await fn(front);
  } finally {
    front.stop();
    server.stop();
  }
}

const servers = [];
const WIDGET = 'provider ready, dialer formats, cif-dial fires';
try {
  for (const [app, label] of [
    ['vanilla', 'vanilla app in vite dev'],
    ['react', 'React 19 app (@cif-elements/react) in vite dev'],
    ['vue', 'Vue 3 app in vite dev'],
  ]) {
    const names = engines.map((engine) => `${engine}: ${label}: ${WIDGET}`);
    let dev;
    try {
      assert(appDirs[app], 'not installed');
      dev = await viteDev(appDirs[app]);
    } catch (e) {
      for (const name of names) await check(name, async () => assert(false, e.message));
      continue;
    }
    await serving(
      async () => dev,
      async (front) => {
        // the first visit makes Vite optimise the app's dependencies: more time for it
        for (const [i, engine] of engines.entries()) await check(names[i], () => widgetWorks(engine, front, { timeout: i === 0 ? 60_000 : 30_000 }));
      },
    );
  }

  const built = join(appDirs.vanilla ?? '', 'dist');
  await serving(
    () => staticServer(built),
    async (front) => {
      for (const engine of engines) {
        await check(`${engine}: vanilla app, vite build output: ${WIDGET}`, async () => {
          assert(existsSync(join(built, 'index.html')), 'not built');
          await widgetWorks(engine, front);
        });
      }
    },
  );

  await serving(
    () => staticServer(staticDir),
    async (front) => {
      for (const engine of engines) {
        await check(`${engine}: static page, one <script> for cif-elements.js: ${WIDGET}`, async () => {
          assert(existsSync(staticDir), 'cif-elements not packed');
          const requests = await widgetWorks(engine, front);
          const scripts = requests.filter((p) => p.endsWith('.js'));
          for (const s of scripts) assert(/^\/cif-elements\/dist\/cif-elements(\.[\w-]+)?\.js$/.test(s), `${engine}: loaded ${s}, not the bundle or its own chunk`);
          assert(scripts.length, `${engine}: no script requested`);
          // V8's compile hint (COMPILE_HINT in tools/vite-lib.ts) on the entry only, as published (this test's dev
          // server would not serve it as it is); not on the lazy chunks (the client's, the simulated host's, the
          // phone data the dialer fetched for the typed number)
          for (const s of scripts) {
            const eager = s === '/cif-elements/dist/cif-elements.js';
            const hinted = readFileSync(join(staticDir, s), 'utf8').startsWith('//# allFunctionsCalledOnLoad\n');
            assert(hinted === eager, `${engine}: ${s} ${eager ? 'lacks' : 'has'} the compile hint`);
          }
          assert(scripts.some((s) => /\.phone-[\w-]+\.js$/.test(s)), `${engine}: the phone data was not fetched`);
        });
      }
    },
  );

  await serving(
    () => staticServer(onlyDir),
    async (front) => {
      for (const engine of engines) {
        await check(`${engine}: cif-elements.js copied alone: defines every element; nothing fetched but its own lazy chunks`, async () => {
          assert(existsSync(onlyDir), 'cif-elements not packed');
          const { page, problems, requests } = await open(engine, front);
          try {
            const tags = ['cif-provider', 'cif-dialer', 'cif-presence', 'cif-session-list', 'cif-click-to-act', 'cif-incoming-call', 'cif-wrap-up', 'cif-call-flow'];
            await page.waitFor(() => !!(customElements.get('cif-session-list') && document.querySelector('cif-session-list')?.shadowRoot), null, 10_000).catch(async () => {
              throw new Error(`${engine}: the elements were not defined\n${(await problems()).join('\n')}`);
            });
            // The page's own elements need no other file to be defined and rendered; the presence's menu comes in a
            // lazy chunk it fetches when it connects (with the client's, see LAZY_CLIENT in tools/vite-lib.ts), which
            // is not there in this setup: its 404 is the only failure expected so far (the session list, with no
            // provider or client, fetches nothing).
            const loading = (await problems()).filter(
              (p) =>
                !/console error: Failed to load resource: the server responded with a status of 404/.test(p) &&
                !/cif-elements\.client-[\w-]+\.js|could not load a part of the element|Importing a module script failed/.test(p),
            );
            const loaded = [...requests];
            assert(!loading.length, `${engine}: loading the one file: ${loading.join('\n')}`);
            const early = loaded.filter((p) => p.endsWith('.js') && p !== '/cif-elements.js');
            assert(early.every((p) => /^\/cif-elements\.client-[\w-]+\.js$/.test(p)), `${engine}: fetched before the page added elements: ${early.join(', ')}`);
            const undefinedTags = await page.evaluate(async (all) => {
              const missing = [];
              for (const tag of all) document.body.append(document.createElement(tag));
              // the provider and the four elements are defined by the file itself (the call flow is lazy)
              for (const tag of all.slice(0, 5)) if (!customElements.get(tag)) missing.push(tag);
              await new Promise((r) => setTimeout(r, 500)); // let the lazy fetches fail, if they do
              return missing;
            }, tags);
            const scripts = loaded.filter((p) => p.endsWith('.js'));
            assert(scripts[0] === '/cif-elements.js', `${engine}: first script ${scripts[0]}`);
            // Elements that need a lazy chunk (the call flow, the client's connection, phone metadata) fetch it
            // next to the file, which is not there in this setup: 404s for cif-elements.*.js chunks (and the
            // failed dynamic imports they cause, whose messages differ by engine) are expected, and only after
            // the page added those elements (checked above).
            assert(!undefinedTags.length, `${engine}: not defined: ${undefinedTags.join(', ')}`);
            const later = await problems();
            // WebKit's message for a failed dynamic import names no URL: expected only after a chunk's 404.
            const chunk404 = later.some((p) => /HTTP 404: \/cif-elements\.[\w-]+\.js$/.test(p));
            const unexpected = later.filter(
              (p) =>
                !/cif-elements\.[\w-]+\.js/.test(p) &&
                !/console error: Failed to load resource: the server responded with a status of 404/.test(p) &&
                !(chunk404 && /unhandled rejection: Importing a module script failed\.$/.test(p)),
            );
            assert(!unexpected.length, unexpected.join('\n'));
          } finally {
            await page.close();
          }
        });
      }
    },
  );
} finally {
  for (const s of servers) s.stop();
  for (const p of launched.values()) await p.then((b) => b.close()).catch(() => undefined);
}

// --- summary ---------------------------------------------------------------------------------------------
stopAll();
if (process.env.CONSUMER_KEEP) console.log(`kept ${work}`);
else rmSync(work, { recursive: true, force: true });
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`\ntest:consumer ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
