import { expect } from '@open-wc/testing';
import {
  ODataQueryError,
  applyODataQuery,
  evaluateFilter,
  parseFilter,
  parseODataQuery,
  primaryIdKey,
  primaryNameKey,
} from '../src/simulated/odata.js';
import type { CifRecord } from '../src/types.js';

function parseError(query: string): ODataQueryError {
  try {
    parseODataQuery(query);
  } catch (e) {
    expect(e).to.be.instanceOf(ODataQueryError);
    return e as ODataQueryError;
  }
  throw new Error(`expected "${query}" to be rejected`);
}

const people: CifRecord[] = [
  { contactid: 'c1', firstname: 'Ada', lastname: 'Lovelace', telephone1: '+1 425 555 0100', age: 36, vip: true, city: null },
  { contactid: 'c2', firstname: 'Alan', lastname: 'Turing', telephone1: '(425) 555-0101', age: 41, vip: false, city: 'London' },
  { contactid: 'c3', firstname: 'Grace', lastname: 'Hopper', telephone1: '+44 20 7946 0958', age: 85, vip: true, city: 'Arlington' },
  { contactid: 'c4', firstname: 'John', lastname: 'Lomax', telephone1: '425.555.0102', age: 80, vip: false, city: 'Austin' },
  { contactid: 'c5', firstname: 'Aoife', lastname: "O'Brien", telephone1: null, age: 29, vip: false, city: 'Dublin' },
];

const ids = (rows: CifRecord[]) => rows.map((r) => r.contactid);
const where = (filter: string) => ids(people.filter((r) => evaluateFilter(parseFilter(filter), r)));

describe('OData subset: parsing', () => {
  it('parses the full example query into select, filter and top', () => {
    const q = parseODataQuery(
      "?$select=fullname,telephone1&$filter=contains(telephone1,'555') and (firstname eq 'Ada' or startswith(lastname,'Lo'))&$top=5",
    );
    expect(q.select).to.deep.equal(['fullname', 'telephone1']);
    expect(q.top).to.equal(5);
    expect(q.filter).to.deep.equal({
      kind: 'and',
      left: { kind: 'call', fn: 'contains', args: [{ kind: 'field', name: 'telephone1' }, { kind: 'literal', value: '555' }] },
      right: {
        kind: 'or',
        left: { kind: 'compare', op: 'eq', left: { kind: 'field', name: 'firstname' }, right: { kind: 'literal', value: 'Ada' } },
        right: { kind: 'call', fn: 'startswith', args: [{ kind: 'field', name: 'lastname' }, { kind: 'literal', value: 'Lo' }] },
      },
    });
  });

  it('accepts a query without the leading "?" and an empty query', () => {
    expect(parseODataQuery('$top=3')).to.deep.equal({ top: 3 });
    expect(parseODataQuery('')).to.deep.equal({});
    expect(parseODataQuery('?')).to.deep.equal({});
  });

  it('decodes URL-encoded values but keeps a literal "+"', () => {
    const q = parseODataQuery("?$filter=contains(telephone1,%27%2B1%20425%27)&$select=full%6eame");
    expect(q.select).to.deep.equal(['fullname']);
    expect(q.filter).to.deep.include({ kind: 'call', fn: 'contains' });
    expect((q.filter as { args: unknown[] }).args[1]).to.deep.equal({ kind: 'literal', value: '+1 425' });
    const plus = parseODataQuery("$filter=telephone1 eq '+44 20'");
    expect((plus.filter as { right: unknown }).right).to.deep.equal({ kind: 'literal', value: '+44 20' });
  });

  it("unescapes '' inside string literals", () => {
    const f = parseFilter("lastname eq 'O''Brien'");
    expect(f).to.deep.equal({
      kind: 'compare',
      op: 'eq',
      left: { kind: 'field', name: 'lastname' },
      right: { kind: 'literal', value: "O'Brien" },
    });
  });

  it('parses numbers, booleans, null and unquoted GUIDs', () => {
    expect((parseFilter('age ge -1.5') as { right: unknown }).right).to.deep.equal({ kind: 'literal', value: -1.5 });
    expect((parseFilter('vip eq true') as { right: unknown }).right).to.deep.equal({ kind: 'literal', value: true });
    expect((parseFilter('vip ne false') as { right: unknown }).right).to.deep.equal({ kind: 'literal', value: false });
    expect((parseFilter('city eq null') as { right: unknown }).right).to.deep.equal({ kind: 'literal', value: null });
    expect((parseFilter('_parentcustomerid_value eq 5F0C8D9E-2B1A-4C3D-8E7F-1A2B3C4D5E6F') as { right: unknown }).right).to.deep.equal({
      kind: 'literal',
      value: '5f0c8d9e-2b1a-4c3d-8e7f-1a2b3c4d5e6f',
    });
  });

  it('binds "and" tighter than "or", and "not" tighter than both', () => {
    const f = parseFilter("not a eq 1 or b eq 2 and c eq 3");
    expect(f.kind).to.equal('or');
    const or = f as { left: { kind: string }; right: { kind: string } };
    expect(or.left.kind).to.equal('not');
    expect(or.right.kind).to.equal('and');
  });

  it('parses $orderby with directions and $search terms', () => {
    const q = parseODataQuery('$orderby=lastname desc, firstname asc,age&$search="Ada Lovelace" 555');
    expect(q.orderby).to.deep.equal([
      { field: 'lastname', descending: true },
      { field: 'firstname', descending: false },
      { field: 'age', descending: false },
    ]);
    expect(q.search).to.deep.equal(['Ada Lovelace', '555']);
  });

  it('accepts $expand and $count without simulating them', () => {
    expect(parseODataQuery('$select=name&$expand=primarycontactid($select=fullname)&$count=true')).to.deep.equal({ select: ['name'] });
  });

  it("keeps an unencoded '&' inside a literal", () => {
    const q = parseODataQuery("$filter=name eq 'City Power & Light'&$top=1");
    expect((q.filter as { right: unknown }).right).to.deep.equal({ kind: 'literal', value: 'City Power & Light' });
    expect(q.top).to.equal(1);
  });
});

