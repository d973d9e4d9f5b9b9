// @ts-check
// The tests in Firefox: Debian's firefox-esr, headless, driven by Puppeteer over WebDriver BiDi.
// `npm test` runs this after Chromium; alone: `npm test -- --browser firefox`, or
// `npx wtr --config web-test-runner.firefox.config.mjs --files 'packages/x/test/foo.test.ts'`.
import { defaultReporter } from '@web/test-runner';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import base from './web-test-runner.config.mjs';
import { summaryReporter } from './tools/summary-reporter.mjs';
import { firefoxPath } from './tools/test-engines.mjs';

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  ...base,
  browsers: [
    puppeteerLauncher({
      launchOptions: { browser: 'firefox', executablePath: firefoxPath().path, headless: true },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter({ label: 'firefox' })],
};
