import { expect, fixture, html, oneEvent, waitUntil, aTimeout } from '@open-wc/testing';
import { createSimulatedClient, SimulatedCifHost, type ClickToActPayload } from '@cif-elements/client';
import '@cif-elements/core';
import type { CifProvider } from '@cif-elements/core';
import '../src/index.js';
import { CIF_CLICK_TO_ACT_STRINGS, type CifClickToAct } from '../src/index.js';
import { fakeClient, idle, parts, ready } from './helpers.js';

/** Renders `<cif-provider simulated>` around the element and waits for both. */
async function simulated(markup = html`<cif-click-to-act></cif-click-to-act>`) {
  const provider = await fixture<CifProvider>(html`<cif-provider simulated>${markup}</cif-provider>`);
  await waitUntil(() => provider.state === 'ready', 'provider never got ready');
  const el = provider.querySelector('cif-click-to-act')!;
  await ready(el);
  return { provider, host: provider.host!, client: provider.client!, el };
}

describe('<cif-click-to-act> last clicked item and cif-click-to-act', () => {
  describe('from the simulated host (<cif-provider simulated>)', () => {
    it('reflects and writes the host flag', async () => {
      const { host, el } = await simulated();
      expect(host.clickToActEnabled).to.equal(true);
      expect(parts(el).switch.getAttribute('aria-checked')).to.equal('true');
      parts(el).switch.click();
      await idle(el);
      expect(host.clickToActEnabled).to.equal(false);
      expect(parts(el).switch.getAttribute('aria-checked')).to.equal('false');
      await expect(el).to.be.accessible();
    });

    it('shows and fires host.clickToAct({ value: "+14255550100" })', async () => {
      const { host, el } = await simulated();
      expect(parts(el).last).to.equal(null);
      expect(parts(el).lastEmpty!.textContent).to.equal(CIF_CLICK_TO_ACT_STRINGS.lastEmpty);
      const fired = oneEvent(el, 'cif-click-to-act');
      expect(host.clickToAct({ value: '+14255550100' })).to.equal(true);
      const e = await fired;
      expect(e.detail).to.deep.equal({
        value: '+14255550100',
        name: 'telephone1',
        format: 'phone',
        entityLogicalName: 'contact',
      });
      expect(e.bubbles).to.equal(true);
      expect(e.composed).to.equal(true);
      expect(e.cancelable).to.equal(false);
      await el.updateComplete;
      const p = parts(el);
      expect(p.lastEmpty).to.equal(null);
      expect(p.last!.getAttribute('role')).to.equal('group');
      expect(p.lastValue!.textContent).to.equal('+14255550100');
      expect(p.lastValue!.querySelector('bdi')).to.exist;
      expect(p.lastField!.textContent).to.equal('telephone1');
      expect(p.lastEntity!.textContent).to.equal('contact');
      expect(p.live.textContent!.trim()).to.equal('Clicked in Dynamics 365: +14255550100');
      expect(el.lastItem).to.deep.equal(e.detail);
      await expect(el).to.be.accessible();
    });

    it('gets no click while the flag is off (the host does not send one)', async () => {
      const { host, el } = await simulated();
      await el.setEnabled(false);
      let fired = 0;
      el.addEventListener('cif-click-to-act', () => fired++);
      expect(host.clickToAct({ value: '+14255550100' })).to.equal(false);
      await aTimeout(0);
      expect(fired).to.equal(0);
      expect(parts(el).last).to.equal(null);
      // No hint either while it is off.
      expect(parts(el).lastEmpty).to.equal(null);
    });

    it('reverts and shows why on host.fail("setClickToAct", { shape: "map" })', async () => {
      const { host, el } = await simulated();
      host.fail('setClickToAct', { shape: 'map', message: 'Simulated: no write privilege on msdyn_channelprovider' });
      parts(el).switch.click();
      await idle(el);
      expect(host.clickToActEnabled).to.equal(true);
      expect(parts(el).switch.getAttribute('aria-checked')).to.equal('true');
      const error = parts(el).error!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(error.textContent).to.contain('Simulated: no write privilege on msdyn_channelprovider');
      await expect(el).to.be.accessible();
      host.clearFailures();
      parts(el).switch.click();
      await idle(el);
      expect(host.clickToActEnabled).to.equal(false);
      expect(parts(el).error).to.equal(null);
    });

    it('reverts on a JSON-string failure and on CIF\'s time-out from the host', async () => {
      const { host, el } = await simulated();
      host.fail('setClickToAct', { shape: 'json', message: 'Simulated JSON refusal', times: 1 });
      expect(await el.toggle()).to.equal(false);
      await el.updateComplete;
      expect(el.checked).to.equal(true);
      expect(parts(el).error!.textContent).to.contain('Simulated JSON refusal');
      host.fail('setClickToAct', 'timeout');
      expect(await el.toggle()).to.equal(false);
      await el.updateComplete;
      expect(el.checked).to.equal(true);
      expect(el.error!.code).to.equal('timeout');
      expect(host.clickToActEnabled).to.equal(true);
    });

    it('shows the read error from host.fail("getClickToAct") and recovers with Try again', async () => {
      const host = new SimulatedCifHost({ clickToAct: false });
      host.fail('getClickToAct', { message: 'Simulated read failure', times: 1 });
      const el = await fixture<CifClickToAct>(
        html`<cif-click-to-act .client=${createSimulatedClient(host)}></cif-click-to-act>`,
      );
      await ready(el);
      expect(parts(el).error!.textContent).to.contain('Simulated read failure');
      expect(parts(el).switch.disabled).to.equal(false);
      await expect(el).to.be.accessible();
      parts(el).retry!.click();
      await ready(el);
      expect(parts(el).error).to.equal(null);
      expect(el.checked).to.equal(false);
    });

    it('shows the loading state of a slow host', async () => {
      const host = new SimulatedCifHost({ latencyMs: 100 });
      const el = await fixture<CifClickToAct>(
        html`<cif-click-to-act .client=${createSimulatedClient(host)}></cif-click-to-act>`,
      );
      expect(el.state).to.equal('loading');
      expect(parts(el).status.textContent).to.equal(CIF_CLICK_TO_ACT_STRINGS.loading);
      await expect(el).to.be.accessible();
      await ready(el);
      expect(el.checked).to.equal(true);
    });

    it('leaves no handler on the host after removal', async () => {
      const { host, client, el } = await simulated();
      expect(client.listenerCount('clicktoact')).to.equal(1);
      expect(host.handlerCount('onclicktoact')).to.equal(1);
      el.remove();
      expect(client.listenerCount()).to.equal(0);
      expect(host.handlerCount()).to.equal(0);
      expect(host.clickToAct({ value: '+14255550100' })).to.equal(true);
      expect(el.lastItem).to.equal(undefined);
    });
  });

  describe('from a fake Microsoft.CIFramework', () => {
    it('parses the JSON-string payload of fake.raise("onclicktoact", …) into the event detail', async () => {
      const { fake, client } = fakeClient();
      const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
      await ready(el);
      const payload = {
        value: '+44 20 7946 0958',
        name: 'mobilephone',
        format: 'phone',
        entityLogicalName: 'account',
        entityId: '7d3a1b2c-0000-0000-0000-000000000001',
      };
      const atDocument = oneEvent(document, 'cif-click-to-act');
      const results = await fake.raise('onclicktoact', JSON.stringify(payload));
      // CIF needs a promise back from every handler; the client gives it one.
      expect(results).to.deep.equal([true]);
      const e = (await atDocument) as CustomEvent<ClickToActPayload>;
      expect(e.target).to.equal(el);
      expect(e.detail).to.deep.equal(payload);
      await el.updateComplete;
      const p = parts(el);
      expect(p.lastValue!.textContent).to.equal('+44 20 7946 0958');
      expect(p.lastField!.textContent).to.equal('mobilephone');
      expect(p.lastEntity!.textContent).to.equal('account');
    });

    it('fires for every click, and announces a repeated value again', async () => {
      const { fake, client } = fakeClient();
      const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
      await ready(el);
      const seen: string[] = [];
      el.addEventListener('cif-click-to-act', (e) => seen.push(e.detail.value));
      await fake.raise('onclicktoact', { value: '111', name: 'telephone1', format: 'phone', entityLogicalName: 'contact' });
      await el.updateComplete;
      const first = parts(el).live.textContent;
      await fake.raise('onclicktoact', { value: '111', name: 'telephone1', format: 'phone', entityLogicalName: 'contact' });
      await el.updateComplete;
      const second = parts(el).live.textContent;
      await fake.raise('onclicktoact', { value: '222', name: 'telephone2', format: 'phone', entityLogicalName: 'lead' });
      await el.updateComplete;
      expect(seen).to.deep.equal(['111', '111', '222']);
      expect(first!.trim()).to.equal('Clicked in Dynamics 365: 111');
      expect(second).to.not.equal(first);
      expect(second!.trim()).to.equal(first!.trim());
      expect(parts(el).lastValue!.textContent).to.equal('222');
      expect(parts(el).lastEntity!.textContent).to.equal('lead');
    });

    it('shows only the value when CIF sends no field or record type', async () => {
      const { fake, client } = fakeClient();
      const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
      await ready(el);
      await fake.raise('onclicktoact', JSON.stringify({ value: '+14255550100' }));
      await el.updateComplete;
      expect(parts(el).lastValue!.textContent).to.equal('+14255550100');
      expect(parts(el).lastField).to.equal(null);
      expect(parts(el).lastEntity).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('renders hostile strings in the payload as text and keeps the layout', async () => {
      const { fake, client } = fakeClient();
      const wrap = await fixture<HTMLDivElement>(
        html`<div style="width: 300px"><cif-click-to-act .client=${client}></cif-click-to-act></div>`,
      );
      const el = wrap.querySelector('cif-click-to-act')!;
      await ready(el);
      const value = '<img src=x onerror="window.__pwned=1">';
      const name = '\u202Eenohp\u202C<script>window.__pwned=2</script>';
      const entity = 'x'.repeat(100_000);
      const fired = oneEvent(el, 'cif-click-to-act');
      await fake.raise('onclicktoact', JSON.stringify({ value, name, format: 'phone', entityLogicalName: entity }));
      const e = await fired;
      expect(e.detail.value).to.equal(value);
      await el.updateComplete;
      const p = parts(el);
      expect(p.root.querySelector('img')).to.equal(null);
      expect(p.root.querySelector('script')).to.equal(null);
      expect(p.lastValue!.textContent).to.equal(value);
      expect(p.lastField!.textContent).to.equal(name);
      expect(p.lastEntity!.textContent).to.equal(entity);
      expect(p.live.textContent).to.contain(value);
      // <bdi> isolates the RTL override from the surrounding text.
      expect(getComputedStyle(p.lastField!.querySelector('bdi')!).unicodeBidi).to.equal('isolate');
      expect(el.getBoundingClientRect().width).to.be.at.most(300);
      expect(p.last!.getBoundingClientRect().width).to.be.at.most(300);
      expect(p.lastEntity!.getBoundingClientRect().height).to.be.below(60);
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
      await expect(el).to.be.accessible();
    });

    it('hide-last hides the item and its announcement but still fires the event', async () => {
      const { fake, client } = fakeClient();
      const el = await fixture<CifClickToAct>(html`<cif-click-to-act hide-last .client=${client}></cif-click-to-act>`);
      await ready(el);
      expect(el.hideLast).to.equal(true);
      expect(parts(el).lastEmpty).to.equal(null);
      const fired = oneEvent(el, 'cif-click-to-act');
      await fake.raise('onclicktoact', { value: '+14255550100', name: 'telephone1', format: 'phone', entityLogicalName: 'contact' });
      await fired;
      await el.updateComplete;
      expect(parts(el).last).to.equal(null);
      expect(parts(el).live.textContent).to.equal('');
      expect(el.lastItem!.value).to.equal('+14255550100');
      el.hideLast = false;
      await el.updateComplete;
      expect(el.hasAttribute('hide-last')).to.equal(false);
      expect(parts(el).lastValue!.textContent).to.equal('+14255550100');
      el.clearLast();
      await el.updateComplete;
      expect(parts(el).last).to.equal(null);
      expect(el.lastItem).to.equal(undefined);
    });

    it('gives every listener its own copy of the payload', async () => {
      const { fake, client } = fakeClient();
      const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
      await ready(el);
      el.addEventListener('cif-click-to-act', (e) => {
        e.detail.value = 'mutated by a page listener';
      });
      await fake.raise('onclicktoact', { value: '+14255550100', name: 'telephone1', format: 'phone', entityLogicalName: 'contact' });
      await el.updateComplete;
      expect(parts(el).lastValue!.textContent).to.equal('+14255550100');
      expect(el.lastItem!.value).to.equal('+14255550100');
    });

    it('leaves no listener on the client nor handler on CIF after removal, and resubscribes when re-attached', async () => {
      const { fake, client } = fakeClient();
      const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
      await ready(el);
      expect(client.listenerCount()).to.equal(1);
      expect(fake.handlerCount('onclicktoact')).to.equal(1);
      const parent = el.parentElement!;
      el.remove();
      expect(client.listenerCount()).to.equal(0);
      expect(fake.handlerCount()).to.equal(0);
      parent.append(el);
      await ready(el);
      expect(client.listenerCount()).to.equal(1);
      expect(fake.handlerCount('onclicktoact')).to.equal(1);
      expect(fake.callsOf('getClickToAct')).to.have.length(2);
      el.remove();
      expect(client.listenerCount()).to.equal(0);
      expect(fake.handlerCount()).to.equal(0);
    });

    it('moves its listener when the client is swapped', async () => {
      const a = fakeClient();
      const b = fakeClient();
      b.fake.respond('getClickToAct', false);
      const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${a.client}></cif-click-to-act>`);
      await ready(el);
      expect(el.checked).to.equal(true);
      el.client = b.client;
      await ready(el);
      expect(el.client).to.equal(b.client);
      expect(a.client.listenerCount()).to.equal(0);
      expect(a.fake.handlerCount()).to.equal(0);
      expect(b.client.listenerCount()).to.equal(1);
      expect(el.checked).to.equal(false);
      await a.fake.raise('onclicktoact', { value: 'from a', name: '', format: '', entityLogicalName: '' });
      await b.fake.raise('onclicktoact', { value: 'from b', name: '', format: '', entityLogicalName: '' });
      await el.updateComplete;
      expect(parts(el).lastValue!.textContent).to.equal('from b');
    });
  });

  describe('without a client', () => {
    it('shows a calm not-connected state with the switch disabled', async () => {
      const el = await fixture<CifClickToAct>(html`<cif-click-to-act></cif-click-to-act>`);
      const p = parts(el);
      expect(el.client).to.equal(undefined);
      expect(el.state).to.equal('not-connected');
      expect(el.getAttribute('state')).to.equal('not-connected');
      expect(el.checked).to.equal(false);
      expect(el.busy).to.equal(false);
      expect(p.switch.disabled).to.equal(true);
      expect(p.switch.getAttribute('aria-checked')).to.equal('false');
      expect(p.status.textContent).to.equal(CIF_CLICK_TO_ACT_STRINGS.notConnected);
      expect(p.switch.getAttribute('aria-describedby')!.split(' ')).to.include('status');
      // Calm: no alert, no error.
      expect(p.error).to.equal(null);
      expect(p.root.querySelector('[role="alert"]')).to.equal(null);
      expect(el.error).to.equal(undefined);
      expect(await el.setEnabled(true)).to.equal(false);
      expect(await el.toggle()).to.equal(false);
      expect(await el.refresh()).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('connects when a client is set, and goes back to not connected when it is taken away', async () => {
      const el = await fixture<CifClickToAct>(html`<cif-click-to-act></cif-click-to-act>`);
      const { fake, client } = fakeClient();
      el.client = client;
      await ready(el);
      expect(parts(el).switch.disabled).to.equal(false);
      expect(el.checked).to.equal(true);
      expect(fake.callsOf('getClickToAct')).to.have.length(1);
      el.client = undefined;
      await el.updateComplete;
      expect(el.state).to.equal('not-connected');
      expect(parts(el).switch.disabled).to.equal(true);
      expect(client.listenerCount()).to.equal(0);
      expect(fake.handlerCount()).to.equal(0);
    });

    it('gets the client of a provider given with .client', async () => {
      const { fake, client } = fakeClient();
      const provider = await fixture<CifProvider>(
        html`<cif-provider .client=${client}><cif-click-to-act></cif-click-to-act></cif-provider>`,
      );
      const el = provider.querySelector('cif-click-to-act')!;
      await ready(el);
      expect(el.client).to.equal(client);
      expect(fake.handlerCount('onclicktoact')).to.equal(1);
      await fake.raise('onclicktoact', { value: '+14255550100', name: 'telephone1', format: 'phone', entityLogicalName: 'contact' });
      await el.updateComplete;
      expect(parts(el).lastValue!.textContent).to.equal('+14255550100');
    });
  });
});
