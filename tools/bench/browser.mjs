// What the benchmark scripts share: a static server for a folder on 127.0.0.1 and Debian's Chromium started
// headless with the flags this machine needs, plus precise memory and a callable gc for heap numbers.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../test-engines.mjs';

/** Serves the files of `dir` on a free port of 127.0.0.1 (`/` is index.html). Resolves to the server. */
export async function serveDir(dir) {
  const server = createServer((req, res) => {
    const file = req.url === '/' ? 'index.html' : req.url.slice(1).split('?')[0];
    try {
      const body = readFileSync(join(dir, file));
      res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

/**
 * The flags of every browser the benchmarks start: the tests' flags, and no WebUI omnibox popup. Headless
 * Chromium 156 opens a window for each new browser context (every cold load of the load-time bench) and
 * preloads that window's omnibox popup (chrome://omnibox-popup.top-chrome) in a renderer of its own, which
 * was busy for 250-270 ms of tasks during each measured 250 ms load (Chromium traces), i.e. about one of this
 * machine's two cores. A visitor's page does not load while its browser builds a new window's omnibox, and
 * the pages compared do not share that core equally (the widget compiles its lazy chunks off the main thread).
 */
export const BENCH_CHROMIUM_ARGS = [...CHROMIUM_ARGS, '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup'];

/** Debian's Chromium (or CHROME_PATH), headless, with `--expose-gc` and precise memory info. */
export function launchBenchChromium() {
  return chromium.launch({
    executablePath: chromiumPath().path,
    headless: true,
    args: [...BENCH_CHROMIUM_ARGS, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
}
