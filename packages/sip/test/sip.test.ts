import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { CallController } from '@cif-elements/calls';
import {
  CifSip,
  SipError,
  SipPhone,
  TonePlayer,
  RINGBACK_TONE,
  checkAor,
  checkServer,
  defaultDialPlan,
  inviteFailureCode,
  registerFailureCode,
} from '../src/index.js';
import type { SipRegistrationState } from '../src/index.js';
import { deliverInvite, fakeMedia, fakePbx, fakeTransportOptions } from './fake-pbx.js';

const SERVER = 'wss://pbx.example.com/ws';
const AOR = 'sip:1001@pbx.example.com';

function phone(mode: Parameters<typeof fakePbx>[0] = 'ok', extra: Partial<ConstructorParameters<typeof SipPhone>[0]> = {}) {
  const pbx = fakePbx(mode);
  const p = new SipPhone({ server: SERVER, aor: AOR, credentials: { password: 's3cret-pw' }, ...fakeTransportOptions(pbx), ...extra });
  const states: SipRegistrationState[] = [];
  p.addEventListener('registration', (e) => states.push(e.detail.state));
  return { pbx, phone: p, states };
}

async function rejection(p: Promise<unknown>): Promise<SipError> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(SipError);
    return e as SipError;
  }
  throw new Error('expected a rejection');
}

describe('sip: checks of the configuration', () => {
  it('accepts wss: anywhere and ws: only to this machine', () => {
    expect(checkServer('wss://pbx.example.com/ws').protocol).to.equal('wss:');
    expect(checkServer('ws://127.0.0.1:8088').hostname).to.equal('127.0.0.1');
    expect(checkServer('ws://localhost/ws').hostname).to.equal('localhost');
    expect(checkServer('ws://[::1]:5066').hostname).to.equal('[::1]');
    for (const bad of ['ws://pbx.example.com/ws', 'http://pbx.example.com', 'not a url', 'wss://user:pw@pbx.example.com']) {
      let err: unknown;
      try {
        checkServer(bad);
      } catch (e) {
        err = e;
      }
      expect(err, bad).to.be.instanceOf(SipError);
      expect((err as SipError).code).to.equal('invalid-argument');
      expect((err as SipError).message).not.to.contain('pw');
    }
  });

  it('reads the AOR and refuses what is not a SIP URI', () => {
    expect(checkAor('sip:1001@pbx.example.com')).to.deep.equal({ user: '1001', host: 'pbx.example.com' });
    expect(() => checkAor('1001@pbx')).to.throw(SipError);
    expect(() => checkAor('sip:1001:password@pbx')).to.throw(SipError);
    expect(() => new SipPhone({ server: 'ws://pbx.example.com', aor: AOR })).to.throw(SipError, /localhost/);
  });

  it('dials numbers as SIP URIs in the AOR domain; a SIP URI as it is; refuses junk', () => {
    const plan = defaultDialPlan('pbx.example.com');
    expect(plan('+1 (425) 555-0102')).to.equal('sip:+14255550102@pbx.example.com');
    expect(plan('sip:queue@other.example')).to.equal('sip:queue@other.example');
    expect(() => plan('<script>')).to.throw(SipError);
  });

  it('maps SIP statuses to error codes', () => {
    expect(inviteFailureCode(486)).to.equal('busy');
    expect(inviteFailureCode(600)).to.equal('busy');
    expect(inviteFailureCode(603)).to.equal('declined');
    expect(inviteFailureCode(408)).to.equal('timeout');
    expect(inviteFailureCode(404)).to.equal('not-found');
    expect(inviteFailureCode(480)).to.equal('unavailable');
    expect(inviteFailureCode(500)).to.equal('call-failed');
    expect(registerFailureCode(401)).to.equal('auth-failed');
    expect(registerFailureCode(407)).to.equal('auth-failed');
    expect(registerFailureCode(403)).to.equal('registration-refused');
    expect(registerFailureCode(408)).to.equal('timeout');
  });
});

