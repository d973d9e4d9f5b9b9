import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@cif-elements/core';
import '@cif-elements/dialer';
import type { CifProvider } from '@cif-elements/core';
import type { CifDialer } from '@cif-elements/dialer';
import '../src/index.js';
import type { CallControllerEventMap, CifCallFlow, CifIncomingCall, CifWrapUp } from '../src/index.js';
import { SEED, fakeClient, settle, useCleanStorage } from './helpers.js';

async function inProvider(version: 1 | 2 = 2, attrs = '') {
  const provider = await fixture<CifProvider>(html`<cif-provider simulated cif-version=${String(version)}>
    <cif-call-flow default-country="US" data-attrs=${attrs}>
      <cif-incoming-call default-country="US" key-guard="0"></cif-incoming-call>
      <div class="nested"><cif-dialer default-country="US"></cif-dialer></div>
      <cif-wrap-up default-country="US"></cif-wrap-up>
    </cif-call-flow>
  </cif-provider>`);
  await waitUntil(() => provider.state === 'ready', 'provider ready');
  const flow = provider.querySelector('cif-call-flow')!;
  const alert = provider.querySelector('cif-incoming-call') as CifIncomingCall;
  const dialer = provider.querySelector('cif-dialer') as CifDialer;
  const wrapUp = provider.querySelector('cif-wrap-up') as CifWrapUp;
  await settle(flow, alert, dialer, wrapUp);
  return { provider, host: provider.host!, flow, alert, dialer, wrapUp };
}

