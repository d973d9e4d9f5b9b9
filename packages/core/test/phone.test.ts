import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { PhoneLibController, displayFormat, loadPhoneLib, phoneLib, toCountryCode } from '../src/phone.js';
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

/** An element whose controller loads what the test gives it. */
class LoaderHost extends LitElement {
  static loader: { load(): Promise<unknown>; loaded(): boolean };
  loadedCalls = 0;
  readonly phone = new PhoneLibController(this, () => this.loadedCalls++, 'connected', LoaderHost.loader);
  protected override async getUpdateComplete(): Promise<boolean> {
    return this.phone.settle(() => super.getUpdateComplete());
  }
}
customElements.define('phone-loader-host', LoaderHost);

describe('PhoneLibController with a loader of its own', () => {
  it('loads it once when connected, calls back once it is there, and updateComplete waits for it', async () => {
    // a loader as PhoneLoader asks for: one fetch however often it is called
    let calls = 0;
    let done = false;
    let release!: () => void;
    let pending: Promise<void> | undefined;
    LoaderHost.loader = {
      load: () =>
        (pending ??= (calls++, new Promise<void>((r) => (release = r)).then(() => void (done = true)))),
      loaded: () => done,
    };
    const el = document.createElement('phone-loader-host') as LoaderHost;
    document.body.append(el);
    try {
      let settled = false;
      const complete = el.updateComplete.then(() => (settled = true));
      el.phone.need();
      await new Promise((r) => setTimeout(r, 20));
      expect(calls, 'one fetch for connect, need() and updateComplete').to.equal(1);
      expect(settled, 'updateComplete settled before the load finished').to.equal(false);
      release();
      await complete;
      expect(done, 'updateComplete settled before the load').to.equal(true);
      expect(el.loadedCalls).to.equal(1);
      el.phone.need();
      expect(calls, 'loaded: need() asks for nothing').to.equal(1);
    } finally {
      el.remove();
    }
  });

  it('asks again on the next need after a failed load', async () => {
    let calls = 0;
    LoaderHost.loader = { load: () => (calls++, Promise.reject(new Error('offline'))), loaded: () => false };
    const warn = console.warn;
    const warned: unknown[] = [];
    console.warn = (...a: unknown[]) => void warned.push(a[0]);
    try {
      const el = await fixture<LoaderHost>(html`<phone-loader-host></phone-loader-host>`);
      expect(calls).to.be.greaterThan(0);
      const before = calls;
      el.phone.need();
      await new Promise((r) => setTimeout(r));
      expect(calls).to.equal(before + 1);
      expect(el.loadedCalls).to.equal(0);
      expect(String(warned[0])).to.contain('could not load phone-number data');
    } finally {
      console.warn = warn;
    }
  });
});
