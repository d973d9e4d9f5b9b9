import { expect } from '@open-wc/testing';
import {
  CIF_FOREIGN_SESSION_MESSAGE,
  CIF_TIMEOUT_MESSAGE,
  CIF_UNSUPPORTED_MESSAGE,
  HOME_SESSION_ID,
  SimulatedCifHost,
} from '../src/simulated/host.js';
import type { SimulatedHandlerError } from '../src/simulated/host.js';
import { createSeedData, seedGuid } from '../src/simulated/seed.js';
import type { CifFrameworkApi, CifFrameworkHandler } from '../src/framework.js';

/** Resolves with whatever the promise rejected with; fails when it resolves. */
async function rejection(p: unknown): Promise<unknown> {
  try {
    const value = await p;
    throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('expected a rejection')) throw e;
    return e;
  }
}

/** Asserts a JSON-string rejection `{"message","msdyn_name"}` and returns the parsed object. */
function expectJsonMessage(raw: unknown, api: string, message: RegExp): void {
  expect(raw).to.be.a('string');
  const parsed = JSON.parse(raw as string) as Record<string, unknown>;
  expect(parsed.msdyn_name).to.equal(api);
  expect(parsed.message).to.match(message);
}

/** Asserts a `Map` rejection with `message` and `msdyn_name`. */
function expectMapMessage(raw: unknown, api: string, message: RegExp): void {
  expect(raw).to.be.instanceOf(Map);
  const map = raw as Map<string, unknown>;
  expect(map.get('msdyn_name')).to.equal(api);
  expect(map.get('message')).to.match(message);
}

/** Asserts a JSON-string rejection shaped like an Xrm failure `{"value":{"errorMsg",…}}`. */
function expectXrmError(raw: unknown, message: RegExp): void {
  expect(raw).to.be.a('string');
  const parsed = JSON.parse(raw as string) as { value: { errorMsg: string; errorType: unknown } };
  expect(parsed.value.errorMsg).to.match(message);
  expect(parsed.value).to.have.property('errorType');
}

/** Registers a handler that records parsed payloads (and returns a promise, as CIF requires). */
function listen(host: SimulatedCifHost, name: string): { payloads: unknown[]; raw: string[]; handler: CifFrameworkHandler } {
  const payloads: unknown[] = [];
  const raw: string[] = [];
  const handler: CifFrameworkHandler = (json) => {
    raw.push(json);
    payloads.push(JSON.parse(json));
    return Promise.resolve(true);
  };
  host.framework.addHandler(name, handler);
  return { payloads, raw, handler };
}

function countChanges(host: SimulatedCifHost): { count: number } {
  const counter = { count: 0 };
  host.addEventListener('change', () => counter.count++);
  return counter;
}

describe('SimulatedCifHost: construction and seed data', () => {
  it('starts with the documented defaults', () => {
    const host = new SimulatedCifHost();
    expect(host.version).to.equal(2);
    expect(host.isConsoleApp).to.equal(true);
    expect(host.mode).to.equal(1);
    expect(host.width).to.equal(378);
    expect(host.clickToActEnabled).to.equal(true);
    expect(host.presence.presenceText).to.equal('Available');
    expect(host.presences.map((p) => p.presenceText)).to.deep.equal(['Available', 'Busy', 'Busy - Do not disturb', 'Away', 'Offline']);
    expect(host.focusedSessionId).to.equal(HOME_SESSION_ID);
    expect(host.sessions).to.deep.equal([]);
    expect(host.tabs).to.deep.equal([]);
    expect(host.openedPages).to.deep.equal([]);
    expect(host.notifications).to.deep.equal([]);
    expect(host.latencyMs).to.equal(0);
  });

  it('takes options', () => {
    const host = new SimulatedCifHost({
      version: 1,
      clickToAct: false,
      mode: 0,
      width: 500,
      latencyMs: 5,
      presenceText: 'Busy',
      seed: false,
    });
    expect(host.version).to.equal(1);
    expect(host.isConsoleApp).to.equal(false);
    expect(host.focusedSessionId).to.equal(null);
    expect(host.clickToActEnabled).to.equal(false);
    expect([host.mode, host.width, host.latencyMs]).to.deep.equal([0, 500, 5]);
    expect(host.presence.presenceId).to.equal('busy');
    expect(host.records('contact')).to.deep.equal([]);
  });

  it('seeds at least 20 contacts and 20 accounts, plus cases and phone calls', () => {
    const host = new SimulatedCifHost();
    const contacts = host.records('contact');
    const accounts = host.records('account');
    expect(contacts.length).to.be.at.least(20);
    expect(accounts.length).to.be.at.least(20);
    expect(host.records('incident').length).to.be.at.least(3);
    expect(host.records('phonecall').length).to.be.at.least(2);
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const c of contacts) {
      expect(c.contactid).to.match(guid);
      for (const key of ['fullname', 'firstname', 'lastname', 'emailaddress1', 'telephone1', 'mobilephone']) {
        expect(c[key], `${String(c.fullname)}.${key}`).to.be.a('string').and.not.equal('');
      }
      expect(accounts.some((a) => a.accountid === c._parentcustomerid_value)).to.equal(true);
    }
    for (const a of accounts) {
      expect(a.accountid).to.match(guid);
      for (const key of ['name', 'telephone1', 'telephone2', 'address1_city']) expect(a[key]).to.be.a('string');
    }
    for (const i of host.records('incident')) {
      expect(i.incidentid).to.match(guid);
      expect(i.title).to.be.a('string');
      expect(i.ticketnumber).to.match(/^CAS-/);
      expect(i._customerid_value).to.match(guid);
    }
    for (const p of host.records('phonecall')) expect(p.activityid).to.match(guid);
    const ids = new Set([...contacts, ...accounts].map((r) => r.contactid ?? r.accountid));
    expect(ids.size).to.equal(contacts.length + accounts.length);
  });

  it('seeds phone numbers in mixed notations, all distinct', () => {
    const host = new SimulatedCifHost();
    const numbers = [
      ...host.records('contact').flatMap((c) => [c.telephone1, c.mobilephone]),
      ...host.records('account').flatMap((a) => [a.telephone1, a.telephone2]),
    ] as string[];
    expect(new Set(numbers).size).to.equal(numbers.length);
    expect(numbers.some((n) => /^\+1 \d{3} 555 \d{4}$/.test(n))).to.equal(true);
    expect(numbers.some((n) => /^\(\d{3}\) 555-\d{4}$/.test(n))).to.equal(true);
    expect(numbers.some((n) => /^\+44 20 7946 \d{4}$/.test(n))).to.equal(true);
    expect(numbers.some((n) => /^\d{3}\.555\.\d{4}$/.test(n))).to.equal(true);
  });

  it('is deterministic', () => {
    expect(createSeedData()).to.deep.equal(createSeedData());
    expect(new SimulatedCifHost().records('contact')).to.deep.equal(new SimulatedCifHost().records('contact'));
    expect(seedGuid('contact', 0)).to.equal(seedGuid('contact', 0));
    expect(seedGuid('contact', 0)).to.not.equal(seedGuid('contact', 1));
  });

  it('accepts custom seed data and fills missing ids', () => {
    const host = new SimulatedCifHost({ seed: { contact: [{ firstname: 'Only', lastname: 'One' }], product: [{ productid: 'P-1', name: 'Widget' }] } });
    const [c] = host.records('contact');
    expect(host.records('contact')).to.have.length(1);
    expect(c!.contactid).to.be.a('string');
    expect(c!.fullname).to.equal('Only One');
    expect(host.records('product')).to.deep.equal([{ productid: 'p-1', name: 'Widget' }]);
    expect(host.records('account')).to.deep.equal([]);
  });

  it('copies a seed passed in when it is made: later changes to the seed do not reach it', () => {
    const seed = { contact: [{ contactid: 'c-1', firstname: 'Ada', lastname: 'Lovelace' }] };
    const host = new SimulatedCifHost({ seed });
    seed.contact[0]!.firstname = 'Changed';
    seed.contact.push({ contactid: 'c-2', firstname: 'Grace', lastname: 'Hopper' });
    expect(host.records('contact').map((r) => [r.contactid, r.firstname])).to.deep.equal([['c-1', 'Ada']]);
  });

  it('answers a query with the built-in demo data first thing, and keeps what is written before the first read', async () => {
    const first = new SimulatedCifHost();
    const found = JSON.parse(await first.framework.searchAndOpenRecords('contact', '$select=fullname&$top=3', true)) as Record<string, unknown>;
    expect(Object.keys(found)).to.have.length(3);
    const second = new SimulatedCifHost();
    const { id } = JSON.parse(await second.framework.createRecord('contact', JSON.stringify({ firstname: 'New', lastname: 'Caller' }))) as { id: string };
    expect(second.records('contact')).to.have.length(createSeedData().contact!.length + 1);
    expect(second.records('contact').some((r) => r.contactid === id)).to.equal(true);
  });
});

