import { expect } from '@open-wc/testing';
import { GUID_PATTERN, isGuid, isObject, newGuid, normalizeId, stripIdBraces } from '../src/api.js';
import { isGuid as isGuidFromSimulated } from '../src/simulated/index.js';

describe('client helpers (util.ts)', () => {
  it('isObject: plain objects only', () => {
    expect(isObject({})).to.equal(true);
    expect(isObject({ a: 1 })).to.equal(true);
    expect(isObject(new Map())).to.equal(true);
    for (const v of [null, undefined, [], [1], 'x', 1, true, () => ({})]) expect(isObject(v), String(v)).to.equal(false);
  });

  it('isGuid: a GUID in any case, without braces; nothing else', () => {
    expect(isGuid('7d3e0c5a-1b2c-4d5e-8f90-0123456789ab')).to.equal(true);
    expect(isGuid('7D3E0C5A-1B2C-4D5E-8F90-0123456789AB')).to.equal(true);
    for (const v of ['{7d3e0c5a-1b2c-4d5e-8f90-0123456789ab}', '7d3e0c5a-1b2c-4d5e-8f90-0123456789abc', ' 7d3e0c5a-1b2c-4d5e-8f90-0123456789ab', 'x', '', null, 42, {}]) {
      expect(isGuid(v), String(v)).to.equal(false);
    }
    expect(GUID_PATTERN.test('7d3e0c5a-1b2c-4d5e-8f90-0123456789ab')).to.equal(true);
    expect(isGuidFromSimulated, 'the simulated host exports the same function').to.equal(isGuid);
  });

  it('normalizeId / stripIdBraces: braces and spaces off; lower case only for normalizeId; non-strings → ""', () => {
    expect(normalizeId('{7D3E0C5A-1B2C-4D5E-8F90-0123456789AB}')).to.equal('7d3e0c5a-1b2c-4d5e-8f90-0123456789ab');
    expect(normalizeId(' 7d3e0c5a-1b2c-4d5e-8f90-0123456789ab ')).to.equal('7d3e0c5a-1b2c-4d5e-8f90-0123456789ab');
    expect(stripIdBraces('{ABC}')).to.equal('ABC');
    expect(stripIdBraces(' {AbC} ')).to.equal('AbC');
    for (const v of [null, undefined, 42, {}, ['{a}']]) {
      expect(normalizeId(v)).to.equal('');
      expect(stripIdBraces(v)).to.equal('');
    }
  });

  it('newGuid: version-4 GUIDs, lower case, all different', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newGuid()));
    expect(ids.size).to.equal(200);
    for (const id of ids) {
      expect(isGuid(id) && id === id.toLowerCase(), id).to.equal(true);
      expect(id[14]).to.equal('4');
      expect('89ab').to.contain(id[19]!);
    }
  });
});
