import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CifProvider } from '@cif-elements/core';
import '@cif-elements/core';
import { CifSessionList, DEFAULT_SESSION_LIST_STRINGS, defaultSessionListStrings } from '../src/index.js';
import { SESSION_LIST_LOCALE_PACKS } from '../src/strings.js';
import { formatSessionAgeIn } from '../src/age-intl.js';
import { loaded, optionNames, options, part, seeded, threeSessions } from './helpers.js';
import { expectCompletePacks, overflowing, unlocalizedTexts } from '../../../tools/testing/l10n.js';

const SAMPLES = {
  formatAge: [65 * 60_000],
  ageLabel: ['3 min', '3 minutes ago'],
  unreadLabel: [2],
  created: ['Ana'],
  closed: ['Ana'],
};

/** Titles and customer names of threeSessions(): the provider's data, shown as given. */
const USER_DATA = ['Call from Ana', 'Ana Silva', 'Billing chat', 'Bo Chen', 'Email: refund', 'Cy Dube'];

describe('<cif-session-list> in the agent\'s language', () => {
  it('every pack has exactly the English keys (channels included), each a text or a function returning text', async () => {
    await expectCompletePacks(DEFAULT_SESSION_LIST_STRINGS, SESSION_LIST_LOCALE_PACKS, SAMPLES);
    const channels = Object.keys(DEFAULT_SESSION_LIST_STRINGS.channels).sort();
    for (const [locale, load] of Object.entries(SESSION_LIST_LOCALE_PACKS)) {
      const pack = (await load!()).default;
      expect(Object.keys(pack.channels!).sort(), `${locale}.channels`).to.deep.equal(channels);
      for (const c of channels) expect(pack.channels![c]!.trim(), `${locale}.channels.${c}`).to.not.equal('');
    }
    expect(defaultSessionListStrings).to.equal(DEFAULT_SESSION_LIST_STRINGS, 'the old name is an alias');
  });

  it('ages in the locale\'s units and digits through Intl', () => {
    const unit = (l: string, n: number, u: string) => new Intl.NumberFormat(l, { style: 'unit', unit: u, unitDisplay: 'short' }).format(n);
    expect(formatSessionAgeIn('de', 3 * 60_000)).to.equal(unit('de', 3, 'minute'));
    expect(formatSessionAgeIn('de', 65 * 60_000)).to.equal(`${unit('de', 1, 'hour')} ${unit('de', 5, 'minute')}`);
    expect(formatSessionAgeIn('ja', 27 * 3_600_000)).to.equal(`${unit('ja', 1, 'day')} ${unit('ja', 3, 'hour')}`);
    expect(formatSessionAgeIn('fr', 10_000)).to.equal(`< ${unit('fr', 1, 'minute')}`);
    expect(formatSessionAgeIn('ar', 2 * 86_400_000)).to.equal(unit('ar', 2, 'day'));
  });

  it('follows its provider\'s locale: labels, channels, ages and the relative time read to screen readers', async () => {
    const { client } = seeded(threeSessions(), 'seed-2');
    await client.notifyNewActivity('seed-3', 4);
    const p = await fixture<CifProvider>(html`<cif-provider locale="de" .client=${client}><cif-session-list></cif-session-list></cif-provider>`);
    const el = p.querySelector<CifSessionList>('cif-session-list')!;
    await loaded(el);
    await waitUntil(() => el.shadowRoot!.querySelector('[role="listbox"]')?.getAttribute('aria-label') === 'Sitzungen', 'German');
    const [first] = options(el);
    expect(part(first!, 'channel')!.textContent!.trim()).to.equal('Sprache');
    expect(part(first!, 'age')!.textContent).to.equal(formatSessionAgeIn('de', 3 * 60_000));
    const rel = new Intl.RelativeTimeFormat('de', { numeric: 'auto' });
    expect(optionNames(el)[0]).to.equal(`Call from Ana, Ana Silva, Sprache, gestartet ${rel.format(-3, 'minute')}`);
    expect(optionNames(el)[2]).to.match(/, 4 ungelesen$/);
    await expect(el).to.be.accessible();
  });

  it('its own locale wins over the provider\'s; `strings` win over both, channels merged per key with the locale\'s', async () => {
    const { client } = seeded(threeSessions(), 'seed-2');
    const p = await fixture<CifProvider>(html`<cif-provider locale="de" .client=${client}>
      <cif-session-list locale="ja"></cif-session-list>
      <cif-session-list .strings=${{ channels: { voice: 'Anruf' }, label: 'Meine Sitzungen' }}></cif-session-list></cif-provider>`);
    const [ja, own] = [...p.querySelectorAll<CifSessionList>('cif-session-list')];
    await loaded(ja!);
    await loaded(own!);
    await waitUntil(() => part(options(own!)[1]!, 'channel')!.textContent!.trim() === 'Chat' && part(options(own!)[2]!, 'channel')!.textContent!.trim() === 'E-Mail', 'German channels under the override');
    expect(ja!.shadowRoot!.querySelector('[role="listbox"]')!.getAttribute('aria-label')).to.equal('セッション');
    expect(ja!.getAttribute('lang')).to.equal('ja');
    expect(part(options(ja!)[0]!, 'channel')!.textContent!.trim()).to.equal('音声');
    expect(own!.shadowRoot!.querySelector('[role="listbox"]')!.getAttribute('aria-label')).to.equal('Meine Sitzungen');
    expect(part(options(own!)[0]!, 'channel')!.textContent!.trim()).to.equal('Anruf');
  });

  for (const locale of ['ar', 'he']) {
    it(`${locale}: right to left, no horizontal overflow at 320 px, accessible`, async () => {
      const { client } = seeded(threeSessions(), 'seed-2');
      await client.notifyNewActivity('seed-3', 250);
      const wrap = await fixture<HTMLDivElement>(html`<div style="width: 320px">
        <cif-session-list locale=${locale} .client=${client}></cif-session-list></div>`);
      const el = wrap.querySelector<CifSessionList>('cif-session-list')!;
      await loaded(el);
      await el.updateComplete;
      expect(getComputedStyle(el).direction).to.equal('rtl');
      expect(getComputedStyle(options(el)[0]!).direction).to.equal('rtl');
      expect(el.getBoundingClientRect().width).to.be.at.most(320);
      expect(overflowing(el)).to.deep.equal([]);
      // the badge shows the locale's digits
      expect(part(options(el)[2]!, 'badge')!.textContent).to.equal(`${new Intl.NumberFormat(locale).format(99)}+`);
      await expect(el).to.be.accessible();
    });
  }

  it('pseudo-locale: every text and label is localized (titles and names are the provider\'s data)', async () => {
    const { client } = seeded([...threeSessions(), { sessionId: 'x', channel: 'voice' }], 'seed-2');
    await client.notifyNewActivity('seed-3', 4);
    const el = await fixture<CifSessionList>(html`<cif-session-list locale="en-XA" .client=${client}></cif-session-list>`);
    await loaded(el);
    expect(options(el)).to.have.length(4);
    expect(unlocalizedTexts(el, USER_DATA)).to.deep.equal([]);
    // the other states
    el.client = seeded([]).client;
    await loaded(el);
    expect(el.state).to.equal('empty');
    expect(unlocalizedTexts(el)).to.deep.equal([]);
    el.client = seeded([], null, 1).client;
    await el.updateComplete;
    expect(el.state).to.equal('unsupported');
    expect(unlocalizedTexts(el)).to.deep.equal([]);
    const failing = seeded([]);
    failing.fake.respond('getAllSessions', () => Promise.reject(new Error('boom')));
    el.client = failing.client;
    await loaded(el);
    expect(el.state).to.equal('error');
    expect(unlocalizedTexts(el, ['boom'])).to.deep.equal([]);
    el.client = undefined;
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(unlocalizedTexts(el)).to.deep.equal([]);
  });
});