describe('sip: SipPhone registration (fake PBX)', () => {
  it('registers with digest: 401 challenge, then REGISTER with Authorization, 200', async () => {
    const { pbx, phone: p, states } = phone('ok');
    await p.start();
    expect(p.state).to.equal('registered');
    expect(states).to.deep.equal(['connecting', 'registering', 'registered']);
    const registers = pbx.sent.filter((m) => m.startsWith('REGISTER '));
    expect(registers).to.have.length(2);
    expect(registers[0]).not.to.match(/^Authorization:/im);
    expect(registers[1]).to.match(/^Authorization: Digest .*username="1001"/im);
    // The digest response is sent, never the password.
    expect(pbx.sent.join('\n')).not.to.contain('s3cret-pw');
    expect(p.lastRegistrationMs).to.be.a('number');
    await p.dispose();
    expect(p.state).to.equal('idle');
  });

  it('asks an async credentials callback before registering (token auth)', async () => {
    let asked = 0;
    const { phone: p } = phone('ok', { credentials: async () => ({ username: 'agent7', password: `token-${++asked}` }) });
    await p.start();
    expect(asked).to.equal(1);
    await p.dispose();
  });

  it('wrong password: a 401 after the credentials ends in auth-failed (no loop, no hang)', async () => {
    const { pbx, phone: p, states } = phone('wrong-password');
    const errors: SipError[] = [];
    p.addEventListener('error', (e) => errors.push(e.detail.error));
    const err = await rejection(p.start());
    expect(err.code).to.equal('auth-failed');
    expect(err.status).to.equal(401);
    expect(p.state).to.equal('failed');
    expect(states.at(-1)).to.equal('failed');
    expect(errors.map((e) => e.code)).to.deep.equal(['auth-failed']);
    expect(pbx.sent.filter((m) => m.startsWith('REGISTER '))).to.have.length.at.most(3);
    await p.dispose();
  });

  it('403: registration-refused with the reason phrase', async () => {
    const { pbx, phone: p } = phone('forbidden');
    pbx.reason = 'Not allowed here';
    const err = await rejection(p.start());
    expect(err.code).to.equal('registration-refused');
    expect(err.message).to.contain('403 Not allowed here');
    await p.dispose();
  });

  it('no answer at all: a timeout error after requestTimeoutMs', async () => {
    const { phone: p } = phone('silent', { requestTimeoutMs: 300 });
    const err = await rejection(p.start());
    expect(err.code).to.equal('timeout');
    await p.dispose();
  });

  it('a server that cannot be reached: a transport error', async () => {
    const { phone: p } = phone('refuse-connect');
    const err = await rejection(p.start());
    expect(err.code).to.equal('transport');
    await p.dispose();
  });

  it('a dropped connection: reconnecting, then registered again', async () => {
    const { pbx, phone: p, states } = phone('ok', { reconnect: { baseDelayMs: 20 } });
    await p.start();
    pbx.transports.at(-1)!.drop();
    expect(p.state).to.equal('reconnecting');
    await waitUntil(() => p.state === 'registered', 'not registered again', { timeout: 3000 });
    expect(states.slice(-4)).to.deep.equal(['registered', 'reconnecting', 'registering', 'registered']);
    await p.dispose();
  });

  it('a display name with quotes, backslashes or line breaks still makes a well-formed From header', async () => {
    const { pbx, phone: p } = phone('ok', { displayName: 'Ann "The Boss" \\ Lee\r\nX-Evil: 1' });
    await p.start();
    const register = pbx.sent.find((m) => m.startsWith('REGISTER '))!;
    const from = register.split('\r\n').filter((l) => /^From:/i.test(l));
    expect(from).to.have.length(1);
    expect(from[0]).to.match(/^From: "Ann The Boss Lee X-Evil: 1" <sip:1001@pbx\.example\.com>/);
    expect(register).not.to.match(/^X-Evil/im);
    await p.dispose();
  });

  it('calls need a started phone; hang-up of an unknown call is a typed error', async () => {
    const { phone: p } = phone('ok');
    expect((await rejection(p.call('+14255550102'))).code).to.equal('invalid-state');
    expect((await rejection(p.hangup('nope'))).code).to.equal('invalid-state');
  });

  it('binds to a CallController and unbinds', async () => {
    const { phone: p } = phone('ok');
    const controller = new CallController({ log: false });
    const unbind = p.bind(controller);
    const errors: SipError[] = [];
    p.addEventListener('error', (e) => errors.push(e.detail.error));
    // A dial before the phone is started: the controller's dial becomes a typed error, not an exception.
    controller.dispatchEvent(new CustomEvent('dial', { detail: { number: '+14255550102' } }));
    await waitUntil(() => errors.length === 1);
    expect(errors[0]!.code).to.equal('invalid-state');
    unbind();
    controller.dispatchEvent(new CustomEvent('dial', { detail: { number: '+14255550102' } }));
    await new Promise((r) => setTimeout(r, 20));
    expect(errors).to.have.length(1);
  });
});