describe('SimulatedCifHost: records', () => {
  it('createRecord resolves a JSON string {id, entityType} and stores the record', async () => {
    const host = new SimulatedCifHost({ seed: false });
    const changes = countChanges(host);
    const result = await host.framework.createRecord('contact', JSON.stringify({ firstname: 'Ada', lastname: 'Lovelace', telephone1: '+1 425 555 0100' }));
    expect(result).to.be.a('string');
    const ref = JSON.parse(result) as { id: string; entityType: string };
    expect(Object.keys(ref).sort()).to.deep.equal(['entityType', 'id']);
    expect(ref.entityType).to.equal('contact');
    expect(ref.id).to.match(/^[0-9a-f-]{36}$/);
    expect(host.record('contact', ref.id)).to.deep.equal({
      contactid: ref.id,
      firstname: 'Ada',
      lastname: 'Lovelace',
      fullname: 'Ada Lovelace',
      telephone1: '+1 425 555 0100',
    });
    expect(changes.count).to.be.at.least(1);
  });

  it('creates records of any entity, with <entity>id as the key', async () => {
    const host = new SimulatedCifHost({ seed: false });
    const ref = JSON.parse(await host.framework.createRecord('new_callnote', '{"new_text":"hi"}')) as { id: string };
    expect(host.records('new_callnote')).to.deep.equal([{ new_text: 'hi', new_callnoteid: ref.id }]);
  });

  it('createRecord rejects data that is not a JSON object string, with a JSON string', async () => {
    const host = new SimulatedCifHost({ seed: false });
    for (const bad of ['not json', '[1,2]', '42', { firstname: 'x' } as unknown as string, undefined as unknown as string]) {
      expectJsonMessage(await rejection(host.framework.createRecord('contact', bad)), 'createRecord', /data must be a JSON string of an object/);
    }
    expectJsonMessage(await rejection(host.framework.createRecord('', '{}')), 'createRecord', /entityLogicalName/);
    expect(host.records('contact')).to.deep.equal([]);
  });

  it('stores a hostile name verbatim (rendering is the elements\' job)', async () => {
    const host = new SimulatedCifHost({ seed: false });
    const hostile = '<img src=x onerror=alert(1)>';
    const { id } = JSON.parse(await host.framework.createRecord('contact', JSON.stringify({ fullname: hostile }))) as { id: string };
    const back = JSON.parse(await host.framework.retrieveRecord('contact', id, '?$select=fullname')) as Record<string, unknown>;
    expect(back.fullname).to.equal(hostile);
  });

  it('retrieveRecord resolves a JSON string honouring $select, always with the primary id', async () => {
    const host = new SimulatedCifHost();
    const ada = host.records('contact').find((c) => c.firstname === 'Ada')!;
    const json = await host.framework.retrieveRecord('contact', String(ada.contactid), '?$select=fullname,telephone1');
    expect(json).to.be.a('string');
    expect(JSON.parse(json)).to.deep.equal({ contactid: ada.contactid, fullname: 'Ada Lovelace', telephone1: ada.telephone1 });
    const all = JSON.parse(await host.framework.retrieveRecord('contact', `{${String(ada.contactid).toUpperCase()}}`)) as Record<string, unknown>;
    expect(all).to.deep.equal(ada);
  });

  it('retrieve, update and delete of an unknown id reject with an Xrm-shaped JSON string ("does not exist")', async () => {
    const host = new SimulatedCifHost();
    const id = '00000000-0000-4000-8000-000000000000';
    expectXrmError(await rejection(host.framework.retrieveRecord('contact', id)), /does not exist/i);
    expectXrmError(await rejection(host.framework.updateRecord('contact', id, '{"firstname":"x"}')), /does not exist/i);
    expectXrmError(await rejection(host.framework.deleteRecord('contact', id)), /does not exist/i);
    expectXrmError(await rejection(host.framework.retrieveRecord('nosuchentity', id)), /does not exist/i);
  });

  it('retrieveRecord rejects a malformed query naming the problem', async () => {
    const host = new SimulatedCifHost();
    const id = String(host.records('contact')[0]!.contactid);
    expectXrmError(await rejection(host.framework.retrieveRecord('contact', id, '?$select=')), /\$select: empty column name/);
    expectJsonMessage(await rejection(host.framework.retrieveRecord('contact', '')), 'retrieveRecord', /entityId/);
  });

  it('updateRecord merges the data, resolves {id, entityType} and recomputes fullname', async () => {
    const host = new SimulatedCifHost();
    const c = host.records('contact')[1]!;
    const id = String(c.contactid);
    const result = await host.framework.updateRecord('contact', id, JSON.stringify({ firstname: 'Alonzo', jobtitle: 'Logician', contactid: 'ignored' }));
    expect(JSON.parse(result)).to.deep.equal({ id, entityType: 'contact' });
    const after = host.record('contact', id)!;
    expect(after.firstname).to.equal('Alonzo');
    expect(after.fullname).to.equal(`Alonzo ${String(c.lastname)}`);
    expect(after.jobtitle).to.equal('Logician');
    expect(after.contactid).to.equal(id);
    expectJsonMessage(await rejection(host.framework.updateRecord('contact', id, 'nope')), 'updateRecord', /JSON string of an object/);
  });

  it('deleteRecord removes the record and resolves {id, entityType}', async () => {
    const host = new SimulatedCifHost();
    const before = host.records('account').length;
    const id = String(host.records('account')[0]!.accountid);
    expect(JSON.parse(await host.framework.deleteRecord('account', id))).to.deep.equal({ id, entityType: 'account' });
    expect(host.records('account')).to.have.length(before - 1);
    expect(host.record('account', id)).to.equal(undefined);
  });

  it('putRecord adds records synchronously for set-up', () => {
    const host = new SimulatedCifHost({ seed: false });
    const id = host.putRecord('contact', { firstname: 'Set', lastname: 'Up' });
    expect(host.record('contact', id)).to.deep.equal({ firstname: 'Set', lastname: 'Up', contactid: id, fullname: 'Set Up' });
  });
});

