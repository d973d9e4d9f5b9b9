// `npm run test:sip`: @cif-elements/sip end to end, through a real Kamailio, with two or three Debian
// Chromium agents driven by playwright-core, and last a Firefox ESR agent (scenarios/firefox.mjs), all on the
// simulated Dynamics host and through the product's own elements (demo/sip/agent.html: <cif-sip> inside
// <cif-call-flow>, <cif-incoming-call>, <cif-dialer>, <cif-wrap-up>). Digest auth is on.
//
// Everything runs in a network namespace that has only `lo` (tools/sip/netns.mjs): Kamailio, the page
// server, the browsers and their media; so every packet stays on 127.0.0.1. Kamailio gets a free port and
// its own PID file, and is stopped by PID whatever happens.
//
// Without kamailio installed, it prints a loud skip line with the install command.
// Last line: `N passed, N failed[, N skipped]`; exit status non-zero on any failure.
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { findKamailio, startKamailio, INSTALL_LINE } from './kamailio.mjs';
import { inLoopbackNamespace, runInLoopbackNamespace } from './netns.mjs';
import { serveAgents } from './agent-server.mjs';
import { FIREFOX_TESTS, firefoxCalls } from './scenarios/firefox.mjs';
import { CHROMIUM_ARGS } from '../test-engines.mjs';

const TESTS = [
  'digest registration of three agents; a wrong password ends in a typed auth-failed error',
  'click-to-dial A → B alert → Alt+A → both connected, RTP and audio energy both ways on 127.0.0.1',
  'DTMF: SIP INFO received by B, RFC 4733 tones sent by B',
  'hold stops the media of the held side; resume restarts it',
  'mute disables the microphone track; unmute enables it',
  'hang-up (BYE) ends the call on both sides; both log a phonecall with direction and duration',
  'decline: B declines with Alt+D → A ends with a typed "declined" (603) error',
  'post-dial DTMF from a click-to-dial number with an extension; busy (486) and alert time-out (480) end typed',
  'call waiting: C calls B during A–B; B answers (A held), then swaps back in the dialer\'s call list (C held)',
  'local conference at B by the dialer\'s Merge: A hears C and C hears A (B muted), through B\'s Web Audio mix',
  'blind transfer in B\'s dialer: B transfers A to C (REFER); A–C connected with media; B\'s call ends "transferred"',
  'attended transfer in B\'s dialer: B consults C, then completes (REFER with Replaces); cancel resumes A',
  'hostile display name (markup and RTL override) in C\'s From header: text in B\'s alert, call list, dialer and wrap-up; the call is logged; nothing runs',
  'live call across a WebSocket drop (Kamailio restart): media goes on during the drop; after re-registering, the dialog refresh cannot reach the peer, so both end with a typed transport error, logged',
  'WebSocket drop (Kamailio restart): both agents reconnect and re-register; B calls A by keypad',
  'two tabs of agent A: one registers, the other follows, answers, hangs up and dials; leader closed mid-call → BYE, re-registered < 2 s',
  ...FIREFOX_TESTS,
];

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ARGS = [
  ...CHROMIUM_ARGS,
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

if (!findKamailio()) {
  console.log('');
  console.log('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
  console.log(`!! SKIPPED: the SIP end-to-end tests need Kamailio. Install it: ${INSTALL_LINE}`);
  if (process.env.KAMAILIO !== undefined) console.log(`!! (KAMAILIO=${process.env.KAMAILIO} is set and names no kamailio binary)`);
  console.log('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
  console.log(`0 passed, 0 failed, ${TESTS.length} skipped`);
  process.exit(0);
}

if (!inLoopbackNamespace()) {
  const r = runInLoopbackNamespace(fileURLToPath(import.meta.url), process.argv.slice(2));
  if ('error' in r) {
    console.log(`SIP end-to-end: ${r.error}`);
    console.log(`0 passed, ${TESTS.length} failed`);
    process.exit(1);
  }
  process.exit(r.status);
}

// ------------------------------------------------------------------ inside the loopback-only namespace

const results = [];
let kamailio;
let pages;
let browser;
let web;

async function cleanup() {
  await browser?.close().catch(() => undefined);
  await web?.close().catch(() => undefined);
  await kamailio?.stop().catch(() => undefined);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    void cleanup().finally(() => process.exit(1));
  });
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// Development aid: SIP_E2E_ONLY=0,13 runs only those scenarios (by index; 0, the registration, is always
// needed); the others are reported as skipped.
const ONLY = process.env.SIP_E2E_ONLY ? new Set(process.env.SIP_E2E_ONLY.split(',').map(Number)) : undefined;

async function test(name, fn) {
  if (ONLY && !ONLY.has(TESTS.indexOf(name))) {
    results.push({ name, ok: true, skipped: true });
    return;
  }
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false, error: e });
    console.log(`  ✗ ${name} (${Date.now() - t0} ms)\n      ${String(e?.stack ?? e).split('\n').slice(0, 4).join('\n      ')}`);
    await hangUpEverything();
  }
}

/** After a failure: end every call and close every alert, so the next test starts clean. */
async function hangUpEverything() {
  for (const page of Object.values(pages ?? {})) {
    if (page.isClosed()) continue;
    await page
      .evaluate(async () => {
        const phone = document.querySelector('cif-sip').phone;
        await Promise.all((phone?.calls ?? []).map((c) => phone.hangup(c.callId).catch(() => undefined)));
        const alert = document.querySelector('cif-incoming-call');
        if (alert.open) alert.dismiss();
      })
      .catch(() => undefined);
  }
  await new Promise((r) => setTimeout(r, 1000));
}

// --- page helpers (run in the page) ---

const waitSip = (page, state, timeout = 10_000) =>
  page.waitForFunction((s) => document.querySelector('cif-sip').state === s, state, { timeout });
