// @ts-check
// The three engines, launched for the scripts that drive browsers themselves rather than through
// web-test-runner (the packed-tarball consumer checks, the SIP end-to-end tests), with one small page API:
//
//   const browser = await launchBrowser('firefox');       // 'chromium' | 'firefox' | 'webkit'
//   const page = await browser.newPage();
//   await page.goto(url);
//   await page.waitFor(() => document.querySelector('cif-provider')?.state === 'ready');
//   await page.click(x, y); await page.type('4255550100'); await page.press('Alt+A');
//   page.problems                                         // page errors, console errors, failed requests
//   await page.close(); await browser.close();
//
// - Chromium: Debian's chromium through playwright-core (DevTools protocol).
// - Firefox: Debian's firefox-esr through puppeteer-core over WebDriver BiDi (`browser.puppeteer` is the
//   puppeteer Browser, for scripts that need more, such as the SIP agents).
// - WebKit: the WebKitGTK MiniBrowser through WebKitWebDriver, on an Xvfb display, both started on a free
//   display and port with PID files and stopped by PID (tools/test-services.mjs), driven with plain W3C
//   WebDriver (classic) requests. WebDriver classic reports no page errors or network events, so
//   `problems` stays empty there: scripts that must see those in every engine record them themselves (the
//   consumer checks do it in the page and in the HTTP server).
import { CHROMIUM_ARGS, chromiumPath, firefoxPath, webKitCapabilities } from './test-engines.mjs';
import { startWebKitServices } from './test-services.mjs';
import { keyActions, webdriverKey } from './webdriver-keys-plugin.mjs';

/**
 * @typedef {object} BrowserPage
 * @property {string} engine
 * @property {(url: string) => Promise<void>} goto navigates and waits for the load event
 * @property {<A, R>(fn: (arg: A) => R | Promise<R>, arg?: A) => Promise<R>} evaluate runs `fn` in the page
 *   (it is sent as source text: it must not use variables from the script)
 * @property {<A>(fn: (arg: A) => unknown, arg?: A, timeout?: number) => Promise<void>} waitFor polls `fn`
 *   until it returns a truthy value; rejects after `timeout` ms (default 10 s). Like `evaluate`, `fn` must
 *   return something JSON can carry (a boolean, not a DOM node: Firefox and WebKit cannot send those back)
 * @property {(x: number, y: number) => Promise<void>} click a real mouse click at viewport coordinates
 * @property {(text: string) => Promise<void>} type real key presses, one per character
 * @property {(keys: string) => Promise<void>} press one key, or a chord such as 'Alt+A' (modifiers held)
 * @property {string[]} problems what the engine reported: page errors, console errors, failed requests,
 *   requests off loopback (Chromium and Firefox; WebKit reports none over WebDriver classic)
 * @property {() => Promise<void>} close
 */

/**
 * @typedef {object} LaunchedBrowser
 * @property {string} engine
 * @property {() => Promise<BrowserPage>} newPage a page in a fresh browsing context (WebKit: the one window)
 * @property {() => Promise<void>} close stops the browser (and, for WebKit, Xvfb and WebKitWebDriver)
 * @property {import('puppeteer-core').Browser} [puppeteer] Firefox only
 */

/** Requests to anything but the loopback addresses (and non-network schemes). */
const OFF_LOOPBACK = /^(?:https?|wss?):\/\/(?!(?:127\.0\.0\.1|\[::1\])[:/])/;

/** Puppeteer's name of a key: a single letter of a chord ('A' in 'Alt+A') is its lower-case character. @param {string} key */
const puppeteerKey = (key) => (/^[A-Z]$/.test(key) ? key.toLowerCase() : key);

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Adds `waitFor` to a page that has `evaluate`.
 * @param {Omit<BrowserPage, 'waitFor'>} page
 * @returns {BrowserPage}
 */
function withWaitFor(page) {
  return {
    ...page,
    async waitFor(fn, arg, timeout = 10_000) {
      const until = Date.now() + timeout;
      let last = '';
      for (;;) {
        try {
          if (await page.evaluate(fn, arg)) return;
        } catch (e) {
          last = ` (last error: ${/** @type {Error} */ (e).message})`;
        }
        if (Date.now() > until) throw new Error(`${page.engine}: timed out after ${timeout} ms waiting for ${String(fn)}${last}`);
        await sleep(100);
      }
    },
  };
}

