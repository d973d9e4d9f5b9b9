import { expect } from '@open-wc/testing';
import { CifError } from '@cif-elements/client';
import {
  CONTACT_PHONE_FIELDS,
  DEFAULT_SCREEN_POP_ENTITIES,
  findRecordsByPhone,
  openCreateContact,
  openMatch,
  openSearchPage,
  phoneSearchQuery,
  phoneVariants,
} from '../src/index.js';
import { SEED, fakeClient, simulated, useCleanStorage } from './helpers.js';

describe('screen pop: findRecordsByPhone against the simulated host', () => {
  useCleanStorage();

  it('builds one contains() per phone column and notation, URL-encoded, with $select and $top', () => {
    const q = phoneSearchQuery(DEFAULT_SCREEN_POP_ENTITIES[0]!, phoneVariants('+14255550100'))!;
    expect(q.startsWith('?$select=fullname,telephone1,telephone2,telephone3,mobilephone,business2,home2&$filter=')).to.be.true;
    for (const f of CONTACT_PHONE_FIELDS) expect(q).to.contain(`contains(${f},'425%20555%200100')`);
    expect(q).to.contain("contains(mobilephone,'(425)%20555-0100')");
    expect(q.endsWith('&$top=50')).to.be.true;
    expect(phoneSearchQuery(DEFAULT_SCREEN_POP_ENTITIES[0]!, [])).to.equal(undefined);
    const quoted = phoneSearchQuery({ entityName: 'x', nameField: 'n', phoneFields: ['p'] }, ["o'1234"])!;
    expect(quoted).to.contain("contains(p,'o''1234')");
  });

  it('finds a contact by its number given in E.164 although Dynamics stores "(425) 555-0149"', async () => {
    const { host, client } = simulated();
    const r = await findRecordsByPhone(client, SEED.alan.e164, { defaultCountry: 'US' });
    expect(r.kind).to.equal('single');
    expect(r.matches).to.have.length(1);
    expect(r.matches[0]).to.include({ entityName: 'contact', name: SEED.alan.name, phoneField: 'telephone1', phoneValue: '(425) 555-0149' });
    expect(r.matches[0]!.id).to.equal(host.records('contact').find((c) => c.fullname === SEED.alan.name)!.contactid);
    expect(r.e164).to.equal(SEED.alan.e164);
    expect(r.display).to.equal('(425) 555-0149');
    expect(r.errors).to.deep.equal([]);
    expect(host.openedPages, 'a search opens nothing').to.deep.equal([]);
  });

  it('finds numbers stored in every seed notation (dots, dashes, mobile column, other countries)', async () => {
    const { client } = simulated();
    for (const who of [SEED.adaMobile, SEED.grace, SEED.katherine, SEED.edsger, SEED.barbara]) {
      const r = await findRecordsByPhone(client, who.e164, { defaultCountry: 'US' });
      expect(r.kind, who.name).to.equal('single');
      expect(r.matches[0]!.name).to.equal(who.name);
      expect(r.matches[0]!.phoneField).to.equal(who.field);
    }
  });

  it('finds an account, and a national number in the agent’s country', async () => {
    const { client } = simulated();
    const acc = await findRecordsByPhone(client, '(425) 555-0101', { defaultCountry: 'US' });
    expect(acc.matches.map((m) => [m.entityName, m.name])).to.deep.equal([['account', SEED.fabrikam.name]]);
    const gb = await findRecordsByPhone(client, SEED.grace.national, { defaultCountry: 'GB' });
    expect(gb.matches.map((m) => m.name)).to.deep.equal([SEED.grace.name]);
    expect(gb.display).to.equal('020 7946 0050');
  });

  it('several owners → multiple, contacts first, deduplicated; near misses are dropped', async () => {
    const { host, client } = simulated();
    host.putRecord('contact', { firstname: 'Zed', lastname: 'Second', telephone2: '425-555-0101', mobilephone: '+1 425 555 0101' });
    host.putRecord('contact', { firstname: 'Near', lastname: 'Miss', telephone1: '+1 425 555 01011' });
    const r = await findRecordsByPhone(client, '+14255550101');
    expect(r.kind).to.equal('multiple');
    expect(r.matches.map((m) => [m.entityName, m.name])).to.deep.equal([
      ['contact', 'Zed Second'],
      ['account', SEED.fabrikam.name],
    ]);
  });

  it('nobody → none; a withheld number is not searched at all', async () => {
    const { client } = simulated();
    const r = await findRecordsByPhone(client, SEED.nobody.e164);
    expect(r).to.include({ kind: 'none', searched: true });
    const { fake, client: c2 } = fakeClient();
    const anon = await findRecordsByPhone(c2, 'anonymous');
    expect(anon).to.include({ kind: 'none', searched: false });
    expect(fake.callsOf('searchAndOpenRecords')).to.have.length(0);
  });

  it('a failed search is reported, never thrown; the other entity still counts', async () => {
    const { host, client } = simulated();
    host.fail('searchAndOpenRecords', { message: 'Search is down' });
    const r = await findRecordsByPhone(client, SEED.alan.e164);
    expect(r.kind).to.equal('none');
    expect(r.errors).to.have.length(2);
    expect(r.errors[0]).to.be.instanceOf(CifError);
    expect(r.errors[0]!.message).to.equal('Search is down');
    host.clearFailures();
    host.fail('searchAndOpenRecords', { times: 1, shape: 'xrm', message: 'contacts unavailable' });
    const partial = await findRecordsByPhone(client, '(425) 555-0101', { defaultCountry: 'US' });
    expect(partial.errors.map((e) => e.message)).to.deep.equal(['contacts unavailable']);
    expect(partial.matches.map((m) => m.name)).to.deep.equal([SEED.fabrikam.name]);
  });

  it('openMatch opens the record (searchAndOpenRecords with searchOnly=false); a deleted record is not-found', async () => {
    const { host, client } = simulated();
    const { matches } = await findRecordsByPhone(client, SEED.alan.e164);
    await openMatch(client, matches[0]!);
    expect(host.openedPages.at(-1)).to.include({ kind: 'record', source: 'searchAndOpenRecords', entityName: 'contact', entityId: matches[0]!.id });
    await host.framework.deleteRecord('contact', matches[0]!.id);
    const err = await openMatch(client, matches[0]!).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(CifError);
    expect((err as CifError).code).to.equal('not-found');
    const bad = await openMatch(client, { ...matches[0]!, id: "x' or 1 eq 1" }).catch((e: unknown) => e);
    expect((bad as CifError).code).to.equal('invalid-argument');
  });

  it('openSearchPage searches the number as Dynamics stores it; openCreateContact prefills it', async () => {
    const { host, client } = simulated();
    host.putRecord('contact', { firstname: 'Zed', lastname: 'Second', telephone1: '425-555-0101' });
    const r = await findRecordsByPhone(client, '+14255550101');
    await openSearchPage(client, r);
    expect(host.openedPages.at(-1)).to.include({ kind: 'search', source: 'renderSearchPage', entityName: 'contact', searchString: '425-555-0101' });
    const created = await openCreateContact(client, SEED.nobody.e164, { defaultCountry: 'US' });
    expect(host.openedPages.at(-1)).to.include({ kind: 'form', source: 'openForm', entityName: 'contact' });
    expect(created).to.include({ entityName: 'contact', phoneField: 'telephone1', phoneValue: '+1 425 555 0199' });
    expect(host.record('contact', created!.id)!.telephone1).to.equal('+1 425 555 0199');
  });
});

