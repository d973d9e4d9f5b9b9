// Starts and stops the repo's Kamailio (tools/sip/kamailio.cfg) on a free loopback port, with its own PID
// file and runtime directory, so it never clashes with a system Kamailio (:5060) or another test run.
//
// As a module: `const k = await startKamailio({ auth: true }); … await k.stop();`
// From a shell:  node tools/sip/kamailio.mjs start [--auth] [--port N] [--dir D]   (prints "port=N pid=P")
//                node tools/sip/kamailio.mjs stop [--dir D]                        (stops by the PID file)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const KAMAILIO_CFG = path.join(here, 'kamailio.cfg');
export const INSTALL_LINE = 'apt-get install -y kamailio kamailio-websocket-modules';

/**
 * The kamailio binary, or undefined when it is not installed (or its WebSocket module is missing).
 * `KAMAILIO=/path/to/kamailio` names the binary instead of searching for it (a path that does not exist
 * = not installed: how the skip path is tried on a machine that has Kamailio).
 */
export function findKamailio() {
  if (process.env.KAMAILIO !== undefined) {
    const given = process.env.KAMAILIO;
    return given && fs.existsSync(given) ? given : undefined;
  }
  const which = spawnSync('sh', ['-c', 'command -v kamailio || ls /usr/sbin/kamailio 2>/dev/null'], { encoding: 'utf8' });
  const bin = which.stdout.trim().split('\n')[0];
  if (!bin) return undefined;
  const modules = ['/usr/lib/x86_64-linux-gnu/kamailio/modules/websocket.so'];
  return modules.some((m) => fs.existsSync(m)) ? bin : undefined;
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves when 127.0.0.1:port accepts a TCP connection (or rejects after timeoutMs). */
export async function waitForPort(port, timeoutMs = 10_000) {
  const t0 = Date.now();
  for (;;) {
    const ok = await new Promise((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return Date.now() - t0;
    if (Date.now() - t0 > timeoutMs) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Stops the Kamailio whose PID is in `pidFile` (SIGTERM, then SIGKILL after 5 s) and removes the file. */
export async function stopByPidFile(pidFile) {
  let pid;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  } catch {
    return false;
  }
  if (!pid || pid === process.pid) return false;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  if (alive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  fs.rmSync(pidFile, { force: true });
  return true;
}

/**
 * Starts Kamailio in the foreground mode (-DD: it still forks its workers) on 127.0.0.1:`port` (default a
 * free one), logging to `<dir>/kamailio.log`. Returns `{ port, pid, pidFile, dir, log, stop() }`.
 */
export async function startKamailio({ auth = true, port, dir } = {}) {
  const bin = findKamailio();
  if (!bin) throw new Error(`kamailio is not installed: ${INSTALL_LINE}`);
  const workDir = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cif-sip-kamailio-'));
  const runDir = path.join(workDir, 'run');
  fs.mkdirSync(runDir, { recursive: true });
  const pidFile = path.join(workDir, 'kamailio.pid');
  const logFile = path.join(workDir, 'kamailio.log');
  const listenPort = port ?? (await freePort());
  const args = ['-f', KAMAILIO_CFG, '-l', `tcp:127.0.0.1:${listenPort}`, '-DD', '-E', '-P', pidFile, '-Y', runDir, '-m', '32', '-M', '4'];
  if (auth) args.push('-A', 'WITH_AUTH');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(bin, args, { stdio: ['ignore', out, out], detached: false });
  fs.closeSync(out);
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    await Promise.race([
      waitForPort(listenPort),
      new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`kamailio exited (${code})`)))),
    ]);
  } catch (e) {
    if (!exited) child.kill('SIGKILL');
    const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
    throw new Error(`${e.message}\n${log}`);
  }
  // The PID file is written by kamailio itself; fall back to the child's pid.
  for (let i = 0; i < 40 && !fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 25));
  if (!fs.existsSync(pidFile)) fs.writeFileSync(pidFile, String(child.pid));
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  return {
    port: listenPort,
    pid,
    pidFile,
    dir: workDir,
    log: logFile,
    url: `ws://127.0.0.1:${listenPort}`,
    async stop() {
      await stopByPidFile(pidFile);
      if (!exited) await new Promise((r) => (exited ? r() : child.once('exit', r)));
    },
  };
}

/** Total PSS (kB) of the Kamailio main process and its children. */
export function kamailioPssKb(pid) {
  let total = 0;
  const pids = [pid, ...spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number)];
  for (const p of pids) {
    try {
      const m = /^Pss:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'));
      if (m) total += Number(m[1]);
    } catch {
      // gone
    }
  }
  return { processes: pids.length, pssKb: total };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [cmd, ...rest] = process.argv.slice(2);
  const opt = (name) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const dir = opt('--dir') ?? path.join(here, '.run');
  if (cmd === 'start') {
    fs.mkdirSync(dir, { recursive: true });
    await stopByPidFile(path.join(dir, 'kamailio.pid'));
    const port = opt('--port') ? Number(opt('--port')) : undefined;
    const k = await startKamailio({ auth: rest.includes('--auth'), port, dir });
    console.log(`port=${k.port} pid=${k.pid} pidfile=${k.pidFile} log=${k.log}`);
    // The shell's job: leave it running (it is not our child once we exit: -DD keeps it in the foreground
    // of its own process, which is re-parented).
    process.exit(0);
  } else if (cmd === 'stop') {
    const stopped = await stopByPidFile(path.join(dir, 'kamailio.pid'));
    console.log(stopped ? 'kamailio stopped' : 'kamailio was not running');
  } else {
    console.error('usage: node tools/sip/kamailio.mjs start [--auth] [--port N] [--dir D] | stop [--dir D]');
    process.exit(2);
  }
}
