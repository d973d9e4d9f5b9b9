import { expect } from '@open-wc/testing';
import { CifError } from '../src/errors.js';
import { SimulatedCifHost, createSimulatedClient } from '../src/simulated/index.js';
import type { CifClient, CifEventMap, CifRecord } from '../src/types.js';

async function cifError(p: Promise<unknown>): Promise<CifError> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(CifError);
    return e as CifError;
  }
  throw new Error('expected the call to reject');
}

function setup(options: ConstructorParameters<typeof SimulatedCifHost>[0] = {}): { host: SimulatedCifHost; client: CifClient } {
  const host = new SimulatedCifHost(options);
  return { host, client: createSimulatedClient(host) };
}

function collect<K extends keyof CifEventMap>(client: CifClient, type: K): { events: CifEventMap[K][]; off: () => void } {
  const events: CifEventMap[K][] = [];
  const off = client.on(type, (payload) => events.push(payload));
  return { events, off };
}

describe('createSimulatedClient', () => {
  it('reports the host version and kind "simulated"', () => {
    expect(setup().client.version).to.equal(2);
    expect(setup().client.kind).to.equal('simulated');
    expect(setup({ version: 1 }).client.version).to.equal(1);
  });
});

describe('CifClient over the simulated host: records', () => {
  it('createRecord, retrieveRecord, updateRecord and deleteRecord return typed objects', async () => {
    const { host, client } = setup({ seed: false });
    const ref = await client.createRecord('contact', { firstname: 'Ada', lastname: 'Lovelace', telephone1: '+1 425 555 0100' });
    expect(ref.entityType).to.equal('contact');
    expect(ref.id).to.be.a('string');
    const rec = await client.retrieveRecord<{ contactid: string; fullname: string; telephone1: string }>(
      'contact',
      ref.id,
      '?$select=fullname,telephone1',
    );
    expect(rec).to.deep.equal({ contactid: ref.id, fullname: 'Ada Lovelace', telephone1: '+1 425 555 0100' });
    expect(await client.updateRecord('contact', ref.id, { jobtitle: 'Mathematician' })).to.deep.equal({ id: ref.id, entityType: 'contact' });
    expect(host.record('contact', ref.id)!.jobtitle).to.equal('Mathematician');
    expect(await client.deleteRecord('contact', ref.id)).to.deep.equal({ id: ref.id, entityType: 'contact' });
    expect(host.records('contact')).to.deep.equal([]);
    const missing = await cifError(client.retrieveRecord('contact', ref.id));
    expect(missing.code).to.equal('not-found');
    expect(missing.method).to.equal('retrieveRecord');
    expect(missing.message).to.match(/does not exist/i);
  });

  it('searchAndOpenRecords returns an array from the index-keyed answer, and opens one hit', async () => {
    const { host, client } = setup();
    const rows = await client.searchAndOpenRecords<CifRecord & { fullname: string }>(
      'contact',
      "?$select=fullname&$filter=startswith(lastname,'Lo')&$orderby=lastname desc",
      true,
    );
    expect(Array.isArray(rows)).to.equal(true);
    expect(rows.map((r) => r.fullname)).to.deep.equal(['Mary Lowe', 'Ada Lovelace', 'John Lomax']);
    const one = await client.searchAndOpenRecords('contact', "$filter=firstname eq 'Grace'", false, 1);
    expect(one).to.have.length(1);
    expect(host.openedPages[0]).to.deep.include({ kind: 'record', entityId: one[0]!.contactid });
    expect(await client.searchAndOpenRecords('contact', "$filter=firstname eq 'Nobody'", true)).to.deep.equal([]);
    const bad = await cifError(client.searchAndOpenRecords('contact', "$filter=firstname eq 'x", true));
    expect(bad.code).to.equal('rejected');
    expect(bad.message).to.match(/unterminated string/);
  });

  it('openForm, renderSearchPage and getEnvironment', async () => {
    const { host, client } = setup();
    const acc = host.records('account')[2]!;
    const saved = await client.openForm({ entityName: 'account', entityId: String(acc.accountid) });
    expect(saved).to.deep.equal({ savedEntityReference: [{ entityType: 'account', id: acc.accountid, name: acc.name }] });
    const created = await client.openForm({ entityName: 'phonecall' }, { subject: 'Call from Ada', phonenumber: '+1 425 555 0100' });
    expect(created.savedEntityReference[0]).to.deep.include({ entityType: 'phonecall', name: 'Call from Ada' });
    expect(await client.renderSearchPage('contact', 'Lovelace')).to.equal(undefined);
    expect(host.openedPages.map((p) => p.kind)).to.deep.equal(['form', 'form', 'search']);
    const env = await client.getEnvironment();
    expect(env.clientUrl).to.equal('https://contoso.crm.dynamics.com');
    expect(env.userId).to.match(/^\{.+\}$/);
    expect(env.orgLcid).to.equal(1033);
  });
});

