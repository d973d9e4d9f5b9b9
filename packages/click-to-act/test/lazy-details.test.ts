import { expect, fixture, html } from '@open-wc/testing';
import { frames, heldLoader } from '../../../tools/testing/lazy-part.js';
import { CifClickToAct } from '../src/index.js';
import { fakeClient, parts, ready } from './helpers.js';

type DetailsModule = typeof import('../src/click-to-act-details.js');

const controlledLoader = () => heldLoader<DetailsModule>(() => import('../src/click-to-act-details.js'));

describe('<cif-click-to-act> lazy details (the error and the last clicked item)', () => {
  const original = CifClickToAct.detailsModule;
  afterEach(() => {
    CifClickToAct.detailsModule = original;
  });

  it('fetches nothing without a provider or a client; the switch renders, disabled, not connected', async () => {
    const c = controlledLoader();
    CifClickToAct.detailsModule = c.loader;
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act></cif-click-to-act>`);
    expect(c.imports).to.equal(0);
    expect(el.state).to.equal('not-connected');
    expect(parts(el).switch.disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('a click from Dynamics before the details arrive is announced and fired at once, and shown when they arrive', async () => {
    const c = controlledLoader();
    CifClickToAct.detailsModule = c.loader;
    const { fake, client } = fakeClient();
    const el = document.createElement('cif-click-to-act');
    const fired: unknown[] = [];
    el.addEventListener('cif-click-to-act', (e) => fired.push((e as CustomEvent).detail));
    document.body.append(el);
    el.client = client;
    expect(c.imports, 'a client arrived: the details load').to.equal(1);
    await frames();
    expect(parts(el).switch, 'the switch renders without the details').to.exist;
    await fake.raise('onclicktoact', { value: '+14255550100', name: 'telephone1', entityLogicalName: 'contact' });
    await frames();
    expect(fired).to.have.length(1);
    expect(fired[0]).to.include({ value: '+14255550100', name: 'telephone1', entityLogicalName: 'contact' });
    expect(el.lastItem?.value).to.equal('+14255550100');
    expect(parts(el).last, 'not before the details').to.equal(null);
    expect(parts(el).live.textContent).to.contain('+14255550100');
    c.resolve();
    await ready(el);
    const p = parts(el);
    expect(p.lastValue!.textContent).to.equal('+14255550100');
    expect(p.lastField!.textContent).to.equal('telephone1');
    // the details' styles came with them: the card has its border
    expect(getComputedStyle(p.last!).borderTopStyle).to.equal('solid');
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('details that fail to load leave the switch working, warn, and load on the next connect', async () => {
    const c = controlledLoader();
    CifClickToAct.detailsModule = c.loader;
    const { fake, client } = fakeClient();
    const warn = console.warn;
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      const el = document.createElement('cif-click-to-act');
      document.body.append(el);
      el.client = client;
      c.reject(new Error('offline'));
      await ready(el);
      expect(String(warnings[0]?.[0])).to.contain('<cif-click-to-act>');
      parts(el).switch.click();
      await ready(el);
      expect(fake.callsOf('setClickToAct'), 'the switch still writes').to.have.length(1);
      await fake.raise('onclicktoact', { value: '+14255550100' });
      await el.updateComplete;
      expect(parts(el).last).to.equal(null);
      await expect(el).to.be.accessible();
      el.remove();
      const provider = document.createElement('cif-provider');
      provider.client = client;
      provider.append(el);
      document.body.append(provider);
      expect(c.imports, 'tried again on connecting inside a provider').to.equal(2);
      c.resolve();
      await ready(el);
      expect(parts(el).lastValue!.textContent).to.equal('+14255550100');
      provider.remove();
    } finally {
      console.warn = warn;
    }
  });
});
