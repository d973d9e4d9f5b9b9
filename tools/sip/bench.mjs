// `npm run bench:sip`: numbers for @cif-elements/sip through the repo's Kamailio (digest auth), in a
// loopback-only network namespace, with two Debian Chromium agents (demo/sip/agent.html):
//   - registration time (REGISTER sent → 200 OK, including the 401 challenge), per agent;
//   - call set-up time, INVITE → 200 OK as the caller sees it (from phone.call() to connected, so
//     getUserMedia, the offer, the 407 challenge and the callee's answer are included): median and p95 of 20;
//   - memory per registered agent (JS heap of the page) and Kamailio's PSS.
// Needs kamailio (prints a skip line without it).
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../test-engines.mjs';
import { fileURLToPath } from 'node:url';
import { findKamailio, startKamailio, kamailioPssKb, INSTALL_LINE } from './kamailio.mjs';
import { inLoopbackNamespace, runInLoopbackNamespace } from './netns.mjs';
import { serveAgents } from './agent-server.mjs';

const CALLS = Number(process.env.SIP_BENCH_CALLS ?? 20);
if (!findKamailio()) {
  console.log(`bench:sip skipped: Kamailio is not installed (${INSTALL_LINE})`);
  process.exit(0);
}
if (!inLoopbackNamespace()) {
  const r = runInLoopbackNamespace(fileURLToPath(import.meta.url), process.argv.slice(2));
  if ('error' in r) {
    console.log(`bench:sip: ${r.error}`);
    process.exit(1);
  }
  process.exit(r.status);
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const fmt = (x) => `${x.toFixed(0)} ms`;

let kamailio;
let browser;
let web;
try {
  kamailio = await startKamailio({ auth: true });
  web = await serveAgents();
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
      '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required', '--enable-precise-memory-info'],
  });
  const open = async (id, password) => {
    const page = await (await browser.newContext({ permissions: ['microphone'] })).newPage();
    await page.goto(`${web.url}/agent.html?agent=${id}&server=${encodeURIComponent(kamailio.url)}&hint=0`);
    await page.waitForFunction(() => customElements.get('cif-sip'));
    const heapBefore = await page.evaluate(() => performance.memory.usedJSHeapSize);
    await page.fill('#password', password);
    await page.click('#sign-in button[type=submit]');
    await page.waitForFunction(() => document.querySelector('cif-sip').state === 'registered', null, { timeout: 15_000 });
    await page.waitForTimeout(500);
    const registrationMs = await page.evaluate(() => document.querySelector('cif-sip').phone.lastRegistrationMs);
    const heapAfter = await page.evaluate(() => performance.memory.usedJSHeapSize);
    return { page, registrationMs, heapBefore, heapAfter };
  };
  const a = await open('a', 'agent-a-secret');
  const b = await open('b', 'agent-b-secret');
  // B answers every call at once through its phone (the element's SipPhone).
  await b.page.evaluate(() => {
    const phone = document.querySelector('cif-sip').phone;
    phone.addEventListener('call', (e) => {
      const c = e.detail.call;
      if (c.direction === 'incoming' && c.state === 'ringing') void phone.answer(c.callId);
    });
  });
  const setup = [];
  for (let i = 0; i < CALLS; i++) {
    const ms = await a.page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const phone = document.querySelector('cif-sip').phone;
          const t0 = performance.now();
          const timer = setTimeout(() => reject(new Error('no answer in 10 s')), 10_000);
          const on = (e) => {
            if (e.detail.call.direction === 'outgoing' && e.detail.call.state === 'connected') {
              clearTimeout(timer);
              phone.removeEventListener('call', on);
              const ms = performance.now() - t0;
              void phone.hangup(e.detail.call.callId).then(() => resolve(ms), reject);
            }
          };
          phone.addEventListener('call', on);
          phone.call('+14255550102').catch(reject);
        }),
    );
    setup.push(ms);
    await a.page.waitForFunction(() => document.querySelector('cif-sip').phone.calls.length === 0);
    await b.page.waitForFunction(() => document.querySelector('cif-sip').phone.calls.length === 0);
    // The wrap-ups: save, so the next call starts clean.
    for (const p of [a.page, b.page]) await p.locator('cif-wrap-up >> [part~="submit"]').first().click().catch(() => undefined);
  }
  const k = kamailioPssKb(kamailio.pid);
  console.log(`bench:sip — ${CALLS} calls A→B through Kamailio with digest auth, loopback only (Chromium, fake media)`);
  console.log(`  registration (REGISTER → 200 OK, incl. 401):  A ${fmt(a.registrationMs)}, B ${fmt(b.registrationMs)}`);
  console.log(`  call set-up (call() → 200 OK, incl. getUserMedia and 407):  median ${fmt(quantile(setup, 0.5))}, p95 ${fmt(quantile(setup, 0.95))}, min ${fmt(Math.min(...setup))}, max ${fmt(Math.max(...setup))}`);
  for (const [n, x] of [['A', a], ['B', b]]) {
    console.log(`  memory, agent ${n}: JS heap ${(x.heapAfter / 1048576).toFixed(1)} MB registered (${((x.heapAfter - x.heapBefore) / 1048576).toFixed(1)} MB more than the page before sign-in)`);
  }
  console.log(`  Kamailio: ${k.processes} processes, PSS ${(k.pssKb / 1024).toFixed(1)} MB`);
} finally {
  await browser?.close().catch(() => undefined);
  await web?.close().catch(() => undefined);
  await kamailio?.stop().catch(() => undefined);
}
