import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '@cif-elements/core';
import type { CifProvider } from '@cif-elements/core';
import { phoneTools } from '../src/load-phone-tools.js';

const isPhoneMetadataLoaded = (): boolean => phoneTools() !== undefined;
import '../src/index.js';
import type { CifDialDetail } from '../src/index.js';

// Runs in its own page: the phone data is not loaded when the click arrives (it loads after the first paint,
// and a click-to-act can come before that).
describe('<cif-dialer> click-to-act before the phone data has arrived', () => {
  const idle = { request: window.requestIdleCallback, cancel: window.cancelIdleCallback };
  // The data would also start loading when the page is idle; this test holds that back, so the click comes first.
  beforeEach(() => {
    window.requestIdleCallback = () => 0;
    window.cancelIdleCallback = () => undefined;
  });
  afterEach(() => {
    window.requestIdleCallback = idle.request;
    window.cancelIdleCallback = idle.cancel;
  });

  it('is filled, formatted and dialable once the data is there', async () => {
    const provider = await fixture<CifProvider>(html`<cif-provider simulated><cif-dialer default-country="US" auto-dial></cif-dialer></cif-provider>`);
    await waitUntil(() => provider.state === 'ready', 'provider never became ready');
    const el = provider.querySelector('cif-dialer')!;
    await waitUntil(() => el.client !== undefined, 'dialer never got the client');
    expect(isPhoneMetadataLoaded(), 'loaded already: this test needs it not loaded').to.equal(false);
    const seen: CifDialDetail[] = [];
    el.addEventListener('cif-dial', (e) => seen.push(e.detail));
    provider.host!.clickToAct({ value: '425 555 0100', name: 'telephone1', format: 'phone', entityLogicalName: 'contact' });
    await waitUntil(() => seen.length === 1, 'auto-dial never happened', { timeout: 10_000 });
    expect(isPhoneMetadataLoaded()).to.equal(true);
    expect([seen[0].number, seen[0].raw, seen[0].source]).to.deep.equal(['+14255550100', '425 555 0100', 'click-to-act']);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="error"]')?.textContent?.trim()).to.equal('', 'an error is shown');
    expect(el.recent.map((r) => r.number)).to.deep.equal(['+14255550100']);
  });
});
