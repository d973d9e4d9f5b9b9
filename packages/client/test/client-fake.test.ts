import { expect } from '@open-wc/testing';
import { CifError } from '../src/errors.js';
import { CifFrameworkClient, SESSION_META_KEY } from '../src/client.js';
import type { CifClient } from '../src/types.js';
import { createFakeCIFramework, type FakeCIFramework } from '../src/testing/index.js';

/** Resolves the rejection of `p` (fails the test if it resolves). */
async function rejectionOf(p: Promise<unknown>): Promise<CifError> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(CifError);
    return e as CifError;
  }
  throw new Error('expected a rejection');
}

describe('CifFrameworkClient over a fake Microsoft.CIFramework', () => {
  let fake: FakeCIFramework;
  let client: CifClient;
  beforeEach(() => {
    fake = createFakeCIFramework({ version: 2 });
    client = new CifFrameworkClient(fake, { version: 2 });
  });

  describe('records', () => {
    it('createRecord sends JSON and parses the JSON-string reference', async () => {
      const ref = await client.createRecord('contact', { firstname: 'Ada' });
      expect(ref.entityType).to.equal('contact');
      expect(ref.id).to.match(/^0{8}-/);
      const [entity, body] = fake.callsOf('createRecord')[0];
      expect(entity).to.equal('contact');
      expect(JSON.parse(body as string)).to.deep.equal({ firstname: 'Ada' });
    });

    it('createRecord rejects a non-object without calling CIF', async () => {
      const err = await rejectionOf(client.createRecord('contact', 'nope' as never));
      expect(err.code).to.equal('invalid-argument');
      expect(err.method).to.equal('createRecord');
      expect(fake.callsOf('createRecord')).to.have.length(0);
    });

    it('retrieveRecord parses the record and passes the query', async () => {
      fake.respond('retrieveRecord', JSON.stringify({ contactid: 'c1', fullname: 'Ada Lovelace' }));
      const rec = await client.retrieveRecord('contact', 'c1', '?$select=fullname');
      expect(rec).to.deep.equal({ contactid: 'c1', fullname: 'Ada Lovelace' });
      expect(fake.callsOf('retrieveRecord')[0]).to.deep.equal(['contact', 'c1', '?$select=fullname']);
    });

    it('retrieveRecord turns a JSON error string with errorMsg into a CifError', async () => {
      fake.reject('retrieveRecord', JSON.stringify({ value: { errorMsg: 'Record does not exist', errorType: 1 } }));
      const err = await rejectionOf(client.retrieveRecord('contact', 'nope'));
      expect(err.code).to.equal('not-found');
      expect(err.message).to.equal('Record does not exist');
      expect(err.cause).to.be.a('string');
    });

    it('retrieveRecord rejects non-JSON results as invalid-response', async () => {
      fake.respond('retrieveRecord', '<html>oops');
      const err = await rejectionOf(client.retrieveRecord('contact', 'c1'));
      expect(err.code).to.equal('invalid-response');
    });

    it('updateRecord and deleteRecord return references', async () => {
      expect(await client.updateRecord('contact', 'c1', { lastname: 'L' })).to.deep.equal({ id: 'c1', entityType: 'contact' });
      expect(JSON.parse(fake.callsOf('updateRecord')[0][2] as string)).to.deep.equal({ lastname: 'L' });
      expect(await client.deleteRecord('contact', 'c1')).to.deep.equal({ id: 'c1', entityType: 'contact' });
    });

    it('searchAndOpenRecords turns the index-keyed object into an array, in index order', async () => {
      fake.respond('searchAndOpenRecords', JSON.stringify({ 1: { fullname: 'B' }, 0: { fullname: 'A' }, 10: { fullname: 'K' } }));
      const rows = await client.searchAndOpenRecords('contact', "?$filter=contains(telephone1,'555')", true);
      expect(rows.map((r) => r.fullname)).to.deep.equal(['A', 'B', 'K']);
      expect(fake.callsOf('searchAndOpenRecords')[0]).to.deep.equal(['contact', "?$filter=contains(telephone1,'555')", true]);
    });

    it('searchAndOpenRecords: an empty object is an empty array, searchType is passed in 5th position', async () => {
      expect(await client.searchAndOpenRecords('contact', '?$top=1', false, 0)).to.deep.equal([]);
      expect(fake.callsOf('searchAndOpenRecords')[0]).to.deep.equal(['contact', '?$top=1', false, undefined, 0]);
    });

    it('openForm sends JSON strings and parses savedEntityReference', async () => {
      fake.respond('openForm', JSON.stringify({ savedEntityReference: [{ entityType: 'contact', id: 'x', name: 'N' }] }));
      const r = await client.openForm({ entityName: 'contact' }, { firstname: 'Ada' });
      expect(r.savedEntityReference[0].id).to.equal('x');
      const [opts, params] = fake.callsOf('openForm')[0];
      expect(JSON.parse(opts as string)).to.deep.equal({ entityName: 'contact' });
      expect(JSON.parse(params as string)).to.deep.equal({ firstname: 'Ada' });
    });

    it('openForm waits for the user: it is not cut off by the call guard', async () => {
      const guarded = new CifFrameworkClient(fake, { version: 2, callTimeoutMs: 20 });
      fake.respond('openForm', () => new Promise((r) => setTimeout(() => r('{"savedEntityReference":[]}'), 60)));
      expect((await guarded.openForm({ entityName: 'contact' })).savedEntityReference).to.deep.equal([]);
    });

    it('renderSearchPage and getEnvironment', async () => {
      await client.renderSearchPage('contact', '555');
      expect(fake.callsOf('renderSearchPage')[0]).to.deep.equal(['contact', '555']);
      const env = await client.getEnvironment();
      expect(env.clientUrl).to.equal('https://contoso.crm.dynamics.com');
    });
  });

  describe('click-to-act and panel', () => {
    it('getClickToAct / setClickToAct', async () => {
      expect(await client.getClickToAct()).to.equal(true);
      await client.setClickToAct(false);
      expect(await client.getClickToAct()).to.equal(false);
      expect((await rejectionOf(client.setClickToAct('yes' as never))).code).to.equal('invalid-argument');
    });

    it('setClickToAct rejected with a Map carries CIF message and method', async () => {
      fake.reject('setClickToAct', new Map([['message', 'No write privilege'], ['msdyn_name', 'setclicktoact']]));
      const err = await rejectionOf(client.setClickToAct(true));
      expect(err).to.include({ code: 'rejected', method: 'setClickToAct', message: 'No write privilege' });
    });

    it('getMode/setMode/getWidth/setWidth', async () => {
      expect(await client.getMode()).to.equal(1);
      expect(await client.setMode(0)).to.equal(0);
      expect(await client.getWidth()).to.equal(378);
      expect(await client.setWidth(420)).to.equal(420);
      expect((await rejectionOf(client.setMode(5 as never))).code).to.equal('invalid-argument');
      expect((await rejectionOf(client.setWidth(-1))).code).to.equal('invalid-argument');
    });

    it('a mode outside 0..2 from CIF is an invalid response', async () => {
      fake.respond('getMode', 7);
      expect((await rejectionOf(client.getMode())).code).to.equal('invalid-response');
    });
  });

  describe('sessions, tabs, notifications, presence (2.0)', () => {
    it('createSession sends the input with its own meta in context and raises sessioncreated', async () => {
      const created: string[] = [];
      client.on('sessioncreated', (s) => created.push(`${s.sessionId}:${s.customerName}:${s.channel}`));
      expect(await client.canCreateSession()).to.equal(true);
      const id = await client.createSession({
        templateName: 'msdyn_voicecall_session',
        customerName: 'Ada',
        channel: 'voice',
        context: { callId: 7 },
      });
      expect(id).to.equal('session-id-1');
      expect(created).to.deep.equal(['session-id-1:Ada:voice']);
      const [input] = fake.callsOf('createSession')[0] as [Record<string, unknown>];
      expect(input.templateName).to.equal('msdyn_voicecall_session');
      expect(input.customerName).to.equal('Ada');
      const ctx = input.context as Record<string, unknown>;
      expect(ctx.callId).to.equal(7);
      expect(ctx[SESSION_META_KEY]).to.include({ customerName: 'Ada', channel: 'voice' });
    });

    it('getSession turns the Map into a session and hides the meta key from context', async () => {
      const id = await client.createSession({ templateName: 't', customerName: 'Ada', context: { a: 1 } });
      const s = await client.getSession(id);
      expect(s.sessionId).to.equal(id);
      expect(s.focused).to.equal(false);
      expect(s.context).to.deep.equal({ a: 1 });
      expect(s.customerName).to.equal('Ada');
      expect(s.unread).to.equal(0);
    });

    it('a new client (widget reloaded) recovers customer name and start time from the context', async () => {
      const id = await client.createSession({ templateName: 't', customerName: 'Grace', channel: 'chat' });
      const reloaded = new CifFrameworkClient(fake, { version: 2 });
      const s = await reloaded.getSession(id);
      expect(s).to.include({ customerName: 'Grace', channel: 'chat', title: 'Grace' });
      expect(s.startedAt).to.be.a('number');
    });

    it('getSession rejected with a Map is a CifError', async () => {
      fake.reject('getSession', new Map([['message', 'Session not found']]));
      const err = await rejectionOf(client.getSession('session-id-9'));
      expect(err).to.include({ code: 'not-found', method: 'getSession' });
    });

    it('getFocusedSession, getAllSessions, requestFocusSession', async () => {
      await client.createSession({ templateName: 't' });
      expect(await client.getFocusedSession()).to.equal('session-id-0');
      expect(await client.getAllSessions()).to.deep.equal(['session-id-1']);
      await client.requestFocusSession('session-id-1');
      expect(await client.getFocusedSession()).to.equal('session-id-1');
      fake.respond('getFocusedSession', null);
      expect(await client.getFocusedSession()).to.equal(null);
    });

    it('setSessionTitle and notifyNewActivity raise sessionupdated; focusing resets unread', async () => {
      const id = await client.createSession({ templateName: 't', customerName: 'Ada' });
      const updates: string[] = [];
      client.on('sessionupdated', (s) => updates.push(`${s.title}|${s.unread}`));
      await client.setSessionTitle({ sessionId: id, customer: 'Ada L.' });
      await client.setSessionTitle({ sessionId: id, title: 'Call: Ada' });
      await client.notifyNewActivity(id, 3);
      await client.requestFocusSession(id);
      expect(updates).to.deep.equal(['Ada L.|0', 'Call: Ada|0', 'Call: Ada|3', 'Call: Ada|0']);
      expect(fake.callsOf('setSessionTitle')[0][0]).to.deep.equal({ sessionId: id, customer: 'Ada L.' });
      expect((await rejectionOf(client.notifyNewActivity(id, -1))).code).to.equal('invalid-argument');
    });

    it('notifyKpiBreach and updateContext pass their arguments', async () => {
      const id = await client.createSession({ templateName: 't', context: { a: 1 } });
      await client.notifyKpiBreach(id, false, 'Waited 5 min');
      expect(fake.callsOf('notifyKpiBreach')[0]).to.deep.equal([id, false, 'Waited 5 min']);
      await client.updateContext({ b: 2 }, id);
      expect((await client.getSession(id)).context).to.deep.equal({ a: 1 });
      expect(fake.callsOf('updateContext')[0]).to.deep.equal([{ b: 2 }, id, undefined]);
    });

    it('tabs', async () => {
      expect(await client.createTab({ templateName: 'tab' })).to.equal('tab-id-1');
      await client.focusTab('tab-id-1');
      expect(await client.getFocusedTab()).to.equal('tab-id-0');
      fake.respond('getTabs', ['tab-id-1']);
      expect(await client.getTabs('tab')).to.deep.equal(['tab-id-1']);
      await client.refreshTab('tab-id-1');
      await client.setTabTitle('tab-id-1', 'T');
      await client.closeTab('tab-id-1');
      expect(fake.calls.map((c) => c.method)).to.include.members(['focusTab', 'refreshTab', 'setTabTitle', 'closeTab']);
    });

    it('notifyEvent parses the answer, also when wrapped in {value}', async () => {
      expect(await client.notifyEvent({ templateName: 'incoming' })).to.deep.equal({ actionName: 'Accept', responseReason: 'Accept' });
      fake.respond('notifyEvent', JSON.stringify({ value: { actionName: 'Reject', responseReason: 'DeclinedByAgent' } }));
      expect((await client.notifyEvent({ templateName: 'incoming' })).actionName).to.equal('Reject');
      fake.reject('notifyEvent', JSON.stringify({ message: 'NotificationTemplateNotFoundError', msdyn_name: 'notifyEvent' }));
      expect((await rejectionOf(client.notifyEvent({ templateName: 'x' }))).message).to.equal('NotificationTemplateNotFoundError');
      await client.cancelEvent('token-1');
      expect(fake.callsOf('cancelEvent')[0]).to.deep.equal(['token-1']);
    });

    it('getPresence / setPresence, FAILED and false', async () => {
      expect(await client.getPresence()).to.equal('Available');
      await client.setPresence('Busy');
      expect(await client.getPresence()).to.equal('Busy');
      fake.respond('getPresence', 'FAILED');
      expect((await rejectionOf(client.getPresence())).code).to.equal('rejected');
      fake.respond('setPresence', false);
      const err = await rejectionOf(client.setPresence('Nope'));
      expect(err).to.include({ code: 'rejected', method: 'setPresence' });
    });

    it('a library build without the presence API answers unsupported', async () => {
      const old = createFakeCIFramework({ version: 2, withoutPresence: true });
      const c = new CifFrameworkClient(old, { version: 2 });
      expect((await rejectionOf(c.getPresence())).code).to.equal('unsupported');
    });
  });

  describe('CIF 1.0', () => {
    it('every v2-only method rejects with unsupported and calls nothing', async () => {
      const v1fake = createFakeCIFramework({ version: 1 });
      const v1 = new CifFrameworkClient(v1fake, { version: 1 });
      const calls: Array<Promise<unknown>> = [
        v1.canCreateSession(),
        v1.createSession({ templateName: 't' }),
        v1.getSession('s'),
        v1.getFocusedSession(),
        v1.getAllSessions(),
        v1.requestFocusSession('s'),
        v1.setSessionTitle({ sessionId: 's' }),
        v1.notifyNewActivity('s', 1),
        v1.notifyKpiBreach('s'),
        v1.updateContext({}),
        v1.createTab({ templateName: 't' }),
        v1.focusTab('t'),
        v1.getFocusedTab(),
        v1.getTabs(),
        v1.refreshTab('t'),
        v1.setTabTitle('t', 'x'),
        v1.closeTab('t'),
        v1.notifyEvent({ templateName: 'n' }),
        v1.cancelEvent('c'),
        v1.getPresence(),
        v1.setPresence('Available'),
      ];
      for (const p of calls) expect((await rejectionOf(p)).code).to.equal('unsupported');
      expect(v1fake.calls).to.have.length(0);
      expect(await v1.getClickToAct()).to.equal(true);
    });
  });

  describe('rejection shapes and time-outs', () => {
    const shapes: Array<[string, unknown, string]> = [
      ['JSON string', JSON.stringify({ message: 'Bad thing', msdyn_name: 'getmode' }), 'Bad thing'],
      ['JSON string with errorMsg', JSON.stringify({ value: { errorMsg: 'Xrm failed' } }), 'Xrm failed'],
      ['Map', new Map([['message', 'From a Map']]), 'From a Map'],
      ['Map with value.errorMsg', new Map([['value', { errorMsg: 'Nested' }]]), 'Nested'],
      ['Error', new Error('An Error'), 'An Error'],
      ['plain string', 'just text', 'just text'],
      ['undefined', undefined, 'Unknown CIF error'],
    ];
    for (const [name, raw, message] of shapes) {
      it(`normalises a ${name} rejection`, async () => {
        fake.reject('getMode', raw);
        const err = await rejectionOf(client.getMode());
        expect(err.message).to.equal(message);
        expect(err.method).to.equal('getMode');
        expect(err.cause).to.equal(raw);
      });
    }

    it("CIF's own time-out message becomes code timeout", async () => {
      fake.reject('getWidth', new Map([['message', 'Timeout occurred as no response was received from listener window']]));
      expect((await rejectionOf(client.getWidth())).code).to.equal('timeout');
    });

    it('a call CIF never answers is cut off by the guard', async () => {
      const guarded = new CifFrameworkClient(fake, { version: 2, callTimeoutMs: 30 });
      fake.hang('getClickToAct');
      const err = await rejectionOf(guarded.getClickToAct());
      expect(err).to.include({ code: 'timeout', method: 'getClickToAct' });
    });

    it('calls that wait for the agent have a long guard of their own: nothing hangs forever', async () => {
      const guarded = new CifFrameworkClient(fake, { version: 2, callTimeoutMs: 20, agentCallTimeoutMs: 80 });
      for (const method of ['notifyEvent', 'openForm', 'createSession'] as const) fake.hang(method);
      const started = performance.now();
      const errs = await Promise.all([
        rejectionOf(guarded.notifyEvent({ templateName: 'incoming', templateParameters: {} })),
        rejectionOf(guarded.openForm({ entityName: 'contact' })),
        rejectionOf(guarded.createSession({ templateName: 'call' })),
      ]);
      expect(errs.map((e) => [e.code, e.method])).to.deep.equal([
        ['timeout', 'notifyEvent'],
        ['timeout', 'openForm'],
        ['timeout', 'createSession'],
      ]);
      // The agent's guard, not the short one.
      expect(performance.now() - started).to.be.at.least(75);
    });

    it('a guard of 0, NaN or less falls back to the default instead of disabling it', async () => {
      const c = new CifFrameworkClient(fake, { version: 2, callTimeoutMs: 0, agentCallTimeoutMs: Number.NaN });
      const limits = c as unknown as { callTimeoutMs: number; agentCallTimeoutMs: number };
      expect(limits.callTimeoutMs).to.equal(15_000);
      expect(limits.agentCallTimeoutMs).to.equal(600_000);
    });

    it('a synchronous throw inside the library is a CifError too', async () => {
      const broken = { ...fake, getWidth: () => { throw new Error('sync throw'); } };
      const c = new CifFrameworkClient(broken as never, { version: 2 });
      expect((await rejectionOf(c.getWidth())).message).to.equal('sync throw');
    });
  });

  describe('events', () => {
    it('registers ONE CIF handler per event and fans out; the handler returns a promise', async () => {
      const a: string[] = [];
      const b: string[] = [];
      const offA = client.on('clicktoact', (p) => a.push(p.value));
      const offB = client.on('clicktoact', (p) => b.push(`${p.name}/${p.entityLogicalName}`));
      expect(fake.handlerCount('onclicktoact')).to.equal(1);
      await fake.raise('onclicktoact', { value: '+14255550100', name: 'telephone1', format: 'phone', entityLogicalName: 'contact' });
      expect(a).to.deep.equal(['+14255550100']);
      expect(b).to.deep.equal(['telephone1/contact']);
      offA();
      expect(fake.handlerCount('onclicktoact')).to.equal(1);
      offB();
      offB();
      expect(fake.handlerCount('onclicktoact')).to.equal(0);
      expect(client.listenerCount()).to.equal(0);
    });

    it('a throwing listener does not stop the others', async () => {
      const got: number[] = [];
      const origError = console.error;
      console.error = () => {};
      try {
        client.on('modechanged', () => {
          throw new Error('listener bug');
        });
        client.on('modechanged', (p) => got.push(p.mode));
        await fake.raise('onmodechanged', { value: 0 });
      } finally {
        console.error = origError;
      }
      expect(got).to.deep.equal([0]);
    });

    it('malformed payloads are dropped, the handler still answers with a promise', async () => {
      const got: unknown[] = [];
      const origWarn = console.warn;
      console.warn = () => {};
      try {
        client.on('clicktoact', (p) => got.push(p));
        const results = await fake.raise('onclicktoact', 'not json {');
        expect(results).to.deep.equal([true]);
        await fake.raise('onclicktoact', { value: { nested: true } });
        await fake.raise('onclicktoact', '[1,2]');
      } finally {
        console.warn = origWarn;
      }
      expect(got).to.deep.equal([]);
    });

    it('sizechanged, pagenavigate and sendkbarticle payloads are typed', async () => {
      const got: unknown[] = [];
      client.on('sizechanged', (p) => got.push(p));
      client.on('pagenavigate', (p) => got.push(p));
      client.on('sendkbarticle', (p) => got.push(p));
      await fake.raise('onsizechanged', { value: 500 });
      await fake.raise('onpagenavigate', { value: 'https://x.crm.dynamics.com/main.aspx?etn=contact&id={ABC}&pagetype=entityrecord' });
      await fake.raise('onsendkbarticle', { title: 'KB', link: 'https://kb' });
      expect(got).to.deep.equal([
        { width: 500 },
        { url: 'https://x.crm.dynamics.com/main.aspx?etn=contact&id={ABC}&pagetype=entityrecord', entityName: 'contact', entityId: 'ABC', pageType: 'entityrecord' },
        { title: 'KB', link: 'https://kb' },
      ]);
    });

    it('presence: listens to both CIF names, accepts both payload shapes, de-duplicates a double delivery', async () => {
      const got: unknown[] = [];
      client.on('presencechanged', (p) => got.push(p));
      expect(fake.handlerCount('onPresenceChange')).to.equal(1);
      expect(fake.handlerCount('setPresenceEvent')).to.equal(1);
      const info = { presenceId: 'p1', presenceText: 'Busy', presenceColor: '#f00', basePresenceStatus: 'BUSY' };
      await fake.raise('onPresenceChange', { presenceInfo: info });
      await fake.raise('setPresenceEvent', { presenceInfo: info });
      await fake.raise('setPresenceEvent', { presenceId: 'p2' });
      expect(got).to.deep.equal([info, { presenceId: 'p2' }]);
    });

    it('session events keep the client session facts in step', async () => {
      const id = await client.createSession({ templateName: 't', customerName: 'Ada' });
      await client.notifyNewActivity(id, 2);
      const seen: unknown[] = [];
      client.on('sessionswitched', (p) => seen.push(p));
      client.on('sessionclosed', (p) => seen.push(p));
      await fake.raise('onSessionSwitched', { sessionId: id, focused: true, context: { [SESSION_META_KEY]: {}, a: 1 } });
      expect(seen[0]).to.deep.equal({ sessionId: id, focused: true, context: { a: 1 } });
      fake.respond('getSession', new Map<string, unknown>([['sessionId', id], ['focused', true], ['context', {}]]));
      expect((await client.getSession(id)).unread).to.equal(0);
      await fake.raise('onSessionClosed', { sessionId: id, context: {} });
      expect(seen[1]).to.deep.equal({ sessionId: id, context: {} });
    });

    it('v1 clients never register v2 event handlers', () => {
      const v1fake = createFakeCIFramework({ version: 1 });
      const v1 = new CifFrameworkClient(v1fake, { version: 1 });
      const off = v1.on('sessionswitched', () => {});
      v1.on('presencechanged', () => {});
      expect(v1fake.handlerCount()).to.equal(0);
      expect(v1.listenerCount()).to.equal(2);
      off();
      expect(v1.listenerCount()).to.equal(1);
    });

    it('dispose removes every CIF handler and rejects later calls', async () => {
      client.on('clicktoact', () => {});
      client.on('presencechanged', () => {});
      expect(fake.handlerCount()).to.equal(3);
      client.dispose();
      expect(fake.handlerCount()).to.equal(0);
      expect(client.listenerCount()).to.equal(0);
      expect((await rejectionOf(client.getMode())).code).to.equal('disposed');
    });
  });
});