describe('sip: transfer, consult, conference and swap from the controller', () => {
  /** A phone bound to a controller with one connected call, its call methods recorded instead of sent. */
  function wired() {
    const { phone: p } = phone('ok');
    const controller = new CallController({ log: false, holdTimeoutMs: 1000 });
    const done: string[] = [];
    const stub = p as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    stub.transfer = async (id, target) => done.push(`transfer ${String(id)} ${String(target)}`);
    stub.attendedTransfer = async (id, consult) => done.push(`attended ${String(id)} ${String(consult)}`);
    stub.cancelConsult = async (id, consult) => done.push(`cancel ${String(id)} ${String(consult)}`);
    stub.conference = async (ids) => done.push(`conference ${(ids as string[]).join(',')}`);
    stub.place = async (target, _request, consultFor) => {
      done.push(`place ${String(target)} for ${String(consultFor)}`);
      controller.outgoing({ callId: 'consult-1', to: String(target), consultFor: String(consultFor) });
      return 'consult-1';
    };
    stub.hold = async (id, held) => {
      done.push(`hold ${String(id)} ${String(held)}`);
      controller.held(String(id), !!held);
    };
    p.bind(controller);
    controller.incoming({ callId: 'call-1', from: '+14255550101' });
    controller.connected('call-1');
    return { p, controller, done };
  }
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('blind transfer: the controller\'s transfer sends REFER to the target', async () => {
    const { controller, done } = wired();
    expect(controller.transfer('call-1', '+14255550103')).to.equal(true);
    await settle();
    expect(done).to.deep.equal(['transfer call-1 +14255550103']);
  });

  it('a transfer cancelled by a listener is not sent', async () => {
    const { controller, done } = wired();
    controller.addEventListener('transfer', (e) => e.preventDefault());
    expect(controller.transfer('call-1', '+14255550103')).to.equal(false);
    await settle();
    expect(done).to.deep.equal([]);
  });

  it('consult: holds the call, places the consult call for it; complete → REFER with Replaces; cancel → hang up and resume', async () => {
    const { controller, done } = wired();
    expect(await controller.consult('call-1', '+14255550103')).to.equal(true);
    await settle();
    expect(done).to.deep.equal(['hold call-1 true', 'place +14255550103 for call-1']);
    expect(controller.getCall('consult-1')?.consultFor).to.equal('call-1');
    controller.connected('consult-1');
    expect(controller.cancelTransfer('consult-1')).to.equal(true);
    await settle();
    expect(done.at(-1)).to.equal('cancel call-1 consult-1');
    expect(controller.completeTransfer('call-1')).to.equal(true);
    await settle();
    expect(done.at(-1)).to.equal('attended call-1 consult-1');
  });

  it('conference: mixes the calls, then tells the controller they are conferenced', async () => {
    const { controller, done } = wired();
    controller.incoming({ callId: 'call-2', from: '+14255550103' });
    controller.connected('call-2');
    expect(controller.conference(['call-1', 'call-2'])).to.equal(true);
    await waitUntil(() => controller.getCall('call-1')?.conference?.length === 1);
    expect(done).to.include('conference call-1,call-2');
    expect(controller.getCall('call-2')?.conference).to.deep.equal(['call-1']);
  });

  it('swap: the other call is held, this one resumed (as hold requests)', async () => {
    const { controller, done } = wired();
    controller.incoming({ callId: 'call-2', from: '+14255550103' });
    controller.connected('call-2');
    await controller.hold('call-2', true);
    await settle();
    done.length = 0;
    await controller.swap('call-2');
    await settle();
    expect(done).to.deep.equal(['hold call-1 true', 'hold call-2 false']);
  });

  it('after unbind, nothing is sent', async () => {
    const { p, controller, done } = wired();
    p.unbind();
    controller.transfer('call-1', '+14255550103');
    await settle();
    expect(done).to.deep.equal([]);
  });
});

