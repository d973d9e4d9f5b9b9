import { expect } from '@open-wc/testing';
import type { CifSession } from '@cif-elements/client';
import { SessionStore, mergeSession, normalizeSession } from '../src/session-store.js';

// Pure data: no element, no DOM, no client.

const session = (id: string, extra: Partial<CifSession> = {}): CifSession => ({
  sessionId: id,
  focused: false,
  context: {},
  unread: 0,
  ...extra,
});

const ids = (store: SessionStore) => store.sessions.map((s) => s.sessionId);
const notFound = new Map([['message', 'Session gone does not exist']]);

/** A store after a plain load of `list` (answers for every id). */
function loaded(list: CifSession[], focused: string | null = null): SessionStore {
  const store = new SessionStore();
  store.beginLoad();
  for (const s of list) store.stageAnswer(s.sessionId, s);
  store.finishLoad({ ids: list.map((s) => s.sessionId), focused, failures: new Map() });
  return store;
}

describe('session-store: normalising and merging', () => {
  it('normalize keeps well-typed fields only, clamps unread, and freezes the copy', () => {
    const raw = {
      sessionId: 'a',
      focused: true,
      context: 'not an object',
      unread: 2.7,
      title: '',
      customerName: 42,
      channel: 'voice',
      conversationId: 'c-1',
      startedAt: Number.NaN,
      extra: 'dropped',
    } as unknown as CifSession;
    const n = normalizeSession(raw, false);
    expect(n).to.deep.equal({ sessionId: 'a', focused: false, context: {}, unread: 2, channel: 'voice', conversationId: 'c-1' });
    expect(Object.isFrozen(n)).to.equal(true);
    expect(normalizeSession(session('b', { unread: -3 }), true).unread).to.equal(0);
    expect(normalizeSession(session('b', { unread: Infinity }), true).unread).to.equal(0);
    expect(normalizeSession(session('b', { startedAt: 5 }), true)).to.include({ startedAt: 5, focused: true });
  });

  it('merge: an update that lacks a field does not erase it', () => {
    const base = session('a', { title: 'Old', customerName: 'Ana' });
    const merged = mergeSession(base, { sessionId: 'a', title: 'New', customerName: undefined } as unknown as CifSession);
    expect(merged).to.include({ title: 'New', customerName: 'Ana' });
    expect(mergeSession(undefined, base)).to.equal(base);
  });
});

describe('session-store: loading', () => {
  it('lists sessions in CIF order without duplicates, with the focused mark and snapshots replaced on change', () => {
    const store = new SessionStore();
    store.beginLoad();
    store.stageAnswer('a', session('a', { title: 'A', unread: 3 }));
    store.stageAnswer('b', session('b', { title: 'B' }));
    store.finishLoad({ ids: ['a', 'b', 'a'], focused: 'a', failures: new Map() });
    expect(ids(store)).to.deep.equal(['a', 'b']);
    expect(store.focusedId).to.equal('a');
    expect(store.get('a')).to.include({ focused: true, unread: 0 }, 'focusing clears the unread count');
    const snapshot = store.sessions;
    expect(Object.isFrozen(snapshot)).to.equal(true);
    expect(store.sessions).to.equal(snapshot, 'no copy without a change');
    store.updated(session('b', { title: 'B2' }));
    expect(store.sessions).to.not.equal(snapshot);
    expect(store.sessions[0]).to.equal(snapshot[0], 'unchanged rows keep their identity');
  });

  it('keeps a session CIF lists but will not describe (by id), drops one CIF says does not exist', () => {
    const store = new SessionStore();
    store.beginLoad();
    store.stageAnswer('a', session('a', { title: 'A' }));
    store.finishLoad({
      ids: ['a', 'mute', 'gone'],
      focused: null,
      failures: new Map<string, unknown>([
        ['mute', new Error('timeout')],
        ['gone', notFound],
      ]),
    });
    expect(ids(store)).to.deep.equal(['a', 'mute']);
    expect(store.get('mute')).to.deep.equal({ sessionId: 'mute', focused: false, context: {}, unread: 0 });
  });

  it('uses a session\'s own focused flag when getFocusedSession gave nothing', () => {
    const store = new SessionStore();
    store.beginLoad();
    store.stageAnswer('a', session('a'));
    store.stageAnswer('b', session('b', { focused: true }));
    store.finishLoad({ ids: ['a', 'b'], focused: null, failures: new Map() });
    expect(store.focusedId).to.equal('b');
    // ignores answers that are not objects
    store.beginLoad();
    store.stageAnswer('c', 'nonsense');
    store.finishLoad({ ids: ['c'], focused: null, failures: new Map() });
    expect(store.get('c')).to.deep.equal({ sessionId: 'c', focused: false, context: {}, unread: 0 });
  });

  it('merges events that arrive during a load: created kept, closed dropped, updates and switches win', () => {
    const store = new SessionStore();
    store.beginLoad();
    store.stageAnswer('a', session('a', { title: 'A' }));
    // events while CIF answers
    store.created(session('new', { title: 'Created meanwhile' }));
    store.updated(session('a', { title: 'A renamed' }));
    store.closed('b');
    store.switched({ sessionId: 'new', focused: true, context: {} });
    store.stageAnswer('b', session('b', { title: 'B' }));
    store.finishLoad({ ids: ['a', 'b'], focused: 'a', failures: new Map() });
    expect(ids(store)).to.deep.equal(['a', 'new']);
    expect(store.get('a')!.title).to.equal('A renamed');
    expect(store.focusedId).to.equal('new', 'a switch during the load wins over getFocusedSession');
  });

  it('a session closed and created again during the load is kept; abortLoad stops recording', () => {
    const store = new SessionStore();
    store.beginLoad();
    store.closed('x');
    store.created(session('x', { title: 'Back' }));
    store.finishLoad({ ids: [], focused: null, failures: new Map() });
    expect(ids(store)).to.deep.equal(['x']);
    store.beginLoad();
    store.abortLoad();
    store.closed('x');
    store.finishLoad({ ids: ['x'], focused: null, failures: new Map() });
    expect(ids(store)).to.deep.equal(['x'], 'the close was before this load started');
  });
});