describe('SimulatedCifHost: searchAndOpenRecords and navigation', () => {
  it('resolves a JSON string of an index-keyed object, not an array', async () => {
    const host = new SimulatedCifHost();
    const json = await host.framework.searchAndOpenRecords(
      'contact',
      "?$select=fullname,telephone1&$filter=startswith(lastname,'Lo')&$orderby=lastname",
      true,
    );
    expect(json).to.be.a('string');
    const res = JSON.parse(json) as Record<string, Record<string, unknown>>;
    expect(Array.isArray(res)).to.equal(false);
    expect(Object.keys(res)).to.deep.equal(['0', '1', '2']);
    expect((res as unknown as { length?: number }).length).to.equal(undefined);
    expect([res[0]!.fullname, res[1]!.fullname, res[2]!.fullname]).to.deep.equal(['John Lomax', 'Ada Lovelace', 'Mary Lowe']);
    expect(Object.keys(res[0]!).sort()).to.deep.equal(['contactid', 'fullname', 'telephone1']);
    expect(host.openedPages).to.deep.equal([]);
  });

  it('searches by phone number in any notation stored', async () => {
    const host = new SimulatedCifHost();
    const ada = host.records('contact').find((c) => c.firstname === 'Ada')!;
    const q = `?$select=fullname&$filter=telephone1 eq '${encodeURIComponent(String(ada.telephone1))}' or mobilephone eq '${String(ada.telephone1)}'`;
    const res = JSON.parse(await host.framework.searchAndOpenRecords('contact', q, true)) as Record<string, Record<string, unknown>>;
    expect(Object.values(res).map((r) => r.fullname)).to.deep.equal(['Ada Lovelace']);
  });

  it('opens the record when exactly one matches and searchOnly is false', async () => {
    const host = new SimulatedCifHost();
    const changes = countChanges(host);
    const res = JSON.parse(await host.framework.searchAndOpenRecords('contact', "$filter=firstname eq 'Grace'", false)) as Record<string, Record<string, unknown>>;
    expect(Object.keys(res)).to.deep.equal(['0']);
    expect(host.openedPages).to.have.length(1);
    expect(host.openedPages[0]).to.deep.include({ kind: 'record', source: 'searchAndOpenRecords', entityName: 'contact', entityId: res[0]!.contactid });
    expect(changes.count).to.be.at.least(1);
  });

  it('opens the search page when several or none match, or when $search is used', async () => {
    const host = new SimulatedCifHost();
    await host.framework.searchAndOpenRecords('contact', "$filter=startswith(firstname,'A')", false);
    expect(await host.framework.searchAndOpenRecords('contact', "$filter=firstname eq 'Nobody'", false)).to.equal('{}');
    await host.framework.searchAndOpenRecords('contact', '$search=Hopper', false);
    expect(host.openedPages.map((p) => [p.kind, p.searchString])).to.deep.equal([
      ['search', 'A'],
      ['search', 'Nobody'],
      ['search', 'Hopper'],
    ]);
  });

  it('returns at most 5000 records', async () => {
    const rows = Array.from({ length: 5100 }, (_, i) => ({ new_itemid: `item-${i}`, new_name: `Item ${i}` }));
    const host = new SimulatedCifHost({ seed: { new_item: rows } });
    const res = JSON.parse(await host.framework.searchAndOpenRecords('new_item', '', true)) as Record<string, unknown>;
    expect(Object.keys(res)).to.have.length(5000);
    expect(Object.keys(JSON.parse(await host.framework.searchAndOpenRecords('new_item', '$top=7', true)) as object)).to.have.length(7);
  });

  it('rejects malformed queries and unknown entities naming the problem', async () => {
    const host = new SimulatedCifHost();
    expectXrmError(await rejection(host.framework.searchAndOpenRecords('contact', "$filter=firstname eq 'Ada", true)), /unterminated string/);
    expectXrmError(await rejection(host.framework.searchAndOpenRecords('contact', '$skip=1', true)), /\$skip/);
    expectXrmError(await rejection(host.framework.searchAndOpenRecords('nosuch', '', true)), /nosuch/);
    expectJsonMessage(await rejection(host.framework.searchAndOpenRecords('contact', 5 as unknown as string, true)), 'searchAndOpenRecords', /queryParameters/);
    expect(host.openedPages).to.deep.equal([]);
  });

  it('openForm resolves {savedEntityReference} for an existing record', async () => {
    const host = new SimulatedCifHost();
    const acc = host.records('account')[0]!;
    const json = await host.framework.openForm(JSON.stringify({ entityName: 'account', entityId: acc.accountid }));
    expect(JSON.parse(json)).to.deep.equal({ savedEntityReference: [{ entityType: 'account', id: acc.accountid, name: acc.name }] });
    expect(host.openedPages[0]).to.deep.include({ kind: 'form', source: 'openForm', entityName: 'account', entityId: acc.accountid });
    expectXrmError(await rejection(host.framework.openForm('{"entityName":"account","entityId":"00000000-0000-4000-8000-000000000000"}')), /does not exist/);
  });

  it('openForm creates a new record from form parameters, or saves nothing without them', async () => {
    const host = new SimulatedCifHost({ seed: false });
    const saved = JSON.parse(
      await host.framework.openForm('{"entityName":"contact"}', JSON.stringify({ firstname: 'New', lastname: 'Caller', telephone1: '+1 425 555 0199' })),
    ) as { savedEntityReference: Array<{ id: string; entityType: string; name: string }> };
    expect(saved.savedEntityReference).to.have.length(1);
    expect(saved.savedEntityReference[0]).to.deep.include({ entityType: 'contact', name: 'New Caller' });
    expect(host.record('contact', saved.savedEntityReference[0]!.id)!.telephone1).to.equal('+1 425 555 0199');
    expect(JSON.parse(await host.framework.openForm('{"entityName":"contact"}'))).to.deep.equal({ savedEntityReference: [] });
    expectJsonMessage(await rejection(host.framework.openForm('{"entityId":"x"}')), 'openForm', /entityName/);
    expectJsonMessage(await rejection(host.framework.openForm('nope')), 'openForm', /entityFormOptions/);
    expectJsonMessage(await rejection(host.framework.openForm('{"entityName":"contact"}', '[1]')), 'openForm', /formParameters/);
  });

  it('renderSearchPage resolves undefined and opens the search page', async () => {
    const host = new SimulatedCifHost();
    expect(await host.framework.renderSearchPage('contact', '555 0100')).to.equal(undefined);
    expect(host.openedPages[0]).to.deep.include({ kind: 'search', source: 'renderSearchPage', entityName: 'contact', searchString: '555 0100' });
  });

  it('getEnvironment resolves a JSON string with org, user and page details', async () => {
    const host = new SimulatedCifHost({ environment: { customParams: '{"queue":"support"}' } });
    const json = await host.framework.getEnvironment();
    expect(json).to.be.a('string');
    const env = JSON.parse(json) as Record<string, unknown>;
    for (const key of ['clientUrl', 'appUrl', 'orgId', 'orgUniqueName', 'userId', 'username', 'crmVersion', 'customParams']) {
      expect(env[key], key).to.be.a('string');
    }
    expect(env.userId).to.match(/^\{[0-9A-F-]{36}\}$/);
    expect(env.userLcid).to.equal(1033);
    expect(env.orgLcid).to.equal(1033);
    expect(env.userRoles).to.be.an('array');
    expect(env.customParams).to.equal('{"queue":"support"}');
    expect(env.pagetype).to.equal('dashboard');
    const id = String(host.records('incident')[0]!.incidentid);
    host.userOpensRecord('incident', id);
    const after = JSON.parse(await host.framework.getEnvironment()) as Record<string, unknown>;
    expect([after.pagetype, after.etn, after.id]).to.deep.equal(['entityrecord', 'incident', id]);
  });
});

