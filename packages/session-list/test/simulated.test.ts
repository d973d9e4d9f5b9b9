import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@cif-elements/core';
import type { CifProvider } from '@cif-elements/core';
import { SimulatedCifHost, createSimulatedClient } from '@cif-elements/client';
import type { CifClient } from '@cif-elements/client';
import type { CifSessionList } from '../src/index.js';
import '../src/index.js';
import { focusedOptionId, loaded, option, optionNames, options, part, selectedIds } from './helpers.js';

async function simulated(version: 1 | 2 = 2) {
  const provider = await fixture<CifProvider>(
    version === 1
      ? html`<cif-provider simulated cif-version="1"><cif-session-list></cif-session-list></cif-provider>`
      : html`<cif-provider simulated><cif-session-list></cif-session-list></cif-provider>`,
  );
  const el = provider.querySelector('cif-session-list')!;
  await loaded(el);
  return { provider, el, host: provider.host!, client: provider.client! };
}

async function startSession(client: CifClient, customerName: string, channel = 'chat'): Promise<string> {
  return client.createSession({ templateName: 'msdyn_chat_session', customerName, channel });
}

describe('<cif-session-list> in <cif-provider simulated>', () => {
  it('starts empty, then lists the sessions the provider creates through the client (new one focused)', async () => {
    const { el, host, client } = await simulated();
    expect(el.state).to.equal('empty');
    await expect(el).to.be.accessible();

    const a = await startSession(client, 'Ana Silva', 'voice');
    const b = await startSession(client, 'Bo Chen', 'chat');
    await el.updateComplete;
    expect(options(el).map((o) => o.dataset.id)).to.deep.equal([a, b]);
    expect(part(option(el, a), 'title')!.textContent).to.equal('Ana Silva');
    expect(part(option(el, b), 'channel')!.textContent!.trim()).to.equal('Chat');
    // Dynamics focuses a new session: the host says so with onSessionSwitched
    expect(host.focusedSessionId).to.equal(b);
    expect(selectedIds(el)).to.deep.equal([b]);
    expect(el.state).to.equal('ready');
    await expect(el).to.be.accessible();
  });

  it('follows the agent: switching moves the focused mark, closing removes the session', async () => {
    const { el, host, client } = await simulated();
    const a = await startSession(client, 'Ana');
    const b = await startSession(client, 'Bo');
    const c = await startSession(client, 'Cy');
    await el.updateComplete;
    expect(selectedIds(el)).to.deep.equal([c]);

    host.userSwitchesSession(a);
    await el.updateComplete;
    expect(selectedIds(el)).to.deep.equal([a]);

    host.userSwitchesSession('session-id-0'); // the home session is not the provider's
    await el.updateComplete;
    expect(selectedIds(el)).to.deep.equal([]);

    host.userSwitchesSession(b);
    host.userClosesSession(b);
    await el.updateComplete;
    expect(options(el).map((o) => o.dataset.id)).to.deep.equal([a, c]);
    expect(selectedIds(el)).to.deep.equal([]);
    expect(el.sessions.map((s) => s.sessionId)).to.deep.equal(host.sessions.map((s) => s.sessionId));
  });

  it('updates titles set and activity notified through the client', async () => {
    const { el, client } = await simulated();
    const a = await startSession(client, 'Ana');
    const b = await startSession(client, 'Bo');
    await client.setSessionTitle({ sessionId: a, title: 'Refund for Ana' });
    await client.notifyNewActivity(a, 3);
    await el.updateComplete;
    expect(part(option(el, a), 'title')!.textContent).to.equal('Refund for Ana');
    expect(part(option(el, a), 'badge')!.textContent).to.equal('3');
    expect(optionNames(el)[0]).to.match(/^Refund for Ana, Ana, Chat, started < 1 min ago, 3 unread$/);
    expect(selectedIds(el)).to.deep.equal([b]);
    await expect(el).to.be.accessible();
  });

  it('keyboard: Tab, arrow, Enter switches the simulated Dynamics to the session', async () => {
    const { provider, el, host, client } = await simulated();
    const a = await startSession(client, 'Ana');
    const b = await startSession(client, 'Bo');
    await client.notifyNewActivity(a, 2);
    await el.updateComplete;
    const before = document.createElement('button');
    before.textContent = 'before';
    provider.prepend(before);
    before.focus();

    await sendKeys({ press: 'Tab' });
    expect(focusedOptionId(el)).to.equal(b);
    await sendKeys({ press: 'ArrowUp' });
    expect(focusedOptionId(el)).to.equal(a);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => host.focusedSessionId === a, 'the host did not switch');
    await el.updateComplete;
    expect(selectedIds(el)).to.deep.equal([a]);
    // focusing cleared the unread count
    expect(part(option(el, a), 'badge')).to.equal(null);
  });

  it('a failing requestFocusSession shows the error and keeps the mark; the host is unchanged', async () => {
    const { el, host, client } = await simulated();
    const a = await startSession(client, 'Ana');
    const b = await startSession(client, 'Bo');
    await el.updateComplete;
    host.fail('requestFocusSession', { shape: 'map', message: 'Dynamics is busy' });
    option(el, a).click();
    await waitUntil(() => part(el.shadowRoot!, 'error'), 'no error shown');
    expect(part(el.shadowRoot!, 'error')!.textContent).to.contain('Dynamics is busy');
    expect(host.focusedSessionId).to.equal(b);
    expect(selectedIds(el)).to.deep.equal([b]);
    await expect(el).to.be.accessible();
    host.clearFailures();
    option(el, a).click();
    await waitUntil(() => host.focusedSessionId === a);
    await el.updateComplete;
    expect(selectedIds(el)).to.deep.equal([a]);
    expect(part(el.shadowRoot!, 'error')).to.equal(null);
  });

  it('a failing getAllSessions shows the load error; retry recovers', async () => {
    const host = new SimulatedCifHost();
    const client = createSimulatedClient(host);
    await client.createSession({ templateName: 't', customerName: 'Ana' });
    host.fail('getAllSessions', { shape: 'json', message: 'Listing failed', times: 1 });
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    expect(el.state).to.equal('error');
    expect(part(el.shadowRoot!, 'error')!.textContent).to.contain('Listing failed');
    await expect(el).to.be.accessible();
    part(el.shadowRoot!, 'retry')!.click();
    await waitUntil(() => el.state === 'ready');
    await el.updateComplete;
    expect(optionNames(el)[0]).to.match(/^Ana/);
  });

  it('reads sessions that existed before it loaded, with the focused one marked', async () => {
    const host = new SimulatedCifHost({ latencyMs: 5 });
    const client = createSimulatedClient(host);
    const a = await client.createSession({ templateName: 't', customerName: 'Ana', channel: 'voice' });
    const b = await client.createSession({ templateName: 't', customerName: 'Bo', channel: 'email' });
    host.userSwitchesSession(a);
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    expect(el.state).to.equal('loading');
    await expect(el).to.be.accessible();
    await loaded(el);
    expect(options(el).map((o) => o.dataset.id)).to.deep.equal([a, b]);
    expect(selectedIds(el)).to.deep.equal([a]);
    expect(part(option(el, b), 'channel')!.textContent!.trim()).to.equal('Email');
  });

  it('CIF 1.0: explains that sessions need a multisession app instead of failing', async () => {
    const { el, client } = await simulated(1);
    expect(el.state).to.equal('unsupported');
    expect(part(el.shadowRoot!, 'unsupported')!.textContent).to.contain('Sessions need a multisession app (CIF 2.0)');
    expect(part(el.shadowRoot!, 'error')).to.equal(null);
    expect(client.version).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('leaves no listener on the client and no handler on the host after removal', async () => {
    const { el, host, client } = await simulated();
    await startSession(client, 'Ana');
    await el.updateComplete;
    expect(client.listenerCount()).to.be.greaterThan(0);
    expect(host.handlerCount()).to.be.greaterThan(0);
    el.remove();
    expect(client.listenerCount()).to.equal(0);
    expect(host.handlerCount()).to.equal(0);
  });
});
