import { expect } from '@open-wc/testing';
import { digitsOf, displayPhone, parsePhone, phoneVariants, samePhone } from '../src/index.js';
import { useCleanStorage } from './helpers.js';

describe('phone helpers', () => {
  useCleanStorage();

  it('parses E.164, national (with a default country) and tel: numbers', () => {
    expect(parsePhone('+1 425 555 0100')?.e164).to.equal('+14255550100');
    expect(parsePhone('(425) 555-0100', 'US')?.e164).to.equal('+14255550100');
    expect(parsePhone('(425) 555-0100')).to.equal(undefined);
    expect(parsePhone('tel:+442079460050')?.national).to.equal('020 7946 0050');
    expect(parsePhone('020 7946 0050', 'gb')?.e164).to.equal('+442079460050');
    expect(parsePhone('anonymous', 'US')).to.equal(undefined);
    expect(parsePhone('', 'US')).to.equal(undefined);
    expect(parsePhone('425 555 0100', 'ZZ')).to.equal(undefined, 'unsupported country: not thrown, not parsed');
    const ext = parsePhone('+1 425 555 0100 x12');
    expect(ext?.extension).to.equal('12');
    expect(ext?.international).to.equal('+1 425 555 0100');
  });

  it('displays home numbers nationally, others internationally, and unparseable text as given', () => {
    expect(displayPhone('+14255550100', 'US')).to.equal('(425) 555-0100');
    expect(displayPhone('+442079460050', 'US')).to.equal('+44 20 7946 0050');
    expect(displayPhone('  client:agent7 ', 'US')).to.equal('client:agent7');
  });

  it('lists the notations a CRM may hold', () => {
    const us = phoneVariants('+14255550100');
    expect(us).to.include.members(['425 555 0100', '425-555-0100', '425.555.0100', '4255550100', '(425) 555-0100']);
    const gb = phoneVariants('+442079460050');
    expect(gb).to.include.members(['20 7946 0050', '020 7946 0050', '02079460050', '2079460050']);
    expect(phoneVariants('anonymous')).to.deep.equal([]);
    expect(phoneVariants('12345')).to.deep.equal([], 'too few digits to search by');
    expect(phoneVariants('1234567', 'ZZ')).to.deep.equal(['1234567']);
  });

  it('compares stored values with the caller number, rejecting near misses', () => {
    const target = parsePhone('+14255550149')!;
    expect(samePhone('(425) 555-0149', target)).to.be.true;
    expect(samePhone('+1-425-555-0149 ext. 7', target)).to.be.true;
    expect(samePhone('425.555.0149', target)).to.be.true;
    expect(samePhone('+1 425 555 01490', target)).to.be.false;
    expect(samePhone('+44 425 555 0149', target)).to.be.false;
    expect(samePhone(null, target)).to.be.false;
    expect(samePhone('020 7946 0050', '+442079460050')).to.be.true;
    expect(samePhone('call me: 1234567', '1234567', 'ZZ')).to.be.true;
    expect(digitsOf('＋１ ４２５')).to.equal('1425');
  });
});