describe('CifClient over the simulated host: panel and click-to-act', () => {
  it('gets and sets click-to-act, mode and width', async () => {
    const { host, client } = setup();
    expect(await client.getClickToAct()).to.equal(true);
    expect(await client.setClickToAct(false)).to.equal(undefined);
    expect(await client.getClickToAct()).to.equal(false);
    expect(host.clickToActEnabled).to.equal(false);
    expect(await client.getMode()).to.equal(1);
    expect(await client.setMode(2)).to.equal(2);
    expect(await client.getMode()).to.equal(2);
    expect(await client.getWidth()).to.equal(378);
    expect(await client.setWidth(450)).to.equal(450);
    expect(await client.getWidth()).to.equal(450);
  });

  it('setMode(2) resolves 0 on CIF 1.0', async () => {
    const { client } = setup({ version: 1 });
    expect(await client.setMode(2)).to.equal(0);
  });

  it('delivers clicktoact, modechanged, sizechanged, pagenavigate and sendkbarticle events', () => {
    const { host, client } = setup();
    const click = collect(client, 'clicktoact');
    const mode = collect(client, 'modechanged');
    const size = collect(client, 'sizechanged');
    const nav = collect(client, 'pagenavigate');
    const kb = collect(client, 'sendkbarticle');
    host.clickToAct({ value: '+44 20 7946 0958' });
    host.userChangesMode(0);
    host.userResizes(320);
    host.userNavigates('main.aspx?pagetype=entityrecord&etn=contact&id={ABC}');
    host.userSendsKbArticle('Title', 'https://kb.example.com/a');
    expect(click.events).to.deep.equal([{ value: '+44 20 7946 0958', name: 'telephone1', format: 'phone', entityLogicalName: 'contact' }]);
    expect(mode.events).to.deep.equal([{ mode: 0 }]);
    expect(size.events).to.deep.equal([{ width: 320 }]);
    expect(nav.events[0]).to.deep.include({ entityName: 'contact', entityId: 'ABC', pageType: 'entityrecord' });
    expect(kb.events).to.deep.equal([{ title: 'Title', link: 'https://kb.example.com/a' }]);
    expect(host.handlerErrors).to.deep.equal([]);
  });

  it('registers one CIF handler per event and removes it when the last listener leaves', () => {
    const { host, client } = setup();
    const a = collect(client, 'clicktoact');
    const b = collect(client, 'clicktoact');
    expect(host.handlerCount('onclicktoact')).to.equal(1);
    expect(client.listenerCount('clicktoact')).to.equal(2);
    host.clickToAct({ value: '1' });
    expect([a.events.length, b.events.length]).to.deep.equal([1, 1]);
    a.off();
    b.off();
    expect(host.handlerCount('onclicktoact')).to.equal(0);
    expect(client.listenerCount()).to.equal(0);
    collect(client, 'presencechanged');
    expect(host.handlerCount('onPresenceChange')).to.equal(1);
    expect(host.handlerCount('setPresenceEvent')).to.equal(1);
    client.dispose();
    expect(host.handlerCount()).to.equal(0);
  });

  it('survives malformed payloads and throwing listeners', () => {
    const { host, client } = setup();
    const good = collect(client, 'clicktoact');
    client.on('clicktoact', () => {
      throw new Error('listener bug');
    });
    const logged: string[] = [];
    const { warn, error } = console;
    console.warn = (...args: unknown[]) => void logged.push(String(args[0]));
    console.error = (...args: unknown[]) => void logged.push(String(args[0]));
    try {
      host.raise('onclicktoact', '{not json');
      host.clickToAct({ value: '42' });
    } finally {
      console.warn = warn;
      console.error = error;
    }
    expect(good.events.map((e) => e.value)).to.deep.equal(['42']);
    expect(host.handlerErrors).to.deep.equal([]);
    expect(logged).to.have.length(2);
    expect(logged[0]).to.match(/malformed "onclicktoact" payload/);
    expect(logged[1]).to.match(/"clicktoact" listener threw/);
  });
});

