import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MAX_ENDED_CALLS } from '../src/index.js';
import type { CallControllerOptions, CifWrapUp } from '../src/index.js';
import '../src/index.js';
import { SEED, TestController, TestDialer, settle, simulated, useCleanStorage } from './helpers.js';

/** A telephony that does what the controller asks, a little later, and a log of every event in order. */
async function setup(options: Partial<CallControllerOptions> = {}) {
  const { host, client } = simulated();
  const root = await fixture<HTMLElement>(html`<div>
    <test-dialer></test-dialer>
    <cif-wrap-up default-country="US"></cif-wrap-up>
  </div>`);
  const dialer = root.querySelector('test-dialer') as TestDialer;
  const wrapUp = root.querySelector('cif-wrap-up') as CifWrapUp;
  const c = new TestController({ client, defaultCountry: 'US', sessionTemplate: '', screenPop: 'never', ...options });
  c.attach({ dialers: [dialer], wrapUp });
  const events: string[] = [];
  for (const type of ['accept', 'decline', 'hold', 'swap', 'hangup', 'transfer', 'consult', 'transfercomplete', 'transfercancel', 'conference', 'logged']) {
    c.addEventListener(type, (e) => {
      const d = (e as CustomEvent).detail as { call?: { callId: string }; held?: boolean; log?: { callId: string }; calls?: Array<{ callId: string }> };
      const who = d.call?.callId ?? d.log?.callId ?? d.calls?.map((x) => x.callId).join('+') ?? '';
      events.push(`${type}:${who}${d.held === undefined ? '' : d.held ? ':on' : ':off'}`);
    });
  }
  // The telephony: answers, holds, resumes and hangs up as asked.
  c.addEventListener('accept', (e) => setTimeout(() => c.connected(e.detail.call.callId), 5));
  c.addEventListener('hold', (e) => setTimeout(() => c.held(e.detail.call.callId, e.detail.held), 5));
  c.addEventListener('hangup', (e) => setTimeout(() => c.ended(e.detail.call.callId), 5));
  const logged = (callId: string) => host.records('phonecall').find((p) => p.activityid === c.getCall(callId)?.logId);
  return { host, client, c, dialer, wrapUp, events, logged };
}

type Setup = Awaited<ReturnType<typeof setup>>;

async function connectedCall(s: Setup, callId: string, from: string): Promise<void> {
  s.c.incoming({ callId, from });
  s.c.accept(callId);
  await waitUntil(() => s.c.getCall(callId)?.phase === 'connected', `${callId} connected`);
}

