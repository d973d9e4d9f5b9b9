import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SimulatedCifHost, createSimulatedClient } from '@cif-elements/client';
import type { CifPresence, CifPresenceWriter } from '../src/index.js';
import { fakeClient, parts, recordChanges, renderWith, settle } from './helpers.js';

const notice = (el: CifPresence) => el.shadowRoot!.querySelector<HTMLElement>('[part~="notice"]');

describe('<cif-presence> on a CIF 2.0 library without getPresence/setPresence', () => {
  it('says plainly (visible and announced) that presence is local only, and the event says not applied', async () => {
    const { fake, client } = fakeClient(2, { withoutPresence: true });
    const el = await renderWith(client);
    const n = notice(el);
    expect(n, 'no local-only notice').to.not.equal(null);
    expect(n!.textContent).to.contain('Local only');
    expect(n!.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(parts(el).status.textContent).to.contain('Local only');
    expect(parts(el).button.getAttribute('aria-describedby')).to.contain('notice');
    expect(el.localOnly).to.equal(true);
    await expect(el).to.be.accessible();

    const events = recordChanges(el);
    expect(await el.select('Away')).to.equal(true);
    await settle(el);
    expect(el.value).to.equal('away');
    expect(events.map((e) => [e.detail.source, e.detail.applied])).to.deep.equal([['agent', 'local']]);
    expect(parts(el).status.textContent).to.contain('not in Dynamics 365');
    expect(fake.calls.some((c) => c.method === 'setPresence' || c.method === 'getPresence')).to.equal(false);

    // Changes made in Dynamics still arrive and update it.
    await fake.raise('onPresenceChange', {
      presenceInfo: { presenceId: 'available', presenceText: 'Available', basePresenceStatus: 'AVAILABLE' },
    });
    await settle(el);
    expect(el.value).to.equal('available');
    expect(events.at(-1)!.detail).to.include({ source: 'dynamics', applied: 'dynamics' });
  });

  it('compact: the notice is visually hidden but describes the button and is in its tooltip', async () => {
    const { client } = fakeClient(2, { withoutPresence: true });
    const el = await renderWith(client, { compact: true });
    expect(notice(el)!.getBoundingClientRect().width).to.be.at.most(1);
    expect(parts(el).button.title).to.contain('Local only');
    await expect(el).to.be.accessible();
  });

  it('CIF 1.0 works locally without the notice (Dynamics has no presence there), the event says local', async () => {
    const { client } = fakeClient(1);
    const el = await renderWith(client);
    expect(notice(el)).to.equal(null);
    const events = recordChanges(el);
    await el.select('Busy');
    expect(events[0]!.detail.applied).to.equal('local');
  });

  it('against the simulated host modelling the shipped library: Dynamics changes arrive, agent changes stay local', async () => {
    const host = new SimulatedCifHost({ withoutPresenceApi: true, presenceText: 'Available' });
    expect(host.framework.getPresence).to.equal(undefined);
    const el = await renderWith(createSimulatedClient(host));
    expect(notice(el)).to.not.equal(null);
    const events = recordChanges(el);
    host.userSetsPresence('Busy');
    await settle(el);
    expect(el.value).to.equal('busy');
    // Keyboard: open, pick Away.
    parts(el).button.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    await sendKeys({ press: 'a' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(el.value).to.equal('away');
    expect(host.presence.presenceText).to.equal('Busy');
    expect(events.map((e) => `${e.detail.source}:${e.detail.applied}`)).to.deep.equal(['dynamics:dynamics', 'agent:local']);
  });
});

describe('<cif-presence> writer (the provider’s own presence)', () => {
  it('is called instead of setPresence; the event says applied by the writer; no local-only notice', async () => {
    const { fake, client } = fakeClient(2, { withoutPresence: true });
    const written: Array<[string, string | undefined]> = [];
    const writer: CifPresenceWriter = async (p, ctx) => {
      written.push([p.presenceText, ctx.previous?.presenceText]);
      expect(ctx.client).to.equal(client);
    };
    const el = await fixture<CifPresence>(html`<cif-presence .client=${client} .writer=${writer}></cif-presence>`);
    await settle(el);
    expect(notice(el)).to.equal(null);
    const events = recordChanges(el);
    expect(await el.select('Busy')).to.equal(true);
    expect(written).to.deep.equal([['Busy', undefined]]);
    expect(events.map((e) => e.detail.applied)).to.deep.equal(['writer']);
    expect(fake.callsOf('setPresence')).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('a writer that resolves false or rejects reverts with an error', async () => {
    const { client } = fakeClient(2);
    let answer: unknown = false;
    const el = await fixture<CifPresence>(html`<cif-presence
      .client=${client}
      .writer=${() => (answer instanceof Error ? Promise.reject(answer) : answer)}
    ></cif-presence>`);
    await waitUntil(() => el.value === 'available');
    const events = recordChanges(el);
    expect(await el.select('Away')).to.equal(false);
    await settle(el);
    expect(el.value).to.equal('available');
    expect(el.error!.code).to.equal('rejected');
    expect(parts(el).error!.textContent).to.contain('Away');
    answer = new Error('PBX said no');
    expect(await el.select('Busy')).to.equal(false);
    expect(el.error!.message).to.equal('PBX said no');
    const reverted = events.filter((e) => e.detail.reverted).map((e) => [e.detail.presence.presenceText, e.detail.applied]);
    expect(reverted).to.deep.equal([
      ['Available', 'writer'],
      ['Available', 'writer'],
    ]);
  });
});
