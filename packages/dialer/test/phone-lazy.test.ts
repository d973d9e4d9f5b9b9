import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { formatAsYouType, isPhoneMetadataLoaded, loadPhoneMetadata, parseDialable, toCountryCode } from '../src/phone.js';
import { phoneLibStatus } from '@cif-elements/core/phone';
import '../src/cif-dialer.js';
import type { CifDialer } from '../src/cif-dialer.js';

// Runs in its own page, so the metadata starts unloaded here.
describe('phone metadata is loaded lazily', () => {
  it('before loading: parsing answers "loading", formatting shows the digits, no country is known', () => {
    expect(isPhoneMetadataLoaded()).to.equal(false);
    expect(parseDialable('+1 425 555 0100', 'US')).to.deep.equal({ ok: false, reason: 'loading' });
    expect(parseDialable('', 'US')).to.deep.equal({ ok: false, reason: 'empty' });
    expect(formatAsYouType('4255550100', 'US')).to.equal('4255550100');
    expect(toCountryCode('US')).to.equal(undefined);
  });

  it('an empty dialer leaves it out of its first frame; focusing the field asks for it', async () => {
    const el = document.createElement('cif-dialer');
    el.defaultCountry = 'US';
    document.body.append(el);
    try {
      // the frame the dialer first paints in: rendered, and the library not even requested
      await new Promise(requestAnimationFrame);
      expect(el.shadowRoot!.querySelector('input')).to.exist;
      expect(phoneLibStatus(), 'phone-lib requested before the first paint').to.equal('not-requested');
      el.shadowRoot!.querySelector('input')!.focus();
      expect(phoneLibStatus(), 'focus did not ask for phone-lib').to.equal('loading');
      await waitUntil(isPhoneMetadataLoaded, 'phone data never arrived');
    } finally {
      el.remove();
    }
  });

  it('a connected dialer fetches it; its updateComplete waits for it', async () => {
    const el = await fixture<CifDialer>(html`<cif-dialer default-country="US"></cif-dialer>`);
    expect(isPhoneMetadataLoaded()).to.equal(true);
    expect(toCountryCode('us')).to.equal('US');
    let detail: { number: string } | undefined;
    el.addEventListener('cif-dial', (e) => (detail = e.detail));
    expect(el.dial('(425) 555-0100')).to.equal(true);
    expect(detail!.number).to.equal('+14255550100');
  });

  it('loading twice is one fetch', async () => {
    const a = loadPhoneMetadata();
    expect(loadPhoneMetadata()).to.equal(a);
    await a;
  });
});