const part = (el: Element, p: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${p}"]`);

describe('<cif-call-flow> in <cif-provider simulated>', () => {
  useCleanStorage();

  it('keyboard only: the alert takes focus, Enter accepts, the real dialer shows the call, the wrap-up logs it', async () => {
    const { host, flow, alert, dialer, wrapUp } = await inProvider();
    const accepted: Array<CallControllerEventMap['accept']['detail']> = [];
    flow.controller.addEventListener('accept', (e) => accepted.push(e.detail));
    const pops: string[] = [];
    flow.addEventListener('cif-screen-pop', (e) => pops.push(e.detail.action));
    flow.incoming({ callId: 'CA1', from: SEED.alan.e164, queue: 'Support' });
    await waitUntil(() => flow.calls[0]!.lookup === 'done');
    await settle(alert);
    expect(part(alert, 'name')!.textContent).to.equal('Alan Turing');
    expect(alert.shadowRoot!.activeElement).to.equal(part(alert, 'accept'));
    await expect(flow).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => pops.length === 1);
    expect(pops).to.deep.equal(['opened']);
    expect(accepted.map((a) => [a.call.callId, a.source])).to.deep.equal([['CA1', 'button']]);
    expect(host.sessions.map((s) => s.customerName)).to.deep.equal(['Alan Turing']);

    flow.connected('CA1');
    await settle(dialer, wrapUp);
    expect(dialer.callState).to.equal('connected');
    expect(part(dialer, 'contact-name')!.textContent).to.contain('Alan Turing');
    await expect(flow).to.be.accessible();

    const hangups: string[] = [];
    flow.controller.addEventListener('hangup', (e) => hangups.push(e.detail.call.callId));
    part(dialer, 'hangup')!.click();
    expect(hangups).to.deep.equal(['CA1']);
    flow.ended('CA1');
    await settle(dialer, wrapUp);
    const notes = part(wrapUp, 'notes') as HTMLTextAreaElement;
    notes.focus();
    await sendKeys({ type: 'Resolved on the call.' });
    const logged = oneEvent(flow, 'cif-call-logged');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    const e = await logged;
    expect(host.record('phonecall', e.detail.log.id)!.description).to.equal('Queue: Support\n\nResolved on the call.');
    await settle(wrapUp);
    expect(wrapUp.logState).to.equal('saved');
    await expect(flow).to.be.accessible();
  });

  it('relays the controller’s state as DOM events; attributes configure it (no session, chooser, no log)', async () => {
    const { host, flow } = await inProvider();
    flow.setAttribute('session-template', '');
    flow.setAttribute('multiple-matches', 'chooser');
    flow.setAttribute('no-log', '');
    await settle(flow);
    host.putRecord('contact', { firstname: 'Zed', lastname: 'Second', mobilephone: '425-555-0101' });
    const changes: string[] = [];
    flow.addEventListener('cif-call-change', (e) => changes.push(e.detail.call.phase));
    const pop = oneEvent(flow, 'cif-screen-pop');
    flow.incoming({ callId: 'CA2', from: '+14255550101' });
    flow.controller.accept('CA2');
    expect((await pop).detail.action).to.equal('chooser');
    flow.ended('CA2');
    await aTimeout(20);
    expect(host.sessions).to.have.length(0);
    expect(host.records('phonecall').filter((p) => String(p.subject).includes('0101'))).to.have.length(0);
    expect(flow.controller.pendingLogs).to.have.length(0);
    expect(changes).to.include('ringing');
    expect(changes.at(-1)).to.equal('ended');
  });

  it('relays errors (cif-call-error) and failed logs (cif-call-log-failed)', async () => {
    const { host, flow } = await inProvider(1);
    host.fail('createRecord', { message: 'Dataverse is down' });
    host.fail('getEnvironment', { message: 'no env' });
    const errors: string[] = [];
    flow.addEventListener('cif-call-error', (e) => errors.push(e.detail.step));
    const failed = oneEvent(flow, 'cif-call-log-failed');
    flow.incoming({ callId: 'CA3', from: SEED.alan.e164 });
    flow.ended('CA3');
    expect((await failed).detail.error.message).to.equal('Dataverse is down');
    expect(errors).to.deep.equal(['environment', 'log']);
  });

  it('finds elements added later, and leaves no listener behind when removed', async () => {
    const { provider, host, flow } = await inProvider();
    const client = provider.client!;
    flow.querySelector('cif-wrap-up')!.remove();
    const late = document.createElement('cif-wrap-up');
    flow.append(late);
    await settle(late);
    flow.incoming({ callId: 'CA4', from: SEED.alan.e164 });
    flow.connected('CA4');
    await settle(late);
    expect(late.call?.callId).to.equal('CA4');
    const dialer = flow.querySelector('cif-dialer')!;
    const hangups: string[] = [];
    flow.controller.addEventListener('hangup', (e) => hangups.push(e.detail.call.callId));
    flow.remove();
    expect(client.listenerCount()).to.equal(0);
    expect(host.handlerCount()).to.equal(0);
    dialer.dispatchEvent(new CustomEvent('cif-hangup', { detail: {}, bubbles: true, composed: true }));
    expect(hangups, 'detached').to.deep.equal([]);
    provider.append(flow);
    await settle(flow);
    dialer.dispatchEvent(new CustomEvent('cif-hangup', { detail: {}, bubbles: true, composed: true }));
    expect(hangups, 'attached again').to.deep.equal(['CA4']);
  });

  it('with an injected fake-library client: no CIF handler left after removal', async () => {
    const { fake, client } = fakeClient();
    const flow = await fixture<CifCallFlow>(html`<cif-call-flow .client=${client}>
      <cif-incoming-call notify="tmpl"></cif-incoming-call>
      <cif-dialer></cif-dialer>
    </cif-call-flow>`);
    await settle(flow);
    fake.hang('notifyEvent');
    flow.incoming({ callId: 'CA5', from: '+14255550100' });
    await waitUntil(() => fake.callsOf('notifyEvent').length === 1);
    expect(fake.handlerCount('onclicktoact'), 'the dialer listens to click-to-act').to.equal(1);
    flow.remove();
    expect(client.listenerCount()).to.equal(0);
    expect(fake.handlerCount()).to.equal(0);
    await waitUntil(() => fake.callsOf('cancelEvent').length === 1, 'the notification is cancelled with the alert');
  });
});
