// @ts-check
// The background programs the WebKit tests need: an X server (Xvfb, since Debian's MiniBrowser has no
// headless mode) on a free display, and WebKitWebDriver on a free loopback port. Each is started in its
// own process group with a PID file under node_modules/.cache/cif-test-services/<owner pid>/ and stopped
// by that PID (its whole process group, so the MiniBrowser and WebKit helper processes go with it).
// A run that died without cleaning up (kill -9, a crash) is cleaned up by the next one: its programs are
// stopped by the PIDs in its files, after checking that each PID still runs the program it names.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { webKitDriverPath, xauthPath, xvfbPath } from './test-engines.mjs';

const RUNS_DIR = fileURLToPath(new URL('../node_modules/.cache/cif-test-services/', import.meta.url));

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
  }
}

/** The program a PID runs (argv[0]'s base name), or null when no such process. @param {number} pid */
function programOf(pid) {
  try {
    return path.basename(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '');
  } catch {
    return null;
  }
}

/** Signals a process group, ignoring one that is already gone. @param {number} pid @param {NodeJS.Signals} sig */
function killGroup(pid, sig) {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  }
}

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** A started background program. */
class Service {
  /**
   * @param {string} name
   * @param {import('node:child_process').ChildProcess} child
   * @param {string} pidFile
   */
  constructor(name, child, pidFile) {
    this.name = name;
    this.child = child;
    this.pid = /** @type {number} */ (child.pid);
    this.pidFile = pidFile;
    this.exited = false;
    child.once('exit', () => (this.exited = true));
    fs.writeFileSync(pidFile, JSON.stringify({ pid: this.pid, program: path.basename(String(child.spawnfile)) }));
  }

  /** Stops the program (SIGTERM to its process group, SIGKILL after 5 s) and removes its PID file. */
  async stop() {
    if (!this.exited) {
      killGroup(this.pid, 'SIGTERM');
      for (let i = 0; i < 50 && !this.exited && isAlive(this.pid); i++) await sleep(100);
      if (!this.exited && isAlive(this.pid)) killGroup(this.pid, 'SIGKILL');
    }
    fs.rmSync(this.pidFile, { force: true });
  }

  /** For process 'exit' handlers, which cannot wait: SIGTERM to the group, and the PID file removed. */
  stopSync() {
    if (!this.exited) killGroup(this.pid, 'SIGTERM');
    fs.rmSync(this.pidFile, { force: true });
  }
}

/** Stops what runs that died left behind, by the PIDs in their files. */
function cleanStaleRuns() {
  let owners;
  try {
    owners = fs.readdirSync(RUNS_DIR);
  } catch {
    return;
  }
  for (const owner of owners) {
    if (/^\d+$/.test(owner) && isAlive(Number(owner))) continue;
    const dir = path.join(RUNS_DIR, owner);
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.pid'))) {
      try {
        const { pid, program } = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
        if (programOf(pid) === program) {
          console.error(`test-services: stopping ${program} (PID ${pid}) left behind by an earlier run`);
          killGroup(pid, 'SIGKILL');
        }
      } catch {
        /* unreadable: nothing to stop */
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** @param {number} port */
function accepts(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/** The last lines of a log file, for error messages. @param {string} file */
function tail(file) {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-5).join('\n');
  } catch {
    return '';
  }
}

/**
 * Spawns a program in its own process group, with its output in a log file. Rejects with an install hint
 * when the program is missing.
 * @param {import('./test-engines.mjs').Binary} bin
 * @param {string[]} args
 * @param {string} log
 * @param {NodeJS.ProcessEnv} [env]
 * @param {boolean} [displayFd] give the program a pipe as fd 3 (Xvfb -displayfd 3)
 */
async function start(bin, args, log, env = process.env, displayFd = false) {
  const out = fs.openSync(log, 'a');
  /** @type {import('node:child_process').StdioOptions} */
  const stdio = displayFd ? ['ignore', out, out, 'pipe'] : ['ignore', out, out];
  const child = spawn(bin.path, args, { detached: true, env, stdio });
  fs.closeSync(out);
  await new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (e) =>
      reject(new Error(`cannot start ${bin.path} (${e.message}): sudo apt-get install ${bin.apt}, or set ${bin.env}`)),
    );
  });
  return child;
}

/**
 * Whether an X server holds display :n. A lock file whose process is gone (a server that was killed) does
 * not count, nor does a socket nothing answers on: Xvfb replaces both.
 * @param {number} n
 * @returns {Promise<boolean>}
 */
