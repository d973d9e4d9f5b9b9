// @ts-check
// The tests in Firefox: Debian's firefox-esr, headless, driven by Puppeteer over WebDriver BiDi.
// `npm test` runs this after Chromium; alone: `npm test -- --browser firefox`, or
// `npx wtr --config web-test-runner.firefox.config.mjs --files 'packages/x/test/foo.test.ts'`.
import { defaultReporter } from '@web/test-runner';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import base from './web-test-runner.config.mjs';
import { summaryReporter } from './tools/summary-reporter.mjs';
import { firefoxPath } from './tools/test-engines.mjs';

// The launcher packages bring @web/test-runner-core 1.x, the runner 0.13.x (web-test-runner 1.x needs
// Node 22): the types differ by package copy only, so the launcher is typed as the runner's.
/** @param {unknown} launcher */
const asLauncher = (launcher) => /** @type {import('@web/test-runner').BrowserLauncher} */ (launcher);

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  ...base,
  browsers: [
    asLauncher(puppeteerLauncher({
      launchOptions: { browser: 'firefox', executablePath: firefoxPath().path, headless: true },
    })),
  ],
  reporters: [defaultReporter(), summaryReporter({ label: 'firefox' })],
};
