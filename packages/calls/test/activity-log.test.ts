import { expect, waitUntil } from '@open-wc/testing';
import { CifError } from '@cif-elements/client';
import {
  PENDING_LOGS_KEY,
  PendingLogStore,
  buildPhoneCallRecord,
  callDescription,
  callDurationMinutes,
  defaultCallSubject,
  entitySetName,
  isDuplicateKeyError,
  newActivityId,
} from '../src/index.js';
import type { CallLogInput, PendingCallLog } from '../src/index.js';
import { fakeClient, mapStorage, simulated, useCleanStorage } from './helpers.js';

const CONTACT = 'aaaaaaaa-0000-4000-8000-000000000001';
const USER = '{7D3E6B1A-9C2F-4E8B-A5D4-3F2E1D0C9B8A}';
const T0 = Date.UTC(2025, 0, 2, 9, 0, 0);

const incoming = (over: Partial<CallLogInput> = {}): CallLogInput => ({
  callId: 'c1',
  direction: 'incoming',
  number: '+14255550100',
  startedAt: T0,
  connectedAt: T0 + 5_000,
  endedAt: T0 + 5_000 + 125_000,
  regarding: { entityName: 'contact', id: CONTACT, name: 'Ada Lovelace' },
  userId: USER,
  ...over,
});

function logOf(input: CallLogInput, over: Partial<PendingCallLog> = {}): PendingCallLog {
  const id = newActivityId();
  return { id, callId: input.callId, input, record: buildPhoneCallRecord(input, id), createdAt: Date.now(), attempts: 0, ...over };
}

