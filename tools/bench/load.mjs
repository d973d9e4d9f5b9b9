// Load time for `npm run bench`: navigation -> cif-ready -> the next painted frame, of the plain widget
// from the shipped single file (packages/elements/dist/cif-elements.js, <cif-provider simulated> with the
// four elements), against two bare Lit pages, each five Lit elements built in this run with the same Vite
// settings, the "ready" moment being the outer element's first update:
//  - same node counts: each element renders as many <span>s as its cif-* counterpart has shadow nodes;
//  - same DOM and CSS: each element renders the shadow markup its cif-* counterpart had once painted, with
//    that element's style sheets (the bench checks that the element counts match).
// All served from loopback by the same static server; the pages take turns in one browser session, in an order
// that rotates each round; median of `runs` cold navigations (new context each: no HTTP cache). Each page logs
// once it has painted; the bench waits for that console message and only then evaluates in the page.
// The timed loads drive Chromium through a bare protocol pipe (cdp-pipe.mjs: no DevTools Network domain, which
// makes every request a script starts record a stack on the main thread); the same rounds also load each page
// under Playwright, and the bench prints those medians too, for comparison with earlier runs.
import { createServer } from 'node:http';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { buildEntries } from './size.mjs';
import { launchPipeChromium, loadUntilMessage } from './cdp-pipe.mjs';
import { ratioInterval } from './stats.mjs';

/** What each page logs once it has painted: the bench waits for it without touching the page. */
const PAINTED = 'cif-bench-painted';

/** Each page's script at its "ready" moment: notes the time, then the next painted frame's, and logs PAINTED. */
const ON_READY = `window.readyAt = performance.now();
    requestAnimationFrame(() => setTimeout(() => { window.paintedAt = performance.now(); console.log('${PAINTED}'); }));`;

const TAGS = ['cif-presence', 'cif-click-to-act', 'cif-dialer', 'cif-session-list'];

const WIDGET = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>widget</title>
<script>
  document.addEventListener('cif-ready', () => {
    ${ON_READY}
  });
