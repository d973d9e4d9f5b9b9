import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CifClient } from '@cif-elements/client';
import '../src/index.js';
import type { CifCallAnswerDetail, CifCallNotifyErrorDetail, CifIncomingCall } from '../src/index.js';
import { HOSTILE, fakeClient, settle, simulated, useCleanStorage } from './helpers.js';
import { handset, hangupHandset } from '@cif-elements/core/icons';

function parts(el: CifIncomingCall) {
  const root = el.shadowRoot!;
  const q = <T extends Element = HTMLElement>(p: string) => root.querySelector<T>(`[part~="${p}"]`);
  return {
    base: q('base'),
    name: q('name'),
    number: q('number'),
    details: q('details'),
    status: q('status'),
    countdown: q('countdown'),
    accept: q<HTMLButtonElement>('accept'),
    decline: q<HTMLButtonElement>('decline'),
    live: q('live')!,
    active: root.activeElement as HTMLElement | null,
  };
}

async function render(client?: CifClient, attrs: { timeout?: number; notify?: string; global?: boolean; keyGuard?: number } = {}) {
  const el = await fixture<CifIncomingCall>(html`<cif-incoming-call
    key-guard=${attrs.keyGuard ?? 0}
    default-country="US"
    .client=${client}
    timeout=${attrs.timeout ?? 30}
    notify=${attrs.notify ?? ''}
    ?global-shortcuts=${attrs.global ?? false}
  ></cif-incoming-call>`);
  await settle(el);
  return el;
}

async function showCall(el: CifIncomingCall, over: Partial<Parameters<CifIncomingCall['show']>[0]> = {}) {
  el.show({ callId: 'call-1', number: '+14255550149', ...over });
  await settle(el);
}

function record<T>(el: EventTarget, type: string): CustomEvent<T>[] {
  const out: CustomEvent<T>[] = [];
  el.addEventListener(type, (e) => out.push(e as CustomEvent<T>));
  return out;
}

async function altKey(letter: string) {
  await sendKeys({ down: 'Alt' });
  await sendKeys({ press: `Key${letter.toUpperCase()}` });
  await sendKeys({ up: 'Alt' });
}

