import { expect } from '@open-wc/testing';
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
import type { CallLogInput, KeyValueStorage, PendingCallLog } from '../src/index.js';
import { fakeClient, simulated, useCleanStorage } from './helpers.js';

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
    expect(entitySetName('opportunity')).to.equal('opportunities');
    expect(entitySetName('msdyn_ocliveworkitem')).to.equal('msdyn_ocliveworkitems');
    expect(entitySetName('address')).to.equal('addresses');
  });
});

describe('PendingLogStore', () => {
  useCleanStorage();

  it('keeps logs in localStorage: another store over the same storage sees them (a reload)', () => {
    const a = new PendingLogStore();
    const log = logOf(incoming());
    a.put(log);
    expect(JSON.parse(localStorage.getItem(PENDING_LOGS_KEY)!)).to.have.length(1);
    const b = new PendingLogStore();
    expect(b.list()).to.deep.equal([log]);
    expect(b.update(log.id, { attempts: 2, lastError: 'x' })).to.include({ attempts: 2, lastError: 'x' });
    expect(a.get(log.id)).to.include({ attempts: 2 });
    expect(b.update('missing', { attempts: 1 })).to.equal(undefined);
    a.remove(log.id);
    expect(b.size).to.equal(0);
    expect(localStorage.getItem(PENDING_LOGS_KEY), 'the key goes when empty').to.equal(null);
  });

  it('ignores corrupt storage and foreign keys', () => {
    localStorage.setItem('calls-test:logs', '{not json');
    expect(new PendingLogStore({ key: 'calls-test:logs' }).list()).to.deep.equal([]);
    localStorage.setItem('calls-test:logs', JSON.stringify([{ id: 1 }, logOf(incoming())]));
    expect(new PendingLogStore({ key: 'calls-test:logs' }).size).to.equal(1);
    expect(new PendingLogStore().size).to.equal(0);
  });

  it('falls back to memory (durable = false) when the storage refuses writes', () => {
    const refusing: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const store = new PendingLogStore({ storage: refusing });
    const log = logOf(incoming());
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...a: unknown[]) => warnings.push(a);
    try {
      store.put(log);
    } finally {
      console.warn = warn;
    }
    expect(warnings).to.have.length(1);
    expect(store.durable).to.be.false;
    expect(store.list()).to.deep.equal([log]);
  });

  it('send writes the phonecall and forgets it; a failure keeps it with the error and attempt count', async () => {
    const { host, client } = simulated();
    const store = new PendingLogStore();
    const log = logOf(incoming());
    store.put(log);
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
    store.put(log);
    const r = await store.send(client, log.id);
    expect(r).to.include({ ok: true, duplicate: true });
    expect(store.size).to.equal(0);
    expect(host.records('phonecall').filter((p) => p.activityid === log.id)).to.have.length(1);
    expect(isDuplicateKeyError(new Error('Cannot insert duplicate key'))).to.be.true;
    expect(isDuplicateKeyError('timeout')).to.be.false;
  });

  it('flush writes oldest first, skips drafts and logs another writer owns', async () => {
    const { host, client } = simulated();
    const store = new PendingLogStore();
    const a = logOf(incoming({ callId: 'a' }), { createdAt: 1 });
    const draft = logOf(incoming({ callId: 'draft' }), { draft: true });
    const locked = logOf(incoming({ callId: 'locked' }), { lockedUntil: Date.now() + 60_000 });
    const b = logOf(incoming({ callId: 'b' }), { createdAt: 2 });
    for (const l of [a, draft, locked, b]) store.put(l);
    const seen: string[] = [];
    const r = await store.flush(client, (x) => seen.push(x.ok === 'skipped' ? 'skip' : x.log.callId));
    expect(seen).to.deep.equal(['a', 'b']);
    expect(r.written.map((w) => w.log.callId)).to.deep.equal(['a', 'b']);
    expect(store.list().map((l) => l.callId)).to.deep.equal(['draft', 'locked']);
    expect(host.records('phonecall').map((p) => p.activityid)).to.include.members([a.id, b.id]);
    expect(await store.send(client, 'nope')).to.deep.equal({ ok: 'skipped', id: 'nope' });
  });

  it('against the fake library: JSON-string and Map rejections keep the log', async () => {
    const { fake, client } = fakeClient();
    const store = new PendingLogStore({ key: 'calls-test:logs' });
    const log = logOf(incoming());
    store.put(log);
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
