// The SIP end-to-end scenario across engines: a Chromium agent and a Firefox ESR agent call each other
// through Kamailio, on the simulated Dynamics host and through the product's own elements (demo/sip/agent.html),
// with inbound RTP and audio energy both ways and the ICE pair on 127.0.0.1. Run by tools/sip/e2e.mjs, inside
// its loopback-only network namespace, after its own tests.
//
// Firefox (launched through tools/browsers.mjs: puppeteer-core over WebDriver BiDi) takes over agent C: the
// Chromium agent C signs out (unREGISTER) and closes first, so the PBX has one contact for C.
// Firefox preferences:
// - media.navigator.streams.fake / media.navigator.permission.disabled: a fake microphone (a tone), no prompt;
// - media.peerconnection.ice.loopback: nICEr skips loopback addresses unless told not to;
// - media.peerconnection.ice.obfuscate_host_addresses: false, else the host candidate is an mDNS name
//   (<uuid>.local) that nothing in the namespace resolves;
// - media.autoplay.default 0: the remote audio plays without a user gesture (as in Chromium with
//   --autoplay-policy=no-user-gesture-required).
// Firefox also needs the namespace's default route over lo (tools/sip/netns.mjs explains why).
import { launchBrowser } from '../../browsers.mjs';

export const FIREFOX_PREFS = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'media.autoplay.default': 0,
};

