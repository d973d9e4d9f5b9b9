/**
 * Deterministic demo data for the simulated Dynamics host: accounts, contacts, cases (incidents) and phone
 * calls, shaped like Dataverse Web API rows (lookups as `_<column>_value` plus a formatted-value annotation).
 * Nothing here is random: the same ids, names and phone numbers come back on every run, so stories and tests
 * can refer to them.
 */

import type { CifRecord } from '../types.js';

/** Records per entity logical name. Each record carries its primary id column (see `primaryIdKey`). */
export type SeedData = Record<string, CifRecord[]>;

/** OData annotation Dataverse adds next to lookups and option sets. */
export const FORMATTED_VALUE = '@OData.Community.Display.V1.FormattedValue';

/**
 * A deterministic GUID for seed row `n` of `entity` (FNV-1a based, version-4 layout). Not random, not unique
 * across the universe — only across the demo data.
 */
export function seedGuid(entity: string, n: number): string {
  let hex = '';
  for (let round = 0; hex.length < 32; round++) {
    let h = 0x811c9dc5 ^ round;
    for (const ch of `${entity}:${n}:${round}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    hex += h.toString(16).padStart(8, '0');
  }
  const v = hex.slice(0, 32).split('');
  v[12] = '4';
  v[16] = ((parseInt(v[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = v.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const ACCOUNTS: ReadonlyArray<[name: string, city: string]> = [
  ['Contoso Pharmaceuticals', 'Redmond'],
  ['Fabrikam, Inc.', 'Seattle'],
  ['Adventure Works Cycles', 'Bothell'],
  ['Alpine Ski House', 'Denver'],
  ['Blue Yonder Airlines', 'Chicago'],
  ['City Power & Light', 'Portland'],
  ['Coho Winery', 'Walla Walla'],
  ['Humongous Insurance', 'Boston'],
  ['Litware, Inc.', 'Austin'],
  ['Lucerne Publishing', 'New York'],
  ["Margie's Travel", 'San Diego'],
  ['Northwind Traders', 'London'],
  ['Proseware, Inc.', 'Dublin'],
  ['Relecloud', 'Sydney'],
  ['School of Fine Art', 'Paris'],
  ['Southridge Video', 'Los Angeles'],
  ['Tailspin Toys', 'Toronto'],
  ['Trey Research', 'Cambridge'],
  ['VanArsdel, Ltd.', 'Vancouver'],
  ['Wide World Importers', 'Rotterdam'],
  ['Wingtip Toys', 'Manchester'],
  ['Woodgrove Bank', 'Zürich'],
  ['Fourth Coffee', 'Melbourne'],
  ['Graphic Design Institute', 'Berlin'],
];

const CONTACTS: ReadonlyArray<[first: string, last: string]> = [
  ['Ada', 'Lovelace'],
  ['Alan', 'Turing'],
  ['Grace', 'Hopper'],
  ['Katherine', 'Johnson'],
  ['Edsger', 'Dijkstra'],
  ['Barbara', 'Liskov'],
  ['Donald', 'Knuth'],
  ['Margaret', 'Hamilton'],
  ['Tim', 'Berners-Lee'],
  ['Radia', 'Perlman'],
  ['Linus', 'Torvalds'],
  ['Frances', 'Allen'],
  ['Ken', 'Thompson'],
  ['Hedy', 'Lamarr'],
  ['John', 'Lomax'],
  ['Shafi', 'Goldwasser'],
  ['Aoife', "O'Brien"],
  ['José', 'Álvarez'],
  ['Zoë', 'Ångström'],
  ['Sophie', 'Wilson'],
  ['Dennis', 'Ritchie'],
  ['Annie', 'Easley'],
  ['Niklaus', 'Wirth'],
  ['Mary', 'Lowe'],
];

/**
 * Phone number `n` (0…99, unique across the demo data) in one of several real-world notations, so dialers and
 * searches meet them all. All are in fiction ranges (NANP 555-01xx, Ofcom 020 7946 0xxx, ACMA 02 5550 xxxx).
 */
function phone(n: number): string {
  const last4 = String(100 + n).padStart(4, '0');
  switch (n % 6) {
    case 0:
      return `+1 425 555 ${last4}`;
    case 1:
      return `(425) 555-${last4}`;
    case 2:
      return `+44 20 7946 0${String(n).padStart(3, '0')}`;
    case 3:
      return `425.555.${last4}`;
    case 4:
      return `+1-206-555-${last4}`;
    default:
      return `+61 2 5550 ${String(1000 + n)}`;
  }
}

const emailName = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

/** Builds the demo data set: 24 accounts, 24 contacts, 8 cases and 5 phone calls. */
export function createSeedData(): SeedData {
  const accounts: CifRecord[] = ACCOUNTS.map(([name, city], i) => ({
    accountid: seedGuid('account', i),
    name,
    telephone1: phone(i),
    telephone2: phone(24 + i),
    address1_city: city,
    emailaddress1: `info@${emailName(name.split(/[ ,]/)[0]!)}.example.com`,
    websiteurl: `https://${emailName(name.split(/[ ,]/)[0]!)}.example.com`,
  }));

  const contacts: CifRecord[] = CONTACTS.map(([firstname, lastname], i) => {
    const account = accounts[(i * 7) % accounts.length]!;
    const domain = String(account.websiteurl).replace('https://', '');
    return {
      contactid: seedGuid('contact', i),
      firstname,
      lastname,
      fullname: `${firstname} ${lastname}`,
      emailaddress1: `${emailName(firstname)}.${emailName(lastname)}@${domain}`,
      telephone1: phone(48 + i),
      mobilephone: phone(72 + i),
      jobtitle: ['Buyer', 'Engineer', 'Director', 'Analyst', 'Owner', 'Support Lead'][i % 6],
      _parentcustomerid_value: account.accountid,
      [`_parentcustomerid_value${FORMATTED_VALUE}`]: account.name,
      '_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'account',
    };
  });

  const caseTitles = [
    'Printer on floor 3 is offline',
    'Invoice shows the wrong amount',
    'Cannot sign in to the portal',
    'Delivery arrived damaged',
    'Request for a product demo',
    'Warranty extension question',
    'Password reset link expired',
    'Order status unknown',
  ];
  const incidents: CifRecord[] = caseTitles.map((title, i) => {
    const byContact = i % 2 === 0;
    const customer = byContact ? contacts[i * 3]! : accounts[i * 2 + 1]!;
    return {
      incidentid: seedGuid('incident', i),
      title,
      ticketnumber: `CAS-0${1001 + i}-${seedGuid('ticket', i).slice(0, 6).toUpperCase()}`,
      prioritycode: (i % 3) + 1,
      statecode: i === 7 ? 1 : 0,
      _customerid_value: byContact ? customer.contactid : customer.accountid,
      [`_customerid_value${FORMATTED_VALUE}`]: byContact ? customer.fullname : customer.name,
      '_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname': byContact ? 'contact' : 'account',
    };
  });

  const phonecalls: CifRecord[] = [0, 1, 2, 3, 4].map((i) => {
    const contact = contacts[i * 4]!;
    const outgoing = i % 2 === 1;
    return {
      activityid: seedGuid('phonecall', i),
      subject: `${outgoing ? 'Call to' : 'Call from'} ${contact.fullname}`,
      phonenumber: contact.telephone1,
      directioncode: outgoing,
      description: outgoing ? 'Follow-up on the open case.' : 'Customer asked about their order.',
      actualdurationminutes: 3 + i * 4,
      _regardingobjectid_value: contact.contactid,
      [`_regardingobjectid_value${FORMATTED_VALUE}`]: contact.fullname,
      '_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'contact',
    };
  });

  return { account: accounts, contact: contacts, incident: incidents, phonecall: phonecalls };
}