describe('SimulatedCifHost: panel and click-to-act', () => {
  it('getMode/setMode resolve raw numbers; 2 is applied only in multisession apps', async () => {
    const v2 = new SimulatedCifHost();
    expect(await v2.framework.getMode()).to.equal(1);
    expect(await v2.framework.setMode(0)).to.equal(0);
    expect(await v2.framework.setMode(2)).to.equal(2);
    expect(v2.mode).to.equal(2);
    const v1 = new SimulatedCifHost({ version: 1 });
    expect(await v1.framework.setMode(2)).to.equal(0);
    expect(v1.mode).to.equal(0);
    const hub = new SimulatedCifHost({ version: 2, isConsoleApp: false });
    expect(await hub.framework.setMode(2)).to.equal(0);
  });

  it('setMode rejects anything but 0, 1 or 2 with a JSON string', async () => {
    const host = new SimulatedCifHost();
    for (const bad of [3, -1, '1' as unknown as number, undefined as unknown as number, 1.5]) {
      expectJsonMessage(await rejection(host.framework.setMode(bad)), 'setMode', /must be 0, 1 or 2/);
    }
    expect(host.mode).to.equal(1);
  });

  it('getWidth/setWidth resolve raw numbers and reject negative or non-numbers', async () => {
    const host = new SimulatedCifHost();
    expect(await host.framework.getWidth()).to.equal(378);
    expect(await host.framework.setWidth(420)).to.equal(420);
    expect(host.width).to.equal(420);
    expectJsonMessage(await rejection(host.framework.setWidth(-1)), 'setWidth', /≥ 0/);
    expectJsonMessage(await rejection(host.framework.setWidth('400' as unknown as number)), 'setWidth', /number/);
    expectJsonMessage(await rejection(host.framework.setWidth(undefined as unknown as number)), 'setWidth', /number/);
    expect(await host.framework.getWidth()).to.equal(420);
  });

  it('getClickToAct resolves a boolean; setClickToAct resolves undefined and changes the flag', async () => {
    const host = new SimulatedCifHost();
    const changes = countChanges(host);
    expect(await host.framework.getClickToAct()).to.equal(true);
    expect(await host.framework.setClickToAct(false)).to.equal(undefined);
    expect(host.clickToActEnabled).to.equal(false);
    expect(await host.framework.getClickToAct()).to.equal(false);
    expect(changes.count).to.equal(1);
    expectJsonMessage(await rejection(host.framework.setClickToAct('yes' as unknown as boolean)), 'setClickToAct', /true or false/);
  });

  it('clickToAct delivers only while the flag is on, with default payload keys', async () => {
    const host = new SimulatedCifHost();
    const { payloads, raw } = listen(host, 'onclicktoact');
    expect(host.clickToAct({ value: '+1 425 555 0100' })).to.equal(true);
    expect(raw[0]).to.be.a('string');
    expect(payloads[0]).to.deep.equal({ value: '+1 425 555 0100', name: 'telephone1', format: 'phone', entityLogicalName: 'contact' });
    expect(host.clickToAct({ value: 'ada@example.com', name: 'emailaddress1', format: 'email', entityId: 'abc' })).to.equal(true);
    expect(payloads[1]).to.deep.equal({ value: 'ada@example.com', name: 'emailaddress1', format: 'email', entityLogicalName: 'contact', entityId: 'abc' });
    await host.framework.setClickToAct(false);
    expect(host.clickToAct({ value: '123' })).to.equal(false);
    expect(payloads).to.have.length(2);
  });

  it('user actions raise onmodechanged, onsizechanged, onpagenavigate and onsendkbarticle', () => {
    const host = new SimulatedCifHost();
    const mode = listen(host, 'onmodechanged');
    const size = listen(host, 'onsizechanged');
    const nav = listen(host, 'onpagenavigate');
    const kb = listen(host, 'onsendkbarticle');
    host.userChangesMode(0);
    host.userResizes(500);
    host.userNavigates('main.aspx?pagetype=entityrecord&etn=contact&id=123');
    host.userSendsKbArticle('Reset a password', 'https://kb.example.com/1');
    expect(mode.payloads).to.deep.equal([{ value: 0 }]);
    expect(size.payloads).to.deep.equal([{ value: 500 }]);
    expect(nav.payloads).to.deep.equal([{ value: 'https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact&id=123' }]);
    expect(kb.payloads).to.deep.equal([{ title: 'Reset a password', link: 'https://kb.example.com/1' }]);
    expect([host.mode, host.width]).to.deep.equal([0, 500]);
    expect(() => host.userChangesMode(7 as 0)).to.throw(RangeError);
    expect(() => host.userResizes(-5)).to.throw(RangeError);
  });
});