describe('<cif-incoming-call>', () => {
  useCleanStorage();

  it('closed: renders only an empty live region, and is accessible', async () => {
    const el = await render();
    expect(el.open).to.be.false;
    expect(parts(el).base).to.equal(null);
    expect(parts(el).live.textContent!.trim()).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('show(): an alertdialog with the formatted number, queue and reason, announced, Accept focused', async () => {
    const before = document.createElement('button');
    before.textContent = 'elsewhere';
    document.body.append(before);
    before.focus();
    const el = await render();
    await showCall(el, { name: 'Alan Turing', queue: 'Billing', reason: 'Refund' });
    const p = parts(el);
    expect(el.hasAttribute('open')).to.be.true;
    expect(p.base!.getAttribute('role')).to.equal('alertdialog');
    expect(p.name!.textContent).to.equal('Alan Turing');
    expect(p.number!.textContent).to.equal('(425) 555-0149');
    expect([...p.details!.children].map((c) => `${c.localName}:${c.textContent}`)).to.deep.equal([
      'dt:Queue',
      'dd:Billing',
      'dt:Reason',
      'dd:Refund',
    ]);
    expect(p.countdown!.textContent).to.equal('Time-out in 30 s');
    expect(p.live.textContent!.trim()).to.equal('Incoming call from Alan Turing, Billing.');
    expect(p.active).to.equal(p.accept);
    expect(p.accept!.getAttribute('aria-keyshortcuts')).to.equal('Alt+A');
    await expect(el).to.be.accessible();
    el.dismiss();
    await settle(el);
    expect(document.activeElement, 'focus goes back where it was').to.equal(before);
    before.remove();
  });

  it('draws the handset every element shares (stroked, not filled): heading and Accept, turned down on Decline', async () => {
    const el = await render();
    await showCall(el, { name: 'Alan Turing' });
    const probe = await fixture<SVGSVGElement>(html`<svg>${handset}${hangupHandset}</svg>`);
    const d = probe.querySelector('path')!.getAttribute('d');
    const root = el.shadowRoot!;
    for (const name of ['icon', 'accept', 'decline']) {
      const icon = root.querySelector(`[part~="${name}"] svg`)!;
      expect(icon.querySelector('path')!.getAttribute('d'), name).to.equal(d);
      expect(getComputedStyle(icon).fill, name).to.equal('none');
      expect(icon.getBoundingClientRect().width, name).to.equal(16);
    }
    expect(root.querySelector('[part~="decline"] svg g')!.getAttribute('transform')).to.equal('rotate(135 12 12)');
  });

  it('shows the lookup: pending, one match, several matches, failed', async () => {
    const el = await render();
    await showCall(el, { lookup: 'pending' });
    expect(parts(el).name!.textContent).to.equal('Looking up the caller…');
    await expect(el).to.be.accessible();
    el.records = [{ name: 'Ada Lovelace', entityName: 'contact' }];
    el.lookup = 'done';
    await settle(el);
    expect(parts(el).name!.textContent).to.equal('Ada Lovelace');
    el.records = [
      { name: 'A', entityName: 'contact' },
      { name: 'B', entityName: 'account' },
    ];
    await settle(el);
    expect(parts(el).name!.textContent).to.equal('2 matching records');
    el.records = [];
    el.lookup = 'failed';
    await settle(el);
    expect(parts(el).name!.textContent).to.equal('Unknown caller');
    expect(parts(el).status!.textContent).to.equal('Could not search Dynamics for this number.');
    await expect(el).to.be.accessible();
    el.callerNumber = '';
    el.timeout = 0;
    await settle(el);
    expect(parts(el).number!.textContent).to.equal('Number withheld');
    expect(parts(el).countdown, 'timeout 0: no countdown').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('attributes set the properties; open and global-shortcuts reflect', async () => {
    const el = await fixture<CifIncomingCall>(html`<cif-incoming-call
      open
      call-id="CA9"
      caller-number="+442079460050"
      caller-name="Grace Hopper"
      queue="Sales"
      lookup="done"
      timeout="12"
      default-country="GB"
      notify="tmpl"
      global-shortcuts
      accept-key="y"
      decline-key="n"
    ></cif-incoming-call>`);
    await settle(el);
    expect([el.open, el.callId, el.callerNumber, el.callerName, el.queue, el.lookup, el.timeout]).to.deep.equal([
      true,
      'CA9',
      '+442079460050',
      'Grace Hopper',
      'Sales',
      'done',
      12,
    ]);
    expect([el.defaultCountry, el.notify, el.globalShortcuts, el.acceptKey, el.declineKey]).to.deep.equal(['GB', 'tmpl', true, 'y', 'n']);
    expect(parts(el).number!.textContent, 'national format at home').to.equal('020 7946 0050');
    expect(parts(el).countdown!.textContent).to.equal('Time-out in 12 s');
    expect(el.notifyState, 'no client: no notification').to.equal('off');
    el.globalShortcuts = false;
    el.open = false;
    await settle(el);
    expect(el.hasAttribute('global-shortcuts')).to.be.false;
    expect(el.hasAttribute('open')).to.be.false;
    el.strings = { heading: 'Eingehender Anruf', accept: 'Annehmen' };
    el.open = true;
    await settle(el);
    expect(el.shadowRoot!.querySelector('[part="heading"]')!.textContent).to.equal('Eingehender Anruf');
    expect(parts(el).accept!.textContent!.trim()).to.equal('Annehmen');
  });

  it('hostile caller name, queue and reason render as text', async () => {
    const el = await render();
    const big = 'x'.repeat(100_000);
    await showCall(el, { name: HOSTILE, queue: HOSTILE, reason: big, number: HOSTILE });
    const root = el.shadowRoot!;
    expect(root.querySelector('img')).to.equal(null);
    expect(parts(el).name!.textContent).to.equal(HOSTILE);
    expect(parts(el).number!.textContent).to.equal(HOSTILE);
    expect(root.querySelectorAll('dd')[0]!.textContent).to.equal(HOSTILE);
    expect(root.querySelectorAll('dd')[1]!.textContent!.length).to.equal(100_000);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(parts(el).base!.getBoundingClientRect().width).to.be.at.most(22 * 16 + 1);
  });

  it('keyboard only: Enter on the focused Accept fires cif-call-accept (button) and closes', async () => {
    const el = await render();
    await showCall(el);
    const accepted = record<CifCallAnswerDetail>(el, 'cif-call-accept');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(accepted.map((e) => e.detail)).to.deep.equal([{ callId: 'call-1', source: 'button' }]);
    expect(accepted[0]!.bubbles && accepted[0]!.composed && accepted[0]!.cancelable).to.be.true;
    expect(el.open).to.be.false;
    expect(parts(el).base).to.equal(null);
  });

  it('keyboard only: Tab to Decline and Space; Alt+A and Alt+D inside the alert', async () => {
    const el = await render();
    await showCall(el);
    const declined = record<CifCallAnswerDetail>(el, 'cif-call-decline');
    await sendKeys({ press: 'Tab' });
    expect(parts(el).active).to.equal(parts(el).decline);
    await sendKeys({ press: ' ' });
    await settle(el);
    expect(declined.map((e) => e.detail.source)).to.deep.equal(['button']);

    await showCall(el, { callId: 'call-2' });
    const accepted = record<CifCallAnswerDetail>(el, 'cif-call-accept');
    await altKey('a');
    await settle(el);
    expect(accepted.map((e) => e.detail)).to.deep.equal([{ callId: 'call-2', source: 'keyboard' }]);

    await showCall(el, { callId: 'call-3' });
    await altKey('d');
    await settle(el);
    expect(declined.map((e) => e.detail)).to.deep.equal([
      { callId: 'call-1', source: 'button' },
      { callId: 'call-3', source: 'keyboard' },
    ]);
  });

  it('call waiting while the agent types: the focus stays in the text field, the typing goes on there', async () => {
    const el = await render(undefined, { keyGuard: 300 });
    const notes = document.createElement('textarea');
    notes.setAttribute('aria-label', 'Notes of the current call');
    document.body.append(notes);
    try {
      notes.focus();
      await sendKeys({ type: 'Customer asks ' });
      await showCall(el);
      expect(el.open).to.be.true;
      expect(document.activeElement, 'focus not taken').to.equal(notes);
      const accepted = record<CifCallAnswerDetail>(el, 'cif-call-accept');
      await sendKeys({ type: 'about the refund.' });
      await sendKeys({ press: ' ' });
      await sendKeys({ press: 'Enter' });
      expect(notes.value).to.equal('Customer asks about the refund. \n');
      expect(accepted, 'nothing typed answered the call').to.have.length(0);
      el.globalShortcuts = true;
      await settle(el);
      await altKey('a');
      expect(accepted.map((e) => e.detail.source), 'Alt+A (page-wide) answers').to.deep.equal(['keyboard']);
    } finally {
      notes.remove();
    }
  });

  it('Space and Enter on its buttons are ignored for key-guard ms after it opens (a keystroke meant for something else)', async () => {
    const el = await render(undefined, { keyGuard: 400 });
    await showCall(el);
    expect(parts(el).active, 'not typing: Accept takes the focus').to.equal(parts(el).accept);
    const accepted = record<CifCallAnswerDetail>(el, 'cif-call-accept');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: ' ' });
    await settle(el);
    expect(accepted, 'guarded').to.have.length(0);
    expect(el.open).to.be.true;
    await new Promise((r) => setTimeout(r, 450));
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(accepted.map((e) => e.detail.source)).to.deep.equal(['button']);
  });

  it('a pointer click answers at once, guard or not', async () => {
    const el = await render(undefined, { keyGuard: 5000 });
    await showCall(el);
    const declined = record<CifCallAnswerDetail>(el, 'cif-call-decline');
    parts(el).decline!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, detail: 1 }));
    expect(declined).to.have.length(1);
  });

  it('shortcuts work page-wide only with global-shortcuts, and stop when closed or removed', async () => {
    const outside = document.createElement('input');
    document.body.append(outside);
    const el = await render();
    const accepted = record<CifCallAnswerDetail>(el, 'cif-call-accept');
    await showCall(el);
    outside.focus();
    await altKey('a');
    await settle(el);
    expect(accepted, 'focus outside, no global-shortcuts').to.have.length(0);
    expect(el.open).to.be.true;
    el.globalShortcuts = true;
    await settle(el);
    outside.focus();
    await altKey('a');
    await settle(el);
    expect(accepted.map((e) => e.detail.source)).to.deep.equal(['keyboard']);
    // closed: the document listener is gone
    outside.focus();
    await altKey('a');
    await settle(el);
    expect(accepted).to.have.length(1);
    // removed while open: nothing either
    await showCall(el, { callId: 'call-9' });
    el.remove();
    outside.focus();
    await altKey('a');
    expect(accepted).to.have.length(1);
    outside.remove();
  });

  it('accept-key / decline-key change the letters; cancelling the event keeps the alert open', async () => {
    const el = await render();
    el.acceptKey = 'y';
    el.declineKey = 'n';
    await showCall(el);
    expect(parts(el).decline!.getAttribute('aria-keyshortcuts')).to.equal('Alt+N');
    el.addEventListener('cif-call-decline', (e) => e.preventDefault(), { once: true });
    await altKey('n');
    await settle(el);
    expect(el.open, 'cancelled decline').to.be.true;
    expect(el.decline()).to.be.true;
    expect(el.open).to.be.false;
    expect(el.accept(), 'nothing open').to.be.false;
  });

  it('counts down visibly and fires cif-call-timeout at 0', async () => {
    const el = await render(undefined, { timeout: 2 });
    await showCall(el);
    expect(parts(el).countdown!.textContent).to.equal('Time-out in 2 s');
    expect(parts(el).countdown!.getAttribute('role')).to.equal('timer');
    await waitUntil(() => parts(el).countdown?.textContent === 'Time-out in 1 s', 'ticks', { timeout: 1500 });
    const e = await oneEvent(el, 'cif-call-timeout');
    expect(e.detail).to.deep.equal({ callId: 'call-1' });
    await settle(el);
    expect(el.open).to.be.false;
  });
});