describe('sip: ICE failure (fake PBX, fake peer connection)', () => {
  async function answeredCall(iceTimeoutMs: number) {
    const pbx = fakePbx('ok');
    const media = fakeMedia();
    const p = new SipPhone({ server: SERVER, aor: AOR, credentials: { password: 'pw' }, iceTimeoutMs, tones: false, ...fakeTransportOptions(pbx, media) });
    const controller = new CallController({ log: false });
    p.bind(controller);
    const errors: SipError[] = [];
    p.addEventListener('error', (e) => errors.push(e.detail.error));
    await p.start();
    const callId = deliverInvite(pbx, { user: '2002' });
    await waitUntil(() => controller.getCall(callId)?.phase === 'ringing', 'no incoming call on the controller');
    controller.accept(callId);
    await waitUntil(() => controller.getCall(callId)?.phase === 'connected', 'not connected');
    return { pbx, media, p, controller, errors, callId };
  }

  it('ICE failed: the call ends at once with a typed ice-failed error, BYE sent, on the controller', async () => {
    const { pbx, media, p, controller, errors, callId } = await answeredCall(60_000);
    media.pcs[0]!.ice('checking');
    media.pcs[0]!.ice('failed');
    await waitUntil(() => controller.getCall(callId)?.phase === 'ended', 'the call did not end', { timeout: 2000 });
    expect(controller.getCall(callId)?.endReason).to.equal('ice-failed');
    expect(errors.map((e) => [e.code, e.callId])).to.deep.equal([['ice-failed', callId]]);
    expect(errors[0]).to.be.instanceOf(SipError);
    expect(pbx.sent.some((m) => m.startsWith('BYE ') && m.includes(callId))).to.equal(true);
    await p.dispose();
  });

  it('ICE that never connects: the connected call ends after iceTimeoutMs (no hang)', async () => {
    const { media, p, controller, errors, callId } = await answeredCall(300);
    media.pcs[0]!.ice('checking');
    await waitUntil(() => controller.getCall(callId)?.phase === 'ended', 'the call did not end', { timeout: 3000 });
    expect(controller.getCall(callId)?.endReason).to.equal('ice-failed');
    expect(errors[0]?.code).to.equal('ice-failed');
    expect(errors[0]?.message).to.match(/ICE checking/);
    await p.dispose();
  });

  it('ICE that connects, drops and comes back in time: the call goes on', async () => {
    const { media, p, controller, errors, callId } = await answeredCall(300);
    media.pcs[0]!.ice('connected');
    await new Promise((r) => setTimeout(r, 400));
    media.pcs[0]!.ice('disconnected');
    await new Promise((r) => setTimeout(r, 150));
    media.pcs[0]!.ice('connected');
    await new Promise((r) => setTimeout(r, 400));
    expect(controller.getCall(callId)?.phase).to.equal('connected');
    expect(errors).to.deep.equal([]);
    media.pcs[0]!.ice('disconnected');
    await waitUntil(() => controller.getCall(callId)?.phase === 'ended', 'a dropped ICE did not end the call', { timeout: 3000 });
    expect(controller.getCall(callId)?.endReason).to.equal('ice-failed');
    await p.dispose();
  });

  it('<cif-sip> in a call flow shows the failure as text and the alert shows a hostile caller name as text', async () => {
    await import('@cif-elements/calls');
    const pbx = fakePbx('ok');
    const media = fakeMedia();
    const aor = `sip:ice-${Math.random().toString(36).slice(2)}@pbx.example.com`;
    const flow = await fixture(html`<cif-call-flow no-log>
      <cif-sip no-tab-leader server=${SERVER} aor=${aor} no-tones .options=${{ iceTimeoutMs: 60_000, ...fakeTransportOptions(pbx, media) }} .credentials=${{ password: 'pw' }}></cif-sip>
      <cif-incoming-call></cif-incoming-call>
    </cif-call-flow>`);
    const el = flow.querySelector('cif-sip')!;
    const controller = (flow as unknown as { controller: CallController }).controller;
    await waitUntil(() => el.state === 'registered', 'not registered', { timeout: 3000 });
    const hostile = '<img src=x onerror="window.__pwned=1">\u202Egnp.exe';
    (window as unknown as { __pwned?: number }).__pwned = undefined;
    const callId = deliverInvite(pbx, { user: '2002', displayName: hostile, to: aor.slice(4, aor.indexOf('@')) });
    const alert = flow.querySelector('cif-incoming-call')!;
    await waitUntil(() => alert.open, 'no alert');
    await alert.updateComplete;
    const alertText = alert.shadowRoot!.textContent ?? '';
    expect(alertText).to.include('<img src=x onerror=');
    expect(alert.shadowRoot!.querySelector('img')).to.equal(null);
    controller.accept(callId);
    await waitUntil(() => controller.getCall(callId)?.phase === 'connected', 'not connected');
    media.pcs[0]!.ice('failed');
    await waitUntil(() => controller.getCall(callId)?.phase === 'ended', 'not ended');
    await el.updateComplete;
    const shown = el.shadowRoot!.querySelector('[part="call-error"]');
    expect(shown?.getAttribute('role')).to.equal('alert');
    expect(shown?.textContent).to.match(/audio connection failed \(ICE\)/);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    await expect(el).to.be.accessible();
  });
});

