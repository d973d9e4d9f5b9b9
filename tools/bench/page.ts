// Runs inside Chromium for `npm run bench` (bundled by tools/bench.mjs, with every element import pointing at
// the shipped single file cif-elements.js). Exposes window.cifBench.
import 'cif-elements';
import { LitElement, html } from 'lit';
import { CifFrameworkClient, type CifClient } from '@cif-elements/client';
import { SimulatedCifHost, createSimulatedClient } from '@cif-elements/client/simulated';
import { createFakeCIFramework } from '@cif-elements/client/testing';
import { benchSessionList } from '../../packages/session-list/bench/session-list.bench.js';

/** A bare Lit element rendering `count` spans: the baseline for "the same amount of DOM". */
class BareElement extends LitElement {
  static override properties = { count: { type: Number } };
  count = 0;
  override render() {
    return html`${Array.from({ length: this.count }, (_, i) => html`<span>${i}</span>`)}`;
  }
}
customElements.define('bare-element', BareElement);

type Injectable = HTMLElement & { client?: CifClient; updateComplete: Promise<unknown> };
const TAGS = ['cif-click-to-act', 'cif-dialer', 'cif-presence', 'cif-session-list'];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (n: number) => Math.round(n * 1000) / 1000;
const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r)));

function countNodes(root: Node): number {
  let n = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) n++;
  return n;
}

const settle = async (el: Injectable) => {
  await el.updateComplete;
  await Promise.all([...el.children].map((c) => (c as Injectable).updateComplete));
};

/** Elements rendered per timed run: the time is divided by this (performance.now() is coarse). */
const BATCH = 20;

/**
 * Appends BATCH elements made by `make`, waits until all rendered, forces style and layout
 * (getBoundingClientRect), and returns the time per element (median of `runs` runs).
 */
async function timeRender(make: () => Injectable, runs: number) {
  const times: number[] = [];
  let nodes = 0;
  const box = document.createElement('div');
  document.body.append(box);
  for (let i = 0; i < runs; i++) {
    const els = Array.from({ length: BATCH }, make);
    const t0 = performance.now();
    box.append(...els);
    await Promise.all(els.map(settle));
    box.getBoundingClientRect(); // style + layout of what was rendered
    times.push((performance.now() - t0) / BATCH);
    nodes = countNodes(els[0].shadowRoot ?? els[0]);
    box.replaceChildren();
    await frame();
  }
  box.remove();
  return { median: median(times), nodes };
}

async function render(runs: number) {
  const client = createSimulatedClient(new SimulatedCifHost());
  const rows: Record<string, Record<string, number>> = {};
  for (const tag of TAGS) {
    const own = await timeRender(() => Object.assign(document.createElement(tag) as Injectable, { client }), runs);
    const bare = await timeRender(() => Object.assign(document.createElement('bare-element') as Injectable, { count: own.nodes }), runs);
    rows[tag] = { 'ms per element': round(own.median), 'shadow nodes': own.nodes, 'bare Lit, same nodes, ms': round(bare.median) };
  }
  const widget = await timeRender(() => {
    const p = document.createElement('cif-provider') as Injectable;
    p.client = client;
    for (const tag of TAGS) p.append(document.createElement(tag));
    return p;
  }, runs);
  rows['assembled widget (provider + 4)'] = { 'ms per element': round(widget.median), 'shadow nodes': NaN, 'bare Lit, same nodes, ms': NaN };
  return rows;
}

/**
 * 10,000 CIF events delivered as the real host delivers them (a window message each, one task per event;
 * here the page posts to itself), through the fake CIF library's handler, the client's parsing and its
 * fan-out to 50 listeners.
 */
async function fanOut() {
  const fake = createFakeCIFramework({ version: 2 });
  const client = new CifFrameworkClient(fake, { version: 2 });
  const EVENTS = 10_000;
  const LISTENERS = 50;
  let delivered = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((r) => (done = r));
  for (let i = 0; i < LISTENERS; i++) client.on('clicktoact', () => {
    if (++delivered === EVENTS * LISTENERS) done();
  });
  const payload = JSON.stringify({ value: '+14255550100', name: 'telephone1', format: 'phone', entityLogicalName: 'contact' });
  const onMessage = (e: MessageEvent) => {
    if (e.data?.cifBench === 'clicktoact') void fake.raise('onclicktoact', e.data.payload);
  };
  window.addEventListener('message', onMessage);
  const t0 = performance.now();
  for (let i = 0; i < EVENTS; i++) window.postMessage({ cifBench: 'clicktoact', payload }, location.origin);
  await finished;
  const ms = performance.now() - t0;
  window.removeEventListener('message', onMessage);
  return {
    events: { 'total ms': round(ms), 'µs per event': round((ms * 1000) / EVENTS), 'listener calls': delivered, 'CIF handlers': fake.handlerCount() },
  };
}

/** Per-tag state of the connect/disconnect cycles (driven round by round from Node, which reads the DOM counters). */
const cycleState: Record<string, { provider: Injectable; client: CifClient }> = {};

async function cycleSetup(tag: string) {
  const client = createSimulatedClient(new SimulatedCifHost());
  const provider = document.createElement('cif-provider') as Injectable;
  provider.client = client;
  document.body.append(provider);
  await provider.updateComplete;
  cycleState[tag] = { provider, client };
  await cycleRound(tag, 1); // warm up: lazily created singletons (styles, templates) are not counted
}

async function cycleRound(tag: string, n: number) {
  const { provider } = cycleState[tag];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const el = document.createElement(tag) as Injectable;
    provider.append(el);
    await el.updateComplete;
    el.remove();
  }
  const ms = performance.now() - t0;
  await frame();
  await new Promise((r) => setTimeout(r, 50));
  return { ms, listeners: cycleState[tag].client.listenerCount() };
}

function cycleTeardown(tag: string) {
  cycleState[tag].provider.remove();
  delete cycleState[tag];
}

(window as unknown as { cifBench: unknown }).cifBench = {
  tags: TAGS,
  render,
  fanOut,
  cycleSetup,
  cycleRound,
  cycleTeardown,
  sessionList: (sessions: number) => benchSessionList({ sessions, updates: 100 }),
};
