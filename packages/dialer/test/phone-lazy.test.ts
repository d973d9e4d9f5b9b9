import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { phoneLibStatus } from '@cif-elements/core/phone';
import { loadPhoneTools, phoneTools } from '../src/load-phone-tools.js';
import '../src/cif-dialer.js';
import type { CifDialer } from '../src/cif-dialer.js';

// Runs in its own page, so the dialer's phone data (libphonenumber-js and its number functions) starts unloaded.
describe('the dialer loads its phone data lazily', () => {
  it('before it has arrived the field keeps what the keypad types, dialling answers "loading"; then the field is formatted', async () => {
    const el = document.createElement('cif-dialer');
    el.defaultCountry = 'US';
    document.body.append(el);
    try {
      // the frame the dialer first paints in: rendered, and the data not even requested
      await new Promise(requestAnimationFrame);
      expect(el.shadowRoot!.querySelector('input')).to.exist;
      expect(phoneLibStatus(), 'phone-lib requested before the first paint').to.equal('not-requested');
      expect(phoneTools()).to.equal(undefined);
      const key = (k: string) => el.shadowRoot!.querySelector<HTMLElement>(`[data-key="${k}"]`)!;
      for (const k of '42555501009') key(k).click();
      key('5').dispatchEvent(new KeyboardEvent('keydown', { key: 'Backspace', bubbles: true, composed: true }));
      expect(el.value, 'keypad and Backspace without the data').to.equal('4255550100');
      expect(el.dial(), 'dialled without the data').to.equal(false);
      expect(el.validationError).to.equal('loading');
      expect(phoneLibStatus(), 'dialling did not ask for the data').to.equal('loading');
      await el.updateComplete; // waits for the data
      expect(phoneTools()).to.not.equal(undefined);
      expect(el.value).to.equal('(425) 555-0100');
      expect(el.shadowRoot!.querySelector('input')!.value).to.equal('(425) 555-0100');
      expect(el.validationError, 'the "loading" error outlived the loading').to.equal(undefined);
      let number = '';
      el.addEventListener('cif-dial', (e) => (number = e.detail.number));
      expect(el.dial()).to.equal(true);
      expect(number).to.equal('+14255550100');
    } finally {
      el.remove();
    }
  });

  it('an empty dialer asks for it when the agent reaches for the field', async () => {
    // (already loaded by the test above in this page: what is checked here is that focus needs nothing more)
    const el = await fixture<CifDialer>(html`<cif-dialer default-country="US"></cif-dialer>`);
    el.shadowRoot!.querySelector('input')!.focus();
    await waitUntil(() => phoneTools() !== undefined, 'phone data never arrived');
    expect(el.dial('(425) 555-0100')).to.equal(true);
  });

  it('loadPhoneTools() loads once and resolves with functions that answer at once', async () => {
    const a = loadPhoneTools();
    expect(loadPhoneTools()).to.equal(a);
    const { parseDialable, formatAsYouType, normalizeInput } = await a;
    expect(parseDialable('(425) 555-0100', 'US')).to.include({ ok: true, e164: '+14255550100' });
    expect(formatAsYouType('4255550100', 'US')).to.equal('(425) 555-0100');
    expect(normalizeInput('tel:+1 425 555 0100')).to.equal('+14255550100');
  });
});