describe('CifClient over the simulated host: sessions and tabs', () => {
  it('creates, reads, focuses and updates sessions', async () => {
    const { host, client } = setup();
    const created = collect(client, 'sessioncreated');
    const switched = collect(client, 'sessionswitched');
    const updated = collect(client, 'sessionupdated');
    expect(await client.canCreateSession()).to.equal(true);
    expect(await client.getFocusedSession()).to.equal('session-id-0');
    const one = await client.createSession({
      templateName: 'msdyn_voicecall_session',
      customerName: 'Ada Lovelace',
      channel: 'voice',
      context: { callId: 'c-1' },
    });
    const two = await client.createSession({ templateName: 'msdyn_chat_session', customerName: 'Alan Turing', channel: 'chat' });
    expect([one, two]).to.deep.equal(['session-id-1', 'session-id-2']);
    expect(created.events.map((s) => s.customerName)).to.deep.equal(['Ada Lovelace', 'Alan Turing']);
    expect(await client.getAllSessions()).to.deep.equal([one, two]);
    expect(await client.getFocusedSession()).to.equal(two);
    const s = await client.getSession(one);
    expect(s).to.deep.include({ sessionId: one, focused: false, customerName: 'Ada Lovelace', channel: 'voice', title: 'Ada Lovelace' });
    expect(s.context).to.deep.equal({ callId: 'c-1' });
    expect(s.conversationId).to.be.a('string');
    await client.notifyNewActivity(one, 2);
    expect(host.sessions[0]!.unread).to.equal(2);
    await client.requestFocusSession(one);
    expect(switched.events.slice(-2)).to.deep.equal([
      { sessionId: two, focused: false, context: {} },
      { sessionId: one, focused: true, context: { callId: 'c-1' } },
    ]);
    expect((await client.getSession(one)).unread).to.equal(0);
    await client.setSessionTitle({ sessionId: one, title: 'Call with Ada' });
    expect(host.sessions[0]!.title).to.equal('Call with Ada');
    await client.notifyKpiBreach(one, false, 'SLA');
    expect(host.sessions[0]!.kpiBreached).to.equal(true);
    await client.updateContext({ caseId: 'CAS-1' }, one);
    expect((await client.getSession(one)).context).to.deep.equal({ callId: 'c-1', caseId: 'CAS-1' });
    expect(updated.events.length).to.be.at.least(3);
  });

  it('follows sessions the agent switches and closes', async () => {
    const { host, client } = setup();
    const switched = collect(client, 'sessionswitched');
    const closed = collect(client, 'sessionclosed');
    const id = await client.createSession({ templateName: 't', context: { n: 1 } });
    host.userSwitchesSession('session-id-0');
    expect(switched.events.at(-1)).to.deep.equal({ sessionId: id, focused: false, context: { n: 1 } });
    host.userClosesSession(id);
    expect(closed.events).to.deep.equal([{ sessionId: id, context: { n: 1 } }]);
    expect(await client.getAllSessions()).to.deep.equal([]);
  });

  it('rejects with limit-reached after 10 sessions and not-found for unknown ones', async () => {
    const { client } = setup();
    for (let i = 0; i < 10; i++) await client.createSession({ templateName: 't' });
    expect(await client.canCreateSession()).to.equal(false);
    expect((await cifError(client.createSession({ templateName: 't' }))).code).to.equal('limit-reached');
    const missing = await cifError(client.getSession('session-id-99'));
    expect(missing.code).to.equal('not-found');
    expect(missing.method).to.equal('getSession');
  });

  it('creates, lists, focuses, refreshes, retitles and closes tabs', async () => {
    const { host, client } = setup();
    await client.createSession({ templateName: 's' });
    const a = await client.createTab({ templateName: 'msdyn_entityrecord' });
    const b = await client.createTab({ templateName: 'search', isFocused: true });
    expect([a, b]).to.deep.equal(['tab-id-1', 'tab-id-2']);
    expect(await client.getFocusedTab()).to.equal(b);
    expect(await client.getTabs()).to.deep.equal([a, b]);
    expect(await client.getTabs('search')).to.deep.equal([b]);
    await client.focusTab(a);
    expect(await client.getFocusedTab()).to.equal(a);
    await client.refreshTab(a);
    await client.setTabTitle(a, 'Ada Lovelace');
    expect(host.tabs[0]).to.deep.include({ refreshCount: 1, title: 'Ada Lovelace' });
    await client.closeTab(a);
    expect(await client.getTabs()).to.deep.equal([b]);
  });

  it('notifyEvent resolves the answer; cancelEvent cancels', async () => {
    const { host, client } = setup();
    const answer = client.notifyEvent({ templateName: 'incoming_call', templateParameters: { customerName: 'Ada' } });
    await new Promise((r) => setTimeout(r, 0));
    host.respondToNotification(0, 'Accept');
    expect(await answer).to.deep.equal({ actionName: 'Accept', responseReason: 'Accept' });
    const cancelled = client.notifyEvent({ templateName: 'incoming_call', cancellationToken: 'tok' });
    await new Promise((r) => setTimeout(r, 0));
    expect(await client.cancelEvent('tok')).to.equal(undefined);
    expect((await cancelled).actionName).to.equal('Cancel');
    expect(host.notifications).to.deep.equal([]);
  });
});

