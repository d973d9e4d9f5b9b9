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
