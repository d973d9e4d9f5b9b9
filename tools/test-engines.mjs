// @ts-check
// The browser engines the test suite runs in, in one place: which web-test-runner config runs each one,
// which binaries it needs (with the environment variable that overrides each path) and the Debian package
// that provides them. Used by tools/run-tests.mjs and the web-test-runner configs.

/**
 * @typedef {object} Binary
 * @property {string} path where it is (after the environment override)
 * @property {string} env the environment variable that overrides the path
 * @property {string} apt the Debian package that installs it
 */

/**
 * @typedef {object} Engine
 * @property {string} name
 * @property {string} config the web-test-runner config file, relative to the repository root
 * @property {string} description
 * @property {() => Binary[]} binaries what must be installed for it to run
 */

/** @param {string} env @param {string} fallback @param {string} apt @returns {Binary} */
const binary = (env, fallback, apt) => ({ path: process.env[env] || fallback, env, apt });

export const chromiumPath = () => binary('CHROME_PATH', '/usr/bin/chromium', 'chromium');
export const firefoxPath = () => binary('FIREFOX_PATH', '/usr/bin/firefox-esr', 'firefox-esr');
export const miniBrowserPath = () =>
  binary('MINIBROWSER_PATH', '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', 'webkit2gtk-driver');
export const webKitDriverPath = () => binary('WEBKIT_DRIVER_PATH', 'WebKitWebDriver', 'webkit2gtk-driver');
export const xvfbPath = () => binary('XVFB_PATH', 'Xvfb', 'xvfb');
export const xauthPath = () => binary('XAUTH_PATH', 'xauth', 'xauth');

/** The flags Debian's Chromium needs here (headless, as root, no network but loopback). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/**
 * The WebDriver capabilities of a WebKitGTK MiniBrowser session through WebKitWebDriver.
 * @returns {Record<string, unknown>}
 */
export const webKitCapabilities = () => ({
  browserName: 'MiniBrowser',
  // WebdriverIO 9 asks for a WebDriver BiDi session (webSocketUrl: true) unless told not to, and
  // WebKitWebDriver 2.50 refuses that with "session not created: Failed to match capabilities".
  'wdio:enforceWebDriverClassic': true,
  'webkitgtk:browserOptions': { binary: miniBrowserPath().path, args: ['--automation'] },
});

/** @type {Engine[]} In the order `npm test` runs them. */
export const ENGINES = [
  {
    name: 'chromium',
    config: 'web-test-runner.config.mjs',
    description: 'Chromium, headless, through the DevTools protocol',
    binaries: () => [chromiumPath()],
  },
  {
    name: 'firefox',
    config: 'web-test-runner.firefox.config.mjs',
    description: 'Firefox ESR, headless, through Puppeteer over WebDriver BiDi',
    binaries: () => [firefoxPath()],
  },
  {
    name: 'webkit',
    config: 'web-test-runner.webkit.config.mjs',
    description: 'WebKitGTK MiniBrowser under Xvfb, through WebKitWebDriver',
    binaries: () => [miniBrowserPath(), webKitDriverPath(), xvfbPath(), xauthPath()],
  },
];
