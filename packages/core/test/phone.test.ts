import { expect } from '@open-wc/testing';
import { displayFormat, loadPhoneLib, phoneLib, toCountryCode } from '../src/phone.js';
import { stripInvisible } from '../src/phone-text.js';

describe('shared phone helpers (@cif-elements/core/phone)', () => {
  it('strips invisible formatting and bidi controls, nothing else', () => {
    expect(stripInvisible('\u202e+1\u200b 425\u200e 555\u2066 0100\u2069\ufeff')).to.equal('+1 425 555 0100');
    expect(stripInvisible('Ada · +44 (20)')).to.equal('Ada · +44 (20)');
  });

  it('knows supported countries once the library is there, in any case and spacing', async () => {
    if (!phoneLib()) expect(toCountryCode('US')).to.equal(undefined, 'no answer before the library has loaded');
    await loadPhoneLib();
    expect(toCountryCode('US')).to.equal('US');
    expect(toCountryCode(' gb ')).to.equal('GB');
    for (const bad of ['ZZ', 'USA', 'u', '', null, undefined, 42, {}]) expect(toCountryCode(bad), String(bad)).to.equal(undefined);
  });

  it('shows national format at home, international elsewhere or without a usable country', async () => {
    await loadPhoneLib();
    const us = { country: 'US', national: '(425) 555-0100', international: '+1 425 555 0100' };
    expect(displayFormat(us, 'US')).to.equal('(425) 555-0100');
    expect(displayFormat(us, 'us')).to.equal('(425) 555-0100');
    expect(displayFormat(us, 'GB')).to.equal('+1 425 555 0100');
    expect(displayFormat(us, '')).to.equal('+1 425 555 0100');
    expect(displayFormat(us, 'ZZ')).to.equal('+1 425 555 0100');
    expect(displayFormat({ national: '0800 123', international: '+44 800 123' }, 'GB')).to.equal('+44 800 123');
  });
});
