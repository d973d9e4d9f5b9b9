import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { CifFrameworkClient } from '@cif-elements/client';
import { createFakeCIFramework } from '@cif-elements/client/testing';
import {
  CIF_LOCALES,
  CifClientElement,
  CifProvider,
  DEFAULT_PROVIDER_STRINGS,
  defineElement,
  formatDurationWords,
  formatNumber,
  formatTimer,
  localeDirection,
  matchLocale,
  resolveLocale,
  type CifLocalePacks,
} from '../src/index.js';
import { PROVIDER_LOCALE_PACKS } from '../src/strings.js';
import { PSEUDO_CLOSE, PSEUDO_OPEN, lcidToLocale, pseudoLocalize, pseudoStrings } from '@cif-elements/core/i18n';

interface GreeterStrings {
  hello: string;
  calls: (n: number) => string;
}
const GREETER_EN: GreeterStrings = { hello: 'Hello', calls: (n) => `${n} calls` };
let germanLoads = 0;
const GREETER_PACKS: CifLocalePacks<GreeterStrings> = {
  de: async () => {
    germanLoads++;
    return { default: { hello: 'Hallo', calls: (n: number) => `${n} Anrufe`, stale: 'x' } as Partial<GreeterStrings> };
  },
  fr: () => Promise.reject(new Error('offline')),
};

/** A client element the way every cif-element is built: strings, locale, emit. */
class TestGreeter extends CifClientElement<GreeterStrings> {
  static override localization = { defaults: GREETER_EN, packs: GREETER_PACKS };
  clientsSeen = 0;
  protected override clientChanged(): void {
    this.clientsSeen++;
  }
  say(): boolean {
    return this.emit('test-greet', { text: this.s.hello }, { cancelable: true });
  }
  override render() {
    return html`<p>${this.s.hello}</p><p>${this.s.calls(3)}</p>`;
  }
}
declare global {
  interface HTMLElementEventMap {
    'test-greet': CustomEvent<{ text: string }>;
  }
}
defineElement('test-greeter', TestGreeter);

const text = (el: HTMLElement) => [...el.shadowRoot!.querySelectorAll('p')].map((p) => p.textContent);

describe('locales', () => {
  it('maps Dynamics LCIDs to BCP 47 tags', () => {
    expect(lcidToLocale(1031)).to.equal('de-DE');
    expect(lcidToLocale('1036')).to.equal('fr-FR');
    expect(lcidToLocale(2052)).to.equal('zh-CN');
    expect(lcidToLocale(1025)).to.equal('ar-SA');
    expect(lcidToLocale(1037)).to.equal('he-IL');
    expect(lcidToLocale(99999)).to.equal(undefined);
    expect(lcidToLocale('de')).to.equal(undefined);
    expect(lcidToLocale(null)).to.equal(undefined);
  });

  it('matches tags to the shipped locales, English when none fits', () => {
    expect(matchLocale('de-AT')).to.equal('de');
    expect(matchLocale('PT_pt')).to.equal('pt-BR');
    expect(matchLocale('zh-CN')).to.equal('zh-Hans');
    expect(matchLocale('zh-Hans-SG')).to.equal('zh-Hans');
    expect(matchLocale('zh-TW')).to.equal(undefined);
    expect(matchLocale('zh-Hant')).to.equal(undefined);
    expect(matchLocale('iw')).to.equal('he');
    expect(matchLocale('ar-EG')).to.equal('ar');
    expect(matchLocale('sv-SE')).to.equal(undefined);
    expect(matchLocale('')).to.equal(undefined);
    expect(matchLocale(42)).to.equal(undefined);
    expect(resolveLocale(undefined, 'sv', 'ja-JP')).to.equal('ja');
    expect(resolveLocale(undefined, 'xx')).to.equal('en');
    for (const l of CIF_LOCALES) expect(matchLocale(l)).to.equal(l);
    expect(localeDirection('ar')).to.equal('rtl');
    expect(localeDirection('he-IL')).to.equal('rtl');
    expect(localeDirection('de')).to.equal('ltr');
  });

  it('remembers its answers without mixing them up, also past the size of its memory', () => {
    const tags = Array.from({ length: 80 }, (_, i) => (i % 2 ? `de-X${i}` : `sv-X${i}`));
    for (let round = 0; round < 2; round++) {
      for (const [i, t] of tags.entries()) expect(matchLocale(t), t).to.equal(i % 2 ? 'de' : undefined);
      expect(matchLocale(' fr_CA ')).to.equal('fr');
      expect(matchLocale('fr-CA')).to.equal('fr');
      expect(matchLocale('zh-TW')).to.equal(undefined);
    }
  });

  it('pseudo-localizes: accented, about 30 % longer, digits kept, marked', () => {
    const p = pseudoLocalize('Call 425 now');
    expect(p.startsWith(PSEUDO_OPEN) && p.endsWith(PSEUDO_CLOSE)).to.equal(true);
    expect(p).to.contain('425');
    expect(p).to.not.match(/[a-zA-Z]/);
    expect(p.length).to.be.at.least(Math.round('Call 425 now'.length * 1.3));
    expect(pseudoLocalize('')).to.equal('');
    const nested = pseudoStrings({ title: 'Sessions', channels: { voice: 'Voice' }, n: (k: number) => `${k} open` });
    expect(nested.channels.voice.startsWith(PSEUDO_OPEN)).to.equal(true);
    expect(nested.n(3)).to.contain('3').and.to.contain(PSEUDO_OPEN);
    // text arguments are data: they stay as they are inside the pseudo-localized text
    const named = pseudoStrings({ label: (p: string) => `Presence: ${p}` });
    expect(named.label('Busy')).to.contain('Busy').and.to.contain(PSEUDO_OPEN).and.not.contain('Presence');
  });

  it('formats numbers and durations through Intl', () => {
    expect(formatNumber('de', 1234.5)).to.equal(new Intl.NumberFormat('de').format(1234.5));
    expect(formatTimer('en', 3723)).to.equal('1:02:03');
    expect(formatTimer('en', 65)).to.equal('01:05');
    expect(formatTimer('en', -3)).to.equal('00:00');
    const ar = formatTimer('ar', 65);
    const digits = new Intl.NumberFormat('ar', { minimumIntegerDigits: 2 });
    expect(ar).to.equal(`${digits.format(1)}:${digits.format(5)}`);
    expect(formatDurationWords('en', 125)).to.match(/2 minutes.*5 seconds/);
    expect(formatDurationWords('de', 125)).to.match(/2 Minuten.*5 Sekunden/);
  });

  it('every provider pack has every English key and no other', async () => {
    const keys = Object.keys(DEFAULT_PROVIDER_STRINGS).sort();
    for (const [locale, load] of Object.entries(PROVIDER_LOCALE_PACKS)) {
      const pack = (await load!()).default;
      expect(Object.keys(pack).sort(), locale).to.deep.equal(keys);
      for (const k of keys) {
        const v = (pack as Record<string, unknown>)[k];
        expect(typeof v === 'string' && v.trim() !== '' && v !== (DEFAULT_PROVIDER_STRINGS as Record<string, string>)[k], `${locale}.${k}`).to.equal(true);
      }
    }
    expect(Object.keys(PROVIDER_LOCALE_PACKS).sort()).to.deep.equal(CIF_LOCALES.filter((l) => l !== 'en').sort());
  });
});