describe('SimulatedCifHost: handlers', () => {
  it('addHandler/removeHandler return undefined and work by exact name and reference', () => {
    const host = new SimulatedCifHost();
    const got: string[] = [];
    const a: CifFrameworkHandler = (json) => (got.push(`a:${json}`), Promise.resolve());
    const b: CifFrameworkHandler = (json) => (got.push(`b:${json}`), Promise.resolve());
    expect(host.framework.addHandler('onclicktoact', a)).to.equal(undefined);
    expect(host.framework.addHandler('onclicktoact', b)).to.equal(undefined);
    expect(host.framework.addHandler('onSessionSwitched', a)).to.equal(undefined);
    expect(host.handlerCount()).to.equal(3);
    expect(host.handlerCount('onclicktoact')).to.equal(2);
    expect(host.raise('OnClickToAct', { value: '1' })).to.equal(0);
    expect(host.raise('onclicktoact', { value: '1' })).to.equal(2);
    expect(got).to.deep.equal(['a:{"value":"1"}', 'b:{"value":"1"}']);
    expect(host.framework.removeHandler('onclicktoact', (() => Promise.resolve()) as CifFrameworkHandler)).to.equal(undefined);
    expect(host.handlerCount('onclicktoact')).to.equal(2);
    host.framework.removeHandler('onclicktoact', a);
    expect(host.handlerCount('onclicktoact')).to.equal(1);
    host.framework.removeHandler('onclicktoact', b);
    host.framework.removeHandler('onSessionSwitched', a);
    expect(host.handlerCount()).to.equal(0);
  });

  it('addHandler with bad arguments returns a rejected promise of a JSON string', async () => {
    const host = new SimulatedCifHost();
    expectJsonMessage(await rejection(host.framework.addHandler('onclicktoact', 'nope' as unknown as CifFrameworkHandler)), 'addHandler', /function/);
    expectJsonMessage(await rejection(host.framework.addHandler('', () => Promise.resolve())), 'addHandler', /eventName/);
    expect(host.handlerCount()).to.equal(0);
  });

  it('records a handler that does not return a promise, and fires "error"', () => {
    const host = new SimulatedCifHost();
    const errors: SimulatedHandlerError[] = [];
    host.addEventListener('error', (e) => errors.push(e.detail));
    const received: string[] = [];
    host.framework.addHandler('onclicktoact', ((json: string) => {
      received.push(json);
    }) as unknown as CifFrameworkHandler);
    host.clickToAct({ value: '555' });
    expect(received).to.have.length(1);
    expect(host.handlerErrors).to.have.length(1);
    expect(host.handlerErrors[0]!.eventName).to.equal('onclicktoact');
    expect(host.handlerErrors[0]!.message).to.match(/did not return a promise/);
    expect(host.handlerErrors[0]!.message).to.include(CIF_TIMEOUT_MESSAGE);
    expect(errors).to.deep.equal(host.handlerErrors);
  });

  it('records handlers that throw or whose promise rejects; other handlers still run', async () => {
    const host = new SimulatedCifHost();
    let good = 0;
    host.framework.addHandler('onmodechanged', () => {
      throw new Error('boom');
    });
    host.framework.addHandler('onmodechanged', () => Promise.reject(new Error('nope')));
    host.framework.addHandler('onmodechanged', () => (good++, Promise.resolve()));
    host.userChangesMode(0);
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(good).to.equal(1);
    expect(host.handlerErrors.map((e) => e.message)).to.deep.equal([
      'The "onmodechanged" handler threw: boom',
      `The "onmodechanged" handler's promise rejected: nope`,
    ]);
  });

  it('raise passes a string payload through untouched (for malformed-payload tests)', () => {
    const host = new SimulatedCifHost();
    const got: string[] = [];
    host.framework.addHandler('onclicktoact', (json) => (got.push(json), Promise.resolve()));
    host.raise('onclicktoact', '{not json');
    host.raise('onclicktoact', { value: 1 });
    expect(got).to.deep.equal(['{not json', '{"value":1}']);
  });
});

describe('SimulatedCifHost: sessions', () => {
  const input = (customerName: string, context: Record<string, unknown> = {}) => ({
    templateName: 'msdyn_voicecall_session',
    customerName,
    context,
  });

  it('createSession resolves a raw session id and focuses the new session; home session is not listed', async () => {
    const host = new SimulatedCifHost();
    expect(await host.framework.getFocusedSession()).to.equal(HOME_SESSION_ID);
    expect(await host.framework.getAllSessions()).to.deep.equal([]);
    expect(await host.framework.canCreateSession()).to.equal(true);
    const switched = listen(host, 'onSessionSwitched');
    const id = await host.framework.createSession(input('Ada Lovelace', { callId: 'c-1' }), undefined, 'prov-1');
    expect(id).to.equal('session-id-1');
    expect(await host.framework.getAllSessions()).to.deep.equal(['session-id-1']);
    expect(await host.framework.getFocusedSession()).to.equal('session-id-1');
    expect(switched.payloads).to.deep.equal([{ sessionId: 'session-id-1', focused: true, context: { callId: 'c-1' } }]);
    expect(host.sessions[0]).to.deep.include({
      sessionId: 'session-id-1',
      focused: true,
      title: 'Ada Lovelace',
      customerName: 'Ada Lovelace',
      templateName: 'msdyn_voicecall_session',
      providerSessionId: 'prov-1',
      unread: 0,
      kpiBreached: false,
    });
    expect(host.sessions[0]!.createdAt).to.be.a('number');
  });

  it('takes customerName from templateParameters when not given at the top level', async () => {
    const host = new SimulatedCifHost();
    await host.framework.createSession({ templateName: 't', templateParameters: { customerName: 'Grace Hopper' } });
    expect(host.sessions[0]!.customerName).to.equal('Grace Hopper');
  });

  it('getSession resolves a real Map with sessionId, focused, context and conversationId', async () => {
    const host = new SimulatedCifHost();
    const id = (await host.framework.createSession(input('Ada', { a: 1 }))) as string;
    const s = await host.framework.getSession(id);
    expect(s).to.be.instanceOf(Map);
    const map = s as Map<string, unknown>;
    expect([...map.keys()]).to.deep.equal(['sessionId', 'focused', 'context', 'conversationId']);
    expect(map.get('sessionId')).to.equal(id);
    expect(map.get('focused')).to.equal(true);
    expect(map.get('context')).to.deep.equal({ a: 1 });
    expect(map.get('conversationId')).to.match(/^[0-9a-f-]{36}$/);
    (map.get('context') as Record<string, unknown>).a = 2;
    expect(host.sessions[0]!.context).to.deep.equal({ a: 1 });
    expectMapMessage(await rejection(host.framework.getSession('session-id-99')), 'getSession', /does not exist/);
    expectMapMessage(await rejection(host.framework.getSession(HOME_SESSION_ID)), 'getSession', /does not exist/);
  });

  it('allows 10 sessions, then canCreateSession is false and createSession rejects with a Map', async () => {
    const host = new SimulatedCifHost();
    for (let i = 1; i <= 10; i++) expect(await host.framework.createSession(input(`C${i}`))).to.equal(`session-id-${i}`);
    expect(await host.framework.canCreateSession()).to.equal(false);
    expectMapMessage(await rejection(host.framework.createSession(input('C11'))), 'createSession', /Maximum number of sessions \(10\)/);
    expect(await host.framework.getAllSessions()).to.have.length(10);
    host.userClosesSession('session-id-3');
    expect(await host.framework.canCreateSession()).to.equal(true);
    expect(await host.framework.createSession(input('C11'))).to.equal('session-id-11');
  });

  it('createSession without templateName rejects with a Map', async () => {
    const host = new SimulatedCifHost();
    expectMapMessage(await rejection(host.framework.createSession({} as never)), 'createSession', /templateName/);
    expectMapMessage(await rejection(host.framework.createSession(undefined as never)), 'createSession', /templateName/);
    expect(host.sessions).to.deep.equal([]);
  });

  it('requestFocusSession raises onSessionSwitched twice (old false, new true) and resets unread', async () => {
    const host = new SimulatedCifHost();
    const one = (await host.framework.createSession(input('One', { n: 1 }))) as string;
    const two = (await host.framework.createSession(input('Two', { n: 2 }))) as string;
    await host.framework.notifyNewActivity(one, 3);
    expect(host.sessions.find((s) => s.sessionId === one)!.unread).to.equal(3);
    const switched = listen(host, 'onSessionSwitched');
    expect(await host.framework.requestFocusSession(one)).to.equal(undefined);
    expect(switched.payloads).to.deep.equal([
      { sessionId: two, focused: false, context: { n: 2 } },
      { sessionId: one, focused: true, context: { n: 1 } },
    ]);
    expect(host.focusedSessionId).to.equal(one);
    expect(host.sessions.find((s) => s.sessionId === one)).to.deep.include({ focused: true, unread: 0 });
    await host.framework.requestFocusSession(one);
    expect(switched.payloads).to.have.length(2);
    expectMapMessage(await rejection(host.framework.requestFocusSession('session-id-42')), 'requestFocusSession', /does not exist/);
  });

  it('userSwitchesSession and userClosesSession raise the session events', async () => {
    const host = new SimulatedCifHost();
    const one = (await host.framework.createSession(input('One', { n: 1 }))) as string;
    const two = (await host.framework.createSession(input('Two', { n: 2 }))) as string;
    const switched = listen(host, 'onSessionSwitched');
    const closed = listen(host, 'onSessionClosed');
    expect(host.userSwitchesSession(one)).to.equal(true);
    expect(switched.payloads).to.have.length(2);
    expect(host.userSwitchesSession(HOME_SESSION_ID)).to.equal(true);
    expect(switched.payloads[2]).to.deep.equal({ sessionId: one, focused: false, context: { n: 1 } });
    expect(await host.framework.getFocusedSession()).to.equal(HOME_SESSION_ID);
    expect(host.userSwitchesSession('session-id-77')).to.equal(false);
    host.userSwitchesSession(two);
    expect(host.userClosesSession(two)).to.equal(true);
    expect(closed.payloads).to.deep.equal([{ sessionId: two, context: { n: 2 } }]);
    expect(host.focusedSessionId).to.equal(HOME_SESSION_ID);
    expect(await host.framework.getAllSessions()).to.deep.equal([one]);
    expect(host.userClosesSession(two)).to.equal(false);
    expect(host.userClosesSession(HOME_SESSION_ID)).to.equal(false);
  });

  it('setSessionTitle, notifyNewActivity, notifyKpiBreach and updateContext change the session', async () => {
    const host = new SimulatedCifHost();
    const id = (await host.framework.createSession(input('Ada', { a: 1, b: 2 }))) as string;
    await host.framework.createSession(input('Other'));
    expect(await host.framework.setSessionTitle({ sessionId: id, customer: 'Ada L.' })).to.equal(undefined);
    await host.framework.notifyNewActivity(id, 4);
    await host.framework.notifyKpiBreach(id, false, 'Waited 5 min');
    await host.framework.updateContext({ c: 3 }, id);
    await host.framework.updateContext(['a'], id, true);
    const s = host.sessions.find((x) => x.sessionId === id)!;
    expect(s).to.deep.include({ title: 'Ada L.', unread: 4, kpiBreached: true, kpiDetails: 'Waited 5 min' });
    expect(s.context).to.deep.equal({ b: 2, c: 3 });
    expect((await host.framework.getSession(id) as Map<string, unknown>).get('context')).to.deep.equal({ b: 2, c: 3 });
    await host.framework.notifyKpiBreach(id, true);
    await host.framework.notifyNewActivity(id, 0, true);
    expect(host.sessions.find((x) => x.sessionId === id)).to.deep.include({ kpiBreached: false, unread: 0 });
    expectMapMessage(await rejection(host.framework.setSessionTitle({ sessionId: 'nope', t: 'x' })), 'setSessionTitle', /does not exist/);
    expectMapMessage(await rejection(host.framework.notifyNewActivity(id, -1)), 'notifyNewActivity', /count/);
  });

  it("while another provider's session has the focus, getFocusedSession is null and tab APIs reject", async () => {
    const host = new SimulatedCifHost();
    const own = (await host.framework.createSession(input('Own'))) as string;
    const switched = listen(host, 'onSessionSwitched');
    const foreign = host.userOpensForeignSession();
    expect(switched.payloads).to.deep.equal([{ sessionId: own, focused: false, context: {} }]);
    expect(host.focusedSessionId).to.equal(foreign);
    expect(await host.framework.getFocusedSession()).to.equal(null);
    expect(await host.framework.getAllSessions()).to.deep.equal([own]);
    expectMapMessage(await rejection(host.framework.createTab({ templateName: 't' })), 'createTab', new RegExp(CIF_FOREIGN_SESSION_MESSAGE));
    expectMapMessage(await rejection(host.framework.getTabs()), 'getTabs', /neither the default session/);
  });
});

