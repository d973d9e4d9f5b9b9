import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '@cif-elements/core';
import { CIF_LOCALES, PSEUDO_CLOSE, PSEUDO_OPEN, formatTimer } from '@cif-elements/core';
import type { CifProvider } from '@cif-elements/core';
import { CifFrameworkClient } from '@cif-elements/client';
import { createFakeCIFramework } from '@cif-elements/client/testing';
import '../src/index.js';
import { DEFAULT_DIALER_STRINGS } from '../src/index.js';
import type { CifDialer, CifDialerCall, CifDialerStrings } from '../src/index.js';
import { DIALER_LOCALE_PACKS } from '../src/strings.js';

const part = <T extends Element = HTMLElement>(el: CifDialer, name: string): T | null => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const client = () => new CifFrameworkClient(createFakeCIFramework({ version: 2 }), { version: 2 });

/** Sample arguments of the function entries. */
const SAMPLE: Record<string, unknown[]> = { consulting: ['Ada'], sendPostDial: ['1234#'], announceFilled: ['+1 425 555 0100'] };
const sampleArgs = (key: string) => SAMPLE[key] ?? ['Ada Lovelace'];

/** Keys that are empty in English by design (the placeholder: the label says it). */
const EMPTY_IN_ENGLISH = Object.entries(DEFAULT_DIALER_STRINGS)
  .filter(([, v]) => v === '')
  .map(([k]) => k);

const NOW = Date.now();
const CALLS: CifDialerCall[] = [
  { callId: 'A', name: 'Ada Lovelace', number: '+14255550149', state: 'held', connectedAt: NOW - 75_000 },
  { callId: 'B', name: 'Grace Hopper', number: '+442079460050', state: 'connected', connectedAt: NOW - 4_000 },
];

/** Puts the dialer in a call with two calls in its list and the transfer panel open. */
async function inCallWithTransfer(el: CifDialer): Promise<void> {
  el.calls = CALLS;
  el.activeCallId = 'B';
  el.connectedAt = CALLS[1]!.connectedAt;
  el.callNumber = CALLS[1]!.number;
  el.contactName = CALLS[1]!.name;
  el.callState = 'connected';
  await el.updateComplete;
  part<HTMLButtonElement>(el, 'transfer-toggle')!.click();
  await el.updateComplete;
  expect(part(el, 'transfer')).to.not.equal(null);
}

/** Fills the idle view as much as it goes: recent numbers, a click-to-act-like error. */
async function idleWithEverything(el: CifDialer): Promise<void> {
  el.recent = [{ number: '+14255550100', display: '(425) 555-0100', at: NOW }];
  await el.updateComplete;
  el.dial('12');
  await el.updateComplete;
  expect(part(el, 'error')!.textContent!.trim()).to.not.equal('');
}

/** Visible or spoken text nodes of the shadow root, with the part they sit in. */
function textNodes(el: CifDialer): Array<{ text: string; node: Text }> {
  const out: Array<{ text: string; node: Text }> = [];
  const walker = document.createTreeWalker(el.shadowRoot!, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = (n.textContent ?? '').trim();
    if (!text || n.parentElement?.localName === 'style') continue;
    out.push({ text, node: n as Text });
  }
  return out;
}