describe('screen pop against the fake CIF library', () => {
  useCleanStorage();

  it('reads CIF’s index-keyed JSON result and verifies the rows', async () => {
    const { fake, client } = fakeClient();
    fake.respond('searchAndOpenRecords', (entity: string) =>
      entity === 'contact'
        ? JSON.stringify({
            0: { contactid: '{AAAAAAAA-0000-4000-8000-000000000001}', fullname: 'Ana Silva', mobilephone: '425 555 0100' },
            1: { contactid: 'aaaaaaaa-0000-4000-8000-000000000002', fullname: 'Not Her', mobilephone: '425 555 01009' },
          })
        : JSON.stringify({}),
    );
    const r = await findRecordsByPhone(client, '+14255550100');
    expect(r.matches).to.deep.equal([
      { entityName: 'contact', id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Ana Silva', phoneField: 'mobilephone', phoneValue: '425 555 0100' },
    ]);
    const [entity, query, searchOnly] = fake.callsOf('searchAndOpenRecords')[0]!;
    expect(entity).to.equal('contact');
    expect(query).to.be.a('string').and.contain('$filter=contains(telephone1,');
    expect(searchOnly).to.equal(true);
  });

  it('JSON-string and Map rejections become CifErrors in errors', async () => {
    const { fake, client } = fakeClient();
    fake.reject('searchAndOpenRecords', JSON.stringify({ message: 'JSON no', msdyn_name: 'searchAndOpenRecords' }), { once: true });
    fake.reject('searchAndOpenRecords', new Map([['message', 'Map no']]), { once: true });
    const r = await findRecordsByPhone(client, '+14255550100');
    expect(r.errors.map((e) => e.message).sort()).to.deep.equal(['JSON no', 'Map no']);
    expect(r.kind).to.equal('none');
  });

  it('openCreateContact resolves undefined when the agent closes the form without saving', async () => {
    const { fake, client } = fakeClient();
    expect(await openCreateContact(client, '+14255550100')).to.equal(undefined);
    const [options, params] = fake.callsOf('openForm')[0]!;
    expect(JSON.parse(options as string)).to.deep.equal({ entityName: 'contact' });
    expect(JSON.parse(params as string)).to.deep.equal({ telephone1: '+1 425 555 0100' });
  });
});