describe('SimulatedCifHost: tabs', () => {
  it('creates, lists, focuses, refreshes, retitles and closes tabs of the focused session', async () => {
    const host = new SimulatedCifHost();
    host.tabTemplateTags = { msdyn_entityrecord: ['record', 'crm'] };
    const sessionId = (await host.framework.createSession({ templateName: 's' })) as string;
    const a = (await host.framework.createTab({ templateName: 'msdyn_entityrecord', templateParameters: { entityName: 'contact' } })) as string;
    const b = (await host.framework.createTab({ templateName: 'bing_search', isFocused: true })) as string;
    const c = (await host.framework.createTab({ templateName: 'msdyn_entityrecord' })) as string;
    expect([a, b, c]).to.deep.equal(['tab-id-1', 'tab-id-2', 'tab-id-3']);
    expect(await host.framework.getFocusedTab()).to.equal(b);
    expect(await host.framework.getTabs()).to.deep.equal([a, b, c]);
    expect(await host.framework.getTabs('msdyn_entityrecord')).to.deep.equal([a, c]);
    expect(await host.framework.getTabs(undefined, 'crm')).to.deep.equal([a, c]);
    expect(await host.framework.getTabs('bing_search', 'crm')).to.deep.equal([]);
    expect(await host.framework.focusTab(c)).to.equal(undefined);
    expect(await host.framework.getFocusedTab()).to.equal(c);
    await host.framework.refreshTab(c);
    await host.framework.setTabTitle(c, 'Ada Lovelace');
    await host.framework.setTabTitle(a, { title: 'Contact' });
    expect(host.tabs.find((t) => t.tabId === c)).to.deep.include({ refreshCount: 1, title: 'Ada Lovelace', sessionId, focused: true });
    expect(host.tabs.find((t) => t.tabId === a)!.title).to.equal('Contact');
    await host.framework.closeTab!(c);
    expect(await host.framework.getTabs()).to.deep.equal([a, b]);
    expect(await host.framework.getFocusedTab()).to.equal(b);
    expectMapMessage(await rejection(host.framework.focusTab('tab-id-9')), 'focusTab', /does not exist/);
    expectMapMessage(await rejection(host.framework.createTab({} as never)), 'createTab', /templateName/);
    host.userSwitchesSession(HOME_SESSION_ID);
    expect(await host.framework.getTabs()).to.deep.equal([]);
    expect(await host.framework.getFocusedTab()).to.equal(null);
    host.userClosesSession(sessionId);
    expect(host.tabs).to.deep.equal([]);
  });
});

