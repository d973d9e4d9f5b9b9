import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { DEFAULT_PRESENCES } from '@cif-elements/client';
import type { CifProvider } from '@cif-elements/core';
import '@cif-elements/core';
import type { CifPresence } from '../src/index.js';
import { DEFAULT_PRESENCE_STRINGS } from '../src/index.js';
import { PRESENCE_LOCALE_PACKS } from '../src/strings.js';
import { fakeClient, parts, settle } from './helpers.js';
import { expectCompletePacks, overflowing, unlocalizedTexts } from '../../../tools/testing/l10n.js';

const names = DEFAULT_PRESENCES.map((p) => p.presenceText);

describe('<cif-presence> in the agent\'s language', () => {
  it('every pack has exactly the English keys, each a text or a function returning text', async () => {
    await expectCompletePacks(DEFAULT_PRESENCE_STRINGS, PRESENCE_LOCALE_PACKS, {});
    const de = (await PRESENCE_LOCALE_PACKS.de!()).default;
    expect(de.buttonLabel!('Verfügbar')).to.equal('Anwesenheit: Verfügbar');
  });

  it('follows its provider\'s locale; its own locale wins; `strings` win over both', async () => {
    const { client } = fakeClient();
    const p = await fixture<CifProvider>(html`<cif-provider locale="de" .client=${client}>
      <cif-presence></cif-presence><cif-presence locale="fr"></cif-presence>
      <cif-presence .strings=${{ menuLabel: 'Mein Status' }}></cif-presence></cif-provider>`);
    const [de, fr, own] = [...p.querySelectorAll<CifPresence>('cif-presence')];
    for (const el of [de!, fr!, own!]) await settle(el);
    await waitUntil(() => parts(de!).button.getAttribute('aria-label') === 'Anwesenheit: Available', 'German from the provider');
    expect(parts(de!).menu.getAttribute('aria-label')).to.equal('Anwesenheit festlegen');
    expect(parts(fr!).button.getAttribute('aria-label')).to.equal('Présence\u00a0: Available');
    expect(fr!.getAttribute('lang')).to.equal('fr');
    expect(parts(own!).menu.getAttribute('aria-label')).to.equal('Mein Status');
    expect(parts(own!).button.getAttribute('aria-label')).to.equal('Anwesenheit: Available');
    // the announcement is localized too
    await de!.select('Busy');
    await settle(de!);
    expect(parts(de!).status.textContent!.trim()).to.equal('Anwesenheit auf Busy gesetzt');
  });

  for (const locale of ['ar', 'he']) {
    it(`${locale}: right to left, no horizontal overflow at 320 px, accessible`, async () => {
      const { client } = fakeClient(2, { withoutPresence: true });
      const wrap = await fixture<HTMLDivElement>(html`<div style="width: 320px">
        <cif-presence locale=${locale} .client=${client} style="display: block"></cif-presence></div>`);
      const el = wrap.querySelector<CifPresence>('cif-presence')!;
      await settle(el);
      expect(getComputedStyle(el).direction).to.equal('rtl');
      expect(getComputedStyle(parts(el).button).direction).to.equal('rtl');
      expect(el.shadowRoot!.querySelector('[part~="notice"]'), 'the local-only notice is shown').to.not.equal(null);
      expect(overflowing(el)).to.deep.equal([]);
      el.show();
      await settle(el);
      expect(overflowing(el)).to.deep.equal([]);
      // the menu opens at the inline start, under the button (its right edge in RTL)
      const menu = parts(el).menu.getBoundingClientRect();
      const button = parts(el).button.getBoundingClientRect();
      expect(Math.abs(menu.right - button.right)).to.be.below(2);
      await expect(el).to.be.accessible();
    });
  }

  it('pseudo-locale: every text and label is localized (presence names are the provider\'s data)', async () => {
    const { client } = fakeClient(2, { withoutPresence: true });
    const el = await fixture<CifPresence>(html`<cif-presence locale="en-XA" .client=${client}></cif-presence>`);
    await settle(el);
    el.show();
    await settle(el);
    expect(unlocalizedTexts(el, names)).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('[part~="notice"]')!.textContent).to.contain('⟦');
    el.hide();
    el.compact = true;
    await settle(el);
    expect(unlocalizedTexts(el, names)).to.deep.equal([]);
    // a read error and its text
    const failing = fakeClient();
    failing.fake.getPresence = () => Promise.reject(new Error('boom'));
    const err = await fixture<CifPresence>(html`<cif-presence locale="en-XA" .client=${failing.client}></cif-presence>`);
    await settle(err);
    await waitUntil(() => parts(err).error !== null, 'error shown');
    expect(unlocalizedTexts(err, [...names, 'boom'])).to.deep.equal([]);
  });
});