describe('OData subset: malformed queries', () => {
  const cases: Array<[string, RegExp]> = [
    ["$filter=lastname eq 'Lovelace", /unterminated string/],
    ["$filter=substringof('Ada',firstname)", /unsupported function 'substringof'/],
    ["$filter=firstname 'Ada'", /expected a comparison operator/],
    ["$filter=(firstname eq 'Ada'", /expected '\)'/],
    ["$filter=firstname eq 'Ada')", /unexpected '\)'/],
    ['$filter=', /\$filter is empty/],
    ['$filter=firstname eq', /expected a column or a value but found the end/],
    ["$filter=firstname eq 'Ada' and", /expected a column or a value/],
    ["$filter=contains('Ada',firstname)", /first argument must be a column/],
    ['$filter=contains(firstname,1)', /second argument must be a string literal/],
    ["$filter=firstname eq 'Ada' & 1", /unexpected character '&'/],
    ["$filter=contains(firstname,'A') eq 'yes'", /compared with true or false/],
    ['$filter=and eq 1', /keyword 'and'/],
    ['$top=abc', /\$top: "abc" is not a non-negative integer/],
    ['$top=-1', /not a non-negative integer/],
    ['$top=5001', /maximum of 5000/],
    ['$select=', /empty column name/],
    ['$select=full name', /not a valid column name/],
    ['$orderby=lastname sideways', /not "column \[asc\|desc\]"/],
    ['$search=', /no search text/],
    ['$skip=10', /"\$skip" is not supported/],
    ['$top=1&$top=2', /given more than once/],
    ['fullname', /not an option=value pair/],
    ['$filter=%E0%A4%A', /malformed URL encoding/],
  ];
  for (const [query, message] of cases) {
    it(`rejects ${JSON.stringify(query)}`, () => {
      const e = parseError(query);
      expect(e.name).to.equal('ODataQueryError');
      expect(e.message).to.match(message);
    });
  }

  it('reports the option and the position of a filter problem', () => {
    const e = parseError("$filter=firstname eq 'Ada' xor lastname eq 'B'");
    expect(e.option).to.equal('$filter');
    expect(e.position).to.equal(19);
  });
});

