// @ts-check
// A web-test-runner reporter that closes the run with one plain line, "<label>: N passed, N failed"
// (", N skipped" when there are any), printed at process exit so that it is the very last line.
// Session-level errors (a test file that failed to import, a browser that crashed or timed out) count as
// failures. Every skipped test is listed by its full name: a skip is never silent.
// When CIF_TEST_RESULT_FILE is set (tools/run-tests.mjs sets it), the counts are also written there as JSON.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

/**
 * @typedef {{ label: string, passed: number, failed: number, skipped: number, skippedTests: string[] }} SummaryResult
 */

/**
 * @param {{ label?: string }} [options] `label`: the engine name the summary line starts with.
 * @returns {import('@web/test-runner').Reporter}
 */
export function summaryReporter({ label } = {}) {
  /** @type {SummaryResult} */
  let result = { label: label ?? '', passed: 0, failed: 0, skipped: 0, skippedTests: [] };
  /**
   * @param {import('@web/test-runner').TestSuiteResult | undefined} suite
   * @param {string[]} path
   * @param {string} file
   */
  const walk = (suite, path, file) => {
    if (!suite) return;
    for (const t of suite.tests) {
      if (t.skipped) {
        result.skipped++;
        result.skippedTests.push(`${file}: ${[...path, t.name].join(' › ')}`);
      } else if (t.passed) result.passed++;
      else result.failed++;
    }
    for (const s of suite.suites) walk(s, [...path, s.name], file);
  };
  return {
    onTestRunFinished({ sessions }) {
      result = { label: label ?? '', passed: 0, failed: 0, skipped: 0, skippedTests: [] };
      for (const s of sessions) {
        walk(s.testResults, [], relative(process.cwd(), s.testFile));
        if (s.errors.length && (!s.testResults || s.passed === false)) result.failed += s.errors.length;
      }
    },
    stop() {
      const file = process.env.CIF_TEST_RESULT_FILE;
      if (file) writeFileSync(file, JSON.stringify(result));
      const counts = `${result.passed} passed, ${result.failed} failed` + (result.skipped ? `, ${result.skipped} skipped` : '');
      const skippedList = result.skippedTests.map((t) => `  skipped: ${t}\n`).join('');
      process.once('exit', () => process.stdout.write(`\n${skippedList}${label ? `${label}: ` : ''}${counts}\n`));
    },
  };
}