describe('CifClient over the simulated host: presence', () => {
  it('gets and sets presence, and reports changes once even when both event names fire', async () => {
    const { host, client } = setup();
    host.presenceEventShape = 'both';
    const changes = collect(client, 'presencechanged');
    expect(await client.getPresence()).to.equal('Available');
    await client.setPresence('Away');
    expect(await client.getPresence()).to.equal('Away');
    expect(changes.events).to.deep.equal([{ presenceId: 'away', presenceText: 'Away', presenceColor: '#FFAA44', basePresenceStatus: 'AWAY' }]);
    host.userSetsPresence('busy');
    expect(changes.events.at(-1)).to.deep.include({ presenceId: 'busy' });
  });

  it('rejects an unknown presence text and a FAILED presence', async () => {
    const { host, client } = setup();
    expect((await cifError(client.setPresence('On a call'))).code).to.equal('rejected');
    host.fail('getPresence', 'presence-failed');
    expect((await cifError(client.getPresence())).code).to.equal('rejected');
  });
});

describe('CifClient over the simulated host: failures and CIF 1.0', () => {
  it('turns injected Map, JSON, Error, string and time-out rejections into CifError', async () => {
    const { host, client } = setup();
    host.fail('getMode', { shape: 'map', message: 'map says no', times: 1 });
    host.fail('getEnvironment', { shape: 'json', message: 'json says no', times: 1 });
    host.fail('getWidth', { shape: 'error', message: 'error says no', times: 1 });
    host.fail('getClickToAct', { shape: 'string', message: 'string says no', times: 1 });
    host.fail('createRecord', { shape: 'xrm', message: 'xrm says no', times: 1 });
    host.fail('setMode', 'timeout');
    expect((await cifError(client.getMode())).message).to.equal('map says no');
    expect((await cifError(client.getEnvironment())).message).to.equal('json says no');
    expect((await cifError(client.getWidth())).message).to.equal('error says no');
    expect((await cifError(client.getClickToAct())).message).to.equal('string says no');
    expect((await cifError(client.createRecord('contact', { a: 1 }))).message).to.equal('xrm says no');
    const timeout = await cifError(client.setMode(0));
    expect(timeout.code).to.equal('timeout');
    expect(timeout.cause).to.be.instanceOf(Map);
    expect(await client.getMode()).to.equal(1);
  });

  it('rejects CIF 2.0 calls on CIF 1.0 with code "unsupported"', async () => {
    const { client } = setup({ version: 1 });
    const calls: Array<() => Promise<unknown>> = [
      () => client.canCreateSession(),
      () => client.createSession({ templateName: 't' }),
      () => client.getSession('session-id-1'),
      () => client.getFocusedSession(),
      () => client.getAllSessions(),
      () => client.requestFocusSession('session-id-1'),
      () => client.setSessionTitle({ sessionId: 'session-id-1' }),
      () => client.notifyNewActivity('session-id-1', 1),
      () => client.notifyKpiBreach('session-id-1'),
      () => client.updateContext({ a: 1 }),
      () => client.createTab({ templateName: 't' }),
      () => client.focusTab('tab-id-1'),
      () => client.getFocusedTab(),
      () => client.getTabs(),
      () => client.refreshTab('tab-id-1'),
      () => client.setTabTitle('tab-id-1', 't'),
      () => client.closeTab('tab-id-1'),
      () => client.notifyEvent({ templateName: 't' }),
      () => client.cancelEvent('t'),
      () => client.getPresence(),
      () => client.setPresence('Available'),
    ];
    for (const call of calls) expect((await cifError(call())).code).to.equal('unsupported');
    expect(await client.getClickToAct()).to.equal(true);
  });

  it('rejects invalid arguments before calling CIF, and every call after dispose', async () => {
    const { client } = setup();
    expect((await cifError(client.setWidth(-5))).code).to.equal('invalid-argument');
    client.dispose();
    expect((await cifError(client.getMode())).code).to.equal('disposed');
  });
});