describe('buildPhoneCallRecord', () => {
  useCleanStorage();

  it('an answered incoming call: from = the contact, to = the agent, regarding the contact', () => {
    const id = newActivityId();
    const r = buildPhoneCallRecord(incoming({ notes: 'Wants a refund.', outcome: 'Resolved', queue: 'Billing' }), id);
    expect(r).to.deep.equal({
      activityid: id,
      subject: 'Call from Ada Lovelace',
      directioncode: false,
      phonenumber: '+14255550100',
      actualdurationminutes: 3,
      actualstart: new Date(T0 + 5_000).toISOString(),
      actualend: new Date(T0 + 130_000).toISOString(),
      description: 'Outcome: Resolved\nQueue: Billing\n\nWants a refund.',
      'regardingobjectid_contact_phonecall@odata.bind': `/contacts(${CONTACT})`,
      phonecall_activity_parties: [
        { 'partyid_contact@odata.bind': `/contacts(${CONTACT})`, participationtypemask: 1 },
        { 'partyid_systemuser@odata.bind': '/systemusers(7d3e6b1a-9c2f-4e8b-a5d4-3f2e1d0c9b8a)', participationtypemask: 2 },
      ],
    });
    expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('an outgoing call to an account swaps the parties; no agent id → no agent party', () => {
    const r = buildPhoneCallRecord(
      incoming({ direction: 'outgoing', regarding: { entityName: 'account', id: `{${CONTACT.toUpperCase()}}`, name: 'Fabrikam' }, userId: undefined }),
      'x',
    );
    expect(r.directioncode).to.equal(true);
    expect(r.subject).to.equal('Call to Fabrikam');
    expect(r['regardingobjectid_account_phonecall@odata.bind']).to.equal(`/accounts(${CONTACT})`);
    expect(r.phonecall_activity_parties).to.deep.equal([{ 'partyid_account@odata.bind': `/accounts(${CONTACT})`, participationtypemask: 2 }]);
  });

  it('missed and declined calls: 0 minutes, their own subject, no regarding or parties when unknown', () => {
    const missed = incoming({ connectedAt: undefined, regarding: undefined, userId: 'not-a-guid', endReason: 'missed' });
    const r = buildPhoneCallRecord(missed, 'x');
    expect(r.subject).to.equal('Missed call from +14255550100');
    expect(r.actualdurationminutes).to.equal(0);
    expect(r).to.not.have.property('phonecall_activity_parties');
    expect(r).to.not.have.property('description');
    expect(Object.keys(r).some((k) => k.startsWith('regardingobjectid'))).to.be.false;
    expect(defaultCallSubject({ ...missed, endReason: 'declined' })).to.equal('Declined call from +14255550100');
    expect(defaultCallSubject({ ...missed, direction: 'outgoing' })).to.equal('Unanswered call to +14255550100');
    expect(buildPhoneCallRecord({ ...missed, subject: '  Custom  ' }, 'x').subject).to.equal('Custom');
  });

  it('duration rounds connected time up to whole minutes; description lines', () => {
    expect(callDurationMinutes(incoming({ endedAt: T0 + 5_000 + 20_000 }))).to.equal(1);
    expect(callDurationMinutes(incoming({ endedAt: T0 + 5_000 + 60_000 }))).to.equal(1);
    expect(callDurationMinutes(incoming({ endedAt: T0 + 5_000 + 60_001 }))).to.equal(2);
    expect(callDurationMinutes(incoming({ endedAt: T0 }))).to.equal(0);
    expect(callDescription(incoming({ notes: '  only notes  ' }))).to.equal('only notes');
    expect(callDescription(incoming({ reason: 'Order status' }))).to.equal('Reason: Order status');
    // A call the telephony ended on a failure says why; the usual ends do not add a line.
    expect(callDescription(incoming({ endReason: 'ice-failed', notes: 'cut off' }))).to.equal('Ended: ice-failed\n\ncut off');
    expect(callDescription(incoming({ endReason: 'completed' }))).to.equal('');
    expect(callDescription(incoming({ endReason: 'transferred', transferTarget: '+1425' }))).to.equal('Transferred to: +1425');
    expect(entitySetName('opportunity')).to.equal('opportunities');
    expect(entitySetName('msdyn_ocliveworkitem')).to.equal('msdyn_ocliveworkitems');
    expect(entitySetName('address')).to.equal('addresses');
  });
});

describe('PendingLogStore', () => {
  useCleanStorage();

  it('keeps each log under its own key: another store over the same storage sees it (a reload)', async () => {
    const a = new PendingLogStore();
    const log = logOf(incoming());
    await a.put(log);
    expect(JSON.parse(localStorage.getItem(`${PENDING_LOGS_KEY}:log:${log.id}`)!)).to.deep.equal(log);
    const b = new PendingLogStore();
    expect(b.list()).to.deep.equal([log]);
    expect(await b.update(log.id, { attempts: 2, lastError: 'x' })).to.include({ attempts: 2, lastError: 'x' });
    expect(a.get(log.id)).to.include({ attempts: 2 });
    expect(await b.update('missing', { attempts: 1 })).to.equal(undefined);
    await a.remove(log.id);
    expect(b.size).to.equal(0);
    expect(localStorage.getItem(`${PENDING_LOGS_KEY}:log:${log.id}`), 'the key goes').to.equal(null);
    a.dispose();
    b.dispose();
  });

  it('moves a queue in the old single-key format into per-log keys', () => {
    const x = logOf(incoming({ callId: 'x' }), { createdAt: 1 });
    const y = logOf(incoming({ callId: 'y' }), { createdAt: 2 });
    localStorage.setItem(PENDING_LOGS_KEY, JSON.stringify([x, y]));
    const store = new PendingLogStore();
    expect(store.list().map((l) => l.callId)).to.deep.equal(['x', 'y']);
    expect(localStorage.getItem(PENDING_LOGS_KEY)).to.equal(null);
    expect(store.quarantined()).to.deep.equal([]);
    store.dispose();
  });

  it('quarantines corrupt entries under their own key and reports them; never drops or overwrites them', async () => {
    const good = logOf(incoming());
    localStorage.setItem('calls-test:logs', JSON.stringify([{ id: 1 }, good]));
    localStorage.setItem('calls-test:logs:log:broken', '{not json');
    const store = new PendingLogStore({ key: 'calls-test:logs' });
    const reported: string[] = [];
    store.addEventListener('corrupt', (e) => reported.push(e.detail.value));
    const error = console.error;
    console.error = () => undefined;
    try {
      expect(store.list()).to.deep.equal([good]);
    } finally {
      console.error = error;
    }
    expect(reported.sort()).to.deep.equal(['[{"id":1}]', '{not json'].sort());
    const q = store.quarantined();
    expect(q.map((e) => e.key).sort()).to.deep.equal(['calls-test:logs', 'calls-test:logs:log:broken']);
    for (const e of q) expect(localStorage.getItem(e.quarantineKey)).to.equal(e.value);
    expect(localStorage.getItem('calls-test:logs:log:broken')).to.equal(null);
    await store.put(logOf(incoming({ callId: 'next' })));
    for (const e of q) expect(localStorage.getItem(e.quarantineKey), 'still kept after more writes').to.equal(e.value);
    expect(new PendingLogStore().size).to.equal(0);
    store.dispose();
  });

  it('storage refusing writes: kept in memory, durable false and reported; recovers when storage works again', async () => {
    let refuse = true;
    const { map, storage } = mapStorage((op) => {
      if (refuse && op === 'write') throw new DOMException('full', 'QuotaExceededError');
    });
    const store = new PendingLogStore({ storage, recoverMs: 20, locks: null });
    const changes: Array<{ durable: boolean; problem?: string }> = [];
    store.addEventListener('durability', (e) => changes.push({ durable: e.detail.durable, ...(e.detail.problem ? { problem: e.detail.problem } : {}) }));
    const log = logOf(incoming());
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...a: unknown[]) => warnings.push(a);
    try {
      await store.put(log);
    } finally {
      console.warn = warn;
    }
    expect(warnings).to.have.length(1);
    expect(store.durable).to.be.false;
    expect(store.storageProblem).to.equal('quota');
    expect(store.list()).to.deep.equal([log]);
    expect(map.size).to.equal(0);
    refuse = false;
    await waitUntil(() => store.durable, 'recovers');
    expect(JSON.parse(map.get(`${PENDING_LOGS_KEY}:log:${log.id}`)!)).to.deep.equal(log);
    expect(changes).to.deep.equal([{ durable: false, problem: 'quota' }, { durable: true }]);
    store.dispose();
  });

  it('a copy kept while storage could not even be read is not put back once its log went (another tab wrote it); a new log is', async () => {
    // Storage throwing on every access (reads too): the memory copy cannot know what storage holds.
    let broken = false;
    const { map, storage } = mapStorage(() => {
      if (broken) throw new DOMException('denied', 'SecurityError');
    });
    const warn = console.warn;
    console.warn = () => undefined;
    const store = new PendingLogStore({ storage, locks: null, recoverMs: 3_600_000, heartbeatMs: 3_600_000 });
    try {
      const log = logOf(incoming({ callId: 'kept-before' }));
      await store.put(log); // in storage
      broken = true;
      await store.put({ ...log, attempts: 1 }); // an update, kept in memory only
      const fresh = logOf(incoming({ callId: 'new-while-broken' }));
      await store.put(fresh); // never in storage
      expect(store.durable).to.be.false;
      broken = false;
      map.delete(`${PENDING_LOGS_KEY}:log:${log.id}`); // another tab wrote it to Dynamics and removed it
      await store.put(logOf(incoming({ callId: 'after' }))); // storage takes writes: recovery runs
      await waitUntil(() => store.durable, 'recovered');
      expect(map.has(`${PENDING_LOGS_KEY}:log:${log.id}`), 'a written log came back: it would be sent twice').to.equal(false);
      expect(JSON.parse(map.get(`${PENDING_LOGS_KEY}:log:${fresh.id}`)!)).to.deep.equal(fresh);
    } finally {
      console.warn = warn;
      store.dispose();
    }
  });

  it('recovery never puts a stale memory copy over a newer final another store wrote meanwhile (the final stays, and is written)', async () => {
    // One storage shared by two stores (two tabs), without Web Locks: the fallback's owner liveness is the
    // heartbeat, which cannot be written while storage refuses writes, so tab A takes over tab B's live draft.
    let refuse = false;
    const { map, storage } = mapStorage((op) => {
      if (refuse && op === 'write') throw new DOMException('full', 'QuotaExceededError');
    });
    const warn = console.warn;
    console.warn = () => undefined;
    const options = { storage, locks: null, recoverMs: 3_600_000, heartbeatMs: 3_600_000 };
    const b = new PendingLogStore(options);
    const a = new PendingLogStore(options);
    try {
      refuse = true;
      const owner = b.createOwner(); // its heartbeat is refused
      refuse = false;
      const input = incoming({ notes: 'typed so far' });
      const draft = logOf(input, { draft: true, owner: owner.id });
      await b.put(draft);
      // A takes the draft over; its attempt fails while storage refuses writes again: A keeps its copy
      // (the draft, attempts 1) in memory.
      const { client, host } = simulated();
      const realCreate = client.createRecord.bind(client);
      client.createRecord = async () => {
        refuse = true;
        throw new Error('Dataverse is busy');
      };
      expect(await a.send(client, draft.id)).to.include({ ok: false });
      expect(a.durable).to.be.false;
      // B, the owner, finishes the wrap-up meanwhile: the final log (storage refuses: B's memory).
      const finalInput = { ...input, notes: 'the whole text', outcome: 'Resolved' };
      const final = { ...draft, input: finalInput, record: buildPhoneCallRecord(finalInput, draft.id) };
      delete final.draft;
      delete final.owner;
      await b.put(final);
      // Storage takes writes again; B recovers first, then A.
      refuse = false;
      await b.put(logOf(incoming({ callId: 'other-b' })));
      await waitUntil(() => b.durable, 'B recovered');
      expect(JSON.parse(map.get(`${PENDING_LOGS_KEY}:log:${draft.id}`)!)).to.not.have.property('draft');
      await a.put(logOf(incoming({ callId: 'other-a' })));
      await waitUntil(() => a.durable, 'A recovered');
      const kept = JSON.parse(map.get(`${PENDING_LOGS_KEY}:log:${draft.id}`)!) as PendingCallLog;
      expect(kept.draft, 'the final is still final').to.equal(undefined);
      expect(kept.input.notes).to.equal('the whole text');
      client.createRecord = realCreate;
      const r = await b.flush(client);
      expect(r.written.map((w) => w.log.id)).to.include(draft.id);
      expect(String(host.record('phonecall', draft.id)!.description)).to.contain('the whole text');
    } finally {
      console.warn = warn;
      a.dispose();
      b.dispose();
    }
  });

  it('send writes the phonecall and forgets it; a failure keeps it with the error and attempt count', async () => {
    const { host, client } = simulated();
    const store = new PendingLogStore();
    const log = logOf(incoming());
    await store.put(log);
    host.fail('createRecord', { times: 1, message: 'Dataverse is down' });
    const failed = await store.send(client, log.id);
    expect(failed.ok).to.equal(false);
    expect(failed.ok === false && failed.error).to.be.instanceOf(CifError);
    expect(store.get(log.id)).to.include({ attempts: 1, lastError: 'Dataverse is down' });
    expect(store.get(log.id)).to.not.have.property('lockedUntil');
    const ok = await store.send(client, log.id);
    expect(ok.ok).to.equal(true);
    expect(store.size).to.equal(0);
    const written = host.record('phonecall', log.id)!;
    expect(written.subject).to.equal('Call from Ada Lovelace');
    expect(written['regardingobjectid_contact_phonecall@odata.bind']).to.equal(`/contacts(${CONTACT})`);
  });

  it('a retry after a lost answer is not a second activity: Dynamics’ duplicate key counts as written', async () => {
    const { host, client } = simulated();
    const store = new PendingLogStore();
    const log = logOf(incoming());
    await client.createRecord('phonecall', log.record); // written, but the widget never heard back
    await store.put(log);
    const r = await store.send(client, log.id);
    expect(r).to.include({ ok: true, duplicate: true });
    expect(store.size).to.equal(0);
    expect(host.records('phonecall').filter((p) => p.activityid === log.id)).to.have.length(1);
    expect(isDuplicateKeyError(new Error('Cannot insert duplicate key'))).to.be.true;
    expect(isDuplicateKeyError('timeout')).to.be.false;
  });

  it('flush writes oldest first; skips drafts of a live owner and logs another tab is sending (its Web Lock)', async () => {
    const { host, client } = simulated();
    const store = new PendingLogStore();
    const owner = store.createOwner();
    await owner.ready;
    const a = logOf(incoming({ callId: 'a' }), { createdAt: 1 });
    const draft = logOf(incoming({ callId: 'draft' }), { draft: true, owner: owner.id });
    const locked = logOf(incoming({ callId: 'locked' }));
    const b = logOf(incoming({ callId: 'b' }), { createdAt: 2 });
    for (const l of [a, draft, locked, b]) await store.put(l);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let granted!: () => void;
    const got = new Promise<void>((r) => (granted = r));
    const request = navigator.locks.request(`${PENDING_LOGS_KEY}:lock:${locked.id}`, () => {
      granted();
      return held;
    });
    await got;
    const seen: string[] = [];
    const due: string[] = [];
    store.addEventListener('due', (e) => due.push(e.detail.id));
    const r = await store.flush(client, (x) => seen.push(x.ok === 'skipped' ? 'skip' : x.log.callId));
    expect(seen).to.deep.equal(['a', 'b']);
    expect(r.written.map((w) => w.log.callId)).to.deep.equal(['a', 'b']);
    expect(r.skipped.map((x) => [x.id, x.reason]).sort()).to.deep.equal([[draft.id, 'draft'], [locked.id, 'busy']].sort());
    expect(store.list().map((l) => l.callId).sort()).to.deep.equal(['draft', 'locked']);
    expect(host.records('phonecall').map((p) => p.activityid)).to.include.members([a.id, b.id]);
    expect(await store.send(client, 'nope')).to.deep.equal({ ok: 'skipped', id: 'nope', reason: 'gone' });
    release();
    await request;
    owner.release();
    // The store waits in the lock's queue for a log it found busy, and says when it is free.
    await waitUntil(() => due.includes(locked.id), '`due` once the other writer let go', { timeout: 1000 });
    const r2 = await store.flush(client);
    expect(r2.written.map((w) => w.log.callId).sort(), 'the lock released and the owner gone: both are written').to.deep.equal(['draft', 'locked']);
    store.dispose();
  });

  it('a log another writer holds (its Web Lock): `due` fires the moment the lock is free, so it is sent then, not after a back-off', async () => {
    const { client } = simulated();
    const store = new PendingLogStore();
    const log = logOf(incoming());
    await store.put(log);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let granted!: () => void;
    const got = new Promise<void>((r) => (granted = r));
    const request = navigator.locks.request(`${PENDING_LOGS_KEY}:lock:${log.id}`, () => {
      granted();
      return held;
    });
    await got;
    const due: string[] = [];
    store.addEventListener('due', (e) => due.push(e.detail.id));
    expect(await store.send(client, log.id)).to.deep.equal({ ok: 'skipped', id: log.id, reason: 'busy' });
    expect(await store.send(client, log.id), 'asked again while held').to.deep.equal({ ok: 'skipped', id: log.id, reason: 'busy' });
    await new Promise((r) => setTimeout(r, 30));
    expect(due, 'not while the lock is held').to.deep.equal([]);
    release();
    await request;
    await waitUntil(() => due.length > 0, '`due` when the lock is released', { timeout: 1000 });
    expect(due, 'once, however often it was found busy').to.deep.equal([log.id]);
    expect(await store.send(client, log.id)).to.include({ ok: true });
    store.dispose();
  });

  it('a draft left alone because its owner lives: `due` fires the moment the owner is gone', async () => {
    const { client } = simulated();
    const mine = new PendingLogStore();
    const other = new PendingLogStore(); // another tab's store, with the owner of the drafts
    const owner = other.createOwner();
    await owner.ready;
    const draft = logOf(incoming({ callId: 'd1' }), { draft: true, owner: owner.id });
    const draft2 = logOf(incoming({ callId: 'd2' }), { draft: true, owner: owner.id });
    await other.put(draft);
    await other.put(draft2);
    const due: string[] = [];
    mine.addEventListener('due', (e) => due.push(e.detail.id));
    const r = await mine.flush(client);
    expect(r.skipped.map((x) => x.reason)).to.deep.equal(['draft', 'draft']);
    await mine.flush(client);
    await new Promise((res) => setTimeout(res, 30));
    expect(due, 'not while the owner lives').to.deep.equal([]);
    owner.release();
    await waitUntil(() => due.length === 2, '`due` for each of its drafts once the owner is gone', { timeout: 1000 });
    expect(due.sort()).to.deep.equal([draft.id, draft2.id].sort());
    const r2 = await mine.flush(client);
    expect(r2.written).to.have.length(2);
    mine.dispose();
    other.dispose();
  });

  it('a disposed store stops waiting for a lock another writer holds (no `due` after dispose)', async () => {
    const { client } = simulated();
    const store = new PendingLogStore();
    const log = logOf(incoming());
    await store.put(log);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let granted!: () => void;
    const got = new Promise<void>((r) => (granted = r));
    const request = navigator.locks.request(`${PENDING_LOGS_KEY}:lock:${log.id}`, () => {
      granted();
      return held;
    });
    await got;
    let due = 0;
    store.addEventListener('due', () => due++);
    expect(await store.send(client, log.id)).to.include({ reason: 'busy' });
    const waiting = (await navigator.locks.query()).pending?.filter((l) => l.name === `${PENDING_LOGS_KEY}:lock:${log.id}`) ?? [];
    expect(waiting, 'the store waits for the lock').to.have.length(1);
    store.dispose();
    await waitUntil(async () => !((await navigator.locks.query()).pending ?? []).some((l) => l.name === `${PENDING_LOGS_KEY}:lock:${log.id}`), 'its wait is withdrawn');
    release();
    await request;
    await new Promise((r) => setTimeout(r, 30));
    expect(due).to.equal(0);
  });

  it('put with replaceOnly changes a kept log but never brings back one that is gone', async () => {
    const store = new PendingLogStore();
    const log = logOf(incoming());
    await store.put(log);
    await store.put({ ...log, attempts: 3 }, { replaceOnly: true });
    expect(store.get(log.id)).to.include({ attempts: 3 });
    await store.remove(log.id);
    await store.put({ ...log, attempts: 4 }, { replaceOnly: true });
    expect(store.get(log.id)).to.equal(undefined);
    expect(localStorage.getItem(`${PENDING_LOGS_KEY}:log:${log.id}`)).to.equal(null);
    store.dispose();
  });

  it('without navigator.locks: a lease keeps others off, and its expiry fires `due` (retried on its own)', async () => {
    const { client } = simulated();
    const store = new PendingLogStore({ locks: null });
    const log = logOf(incoming(), { lockedUntil: Date.now() + 80, lockToken: 'another tab' });
    await store.put(log);
    expect(await store.send(client, log.id)).to.deep.equal({ ok: 'skipped', id: log.id, reason: 'busy' });
    let due = '';
    store.addEventListener('due', (e) => (due = e.detail.id));
    await waitUntil(() => due === log.id, 'due when the lease expires');
    expect(await store.send(client, log.id)).to.include({ ok: true });
    expect(store.usesLocks).to.be.false;
    store.dispose();
  });

  it('against the fake library: JSON-string and Map rejections keep the log', async () => {
    const { fake, client } = fakeClient();
    const store = new PendingLogStore({ key: 'calls-test:logs' });
    const log = logOf(incoming());
    await store.put(log);
    fake.reject('createRecord', JSON.stringify({ value: { errorMsg: 'Xrm says no', errorType: 1 } }), { once: true });
    fake.reject('createRecord', new Map([['message', 'Map says no']]), { once: true });
    const r1 = await store.flush(client);
    const r2 = await store.flush(client);
    expect([...r1.failed, ...r2.failed].map((f) => f.error.message)).to.deep.equal(['Xrm says no', 'Map says no']);
    expect(store.get(log.id)!.attempts).to.equal(2);
    const r3 = await store.flush(client);
    expect(r3.written).to.have.length(1);
    const [entity, body] = fake.callsOf('createRecord').at(-1)!;
    expect(entity).to.equal('phonecall');
    expect(JSON.parse(body as string).activityid).to.equal(log.id);
    expect(store.size).to.equal(0);
  });
});
