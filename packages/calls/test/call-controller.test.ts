import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CifClient, SimulatedCifHost } from '@cif-elements/client';
import '../src/index.js';
import { CallController, DEFAULT_CALL_SESSION_TEMPLATE, PENDING_LOGS_KEY, PendingLogStore } from '../src/index.js';
import type { CallControllerEventMap, CallControllerOptions, CifIncomingCall, CifWrapUp, LogWriteResult, PendingCallLog } from '../src/index.js';
import { SEED, TestController, TestDialer, fakeClient, settle, simulated, storedLogs, useCleanStorage } from './helpers.js';

type Recorded = { [K in keyof CallControllerEventMap]: Array<CallControllerEventMap[K]['detail']> };
const EVENT_TYPES: Array<keyof CallControllerEventMap> = [
  'change',
  'accept',
  'decline',
  'timeout',
  'dial',
  'hangup',
  'mute',
  'hold',
  'dtmf',
  'screenpop',
  'logged',
  'logfailed',
  'error',
];

function recordAll(c: CallController): Recorded {
  const out = {} as Record<string, unknown[]>;
  for (const t of EVENT_TYPES) {
    out[t] = [];
    c.addEventListener(t, (e: Event) => out[t]!.push((e as CustomEvent).detail));
  }
  return out as unknown as Recorded;
}

interface Setup {
  host: SimulatedCifHost;
  client: CifClient;
  alert: CifIncomingCall;
  dialer: TestDialer;
  wrapUp: CifWrapUp;
  controller: CallController;
  events: Recorded;
}

async function setup(
  o: { version?: 1 | 2; options?: Partial<CallControllerOptions>; wrapUp?: boolean; timeout?: number; notify?: string } = {},
): Promise<Setup> {
  const { host, client } = simulated({ version: o.version ?? 2 });
  const root = await fixture<HTMLElement>(html`<div>
    <cif-incoming-call default-country="US" timeout=${o.timeout ?? 30} notify=${o.notify ?? ''} .client=${client}></cif-incoming-call>
    <test-dialer></test-dialer>
    <cif-wrap-up default-country="US"></cif-wrap-up>
  </div>`);
  const alert = root.querySelector('cif-incoming-call')!;
  const dialer = root.querySelector('test-dialer') as TestDialer;
  const wrapUp = root.querySelector('cif-wrap-up')!;
  const controller = new TestController({ client, defaultCountry: 'US', ...(o.options ?? {}) });
  controller.attach({ dialers: [dialer], alert, wrapUp: o.wrapUp === false ? null : wrapUp });
  const events = recordAll(controller);
  await settle(alert, wrapUp);
  return { host, client, alert, dialer, wrapUp, controller, events };
}

const alertPart = (a: CifIncomingCall, p: string) => a.shadowRoot!.querySelector<HTMLElement>(`[part~="${p}"]`);
const wrapPart = <T extends HTMLElement = HTMLElement>(w: CifWrapUp, p: string) => w.shadowRoot!.querySelector<T>(`[part~="${p}"]`);
const idOf = (host: SimulatedCifHost, entity: string, name: string) =>
  String(host.records(entity).find((r) => (r.fullname ?? r.name) === name)![`${entity}id`]);

async function lookedUp(s: Setup, callId: string) {
  await waitUntil(() => ['done', 'failed'].includes(s.controller.getCall(callId)!.lookup), 'lookup finished');
  await settle(s.alert, s.wrapUp);
}

