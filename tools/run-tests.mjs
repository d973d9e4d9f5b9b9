#!/usr/bin/env node
// @ts-check
// `npm test` (after `pretest` has built): every web-test-runner test in Chromium, Firefox and WebKit, one
// engine after the other, then each extra suite whose npm script exists (test:consumer, test:sip).
// Output ends with one "<name>: N passed, N failed" line per engine and suite, then the total
// "N passed, N failed" alone on the last line. Exits non-zero when anything failed or did not run.
//
//   node tools/run-tests.mjs                         everything
//   node tools/run-tests.mjs --browser firefox       one engine (repeat or comma-separate for more)
//   node tools/run-tests.mjs --suite consumer        one extra suite
//   node tools/run-tests.mjs --browser webkit --files 'packages/dialer/test/**/*.test.ts'
//   CIF_TEST_BROWSERS=firefox,webkit npm test        the same selection from the environment
//
// WebKit needs Xvfb and WebKitWebDriver: they are started here on a free display and port, with PID
// files, and stopped by PID when the WebKit run ends, fails or is interrupted (tools/test-services.mjs).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ENGINES } from './test-engines.mjs';
import { startWebKitServices } from './test-services.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WTR_BIN = path.join(ROOT, 'node_modules/@web/test-runner/dist/bin.js');
/** Extra suites, run after the engines when package.json has their script. */
const EXTRA_SUITES = ['consumer', 'sip'];
const SUMMARY = /^(?:[\w .:-]+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/;

/**
 * @typedef {object} Outcome
 * @property {string} name
 * @property {number} passed
 * @property {number} failed
 * @property {number} skipped
 * @property {number} seconds
 * @property {string} [problem] why the counts are not the whole story (did not run, crashed, no summary)
 * @property {string[]} [skippedTests] the full names of the skipped tests
 */

const usage = `Usage: node tools/run-tests.mjs [--browser <${ENGINES.map((e) => e.name).join('|')}>]… [--suite <${EXTRA_SUITES.join('|')}>]… [--files <glob>]…
With no --browser and no --suite, runs every engine and every extra suite that has an npm script.
--files narrows the web-test-runner files (and runs no extra suite). CIF_TEST_BROWSERS selects engines too.`;

/** @returns {{ engines: typeof ENGINES, suites: string[], files: string[] }} */
function parseCommandLine() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        browser: { type: 'string', multiple: true, short: 'b' },
        suite: { type: 'string', multiple: true },
        files: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    console.error(`${/** @type {Error} */ (e).message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const list = (/** @type {string[] | undefined} */ v) => (v ?? []).flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
  const browsers = list(values.browser ?? (process.env.CIF_TEST_BROWSERS ? [process.env.CIF_TEST_BROWSERS] : undefined));
  const suites = list(values.suite);
  const files = values.files ?? [];
  for (const b of browsers) {
    if (!ENGINES.some((e) => e.name === b)) {
      console.error(`Unknown browser "${b}"\n${usage}`);
      process.exit(2);
    }
  }
  for (const s of suites) {
    if (!EXTRA_SUITES.includes(s)) {
      console.error(`Unknown suite "${s}"\n${usage}`);
      process.exit(2);
    }
  }
  const all = browsers.length === 0 && suites.length === 0;
  return {
    engines: ENGINES.filter((e) => all || browsers.includes(e.name)),
    suites: files.length ? [] : EXTRA_SUITES.filter((s) => all || suites.includes(s)),
    files,
  };
}

/** Whether a program path (or a bare name on PATH) is an executable file. @param {string} p */
function installed(p) {
  const candidates = p.includes('/') ? [p] : (process.env.PATH ?? '').split(':').map((d) => path.join(d, p));
  return candidates.some((c) => {
    try {
      fs.accessSync(c, fs.constants.X_OK);
      return fs.statSync(c).isFile();
    } catch {
      return false;
    }
  });
}

/** The child running now, so that Ctrl-C and SIGTERM can be passed on. @type {import('node:child_process').ChildProcess | undefined} */
let current;
/** @type {NodeJS.Signals | undefined} */
let interrupted;
/** What must be stopped if this process exits without cleaning up. @type {Set<() => void>} */
const onExit = new Set();
process.once('exit', () => onExit.forEach((f) => f()));
for (const sig of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = sig;
    console.error(`\nrun-tests: ${sig}: stopping`);
    // On Ctrl-C the terminal has signalled the child too (it is in the same process group), so give it
    // time to stop by itself; a signal sent to this process alone is passed on at once.
    const child = current;
    const passOn = () => child && child.exitCode === null && child.signalCode === null && child.kill('SIGTERM');
    if (sig === 'SIGINT') setTimeout(passOn, 5000).unref();
    else passOn();
  });
}

/**
 * Runs a command with inherited output and resolves with its exit code (a signal counts as failure).
 * @param {string} command @param {string[]} args @param {NodeJS.ProcessEnv} env
 * @param {(chunk: Buffer) => void} [onStdout] when given, stdout is piped through it (and still printed)
 * @returns {Promise<number>}
 */
function run(command, args, env, onStdout) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['inherit', onStdout ? 'pipe' : 'inherit', 'inherit'] });
    current = child;
    child.stdout?.on('data', (chunk) => {
      process.stdout.write(chunk);
      onStdout?.(chunk);
    });
    child.once('error', (e) => {
      console.error(`run-tests: cannot run ${command}: ${e.message}`);
      resolve(127);
    });
    child.once('close', (code, signal) => {
      current = undefined;
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
    });
  });
}

/**
 * The counts of a run, with a failure added when the command failed without reporting one (or reported
 * nothing), so that a crash can never read as "0 failed".
 * @param {string} name @param {number} code @param {number} started
 * @param {{ passed: number, failed: number, skipped: number } | null} counts
 * @returns {Outcome}
 */
function outcome(name, code, started, counts) {
  const seconds = (Date.now() - started) / 1000;
  if (!counts) {
    return { name, passed: 0, failed: 1, skipped: 0, seconds, problem: `exited with code ${code} without a "N passed, N failed" summary (counted as 1 failure)` };
  }
  if (code !== 0 && counts.failed === 0) {
    return { name, ...counts, failed: 1, seconds, problem: `exited with code ${code} but reported no failure (counted as 1 failure)` };
  }
  return { name, ...counts, seconds };
}

/** @param {(typeof ENGINES)[number]} engine @param {string[]} files @returns {Promise<Outcome>} */
async function runEngine(engine, files) {
  const started = Date.now();
  const missing = engine.binaries().filter((b) => !installed(b.path));
  if (missing.length) {
    const hint = missing.map((b) => `${b.path} (sudo apt-get install ${b.apt}, or set ${b.env})`).join('; ');
    return { name: engine.name, passed: 0, failed: 1, skipped: 0, seconds: 0, problem: `not run: missing ${hint} (counted as 1 failure)` };
  }
  console.log(`\n━━ ${engine.name}: ${engine.description} ━━`);
  const resultFile = path.join(os.tmpdir(), `cif-test-result-${process.pid}-${engine.name}.json`);
  fs.rmSync(resultFile, { force: true });
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, CIF_TEST_RESULT_FILE: resultFile };
  /** @type {Awaited<ReturnType<typeof startWebKitServices>> | undefined} */
  let services;
  if (engine.name === 'webkit') {
    try {
      services = await startWebKitServices();
    } catch (e) {
      return { name: engine.name, passed: 0, failed: 1, skipped: 0, seconds: 0, problem: `not run: ${/** @type {Error} */ (e).message} (counted as 1 failure)` };
    }
    const stopSync = services.stopSync;
    onExit.add(stopSync);
    console.log(`webkit: Xvfb on display ${services.display}, WebKitWebDriver on 127.0.0.1:${services.port}`);
    Object.assign(env, { WEBKIT_DRIVER_PORT: String(services.port), DISPLAY: services.display, XAUTHORITY: services.authFile });
  }
  let code;
  try {
    const args = [WTR_BIN, '--config', engine.config, ...files.flatMap((f) => ['--files', f])];
    code = interrupted ? 130 : await run(process.execPath, args, env);
  } finally {
    if (services) {
      await services.stop();
      onExit.delete(services.stopSync);
    }
  }
  /** @type {import('./summary-reporter.mjs').SummaryResult | null} */
  let counts = null;
  try {
    counts = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    fs.rmSync(resultFile, { force: true });
  } catch {
    /* no summary: outcome() counts the run as failed */
  }
  return { ...outcome(engine.name, code, started, counts), skippedTests: counts?.skippedTests ?? [] };
}

/** @param {string} suite @param {string[]} engines @returns {Promise<Outcome>} */
async function runSuite(suite, engines) {
  const started = Date.now();
  console.log(`\n━━ ${suite}: npm run test:${suite} ━━`);
  let tailText = '';
  const npm = process.env.npm_execpath;
  const [command, args] = npm ? [process.execPath, [npm, 'run', '--silent', `test:${suite}`]] : ['npm', ['run', '--silent', `test:${suite}`]];
  // CIF_TEST_BROWSERS tells a suite that drives browsers which engines this run covers.
  const env = { ...process.env, CIF_TEST_BROWSERS: engines.join(',') };
  const code = await run(command, args, env, (chunk) => (tailText = (tailText + chunk.toString()).slice(-4096)));
  const last = tailText.trim().split('\n').pop()?.trim() ?? '';
  const m = SUMMARY.exec(last);
  const counts = m ? { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) } : null;
  return outcome(suite, code, started, counts);
}

/** @param {{ passed: number, failed: number, skipped: number }} c */
const countsLine = (c) => `${c.passed} passed, ${c.failed} failed` + (c.skipped ? `, ${c.skipped} skipped` : '');

async function main() {
  const { engines, suites, files } = parseCommandLine();
  const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts ?? {};
  /** @type {Outcome[]} */
  const outcomes = [];
  /** @type {string[]} */
  const notes = [];
  for (const engine of engines) {
    if (interrupted) break;
    outcomes.push(await runEngine(engine, files));
  }
  for (const suite of suites) {
    if (interrupted) break;
    if (!scripts[`test:${suite}`]) {
      notes.push(`${suite}: no "test:${suite}" script in package.json, so there is no such suite to run`);
      continue;
    }
    outcomes.push(await runSuite(suite, (engines.length ? engines : ENGINES).map((e) => e.name)));
  }
  if (interrupted) notes.push(`interrupted by ${interrupted}: what had not finished is not counted`);

  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const o of outcomes) {
    total.passed += o.passed;
    total.failed += o.failed;
    total.skipped += o.skipped;
  }
  const lines = ['', '━━ summary ━━'];
  lines.push(`time: ${outcomes.map((o) => `${o.name} ${o.seconds.toFixed(1)} s`).join(', ')}`);
  for (const o of outcomes) if (o.problem) lines.push(`${o.name}: ${o.problem}`);
  for (const o of outcomes) for (const t of o.skippedTests ?? []) lines.push(`${o.name}: skipped ${t}`);
  lines.push(...notes);
  for (const o of outcomes) lines.push(`${o.name}: ${countsLine(o)}`);
  lines.push(countsLine(total));
  console.log(lines.join('\n'));
  const ok = !interrupted && outcomes.length > 0 && outcomes.every((o) => o.failed === 0 && !o.problem);
  process.exitCode = ok ? 0 : interrupted === 'SIGINT' ? 130 : 1;
}

await main();
