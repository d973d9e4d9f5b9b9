import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import type { CifDialer } from '../src/index.js';

// Runs in its own page (one page per test file): nothing else has loaded the in-call view here.

const part = <T extends Element = HTMLElement>(el: CifDialer, name: string): T | null => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const fetchedInCall = () => performance.getEntriesByType('resource').some((e) => /\/in-call\.(ts|js)\b/.test(e.name));

describe('<cif-dialer>: the in-call view loads with the first call', () => {
  it('an idle dialer never fetches it; the first call does, and a settled dialer shows it', async () => {
    const el = await fixture<CifDialer>(html`<cif-dialer default-country="US"></cif-dialer>`);
    el.recent = [{ number: '+14255550100', display: '(425) 555-0100', at: Date.now() }];
    el.value = '4255550100';
    await el.updateComplete;
    expect(part(el, 'form')).to.not.equal(null);
    expect(fetchedInCall(), 'fetched before any call').to.equal(false);

    el.callNumber = '+14255550100';
    el.callState = 'dialing';
    await el.updateComplete;
    expect(fetchedInCall(), 'fetched with the first call').to.equal(true);
    expect(part(el, 'in-call')!.getAttribute('aria-busy')).to.equal(null);
    expect(part(el, 'hangup')).to.not.equal(null);
    expect(part(el, 'mute')).to.not.equal(null);
    expect(part(el, 'number')!.textContent!.trim()).to.equal('(425) 555-0100');
    // its styles came with it: the controls are a three-column grid
    expect(getComputedStyle(part(el, 'controls')!).display).to.equal('grid');
    await expect(el).to.be.accessible();
  });

  it('a second dialer on the page renders a call at once, with the styles in its own shadow root', async () => {
    const el = await fixture<CifDialer>(html`<cif-dialer></cif-dialer>`);
    el.callState = 'connected';
    await el.updateComplete;
    expect(part(el, 'hangup')).to.not.equal(null);
    expect(getComputedStyle(part(el, 'controls')!).display).to.equal('grid');
    expect(getComputedStyle(part(el, 'hangup')!).borderRadius).to.not.equal('0px');
  });

  it('moves the focus to hang-up when a call starts from the keyboard, once the view is there', async () => {
    const el = await fixture<CifDialer>(html`<cif-dialer default-country="US"></cif-dialer>`);
    part<HTMLInputElement>(el, 'input')!.focus();
    el.callState = 'dialing';
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'hangup'));
  });
});