describe('CallController against the simulated host (CIF 2.0)', () => {
  useCleanStorage();

  it('incoming → matched caller in the alert → accept → session + screen pop → dialer → wrap-up → phonecall activity', async () => {
    const s = await setup();
    const info = s.controller.incoming({ callId: 'tw-1', from: SEED.alan.e164, queue: 'Support' });
    expect(info).to.include({ callId: 'tw-1', direction: 'incoming', phase: 'ringing', display: '(425) 555-0149' });
    await settle(s.alert);
    expect(s.alert.open).to.be.true;
    expect(s.dialer.callState, 'the alert rings, not the dialer').to.equal('idle');
    await lookedUp(s, 'tw-1');
    expect(alertPart(s.alert, 'name')!.textContent).to.equal('Alan Turing');
    expect(alertPart(s.alert, 'number')!.textContent).to.equal('(425) 555-0149');
    await expect(s.alert).to.be.accessible();

    alertPart(s.alert, 'accept')!.click();
    await waitUntil(() => s.events.screenpop.length === 1, 'screen pop');
    expect(s.events.accept.map((e) => [e.call.callId, e.source])).to.deep.equal([['tw-1', 'button']]);
    const alanId = idOf(s.host, 'contact', 'Alan Turing');
    const [session] = s.host.sessions;
    expect(session).to.include({ templateName: DEFAULT_CALL_SESSION_TEMPLATE, customerName: 'Alan Turing', providerSessionId: 'tw-1' });
    expect(session!.templateParameters).to.include({ customerName: 'Alan Turing', phoneNumber: SEED.alan.e164 });
    const page = s.host.openedPages.at(-1)!;
    expect(page).to.include({ kind: 'record', entityName: 'contact', entityId: alanId });
    expect(page.at).to.be.at.least(session!.createdAt);
    expect(s.events.screenpop[0]!.action).to.equal('opened');
    let call = s.controller.getCall('tw-1')!;
    expect(call).to.include({ answer: 'accepted', sessionId: session!.sessionId, name: 'Alan Turing', screenPop: 'opened' });
    expect(call.regarding).to.include({ entityName: 'contact', id: alanId });

    s.controller.connected('tw-1');
    expect([s.dialer.callState, s.dialer.callNumber, s.dialer.contactName]).to.deep.equal(['connected', SEED.alan.e164, 'Alan Turing']);
    s.controller.held('tw-1', true);
    expect(s.dialer.callState).to.equal('held');
    s.controller.held('tw-1', false);
    s.controller.muted('tw-1', true);
    expect([s.dialer.callState, s.dialer.muted]).to.deep.equal(['connected', true]);
    await settle(s.wrapUp);
    expect(wrapPart(s.wrapUp, 'heading')!.textContent).to.equal('Call notes');
    wrapPart(s.wrapUp, 'notes')!.focus();
    await sendKeys({ type: 'Asked about the invoice.' });
    await aTimeout(1100);

    s.controller.ended('tw-1');
    call = s.controller.getCall('tw-1')!;
    expect(call).to.include({ phase: 'ended', endReason: 'completed', log: 'draft' });
    expect(s.dialer.callState).to.equal('ended');
    expect(s.dialer.muted).to.be.false;
    await waitUntil(() => storedLogs().length === 1, 'kept the moment the call ends');
    expect(s.controller.store.get(call.logId!)).to.include({ draft: true, callId: 'tw-1' });
    await settle(s.wrapUp);
    expect(wrapPart(s.wrapUp, 'heading')!.textContent).to.equal('Wrap-up');
    wrapPart<HTMLSelectElement>(s.wrapUp, 'outcome')!.value = 'Resolved';
    wrapPart<HTMLSelectElement>(s.wrapUp, 'outcome')!.dispatchEvent(new Event('change'));
    await expect(s.wrapUp).to.be.accessible();
    wrapPart(s.wrapUp, 'submit')!.click();
    await waitUntil(() => s.events.logged.length === 1, 'logged');
    await settle(s.wrapUp);

    const pc = s.host.record('phonecall', call.logId!)!;
    expect(pc).to.include({
      subject: 'Call from Alan Turing',
      directioncode: false,
      phonenumber: SEED.alan.e164,
      description: 'Outcome: Resolved\nQueue: Support\n\nAsked about the invoice.',
      'regardingobjectid_contact_phonecall@odata.bind': `/contacts(${alanId})`,
    });
    expect(pc.actualdurationminutes).to.equal(1);
    expect(pc.phonecall_activity_parties).to.deep.equal([
      { 'partyid_contact@odata.bind': `/contacts(${alanId})`, participationtypemask: 1 },
      { 'partyid_systemuser@odata.bind': '/systemusers(7d3e6b1a-9c2f-4e8b-a5d4-3f2e1d0c9b8a)', participationtypemask: 2 },
    ]);
    expect(s.controller.store.size).to.equal(0);
    expect(s.wrapUp.logState).to.equal('saved');
    expect(wrapPart(s.wrapUp, 'status')!.textContent).to.equal('Call logged in Dynamics.');
    expect(s.controller.getCall('tw-1')!.log).to.equal('saved');
    expect(s.events.error).to.deep.equal([]);
    await expect(s.wrapUp).to.be.accessible();
  });

  it('a missed call: the alert goes when the caller hangs up and the activity is logged at once', async () => {
    const s = await setup();
    s.controller.incoming({ callId: 'm1', from: SEED.alan.e164 });
    await lookedUp(s, 'm1');
    s.controller.ended('m1');
    await settle(s.alert);
    expect(s.alert.open).to.be.false;
    await waitUntil(() => s.events.logged.length === 1);
    const pc = s.host.record('phonecall', s.controller.getCall('m1')!.logId!)!;
    expect(pc).to.include({ subject: 'Missed call from Alan Turing', actualdurationminutes: 0, directioncode: false });
    expect(s.wrapUp.call, 'no wrap-up for a call never answered').to.equal(undefined);
    expect(s.host.sessions).to.have.length(0);
    expect(s.host.openedPages).to.have.length(0);
  });

  it('Alt+D declines (decline event); the provider ends it: "Declined call from"', async () => {
    const s = await setup();
    s.controller.incoming({ callId: 'd1', from: SEED.alan.e164 });
    await lookedUp(s, 'd1');
    await sendKeys({ down: 'Alt' });
    await sendKeys({ press: 'KeyD' });
    await sendKeys({ up: 'Alt' });
    await waitUntil(() => s.events.decline.length === 1);
    expect(s.events.decline[0]!.source).to.equal('keyboard');
    s.controller.ended(s.events.decline[0]!.call.callId);
    await waitUntil(() => s.events.logged.length === 1);
    expect(s.host.record('phonecall', s.controller.getCall('d1')!.logId!)!.subject).to.equal('Declined call from Alan Turing');
    expect(s.host.openedPages, 'no pop for a declined call').to.have.length(0);
  });

  it('the alert’s time-out fires timeout; a second ringing call waits for the alert', async () => {
    const s = await setup({ timeout: 1 });
    s.controller.incoming({ callId: 't1', from: SEED.alan.e164 });
    s.controller.incoming({ callId: 't2', from: SEED.grace.e164 });
    await settle(s.alert);
    expect(s.alert.callId).to.equal('t1');
    await waitUntil(() => s.events.timeout.length === 1, 'timed out', { timeout: 3000 });
    expect(s.events.timeout[0]!.call.callId).to.equal('t1');
    expect(s.controller.getCall('t1')!.answer).to.equal('timeout');
    await settle(s.alert);
    expect([s.alert.open, s.alert.callId]).to.deep.equal([true, 't2']);
    s.controller.accept('t2');
    await waitUntil(() => s.events.accept.length === 1);
    expect(s.events.accept[0]!.call.callId).to.equal('t2');
  });

  it('several matches open Dynamics’ search page; the wrap-up chooser picks the record, opens it, and the log is about it', async () => {
    const s = await setup();
    s.host.putRecord('contact', { firstname: 'Zed', lastname: 'Second', mobilephone: '425-555-0101' });
    s.controller.incoming({ callId: 'x1', from: '+14255550101' });
    await lookedUp(s, 'x1');
    expect(alertPart(s.alert, 'name')!.textContent).to.equal('2 matching records');
    s.controller.accept('x1');
    await waitUntil(() => s.events.screenpop.length === 1);
    expect(s.events.screenpop[0]!.action).to.equal('search');
    expect(s.host.openedPages.at(-1)).to.include({ kind: 'search', entityName: 'contact', searchString: '425-555-0101' });
    expect(s.host.sessions[0]!.customerName, 'no single name: the number').to.equal('(425) 555-0101');
    s.controller.connected('x1');
    await settle(s.wrapUp);
    const radios = [...s.wrapUp.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios).to.have.length(3);
    radios[1]!.click(); // the account
    await settle(s.wrapUp);
    const fabId = idOf(s.host, 'account', SEED.fabrikam.name);
    expect(s.controller.getCall('x1')!.regarding).to.include({ entityName: 'account', id: fabId });
    wrapPart(s.wrapUp, 'open-record')!.click();
    await waitUntil(() => s.host.openedPages.at(-1)?.entityId === fabId, 'record opened');
    s.controller.ended('x1');
    await settle(s.wrapUp);
    wrapPart(s.wrapUp, 'submit')!.click();
    await waitUntil(() => s.events.logged.length === 1);
    const pc = s.host.record('phonecall', s.controller.getCall('x1')!.logId!)!;
    expect(pc['regardingobjectid_account_phonecall@odata.bind']).to.equal(`/accounts(${fabId})`);
    expect(pc.subject).to.equal('Call from Fabrikam, Inc.');
  });

  it('multipleMatches: chooser opens no page; screenPop: incoming pops while ringing; never pops nothing', async () => {
    const s = await setup({ options: { multipleMatches: 'chooser' } });
    s.host.putRecord('contact', { firstname: 'Zed', lastname: 'Second', mobilephone: '425-555-0101' });
    s.controller.incoming({ callId: 'c1', from: '+14255550101' });
    await lookedUp(s, 'c1');
    s.controller.accept('c1');
    await waitUntil(() => s.events.screenpop.length === 1);
    expect(s.events.screenpop[0]!.action).to.equal('chooser');
    expect(s.host.openedPages).to.have.length(0);

    const early = await setup({ options: { screenPop: 'incoming' } });
    early.controller.incoming({ callId: 'e1', from: SEED.alan.e164 });
    await waitUntil(() => early.events.screenpop.length === 1);
    expect(early.controller.getCall('e1')!.answer, 'popped while ringing').to.equal(undefined);
    expect(early.host.openedPages).to.have.length(1);

    const never = await setup({ options: { screenPop: 'never', sessionTemplate: null } });
    never.controller.incoming({ callId: 'n1', from: SEED.alan.e164 });
    await lookedUp(never, 'n1');
    never.controller.accept('n1');
    never.controller.connected('n1');
    await aTimeout(50);
    expect(never.host.openedPages).to.have.length(0);
    expect(never.host.sessions).to.have.length(0);
  });

  it('nobody has the number: "Create contact" opens the form with the number; the new contact is the call’s record', async () => {
    const s = await setup();
    s.controller.incoming({ callId: 'n1', from: SEED.nobody.e164 });
    await lookedUp(s, 'n1');
    expect(alertPart(s.alert, 'name')!.textContent).to.equal('Unknown caller');
    s.controller.accept('n1');
    await waitUntil(() => s.events.screenpop.length === 1);
    expect(s.events.screenpop[0]!.action).to.equal('none');
    s.controller.connected('n1');
    await settle(s.wrapUp);
    wrapPart(s.wrapUp, 'create-contact')!.click();
    await waitUntil(() => s.events.screenpop.length === 2);
    expect(s.events.screenpop[1]!.action).to.equal('created');
    const form = s.host.openedPages.at(-1)!;
    expect(form).to.include({ kind: 'form', source: 'openForm', entityName: 'contact' });
    expect(s.host.record('contact', form.entityId!)!.telephone1).to.equal('+1 425 555 0199');
    await settle(s.wrapUp);
    expect(wrapPart(s.wrapUp, 'open-record'), 'the new contact is shown').to.not.equal(null);
    s.controller.ended('n1');
    await settle(s.wrapUp);
    await s.controller.submitWrapUp('n1', { notes: 'New customer' });
    const pc = s.host.record('phonecall', s.controller.getCall('n1')!.logId!)!;
    expect(pc['regardingobjectid_contact_phonecall@odata.bind']).to.equal(`/contacts(${form.entityId})`);
    expect(pc.description).to.equal('New customer');
  });

  it('outgoing: drives the dialer, pops at once (no session), relays the dialer’s events with the call', async () => {
    const s = await setup();
    s.dialer.fire('cif-dial', { number: SEED.grace.e164, raw: '+44 20 7946 0050', source: 'keypad' }, true);
    await aTimeout(0);
    expect(s.events.dial).to.deep.equal([{ number: SEED.grace.e164, raw: '+44 20 7946 0050', source: 'keypad' }]);
    s.controller.outgoing({ callId: 'o1', to: SEED.grace.e164 });
    expect([s.dialer.callState, s.dialer.callNumber]).to.deep.equal(['dialing', SEED.grace.e164]);
    await waitUntil(() => s.events.screenpop.length === 1);
    expect(s.events.screenpop[0]!.action).to.equal('opened');
    expect(s.dialer.contactName).to.equal('Grace Hopper');
    expect(s.host.sessions).to.have.length(0);
    s.controller.ringing('o1');
    expect(s.dialer.callState).to.equal('ringing');
    s.controller.connected('o1');
    expect(s.dialer.callState).to.equal('connected');
    expect(s.controller.getCall('o1')!.answer, 'outgoing calls are not "accepted"').to.equal(undefined);
    s.dialer.fire('cif-mute', { muted: true }, true);
    s.dialer.fire('cif-dtmf', { digit: '5' });
    s.dialer.addEventListener('cif-hold', (e) => e.preventDefault(), { once: true });
    s.dialer.fire('cif-hold', { held: true }, true);
    s.dialer.fire('cif-hold', { held: true }, true);
    s.dialer.fire('cif-hangup', { number: SEED.grace.e164 });
    await aTimeout(0);
    expect(s.events.mute.map((e) => [e.call.callId, e.muted])).to.deep.equal([['o1', true]]);
    expect(s.events.dtmf.map((e) => [e.call.callId, e.digit])).to.deep.equal([['o1', '5']]);
    expect(s.events.hold.map((e) => [e.call.callId, e.held]), 'the cancelled one is not relayed').to.deep.equal([['o1', true]]);
    expect(s.events.hangup.map((e) => e.call.callId)).to.deep.equal(['o1']);
    s.controller.ended('o1');
    await settle(s.wrapUp);
    await s.controller.submitWrapUp('o1', {});
    const pc = s.host.record('phonecall', s.controller.getCall('o1')!.logId!)!;
    expect(pc).to.include({ subject: 'Call to Grace Hopper', directioncode: true });
    expect((pc.phonecall_activity_parties as Array<Record<string, unknown>>).map((p) => p.participationtypemask)).to.deep.equal([2, 1]);
  });

  it('outgoing from a record (click-to-act with an id, or regarding given): no screen pop, the record is the call’s', async () => {
    const s = await setup();
    const graceId = idOf(s.host, 'contact', 'Grace Hopper');
    s.dialer.fire('cif-dial', {
      number: SEED.grace.e164,
      source: 'click-to-act',
      context: { value: '+44 20 7946 0050', entityLogicalName: 'contact', entityId: `{${graceId.toUpperCase()}}` },
    });
    await aTimeout(0);
    s.controller.outgoing({ callId: 'o2', to: '+44 20 7946 0050' });
    await lookedUp(s, 'o2');
    expect(s.controller.getCall('o2')!.regarding).to.include({ entityName: 'contact', id: graceId });
    expect(s.host.openedPages).to.have.length(0);
    expect(s.events.screenpop).to.have.length(0);
  });

  it('CIF 1.0: no session, the record still pops; keyboard-only accept with Alt+A', async () => {
    const s = await setup({ version: 1 });
    s.controller.incoming({ callId: 'v1', from: SEED.alan.e164 });
    await lookedUp(s, 'v1');
    await sendKeys({ down: 'Alt' });
    await sendKeys({ press: 'KeyA' });
    await sendKeys({ up: 'Alt' });
    await waitUntil(() => s.events.screenpop.length === 1);
    expect(s.events.accept[0]!.source).to.equal('keyboard');
    expect(s.controller.getCall('v1')!.sessionId).to.equal(undefined);
    expect(s.host.openedPages.at(-1)).to.include({ kind: 'record', entityName: 'contact' });
    expect(s.events.error).to.deep.equal([]);
    await expect(s.alert).to.be.accessible();
  });

  it('options: subject() names the activity (a throwing one falls back), sessionParameters() fill the session', async () => {
    const s = await setup({
      wrapUp: false,
      options: {
        subject: (input) => (input.callId === 'bad' ? (() => { throw new Error('boom'); })() : `Support call ${input.callId}`),
        sessionParameters: (call) => ({ queue: call.queue ?? '' }),
      },
    });
    s.controller.incoming({ callId: 's1', from: SEED.alan.e164, queue: 'VIP' });
    await lookedUp(s, 's1');
    s.controller.accept('s1');
    await waitUntil(() => s.events.screenpop.length === 1);
    expect(s.host.sessions[0]!.templateParameters).to.include({ queue: 'VIP', customerName: 'Alan Turing' });
    s.controller.connected('s1');
    s.controller.ended('s1');
    await waitUntil(() => s.events.logged.length === 1);
    expect(s.host.record('phonecall', s.controller.getCall('s1')!.logId!)!.subject).to.equal('Support call s1');
    const error = console.error;
    console.error = () => undefined;
    try {
      s.controller.incoming({ callId: 'bad', from: SEED.alan.e164 });
      s.controller.ended('bad');
      await waitUntil(() => s.events.logged.length === 2);
    } finally {
      console.error = error;
    }
    expect(s.host.record('phonecall', s.controller.getCall('bad')!.logId!)!.subject).to.equal('Missed call from Alan Turing');
  });

  it('detach() removes every listener from the elements; dispose() stops the flow', async () => {
    const s = await setup();
    s.controller.outgoing({ callId: 'o1', to: SEED.grace.e164 });
    s.controller.detach();
    s.dialer.fire('cif-hangup', {});
    await aTimeout(0);
    expect(s.events.hangup).to.have.length(0);
    s.controller.incoming({ callId: 'i1', from: SEED.alan.e164 });
    await settle(s.alert);
    expect(s.alert.open, 'detached: the alert is not driven').to.be.false;
    s.controller.dispose();
    expect(() => s.controller.incoming({ callId: 'i2', from: '1' })).to.throw();
    expect(() => new TestController().incoming({ callId: '', from: '1' })).to.throw(TypeError);
  });
});