describe('sip: TonePlayer', () => {
  it('plays a pattern with oscillators at its frequencies and stops', async () => {
    const player = new TonePlayer();
    player.play(RINGBACK_TONE);
    expect(player.playing).to.equal(RINGBACK_TONE);
    player.stop();
    expect(player.playing).to.equal(undefined);
    player.dispose();
  });

  it('never throws when audio is unavailable', () => {
    const player = new TonePlayer(() => {
      throw new Error('no audio');
    });
    expect(() => player.play(RINGBACK_TONE)).not.to.throw();
    expect(player.playing).to.equal(undefined);
  });
});

describe('<cif-sip>', () => {
  it('is registered; idle without configuration; accessible', async () => {
    const el = await fixture<CifSip>(html`<cif-sip></cif-sip>`);
    expect(el).to.be.instanceOf(CifSip);
    expect(el.state).to.equal('idle');
    expect(el.getAttribute('state')).to.equal('idle');
    const text = el.shadowRoot!.querySelector('[part="text"]')!;
    expect(text.getAttribute('role')).to.equal('status');
    expect(text.textContent).to.equal('Phone off');
    await expect(el).to.be.accessible();
  });

  it('refuses ws: to a remote host with a typed error, shown and fired', async () => {
    const el = document.createElement('cif-sip');
    el.server = 'ws://pbx.example.com/ws';
    el.aor = AOR;
    const fired = oneEvent(document, 'cif-sip-error');
    document.body.append(el);
    const { detail } = await fired;
    expect(detail.error.code).to.equal('invalid-argument');
    await el.updateComplete;
    expect(el.state).to.equal('failed');
    expect(el.shadowRoot!.querySelector('[part="text"]')!.textContent).to.match(/localhost/);
    expect(el.shadowRoot!.querySelector('[part="retry"]')).to.equal(null);
    el.remove();
  });

  it('registers once credentials are set (property only, never reflected), and announces it', async () => {
    const pbx = fakePbx('ok');
    const el = await fixture<CifSip>(html`<cif-sip server=${SERVER} aor=${AOR} .options=${fakeTransportOptions(pbx)}></cif-sip>`);
    expect(el.state).to.equal('idle');
    expect(pbx.sent).to.have.length(0);
    const seen: string[] = [];
    el.addEventListener('cif-sip-registration', (e) => seen.push(e.detail.state));
    el.credentials = { password: 'pw-not-in-dom' };
    await waitUntil(() => el.state === 'registered', 'not registered', { timeout: 3000 });
    await el.updateComplete;
    expect(seen).to.deep.equal(['connecting', 'registering', 'registered']);
    expect(el.getAttribute('state')).to.equal('registered');
    expect(el.shadowRoot!.querySelector('[part="text"]')!.textContent).to.equal('Phone ready (1001)');
    expect(el.outerHTML + el.shadowRoot!.innerHTML).not.to.contain('pw-not-in-dom');
    expect([...el.attributes].map((a) => a.name)).not.to.include('credentials');
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('shows a refusal with its reason as text, and a Retry button', async () => {
    const pbx = fakePbx('forbidden');
    // SIP's grammar keeps markup out of a reason phrase; what it allows is still rendered as text.
    pbx.reason = 'Go away & stay out';
    const el = await fixture<CifSip>(html`<cif-sip server=${SERVER} aor=${AOR} .options=${fakeTransportOptions(pbx)} .credentials=${null}></cif-sip>`);
    await waitUntil(() => el.state === 'failed', 'not failed', { timeout: 3000 });
    await el.updateComplete;
    const text = el.shadowRoot!.querySelector('[part="text"]')!;
    expect(text.textContent).to.contain('403 Go away &');
    expect(el.shadowRoot!.querySelectorAll('[part="text"] *')).to.have.length(0);
    const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry"]')!;
    expect(retry.textContent).to.equal('Retry');
    pbx.mode = 'ok';
    retry.click();
    await waitUntil(() => el.state === 'registered', 'not registered after Retry', { timeout: 3000 });
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('binds to the controller of the <cif-call-flow> around it', async () => {
    await import('@cif-elements/calls');
    const flow = await fixture(html`<cif-call-flow no-log><cif-sip server=${SERVER} aor=${AOR}></cif-sip></cif-call-flow>`);
    const el = flow.querySelector('cif-sip')!;
    await waitUntil(() => el.tabRole === 'leader', 'not the leader');
    const errors: SipError[] = [];
    el.addEventListener('cif-sip-error', (e) => errors.push(e.detail.error));
    // Not started (no credentials): a dial from the flow's dialers is a typed error on the element.
    (flow as unknown as { controller: CallController }).controller.dispatchEvent(new CustomEvent('dial', { detail: { number: '+14255550102' } }));
    await waitUntil(() => errors.length === 1);
    expect(errors[0]!.code).to.equal('invalid-state');
  });
});

describe('<cif-sip> leader election (Web Locks)', () => {
  it('one element per AOR leads and registers; the other follows, mirrors its state, and takes over', async () => {
    const pbx = fakePbx('ok');
    const aor = `sip:leader-${Math.random().toString(36).slice(2)}@pbx.example.com`;
    const opts = fakeTransportOptions(pbx);
    const wrap = await fixture(html`<div>
      <cif-sip id="one" server=${SERVER} aor=${aor} .options=${opts} .credentials=${{ password: 'x' }}></cif-sip>
    </div>`);
    const one = wrap.querySelector<CifSip>('#one')!;
    await waitUntil(() => one.state === 'registered', 'the first is not registered', { timeout: 3000 });
    expect(one.tabRole).to.equal('leader');
    const two = document.createElement('cif-sip');
    Object.assign(two, { server: SERVER, aor, options: opts, credentials: { password: 'x' } });
    wrap.append(two);
    await waitUntil(() => two.tabRole === 'follower', 'the second does not follow');
    await waitUntil(() => two.state === 'registered', 'the follower does not show the registration');
    await two.updateComplete;
    expect(two.phone!.state).to.equal('idle');
    expect(two.getAttribute('tab-role')).to.equal('follower');
    expect(two.shadowRoot!.querySelector('[part="text"]')!.textContent).to.contain('in another tab');
    const registers = pbx.sent.filter((m) => m.startsWith('REGISTER ')).length;
    one.remove();
    await waitUntil(() => two.tabRole === 'leader' && two.phone!.state === 'registered', 'no takeover', { timeout: 3000 });
    expect(pbx.sent.filter((m) => m.startsWith('REGISTER ')).length).to.be.greaterThan(registers);
    two.remove();
  });

  it('a follower\'s transfer, consult, complete, cancel and conference run in the leader tab', async () => {
    const pbx = fakePbx('ok');
    const aor = `sip:follow-${Math.random().toString(36).slice(2)}@pbx.example.com`;
    const opts = fakeTransportOptions(pbx);
    const leaderController = new CallController({ log: false, holdTimeoutMs: 500 });
    const followerController = new CallController({ log: false, holdTimeoutMs: 500 });
    const wrap = await fixture(html`<div>
      <cif-sip id="one" server=${SERVER} aor=${aor} .options=${opts} .credentials=${{ password: 'x' }} .controller=${leaderController}></cif-sip>
    </div>`);
    const one = wrap.querySelector<CifSip>('#one')!;
    await waitUntil(() => one.state === 'registered', 'the first is not registered', { timeout: 3000 });
    const two = document.createElement('cif-sip');
    Object.assign(two, { server: SERVER, aor, options: opts, credentials: { password: 'x' }, controller: followerController });
    wrap.append(two);
    await waitUntil(() => two.tabRole === 'follower', 'the second does not follow');
    const done: string[] = [];
    const stub = one.phone as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    stub.transfer = async (id, target) => done.push(`transfer ${String(id)} ${String(target)}`);
    stub.attendedTransfer = async (id, consult) => done.push(`attended ${String(id)} ${String(consult)}`);
    stub.cancelConsult = async (id, consult) => done.push(`cancel ${String(id)} ${String(consult)}`);
    stub.conference = async (ids) => done.push(`conference ${(ids as string[]).join(',')}`);
    stub.place = async (target, _r, consultFor) => {
      done.push(`place ${String(target)} for ${String(consultFor)}`);
      for (const c of [leaderController, followerController]) c.outgoing({ callId: 'k', to: String(target), consultFor: String(consultFor) });
      leaderController.connected('k');
      followerController.connected('k');
      return 'k';
    };
    stub.hold = async (id, held) => {
      for (const c of [leaderController, followerController]) c.held(String(id), !!held);
    };
    // The same calls in both tabs (the follower mirrors the leader's).
    for (const c of [leaderController, followerController]) {
      for (const id of ['x', 'y']) {
        c.incoming({ callId: id, from: '+14255550101' });
        c.connected(id);
      }
    }
    followerController.transfer('x', '+14255550103');
    await waitUntil(() => done.includes('transfer x +14255550103'), `not forwarded: ${done.join(' / ')}`);
    followerController.conference(['x', 'y']);
    await waitUntil(() => done.includes('conference x,y'), `not forwarded: ${done.join(' / ')}`);
    await followerController.consult('y', '+14255550104');
    await waitUntil(() => done.includes('place +14255550104 for y'), `not forwarded: ${done.join(' / ')}`);
    followerController.cancelTransfer('y');
    await waitUntil(() => done.includes('cancel y k'), `not forwarded: ${done.join(' / ')}`);
    followerController.completeTransfer('y');
    await waitUntil(() => done.includes('attended y k'), `not forwarded: ${done.join(' / ')}`);
    two.remove();
    one.remove();
  });

  it('no-tab-leader: every element registers', async () => {
    const pbx = fakePbx('ok');
    const el = await fixture<CifSip>(html`<cif-sip no-tab-leader server=${SERVER} aor=${AOR} .options=${fakeTransportOptions(pbx)} .credentials=${null}></cif-sip>`);
    await waitUntil(() => el.state === 'registered', 'not registered', { timeout: 3000 });
    expect(el.tabRole).to.equal('');
    expect(el.hasAttribute('tab-role')).to.be.false;
  });
});