describe('CifElement: locale from the provider, the element, or Dynamics', () => {
  const client = () => new CifFrameworkClient(createFakeCIFramework({ version: 2 }), { version: 2 });

  it('shows English without a locale, and emits typed, cancelable events', async () => {
    const el = await fixture<TestGreeter>(html`<test-greeter></test-greeter>`);
    expect(text(el)).to.deep.equal(['Hello', '3 calls']);
    el.addEventListener('test-greet', (e) => e.preventDefault(), { once: true });
    setTimeout(() => el.say());
    const ev = await oneEvent(el, 'test-greet');
    expect(ev.detail).to.deep.equal({ text: 'Hello' });
    expect(ev.bubbles && ev.composed && ev.cancelable).to.equal(true);
    expect(el.say()).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('follows its provider\'s locale attribute, loads the pack once, ignores stale keys', async () => {
    const before = germanLoads;
    const p = await fixture<CifProvider>(html`<cif-provider locale="de-CH" .client=${client()}><test-greeter></test-greeter><test-greeter></test-greeter></cif-provider>`);
    const [a, b] = [...p.querySelectorAll<TestGreeter>('test-greeter')];
    await a!.updateComplete;
    await b!.updateComplete;
    expect(text(a!)).to.deep.equal(['Hallo', '3 Anrufe']);
    expect(text(b!)).to.deep.equal(['Hallo', '3 Anrufe']);
    expect(germanLoads - before).to.be.at.most(1);
    expect((a as unknown as { s: Record<string, unknown> }).s).to.not.have.property('stale');
    expect(p.getAttribute('lang')).to.equal('de');
    expect(p.hasAttribute('dir') ? p.getAttribute('dir') : 'ltr').to.equal('ltr');
    expect(a!.clientsSeen).to.equal(1);
  });

  it('a pack loaded once is at hand synchronously for every later element (announcements in its language)', async () => {
    await fixture<TestGreeter>(html`<test-greeter locale="de"></test-greeter>`);
    const later = document.createElement('test-greeter') as TestGreeter;
    later.locale = 'de';
    document.body.append(later);
    try {
      expect((later as unknown as { s: GreeterStrings }).s.hello).to.equal('Hallo');
    } finally {
      later.remove();
    }
  });

  it('lets an element override the locale, and `strings` win over every locale', async () => {
    const p = await fixture<CifProvider>(html`<cif-provider locale="de" .client=${client()}>
      <test-greeter locale="en"></test-greeter><test-greeter .strings=${{ hello: 'Servus' }}></test-greeter></cif-provider>`);
    const [a, b] = [...p.querySelectorAll<TestGreeter>('test-greeter')];
    await a!.updateComplete;
    await b!.updateComplete;
    expect(text(a!)).to.deep.equal(['Hello', '3 calls']);
    expect(text(b!)).to.deep.equal(['Servus', '3 Anrufe']);
  });

  it('gives two providers on one page their own locales', async () => {
    const wrap = await fixture(html`<div>
      <cif-provider id="x" locale="de" .client=${client()}><test-greeter></test-greeter></cif-provider>
      <cif-provider id="y" .client=${client()}><test-greeter></test-greeter></cif-provider></div>`);
    const [a, b] = [...wrap.querySelectorAll<TestGreeter>('test-greeter')];
    await a!.updateComplete;
    await b!.updateComplete;
    expect(text(a!)[0]).to.equal('Hallo');
    expect(text(b!)[0]).to.equal('Hello');
    // switching one provider changes only its own elements
    wrap.querySelector<CifProvider>('#y')!.locale = 'de';
    await waitUntil(() => text(b!)[0] === 'Hallo', 'second provider switches');
    wrap.querySelector<CifProvider>('#x')!.locale = 'en';
    await waitUntil(() => text(a!)[0] === 'Hello', 'first provider switches back');
    expect(text(b!)[0]).to.equal('Hallo');
  });

  it('follows the Dynamics user\'s language (userLcid) when no locale is set', async () => {
    const fake = createFakeCIFramework({ version: 2 });
    fake.getEnvironment = async () => JSON.stringify({ userLcid: 1031 });
    const p = await fixture<CifProvider>(html`<cif-provider .client=${new CifFrameworkClient(fake, { version: 2 })}><test-greeter></test-greeter></cif-provider>`);
    const g = p.querySelector<TestGreeter>('test-greeter')!;
    await waitUntil(() => text(g)[0] === 'Hallo', 'switches to German after getEnvironment');
    // the attribute wins over Dynamics
    p.locale = 'en';
    await waitUntil(() => text(g)[0] === 'Hello');
  });

  it('follows userLcid on the simulated host too, and localizes the provider itself', async () => {
    const p = await fixture<CifProvider>(html`<cif-provider simulated .simulatedOptions=${{ environment: { userLcid: 1036 } }}></cif-provider>`);
    await waitUntil(() => p.getAttribute('lang') === 'fr', 'provider marked French');
    // an unknown locale falls through to the Dynamics user's
    p.locale = 'xx-unknown';
    await p.updateComplete;
    expect(p.getAttribute('lang')).to.equal('fr');
    p.locale = 'en';
    await p.updateComplete;
    expect(p.hasAttribute('lang')).to.equal(false, 'English leaves the page\'s own lang/dir: attributes removed');
  });

  it('right-to-left locales set dir=rtl on the provider, never over the page\'s own dir', async () => {
    const p = await fixture<CifProvider>(html`<cif-provider locale="he" .client=${client()}></cif-provider>`);
    await p.updateComplete;
    expect(p.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(p).direction).to.equal('rtl');
    const own = await fixture<CifProvider>(html`<cif-provider locale="ar" dir="ltr" .client=${client()}></cif-provider>`);
    await own.updateComplete;
    expect(own.getAttribute('dir')).to.equal('ltr');
  });

  it('stays English, with one warning, when a pack fails to load', async () => {
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...a: unknown[]) => void warnings.push(a[0]);
    try {
      const el = await fixture<TestGreeter>(html`<test-greeter locale="fr"></test-greeter>`);
      await el.updateComplete;
      expect(text(el)).to.deep.equal(['Hello', '3 calls']);
      expect(warnings.filter((w) => String(w).includes('"fr"'))).to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });

  it('pseudo-locale: every string accented and marked', async () => {
    const el = await fixture<TestGreeter>(html`<test-greeter locale="en-XA"></test-greeter>`);
    for (const t of text(el)) expect(t!.startsWith(PSEUDO_OPEN) && t!.endsWith(PSEUDO_CLOSE), t!).to.equal(true);
    expect(text(el)[1]).to.contain('3');
  });

  it('a second registration of a tag (a second bundle) does not throw', () => {
    const warn = console.warn;
    let warned = '';
    console.warn = (m: unknown) => void (warned = String(m));
    try {
      expect(() => defineElement('test-greeter', class extends TestGreeter {})).to.not.throw();
      expect(warned).to.contain('<test-greeter> is already defined');
      expect(customElements.get('test-greeter')).to.equal(TestGreeter);
      expect(() => defineElement('test-greeter', TestGreeter)).to.not.throw();
    } finally {
      console.warn = warn;
    }
  });
});
