import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SimulatedCifHost, createSimulatedClient } from '@cif-elements/client';
import '@cif-elements/core';
import type { CifProvider } from '@cif-elements/core';
import type { CifPresence } from '../src/index.js';
import { parts, recordChanges, renderWith, settle } from './helpers.js';

async function inProvider(version: 1 | 2 = 2) {
  const provider = await fixture<CifProvider>(html`<cif-provider simulated cif-version=${String(version)}>
    <cif-presence></cif-presence>
  </cif-provider>`);
  const el = provider.querySelector('cif-presence') as CifPresence;
  await waitUntil(() => provider.state === 'ready', 'provider ready');
  await settle(el);
  return { provider, host: provider.host!, el };
}

describe('<cif-presence> with <cif-provider simulated>', () => {
  it('shows the host’s presence and writes the agent’s pick to the host (keyboard)', async () => {
    const { host, el } = await inProvider();
    await waitUntil(() => el.value === 'available', 'initial presence read');
    const events = recordChanges(el);
    parts(el).button.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    await sendKeys({ press: 'b' });
    await settle(el);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => host.presence.presenceText === 'Busy', 'host got Busy');
    await settle(el);
    expect(el.value).to.equal('busy');
    expect(events.map((e) => [e.detail.source, e.detail.presence.presenceText])).to.deep.equal([['agent', 'Busy']]);
    await expect(el).to.be.accessible();
  });

  it('follows host.userSetsPresence("Away"): shows Away and fires a dynamics event', async () => {
    const { host, el } = await inProvider();
    await waitUntil(() => el.value === 'available');
    setTimeout(() => host.userSetsPresence('Away'));
    const e = await oneEvent(el, 'cif-presence-change');
    expect(e.detail.source).to.equal('dynamics');
    expect(e.detail.presence.presenceText).to.equal('Away');
    expect(e.detail.previous?.presenceText).to.equal('Available');
    expect(e.cancelable).to.be.false;
    await settle(el);
    expect(parts(el).label.textContent).to.equal('Away');
  });

  it('follows setPresenceEvent with a bare {presenceId} payload', async () => {
    const { host, el } = await inProvider();
    await waitUntil(() => el.value === 'available');
    host.presenceEventShape = 'setPresenceEvent';
    host.presencePayloadShape = 'presenceId';
    host.userSetsPresence('Busy - Do not disturb');
    await waitUntil(() => el.value === 'busy-dnd', 'element followed the id-only event');
  });

  it('host refusing setPresence (false) reverts the element and shows the error', async () => {
    const { host, el } = await inProvider();
    await waitUntil(() => el.value === 'available');
    host.fail('setPresence', 'false');
    expect(await el.select('Offline')).to.be.false;
    await settle(el);
    expect(el.value).to.equal('available');
    expect(host.presence.presenceText).to.equal('Available');
    expect(parts(el).error!.textContent).to.contain('Could not change your presence to Offline.');
    await expect(el).to.be.accessible();
    host.clearFailures();
    expect(await el.select('Offline')).to.be.true;
    expect(host.presence.presenceText).to.equal('Offline');
    await settle(el);
    expect(parts(el).error).to.equal(null);
  });

  it('host rejecting setPresence with a Map error shows CIF’s message', async () => {
    const { host, el } = await inProvider();
    await waitUntil(() => el.value === 'available');
    host.fail('setPresence', { shape: 'map', message: 'Omnichannel unavailable' });
    expect(await el.select('Busy')).to.be.false;
    await settle(el);
    expect(parts(el).error!.textContent).to.contain('Omnichannel unavailable');
    expect(el.value).to.equal('available');
  });

  it('getPresence "FAILED" on the host: error state, still usable, and a Dynamics change clears it', async () => {
    const host = new SimulatedCifHost({ presenceText: 'Away' });
    host.fail('getPresence', 'presence-failed');
    const client = createSimulatedClient(host);
    const el = await renderWith(client);
    await waitUntil(() => parts(el).error !== null, 'error shown');
    expect(el.value).to.equal('');
    await expect(el).to.be.accessible();
    expect(await el.select('Busy')).to.be.true;
    expect(host.presence.presenceText).to.equal('Busy');
    host.fail('getPresence', 'presence-failed');
    el.remove();
    document.body.append(el); // re-attach: reads again, fails again
    await waitUntil(() => parts(el).error !== null, 'error shown again');
    host.userSetsPresence('Offline');
    await waitUntil(() => el.value === 'offline');
    await settle(el);
    expect(parts(el).error).to.equal(null);
    el.remove();
    expect(client.listenerCount()).to.equal(0);
    expect(host.handlerCount()).to.equal(0);
    client.dispose();
  });

  it('with latency, shows the pending presence as busy until the host answers', async () => {
    const host = new SimulatedCifHost({ latencyMs: 150 });
    const client = createSimulatedClient(host);
    const el = await renderWith(client);
    await waitUntil(() => el.value === 'available');
    const done = el.select('Away');
    await settle(el);
    expect(parts(el).button.getAttribute('aria-busy')).to.equal('true');
    expect(parts(el).label.textContent).to.equal('Away');
    expect(host.presence.presenceText).to.equal('Available');
    expect(await done).to.be.true;
    await settle(el);
    expect(parts(el).button.getAttribute('aria-busy')).to.equal('false');
    expect(host.presence.presenceText).to.equal('Away');
    el.remove();
    client.dispose();
  });

  it('leaves no handler on the host after removal', async () => {
    const { provider, host, el } = await inProvider();
    await waitUntil(() => el.value === 'available');
    expect(host.handlerCount()).to.be.greaterThan(0);
    const client = provider.client!;
    el.remove();
    await settle(el);
    expect(client.listenerCount()).to.equal(0);
    expect(host.handlerCount()).to.equal(0);
  });

  it('compact mode against the host is accessible and operable', async () => {
    const { host, el } = await inProvider();
    el.compact = true;
    await waitUntil(() => el.value === 'available');
    await settle(el);
    await expect(el).to.be.accessible();
    el.show();
    await settle(el);
    await expect(el).to.be.accessible();
    parts(el).options[3].click();
    await waitUntil(() => host.presence.presenceText === 'Away');
  });
});

describe('<cif-presence> with a simulated CIF 1.0 host', () => {
  it('works locally: the host is untouched, the agent event fires, no error', async () => {
    const { host, el } = await inProvider(1);
    expect(el.client?.version).to.equal(1);
    expect(parts(el).error).to.equal(null);
    expect(el.value).to.equal('');
    await expect(el).to.be.accessible();
    const events = recordChanges(el);
    expect(await el.select('Away')).to.be.true;
    await settle(el);
    expect(el.value).to.equal('away');
    expect(events.map((e) => [e.detail.source, e.detail.presence.presenceText])).to.deep.equal([['agent', 'Away']]);
    expect(parts(el).error).to.equal(null);
    expect(host.presence.presenceText).to.equal('Available'); // CIF 1.0 has no presence: nothing was written
    await expect(el).to.be.accessible();
  });
});
