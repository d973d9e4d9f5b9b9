// Debian's Chromium driven through the DevTools protocol over a pipe (`--remote-debugging-pipe`), with nothing
// enabled in the page but the Runtime domain (for console messages). For load timing.
//
// Why not Playwright there: Playwright enables the Network, Page and Log domains in every page and adds a
// utility world to every document. With the Network domain on, Chromium records a JavaScript stack for each
// request a script starts, on the main thread: on this machine the widget's two `import()`s of lazy chunks
// took 4.8 and 2.3 ms each under Playwright, 0.6 and 0.7 ms under this driver (median of 15 cold loads), and
// its painted frame came 14 ms later. A page that starts no request from script (the bare Lit pages) does not
// pay that, and no visitor without DevTools open does either.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from '../test-engines.mjs';
import { BENCH_CHROMIUM_ARGS } from './browser.mjs';

/**
 * Starts headless Chromium with a protocol pipe and a throwaway profile. Resolves to `{ send, on, close }`:
 * `send(method, params, sessionId)` resolves to the result (rejects with the protocol's error), `on(listener)`
 * gets every event and returns its remover, `close()` ends the browser and removes the profile.
 */
export async function launchPipeChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'cif-bench-chromium-'));
  const proc = spawn(
    chromiumPath().path,
    [
      ...BENCH_CHROMIUM_ARGS,
      '--headless',
      '--remote-debugging-pipe',
      `--user-data-dir=${profile}`,
      // as under Playwright: no throttling of timers or renderers of a page the headless browser does not show
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
      '--disable-renderer-backgrounding',
      '--hide-scrollbars',
      '--mute-audio',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  proc.stderr.setEncoding('utf8').on('data', (d) => (stderr = (stderr + d).slice(-2000)));
  const toBrowser = proc.stdio[3];
  const fromBrowser = proc.stdio[4];
  const pending = new Map();
  const listeners = new Set();
  let nextId = 0;
  let buffer = '';
  let exited;
  const failAll = (error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  proc.on('exit', (code, signal) => {
    exited = new Error(`Chromium exited (${signal ?? code}) ${stderr.trim()}`);
    failAll(exited);
  });
  proc.on('error', (e) => failAll((exited = e)));
  fromBrowser.setEncoding('utf8').on('data', (chunk) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      const waiter = message.id !== undefined && pending.get(message.id);
      if (waiter) {
        pending.delete(message.id);
        if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
        else waiter.resolve(message.result);
      } else if (message.method) for (const l of listeners) l(message);
    }
  });
  const send = (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      if (exited) return reject(exited);
      const id = ++nextId;
      pending.set(id, { resolve, reject, method });
      toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });
  const browser = {
    send,
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (!exited) {
        const gone = new Promise((r) => proc.once('exit', r));
        await send('Browser.close').catch(() => proc.kill());
        await gone;
      }
      rmSync(profile, { recursive: true, force: true });
    },
  };
  await send('Browser.getVersion'); // the pipe is up
  return browser;
}

/**
 * Opens `url` in a new browser context (a cold HTTP cache) and waits until the page logs `message` with
 * console.log; nothing is evaluated in the page before that. Resolves to the value of `expression` evaluated
 * then, after which the context is thrown away.
 */
export async function loadUntilMessage(browser, url, message, expression, timeoutMs = 30_000) {
  const { browserContextId } = await browser.send('Target.createBrowserContext', { disposeOnDetach: true });
  let off = () => {};
  let timer;
  try {
    const { targetId } = await browser.send('Target.createTarget', { url: 'about:blank', browserContextId });
    const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: true });
    const logged = new Promise((resolve, reject) => {
      off = browser.on((m) => {
        if (m.sessionId !== sessionId) return;
        if (m.method === 'Runtime.consoleAPICalled' && m.params.args[0]?.value === message) resolve();
        if (m.method === 'Runtime.exceptionThrown') reject(new Error(`${url}: ${m.params.exceptionDetails.exception?.description ?? m.params.exceptionDetails.text}`));
      });
      timer = setTimeout(() => reject(new Error(`${url} did not log "${message}" within ${timeoutMs} ms`)), timeoutMs);
    });
    await browser.send('Runtime.enable', {}, sessionId);
    await browser.send('Page.navigate', { url }, sessionId);
    await logged;
    const { result, exceptionDetails } = await browser.send('Runtime.evaluate', { expression, returnByValue: true }, sessionId);
    if (exceptionDetails) throw new Error(`${url}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  } finally {
    clearTimeout(timer);
    off();
    await browser.send('Target.disposeBrowserContext', { browserContextId }).catch(() => undefined);
  }
}