</script>
<script type="module" src="./cif-elements/cif-elements.js"></script></head>
<body><cif-provider simulated>${TAGS.map((t) => `<${t}${t === 'cif-dialer' ? ' default-country="US"' : ''}></${t}>`).join('')}</cif-provider></body></html>`;

const BARE_ENTRY = `import { LitElement, html } from 'lit';
const counts = JSON.parse(new URLSearchParams(location.search).get('counts') ?? '{}');
class Bare extends LitElement {
  static properties = { count: { type: Number } };
  render() { return html\`\${Array.from({ length: this.count }, (_, i) => html\`<span>\${i}</span>\`)}<slot></slot>\`; }
}
for (const tag of ['provider', ...${JSON.stringify(TAGS.map((t) => t.replace('cif-', '')))}]) {
  customElements.define('bare-' + tag, class extends Bare { constructor() { super(); this.count = counts[tag] ?? 0; } });
}
const outer = document.querySelector('bare-provider');
outer.updateComplete.then(() => {
  ${ON_READY}
});
`;

// The same page again with the widget's own rendered DOM: each element renders the shadow markup its cif-*
// counterpart had once painted (lit-html comment markers included), with that element's style sheets; the
// document gets the token sheet; the hosts carry the same attributes. What is left to compare is the work of
// cif-elements' script: the elements' logic, the client, the simulated host.
const SAME_ENTRY = (data) => `import { LitElement, html, unsafeCSS } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
const DATA = ${JSON.stringify(data)};
if (DATA.documentCss) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(DATA.documentCss);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
for (const [tag, { markup, css }] of Object.entries(DATA.elements)) {
  customElements.define('same-' + tag, class extends LitElement {
    static styles = unsafeCSS(css);
    render() { return html\`\${unsafeHTML(markup)}\`; }
  });
}
document.querySelector('same-provider').updateComplete.then(() => {
  ${ON_READY}
});
`;

const TYPES = { '.html': 'text/html', '.js': 'text/javascript' };

export async function loadTime(root, browserLaunch, runs) {
  const dist = join(root, 'packages/elements/dist');
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  const dir = join(root, 'node_modules/.cache/cif-bench-load');
  rmSync(dir, { recursive: true, force: true });
  const site = join(dir, 'site');
  mkdirSync(join(site, 'cif-elements'), { recursive: true });
  for (const f of ['cif-elements.js', ...readdirJs(dist)]) cpSync(join(dist, f), join(site, 'cif-elements', f));
  writeFileSync(join(site, 'widget.html'), WIDGET);
  const built = await buildEntries(root, join(dir, 'bare-build'), { bare: BARE_ENTRY });
  cpSync(join(dir, 'bare-build', 'dist'), join(site, 'bare'), { recursive: true });
  const server = createServer((req, res) => {
    const file = resolve(site, `.${new URL(req.url, 'http://x').pathname}`);
    if (!file.startsWith(site) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await browserLaunch();
  let pipe;
  try {
    // shadow elements per element of a page (`cif-…`, `same-…`): what the same-DOM page must match
    const elementCounts = (page, prefix) =>
      page.evaluate(
        ([tags, prefix]) =>
          Object.fromEntries(
            ['provider', ...tags.map((t) => t.replace('cif-', ''))].map((t) => [t, document.querySelector(`${prefix}-${t}`).shadowRoot.querySelectorAll('*').length]),
          ),
        [TAGS, prefix],
      );
    // shadow node counts of the real widget, for the bare page
    const firstLoad = await measureOnce(browser, `${base}widget.html`, async (page) => ({
      elementCounts: await elementCounts(page, 'cif'),
      ...(await page.evaluate((tags) => {
        const n = (el) => {
          let c = 0;
          const w = document.createTreeWalker(el.shadowRoot, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
          while (w.nextNode()) c++;
          return c;
        };
        const out = { provider: n(document.querySelector('cif-provider')) };
        for (const t of tags) out[t.replace('cif-', '')] = n(document.querySelector(t));
        // the rendered DOM itself, for the same-DOM page
        const sheetsText = (sheets) => [...sheets].map((s) => [...s.cssRules].map((r) => r.cssText).join('\n')).join('\n');
        const elements = {};
        const hosts = {};
        for (const el of [document.querySelector('cif-provider'), ...tags.map((t) => document.querySelector(t))]) {
          const tag = el.localName.replace('cif-', '');
          elements[tag] = { markup: el.shadowRoot.innerHTML, css: sheetsText(el.shadowRoot.adoptedStyleSheets) };
          hosts[tag] = el.getAttributeNames().map((a) => [a, el.getAttribute(a)]);
        }
        const same = { data: { documentCss: sheetsText(document.adoptedStyleSheets), elements }, hosts };
        // the scripts requested before cif-ready: the entry and the lazy chunks that ready waited for
        const scripts = performance
          .getEntriesByType('resource')
          .filter((e) => e.startTime < window.readyAt && /\.js$/.test(new URL(e.name).pathname))
          .map((e) => new URL(e.name).pathname.split('/').pop());
        return { counts: out, same, scripts: ['cif-elements.js', ...scripts.filter((f) => f !== 'cif-elements.js')] };
      }, TAGS)),
    }));
    const counts = firstLoad.counts;
    const bareHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare</title>
<script type="module" src="./bare/${built.bare.split('/').pop()}"></script></head>
<body><bare-provider>${TAGS.map((t) => `<bare-${t.replace('cif-', '')}></bare-${t.replace('cif-', '')}>`).join('')}</bare-provider></body></html>`;
    writeFileSync(join(site, 'bare.html'), bareHtml);
    const { same } = firstLoad;
    const sameBuilt = await buildEntries(root, join(dir, 'same-build'), { same: SAME_ENTRY(same.data) });
    cpSync(join(dir, 'same-build', 'dist'), join(site, 'same'), { recursive: true });
    const host = (tag) => `<same-${tag}${same.hosts[tag].map(([a, v]) => ` ${a}="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`).join('')}></same-${tag}>`;
    writeFileSync(
      join(site, 'same.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>same DOM</title>
<script type="module" src="./same/${sameBuilt.same.split('/').pop()}"></script></head>
<body>${host('provider').replace('></same-provider>', `>${TAGS.map((t) => host(t.replace('cif-', ''))).join('')}</same-provider>`)}</body></html>`,
    );
    // the same-DOM page must show what the widget showed (elements; adjacent text nodes merge when serialized)
    const sameCounts = await measureOnce(browser, `${base}same.html`, (page) => elementCounts(page, 'same'));
    if (JSON.stringify(sameCounts) !== JSON.stringify(firstLoad.elementCounts)) {
      throw new Error(`the same-DOM page rendered ${JSON.stringify(sameCounts)} shadow elements, the widget ${JSON.stringify(firstLoad.elementCounts)}`);
    }
    const urls = [`${base}widget.html`, `${base}bare.html?counts=${encodeURIComponent(JSON.stringify(counts))}`, `${base}same.html`];
    const timed = urls.map(() => []);
    const underPlaywright = urls.map(() => []);
    pipe = await launchPipeChromium();
    // The order rotates each round: the first load of a round was seen ~6 ms slower than the next one with
    // identical pages (cause not found), so each page takes each place equally often; the two drivers swap
    // turns each round.
    for (let i = 0; i < runs; i++) {
      for (let j = 0; j < urls.length; j++) {
        const k = (i + j) % urls.length;
        const viaPipe = async () => timed[k].push(await loadUntilMessage(pipe, urls[k], PAINTED, TIMES));
        const viaPlaywright = async () => underPlaywright[k].push(await measureOnce(browser, urls[k]));
        for (const run of i % 2 ? [viaPipe, viaPlaywright] : [viaPlaywright, viaPipe]) await run();
      }
    }
    const [widget, bare, sameDom] = timed;
    // the median, and the middle half of the runs (25th-75th percentile) to show how much they spread
    const at = (xs, k, q) => xs.map((x) => x[k]).sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)];
    const ms = (v) => Math.round(v * 10) / 10;
    const row = (xs) => ({
      'ready ms (median)': ms(at(xs, 'readyAt', 0.5)),
      'painted ms (median)': ms(at(xs, 'paintedAt', 0.5)),
      'painted, middle half': `${ms(at(xs, 'paintedAt', 0.25))}-${ms(at(xs, 'paintedAt', 0.75))}`,
    });
    const w = row(widget);
    const b = row(bare);
    const d = row(sameDom);
    const painted = (xs) => xs.map((x) => x.paintedAt);
    return {
      rows: { 'plain widget, cif-elements.js': w, 'bare Lit page, same node counts': b, 'bare Lit page, same DOM and CSS': d },
      ratio: w['painted ms (median)'] / b['painted ms (median)'],
      ratioSameDom: w['painted ms (median)'] / d['painted ms (median)'],
      /** 90% bootstrap intervals of the two ratios of medians: how far another run of the bench may land. */
      interval: ratioInterval(painted(widget), painted(bare)),
      intervalSameDom: ratioInterval(painted(widget), painted(sameDom)),
      /** The same three pages' painted medians when Playwright drives the browser. */
      playwright: underPlaywright.map((xs) => ms(at(xs, 'paintedAt', 0.5))),
      counts,
      /** Files of dist/ the widget requested before cif-ready (first load; idle-time chunks may be among them). */
      beforeReady: firstLoad.scripts,
    };
  } finally {
    await browser.close();
    await pipe?.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The single file's lazy chunks (served next to it, as from the package's dist/). */
function readdirJs(dir) {
  return readdirSync(dir).filter((f) => /^cif-elements\..+\.js$/.test(f));
}

const TIMES = '({ readyAt: window.readyAt, paintedAt: window.paintedAt })';

async function measureOnce(browser, url, after) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    // Nothing of the bench runs in the page until it has painted: waitForFunction would evaluate Playwright's
    // injected script there (7-30 ms in traces on this machine), inside whichever page is still loading.
    const painted = page.waitForEvent('console', { predicate: (m) => m.text() === PAINTED, timeout: 30_000 });
    await page.goto(url, { waitUntil: 'commit' });
    await painted;
    if (after) return await after(page);
    return await page.evaluate(TIMES);
  } finally {
    await context.close();
  }
}
