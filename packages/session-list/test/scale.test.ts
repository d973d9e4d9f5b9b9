import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CifSessionList } from '../src/index.js';
import { benchSessionList } from '../bench/session-list.bench.js';
import { focusedOptionId, loaded, options, part, seeded, selectedIds } from './helpers.js';
import type { SeedSession } from './helpers.js';

describe('<cif-session-list> with many sessions', () => {
  it('renders 1,000 sessions and applies 100 updates correctly', async () => {
    const now = Date.now();
    const seeds: SeedSession[] = Array.from({ length: 1000 }, (_, i) => ({
      sessionId: `s-${i}`,
      title: `Session ${i}`,
      customerName: `Customer ${i}`,
      channel: i % 2 ? 'chat' : 'voice',
      startedAt: now - i * 60_000,
    }));
    const { fake, client } = seeded(seeds, 's-0');
    const el = await fixture<CifSessionList>(
      html`<cif-session-list .client=${client} style="--cif-session-list-max-height: 400px"></cif-session-list>`,
    );
    await loaded(el);
    expect(el.sessions).to.have.length(1000);
    const opts = options(el);
    expect(opts).to.have.length(1000);
    expect(part(opts[999], 'title')!.textContent).to.equal('Session 999');
    expect(part(opts[999], 'age')!.textContent).to.equal('16 h 39 min');
    // one tab stop among 1,000 options
    expect(opts.filter((o) => o.tabIndex === 0)).to.have.length(1);
    // the list scrolls inside its max height
    expect(part(el.shadowRoot!, 'list')!.getBoundingClientRect().height).to.be.at.most(400);

    for (let u = 0; u < 100; u++) {
      const id = `s-${u * 10}`;
      if (u % 2 === 0) await client.setSessionTitle({ sessionId: id, title: `Renamed ${u}` });
      else await client.notifyNewActivity(id, u);
    }
    await fake.raise('onSessionSwitched', { sessionId: 's-0', focused: false, context: {} });
    await fake.raise('onSessionSwitched', { sessionId: 's-990', focused: true, context: {} });
    await el.updateComplete;

    const after = options(el);
    expect(after).to.have.length(1000);
    const renamed = after.filter((o) => part(o, 'title')!.textContent!.startsWith('Renamed '));
    expect(renamed).to.have.length(50);
    expect(part(after[20], 'title')!.textContent).to.equal('Renamed 2');
    const badges = after.filter((o) => part(o, 'badge'));
    // s-990 had unread 99 and got the focus, which clears it
    expect(badges).to.have.length(49);
    expect(part(after[10], 'badge')!.textContent).to.equal('1');
    expect(selectedIds(el)).to.deep.equal(['s-990']);
    // the same DOM nodes were kept (keyed by session id)
    expect(after[500]).to.equal(opts[500]);
  });

  it('renders a long list in chunks (first rows at once, the rest in later tasks); End reaches the last session', async () => {
    const seeds: SeedSession[] = Array.from({ length: 1000 }, (_, i) => ({ sessionId: `s-${i}`, title: `Session ${i}` }));
    const { client } = seeded(seeds, 's-0');
    const el = document.createElement('cif-session-list');
    el.client = client;
    // record how many rows each render commit left in the list
    const counts: number[] = [];
    const observer = new MutationObserver(() => counts.push(options(el).length));
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.append(el);
    observer.observe(el.shadowRoot!, { childList: true, subtree: true });
    await waitUntil(() => options(el).length > 0, 'no rows', { interval: 1 });
    observer.disconnect();
    expect(counts.find((n) => n > 0)).to.equal(60);
    options(el)[0].focus();
    await sendKeys({ press: 'End' });
    await waitUntil(() => focusedOptionId(el) === 's-999', 'End did not reach the last session');
    await el.updateComplete;
    expect(options(el)).to.have.length(1000);
    await sendKeys({ press: 'Home' });
    expect(focusedOptionId(el)).to.equal('s-0');
  });

  it('rendering a long list and closing sessions is linear: each row is rendered once, a close re-renders one block', async () => {
    // Counts row renders (the element's per-row template function), not time: before, every chunk
    // re-rendered all rows shown so far (1,000 rows: about 3,300 row renders) and every close the whole list.
    const proto = customElements.get('cif-session-list')!.prototype as unknown as { renderSession: (...args: unknown[]) => unknown };
    const original = proto.renderSession;
    let rows = 0;
    proto.renderSession = function (this: unknown, ...args: unknown[]) {
      rows++;
      return original.apply(this, args);
    };
    try {
      const seeds: SeedSession[] = Array.from({ length: 1000 }, (_, i) => ({ sessionId: `s-${i}`, title: `Session ${i}` }));
      const { fake, client } = seeded(seeds, 's-0');
      const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
      await loaded(el);
      await waitUntil(() => options(el).length === 1000, 'every row rendered');
      await el.updateComplete;
      expect(rows, 'row renders for 1,000 rows').to.be.at.most(1000 + 20);

      rows = 0;
      for (let i = 0; i < 10; i++) {
        await fake.raise('onSessionClosed', { sessionId: `s-${500 + i * 37}` });
        await waitUntil(() => options(el).length === 999 - i, `close ${i} rendered`);
      }
      expect(options(el)).to.have.length(990);
      expect(rows, 'row renders for 10 closes (one block of at most 20 rows each)').to.be.at.most(10 * 20);
      expect(part(options(el)[500], 'title')!.textContent).to.equal('Session 501');
    } finally {
      proto.renderSession = original;
    }
  });

  it('the benchmark module runs and reports its numbers', async () => {
    const result = await benchSessionList({ sessions: 200, updates: 20 });
    expect(result.sessions).to.equal(200);
    expect(result.updates).to.equal(20);
    expect(result.rowsAtEnd).to.equal(180);
    for (const k of ['firstRowsMs', 'firstRenderMs', 'firstPaintMs', 'updatesMs', 'rerenderMs', 'closesMs', 'longestTaskMs'] as const) {
      expect(result[k], k).to.be.a('number').and.to.be.at.least(0);
    }
    expect(result.firstRenderMs).to.be.at.least(result.firstRowsMs);
    expect(result.firstPaintMs).to.be.at.least(result.firstRenderMs);
    expect(document.querySelector('cif-session-list')).to.equal(null);
  });
});