describe('CallController: every CIF call in the flow failing (simulated host)', () => {
  useCleanStorage();

  it('searchAndOpenRecords failing in the lookup: the alert says so, the flow goes on, "Search again" recovers', async () => {
    const s = await setup();
    s.host.fail('searchAndOpenRecords', { message: 'Search is down' });
    s.controller.incoming({ callId: 'f1', from: SEED.alan.e164 });
    await lookedUp(s, 'f1');
    expect(s.controller.getCall('f1')!.lookup).to.equal('failed');
    expect(alertPart(s.alert, 'status')!.textContent).to.equal('Could not search Dynamics for this number.');
    expect(s.events.error.map((e) => [e.step, e.error.message])).to.deep.equal([
      ['lookup', 'Search is down'],
      ['lookup', 'Search is down'],
    ]);
    await expect(s.alert).to.be.accessible();
    s.controller.accept('f1');
    await waitUntil(() => s.events.screenpop.length === 1);
    expect(s.events.screenpop[0]!.action).to.equal('failed');
    expect(s.host.sessions[0]!.customerName).to.equal('(425) 555-0149');
    s.controller.connected('f1');
    await settle(s.wrapUp);
    expect(wrapPart(s.wrapUp, 'records')!.textContent).to.contain('Could not search Dynamics');
    await expect(s.wrapUp).to.be.accessible();
    s.host.clearFailures();
    wrapPart(s.wrapUp, 'search-again')!.click();
    await waitUntil(() => s.events.screenpop.length === 2);
    expect(s.events.screenpop[1]!.action).to.equal('opened');
    expect(s.controller.getCall('f1')).to.include({ lookup: 'done', name: 'Alan Turing' });
    s.controller.ended('f1');
    await s.controller.submitWrapUp('f1');
    expect(s.host.records('phonecall').some((p) => p.subject === 'Call from Alan Turing')).to.be.true;
  });

  it('searchAndOpenRecords failing when opening the record: reported, session and log unaffected', async () => {
    const s = await setup();
    s.controller.incoming({ callId: 'f2', from: SEED.alan.e164 });
    await lookedUp(s, 'f2');
    s.host.fail('searchAndOpenRecords', { shape: 'xrm', message: 'Cannot open' });
    s.controller.accept('f2');
    await waitUntil(() => s.events.screenpop.length === 1);
    expect(s.events.screenpop[0]!.action).to.equal('failed');
    expect(s.events.error.map((e) => [e.step, e.error.message])).to.deep.equal([['screen-pop', 'Cannot open']]);
    expect(s.host.sessions).to.have.length(1);
    s.controller.ended('f2');
    await waitUntil(() => s.events.logged.length === 1, 'a call accepted but never connected is logged at once');
  });

  it('renderSearchPage failing: reported as a screen-pop error', async () => {
    const s = await setup();
    s.host.putRecord('contact', { firstname: 'Zed', lastname: 'Second', mobilephone: '425-555-0101' });
    s.host.fail('renderSearchPage');
    s.controller.incoming({ callId: 'f3', from: '+14255550101' });
    await lookedUp(s, 'f3');
    s.controller.accept('f3');
    await waitUntil(() => s.events.screenpop.length === 1);
    expect(s.events.screenpop[0]!.action).to.equal('failed');
    expect(s.events.error[0]!.step).to.equal('screen-pop');
  });

  for (const method of ['canCreateSession', 'createSession'] as const) {
    it(`${method} failing: reported as a session error, the record pops in the current session`, async () => {
      const s = await setup();
      s.host.fail(method, { message: `${method} broke` });
      s.controller.incoming({ callId: 's1', from: SEED.alan.e164 });
      await lookedUp(s, 's1');
      s.controller.accept('s1');
      await waitUntil(() => s.events.screenpop.length === 1);
      expect(s.events.screenpop[0]!.action).to.equal('opened');
      expect(s.events.error.map((e) => [e.step, e.error.message])).to.deep.equal([['session', `${method} broke`]]);
      expect(s.controller.getCall('s1')!.sessionId).to.equal(undefined);
      expect(s.controller.getCall('s1')!.errors.map((e) => e.step)).to.deep.equal(['session']);
    });
  }

  it('notifyEvent and cancelEvent failing: the alert reports them, the flow goes on', async () => {
    const s = await setup({ notify: 'sample_IncomingCallNotification' });
    s.host.fail('notifyEvent', { message: 'NotificationTemplateNotFoundError' });
    const notifyErrors: string[] = [];
    s.alert.addEventListener('cif-call-notify-error', (e) => notifyErrors.push(`${e.detail.operation}: ${e.detail.error.message}`));
    s.controller.incoming({ callId: 'n1', from: SEED.alan.e164 });
    await waitUntil(() => notifyErrors.length === 1);
    s.controller.accept('n1');
    await waitUntil(() => s.events.screenpop.length === 1);
    s.host.clearFailures();
    s.host.fail('cancelEvent', { message: 'cannot cancel' });
    s.controller.incoming({ callId: 'n2', from: SEED.grace.e164 });
    await waitUntil(() => s.host.notifications.length === 1);
    s.controller.decline('n2');
    await waitUntil(() => notifyErrors.length === 2);
    expect(notifyErrors).to.deep.equal(['notifyEvent: NotificationTemplateNotFoundError', 'cancelEvent: cannot cancel']);
    expect(s.events.decline.map((e) => e.call.callId)).to.deep.equal(['n2']);
  });

  it('Dynamics’ notification answered in Dynamics drives the flow (Accept there = accept)', async () => {
    const s = await setup({ notify: 'sample_IncomingCallNotification' });
    s.controller.incoming({ callId: 'n3', from: SEED.alan.e164 });
    await waitUntil(() => s.host.notifications.length === 1);
    s.host.respondToNotification('n3', 'Accept');
    await waitUntil(() => s.events.screenpop.length === 1);
    expect(s.events.accept[0]!.source).to.equal('notification');
  });

  it('getEnvironment failing: reported, the activity is still written (without the agent party)', async () => {
    const s = await setup();
    s.host.fail('getEnvironment', { message: 'env broke' });
    s.controller.incoming({ callId: 'g1', from: SEED.alan.e164 });
    await lookedUp(s, 'g1');
    s.controller.ended('g1');
    await waitUntil(() => s.events.logged.length === 1);
    expect(s.events.error.map((e) => [e.step, e.error.message])).to.deep.equal([['environment', 'env broke']]);
    const pc = s.host.record('phonecall', s.controller.getCall('g1')!.logId!)!;
    expect(pc.phonecall_activity_parties).to.deep.equal([
      { 'partyid_contact@odata.bind': `/contacts(${idOf(s.host, 'contact', 'Alan Turing')})`, participationtypemask: 1 },
    ]);
  });

  it('createRecord failing: the wrap-up shows it, the log is kept in localStorage, Save again writes it', async () => {
    const s = await setup();
    s.host.fail('createRecord', { message: 'Dataverse is down' });
    s.controller.incoming({ callId: 'l1', from: SEED.alan.e164 });
    s.controller.connected('l1');
    s.controller.ended('l1');
    await settle(s.wrapUp);
    s.wrapUp.notes = 'Important notes';
    await settle(s.wrapUp);
    wrapPart(s.wrapUp, 'submit')!.click();
    await waitUntil(() => s.events.logfailed.length === 1);
    await settle(s.wrapUp);
    expect(s.wrapUp.logState).to.equal('failed');
    expect(wrapPart(s.wrapUp, 'error')!.textContent).to.contain('Dataverse is down');
    expect(s.events.error.map((e) => e.step)).to.deep.equal(['log']);
    const kept = storedLogs();
    expect(kept).to.have.length(1);
    expect(kept[0]!).to.include({ callId: 'l1', attempts: 1, lastError: 'Dataverse is down' });
    expect(kept[0]!.record.description).to.equal('Important notes');
    await expect(s.wrapUp).to.be.accessible();
    s.host.clearFailures();
    wrapPart(s.wrapUp, 'submit')!.click();
    await waitUntil(() => s.events.logged.length === 1);
    await settle(s.wrapUp);
    expect(s.wrapUp.logState).to.equal('saved');
    expect(storedLogs()).to.deep.equal([]);
    expect(s.host.record('phonecall', kept[0]!.id)!.description).to.equal('Important notes');
  });

  it('a failed log is retried when the next call ends, and with "Retry now"', async () => {
    const s = await setup({ wrapUp: false });
    s.host.fail('createRecord', { times: 1 });
    s.controller.incoming({ callId: 'r1', from: SEED.alan.e164 });
    s.controller.ended('r1');
    await waitUntil(() => s.events.logfailed.length === 1);
    expect(s.controller.pendingLogs).to.have.length(1);
    s.controller.incoming({ callId: 'r2', from: SEED.grace.e164 });
    s.controller.ended('r2');
    await waitUntil(() => s.events.logged.length === 2, 'both written');
    expect(s.events.logged.map((e) => e.log.callId).sort()).to.deep.equal(['r1', 'r2']);
    expect(s.controller.pendingLogs).to.have.length(0);

    s.host.fail('createRecord', { times: 1 });
    s.controller.incoming({ callId: 'r3', from: SEED.alan.e164 });
    s.controller.ended('r3');
    await waitUntil(() => s.events.logfailed.length === 2);
    s.controller.attach({ wrapUp: s.wrapUp });
    await settle(s.wrapUp);
    expect(wrapPart(s.wrapUp, 'pending')!.textContent).to.equal('1 call log is waiting for Dynamics.');
    wrapPart(s.wrapUp, 'retry')!.click();
    await waitUntil(() => s.events.logged.length === 3);
    await settle(s.wrapUp);
    expect(wrapPart(s.wrapUp, 'pending')).to.equal(null);
  });

  it('openForm failing: "Create contact" reports a create-contact error', async () => {
    const s = await setup();
    s.host.fail('openForm', { message: 'Form unavailable' });
    s.controller.incoming({ callId: 'o1', from: SEED.nobody.e164 });
    await lookedUp(s, 'o1');
    expect(await s.controller.createContact('o1')).to.equal(undefined);
    expect(s.events.error.map((e) => [e.step, e.error.message])).to.deep.equal([['create-contact', 'Form unavailable']]);
  });

  it('no client at all: the call flow still runs and the log waits for one', async () => {
    const s = await setup();
    s.controller.client = undefined;
    s.controller.incoming({ callId: 'nc', from: SEED.alan.e164 });
    await settle(s.alert);
    expect(s.alert.open).to.be.true;
    s.controller.accept('nc');
    s.controller.connected('nc');
    s.controller.ended('nc');
    await s.controller.submitWrapUp('nc', { notes: 'offline' });
    expect(s.controller.pendingLogs).to.have.length(1);
    expect(s.events.error.map((e) => e.step)).to.deep.equal(['log']);
    s.controller.client = s.client; // a client arrives
    await waitUntil(() => s.events.logged.length === 1);
    expect(s.host.records('phonecall').some((p) => p.description === 'offline')).to.be.true;
  });
});

