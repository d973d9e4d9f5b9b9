// `npm start`: serves the simulated Dynamics workspace demo (demo/) with Vite on http://127.0.0.1:5173/
// and the component catalog (Storybook, stories/) on http://127.0.0.1:6006/.
// No Dynamics org and no network needed: both run on the simulated host.
//
// Environment: HOST (default 127.0.0.1), PORT (demo, default 5173; the next free one if taken),
// STORYBOOK_PORT (catalog, default 6006; must be free), NO_CATALOG=1 to start the demo only.
import { createServer, defaultClientConditions } from 'vite';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const root = fileURLToPath(new URL('../demo/', import.meta.url));
const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? '127.0.0.1';
const catalogPort = Number(process.env.STORYBOOK_PORT ?? 6006);
const withCatalog = !process.env.NO_CATALOG;
const isWindows = process.platform === 'win32';

/** @type {import('node:child_process').ChildProcess | undefined} */
let storybook;
/** @type {import('vite').ViteDevServer | undefined} */
let server;
let stopping = false;

/** Stops the catalog's process group (Storybook's CLI runs its server in a child of its own). */
function stopStorybook() {
  const child = storybook;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (isWindows) child.kill();
    else process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  stopStorybook();
  await server?.close().catch(() => {});
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('SIGHUP', () => void stop(0));
// Last resort (an uncaught error, process.exit elsewhere): never leave the catalog running.
process.on('exit', stopStorybook);

server = await createServer({
  root,
  configFile: false,
  // workspace packages from their TypeScript sources (their "source" export condition): no build needed
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: { host, port, strictPort: false, fs: { allow: [repo] } },
  logLevel: 'info',
});
await server.listen();
const demoUrl = server.resolvedUrls?.local[0] ?? `http://${host}:${port}/`;

if (withCatalog) {
  const bin = `${repo}node_modules/.bin/storybook${isWindows ? '.cmd' : ''}`;
  storybook = spawn(
    bin,
    [
      'dev',
      '--config-dir', '.storybook',
      '--host', host,
      '--port', String(catalogPort),
      '--exact-port',
      '--ci',
      '--no-open',
      '--no-version-updates',
      '--disable-telemetry',
      '--quiet',
      '--loglevel', 'warn',
    ],
    {
      cwd: repo,
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', STORYBOOK_ENABLE_CRASH_REPORTS: '0' },
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: !isWindows, // its own process group, so stopStorybook() ends Storybook's children too
      shell: isWindows,
    },
  );
  storybook.on('error', (e) => {
    console.error(`\n  The catalog did not start (${bin}): ${e.message}. Run npm install first.\n`);
    void stop(1);
  });
  storybook.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`\n  The catalog (Storybook) stopped (${signal ?? `exit code ${code}`}); stopping the demo too.\n`);
    void stop(code || 1);
  });
}

const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
const catalogUrl = `http://${shownHost}:${catalogPort}/`;

/** Resolves true once our Storybook serves its story index, false if it did not within `ms` or stopped. */
async function catalogAnswers(ms) {
  const until = Date.now() + ms;
  while (Date.now() < until && !stopping && storybook?.exitCode === null) {
    try {
      const res = await fetch(`${catalogUrl}index.json`);
      const index = res.ok ? await res.json() : undefined;
      if (index?.entries && storybook.exitCode === null) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

console.log(`\n  Demo     ${demoUrl}  the simulated Dynamics workspace: the widget, a contact form with`);
console.log('           click-to-dial numbers, sessions.');
if (withCatalog) {
  console.log(`  Catalog  ${catalogUrl}  (starting…) every element in every state, on the simulated host.`);
  if (await catalogAnswers(120_000)) console.log(`\n  Catalog ready: ${catalogUrl}`);
  else if (!stopping) console.error(`\n  The catalog did not answer on ${catalogUrl} within 2 minutes.`);
}
console.log('  Press Ctrl+C to stop.\n');
