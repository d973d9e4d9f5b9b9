import { expect, waitUntil } from '@open-wc/testing';
import { CifProvider } from '@cif-elements/core';
import { phoneLibStatus } from '@cif-elements/core/phone';
import '../src/cif-dialer.js';
import type { CifDialer } from '../src/cif-dialer.js';

const fixtures = new URL('../../client/test/fixtures/', import.meta.url).href.replace(/\/$/, '');

/** The next frame, then the next idle period (WebKit has no requestIdleCallback: 60 ms). */
const frameThenIdle = () =>
  new Promise<void>((resolve) =>
    requestAnimationFrame(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve()) : setTimeout(resolve, 60))),
  );

// Runs in its own page, so the phone data starts unloaded.
describe('the dialer\'s phone data and a held first render', () => {
  before(() => import('@cif-elements/client/connect'));

  it('is not requested while the first render waits for a connecting provider, and is once the dialer has painted', async () => {
    // a CIF library that never sends CIFInitDone: the dialer's first render waits (100 ms), the page idles meanwhile
    const provider = document.createElement('cif-provider') as CifProvider;
    provider.crmUrl = `${fixtures}/silent`;
    provider.initTimeout = 5000;
    const dialer = document.createElement('cif-dialer') as CifDialer;
    dialer.defaultCountry = 'US';
    provider.append(dialer);
    document.body.append(provider);
    const seen: { rendered: boolean; status: string }[] = [];
    const rendered = () => !!dialer.shadowRoot?.querySelector('input');
    try {
      while (seen.length < 40 && (!rendered() || phoneLibStatus() === 'not-requested')) {
        await frameThenIdle();
        seen.push({ rendered: rendered(), status: phoneLibStatus() });
      }
      expect(seen.some((s) => !s.rendered), 'the first render was not held at all').to.equal(true);
      expect(
        seen.filter((s) => !s.rendered && s.status !== 'not-requested'),
        'requested before the dialer had rendered',
      ).to.deep.equal([]);
      expect(provider.state).to.equal('connecting');
      await waitUntil(() => phoneLibStatus() !== 'not-requested', 'never requested after the first render', { timeout: 3000 });
    } finally {
      provider.remove();
    }
  });
});
