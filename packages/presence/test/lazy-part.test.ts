import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { frames, heldLoader } from '../../../tools/testing/lazy-part.js';
import { CifPresence } from '../src/index.js';
import { fakeClient, parts, recordChanges, settle } from './helpers.js';

type MenuModule = typeof import('../src/presence-menu.js');

const controlledLoader = () => heldLoader<MenuModule>(() => import('../src/presence-menu.js'));

/** The menu, if rendered (`parts().menu` assumes it is). */
const menuOf = (el: CifPresence) => el.shadowRoot!.querySelector<HTMLElement>('[part~="menu"]');

describe('<cif-presence> lazy menu part', () => {
  const original = CifPresence.menuLoader;
  afterEach(() => {
    CifPresence.menuLoader = original;
  });

  it('renders the button in its waiting state before the part arrives, then the menu and the presence', async () => {
    const c = controlledLoader();
    CifPresence.menuLoader = c.loader;
    const { fake, client } = fakeClient();
    fake.respond('getPresence', 'Busy');
    const el = document.createElement('cif-presence');
    el.client = client;
    const events = recordChanges(el);
    document.body.append(el);
    expect(c.imports).to.equal(1, 'the part starts loading when the element connects');
    await frames();
    let p = parts(el);
    expect(p.button).to.exist;
    expect(p.label.textContent).to.equal('Unknown');
    expect(p.button.getAttribute('aria-label')).to.equal('Presence: Unknown');
    expect(p.button.getAttribute('aria-expanded')).to.equal('false');
    expect(p.button.getAttribute('aria-disabled')).to.equal('true');
    expect(p.button.hasAttribute('aria-controls')).to.be.false;
    expect(p.dot.dataset.status).to.equal('unknown');
    expect(menuOf(el)).to.equal(null);
    expect(p.error).to.equal(null);
    // the button is inert until then: no menu, nothing thrown
    p.button.click();
    p.button.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    el.show();
    await frames(1);
    expect(el.open).to.be.false;
    expect(menuOf(el)).to.equal(null);
    // nothing was read yet: the client waits for the part
    expect(fake.callsOf('getPresence')).to.have.length(0);
    expect(events).to.have.length(0);
    await expect(el).to.be.accessible();

    c.resolve();
    await settle(el);
    await waitUntil(() => el.value === 'busy');
    await settle(el);
    p = parts(el);
    expect(p.options.map((o) => o.textContent!.trim())).to.deep.equal(el.presences.map((x) => x.presenceText));
    expect(p.menu.hidden).to.be.true;
    expect(p.button.getAttribute('aria-controls')).to.equal('menu');
    expect(p.button.getAttribute('aria-disabled')).to.equal('false');
    expect(p.label.textContent).to.equal('Busy');
    expect(fake.callsOf('getPresence')).to.have.length(1);
    expect(events.map((e) => `${e.detail.source}:${e.detail.presence.presenceText}`)).to.deep.equal(['dynamics:Busy']);
    // the menu's styles came with it
    el.show();
    await settle(el);
    expect(getComputedStyle(menuOf(el)!).position).to.equal('absolute');
    expect(getComputedStyle(parts(el).options[0]).display).to.equal('flex');
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('select() and changes made in Dynamics before the part arrives are applied once it has', async () => {
    const c = controlledLoader();
    CifPresence.menuLoader = c.loader;
    const { fake, client } = fakeClient();
    const el = await (async () => {
      const e = document.createElement('cif-presence');
      e.client = client;
      document.body.append(e);
      await frames();
      return e;
    })();
    const events = recordChanges(el);
    await fake.raise('setPresenceEvent', { presenceId: 'away' });
    expect(el.value).to.equal('', 'nothing changes before the part is there');
    let result: boolean | undefined;
    void el.select('Offline').then((r) => (result = r));
    await frames(1);
    expect(result).to.equal(undefined);
    c.resolve();
    await waitUntil(() => result !== undefined);
    await settle(el);
    expect(result).to.be.true;
    expect(el.value).to.equal('offline');
    expect(fake.callsOf('setPresence')).to.deep.equal([['Offline']]);
    expect(events.map((e) => `${e.detail.source}:${e.detail.presence.presenceText}`)).to.deep.equal([
      'dynamics:Away',
      'agent:Offline',
    ]);
    el.remove();
  });

  it('opened with the open attribute before the part arrives: opens on the current presence when it does', async () => {
    const c = controlledLoader();
    CifPresence.menuLoader = c.loader;
    const el = document.createElement('cif-presence');
    el.value = 'away';
    el.open = true;
    document.body.append(el);
    await frames();
    expect(menuOf(el)).to.equal(null);
    c.resolve();
    await settle(el);
    const p = parts(el);
    expect(p.menu.hidden).to.be.false;
    expect(p.button.getAttribute('aria-expanded')).to.equal('true');
    const away = el.presences.findIndex((x) => x.presenceId === 'away');
    expect(p.options.map((o, i) => (o.tabIndex === 0 ? i : -1)).filter((i) => i >= 0)).to.deep.equal([away]);
    expect(p.options[away].getAttribute('aria-checked')).to.equal('true');
    el.remove();
  });

  it('the "local only" notice comes with the part; localOnly is known before it', async () => {
    const c = controlledLoader();
    CifPresence.menuLoader = c.loader;
    const { client } = fakeClient(2, { withoutPresence: true });
    const el = document.createElement('cif-presence');
    el.client = client;
    el.compact = true;
    document.body.append(el);
    await frames();
    const notice = () => el.shadowRoot!.querySelector('[part~="notice"]');
    expect(el.localOnly).to.be.true;
    expect(notice()).to.equal(null);
    expect(parts(el).button.hasAttribute('aria-describedby')).to.be.false;
    expect(parts(el).button.title).to.equal('Presence: Unknown');
    c.resolve();
    await settle(el);
    expect(notice()?.textContent).to.contain('Local only');
    expect(parts(el).button.getAttribute('aria-describedby')).to.equal('notice');
    expect(parts(el).button.title).to.equal(`Presence: Unknown\n${notice()!.textContent}`);
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('a part that fails to load leaves the waiting state, nothing broken, and loads on the next connect', async () => {
    const c = controlledLoader();
    CifPresence.menuLoader = c.loader;
    const { fake, client } = fakeClient();
    fake.respond('getPresence', 'Away');
    const warn = console.warn;
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      const el = document.createElement('cif-presence');
      el.client = client;
      el.value = 'busy';
      document.body.append(el);
      c.reject(new Error('offline'));
      await settle(el);
      expect(String(warnings[0]?.[0])).to.contain('<cif-presence>');
      const p = parts(el);
      // what it knows it still shows; no menu, no error part, an inert button
      expect(p.label.textContent).to.equal('Busy');
      expect(p.button.getAttribute('aria-disabled')).to.equal('true');
      expect(menuOf(el)).to.equal(null);
      expect(p.error).to.equal(null);
      const selected = el.select('Offline');
      expect(c.imports).to.equal(2, 'select() tries the part again');
      c.reject(new Error('still offline'));
      expect(await selected).to.equal(false);
      await settle(el);
      expect(el.value).to.equal('busy');
      await expect(el).to.be.accessible();

      el.remove();
      document.body.append(el);
      expect(c.imports).to.equal(3);
      c.resolve();
      await settle(el);
      await waitUntil(() => el.value === 'away', 'the presence is read once the part is there');
      await settle(el);
      expect(parts(el).options).to.have.length(5);
      expect(parts(el).button.getAttribute('aria-disabled')).to.equal('false');
      expect(fake.callsOf('getPresence')).to.have.length(1);
      await expect(el).to.be.accessible();
      el.remove();
    } finally {
      console.warn = warn;
    }
  });

  it('a second element has the part at once: its first render already has the menu', async () => {
    // the real loader, after the first element has loaded it
    await fixture(html`<cif-presence></cif-presence>`);
    expect(CifPresence.menuLoader.value).to.exist;
    const el = document.createElement('cif-presence');
    document.body.append(el);
    await frames(1);
    expect(menuOf(el)).to.exist;
    expect(parts(el).options).to.have.length(5);
    el.remove();
  });
});