describe('CallController: pending logs survive a reload', () => {
  useCleanStorage();

  it('a log that failed is written by the next page’s controller when its client arrives', async () => {
    const { host, client } = simulated();
    const first = new TestController({ client, defaultCountry: 'US' });
    const firstEvents = recordAll(first);
    host.fail('createRecord', { message: 'offline' });
    first.incoming({ callId: 'p1', from: SEED.alan.e164 });
    first.ended('p1');
    await waitUntil(() => firstEvents.logfailed.length === 1);
    const logId = first.getCall('p1')!.logId!;
    first.dispose(); // the page goes away
    host.clearFailures();

    const second = new TestController({ defaultCountry: 'US' });
    const events = recordAll(second);
    expect(second.pendingLogs.map((l) => l.id)).to.deep.equal([logId]);
    second.client = client;
    await waitUntil(() => events.logged.length === 1);
    expect(events.logged[0]!.log.id).to.equal(logId);
    expect(host.record('phonecall', logId)!.subject).to.equal('Missed call from Alan Turing');
    expect(second.pendingLogs).to.have.length(0);
  });

  it('a wrap-up left open (a draft) is written as it is by the next controller', async () => {
    const s = await setup();
    s.controller.incoming({ callId: 'w1', from: SEED.alan.e164 });
    s.controller.connected('w1');
    s.controller.ended('w1');
    await waitUntil(() => s.controller.pendingLogs[0]?.input.userId !== undefined, 'agent id added');
    const logId = s.controller.getCall('w1')!.logId!;
    s.controller.retry();
    await aTimeout(20);
    expect(s.host.record('phonecall', logId), 'own drafts wait for the wrap-up').to.equal(undefined);
    s.controller.dispose();
    const next = new TestController({ client: s.client });
    await waitUntil(() => s.host.record('phonecall', logId) !== undefined, 'written by the next controller');
    expect(next.pendingLogs).to.have.length(0);
  });

  it('a controller disposed while its draft is being stored: the next controller writes it as soon as the lock is free, with the notes typed last', async () => {
    const s = await setup();
    s.controller.incoming({ callId: 'w2', from: SEED.alan.e164 });
    s.controller.connected('w2');
    s.controller.ended('w2');
    await waitUntil(() => s.controller.pendingLogs[0]?.input.userId !== undefined, 'agent id added');
    const logId = s.controller.getCall('w2')!.logId!;
    // The draft's lock is held (a slow storage write in WebKit holds it for tens of ms) while the agent types…
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let granted!: () => void;
    const got = new Promise<void>((r) => (granted = r));
    const request = navigator.locks.request(`${PENDING_LOGS_KEY}:lock:${logId}`, () => {
      granted();
      return held;
    });
    await got;
    const typed = s.controller.updateWrapUp('w2', { notes: 'Typed just before the reload' });
    // …and the page goes away: the next controller finds the log busy.
    s.controller.dispose();
    const next = new TestController({ client: s.client });
    await aTimeout(50);
    expect(s.host.record('phonecall', logId), 'not while the lock is held').to.equal(undefined);
    release();
    await request;
    await waitUntil(() => s.host.record('phonecall', logId) !== undefined, 'written once the lock is free (not after the 5 s back-off)', { timeout: 2000 });
    await typed;
    expect(String(s.host.record('phonecall', logId)!.description)).to.contain('Typed just before the reload');
    expect(next.pendingLogs).to.have.length(0);
    next.dispose();
  });

  it('a disposed controller\'s late write never brings back a log another controller wrote meanwhile', async () => {
    const s = await setup();
    s.controller.incoming({ callId: 'w3', from: SEED.alan.e164 });
    s.controller.connected('w3');
    s.controller.ended('w3');
    await waitUntil(() => s.controller.pendingLogs[0]?.input.userId !== undefined, 'agent id added');
    const logId = s.controller.getCall('w3')!.logId!;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let granted!: () => void;
    const got = new Promise<void>((r) => (granted = r));
    // This lock holder stands for the controller of another tab writing the (now ownerless) draft.
    const request = navigator.locks.request(`${PENDING_LOGS_KEY}:lock:${logId}`, async () => {
      granted();
      await held;
      localStorage.removeItem(`${PENDING_LOGS_KEY}:log:${logId}`);
    });
    await got;
    const typed = s.controller.updateWrapUp('w3', { notes: 'late' });
    s.controller.dispose();
    release();
    await request;
    await typed;
    await aTimeout(20);
    expect(storedLogs(), 'the written log stays gone').to.deep.equal([]);
  });

  it('another tab sends the owner\'s final log and removes it before the owner\'s own send: the owner\'s next store of that final does not put it back (no second createRecord)', async () => {
    const s = await setup();
    const created: string[] = [];
    const realCreate = s.client.createRecord.bind(s.client);
    s.client.createRecord = async (entity, data) => {
      created.push(String(data.activityid));
      return realCreate(entity, data);
    };
    s.controller.incoming({ callId: 'late', from: SEED.alan.e164 });
    s.controller.connected('late');
    s.controller.ended('late');
    await waitUntil(() => s.controller.pendingLogs[0]?.input.userId !== undefined, 'agent id added');
    const logId = s.controller.getCall('late')!.logId!;
    const key = `${PENDING_LOGS_KEY}:log:${logId}`;
    // Another tab's store (over the same storage and locks): it asks for the log the moment the owner stores the
    // final text, so its send waits in the log's lock queue ahead of the owner's own send.
    const other = new PendingLogStore();
    let sentByOther: Promise<LogWriteResult> | undefined;
    s.controller.store.addEventListener('change', (e) => {
      const stored = localStorage.getItem(key);
      if (e.detail.remote || sentByOther || !stored || (JSON.parse(stored) as PendingCallLog).draft) return;
      sentByOther = other.send(s.client, logId, { wait: true });
    });
    const saved = await s.controller.submitWrapUp('late', { notes: 'Final notes', outcome: 'Resolved' });
    expect(sentByOther, 'the other tab asked for the final log while the owner stored it').to.not.equal(undefined);
    expect(await sentByOther).to.include({ ok: true, duplicate: false });
    // The owner's send found the log gone (the other tab wrote it): its store of the final again (the safety
    // store of a log gone from storage) only replaces a kept log, so nothing is put back and sent a second time.
    expect(saved).to.include({ ok: true, duplicate: true });
    await aTimeout(20);
    expect(created.filter((id) => id === logId), 'one createRecord of the log').to.have.length(1);
    expect(storedLogs(), 'the written log stays gone').to.deep.equal([]);
    expect(String(s.host.record('phonecall', logId)!.description)).to.contain('Final notes');
    expect(s.controller.getCall('late')!.log).to.equal('saved');
    other.dispose();
  });

  it('two controllers over one storage never send a log twice (the lock), even while createRecord is slow', async () => {
    const { fake, client } = fakeClient();
    fake.reject('createRecord', JSON.stringify({ message: 'offline' }), { once: true });
    const first = new TestController({ client });
    const firstEvents = recordAll(first);
    first.incoming({ callId: 'twin', from: '+14255550100' });
    first.ended('twin');
    await waitUntil(() => firstEvents.logfailed.length === 1);
    first.dispose();
    fake.respond('createRecord', (e: string) => new Promise((resolve) => setTimeout(() => resolve(JSON.stringify({ id: 'x', entityType: e })), 50)));
    const a = new TestController();
    const b = new TestController();
    a.client = client;
    b.client = client;
    const [ra, rb] = await Promise.all([a.retry(), b.retry()]);
    await waitUntil(() => a.pendingLogs.length === 0, 'written');
    expect(fake.callsOf('createRecord'), 'one failed attempt, then exactly one write').to.have.length(2);
    expect(ra.written.length + rb.written.length).to.be.at.most(1);
  });
});