describe('CallController: several calls at once', () => {
  useCleanStorage();

  it('a second call holds the first (hold, then held, then accept); each call keeps its state, timer, notes and wrap-up', async () => {
    const s = await setup();
    await connectedCall(s, 'A', SEED.alan.e164);
    s.c.muted('A', true);
    const aConnectedAt = s.c.getCall('A')!.connectedAt!;
    await s.c.updateWrapUp('A', { notes: 'A: invoice question' });
    await new Promise((r) => setTimeout(r, 30));
    s.c.incoming({ callId: 'B', from: SEED.grace.e164 });
    s.c.accept('B');
    await waitUntil(() => s.c.getCall('B')?.phase === 'connected', 'B connected');
    expect(s.events.slice(0, 3)).to.deep.equal(['accept:A', 'hold:A:on', 'accept:B']);
    expect(s.c.getCall('A')).to.include({ phase: 'held', muted: true, connectedAt: aConnectedAt });
    expect(s.c.getCall('B')).to.include({ phase: 'connected', muted: false });
    expect(s.c.getCall('B')!.connectedAt).to.be.greaterThan(aConnectedAt);
    // The dialer: B in front with its own timer start; both in the list.
    expect(s.dialer.activeCallId).to.equal('B');
    expect(s.dialer.connectedAt).to.equal(s.c.getCall('B')!.connectedAt);
    expect(s.dialer.calls.map((x) => [x.callId, x.state])).to.deep.equal([['A', 'held'], ['B', 'connected']]);
    await s.c.updateWrapUp('B', { notes: 'B: new address' });
    await settle(s.wrapUp);
    expect(s.wrapUp.call!.callId).to.equal('B');
    expect(s.wrapUp.notes).to.equal('B: new address');

    // B hangs up: the dialer shows A again, the wrap-up stays B's until it is saved.
    s.c.ended('B');
    await settle(s.wrapUp);
    expect(s.dialer.activeCallId).to.equal('A');
    expect(s.dialer.callState).to.equal('held');
    expect(s.wrapUp.call!.callId).to.equal('B');
    // Resuming A (the dialer's hold toggle) resumes it.
    s.dialer.fire('cif-hold', { held: false, callId: 'A' }, true);
    await waitUntil(() => s.c.getCall('A')!.phase === 'connected', 'A resumed');
    expect(s.events).to.include('hold:A:off');
    // A ends while B's wrap-up is open: A waits for its own wrap-up.
    s.c.ended('A');
    await settle(s.wrapUp);
    expect(s.wrapUp.call!.callId, 'still B').to.equal('B');
    expect(s.c.getCall('A')!.log).to.equal('draft');
    await s.c.submitWrapUp('B', { notes: 'B: new address', outcome: 'Resolved' });
    await settle(s.wrapUp);
    expect(s.wrapUp.call!.callId, 'then A').to.equal('A');
    expect(s.wrapUp.notes).to.equal('A: invoice question');
    const r = await s.c.submitWrapUp('A', { notes: 'A: invoice question, sent a copy' });
    expect(r.ok).to.equal(true);
    expect(String(s.logged('A')!.description)).to.equal('A: invoice question, sent a copy');
    expect(String(s.logged('B')!.description)).to.contain('B: new address');
  });

  it('swap: holds the call in front (waiting for held), resumes the other; hang-up of either call', async () => {
    const s = await setup();
    await connectedCall(s, 'A', SEED.alan.e164);
    await connectedCall(s, 'B', SEED.grace.e164);
    s.events.length = 0;
    s.dialer.fire('cif-call-swap', { callId: 'A' }, true);
    await waitUntil(() => s.events.includes('swap:A'), 'swapped');
    expect(s.events).to.deep.equal(['hold:B:on', 'hold:A:off', 'swap:A']);
    await waitUntil(() => s.c.getCall('A')!.phase === 'connected');
    expect(s.c.getCall('B')!.phase).to.equal('held');
    expect(s.dialer.activeCallId).to.equal('A');
    // A cancelled swap does nothing.
    s.dialer.addEventListener('cif-call-swap', (e) => e.preventDefault(), { once: true });
    s.dialer.fire('cif-call-swap', { callId: 'B' }, true);
    await new Promise((r) => setTimeout(r, 30));
    expect(s.dialer.activeCallId).to.equal('A');
    // Hang up the held call from the list: only B ends.
    s.dialer.fire('cif-hangup', { number: '', callId: 'B' });
    await waitUntil(() => s.c.getCall('B')!.phase === 'ended');
    expect(s.c.getCall('A')!.phase).to.equal('connected');
    s.dialer.fire('cif-hangup', { number: '' });
    await waitUntil(() => s.c.getCall('A')!.phase === 'ended');
  });

  it('the hold policy can be turned off, or decided per call', async () => {
    const s = await setup({ holdPolicy: 'none' });
    await connectedCall(s, 'A', SEED.alan.e164);
    await connectedCall(s, 'B', SEED.grace.e164);
    expect(s.events.filter((e) => e.startsWith('hold'))).to.deep.equal([]);
    const seen: string[] = [];
    s.c.configure({ holdPolicy: ({ next, connected }) => (seen.push(`${next?.callId}<${connected.map((x) => x.callId).join(',')}`), 'hold') });
    await connectedCall(s, 'C', SEED.katherine.e164);
    expect(seen).to.deep.equal(['C<A,B']);
    expect(s.events.filter((e) => e.startsWith('hold'))).to.deep.equal(['hold:A:on', 'hold:B:on']);
  });

  it('a telephony that never confirms the hold: a typed hold error, and the call is still answered', async () => {
    const { client } = simulated();
    const silent = new TestController({ client, holdTimeoutMs: 50, sessionTemplate: '', screenPop: 'never' });
    const errors: string[] = [];
    silent.addEventListener('error', (e) => errors.push(`${e.detail.step}:${e.detail.error.code}`));
    const accepted: string[] = [];
    silent.addEventListener('accept', (e) => accepted.push(e.detail.call.callId));
    silent.incoming({ callId: 'x', from: SEED.alan.e164 });
    silent.accept('x');
    await waitUntil(() => accepted.includes('x'));
    silent.connected('x');
    silent.incoming({ callId: 'y', from: SEED.grace.e164 });
    silent.accept('y');
    expect(accepted, 'not before the hold is confirmed or timed out').to.deep.equal(['x']);
    await waitUntil(() => accepted.includes('y'), 'answered after the time-out');
    expect(errors).to.deep.equal(['hold:timeout']);
    silent.dispose();
  });

  it('blind transfer: cancelable transfer event; the log records the target; cancelled → nothing changes', async () => {
    const s = await setup();
    await connectedCall(s, 'A', SEED.alan.e164);
    s.c.addEventListener('transfer', (e) => e.preventDefault(), { once: true });
    expect(s.c.transfer('A', '+14255550111')).to.be.false;
    expect(s.c.getCall('A')!.transferTarget).to.equal(undefined);
    s.c.addEventListener('transfer', (e) => setTimeout(() => s.c.ended(e.detail.call.callId, { reason: 'transferred' }), 5));
    // From the dialer's transfer control:
    s.dialer.fire('cif-transfer', { callId: 'A', target: '+14255550111', mode: 'blind' }, true);
    await waitUntil(() => s.c.getCall('A')!.phase === 'ended');
    expect(s.c.getCall('A')).to.include({ endReason: 'transferred', transferTarget: '+14255550111', transferMode: 'blind' });
    await s.c.submitWrapUp('A', { notes: 'Sent to billing' });
    expect(String(s.logged('A')!.description)).to.equal('Transferred to: +14255550111\n\nSent to billing');
  });

  it('consult transfer: hold, consult call, complete → both legs logged, the first with the target', async () => {
    const s = await setup();
    await connectedCall(s, 'A', SEED.alan.e164);
    s.c.addEventListener('consult', (e) => {
      setTimeout(() => {
        s.c.outgoing({ callId: 'K', to: e.detail.target, consultFor: e.detail.call.callId });
        setTimeout(() => s.c.connected('K'), 5);
      }, 5);
    });
    s.c.addEventListener('transfercomplete', (e) =>
      setTimeout(() => {
        s.c.ended(e.detail.call.callId, { reason: 'transferred' });
        s.c.ended(e.detail.consult.callId, { reason: 'transferred' });
      }, 5),
    );
    s.dialer.fire('cif-transfer', { callId: 'A', target: SEED.grace.e164, mode: 'consult' }, true);
    await waitUntil(() => s.c.getCall('K')?.phase === 'connected', 'consulting');
    expect(s.events.slice(-2)).to.deep.equal(['hold:A:on', 'consult:A']);
    expect(s.c.getCall('A')).to.include({ phase: 'held', consultCallId: 'K' });
    expect(s.c.getCall('K')).to.include({ consultFor: 'A' });
    expect(s.dialer.calls.map((x) => [x.callId, x.state])).to.deep.equal([['A', 'held'], ['K', 'connected']]);
    s.dialer.fire('cif-transfer-complete', { callId: 'K' }, true);
    await waitUntil(() => s.c.getCall('A')!.phase === 'ended' && s.c.getCall('K')!.phase === 'ended');
    expect(s.events).to.include('transfercomplete:A');
    await s.c.submitWrapUp('A', { notes: 'to Grace' });
    await s.c.submitWrapUp('K', { notes: 'briefed Grace' });
    expect(String(s.logged('A')!.description)).to.match(/^Transferred to: (Grace Hopper|\+442079460050)\n\nto Grace$/);
    expect(String(s.logged('K')!.description)).to.equal('briefed Grace');
  });

  it('consult transfer cancelled: the consult call ends, the caller is resumed, no target logged', async () => {
    const s = await setup();
    await connectedCall(s, 'A', SEED.alan.e164);
    s.c.addEventListener('consult', (e) =>
      setTimeout(() => {
        s.c.outgoing({ callId: 'K', to: e.detail.target, consultFor: e.detail.call.callId });
        s.c.connected('K');
      }, 5),
    );
    s.c.addEventListener('transfercancel', (e) =>
      setTimeout(() => {
        s.c.ended(e.detail.consult.callId);
        s.c.held(e.detail.call.callId, false);
      }, 5),
    );
    expect(await s.c.consult('A', SEED.grace.e164)).to.be.true;
    await waitUntil(() => s.c.getCall('K')?.phase === 'connected');
    s.dialer.fire('cif-transfer-cancel', { callId: 'A' }, true);
    await waitUntil(() => s.c.getCall('A')!.phase === 'connected' && s.c.getCall('K')!.phase === 'ended');
    expect(s.events).to.include('transfercancel:A');
    expect(s.c.getCall('A')!.transferTarget).to.equal(undefined);
    expect(s.dialer.activeCallId).to.equal('A');
    s.c.ended('A');
    await s.c.submitWrapUp('K', {});
    await s.c.submitWrapUp('A', { notes: 'stayed' });
    expect(String(s.logged('A')!.description)).to.equal('stayed');
  });

  it('conference: merges two calls (cancelable); both logs name the other party', async () => {
    const s = await setup();
    await connectedCall(s, 'A', SEED.alan.e164);
    await connectedCall(s, 'B', SEED.grace.e164);
    s.c.addEventListener('conference', (e) => e.preventDefault(), { once: true });
    expect(s.c.conference(['A', 'B'])).to.be.false;
    s.c.addEventListener('conference', (e) => setTimeout(() => s.c.conferenced(e.detail.calls.map((x) => x.callId)), 5));
    s.dialer.fire('cif-conference', { callIds: ['A', 'B'] }, true);
    await waitUntil(() => s.c.getCall('A')!.conference?.length === 1);
    expect(s.c.getCall('A')).to.include({ phase: 'connected' });
    expect(s.c.getCall('A')!.conference).to.deep.equal(['B']);
    expect(s.c.getCall('B')!.conference).to.deep.equal(['A']);
    s.c.ended('A');
    s.c.ended('B');
    await s.c.submitWrapUp('A', {});
    await s.c.submitWrapUp('B', {});
    expect(String(s.logged('A')!.description)).to.match(/^Conference with: (Grace Hopper|\+442079460050)$/);
    expect(String(s.logged('B')!.description)).to.match(/^Conference with: (Alan Turing|\+14255550149)$/);
  });

  it('conference of three: a party leaves, then the agent hangs up a leg; the rest stays right; each leg logged once', async () => {
    const s = await setup();
    await connectedCall(s, 'A', SEED.alan.e164);
    await connectedCall(s, 'B', SEED.grace.e164);
    await connectedCall(s, 'C', SEED.katherine.e164);
    s.c.addEventListener('conference', (e) => setTimeout(() => s.c.conferenced(e.detail.calls.map((x) => x.callId)), 5));
    expect(s.c.conference(['A', 'B', 'C'])).to.be.true;
    await waitUntil(() => s.c.getCall('C')!.conference?.length === 2, 'conferenced');
    // B hangs up at the other end.
    s.c.ended('B');
    expect(s.c.getCall('A')).to.include({ phase: 'connected' });
    expect(s.c.getCall('A')!.conference).to.deep.equal(['C']);
    expect(s.c.getCall('C')!.conference).to.deep.equal(['A']);
    expect(s.c.getCall('B')).to.include({ phase: 'ended', endReason: 'completed' });
    // The agent hangs up C's leg: A is alone, no longer in a conference, still connected and in front.
    s.c.hangup('C');
    await waitUntil(() => s.c.getCall('C')?.phase === 'ended', 'C ended');
    expect(s.c.getCall('A')).to.include({ phase: 'connected' });
    expect(s.c.getCall('A')!.conference).to.equal(undefined);
    expect(s.dialer.activeCallId).to.equal('A');
    expect(s.dialer.callState).to.equal('connected');
    s.c.ended('A');
    for (const id of ['A', 'B', 'C']) await s.c.submitWrapUp(id, {});
    const byId = (id: string) => s.host.records('phonecall').filter((p) => p.activityid === s.c.getCall(id)?.logId);
    for (const id of ['A', 'B', 'C']) expect(byId(id), `${id} logged once`).to.have.length(1);
    const with_ = (id: string) => /^Conference with: (.*)$/m.exec(String(s.logged(id)!.description))?.[1];
    expect(with_('A')).to.match(/^(Grace Hopper|\+442079460050), (Katherine Johnson|\+14255550151)$/);
    expect(with_('B')).to.match(/^(Alan Turing|\+14255550149), (Katherine Johnson|\+14255550151)$/);
    expect(with_('C')).to.match(/^(Alan Turing|\+14255550149), (Grace Hopper|\+442079460050)$/);
  });

  it('conference of two: when one leg ends, the other is no longer in a conference (and can be merged again)', async () => {
    const s = await setup();
    await connectedCall(s, 'A', SEED.alan.e164);
    await connectedCall(s, 'B', SEED.grace.e164);
    s.c.conferenced(['A', 'B']);
    s.c.ended('A');
    expect(s.c.getCall('B')).to.include({ phase: 'connected' });
    expect(s.c.getCall('B')!.conference).to.equal(undefined);
    await connectedCall(s, 'C', SEED.katherine.e164);
    expect(s.c.getCall('B')).to.include({ phase: 'held' }); // the hold policy holds B for C (not in a conference any more)
    s.c.ended('B');
    s.c.ended('C');
    await s.c.submitWrapUp('A', {});
    await s.c.submitWrapUp('B', {});
    expect(String(s.logged('B')!.description)).to.match(/^Conference with: (Alan Turing|\+14255550149)$/);
  });

  it('saving a wrap-up twice (the agent, and the auto-save when the next call comes) writes the log once', async () => {
    const s = await setup();
    await connectedCall(s, 'A', SEED.alan.e164);
    s.c.ended('A');
    await waitUntil(() => s.c.getCall('A')!.log === 'draft');
    const [r1, r2] = await Promise.all([s.c.submitWrapUp('A', { notes: 'once' }), s.c.submitWrapUp('A', { notes: 'once' })]);
    const r3 = await s.c.submitWrapUp('A', { notes: 'once' });
    expect([r1.ok, r2.ok, r3.ok]).to.deep.equal([true, true, true]);
    expect(s.c.pendingLogs, 'not brought back').to.deep.equal([]);
    await s.c.retry();
    const writes = s.host.records('phonecall').filter((p) => p.activityid === s.c.getCall('A')!.logId);
    expect(writes).to.have.length(1);
    expect(s.events.filter((e) => e === 'logged:A')).to.have.length(1);
  });

  it('declined and timed-out calls are ended and logged by the controller itself', async () => {
    const s = await setup();
    s.c.incoming({ callId: 'D', from: SEED.alan.e164 });
    s.c.decline('D');
    expect(s.c.getCall('D')).to.include({ phase: 'ended', endReason: 'declined' });
    await waitUntil(() => !!s.logged('D'), 'declined call logged');
    expect(String(s.logged('D')!.subject)).to.match(/^Declined call from/);
  });

  it(`keeps at most ${MAX_ENDED_CALLS} ended calls (maxEndedCalls), never one whose log is not settled`, async () => {
    const s = await setup({ maxEndedCalls: 3 });
    for (let i = 0; i < 6; i++) {
      s.c.incoming({ callId: `m${i}`, from: SEED.nobody.e164 });
      s.c.ended(`m${i}`);
      await waitUntil(() => s.c.getCall(`m${i}`)?.log === 'saved', `m${i} saved`);
    }
    s.c.incoming({ callId: 'last', from: SEED.nobody.e164 });
    s.c.ended('last');
    expect(s.c.calls.length).to.be.at.most(4);
    expect(s.c.getCall('last')).to.not.equal(undefined);
    expect(s.c.getCall('m0')).to.equal(undefined);
  });
});