const waitDialer = (page, state, timeout = 10_000) =>
  page.waitForFunction((s) => document.querySelector('cif-dialer').callState === s, state, { timeout });
const part = (page, host, name) => page.locator(`${host} >> [part~="${name}"]`).first();

/** Inbound/outbound audio stats and the selected candidate pair of the agent's live call. */
function stats(page) {
  return page.evaluate(async () => {
    const call = document.querySelector('cif-sip').phone.calls.find((c) => c.state === 'connected');
    const pc = call?.peerConnection;
    if (!pc) return null;
    const rep = await pc.getStats();
    const byId = new Map();
    rep.forEach((r) => byId.set(r.id, r));
    const out = { packetsReceived: 0, totalAudioEnergy: 0, packetsSent: 0, pair: '', directions: pc.getTransceivers().map((t) => t.currentDirection), senderEnabled: pc.getSenders().map((s) => s.track?.enabled) };
    rep.forEach((r) => {
      if (r.type === 'inbound-rtp' && r.kind === 'audio') {
        out.packetsReceived = r.packetsReceived ?? 0;
        out.totalAudioEnergy = r.totalAudioEnergy ?? 0;
      }
      if (r.type === 'outbound-rtp' && r.kind === 'audio') out.packetsSent = r.packetsSent ?? 0;
      if (r.type === 'transport' && r.selectedCandidatePairId) {
        const cp = byId.get(r.selectedCandidatePairId);
        const l = cp && byId.get(cp.localCandidateId);
        const rm = cp && byId.get(cp.remoteCandidateId);
        if (l && rm) out.pair = `${l.address ?? l.ip} <-> ${rm.address ?? rm.ip}`;
      }
    });
    return out;
  });
}

/** The live calls of an agent's phone. */
const phoneCalls = (page) =>
  page.evaluate(() => document.querySelector('cif-sip').phone.calls.map((c) => ({ id: c.callId, dir: c.direction, user: c.remoteUser, state: c.state, held: c.held, conferenced: c.conferenced })));

/** The live call of `page` with the agent whose SIP user ends with `digits`. */
async function callWith(page, digits) {
  const c = (await phoneCalls(page)).find((x) => x.user.endsWith(digits) && x.state !== 'ended');
  if (!c) throw new Error(`no call with ${digits}: ${JSON.stringify(await phoneCalls(page))}`);
  return c;
}

/** Inbound packets and audio energy of the call with `digits`. */
function media(page, digits) {
  return page.evaluate(async (d) => {
    const call = document.querySelector('cif-sip').phone.calls.find((c) => c.remoteUser.endsWith(d) && c.state === 'connected');
    const out = { packetsReceived: 0, totalAudioEnergy: 0 };
    if (!call?.peerConnection) return out;
    (await call.peerConnection.getStats()).forEach((r) => {
      if (r.type === 'inbound-rtp' && r.kind === 'audio') {
        out.packetsReceived = r.packetsReceived ?? 0;
        out.totalAudioEnergy = r.totalAudioEnergy ?? 0;
      }
    });
    return out;
  }, digits);
}

async function mediaDelta(page, digits, ms) {
  const x = await media(page, digits);
  await page.waitForTimeout(ms);
  const y = await media(page, digits);
  return { packets: y.packetsReceived - x.packetsReceived, energy: y.totalAudioEnergy - x.totalAudioEnergy };
}

const phoneDo = (page, fn, ...args) => page.evaluate(([f, a]) => new Function('phone', 'args', `return (${f})(phone, ...args)`)(document.querySelector('cif-sip').phone, a), [fn.toString(), args]);

async function ring(caller, calleeDigits, callee) {
  await caller.focus('cif-dialer');
  await caller.keyboard.type(`+1425555${calleeDigits}`);
  await caller.keyboard.press('Enter');
  await callee.waitForFunction(() => document.querySelector('cif-incoming-call').open, null, { timeout: 10_000 });
}

async function noCalls(...ps) {
  for (const p of ps) await p.waitForFunction(() => document.querySelector('cif-sip').phone.calls.length === 0, null, { timeout: 10_000 });
}

async function inboundDelta(page, ms) {
  const a = (await stats(page)).packetsReceived;
  await page.waitForTimeout(ms);
  return (await stats(page)).packetsReceived - a;
}