describe('SimulatedCifHost: notifications', () => {
  it('notifyEvent resolves a JSON string when the agent answers', async () => {
    const host = new SimulatedCifHost();
    const changes = countChanges(host);
    const accepted = host.framework.notifyEvent({ templateName: 'incoming_call', templateParameters: { customerName: 'Ada' } });
    const rejected = host.framework.notifyEvent({ templateName: 'incoming_chat', cancellationToken: 'chat-1' });
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(host.notifications.map((n) => n.token)).to.deep.equal(['notification-1', 'chat-1']);
    expect(host.notifications[0]).to.deep.include({ templateName: 'incoming_call', templateParameters: { customerName: 'Ada' } });
    expect(changes.count).to.be.at.least(2);
    expect(host.respondToNotification(0, 'Accept')).to.equal(true);
    expect(host.respondToNotification('chat-1', 'Reject')).to.equal(true);
    expect(host.respondToNotification('chat-1', 'Reject')).to.equal(false);
    const a = await accepted;
    expect(a).to.be.a('string');
    expect(JSON.parse(a)).to.deep.equal({ actionName: 'Accept', responseReason: 'Accept' });
    expect(JSON.parse(await rejected)).to.deep.equal({ actionName: 'Reject', responseReason: 'DeclinedByAgent' });
    expect(host.notifications).to.deep.equal([]);
  });

  it('times out after host.notificationTimeoutMs with actionName "Timeout"', async () => {
    const host = new SimulatedCifHost({ notificationTimeoutMs: 40 });
    const started = Date.now();
    const answer = JSON.parse(await host.framework.notifyEvent({ templateName: 'incoming_call' })) as Record<string, unknown>;
    expect(answer).to.deep.equal({ actionName: 'Timeout', responseReason: 'DisplayTimeout' });
    expect(Date.now() - started).to.be.at.least(35);
    host.notificationTimeoutMs = 120_000;
    const templated = host.framework.notifyEvent({ templateName: 'quick', templateParameters: { timeout: 0.03 } });
    expect(JSON.parse(await templated)).to.deep.include({ actionName: 'Timeout' });
  });

  it('cancelEvent resolves the token and ends the notification', async () => {
    const host = new SimulatedCifHost();
    const shown = host.framework.notifyEvent({ templateName: 'incoming_call', cancellationToken: 'call-7' });
    await new Promise((r) => setTimeout(r, 0));
    expect(await host.framework.cancelEvent!('call-7')).to.equal('call-7');
    expect(JSON.parse(await shown)).to.deep.equal({ actionName: 'Cancel', responseReason: 'CancelledByProvider' });
    expectJsonMessage(await rejection(host.framework.cancelEvent!('call-7')), 'cancelEvent', /not found/);
    expectJsonMessage(await rejection(host.framework.cancelEvent!('')), 'cancelEvent', /cancellationToken/);
  });

  it('validates the input and limits the queue to 10', async () => {
    const host = new SimulatedCifHost();
    expectJsonMessage(await rejection(host.framework.notifyEvent({})), 'notifyEvent', /templateName is required/);
    const legacy = host.framework.notifyEvent({ eventType: 'call', notificationUXObject: '{}' });
    for (let i = 0; i < 9; i++) void host.framework.notifyEvent({ templateName: 'n' });
    await new Promise((r) => setTimeout(r, 0));
    expect(host.notifications).to.have.length(10);
    expect(JSON.parse(await host.framework.notifyEvent({ templateName: 'n' }))).to.deep.equal({
      actionName: 'Reject',
      responseReason: 'NotificationQueueLimitExceeded',
    });
    host.respondToNotification(0, 'Accept');
    expect(JSON.parse(await legacy)).to.deep.include({ actionName: 'Accept' });
    host.dispose();
    expect(host.notifications).to.deep.equal([]);
  });
});

describe('SimulatedCifHost: presence', () => {
  it('getPresence resolves the text; setPresence resolves true for an exact match and raises onPresenceChange', async () => {
    const host = new SimulatedCifHost();
    const changes = listen(host, 'onPresenceChange');
    const legacy = listen(host, 'setPresenceEvent');
    expect(await host.framework.getPresence!()).to.equal('Available');
    expect(await host.framework.setPresence!('Busy')).to.equal(true);
    expect(await host.framework.getPresence!()).to.equal('Busy');
    expect(host.presence.presenceId).to.equal('busy');
    expect(changes.payloads).to.deep.equal([
      { presenceInfo: { presenceId: 'busy', presenceText: 'Busy', presenceColor: '#C50F1F', basePresenceStatus: 'BUSY' } },
    ]);
    expect(legacy.payloads).to.deep.equal([]);
  });

  it('setPresence resolves false for text that is not an exact presence name', async () => {
    const host = new SimulatedCifHost();
    const changes = listen(host, 'onPresenceChange');
    expect(await host.framework.setPresence!('busy')).to.equal(false);
    expect(await host.framework.setPresence!('On a call')).to.equal(false);
    expect(host.presence.presenceText).to.equal('Available');
    expect(changes.payloads).to.deep.equal([]);
    expectJsonMessage(await rejection(host.framework.setPresence!(42 as unknown as string)), 'setPresence', /presenceText/);
  });

  it('raises setPresenceEvent, or both, as configured; can send the bare {presenceId}', async () => {
    const host = new SimulatedCifHost();
    const modern = listen(host, 'onPresenceChange');
    const legacy = listen(host, 'setPresenceEvent');
    host.presenceEventShape = 'setPresenceEvent';
    host.userSetsPresence('away');
    expect(modern.payloads).to.have.length(0);
    expect(legacy.payloads).to.have.length(1);
    host.presenceEventShape = 'both';
    host.userSetsPresence('Offline');
    expect(modern.payloads).to.deep.equal(legacy.payloads.slice(1));
    expect(modern.payloads[0]).to.deep.equal({
      presenceInfo: { presenceId: 'offline', presenceText: 'Offline', presenceColor: '#8A8886', basePresenceStatus: 'OFFLINE' },
    });
    host.presencePayloadShape = 'presenceId';
    await host.framework.setPresence!('Available');
    expect(modern.payloads[1]).to.deep.equal({ presenceId: 'available' });
    expect(legacy.payloads[2]).to.deep.equal({ presenceId: 'available' });
  });

  it('userSetsPresence accepts an id or a text and ignores unknown presences', () => {
    const host = new SimulatedCifHost({ presences: [{ presenceId: 'a', presenceText: 'Ready' }, { presenceId: 'b', presenceText: 'On a call' }], presenceText: 'Ready' });
    const changes = listen(host, 'onPresenceChange');
    expect(host.userSetsPresence('On a call')).to.equal(true);
    expect(host.userSetsPresence('a')).to.equal(true);
    expect(host.userSetsPresence('a')).to.equal(true);
    expect(host.userSetsPresence('Available')).to.equal(false);
    expect(changes.payloads.map((p) => (p as { presenceInfo: { presenceId: string } }).presenceInfo.presenceId)).to.deep.equal(['b', 'a']);
  });

  it('injects "FAILED" from getPresence and false from setPresence', async () => {
    const host = new SimulatedCifHost();
    host.fail('getPresence', 'presence-failed');
    host.fail('setPresence', 'false');
    expect(await host.framework.getPresence!()).to.equal('FAILED');
    expect(await host.framework.setPresence!('Busy')).to.equal(false);
    expect(host.presence.presenceText).to.equal('Available');
  });
});