describe('session-store: events', () => {
  it('created reports only new sessions, merges known ones, and takes their focus', () => {
    const store = loaded([session('a', { title: 'A' })], 'a');
    expect(store.created(session('b', { title: 'B', focused: true }))).to.include({ sessionId: 'b', title: 'B' });
    expect(store.focusedId).to.equal('b');
    expect(store.get('a')!.focused).to.equal(false);
    expect(store.created(session('b', { title: 'B again' }))).to.equal(undefined, 'not new');
    expect(store.get('b')!.title).to.equal('B again');
    expect(store.created(null as unknown as CifSession)).to.equal(undefined);
  });

  it('an update for an unknown session adds no row', () => {
    const store = loaded([session('a')]);
    expect(store.updated(session('ghost', { title: 'Ghost' }))).to.equal(false);
    expect(ids(store)).to.deep.equal(['a']);
    expect(store.updated(session('a', { unread: 4 }))).to.equal(true);
    expect(store.get('a')!.unread).to.equal(4);
  });

  it('switches arrive as two events in either order; a switch away to a foreign session clears the mark', () => {
    const store = loaded([session('a'), session('b')], 'a');
    // new first, then old
    expect(store.switched({ sessionId: 'b', focused: true, context: {} })).to.equal(true);
    expect(store.switched({ sessionId: 'a', focused: false, context: {} })).to.equal(false, 'a was no longer focused');
    expect(store.focusedId).to.equal('b');
    // old first, then new
    store.switched({ sessionId: 'b', focused: false, context: {} });
    expect(store.focusedId).to.equal(null);
    store.switched({ sessionId: 'a', focused: true, context: {} });
    expect(store.sessions.filter((s) => s.focused).map((s) => s.sessionId)).to.deep.equal(['a']);
    // to a session the list does not have
    store.switched({ sessionId: 'a', focused: false, context: {} });
    store.switched({ sessionId: 'elsewhere', focused: true, context: {} });
    expect(store.sessions.filter((s) => s.focused)).to.deep.equal([]);
    expect(store.switched(undefined as never)).to.equal(false);
  });

  it('closed removes the session and names its neighbour (next, else previous) when asked', () => {
    const store = loaded([session('a'), session('b'), session('c')], 'b');
    expect(store.closed('b', true)!.neighbour!.sessionId).to.equal('c');
    expect(store.focusedId).to.equal(null);
    expect(store.closed('c', true)!.neighbour!.sessionId).to.equal('a');
    const last = store.closed('a', true)!;
    expect(last.session.sessionId).to.equal('a');
    expect(last.neighbour).to.equal(undefined);
    expect(store.closed('a')).to.equal(undefined, 'unknown');
    expect(store.size).to.equal(0);
  });

  it('clear forgets every session, the focus and a load in flight', () => {
    const store = loaded([session('a')], 'a');
    store.beginLoad();
    store.clear();
    expect(store.size).to.equal(0);
    expect(store.focusedId).to.equal(null);
    expect(store.sessions).to.deep.equal([]);
  });
});