describe('OData subset: evaluation', () => {
  it('matches contains/startswith/endswith case-insensitively', () => {
    expect(where("contains(lastname,'LOVE')")).to.deep.equal(['c1']);
    expect(where("startswith(firstname,'a')")).to.deep.equal(['c1', 'c2', 'c5']);
    expect(where("endswith(lastname,'ER')")).to.deep.equal(['c3']);
  });

  it('compares strings case-insensitively and numbers numerically', () => {
    expect(where("firstname eq 'ada'")).to.deep.equal(['c1']);
    expect(where("firstname ne 'ADA'")).to.deep.equal(['c2', 'c3', 'c4', 'c5']);
    expect(where('age gt 80')).to.deep.equal(['c3']);
    expect(where('age ge 80')).to.deep.equal(['c3', 'c4']);
    expect(where('age lt 36')).to.deep.equal(['c5']);
    expect(where('age le 36')).to.deep.equal(['c1', 'c5']);
  });

  it('handles booleans, null and not', () => {
    expect(where('vip eq true')).to.deep.equal(['c1', 'c3']);
    expect(where('city eq null')).to.deep.equal(['c1']);
    expect(where('city ne null')).to.deep.equal(['c2', 'c3', 'c4', 'c5']);
    expect(where("not contains(telephone1,'555')")).to.deep.equal(['c3', 'c5']);
    expect(where("contains(telephone1,'555') eq false")).to.deep.equal(['c3', 'c5']);
  });

  it('evaluates the example filter', () => {
    expect(where("contains(telephone1,'555') and (firstname eq 'Ada' or startswith(lastname,'Lo'))")).to.deep.equal(['c1', 'c4']);
  });

  it("matches a literal with an escaped quote", () => {
    expect(where("lastname eq 'O''Brien'")).to.deep.equal(['c5']);
  });
});

describe('OData subset: applyODataQuery', () => {
  it('projects $select and always keeps the primary id', () => {
    const rows = applyODataQuery(people, "?$select=firstname,missing&$filter=lastname eq 'Turing'", 'contactid');
    expect(rows).to.deep.equal([{ contactid: 'c2', firstname: 'Alan', missing: null }]);
  });

  it('keeps annotations of selected columns', () => {
    const rows = applyODataQuery(
      [{ contactid: 'x', _parentcustomerid_value: 'a1', '_parentcustomerid_value@OData.Community.Display.V1.FormattedValue': 'Contoso' }],
      '$select=_parentcustomerid_value',
      'contactid',
    );
    expect(rows[0]).to.deep.equal({
      contactid: 'x',
      _parentcustomerid_value: 'a1',
      '_parentcustomerid_value@OData.Community.Display.V1.FormattedValue': 'Contoso',
    });
  });

  it('orders, then applies $top', () => {
    expect(ids(applyODataQuery(people, '$orderby=age desc&$top=2', 'contactid'))).to.deep.equal(['c3', 'c4']);
    expect(ids(applyODataQuery(people, '$orderby=city', 'contactid'))).to.deep.equal(['c1', 'c3', 'c4', 'c5', 'c2']);
    expect(ids(applyODataQuery(people, '$orderby=vip desc,lastname', 'contactid'))).to.deep.equal(['c3', 'c1', 'c4', 'c5', 'c2']);
  });

  it('searches free text across string columns, every term must match', () => {
    expect(ids(applyODataQuery(people, '$search=grace', 'contactid'))).to.deep.equal(['c3']);
    // 'lo' matches Lovelace, Lomax and London (a different column of the same row)
    expect(ids(applyODataQuery(people, '$search=555 lo', 'contactid'))).to.deep.equal(['c1', 'c2', 'c4']);
    expect(ids(applyODataQuery(people, '$search=nobody', 'contactid'))).to.deep.equal([]);
  });

  it('returns copies and leaves the input untouched', () => {
    const rows = applyODataQuery(people, '', 'contactid');
    expect(rows).to.have.length(5);
    rows[0]!.firstname = 'changed';
    expect(people[0]!.firstname).to.equal('Ada');
  });

  it('throws ODataQueryError for a malformed string query', () => {
    expect(() => applyODataQuery(people, "$filter=firstname eq 'A", 'contactid')).to.throw(ODataQueryError, /unterminated/);
  });
});

describe('OData subset: entity keys', () => {
  it('names primary id and name columns', () => {
    expect(primaryIdKey('contact')).to.equal('contactid');
    expect(primaryIdKey('account')).to.equal('accountid');
    expect(primaryIdKey('incident')).to.equal('incidentid');
    expect(primaryIdKey('phonecall')).to.equal('activityid');
    expect(primaryIdKey('new_widget')).to.equal('new_widgetid');
    expect(primaryNameKey('contact')).to.equal('fullname');
    expect(primaryNameKey('incident')).to.equal('title');
    expect(primaryNameKey('anything')).to.equal('name');
  });
});
