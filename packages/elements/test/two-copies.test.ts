// Two copies of cif-elements on one page (two providers' bundles, or the single file beside an npm build):
// the second copy's registrations must not throw, the first copy's elements stay, and the widget works.
import { expect } from '@open-wc/testing';
import type { CifProvider } from '../src/index.js';
import { closePages, loadPage, until } from './frame.js';

const TAGS = ['cif-provider', 'cif-presence', 'cif-click-to-act', 'cif-dialer', 'cif-session-list'];

describe('two copies of cif-elements.js on one page', () => {
  afterEach(closePages);

  it('registers once, warns once per element, throws nothing, and the widget connects', async () => {
    const page = await loadPage('/packages/elements/test/pages/two-copies.html');
    const win = page.win as typeof page.win & { pageErrors: string[]; pageWarnings: string[] };
    const provider = page.doc.querySelector('cif-provider') as CifProvider;
    await until(() => provider.state === 'ready', `provider never became ready (state: ${provider?.state})`);
    expect(win.pageErrors, 'errors while the copies registered').to.deep.equal([]);
    for (const tag of TAGS) {
      expect(win.customElements.get(tag), tag).to.exist;
      expect(win.pageWarnings.filter((w) => w.includes(`<${tag}> is already defined`)).length, `warnings for <${tag}>`).to.equal(1);
      expect(page.doc.querySelector(tag)!.shadowRoot, `${tag} rendered`).to.exist;
    }
  });
});