export const FIREFOX_TESTS = [
  'Chromium ↔ Firefox: B (Chromium) calls C (Firefox ESR) from the keypad, C answers with Alt+A; RTP and audio energy both ways on 127.0.0.1; C hangs up',
  'Firefox ↔ Chromium: C (Firefox ESR) click-to-dials B (Chromium), B answers with Alt+A; RTP and audio energy both ways on 127.0.0.1; B hangs up',
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// --- run in the page (Chromium's and Firefox's alike: only `evaluate` is used on both) ---

/** Inbound/outbound audio and the selected candidate pair of the agent's connected call. */
async function callStats() {
  const call = document.querySelector('cif-sip').phone.calls.find((c) => c.state === 'connected');
  const pc = call?.peerConnection;
  if (!pc) return null;
  const report = await pc.getStats();
  const all = [...report.values()];
  const inbound = all.find((r) => r.type === 'inbound-rtp' && r.kind === 'audio');
  const outbound = all.find((r) => r.type === 'outbound-rtp' && r.kind === 'audio');
  // Chromium names the pair on its transport; Firefox has no transport stats and marks the pair `selected`.
  const transport = all.find((r) => r.type === 'transport' && r.selectedCandidatePairId);
  const pair = transport ? report.get(transport.selectedCandidatePairId) : all.find((r) => r.type === 'candidate-pair' && r.selected);
  const local = pair && report.get(pair.localCandidateId);
  const remote = pair && report.get(pair.remoteCandidateId);
  return {
    packetsReceived: inbound?.packetsReceived ?? 0,
    totalAudioEnergy: inbound?.totalAudioEnergy ?? 0,
    packetsSent: outbound?.packetsSent ?? 0,
    pair: local && remote ? `${local.address ?? local.ip} <-> ${remote.address ?? remote.ip}` : '',
  };
}
const dialerState = () => document.querySelector('cif-dialer').callState;
const alertOpen = () => document.querySelector('cif-incoming-call').open;
const noCall = () => document.querySelector('cif-sip').phone.calls.length === 0;

/** Polls `fn` in a page (either engine) until it returns `want`. */
async function until(page, fn, want = true, timeout = 10_000, what = String(fn)) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await page.evaluate(fn).catch((e) => `error: ${e.message}`);
    if (last === want) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what} to be ${JSON.stringify(want)} (is ${JSON.stringify(last)})`);
    await sleep(100);
  }
}

/** Both sides' stats after 2 s of talking: packets and energy inbound on each, pairs on 127.0.0.1. */
async function assertMediaBothWays(chromium, firefox) {
  await sleep(2000);
  const [c, f] = await Promise.all([chromium.evaluate(callStats), firefox.evaluate(callStats)]);
  const both = `Chromium ${JSON.stringify(c)}, Firefox ${JSON.stringify(f)}`;
  assert(c && f, `no connected call with a peer connection: ${both}`);
  assert(c.packetsReceived > 20 && f.packetsReceived > 20, `inbound RTP packets: ${both}`);
  assert(c.totalAudioEnergy > 0 && f.totalAudioEnergy > 0, `inbound audio energy: ${both}`);
  assert(c.pair === '127.0.0.1 <-> 127.0.0.1' && f.pair === '127.0.0.1 <-> 127.0.0.1', `ICE pairs: ${both}`);
  console.log(`    inbound: Chromium ${c.packetsReceived} packets, energy ${c.totalAudioEnergy.toExponential(2)}, pair ${c.pair}; Firefox ${f.packetsReceived} packets, energy ${f.totalAudioEnergy.toExponential(2)}, pair ${f.pair}`);
}

/** Ends every call in a page (after a failure), ignoring errors. */
const hangUpAll = (page) =>
  page
    .evaluate(async () => {
      const phone = document.querySelector('cif-sip').phone;
      await Promise.all((phone?.calls ?? []).map((c) => phone.hangup(c.callId).catch(() => undefined)));
      const alert = document.querySelector('cif-incoming-call');
      if (alert.open) alert.dismiss();
    })
    .catch(() => undefined);

/**
 * Runs the Chromium ↔ Firefox calls.
 * @param {object} o
 * @param {(name: string, fn: () => Promise<void>) => Promise<void>} o.test e2e.mjs's test runner
 * @param {import('playwright-core').Page} o.chromium agent B's page (Chromium, registered)
 * @param {import('playwright-core').Page | undefined} o.retire agent C's Chromium page: signed out and closed
 * @param {string} o.web the agent pages' server (http://127.0.0.1:port)
 * @param {string} o.server Kamailio's WebSocket URL
 */
export async function firefoxCalls({ test, chromium: b, retire, web, server }) {
  /** @type {import('../../browsers.mjs').LaunchedBrowser | undefined} */
  let firefox;
  /** @type {import('../../browsers.mjs').BrowserPage | undefined} */
  let c;
  const stop = () => firefox?.close().catch(() => undefined);
  const onSignal = () => void stop();
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(sig, onSignal);
  try {
    let ready = false;
    const setUp = async () => {
      if (ready) return;
      if (retire && !retire.isClosed()) {
        await retire.evaluate(() => document.querySelector('cif-sip').disconnect()).catch(() => undefined);
        await retire.close();
      }
      firefox = await launchBrowser('firefox', { prefs: FIREFOX_PREFS });
      c = await firefox.newPage();
      await c.goto(`${web}/agent.html?agent=c&server=${encodeURIComponent(server)}&hint=0`);
      await c.waitFor(() => !!(customElements.get('cif-sip') && document.querySelector('cif-provider').host));
      // Signed in as a user does: the password typed, Enter.
      await c.evaluate(() => document.querySelector('#password').focus());
      await c.type('agent-c-secret');
      await c.press('Enter');
      await until(c, () => document.querySelector('cif-sip').state, 'registered', 15_000, "Firefox C's registration");
      ready = true;
    };
    const problems = () => (c?.problems.length ? `\nFirefox reported: ${c.problems.join('\n')}` : '');

    await test(FIREFOX_TESTS[0], async () => {
      try {
        await setUp();
        const fc = /** @type {import('../../browsers.mjs').BrowserPage} */ (c);
        await b.focus('cif-dialer');
        await b.keyboard.type('+14255550103');
        await b.keyboard.press('Enter');
        await until(fc, alertOpen, true, 10_000, "Firefox C's incoming-call alert");
        const caller = await fc.evaluate(() => document.querySelector('cif-incoming-call').callerNumber);
        assert(/4255550102/.test(caller), `Firefox C's alert shows ${caller}`);
        await fc.press('Alt+A');
        await Promise.all([until(b, dialerState, 'connected'), until(fc, dialerState, 'connected')]);
        await assertMediaBothWays(b, fc);
        // C hangs up from its dialer (a real click on the hang-up button).
        const at = await fc.evaluate(() => {
          const el = document.querySelector('cif-dialer').shadowRoot.querySelector('[part~="hangup"]');
          el.scrollIntoView({ block: 'center' });
          const r = el.getBoundingClientRect();
          return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
        });
        await fc.click(at.x, at.y);
        await Promise.all([until(b, dialerState, 'ended'), until(fc, dialerState, 'ended')]);
        await Promise.all([until(b, noCall), until(fc, noCall)]);
      } catch (e) {
        await Promise.all([hangUpAll(b), c && hangUpAll(c)]);
        throw new Error(`${e.message}${problems()}`);
      }
    });

    await test(FIREFOX_TESTS[1], async () => {
      try {
        await setUp();
        const fc = /** @type {import('../../browsers.mjs').BrowserPage} */ (c);
        // the wrap-up of the previous call is not in the way: the click-to-act starts a new call
        const at = await fc.evaluate(() => {
          const el = document.querySelector('button.click-to-act[data-agent="b"]');
          el.scrollIntoView({ block: 'center' });
          const r = el.getBoundingClientRect();
          return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
        });
        await fc.click(at.x, at.y);
        await until(b, alertOpen, true, 10_000, "Chromium B's incoming-call alert");
        await b.keyboard.press('Alt+A');
        await Promise.all([until(b, dialerState, 'connected'), until(fc, dialerState, 'connected')]);
        await assertMediaBothWays(b, fc);
        await b.locator('cif-dialer >> [part~="hangup"]').first().click();
        await Promise.all([until(b, dialerState, 'ended'), until(fc, dialerState, 'ended')]);
        await Promise.all([until(b, noCall), until(fc, noCall)]);
      } catch (e) {
        await Promise.all([hangUpAll(b), c && hangUpAll(c)]);
        throw new Error(`${e.message}${problems()}`);
      }
    });
  } finally {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(sig, onSignal);
    await c?.evaluate(() => document.querySelector('cif-sip').disconnect()).catch(() => undefined);
    await stop();
  }
}