/** @param {{ args?: string[] }} [options] @returns {Promise<LaunchedBrowser>} */
async function launchChromium({ args = [] } = {}) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath().path, headless: true, args: [...CHROMIUM_ARGS, ...args] });
  return {
    engine: 'chromium',
    async newPage() {
      const context = await browser.newContext();
      const page = await context.newPage();
      /** @type {string[]} */
      const problems = [];
      await context.route(OFF_LOOPBACK, (route) => {
        problems.push(`blocked a request off loopback: ${route.request().url()}`);
        return route.abort();
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
      return withWaitFor({
        engine: 'chromium',
        problems,
        goto: async (url) => void (await page.goto(url)),
        evaluate: (fn, arg) => page.evaluate(/** @type {any} */ (fn), arg),
        click: (x, y) => page.mouse.click(x, y),
        type: (text) => page.keyboard.type(text),
        press: (keys) => page.keyboard.press(keys),
        close: () => context.close(),
      });
    },
    close: () => browser.close(),
  };
}

/** @param {{ prefs?: Record<string, unknown>, env?: NodeJS.ProcessEnv }} [options] @returns {Promise<LaunchedBrowser>} */
async function launchFirefox({ prefs = {}, env } = {}) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath().path,
    headless: true,
    extraPrefsFirefox: prefs,
    ...(env ? { env } : {}),
  });
  return {
    engine: 'firefox',
    puppeteer: browser,
    async newPage() {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      /** @type {string[]} */
      const problems = [];
      page.on('request', (r) => {
        if (OFF_LOOPBACK.test(r.url())) problems.push(`a request off loopback: ${r.url()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e instanceof Error ? e.message : String(e)}`));
      page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
      return withWaitFor({
        engine: 'firefox',
        problems,
        goto: async (url) => void (await page.goto(url)),
        evaluate: (fn, arg) => page.evaluate(/** @type {any} */ (fn), arg),
        click: (x, y) => page.mouse.click(x, y),
        type: (text) => page.keyboard.type(text),
        async press(keys) {
          const modifiers = /** @type {import('puppeteer-core').KeyInput[]} */ (keys.split('+'));
          const key = puppeteerKey(/** @type {string} */ (modifiers.pop()));
          for (const m of modifiers) await page.keyboard.down(m);
          await page.keyboard.press(/** @type {import('puppeteer-core').KeyInput} */ (key));
          for (const m of [...modifiers].reverse()) await page.keyboard.up(m);
        },
        close: () => context.close(),
      });
    },
    close: () => browser.close(),
  };
}

/** @returns {Promise<LaunchedBrowser>} */
async function launchWebKit() {
  const services = await startWebKitServices();
  const onExit = () => services.stopSync();
  process.once('exit', onExit);
  const base = `http://127.0.0.1:${services.port}`;
  /** One WebDriver command. @param {string} method @param {string} path @param {unknown} [body] */
  const command = async (method, path, body) => {
    const res = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = /** @type {{ value: any }} */ (await res.json());
    if (!res.ok) throw new Error(`webkit: WebDriver ${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    return json.value;
  };
  let session;
  try {
    session = await command('POST', '/session', { capabilities: { alwaysMatch: webKitCapabilities() } });
  } catch (e) {
    await services.stop();
    process.off('exit', onExit);
    throw e;
  }
  const s = `/session/${session.sessionId}`;
  await command('POST', `${s}/timeouts`, { script: 30_000, pageLoad: 60_000 });
  return {
    engine: 'webkit',
    async newPage() {
      return withWaitFor({
        engine: 'webkit',
        problems: [],
        goto: async (url) => void (await command('POST', `${s}/url`, { url })),
        async evaluate(fn, arg) {
          // Asynchronous script: a promise the function returns is awaited; a rejection comes back as one.
          const script = `const done = arguments[arguments.length - 1];
            Promise.resolve().then(() => (${String(fn)})(arguments[0]))
              .then((value) => done({ value }), (e) => done({ error: String(e && e.stack || e) }));`;
          const r = await command('POST', `${s}/execute/async`, { script, args: [arg ?? null] });
          if (r && typeof r === 'object' && 'error' in r) throw new Error(`webkit: in the page: ${r.error}`);
          return r?.value;
        },
        async click(x, y) {
          const actions = [
            { type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport', duration: 0 },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ];
          await command('POST', `${s}/actions`, { actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }] });
        },
        async type(text) {
          // a keyDown/keyUp pair per character: WebdriverIO's keys() loses repeated characters
          await command('POST', `${s}/actions`, { actions: [{ type: 'key', id: 'keyboard', actions: keyActions({ type: text }) }] });
        },
        async press(keys) {
          const modifiers = keys.split('+');
          const key = webdriverKey(/** @type {string} */ (modifiers.pop()));
          const actions = [
            ...modifiers.map((m) => ({ type: 'keyDown', value: webdriverKey(m) })),
            { type: 'keyDown', value: key.length === 1 && modifiers.length ? key.toLowerCase() : key },
            { type: 'keyUp', value: key.length === 1 && modifiers.length ? key.toLowerCase() : key },
            ...[...modifiers].reverse().map((m) => ({ type: 'keyUp', value: webdriverKey(m) })),
          ];
          await command('POST', `${s}/actions`, { actions: [{ type: 'key', id: 'keyboard', actions }] });
        },
        // One window for the session: the next page replaces this one (every app has its own origin).
        close: async () => void (await command('POST', `${s}/url`, { url: 'about:blank' }).catch(() => undefined)),
      });
    },
    async close() {
      await command('DELETE', s).catch(() => undefined);
      await services.stop();
      process.off('exit', onExit);
    },
  };
}

/**
 * Launches one engine.
 * @param {string} engine 'chromium' | 'firefox' | 'webkit'
 * @param {{ args?: string[], prefs?: Record<string, unknown>, env?: NodeJS.ProcessEnv }} [options] Chromium
 *   flags added to the usual ones; Firefox preferences and environment
 * @returns {Promise<LaunchedBrowser>}
 */
export function launchBrowser(engine, options = {}) {
  if (engine === 'chromium') return launchChromium(options);
  if (engine === 'firefox') return launchFirefox(options);
  if (engine === 'webkit') return launchWebKit();
  throw new Error(`unknown engine "${engine}" (chromium, firefox or webkit)`);
}
