// @ts-check
// The tests in Chromium, and the base the Firefox and WebKit configs extend
// (web-test-runner.firefox.config.mjs, web-test-runner.webkit.config.mjs; `npm test` runs all three).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { summaryReporter } from './tools/summary-reporter.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './tools/test-engines.mjs';

// Debian's Chromium (apt-get install -y chromium). Override with CHROME_PATH.
const executablePath = chromiumPath().path;

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir: '.',
  files: ['packages/*/test/**/*.test.ts', 'stories/test/**/*.test.ts', 'tools/test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'development', 'browser'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [...CHROMIUM_ARGS],
      },
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 5000 } },
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').includes('Lit is in dev mode'),
  reporters: [defaultReporter(), summaryReporter({ label: 'chromium' })],
};