describe('CallController against the fake CIF library', () => {
  useCleanStorage();

  const contactRow = JSON.stringify({ 0: { contactid: 'aaaaaaaa-0000-4000-8000-000000000001', fullname: 'Ana Silva', telephone1: '+1 425 555 0100' } });

  it('the whole flow: one match opened with searchOnly=false, createSession, createRecord JSON', async () => {
    const { fake, client } = fakeClient();
    fake.respond('searchAndOpenRecords', (entity: string, query: string, searchOnly: boolean) =>
      entity === 'contact' && (searchOnly || query.includes('contactid eq')) ? contactRow : JSON.stringify({}),
    );
    const c = new TestController({ client, defaultCountry: 'US', sessionTemplate: 'sample_TwilioCallSessionTemplate' });
    const events = recordAll(c);
    c.incoming({ callId: 'f1', from: '+14255550100' });
    c.accept('f1');
    await waitUntil(() => events.screenpop.length === 1);
    const opens = fake.callsOf('searchAndOpenRecords').filter((a) => a[2] === false);
    expect(opens).to.have.length(1);
    expect(opens[0]![1]).to.equal('?$select=fullname&$filter=contactid eq aaaaaaaa-0000-4000-8000-000000000001');
    const [input] = fake.callsOf('createSession')[0]! as [Record<string, unknown>];
    expect(input).to.deep.include({ templateName: 'sample_TwilioCallSessionTemplate', customerName: 'Ana Silva' });
    c.connected('f1');
    c.ended('f1');
    await waitUntil(() => events.logged.length === 1);
    const [entity, body] = fake.callsOf('createRecord')[0]!;
    expect(entity).to.equal('phonecall');
    const record = JSON.parse(body as string);
    expect(record).to.include({ subject: 'Call from Ana Silva', phonenumber: '+14255550100', directioncode: false });
    expect(record.phonecall_activity_parties[1]).to.deep.equal({
      'partyid_systemuser@odata.bind': '/systemusers(00000000-0000-0000-0000-000000000001)',
      participationtypemask: 2,
    });
  });

  it('every CIF call rejecting (JSON strings and Maps): the call is answered, ended, and its log kept for retry', async () => {
    const { fake, client } = fakeClient();
    fake.reject('searchAndOpenRecords', JSON.stringify({ message: 'search rejected' }));
    fake.reject('canCreateSession', new Map([['message', 'canCreateSession rejected']]));
    fake.reject('getEnvironment', JSON.stringify({ value: { errorMsg: 'environment rejected', errorType: 1 } }));
    fake.reject('createRecord', new Map([['message', 'createRecord rejected']]));
    fake.reject('openForm', JSON.stringify({ message: 'openForm rejected' }));
    const c = new TestController({ client });
    const events = recordAll(c);
    c.incoming({ callId: 'x', from: '+14255550100' });
    c.accept('x');
    await waitUntil(() => events.screenpop.length === 1);
    c.connected('x');
    await c.createContact('x');
    c.ended('x');
    await waitUntil(() => events.logfailed.length === 1);
    expect(events.accept).to.have.length(1);
    expect(events.screenpop[0]!.action).to.equal('failed');
    expect(events.error.map((e) => `${e.step}: ${e.error.message}`)).to.deep.equal([
      'lookup: search rejected',
      'lookup: search rejected',
      'session: canCreateSession rejected',
      'create-contact: openForm rejected',
      'environment: environment rejected',
      'log: createRecord rejected',
    ]);
    expect(c.pendingLogs).to.have.length(1);
    fake.respond('createRecord', (e: string) => JSON.stringify({ id: 'x', entityType: e }));
    const r = await c.retry();
    expect(r.written).to.have.length(1);
    expect(c.pendingLogs).to.have.length(0);
  });

  it('renderSearchPage and searchAndOpenRecords(searchOnly=false) rejecting: screen-pop errors, the call goes on', async () => {
    const { fake, client } = fakeClient();
    const two = JSON.stringify({
      0: { contactid: 'aaaaaaaa-0000-4000-8000-000000000001', fullname: 'Ana Silva', telephone1: '+1 425 555 0100' },
      1: { contactid: 'aaaaaaaa-0000-4000-8000-000000000002', fullname: 'Bo Chen', mobilephone: '(425) 555-0100' },
    });
    fake.respond('searchAndOpenRecords', (entity: string, _q: string, searchOnly: boolean) => {
      if (!searchOnly) return Promise.reject(JSON.stringify({ message: 'open rejected' }));
      return entity === 'contact' ? two : JSON.stringify({});
    });
    fake.reject('renderSearchPage', new Map([['message', 'search page rejected']]));
    const c = new TestController({ client, sessionTemplate: null });
    const events = recordAll(c);
    c.incoming({ callId: 'm', from: '+14255550100' });
    c.accept('m');
    await waitUntil(() => events.screenpop.length === 1);
    c.chooseRecord('m', c.getCall('m')!.matches[1]!);
    expect(await c.openRecord('m')).to.be.false;
    expect(events.error.map((e) => `${e.step}: ${e.error.message}`)).to.deep.equal([
      'screen-pop: search page rejected',
      'open-record: open rejected',
    ]);
    c.connected('m');
    c.ended('m');
    await waitUntil(() => events.logged.length === 1);
    const record = JSON.parse(fake.callsOf('createRecord')[0]![1] as string);
    expect(record['regardingobjectid_contact_phonecall@odata.bind']).to.equal('/contacts(aaaaaaaa-0000-4000-8000-000000000002)');
  });

  it('createSession rejecting (JSON) and canCreateSession false are session errors; CIF 1.0 never calls them', async () => {
    const { fake, client } = fakeClient();
    fake.reject('createSession', JSON.stringify({ message: 'Template not found' }), { once: true });
    const c = new TestController({ client });
    const events = recordAll(c);
    c.incoming({ callId: 'a', from: '+14255550100' });
    c.accept('a');
    await waitUntil(() => events.screenpop.length === 1);
    fake.respond('canCreateSession', false);
    c.incoming({ callId: 'b', from: '+14255550101' });
    c.accept('b');
    await waitUntil(() => events.screenpop.length === 2);
    expect(events.error.map((e) => [e.step, e.error.code, e.error.message])).to.deep.equal([
      ['session', 'not-found', 'Template not found'],
      ['session', 'limit-reached', 'Dynamics cannot open another session now (at most 10 are open)'],
    ]);

    const v1 = fakeClient(1);
    const c1 = new TestController({ client: v1.client });
    const e1 = recordAll(c1);
    c1.incoming({ callId: 'v', from: '+14255550100' });
    c1.accept('v');
    await waitUntil(() => e1.screenpop.length === 1);
    expect(v1.fake.callsOf('canCreateSession')).to.have.length(0);
    expect(v1.fake.callsOf('createSession')).to.have.length(0);
    expect(e1.error).to.deep.equal([]);
  });
});