async function displayInUse(n) {
  let lock;
  try {
    lock = fs.readFileSync(`/tmp/.X${n}-lock`, 'utf8');
  } catch {
    // No lock: in use only if something answers on the socket (a killed server leaves it behind).
    const socket = `/tmp/.X11-unix/X${n}`;
    if (!fs.existsSync(socket)) return false;
    return new Promise((resolve) => {
      const s = net.connect(socket, () => (s.end(), resolve(true)));
      s.once('error', () => resolve(false));
    });
  }
  const pid = Number(lock.trim());
  return !pid || isAlive(pid);
}

/**
 * Starts Xvfb on the first free display from :99 up (as xvfb-run -a does), with an MIT-MAGIC-COOKIE in
 * its own Xauthority file, so only this run's programs can use it.
 * @param {string} dir the run directory
 */
async function startXvfb(dir) {
  const authFile = path.join(dir, 'Xauthority');
  const log = path.join(dir, 'xvfb.log');
  for (let n = 99; n < 200; n++) {
    if (await displayInUse(n)) continue;
    fs.writeFileSync(authFile, '');
    const xauth = xauthPath();
    const added = spawnSync(xauth.path, ['-q', '-f', authFile, 'add', `:${n}`, '.', randomBytes(16).toString('hex')]);
    if (added.error || added.status !== 0) {
      throw new Error(`cannot run ${xauth.path}: sudo apt-get install ${xauth.apt}, or set ${xauth.env}`);
    }
    const args = [`:${n}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp', '-auth', authFile, '-displayfd', '3'];
    const child = await start(xvfbPath(), args, log, process.env, true);
    // Xvfb writes the display number to fd 3 once it accepts connections; it exits when the display is taken.
    const ready = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), 15_000);
      child.stdio[3]?.once('data', () => (clearTimeout(timer), resolve(true)));
      child.once('exit', () => (clearTimeout(timer), resolve(false)));
    });
    if (ready) return { display: `:${n}`, authFile, service: new Service('Xvfb', child, path.join(dir, 'xvfb.pid')) };
    killGroup(/** @type {number} */ (child.pid), 'SIGKILL');
  }
  throw new Error(`Xvfb did not start on any display from :99 to :199\n${tail(log)}`);
}

/**
 * Starts WebKitWebDriver on a free loopback port, with the display the MiniBrowser it launches must use.
 * @param {string} dir the run directory
 * @param {string} display
 * @param {string} authFile
 */
async function startWebKitDriver(dir, display, authFile) {
  const log = path.join(dir, 'webkitwebdriver.log');
  // The X display only: on a Wayland desktop the MiniBrowser would otherwise open on the real screen.
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, DISPLAY: display, XAUTHORITY: authFile, GDK_BACKEND: 'x11' };
  delete env.WAYLAND_DISPLAY;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const child = await start(webKitDriverPath(), [`--port=${port}`, '--host=127.0.0.1'], log, env);
    let exited = false;
    child.once('exit', () => (exited = true));
    for (let i = 0; i < 150 && !exited; i++) {
      if (await accepts(port)) {
        return { port, service: new Service('WebKitWebDriver', child, path.join(dir, 'webkitwebdriver.pid')) };
      }
      await sleep(100);
    }
    killGroup(/** @type {number} */ (child.pid), 'SIGKILL'); // the port was taken meanwhile, or it hung
  }
  throw new Error(`WebKitWebDriver did not listen on a loopback port\n${tail(log)}`);
}

/**
 * Starts Xvfb and WebKitWebDriver for one run.
 * @returns {Promise<{ display: string, authFile: string, port: number, stop(): Promise<void>, stopSync(): void }>}
 */
export async function startWebKitServices() {
  cleanStaleRuns();
  const dir = path.join(RUNS_DIR, String(process.pid));
  fs.mkdirSync(dir, { recursive: true });
  /** @type {Service[]} */
  const services = [];
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  const stopSync = () => {
    for (const s of [...services].reverse()) s.stopSync();
    removeDir();
  };
  try {
    const x = await startXvfb(dir);
    services.push(x.service);
    const driver = await startWebKitDriver(dir, x.display, x.authFile);
    services.push(driver.service);
    return {
      display: x.display,
      authFile: x.authFile,
      port: driver.port,
      async stop() {
        for (const s of [...services].reverse()) await s.stop();
        removeDir();
      },
      stopSync,
    };
  } catch (e) {
    stopSync();
    throw e;
  }
}
