// @ts-check
// The tests in WebKit: Debian's WebKitGTK MiniBrowser, driven by WebKitWebDriver (WebDriver classic)
// through WebdriverIO. The MiniBrowser has no headless mode, so it runs on an Xvfb display.
// `npm test` starts Xvfb and WebKitWebDriver itself and passes WEBKIT_DRIVER_PORT (and DISPLAY); run
// directly (`npx wtr --config web-test-runner.webkit.config.mjs --files …`), this config starts both on
// a free display and port and stops them by PID when web-test-runner exits (tools/test-services.mjs).
import { defaultReporter } from '@web/test-runner';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import base from './web-test-runner.config.mjs';
import { summaryReporter } from './tools/summary-reporter.mjs';
import { webKitCapabilities } from './tools/test-engines.mjs';
import { startWebKitServices } from './tools/test-services.mjs';
import { webdriverKeysPlugin } from './tools/webdriver-keys-plugin.mjs';

let port = Number(process.env.WEBKIT_DRIVER_PORT);
if (!port) {
  const services = await startWebKitServices();
  process.once('exit', () => services.stopSync());
  port = services.port;
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  ...base,
  plugins: [...(base.plugins ?? []), webdriverKeysPlugin()],
  browsers: [
    webdriverLauncher({
      hostname: '127.0.0.1',
      port,
      logLevel: 'error',
      // (cast: WebdriverIO's capability types do not know WebKitGTK's vendor capability)
      capabilities: /** @type {import('@wdio/types').Capabilities.RequestedStandaloneCapabilities} */ (webKitCapabilities()),
    }),
  ],
  reporters: [defaultReporter(), summaryReporter({ label: 'webkit' })],
};
