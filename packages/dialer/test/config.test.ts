import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import type { CifDialer } from '../src/index.js';

describe('<cif-dialer> configuration values', () => {
  let warnings: string[];
  let warn: typeof console.warn;
  beforeEach(() => {
    warnings = [];
    warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.warn = warn;
  });

  it('max-recent="abc" warns and keeps the default of 10 instead of turning the list off', async () => {
    const el = await fixture<CifDialer>(html`<cif-dialer max-recent="abc"></cif-dialer>`);
    expect(el.maxRecent).to.equal(10);
    expect(warnings.join('\n')).to.contain('max-recent="abc"');
    el.setAttribute('max-recent', '3.7');
    expect(el.maxRecent).to.equal(3);
    el.setAttribute('max-recent', '-1');
    expect(el.maxRecent).to.equal(10);
  });

  it('an unknown call-state warns and falls back to idle', async () => {
    const el = await fixture<CifDialer>(html`<cif-dialer call-state="talking"></cif-dialer>`);
    await el.updateComplete;
    expect(el.callState).to.equal('idle');
    expect(warnings.join('\n')).to.contain('call-state="talking"');
  });
});