describe('<cif-incoming-call notify> (Dynamics notification)', () => {
  useCleanStorage();

  it('CIF 2.0 simulated: notifyEvent with the call id as token; Accept in Dynamics accepts here', async () => {
    const { host, client } = simulated();
    const el = await render(client, { notify: 'sample_IncomingCallNotification' });
    await showCall(el, { name: 'Alan Turing', queue: 'Billing' });
    await waitUntil(() => host.notifications.length === 1, 'notification shown');
    const n = host.notifications[0]!;
    expect(n.token).to.equal('call-1');
    expect(n.templateName).to.equal('sample_IncomingCallNotification');
    expect(n.templateParameters).to.include({ customerName: 'Alan Turing', phoneNumber: '+14255550149', queue: 'Billing', callId: 'call-1' });
    expect(el.notifyState).to.equal('pending');
    setTimeout(() => host.respondToNotification('call-1', 'Accept'));
    const e = await oneEvent(el, 'cif-call-accept');
    expect(e.detail).to.deep.equal({ callId: 'call-1', source: 'notification' });
    await settle(el);
    expect(el.open).to.be.false;
    expect(el.notifyState).to.equal('answered');
  });

  it('Reject in Dynamics declines; a full notification queue is not a decline', async () => {
    const { host, client } = simulated();
    const el = await render(client, { notify: 'tmpl' });
    await showCall(el);
    await waitUntil(() => host.notifications.length === 1);
    setTimeout(() => host.respondToNotification(0, 'Reject'));
    expect((await oneEvent(el, 'cif-call-decline')).detail.source).to.equal('notification');

    await showCall(el, { callId: 'call-2' });
    await waitUntil(() => host.notifications.length === 1);
    const errors = record<CifCallNotifyErrorDetail>(el, 'cif-call-notify-error');
    host.respondToNotification('call-2', 'Reject', 'NotificationQueueLimitExceeded');
    await waitUntil(() => errors.length === 1, 'reported');
    expect(el.open, 'the alert carries on').to.be.true;
    expect(errors[0]!.detail.operation).to.equal('notifyEvent');
    expect(el.notifyError!.message).to.contain('NotificationQueueLimitExceeded');
  });

  it('an answer in the widget, the time-out or removal cancels Dynamics’ notification', async () => {
    const { host, client } = simulated();
    const el = await render(client, { notify: 'tmpl', timeout: 1 });
    await showCall(el);
    await waitUntil(() => host.notifications.length === 1);
    el.accept();
    await waitUntil(() => host.notifications.length === 0, 'cancelled on accept');
    expect(el.notifyState).to.equal('cancelled');

    await showCall(el, { callId: 'call-2' });
    await waitUntil(() => host.notifications.length === 1);
    await oneEvent(el, 'cif-call-timeout');
    await waitUntil(() => host.notifications.length === 0, 'cancelled on time-out');

    el.timeout = 30;
    await showCall(el, { callId: 'call-3' });
    await waitUntil(() => host.notifications.length === 1);
    el.remove();
    await waitUntil(() => host.notifications.length === 0, 'cancelled on removal');
    expect(client.listenerCount()).to.equal(0);
    expect(host.handlerCount()).to.equal(0);
  });

  it('notifyEvent failing: the alert works alone and reports it; cancelEvent failing is reported too', async () => {
    const { host, client } = simulated();
    host.fail('notifyEvent', { message: 'Template not found' });
    const el = await render(client, { notify: 'missing_template' });
    const errors = record<CifCallNotifyErrorDetail>(el, 'cif-call-notify-error');
    await showCall(el);
    await waitUntil(() => errors.length === 1);
    expect(errors[0]!.detail).to.include({ callId: 'call-1', operation: 'notifyEvent' });
    expect(errors[0]!.detail.error.message).to.equal('Template not found');
    expect(el.notifyState).to.equal('failed');
    expect(el.open).to.be.true;
    expect(parts(el).status, 'silent: no visible error').to.equal(null);
    await expect(el).to.be.accessible();
    expect(el.accept()).to.be.true;

    host.clearFailures();
    host.fail('cancelEvent', { shape: 'map', message: 'cannot cancel' });
    await showCall(el, { callId: 'call-2' });
    await waitUntil(() => host.notifications.length === 1);
    el.decline();
    await waitUntil(() => errors.length === 2);
    expect(errors[1]!.detail).to.include({ callId: 'call-2', operation: 'cancelEvent' });
    expect(errors[1]!.detail.error.message).to.equal('cannot cancel');
  });

  it('CIF 1.0: no notifyEvent (unsupported), the alert works', async () => {
    const { host, client } = simulated({ version: 1 });
    const el = await render(client, { notify: 'tmpl' });
    await showCall(el);
    expect(el.notifyState).to.equal('unsupported');
    expect(host.notifications).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('fake library: JSON answer declines; JSON and Map rejections are reported; no handler left', async () => {
    const { fake, client } = fakeClient();
    fake.respond('notifyEvent', JSON.stringify({ actionName: 'Reject', responseReason: 'DeclinedByAgent' }), { once: true });
    const el = await render(client, { notify: 'tmpl' });
    const declined = record<CifCallAnswerDetail>(el, 'cif-call-decline');
    await showCall(el);
    await waitUntil(() => declined.length === 1);
    expect(declined[0]!.detail.source).to.equal('notification');
    expect(fake.callsOf('notifyEvent')[0]![0]).to.deep.include({ templateName: 'tmpl', cancellationToken: 'call-1' });

    const errors = record<CifCallNotifyErrorDetail>(el, 'cif-call-notify-error');
    fake.reject('notifyEvent', JSON.stringify({ message: 'NotificationTemplateNotFoundError' }), { once: true });
    await showCall(el, { callId: 'call-2' });
    await waitUntil(() => errors.length === 1);
    expect(errors[0]!.detail.error.message).to.equal('NotificationTemplateNotFoundError');

    fake.hang('notifyEvent', { once: true });
    fake.reject('cancelEvent', new Map([['message', 'Map cancel failure']]), { once: true });
    await showCall(el, { callId: 'call-3' });
    await aTimeout(0);
    el.accept();
    await waitUntil(() => errors.length === 2);
    expect(errors[1]!.detail.error.message).to.equal('Map cancel failure');
    el.remove();
    expect(client.listenerCount()).to.equal(0);
    expect(fake.handlerCount()).to.equal(0);
  });
});