describe('SimulatedCifHost: CIF 1.0', () => {
  const v2Only: Array<[keyof CifFrameworkApi, (fw: CifFrameworkApi) => unknown]> = [
    ['canCreateSession', (fw) => fw.canCreateSession()],
    ['createSession', (fw) => fw.createSession({ templateName: 't' })],
    ['getSession', (fw) => fw.getSession('session-id-1')],
    ['getFocusedSession', (fw) => fw.getFocusedSession()],
    ['getAllSessions', (fw) => fw.getAllSessions()],
    ['requestFocusSession', (fw) => fw.requestFocusSession('session-id-1')],
    ['setSessionTitle', (fw) => fw.setSessionTitle({ sessionId: 'session-id-1' })],
    ['notifyNewActivity', (fw) => fw.notifyNewActivity('session-id-1', 1)],
    ['notifyKpiBreach', (fw) => fw.notifyKpiBreach('session-id-1')],
    ['updateContext', (fw) => fw.updateContext({ a: 1 })],
    ['createTab', (fw) => fw.createTab({ templateName: 't' })],
    ['focusTab', (fw) => fw.focusTab('tab-id-1')],
    ['getFocusedTab', (fw) => fw.getFocusedTab()],
    ['getTabs', (fw) => fw.getTabs()],
    ['refreshTab', (fw) => fw.refreshTab('tab-id-1')],
    ['setTabTitle', (fw) => fw.setTabTitle('tab-id-1', 'x')],
    ['closeTab', (fw) => fw.closeTab!('tab-id-1')],
    ['notifyEvent', (fw) => fw.notifyEvent({ templateName: 't' })],
    ['cancelEvent', (fw) => fw.cancelEvent!('t')],
  ];

  for (const [name, run] of v2Only) {
    it(`${name} rejects with a Map "${CIF_UNSUPPORTED_MESSAGE}"`, async () => {
      const host = new SimulatedCifHost({ version: 1 });
      expectMapMessage(await rejection(run(host.framework)), name, new RegExp(CIF_UNSUPPORTED_MESSAGE));
    });
  }

  it('has no setPresence/getPresence, answers isConsoleApp false, and still does records and panel', async () => {
    const host = new SimulatedCifHost({ version: 1 });
    expect(host.framework.setPresence).to.equal(undefined);
    expect(host.framework.getPresence).to.equal(undefined);
    expect('setPresence' in host.framework).to.equal(false);
    expect(await host.framework.isConsoleApp!()).to.equal(false);
    expect(await new SimulatedCifHost().framework.isConsoleApp!()).to.equal(true);
    expect(await host.framework.getMode()).to.equal(1);
    const res = JSON.parse(await host.framework.searchAndOpenRecords('account', '$top=2', true)) as object;
    expect(Object.keys(res)).to.deep.equal(['0', '1']);
    expect(host.userSetsPresence('Busy')).to.equal(false);
    expect(host.userSwitchesSession(HOME_SESSION_ID)).to.equal(false);
    expect(() => host.userOpensForeignSession()).to.throw();
  });
});

describe('SimulatedCifHost: failure injection and latency', () => {
  it('rejects in the default shape: JSON string for JSON APIs, Map for raw APIs', async () => {
    const host = new SimulatedCifHost();
    host.fail('retrieveRecord');
    host.fail('getMode');
    expectJsonMessage(await rejection(host.framework.retrieveRecord('contact', 'x')), 'retrieveRecord', /Simulated failure of retrieveRecord/);
    expectMapMessage(await rejection(host.framework.getMode()), 'getMode', /Simulated failure of getMode/);
  });

  it('rejects in every requested shape with the given message', async () => {
    const host = new SimulatedCifHost();
    host.fail('getWidth', { shape: 'json', message: 'json!' });
    expectJsonMessage(await rejection(host.framework.getWidth()), 'getWidth', /^json!$/);
    host.fail('getWidth', { shape: 'map', message: 'map!' });
    expectMapMessage(await rejection(host.framework.getWidth()), 'getWidth', /^map!$/);
    host.fail('getWidth', { shape: 'error', message: 'error!' });
    const err = await rejection(host.framework.getWidth());
    expect(err).to.be.instanceOf(Error);
    expect((err as Error).message).to.equal('error!');
    host.fail('getWidth', { shape: 'string', message: 'plain text!' });
    expect(await rejection(host.framework.getWidth())).to.equal('plain text!');
    host.fail('getWidth', { shape: 'xrm', message: 'xrm!' });
    expectXrmError(await rejection(host.framework.getWidth()), /^xrm!$/);
  });

  it('fails only `times` calls, and clearFailures restores the method', async () => {
    const host = new SimulatedCifHost();
    host.fail('getClickToAct', { times: 2 });
    await rejection(host.framework.getClickToAct());
    await rejection(host.framework.getClickToAct());
    expect(await host.framework.getClickToAct()).to.equal(true);
    host.fail('getClickToAct');
    host.fail('getMode');
    await rejection(host.framework.getClickToAct());
    host.clearFailures('getClickToAct');
    expect(await host.framework.getClickToAct()).to.equal(true);
    await rejection(host.framework.getMode());
    host.clearFailures();
    expect(await host.framework.getMode()).to.equal(1);
  });

  it('"timeout" rejects with CIF\'s time-out message without waiting 10 s', async () => {
    const host = new SimulatedCifHost({ latencyMs: 20 });
    host.fail('getEnvironment', 'timeout');
    host.fail('setMode', 'timeout');
    const started = Date.now();
    expectJsonMessage(await rejection(host.framework.getEnvironment()), 'getEnvironment', new RegExp(`^${CIF_TIMEOUT_MESSAGE}$`));
    expectMapMessage(await rejection(host.framework.setMode(0)), 'setMode', new RegExp(CIF_TIMEOUT_MESSAGE));
    expect(Date.now() - started).to.be.below(1000);
    expect(host.mode).to.equal(1);
  });

  it('a failing addHandler returns a rejected promise and registers nothing', async () => {
    const host = new SimulatedCifHost();
    host.fail('addHandler', { times: 1 });
    const handler: CifFrameworkHandler = () => Promise.resolve();
    expectJsonMessage(await rejection(host.framework.addHandler('onclicktoact', handler)), 'addHandler', /Simulated failure/);
    expect(host.handlerCount()).to.equal(0);
    expect(host.framework.addHandler('onclicktoact', handler)).to.equal(undefined);
    expect(host.handlerCount()).to.equal(1);
  });

  it('failures do not change state', async () => {
    const host = new SimulatedCifHost({ seed: false });
    host.fail('createRecord', { shape: 'xrm', times: 1 });
    await rejection(host.framework.createRecord('contact', '{"firstname":"x"}'));
    expect(host.records('contact')).to.deep.equal([]);
  });

  it('answers after latencyMs, but rejects invalid arguments at once', async () => {
    const host = new SimulatedCifHost({ latencyMs: 80 });
    let started = performance.now();
    expect(await host.framework.getMode()).to.equal(1);
    expect(performance.now() - started).to.be.at.least(70);
    started = performance.now();
    await rejection(host.framework.setMode(9));
    expect(performance.now() - started).to.be.below(40);
    host.latencyMs = 0;
    started = performance.now();
    await host.framework.getWidth();
    expect(performance.now() - started).to.be.below(40);
  });

  it('answers asynchronously even without latency', async () => {
    const host = new SimulatedCifHost();
    let settled = false;
    const p = host.framework.setMode(0).then(() => (settled = true));
    expect(settled).to.equal(false);
    expect(host.mode).to.equal(1);
    await p;
    expect(settled).to.equal(true);
    expect(host.mode).to.equal(0);
  });
});
