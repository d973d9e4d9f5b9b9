import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@cif-elements/core';
import type { CifProvider } from '@cif-elements/core';
import { CifFrameworkClient } from '@cif-elements/client';
import { createFakeCIFramework } from '@cif-elements/client/testing';
import '../src/index.js';
import type { CifDialer, CifDialDetail, CifDtmfDetail } from '../src/index.js';
import { formatAsYouType, isVanityNumber, normalizeInput, parseDialable } from '../src/phone.js';

const part = <T extends Element = HTMLElement>(el: CifDialer, name: string): T | null =>
  el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const input = (el: CifDialer) => part<HTMLInputElement>(el, 'input')!;

function record(el: CifDialer) {
  const dials: CifDialDetail[] = [];
  const tones: CifDtmfDetail[] = [];
  el.addEventListener('cif-dial', (e) => dials.push(e.detail));
  el.addEventListener('cif-dtmf', (e) => tones.push(e.detail));
  return { dials, tones };
}

describe('dial strings: phone functions', () => {
  it('keeps pauses, waits and post-dial digits apart from the number', () => {
    expect(normalizeInput('425-555-0149,,,1234#')).to.equal('4255550149,,,1234#');
    expect(normalizeInput('+1 (425) 555-0149;1234')).to.equal('+14255550149;1234');
    expect(normalizeInput('425 555 0149 ext. 12,,9')).to.equal('4255550149;ext=12,,9');
    const r = parseDialable('425-555-0149,,,1234#', 'US');
    expect(r).to.deep.include({ ok: true, e164: '+14255550149', postDial: ',,,1234#' });
    expect(parseDialable('425-555-0149;1234', 'US')).to.deep.include({ ok: true, postDial: ';1234' });
    // ;ext= is still an extension, not a wait
    expect(parseDialable('+1 425 555 0149;ext=77', 'US')).to.deep.include({ ok: true, extension: '77' });
    expect(formatAsYouType('425-555-0149,,,1234#', 'US')).to.equal('(425) 555-0149,,,1234#');
  });

  it('strips decorations around a number', () => {
    expect(normalizeInput('📞+1 425 555 0149')).to.equal('+14255550149');
    expect(normalizeInput('☎ Phone: 425 555 0149 ✔')).to.equal('4255550149');
    expect(parseDialable('📞+1 425 555 0149', 'US')).to.deep.include({ ok: true, e164: '+14255550149' });
  });

  it('converts letters only in vanity numbers', () => {
    expect(isVanityNumber('1-800-FLOWERS')).to.equal(true);
    expect(isVanityNumber('abc')).to.equal(false);
    expect(isVanityNumber('12 abc')).to.equal(false);
    expect(normalizeInput('abc')).to.equal('');
    expect(formatAsYouType('abc', 'US')).to.equal('');
    expect(normalizeInput('1-800-FLOWERS')).to.equal('18003569377');
    expect(parseDialable('+1 800 GOT JUNK', 'US')).to.deep.include({ ok: true, e164: '+18004685865' });
  });
});

describe('dial strings: <cif-dialer> from click-to-act', () => {
  it('a value with post-dial digits fills the field, dials, and sends the tones after connect (fake framework)', async () => {
    const fake = createFakeCIFramework({ version: 2 });
    const client = new CifFrameworkClient(fake, { version: 2 });
    const el = await fixture<CifDialer>(html`<cif-dialer default-country="US" .client=${client}></cif-dialer>`);
    el.postDialPauseMs = 20;
    await el.updateComplete;
    const { dials, tones } = record(el);
    await fake.raise('onclicktoact', { value: '425-555-0149,,,1234#', name: 'telephone1', format: 'phone', entityLogicalName: 'contact' });
    await el.updateComplete;
    expect(el.value).to.equal('(425) 555-0149,,,1234#');
    expect(part(el, 'error')?.textContent?.trim() ?? '').to.equal('');
    expect(input(el).getAttribute('aria-invalid')).to.not.equal('true');
    await expect(el).to.be.accessible();
    part<HTMLButtonElement>(el, 'call-button')!.click();
    expect(dials).to.have.length(1);
    expect(dials[0]).to.deep.include({ number: '+14255550149', postDial: ',,,1234#', source: 'click-to-act' });
    el.callState = 'dialing';
    await el.updateComplete;
    expect(tones).to.deep.equal([]);
    el.callState = 'connected';
    await el.updateComplete;
    await waitUntil(() => tones.length === 5, 'post-dial tones sent');
    expect(tones.map((t) => t.digit).join('')).to.equal('1234#');
    expect(tones.every((t) => t.postDial === true)).to.equal(true);
  });

  it('a wait (;) stops until the agent presses the post-dial button (simulated host, keyboard)', async () => {
    const provider = await fixture<CifProvider>(html`<cif-provider simulated><cif-dialer default-country="US"></cif-dialer></cif-provider>`);
    await waitUntil(() => provider.state === 'ready');
    const el = provider.querySelector('cif-dialer')!;
    await waitUntil(() => el.client !== undefined);
    const { dials, tones } = record(el);
    provider.host!.clickToAct({ value: '+1 425 555 0149;99#' });
    await el.updateComplete;
    expect(el.value).to.equal('+1 425 555 0149;99#');
    input(el).focus();
    await sendKeys({ press: 'Enter' });
    expect(dials[0]).to.deep.include({ number: '+14255550149', postDial: ';99#' });
    el.callState = 'connected';
    await el.updateComplete;
    const button = part<HTMLButtonElement>(el, 'post-dial');
    expect(button, 'no post-dial button').to.not.equal(null);
    expect(button!.textContent).to.contain('99#');
    expect(tones).to.deep.equal([]);
    await expect(el).to.be.accessible();
    button!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => tones.length === 3);
    expect(tones.map((t) => t.digit).join('')).to.equal('99#');
    await el.updateComplete;
    expect(part(el, 'post-dial')).to.equal(null);
  });

  it('hanging up drops the rest of a post-dial sequence', async () => {
    const el = await fixture<CifDialer>(html`<cif-dialer default-country="US"></cif-dialer>`);
    el.postDialPauseMs = 200;
    await el.updateComplete;
    const { tones } = record(el);
    expect(el.dial('425 555 0149,5')).to.equal(true);
    el.callState = 'connected';
    await el.updateComplete;
    el.callState = 'ended';
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 300));
    expect(tones).to.deep.equal([]);
  });

  it('a leading emoji is stripped and the number dialled; "abc" is not turned into (222)', async () => {
    const fake = createFakeCIFramework({ version: 2 });
    const client = new CifFrameworkClient(fake, { version: 2 });
    const el = await fixture<CifDialer>(html`<cif-dialer default-country="US" .client=${client}></cif-dialer>`);
    await el.updateComplete;
    await fake.raise('onclicktoact', { value: '📞+1 425 555 0149', format: 'phone' });
    await el.updateComplete;
    expect(el.value).to.equal('+1 425 555 0149');
    await fake.raise('onclicktoact', { value: 'abc', format: 'phone' });
    await el.updateComplete;
    expect(el.value).to.equal('');
    expect(part(el, 'error')!.textContent).to.contain('not a valid phone number');
  });

  it('pauses can be typed into the field', async () => {
    const el = await fixture<CifDialer>(html`<cif-dialer default-country="US"></cif-dialer>`);
    await el.updateComplete;
    input(el).focus();
    await sendKeys({ type: '4255550149,,12' });
    await el.updateComplete;
    expect(el.value).to.equal('(425) 555-0149,,12');
  });
});