async function openAgent(id, query = '') {
  const context = await browser.newContext({ permissions: ['microphone'] });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => console.log(`    [${id}] pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.text())) console.log(`    [${id}] console.error: ${m.text()}`);
  });
  await page.goto(`${web.url}/agent.html?agent=${id}&server=${encodeURIComponent(kamailio.url)}&hint=0${query}`);
  await page.waitForFunction(() => customElements.get('cif-sip') && document.querySelector('cif-provider').host);
  await page.evaluate(() => {
    // Recorders for the test: SIP errors and INFO DTMF the element fires.
    window.__sipErrors = [];
    window.__dtmf = [];
    document.addEventListener('cif-sip-error', (e) => window.__sipErrors.push({ code: e.detail.error.code, status: e.detail.error.status, message: e.detail.error.message }));
    document.addEventListener('cif-sip-dtmf', (e) => window.__dtmf.push(e.detail.digit));
  });
  return page;
}

async function signIn(page, password) {
  await page.fill('#password', password);
  await page.click('#sign-in button[type=submit]');
}

/** Newest phonecall the page's simulated Dynamics has (written by the call flow). */
const lastPhonecall = (page) =>
  page.evaluate(() => {
    const host = document.querySelector('cif-provider').host;
    const calls = host.records('phonecall').filter((r) => Date.parse(r.actualstart) > Date.now() - 10 * 60_000);
    calls.sort((a, b) => Date.parse(b.actualend) - Date.parse(a.actualend));
    return calls[0] ?? null;
  });

async function saveWrapUp(page) {
  await part(page, 'cif-wrap-up', 'submit').click();
}

// ------------------------------------------------------------------ the run

const t0 = Date.now();
try {
  kamailio = await startKamailio({ auth: true });
  console.log(`SIP end-to-end: Kamailio pid ${kamailio.pid} on 127.0.0.1:${kamailio.port} (digest auth), loopback-only namespace`);
  web = await serveAgents();
  browser = await chromium.launch({ executablePath, headless: true, args: ARGS });
  pages = {
    a: await openAgent('a', '&dtmf=info'),
    b: await openAgent('b'),
    c: await openAgent('c'),
  };
  const { a, b, c } = pages;

  await test(TESTS[0], async () => {
    await c.bringToFront();
    await signIn(c, 'not-the-password');
    await waitSip(c, 'failed');
    const err = await c.evaluate(() => window.__sipErrors.at(-1));
    assert(err && err.code === 'auth-failed' && err.status === 401, `C's error: ${JSON.stringify(err)}`);
    const text = await c.locator('cif-sip >> [part="text"]').textContent();
    assert(/not registered/i.test(text) && /401/.test(text), `C shows: ${text}`);
    await signIn(c, 'agent-c-secret');
    await Promise.all([signIn(a, 'agent-a-secret'), signIn(b, 'agent-b-secret')]);
    await Promise.all([waitSip(a, 'registered'), waitSip(b, 'registered'), waitSip(c, 'registered')]);
    const leaked = await a.evaluate(() => document.documentElement.outerHTML.includes('agent-a-secret') || JSON.stringify(localStorage).includes('agent-a-secret'));
    assert(!leaked, 'the password is in the DOM or localStorage');
  });

  let connectedAt = 0;
  await test(TESTS[1], async () => {
    await a.click('button.click-to-act[data-agent="b"]');
    await b.waitForFunction(() => document.querySelector('cif-incoming-call').open, null, { timeout: 10_000 });
    const alertName = await b.evaluate(() => document.querySelector('cif-incoming-call').callerNumber);
    assert(/4255550101/.test(alertName), `B's alert shows ${alertName}`);
    await waitDialer(a, 'ringing');
    await b.keyboard.press('Alt+A');
    await Promise.all([waitDialer(a, 'connected'), waitDialer(b, 'connected')]);
    connectedAt = Date.now();
    await a.waitForTimeout(1500);
    const [sa, sb] = await Promise.all([stats(a), stats(b)]);
    assert(sa.packetsReceived > 20 && sb.packetsReceived > 20, `inbound packets A=${sa.packetsReceived} B=${sb.packetsReceived}`);
    assert(sa.totalAudioEnergy > 0 && sb.totalAudioEnergy > 0, `audio energy A=${sa.totalAudioEnergy} B=${sb.totalAudioEnergy}`);
    assert(sa.pair === '127.0.0.1 <-> 127.0.0.1' && sb.pair === '127.0.0.1 <-> 127.0.0.1', `ICE pairs A=${sa.pair} B=${sb.pair}`);
    const playing = await a.evaluate(() => [...document.querySelectorAll('*')].length >= 0 && document.querySelector('cif-sip').phone.calls[0].peerConnection.getReceivers()[0].track.readyState);
    assert(playing === 'live', `A's remote track: ${playing}`);
  });

  await test(TESTS[2], async () => {
    // A (dtmf=info) presses 5 and 9 on the dialer's keypad (typed into the dialer during the call).
    await a.focus('cif-dialer');
    await a.keyboard.press('5');
    await a.keyboard.press('9');
    await b.waitForFunction(() => window.__dtmf.join('') === '59', null, { timeout: 5000 });
    // B (RFC 4733): record the tones its RTCDTMFSender puts on the wire.
    await b.evaluate(() => {
      window.__tones = [];
      const pc = document.querySelector('cif-sip').phone.calls[0].peerConnection;
      for (const s of pc.getSenders()) if (s.dtmf) s.dtmf.ontonechange = (e) => e.tone && window.__tones.push(e.tone);
    });
    // Typed fast: each key reaches the sender before the previous tone has played (none may be lost).
    await b.focus('cif-dialer');
    await b.keyboard.type('7#1');
    await b.waitForFunction(() => window.__tones.join('') === '7#1', null, { timeout: 5000 }).catch(async () => {
      throw new Error(`B's tones ${await b.evaluate(() => JSON.stringify({ tones: window.__tones, errors: window.__sipErrors, dialer: document.querySelector('cif-dialer').callState }))}`);
    });
  });

  await test(TESTS[3], async () => {
    await part(a, 'cif-dialer', 'hold').click();
    await waitDialer(a, 'held');
    await a.waitForTimeout(300);
    const held = await stats(a);
    assert(held.directions[0] === 'sendonly', `A's direction on hold: ${held.directions}`);
    const duringHold = await inboundDelta(a, 600);
    assert(duringHold === 0, `A received ${duringHold} packets from the held side in 600 ms`);
    await part(a, 'cif-dialer', 'hold').click();
    await waitDialer(a, 'connected');
    await a.waitForTimeout(200);
    const after = await inboundDelta(a, 600);
    assert(after > 10, `A received ${after} packets in 600 ms after resume`);
    assert((await stats(a)).directions[0] === 'sendrecv', 'A is not sendrecv after resume');
  });

  await test(TESTS[4], async () => {
    await part(b, 'cif-dialer', 'mute').click();
    await b.waitForFunction(() => document.querySelector('cif-dialer').muted === true);
    await b.waitForTimeout(100);
    assert((await stats(b)).senderEnabled.every((e) => e === false), 'B\'s microphone track still enabled');
    await part(b, 'cif-dialer', 'mute').click();
    await b.waitForFunction(() => document.querySelector('cif-dialer').muted === false);
    assert((await stats(b)).senderEnabled.every((e) => e === true), 'B\'s microphone track not enabled again');
  });

  await test(TESTS[5], async () => {
    await a.waitForTimeout(Math.max(0, 4000 - (Date.now() - connectedAt)));
    await part(a, 'cif-dialer', 'hangup').click();
    const endedAt = Date.now();
    const talked = (endedAt - connectedAt) / 1000;
    await Promise.all([waitDialer(a, 'ended'), waitDialer(b, 'ended')]);
    await Promise.all([saveWrapUp(a), saveWrapUp(b)]);
    await a.waitForFunction(() => document.querySelector('cif-provider').host.records('phonecall').some((r) => Date.parse(r.actualend) > Date.now() - 60_000), null, { timeout: 10_000 });
    await b.waitForFunction(() => document.querySelector('cif-provider').host.records('phonecall').some((r) => Date.parse(r.actualend) > Date.now() - 60_000), null, { timeout: 10_000 });
    const [la, lb] = await Promise.all([lastPhonecall(a), lastPhonecall(b)]);
    assert(la.directioncode === true && lb.directioncode === false, `directions A=${la.directioncode} B=${lb.directioncode}`);
    for (const [who, l] of [['A', la], ['B', lb]]) {
      const secs = (Date.parse(l.actualend) - Date.parse(l.actualstart)) / 1000;
      assert(Math.abs(secs - talked) < 2, `${who}'s logged duration ${secs}s, talked ${talked.toFixed(1)}s`);
      assert(l.actualdurationminutes === 1, `${who}'s actualdurationminutes ${l.actualdurationminutes}`);
    }
    assert(/4255550102|Agent B/.test(la.subject) && /4255550101|Agent A/.test(lb.subject), `subjects: ${la.subject} / ${lb.subject}`);
  });

  await test(TESTS[6], async () => {
    await a.click('button.click-to-act[data-agent="b"]');
    await b.waitForFunction(() => document.querySelector('cif-incoming-call').open, null, { timeout: 10_000 });
    await b.keyboard.press('Alt+D');
    await a.waitForFunction(() => window.__sipErrors.some((e) => e.code === 'declined'), null, { timeout: 10_000 }).catch(async () => {
      const dump = (p) => p.evaluate(() => JSON.stringify({ errors: window.__sipErrors, calls: document.querySelector('cif-call-flow').calls.map((c) => [c.direction, c.phase, c.answer, c.endReason]), sip: document.querySelector('cif-sip').phone.calls }));
      throw new Error(`A ${await dump(a)}\n B ${await dump(b)}`);
    });
    const err = await a.evaluate(() => window.__sipErrors.find((e) => e.code === 'declined'));
    assert(err.status === 603, `A's error status ${err.status}`);
    await waitDialer(a, 'ended');
    const reason = await a.evaluate(() => document.querySelector('cif-call-flow').calls.at(-1).endReason);
    assert(reason === 'declined', `A's call ended with ${reason}`);
    assert(!(await b.evaluate(() => document.querySelector('cif-incoming-call').open)), 'B\'s alert still open');
  });

  await test(TESTS[7], async () => {
    await b.evaluate(() => (window.__dtmf = []));
    // Dynamics sends "+1 425-555-0102 ext. 77": A dials the number, then sends 7 7 once connected (INFO).
    await a.evaluate(() => document.querySelector('cif-provider').host.clickToAct({ value: '+1 425-555-0102 ext. 77', name: 'telephone1', format: 'phone', entityLogicalName: 'contact' }));
    await b.waitForFunction(() => document.querySelector('cif-incoming-call').open, null, { timeout: 10_000 });
    await b.keyboard.press('Alt+A');
    await Promise.all([waitDialer(a, 'connected'), waitDialer(b, 'connected')]);
    await b.waitForFunction(() => window.__dtmf.join('') === '77', null, { timeout: 5000 });
    await part(a, 'cif-dialer', 'hangup').click();
    await noCalls(a, b);
    for (const [how, code, status] of [['busy', 'busy', 486], ['timeout', 'unavailable', 480]]) {
      await a.evaluate(() => (window.__sipErrors = []));
      await a.click('button.click-to-act[data-agent="b"]');
      await b.waitForFunction(() => document.querySelector('cif-incoming-call').open, null, { timeout: 10_000 });
      const id = (await callWith(b, '0101')).id;
      await phoneDo(b, (phone, x, h) => (h === 'busy' ? phone.decline(x, 'busy') : phone.timeoutCall(x)), id, how);
      await a.waitForFunction((c) => window.__sipErrors.some((e) => e.code === c), code, { timeout: 10_000 });
      const err = await a.evaluate((c) => window.__sipErrors.find((e) => e.code === c), code);
      assert(err.status === status, `${how}: status ${err.status}`);
      await waitDialer(a, 'ended');
      const reason = await a.evaluate(() => document.querySelector('cif-call-flow').calls.at(-1).endReason);
      assert(reason === code, `${how}: A's call ended with ${reason}`);
      await noCalls(a, b);
    }
  });

  await test(TESTS[8], async () => {
    await a.click('button.click-to-act[data-agent="b"]');
    await b.waitForFunction(() => document.querySelector('cif-incoming-call').open, null, { timeout: 10_000 });
    await b.keyboard.press('Alt+A');
    await Promise.all([waitDialer(a, 'connected'), waitDialer(b, 'connected')]);
    await ring(c, '0102', b);
    await b.keyboard.press('Alt+A');
    await b.waitForFunction(() => document.querySelector('cif-sip').phone.calls.some((x) => x.remoteUser.endsWith('0103') && x.state === 'connected'));
    await b.waitForFunction(() => document.querySelector('cif-sip').phone.calls.some((x) => x.remoteUser.endsWith('0101') && x.held));
    await b.waitForTimeout(500);
    const fromC = await mediaDelta(b, '0103', 600);
    const fromHeldA = await mediaDelta(b, '0101', 600);
    assert(fromC.packets > 10, `B got ${fromC.packets} packets from C`);
    assert(fromHeldA.packets === 0, `B got ${fromHeldA.packets} packets from held A`);
    const idA = (await callWith(b, '0101')).id;
    // The dialer's call list: Swap on A's row (C is held first, then A resumed: re-INVITEs both).
    await b.locator(`cif-dialer >> [part~="call-item"][data-call-id="${idA}"] >> [part~="call-swap"]`).click();
    await b.waitForFunction(() => document.querySelector('cif-sip').phone.calls.some((x) => x.remoteUser.endsWith('0103') && x.held));
    await b.waitForFunction((id) => document.querySelector('cif-sip').phone.calls.some((x) => x.callId === id && !x.held), idA);
    await b.waitForTimeout(300);
    const fromA = await mediaDelta(b, '0101', 600);
    const fromHeldC = await mediaDelta(b, '0103', 600);
    assert(fromA.packets > 10 && fromHeldC.packets === 0, `after swap: from A ${fromA.packets}, from held C ${fromHeldC.packets}`);
  });

  await test(TESTS[9], async () => {
    const idA = (await callWith(b, '0101')).id;
    const idC = (await callWith(b, '0103')).id;
    // Control: B muted (the dialer's Mute, on the call with A in front): what A receives is silence.
    await part(b, 'cif-dialer', 'mute').click();
    await b.waitForFunction((id) => document.querySelector('cif-sip').phone.calls.some((x) => x.callId === id && x.muted), idA);
    // What was already in A's jitter buffer plays out first (seconds on a loaded machine).
    let silent = await mediaDelta(a, '0102', 500);
    for (let i = 0; i < 10 && silent.energy >= 1e-3; i++) silent = await mediaDelta(a, '0102', 500);
    assert(silent.energy < 1e-3, `A still hears B after B muted: ${silent.energy}`);
    await part(b, 'cif-dialer', 'mute').click();
    await b.waitForFunction((id) => document.querySelector('cif-sip').phone.calls.some((x) => x.callId === id && !x.muted), idA);
    // The dialer's Merge: the controller's cancelable `conference` → the phone's Web Audio mix → `conferenced`.
    await part(b, 'cif-dialer', 'merge').click();
    await b.waitForFunction(() => document.querySelector('cif-sip').phone.calls.filter((x) => x.conferenced && !x.held).length === 2);
    await b.waitForFunction(() => document.querySelector('cif-call-flow').calls.filter((x) => x.phase === 'connected' && x.conference?.length === 1).length === 2);
    // B mutes itself in the conference: A can only hear C, and C only A, through B's mix.
    await part(b, 'cif-dialer', 'mute').click();
    await b.waitForFunction(() => document.querySelector('cif-sip').phone.calls.every((x) => x.muted));
    await b.waitForTimeout(1000);
    const [aHears, cHears] = await Promise.all([mediaDelta(a, '0102', 1500), mediaDelta(c, '0102', 1500)]);
    console.log(`    audio energy in 1.5 s: A hears ${aHears.energy.toExponential(2)} (B muted, no conference, 0.5 s: ${silent.energy.toExponential(2)}), C hears ${cHears.energy.toExponential(2)}`);
    assert(aHears.energy > 0.01, 'A does not hear C');
    assert(cHears.energy > 0.01, 'C does not hear A');
    // Hang-up per call in the dialer's call list.
    await b.locator(`cif-dialer >> [part~="call-item"][data-call-id="${idC}"] >> [part~="call-hangup"]`).click();
    await noCalls(c);
    await part(b, 'cif-dialer', 'hangup').click();
    await noCalls(a, b, c);
  });

  await test(TESTS[10], async () => {
    await a.click('button.click-to-act[data-agent="b"]');
    await b.waitForFunction(() => document.querySelector('cif-incoming-call').open, null, { timeout: 10_000 });
    await b.keyboard.press('Alt+A');
    await Promise.all([waitDialer(a, 'connected'), waitDialer(b, 'connected')]);
    const idA = (await callWith(b, '0101')).id;
    // B's dialer: Transfer, type C's number (the keypad types the target while the panel is open), Enter = blind.
    await part(b, 'cif-dialer', 'transfer-toggle').click();
    await part(b, 'cif-dialer', 'transfer-target').click();
    await b.keyboard.type('+14255550103');
    await b.keyboard.press('Enter');
    await c.waitForFunction(() => document.querySelector('cif-incoming-call').open, null, { timeout: 10_000 });
    await c.keyboard.press('Alt+A');
    await a.waitForFunction(() => document.querySelector('cif-sip').phone.calls.some((x) => x.remoteUser.endsWith('0103') && x.state === 'connected'));
    await noCalls(b);
    const ended = await b.evaluate((id) => document.querySelector('cif-call-flow').calls.find((x) => x.callId === id), idA);
    assert(ended.endReason === 'transferred' && ended.transferTarget === '+14255550103' && ended.transferMode === 'blind', `B's call: ${ended.endReason} ${ended.transferTarget} ${ended.transferMode}`);
    await a.waitForTimeout(600);
    const [ac, ca] = await Promise.all([mediaDelta(a, '0103', 600), mediaDelta(c, '0101', 600)]);
    assert(ac.packets > 10 && ca.packets > 10, `A–C media: ${ac.packets} / ${ca.packets}`);
    await part(a, 'cif-dialer', 'hangup').click();
    await noCalls(a, c);
  });

  await test(TESTS[11], async () => {
    await a.click('button.click-to-act[data-agent="b"]');
    await b.waitForFunction(() => document.querySelector('cif-incoming-call').open, null, { timeout: 10_000 });
    await b.keyboard.press('Alt+A');
    await Promise.all([waitDialer(a, 'connected'), waitDialer(b, 'connected')]);
    const idA = (await callWith(b, '0101')).id;
    const consult = async () => {
      // B's dialer: Transfer, C's number, Consult → A held (re-INVITE), then the consult call to C.
      await part(b, 'cif-dialer', 'transfer-toggle').click();
      await part(b, 'cif-dialer', 'transfer-target').click();
      await b.keyboard.type('+14255550103');
      await part(b, 'cif-dialer', 'transfer-consult').click();
      await c.waitForFunction(() => document.querySelector('cif-incoming-call').open, null, { timeout: 10_000 });
      await c.keyboard.press('Alt+A');
      await b.waitForFunction(() => document.querySelector('cif-sip').phone.calls.some((x) => x.remoteUser.endsWith('0103') && x.state === 'connected'));
      await b.waitForFunction((id) => document.querySelector('cif-sip').phone.calls.some((x) => x.callId === id && x.held), idA);
      const idC = (await callWith(b, '0103')).id;
      const leg = await b.evaluate((id) => document.querySelector('cif-call-flow').calls.find((x) => x.callId === id)?.consultFor, idC);
      assert(leg === idA, `the consult call is not A's consult leg: ${leg}`);
      return idC;
    };
    // First consult, then Cancel: C's call ends, A is resumed.
    let idC = await consult();
    await part(b, 'cif-dialer', 'transfer-cancel').click();
    await noCalls(c);
    await b.waitForFunction((id) => document.querySelector('cif-sip').phone.calls.some((x) => x.callId === id && x.state === 'connected' && !x.held), idA);
    await b.waitForTimeout(300);
    const resumed = await mediaDelta(b, '0101', 600);
    assert(resumed.packets > 10, `B gets ${resumed.packets} packets from A after cancelling the consult`);
    // Second consult, then Complete.
    idC = await consult();
    await part(b, 'cif-dialer', 'transfer-complete').click();
    await noCalls(b).catch(async (e) => {
      const dump = async (p) => JSON.stringify({ calls: await phoneCalls(p), errors: await p.evaluate(() => window.__sipErrors) });
      throw new Error(`${e.message}\n A ${await dump(a)}\n B ${await dump(b)}\n C ${await dump(c)}`);
    });
    // A calls C's Contact (the Refer-To of an attended transfer), with Replaces: C takes it in place of B's call.
    await a.waitForFunction(() => document.querySelector('cif-sip').phone.calls.filter((x) => x.state === 'connected').length === 1);
    await c.waitForFunction(() => document.querySelector('cif-sip').phone.calls.filter((x) => x.state === 'connected' && x.remoteUser.endsWith('0101')).length === 1);
    const legs = await b.evaluate((ids) => ids.map((id) => document.querySelector('cif-call-flow').calls.find((x) => x.callId === id)?.endReason), [idA, idC]);
    assert(legs[0] === 'transferred' && legs[1] === 'transferred', `B's legs ended: ${legs}`);
    await a.waitForTimeout(600);
    const [ac, ca] = await Promise.all([mediaDelta(a, '', 600), mediaDelta(c, '0101', 600)]);
    assert(ac.packets > 10 && ca.packets > 10, `A–C media: ${ac.packets} / ${ca.packets}`);
    await part(a, 'cif-dialer', 'hangup').click();
    await noCalls(a, c);
  });

  await test(TESTS[12], async () => {
    // No double quote: the caller's own SIP.js would not send one (<cif-sip> strips it from its display name).
    const hostile = '<img src=x onerror=window.__pwned=1>\u202Egnp.exe';
    const rename = async (page, name) => {
      const t = await page.evaluate(() => Date.now());
      await page.evaluate((n) => (document.querySelector('cif-sip').displayName = n), name);
      await page.waitForFunction((since) => document.querySelector('cif-sip').phone?.registeredAt >= since, t, { timeout: 10_000 }).catch(async (e) => {
        throw new Error(`${e.message}: ${await page.evaluate(() => { const el = document.querySelector('cif-sip'); return JSON.stringify({ state: el.state, role: el.tabRole, phone: el.phone?.state, at: el.phone?.registeredAt, now: Date.now(), errors: window.__sipErrors.slice(-2) }); })}`);
      });
    };
    await rename(c, hostile);
    // A calls B; B answers; then C (the hostile name) calls B: the call-waiting alert.
    await a.click('button.click-to-act[data-agent="b"]');
    await b.waitForFunction(() => document.querySelector('cif-incoming-call').open, null, { timeout: 10_000 });
    await b.keyboard.press('Alt+A');
    await Promise.all([waitDialer(a, 'connected'), waitDialer(b, 'connected')]);
    await ring(c, '0102', b);
    const inAlert = await b.evaluate(() => {
      const root = document.querySelector('cif-incoming-call').shadowRoot;
      const name = root.querySelector('[part~="name"]');
      return { tag: name?.localName, text: name?.textContent, imgs: root.querySelectorAll('img').length };
    });
    assert(inAlert.tag === 'bdi' && inAlert.text.includes(hostile) && inAlert.imgs === 0, `B's alert: ${JSON.stringify(inAlert)}`);
    await b.keyboard.press('Alt+A');
    await b.waitForFunction(() => document.querySelector('cif-sip').phone.calls.some((x) => x.remoteUser.endsWith('0103') && x.state === 'connected'));
    const idC = (await callWith(b, '0103')).id;
    const inList = await b.evaluate((id) => {
      const root = document.querySelector('cif-dialer').shadowRoot;
      const item = root.querySelector(`[part~="call-item"][data-call-id="${id}"] [part~="call-item-name"]`);
      const name = root.querySelector('[part~="contact-name"] bdi');
      return { tag: item?.localName, text: item?.textContent, dialer: name?.textContent, imgs: root.querySelectorAll('img').length };
    }, idC);
    assert(inList.tag === 'bdi' && inList.text === hostile && inList.dialer === hostile && inList.imgs === 0, `B's dialer: ${JSON.stringify(inList)}`);
    // Hang up C from the list, A from the dialer; B's wrap-up of C is saved: the log's subject carries the name as text.
    await b.locator(`cif-dialer >> [part~="call-item"][data-call-id="${idC}"] >> [part~="call-hangup"]`).click();
    await noCalls(c);
    await part(b, 'cif-dialer', 'hangup').click();
    await noCalls(a, b);
    const inWrapUp = await b.evaluate(() => {
      const root = document.querySelector('cif-wrap-up').shadowRoot;
      return { text: root.querySelector('[part~="caller"]')?.textContent ?? '', imgs: root.querySelectorAll('img').length };
    });
    assert(inWrapUp.imgs === 0, `B's wrap-up has an img: ${JSON.stringify(inWrapUp)}`);
    await b.evaluate(async () => {
      const flow = document.querySelector('cif-call-flow');
      for (const x of flow.calls.filter((y) => y.phase === 'ended' && y.log === 'draft')) await flow.controller.submitWrapUp(x.callId);
    });
    // The logs: C's call written (its subject names the number), the demo's list of logged calls is text.
    await b.waitForFunction(() => document.querySelector('cif-provider').host.records('phonecall').some((r) => String(r.subject) === 'Call from +14255550103' && Date.parse(r.actualend) > Date.now() - 30_000), null, { timeout: 10_000 });
    const page = await b.evaluate(() => ({
      pwned: window.__pwned,
      imgs: document.querySelectorAll('img').length,
      logged: [...document.querySelectorAll('#calls-logged li')].some((li) => li.textContent.includes('+14255550103')),
      calls: document.querySelector('cif-call-flow').calls.filter((x) => x.phase === 'ended').map((x) => x.name),
    }));
    assert(page.pwned === undefined && page.imgs === 0 && page.logged && page.calls.includes(hostile), `B's page: ${JSON.stringify(page)}`);
    await rename(c, 'Agent C');
  });

  await test(TESTS[13], async () => {
    await a.click('button.click-to-act[data-agent="b"]');
    await b.waitForFunction(() => document.querySelector('cif-incoming-call').open, null, { timeout: 10_000 });
    await b.keyboard.press('Alt+A');
    await Promise.all([waitDialer(a, 'connected'), waitDialer(b, 'connected')]);
    await a.evaluate(() => (window.__sipErrors = []));
    await b.evaluate(() => (window.__sipErrors = []));
    const port = kamailio.port;
    await kamailio.stop();
    await Promise.all([waitSip(a, 'reconnecting', 15_000), waitSip(b, 'reconnecting', 15_000)]);
    // While the PBX is away, the media (peer to peer) goes on.
    const during = await Promise.all([mediaDelta(a, '0102', 600), mediaDelta(b, '0101', 600)]);
    assert(during[0].packets > 10 && during[1].packets > 10, `media during the drop: ${during[0].packets} / ${during[1].packets}`);
    kamailio = await startKamailio({ auth: true, port });
    await Promise.all([waitSip(a, 'registered', 20_000), waitSip(b, 'registered', 20_000)]);
    // Kamailio routes in-dialog requests to the WebSocket a browser had when the dialog began (;alias=):
    // after the restart each side's refresh (re-INVITE) reaches nobody. Both sides end the call at once,
    // with a typed error and the reason on the controller and in the log (never a call left up whose
    // hang-up would reach nobody).
    const log = async () => JSON.stringify({ a: await phoneCalls(a), b: await phoneCalls(b), errA: await a.evaluate(() => window.__sipErrors.slice(-2)), errB: await b.evaluate(() => window.__sipErrors.slice(-2)) });
    await Promise.all([waitDialer(a, 'ended', 15_000), waitDialer(b, 'ended', 15_000)]).catch(async (e) => {
      throw new Error(`${e.message}: ${await log()}`);
    });
    for (const [who, page] of [['A', a], ['B', b]]) {
      const got = await page.evaluate(() => ({ reason: document.querySelector('cif-call-flow').calls.at(-1).endReason, errors: window.__sipErrors, shown: document.querySelector('cif-sip').shadowRoot.querySelector('[part="call-error"]')?.textContent ?? '' }));
      assert(got.reason === 'transport' && got.errors.some((x) => x.code === 'transport'), `${who}: ${JSON.stringify(got)}`);
      assert(/lost with the connection/.test(got.shown), `${who}'s <cif-sip> shows: ${got.shown}`);
    }
    await saveWrapUp(b);
    await b.waitForFunction(() => document.querySelector('cif-provider').host.records('phonecall').some((r) => /Ended: transport/.test(String(r.description ?? ''))), null, { timeout: 10_000 });
    await noCalls(a, b);
  });

  await test(TESTS[14], async () => {
    const port = kamailio.port;
    await kamailio.stop();
    await Promise.all([waitSip(a, 'reconnecting', 15_000), waitSip(b, 'reconnecting', 15_000)]);
    kamailio = await startKamailio({ auth: true, port });
    const t = Date.now();
    await Promise.all([waitSip(a, 'registered', 20_000), waitSip(b, 'registered', 20_000)]);
    console.log(`    re-registered ${Date.now() - t} ms after Kamailio was back`);
    // B calls A from the keypad.
    await b.focus('cif-dialer');
    await b.keyboard.type('+14255550101');
    await b.keyboard.press('Enter');
    await a.waitForFunction(() => document.querySelector('cif-incoming-call').open, null, { timeout: 10_000 });
    await a.keyboard.press('Alt+A');
    await Promise.all([waitDialer(a, 'connected'), waitDialer(b, 'connected')]);
    await a.waitForTimeout(800);
    const sa = await stats(a);
    assert(sa.packetsReceived > 10, `A inbound after reconnect: ${sa.packetsReceived}`);
    await part(b, 'cif-dialer', 'hangup').click();
    await Promise.all([waitDialer(a, 'ended'), waitDialer(b, 'ended')]);
  });

  await test(TESTS[15], async () => {
    const a2 = await a.context().newPage();
    a2.setDefaultTimeout(10_000);
    a2.on('pageerror', (e) => console.log(`    [a2] pageerror: ${e.message}`));
    await a2.goto(a.url());
    await a2.waitForFunction(() => customElements.get('cif-sip') && document.querySelector('cif-provider').host);
    await signIn(a2, 'agent-a-secret');
    await a2.waitForFunction(() => document.querySelector('cif-sip').tabRole === 'follower');
    assert((await a.evaluate(() => document.querySelector('cif-sip').tabRole)) === 'leader', 'tab 1 is not the leader');
    await waitSip(a2, 'registered');
    const text = await a2.locator('cif-sip >> [part="text"]').textContent();
    assert(/another tab/.test(text), `follower shows: ${text}`);
    assert((await a2.evaluate(() => document.querySelector('cif-sip').phone.state)) === 'idle', 'the follower registered on its own');
    // B calls A: both tabs alert; the follower answers with Alt+A; the leader carries the media.
    await b.focus('cif-dialer');
    await b.keyboard.type('+14255550101');
    await b.keyboard.press('Enter');
    await a2.waitForFunction(() => document.querySelector('cif-incoming-call').open, null, { timeout: 10_000 });
    await a.waitForFunction(() => document.querySelector('cif-incoming-call').open, null, { timeout: 10_000 });
    await a2.keyboard.press('Alt+A');
    await Promise.all([waitDialer(a, 'connected'), waitDialer(a2, 'connected'), waitDialer(b, 'connected')]);
    await a.waitForTimeout(600);
    assert((await stats(a)).packetsReceived > 5, 'no media in the leader tab');
    await part(a2, 'cif-dialer', 'hangup').click();
    await Promise.all([waitDialer(a, 'ended'), waitDialer(a2, 'ended'), waitDialer(b, 'ended')]);
    // The follower dials (click-to-dial in its own tab): the leader places the call.
    await a2.click('button.click-to-act[data-agent="b"]');
    await b.waitForFunction(() => document.querySelector('cif-incoming-call').open, null, { timeout: 10_000 });
    await b.keyboard.press('Alt+A');
    await Promise.all([waitDialer(a, 'connected'), waitDialer(a2, 'connected'), waitDialer(b, 'connected')]);
    // The leader tab closes during that call: the call ends (BYE on pagehide), the follower takes over.
    const closedAt = Date.now();
    await a.close({ runBeforeUnload: true });
    await waitDialer(b, 'ended', 10_000);
    await waitDialer(a2, 'ended', 10_000);
    const why = await a2.evaluate(() => document.querySelector('cif-call-flow').calls.at(-1).endReason);
    // 'completed' when the closing leader could still say so (its BYE and last state went out), else 'tab-closed'.
    assert(why === 'completed' || why === 'tab-closed', `the follower ended the call with ${why}`);
    await a2.waitForFunction(() => document.querySelector('cif-sip').tabRole === 'leader', null, { timeout: 5000 });
    await a2.waitForFunction((t) => document.querySelector('cif-sip').phone.state === 'registered' && document.querySelector('cif-sip').phone.registeredAt > t, closedAt - 1, { timeout: 5000 });
    const tookMs = (await a2.evaluate(() => document.querySelector('cif-sip').phone.registeredAt)) - closedAt;
    console.log(`    the second tab registered ${tookMs} ms after the leader tab closed`);
    assert(tookMs < 2000, `takeover took ${tookMs} ms`);
    await b.focus('cif-dialer');
    await b.keyboard.type('+14255550101');
    await b.keyboard.press('Enter');
    await a2.waitForFunction(() => document.querySelector('cif-incoming-call').open, null, { timeout: 10_000 });
    await a2.keyboard.press('Alt+A');
    await Promise.all([waitDialer(a2, 'connected'), waitDialer(b, 'connected')]);
    await a2.waitForTimeout(600);
    assert((await stats(a2)).packetsReceived > 5, 'no media in the new leader tab');
    await part(b, 'cif-dialer', 'hangup').click();
    await Promise.all([waitDialer(a2, 'ended'), waitDialer(b, 'ended')]);
  });

  // Chromium ↔ Firefox (scenarios/firefox.mjs). Last: Firefox takes over agent C (C's Chromium page signs out and closes).
  await firefoxCalls({ test, chromium: b, retire: c, web: web.url, server: kamailio.url });
} catch (e) {
  console.log(`SIP end-to-end: set-up failed: ${e?.stack ?? e}`);
} finally {
  await cleanup();
}

for (const name of TESTS) if (!results.some((r) => r.name === name)) results.push({ name, ok: false, error: 'not run' });
const skipped = results.filter((r) => r.skipped).length;
const passed = results.filter((r) => r.ok && !r.skipped).length;
const failed = results.length - passed - skipped;
console.log(`SIP end-to-end: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
