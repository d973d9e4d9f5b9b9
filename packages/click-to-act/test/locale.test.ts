import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CifProvider } from '@cif-elements/core';
import '@cif-elements/core';
import { CIF_CLICK_TO_ACT_STRINGS, CifClickToAct, DEFAULT_CLICK_TO_ACT_STRINGS } from '../src/index.js';
import { CLICK_TO_ACT_LOCALE_PACKS } from '../src/strings.js';
import { deferred, fakeClient, parts, ready } from './helpers.js';
import { expectCompletePacks, overflowing, unlocalizedTexts } from '../../../tools/testing/l10n.js';

const CLICK = { value: '+14255550100', name: 'telephone1', format: 'phone', entityLogicalName: 'contact' };

describe('<cif-click-to-act> in the agent\'s language', () => {
  it('every pack has exactly the English keys, each a text or a function returning text', async () => {
    await expectCompletePacks(DEFAULT_CLICK_TO_ACT_STRINGS, CLICK_TO_ACT_LOCALE_PACKS, { announceClick: [CLICK] });
    expect(CIF_CLICK_TO_ACT_STRINGS).to.equal(DEFAULT_CLICK_TO_ACT_STRINGS, 'the old name is an alias');
    const de = (await CLICK_TO_ACT_LOCALE_PACKS.de!()).default;
    expect(de.announceClick!(CLICK)).to.contain('+14255550100');
  });

  it('follows its provider\'s locale; its own locale wins; `strings` and the label attribute win over both', async () => {
    const { fake, client } = fakeClient();
    const p = await fixture<CifProvider>(html`<cif-provider locale="de" .client=${client}>
      <cif-click-to-act></cif-click-to-act><cif-click-to-act locale="nl"></cif-click-to-act>
      <cif-click-to-act .strings=${{ description: 'Gilt für alle.' }} label="Wählen per Klick"></cif-click-to-act></cif-provider>`);
    const [de, nl, own] = [...p.querySelectorAll<CifClickToAct>('cif-click-to-act')];
    for (const el of [de!, nl!, own!]) await ready(el);
    await waitUntil(() => parts(de!).label.textContent === 'Klicken zum Wählen', 'German from the provider');
    expect(parts(de!).description.textContent).to.contain('Organisationsweite Einstellung');
    expect(parts(nl!).label.textContent).to.equal('Klikken om te bellen');
    expect(nl!.getAttribute('lang')).to.equal('nl');
    expect(parts(own!).label.textContent).to.equal('Wählen per Klick');
    expect(parts(own!).description.textContent).to.equal('Gilt für alle.');
    // the announcement and the last-clicked box are localized too
    await fake.raise('onclicktoact', CLICK);
    await de!.updateComplete;
    expect(parts(de!).live.textContent!.trim()).to.equal('In Dynamics 365 angeklickt: +14255550100');
    expect(parts(de!).last!.textContent).to.contain('Zuletzt in Dynamics 365 angeklickt');
    await expect(de!).to.be.accessible();
  });

  for (const locale of ['ar', 'he']) {
    it(`${locale}: right to left (the thumb at the inline end when on), no horizontal overflow at 320 px, accessible`, async () => {
      const { fake, client } = fakeClient();
      const wrap = await fixture<HTMLDivElement>(html`<div style="width: 320px">
        <cif-click-to-act locale=${locale} .client=${client}></cif-click-to-act></div>`);
      const el = wrap.querySelector<CifClickToAct>('cif-click-to-act')!;
      await ready(el);
      await el.updateComplete;
      expect(getComputedStyle(el).direction).to.equal('rtl');
      expect(el.checked).to.equal(true);
      const track = parts(el).track.getBoundingClientRect();
      const thumb = parts(el).thumb.getBoundingClientRect();
      expect(thumb.left - track.left).to.be.below(track.right - thumb.right, 'on: the thumb sits on the left in RTL');
      expect(overflowing(el)).to.deep.equal([]);
      await fake.raise('onclicktoact', CLICK);
      await el.updateComplete;
      expect(overflowing(el)).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });
  }

  it('pseudo-locale: every text and label is localized (clicked values are Dynamics data)', async () => {
    const { fake, client } = fakeClient();
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act locale="en-XA" .client=${client}></cif-click-to-act>`);
    await ready(el);
    expect(unlocalizedTexts(el)).to.deep.equal([], 'ready, nothing clicked');
    await fake.raise('onclicktoact', CLICK);
    await el.updateComplete;
    expect(unlocalizedTexts(el, [CLICK.value, CLICK.name, CLICK.entityLogicalName])).to.deep.equal([], 'last clicked');
    el.compact = true;
    await el.updateComplete;
    expect(unlocalizedTexts(el, [CLICK.value, CLICK.name, CLICK.entityLogicalName])).to.deep.equal([], 'compact (tooltip)');
    // saving, then a refused change with its error
    const write = deferred<void>();
    fake.respond('setClickToAct', () => write.promise);
    void el.toggle();
    await el.updateComplete;
    expect(el.state).to.equal('writing');
    expect(unlocalizedTexts(el, [CLICK.value, CLICK.name, CLICK.entityLogicalName])).to.deep.equal([], 'saving');
    write.reject(new Error('denied'));
    await waitUntil(() => el.error !== undefined);
    await el.updateComplete;
    expect(unlocalizedTexts(el, [CLICK.value, CLICK.name, CLICK.entityLogicalName, 'denied'])).to.deep.equal([], 'write error');
    // no client
    el.client = undefined;
    await el.updateComplete;
    expect(el.state).to.equal('not-connected');
    expect(unlocalizedTexts(el, [CLICK.value, CLICK.name, CLICK.entityLogicalName])).to.deep.equal([], 'not connected');
  });
});
