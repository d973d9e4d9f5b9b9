// Prints one plain closing line "wtr: N passed, N failed[, N skipped]" at process exit, so that it is
// the very last line of the run. Session-level errors (a test file that failed to import, a browser
// crash) count as failures.
/** @returns {import('@web/test-runner').Reporter} */
export function summaryReporter() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const walk = (suite) => {
    if (!suite) return;
    for (const t of suite.tests) {
      if (t.skipped) skipped++;
      else if (t.passed) passed++;
      else failed++;
    }
    for (const s of suite.suites) walk(s);
  };
  return {
    onTestRunFinished({ sessions }) {
      passed = failed = skipped = 0;
      for (const s of sessions) {
        walk(s.testResults);
        if (s.errors.length && (!s.testResults || s.passed === false)) failed += s.errors.length;
      }
    },
    stop() {
      const line = `${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '');
      process.once('exit', () => process.stdout.write(`\n${line}\n`));
    },
  };
}
