// Runs inside Chromium for `npm run bench` (bundled by tools/bench.mjs). Exposes window.cifBench.
import 'cif-elements';
import { LitElement, html } from 'lit';
import { CifFrameworkClient, type CifClient } from 'cif-elements';
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

async function timeRender(make: () => Injectable, runs: number) {
  const times: number[] = [];
  let nodes = 0;
  for (let i = 0; i < runs; i++) {
    const el = make();
    const t0 = performance.now();
    document.body.append(el);
    await settle(el);
    times.push(performance.now() - t0);
    nodes = countNodes(el.shadowRoot ?? el);
    el.remove();
    await frame();
  }
  return { median: median(times), nodes };
}

async function render(runs: number) {
  const client = createSimulatedClient(new SimulatedCifHost());
  const rows: Record<string, Record<string, number>> = {};
  for (const tag of TAGS) {
    const own = await timeRender(() => Object.assign(document.createElement(tag) as Injectable, { client }), runs);
    const bare = await timeRender(() => Object.assign(document.createElement('bare-element') as Injectable, { count: own.nodes }), runs);
    rows[tag] = { 'median ms': round(own.median), 'shadow nodes': own.nodes, 'bare Lit, same nodes, ms': round(bare.median), ratio: round(own.median / bare.median) };
  }
  const widget = await timeRender(() => {
    const p = document.createElement('cif-provider') as Injectable;
    p.client = client;
    for (const tag of TAGS) p.append(document.createElement(tag));
    return p;
  }, runs);
  rows['assembled widget (provider + 4)'] = { 'median ms': round(widget.median), 'shadow nodes': NaN, 'bare Lit, same nodes, ms': NaN, ratio: NaN };
  return rows;
}

async function fanOut() {
  const fake = createFakeCIFramework({ version: 2 });
  const client = new CifFrameworkClient(fake, { version: 2 });
  let delivered = 0;
  for (let i = 0; i < 50; i++) client.on('clicktoact', () => delivered++);
  const payload = JSON.stringify({ value: '+14255550100', name: 'telephone1', format: 'phone', entityLogicalName: 'contact' });
  const t0 = performance.now();
  for (let i = 0; i < 10_000; i++) await fake.raise('onclicktoact', payload);
  const ms = performance.now() - t0;
  return { events: { 'total ms': round(ms), 'µs per event': round((ms * 1000) / 10_000), 'listener calls': delivered, 'CIF handlers': fake.handlerCount() } };
}

async function cycles(n: number) {
  const gc = (globalThis as unknown as { gc?: () => void }).gc;
  const heap = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;
  const rows: Record<string, Record<string, number>> = {};
  for (const tag of TAGS) {
    const client = createSimulatedClient(new SimulatedCifHost());
    const provider = document.createElement('cif-provider') as Injectable;
    provider.client = client;
    document.body.append(provider);
    await provider.updateComplete;
    // warm up once, so lazily created singletons (styles, templates) are not counted
    const warm = document.createElement(tag) as Injectable;
    provider.append(warm);
    await warm.updateComplete;
    warm.remove();
    await frame();
    gc?.();
    const before = heap();
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
    gc?.();
    const after = heap();
    // A second round of the same size: a leak grows again by the same amount, a one-off cost does not.
    for (let i = 0; i < n; i++) {
      const el = document.createElement(tag) as Injectable;
      provider.append(el);
      await el.updateComplete;
      el.remove();
    }
    await frame();
    await new Promise((r) => setTimeout(r, 50));
    gc?.();
    const after2 = heap();
    rows[tag] = {
      'total ms': round(ms),
      'heap before KB': Math.round(before / 1024),
      'after 1st round KB': Math.round(after / 1024),
      'after 2nd round KB': Math.round(after2 / 1024),
      '2nd-round growth KB': Math.round((after2 - after) / 1024),
      'listeners left': client.listenerCount(),
    };
    provider.remove();
  }
  return rows;
}

(window as unknown as { cifBench: unknown }).cifBench = {
  render,
  fanOut,
  cycles,
  sessionList: () => benchSessionList({ sessions: 1000, updates: 100 }),
};