/** Attribute texts read by screen readers or shown as tooltips. */
function attributeTexts(el: CifDialer): string[] {
  return [...el.shadowRoot!.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap((e) =>
    ['aria-label', 'title', 'placeholder'].map((a) => e.getAttribute(a)).filter((v): v is string => !!v),
  );
}

/** Fails on every text that is neither pseudo-localized nor data (numbers, names, keypad letters). */
function expectAllPseudo(el: CifDialer, data: string[]): void {
  const isPseudo = (t: string) => t.includes(PSEUDO_OPEN) && t.endsWith(PSEUDO_CLOSE);
  // Digits, phone formatting, timers and separators carry no language.
  const neutral = /^[\d\s+*#()\-.:·/]*$/u;
  for (const { text, node } of textNodes(el)) {
    if (isPseudo(text) || neutral.test(text) || data.includes(text)) continue;
    // The E.161 letters under the keypad digits are the same in every language.
    if (node.parentElement?.closest('[part~="key-letters"]')) continue;
    expect.fail(`unlocalized text "${text}" in <${node.parentElement?.localName} part="${node.parentElement?.getAttribute('part') ?? ''}">`);
  }
  for (const text of attributeTexts(el)) expect(isPseudo(text), `unlocalized attribute text "${text}"`).to.equal(true);
}

/** Fails if the element or any of its parts scrolls sideways. */
function expectNoOverflow(el: CifDialer, where: string): void {
  expect(el.scrollWidth, `${where}: <cif-dialer> overflows`).to.be.at.most(el.clientWidth);
  for (const p of el.shadowRoot!.querySelectorAll<HTMLElement>('[part]')) {
    // Inline boxes have no scroll box (clientWidth 0; Firefox still reports a scrollWidth): their block parent is checked.
    if (getComputedStyle(p).display === 'inline' || (p.clientWidth === 0 && p.scrollWidth === 0)) continue;
    expect(p.scrollWidth, `${where}: part "${p.getAttribute('part')}" overflows (${p.scrollWidth} > ${p.clientWidth})`).to.be.at.most(p.clientWidth);
  }
}

describe('<cif-dialer> in the agent\'s language', () => {
  it('every pack has exactly the English keys, each a non-empty text or a function giving one', async () => {
    const keys = Object.keys(DEFAULT_DIALER_STRINGS).sort();
    expect(Object.keys(DIALER_LOCALE_PACKS).sort()).to.deep.equal(CIF_LOCALES.filter((l) => l !== 'en').sort());
    for (const [locale, load] of Object.entries(DIALER_LOCALE_PACKS)) {
      const pack = (await load!()).default as Record<string, unknown>;
      expect(Object.keys(pack).sort(), locale).to.deep.equal(keys);
      for (const k of keys) {
        const v = pack[k];
        const english = (DEFAULT_DIALER_STRINGS as unknown as Record<string, unknown>)[k];
        if (EMPTY_IN_ENGLISH.includes(k)) {
          expect(v, `${locale}.${k}`).to.equal('');
        } else if (typeof english === 'function') {
          expect(typeof v, `${locale}.${k}`).to.equal('function');
          const out = (v as (...a: unknown[]) => unknown)(...sampleArgs(k));
          expect(typeof out === 'string' && out.trim() !== '', `${locale}.${k}() gives text`).to.equal(true);
          const en = (english as (...a: unknown[]) => string)(...sampleArgs(k));
          // Entries that show a value keep it in every language.
          for (const arg of sampleArgs(k)) if (en.includes(String(arg))) expect(out as string, `${locale}.${k}`).to.contain(String(arg));
        } else {
          expect(typeof v === 'string' && v.trim() !== '', `${locale}.${k}`).to.equal(true);
          expect(v, `${locale}.${k} is translated`).to.not.equal(english);
        }
      }
    }
  });

  it('follows its provider\'s locale, and its own `locale` attribute wins', async () => {
    const p = await fixture<CifProvider>(html`<cif-provider locale="de" .client=${client()}>
      <cif-dialer id="a" default-country="DE"></cif-dialer><cif-dialer id="b" locale="fr"></cif-dialer>
    </cif-provider>`);
    const a = p.querySelector<CifDialer>('#a')!;
    const b = p.querySelector<CifDialer>('#b')!;
    await a.updateComplete;
    await b.updateComplete;
    expect(part(a, 'label')!.textContent!.trim()).to.equal('Telefonnummer');
    expect(part(a, 'call-button')!.textContent!.trim()).to.equal('Anrufen');
    expect(part(a, 'backspace')!.getAttribute('aria-label')).to.equal('Letzte Ziffer löschen');
    expect(part(a, 'keypad')!.getAttribute('aria-label')).to.equal('Wähltastatur');
    a.dial('');
    await a.updateComplete;
    expect(part(a, 'error')!.textContent!.trim()).to.equal('Geben Sie eine Telefonnummer ein.');
    expect(part(b, 'label')!.textContent!.trim()).to.equal('Numéro de téléphone');
    expect(b.getAttribute('lang')).to.equal('fr');
    // switching the provider switches the dialer that has no locale of its own
    p.locale = 'en';
    await waitUntil(() => part(a, 'label')!.textContent!.trim() === 'Phone number', 'back to English');
    expect(part(b, 'label')!.textContent!.trim()).to.equal('Numéro de téléphone');
  });

  it('announces and shows the call in its language, with the timer in the locale\'s digits', async () => {
    const el = await fixture<CifDialer>(html`<cif-dialer locale="de" default-country="US"></cif-dialer>`);
    el.callNumber = '+14255550100';
    el.callState = 'dialing';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!.trim()).to.equal('(425) 555-0100 wird angerufen');
    expect(part(el, 'call-status')!.textContent!.trim()).to.equal('Wird angerufen…');
    expect(part(el, 'hangup')!.textContent!.trim()).to.equal('Auflegen');
    el.connectedAt = Date.now() - 65_000;
    el.callState = 'connected';
    await el.updateComplete;
    expect(part(el, 'timer')!.textContent!.trim()).to.equal('01:05');
    const ar = await fixture<CifDialer>(html`<cif-dialer locale="ar"></cif-dialer>`);
    ar.connectedAt = Date.now() - 65_000;
    ar.callState = 'connected';
    await ar.updateComplete;
    expect(part(ar, 'timer')!.textContent!.trim()).to.equal(formatTimer('ar', 65));
  });

  it('`strings` overrides win over the locale', async () => {
    const p = await fixture<CifProvider>(html`<cif-provider locale="de" .client=${client()}>
      <cif-dialer .strings=${{ call: 'Wählen', announceDialing: (who: string) => `Wähle ${who}` } satisfies Partial<CifDialerStrings>}></cif-dialer>
    </cif-provider>`);
    const el = p.querySelector<CifDialer>('cif-dialer')!;
    await el.updateComplete;
    expect(part(el, 'call-button')!.textContent!.trim()).to.equal('Wählen');
    expect(part(el, 'label')!.textContent!.trim()).to.equal('Telefonnummer');
    el.callNumber = '+14255550100';
    el.callState = 'dialing';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!.trim()).to.equal('Wähle +1 425 555 0100');
  });

  for (const locale of ['ar', 'he']) {
    it(`${locale}: right to left, no sideways overflow at 320 px, accessible`, async () => {
      const wrap = await fixture<HTMLDivElement>(html`<div style="width: 320px">
        <cif-provider locale=${locale} .client=${client()}><cif-dialer default-country="US"></cif-dialer></cif-provider>
      </div>`);
      const el = wrap.querySelector<CifDialer>('cif-dialer')!;
      await el.updateComplete;
      expect(getComputedStyle(el).direction).to.equal('rtl');
      expect(getComputedStyle(part(el, 'call-button')!).direction).to.equal('rtl');
      expect(part(el, 'label')!.textContent!.trim()).to.equal(locale === 'ar' ? 'رقم الهاتف' : 'מספר טלפון');
      // the number itself stays left to right
      expect(getComputedStyle(part(el, 'input')!).direction).to.equal('ltr');
      await idleWithEverything(el);
      expectNoOverflow(el, 'idle');
      await expect(el).to.be.accessible();
      await inCallWithTransfer(el);
      expect(getComputedStyle(part(el, 'in-call')!).direction).to.equal('rtl');
      expectNoOverflow(el, 'in call');
      await expect(el).to.be.accessible();
    });
  }

  it('pseudo-locale en-XA: every text the dialer shows or speaks is localized', async () => {
    const el = await fixture<CifDialer>(html`<cif-dialer locale="en-XA" default-country="US"></cif-dialer>`);
    await idleWithEverything(el);
    expectAllPseudo(el, ['(425) 555-0100', '12']);
    el.callNumber = '+14255550149,,;99#';
    el.callState = 'ended';
    el.connectedAt = undefined;
    await el.updateComplete;
    expectAllPseudo(el, ['(425) 555-0100', '12']);
    el.callState = 'idle';
    await inCallWithTransfer(el);
    const data = ['Ada Lovelace', 'Grace Hopper', '+44 20 7946 0050', '+1 425 555 0149', '(425) 555-0100'];
    expectAllPseudo(el, data);
    el.callState = 'held';
    await el.updateComplete;
    expectAllPseudo(el, data);
    // the check itself catches English
    const english = await fixture<CifDialer>(html`<cif-dialer default-country="US"></cif-dialer>`);
    expect(() => expectAllPseudo(english, [])).to.throw(/unlocalized text "Phone number"/);
  });
});
