/**
 * A tab killed during a live call must not lose the call's log: the controller keeps a draft of the live
 * call (owner + heartbeat) from the moment it rings, rewritten as the call changes; when the tab dies its
 * owner is gone, and the controller of another tab (a same-origin iframe here, with its own realm and Web
 * Locks client) takes the draft over and writes it.
 */
import { expect } from '@open-wc/testing';
import type { CallController, CallControllerEventMap, PendingCallLog, PendingLogStore } from '../src/index.js';
import { SEED, openTabFrame as openTab, simulated, storedLogs, useCleanStorage } from './helpers.js';

const draftOf = (callId: string): PendingCallLog | undefined => storedLogs().find((l) => l.callId === callId);

/**
 * Resolves once `check()` holds, checked now and after each change of the store: waits as long as the
 * change takes under load (the test's own timeout guards it), never a fixed time.
 */
function whenStored(store: PendingLogStore, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const onChange = () => {
      if (!check()) return;
      store.removeEventListener('change', onChange);
      resolve();
    };
    store.addEventListener('change', onChange);
  });
}

describe('A tab killed during a live call (two same-origin iframes)', function () {
  this.timeout(20_000);
  useCleanStorage();
  afterEach(() => {
    for (const f of document.querySelectorAll('iframe')) f.remove();
  });

  it('the live call\'s draft is stored as it rings and follows the call; another tab writes it once the first is gone', async () => {
    const { host, client } = simulated();
    const created: string[] = [];
    const realCreate = client.createRecord.bind(client);
    client.createRecord = async (entity, data) => {
      const ref = await realCreate(entity, data);
      if (entity === 'phonecall') created.push(ref.id);
      return ref;
    };
    const one = await openTab('one');
    const a: CallController = new one.calls.CallController({ client, defaultCountry: 'US', screenPop: 'never', sessionTemplate: '' });
    a.incoming({ callId: 'live-1', from: SEED.alan.e164 });
    await whenStored(a.store, () => draftOf('live-1') !== undefined); // stored while it rings
    const ringing = draftOf('live-1')!;
    expect(ringing).to.include({ draft: true });
    expect(ringing.owner).to.be.a('string');
    expect(ringing.input.connectedAt).to.equal(undefined);
    const logId = ringing.id;
    expect(a.getCall('live-1')).to.include({ logId, log: 'none' });

    const connectedAt = Date.now();
    a.connected('live-1');
    // The draft follows the call: connected, then the caller the lookup found.
    await whenStored(a.store, () => draftOf('live-1')?.input.connectedAt !== undefined && draftOf('live-1')?.input.regarding?.name === 'Alan Turing');
    expect(draftOf('live-1')!.id).to.equal(logId);

    // Another tab meanwhile: the draft belongs to a live owner, so it is left alone.
    const two = await openTab('two');
    const b: CallController = new two.calls.CallController({ client, defaultCountry: 'US', screenPop: 'never', sessionTemplate: '' });
    await b.retry();
    expect(created, 'a live call\'s draft was written while its tab lives').to.deep.equal([]);

    // The first tab dies mid-call (its realm, locks and timers go): the second takes the draft over on its
    // own, as soon as the browser releases the dead tab's owner lock (its store fires `due`; no retry() here,
    // and not the timed retry).
    const due: string[] = [];
    b.store.addEventListener('due', (e) => due.push(e.detail.id));
    const written = new Promise<void>((resolve) => b.addEventListener('logged', () => resolve(), { once: true }));
    const killedAt = Date.now();
    one.frame.remove();
    await written;
    expect(due, 'written because the owner went (`due`), not by a timed retry').to.include(logId);
    expect(created).to.deep.equal([logId]);
    const pc = host.record('phonecall', logId)!;
    expect(pc).to.include({ directioncode: false, phonenumber: SEED.alan.e164 });
    expect(String(pc.description)).to.contain('Ended: interrupted');
    // Its end is the last change the dead tab stored (here: the connection or the lookup).
    const end = Date.parse(String(pc.actualend));
    expect(end).to.be.within(connectedAt - 5, killedAt);
    expect(Date.parse(String(pc.actualstart))).to.be.at.most(end);
    expect(storedLogs()).to.deep.equal([]);
    // Written exactly once, even when asked again.
    await b.retry();
    expect(created).to.deep.equal([logId]);
    b.dispose();
  });

  it('a call that ends normally keeps the same log id: one log, completed, no "interrupted"', async () => {
    const { host, client } = simulated();
    const before = host.records('phonecall').length;
    const one = await openTab('one');
    const a: CallController = new one.calls.CallController({ client, defaultCountry: 'US', screenPop: 'never', sessionTemplate: '' });
    a.outgoing({ callId: 'out-1', to: SEED.alan.e164 });
    await whenStored(a.store, () => draftOf('out-1') !== undefined); // stored while it is placed
    const logId = draftOf('out-1')!.id;
    // Lookup, agent id, then the write: several round trips through the iframe, however long they take under
    // load — the controller says when its log is written (no time-based wait).
    const logged = new Promise<CallControllerEventMap['logged']['detail']>((resolve) => a.addEventListener('logged', (e) => resolve(e.detail), { once: true }));
    a.connected('out-1');
    a.ended('out-1');
    const { log } = await logged;
    expect(log.id, 'the live draft\'s log id, kept when the call ends').to.equal(logId);
    expect(host.record('phonecall', logId), 'written').to.not.equal(undefined);
    // Nothing else is kept that could still be written: one activity for the call.
    expect(storedLogs()).to.deep.equal([]);
    expect(host.records('phonecall')).to.have.length(before + 1);
    expect(String(host.record('phonecall', logId)!.description ?? '')).not.to.contain('interrupted');
    a.dispose();
  });
});
