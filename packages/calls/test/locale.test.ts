import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { CIF_LOCALES, PSEUDO_OPEN } from '@cif-elements/core';
import type { CifProvider } from '@cif-elements/core';
import '@cif-elements/core';
import '../src/index.js';
import { DEFAULT_CALL_OUTCOMES, DEFAULT_INCOMING_CALL_STRINGS, DEFAULT_WRAP_UP_STRINGS } from '../src/index.js';
import type { CifCallFlow, CifIncomingCall, CifWrapUp, CifWrapUpSubmitDetail, RecordMatch, WrapUpCall } from '../src/index.js';
import { INCOMING_CALL_LOCALE_PACKS, WRAP_UP_LOCALE_PACKS } from '../src/strings.js';
import { fakeClient, settle, simulated, useCleanStorage } from './helpers.js';
import { expectCompletePacks, sampleSets, type SampleArgs } from '../../../tools/testing/l10n.js';

/** Sample arguments of every function entry (both packages' elements). */
const SAMPLES: SampleArgs = {
  matches: [3, '3'],
  countdown: [12, '12'],
  shortcuts: ['Alt+A', 'Alt+D'],
  announce: sampleSets(['Ada Lovelace', 'Billing'], ['Ada Lovelace', '']),
  pending: sampleSets([1, '1'], [2, '2'], [5, '5']),
  entityLabel: sampleSets(['contact'], ['account'], ['incident'], ['lead'], ['custom_entity']),
  outcomeLabel: sampleSets(...DEFAULT_CALL_OUTCOMES.map((o) => [o])),
};

/** Text nodes in the shadow root that are visible, not user data (names and numbers, inside <bdi>; bare numbers), and not pseudo-localized. */
function unlocalized(el: HTMLElement): string[] {
  const root = el.shadowRoot!;
  const out: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.textContent!.trim();
    const parent = n.parentElement;
    // Numbers (a duration, a count) are data, not text.
    if (!t || !parent || parent.closest('bdi, style') || /^[\p{N}\s:.,+()-]+$/u.test(t)) continue;
    // Hidden (not rendered) text: display none somewhere up the tree gives no client rects.
    if (!parent.classList.contains('visually-hidden') && !parent.closest('.visually-hidden') && parent.getClientRects().length === 0) continue;
    if (!t.includes(PSEUDO_OPEN)) out.push(t);
  }
  return out;
}

/** The element and the parts (blocks) inside it wider than their box at the current size. */
function overflowing(el: HTMLElement): string[] {
  const out: string[] = [];
  if (el.scrollWidth > el.clientWidth) out.push(`${el.localName} ${el.scrollWidth} > ${el.clientWidth}`);
  for (const p of el.shadowRoot!.querySelectorAll<HTMLElement>('[part]')) {
    if (getComputedStyle(p).display === 'inline' || p.clientWidth === 0) continue;
    if (p.scrollWidth > p.clientWidth) out.push(`${p.getAttribute('part')} ${p.scrollWidth} > ${p.clientWidth}`);
  }
  return out;
}

const ADA: RecordMatch = { entityName: 'contact', id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Ada Lovelace' };
const FAB: RecordMatch = { entityName: 'account', id: 'aaaaaaaa-0000-4000-8000-000000000002', name: 'Fabrikam, Inc.' };
const endedCall = (over: Partial<WrapUpCall> = {}): WrapUpCall => ({
  callId: 'c1',
  direction: 'incoming',
  number: '+14255550100',
  active: false,
  durationSeconds: 75,
  lookup: 'done',
  records: [ADA, FAB],
  ...over,
});
const RINGING = { callId: 'call-1', number: '+14255550149', name: 'Ada Lovelace', queue: 'Billing', reason: 'Refund' };

const q = (el: HTMLElement, part: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${part}"]`)!;

describe('calls: locales', () => {
  useCleanStorage();

  it('every <cif-incoming-call> and <cif-wrap-up> pack has exactly the English keys, all non-empty', async () => {
    await expectCompletePacks(DEFAULT_INCOMING_CALL_STRINGS, INCOMING_CALL_LOCALE_PACKS, SAMPLES, { requireSamples: true });
    await expectCompletePacks(DEFAULT_WRAP_UP_STRINGS, WRAP_UP_LOCALE_PACKS, SAMPLES, { requireSamples: true });
  });

  it('the translated alert names the real shortcuts, the wrap-up hint the real Ctrl+Enter', async () => {
    for (const [locale, load] of Object.entries(INCOMING_CALL_LOCALE_PACKS)) {
      const hint = (await load!()).default.shortcuts!('Alt+A', 'Alt+D');
      expect(hint, locale).to.contain('Alt+A').and.to.contain('Alt+D');
    }
    for (const [locale, load] of Object.entries(WRAP_UP_LOCALE_PACKS)) {
      const hint = (await load!()).default.submitHint!;
      expect(/(Ctrl|Strg)\+(Enter|Eingabe|Entrée|Entrar|Invio)/.test(hint), `${locale}: ${hint}`).to.equal(true);
    }
  });

  it('record-type and outcome labels: own keys only (no "constructor"), unknown ones as given, default outcomes translated', async () => {
    const all = [['en', DEFAULT_WRAP_UP_STRINGS] as const];
    for (const [locale, load] of Object.entries(WRAP_UP_LOCALE_PACKS)) all.push([locale as 'en', (await load!()).default as typeof DEFAULT_WRAP_UP_STRINGS]);
    for (const [locale, s] of all) {
      for (const hostile of ['constructor', '__proto__', 'toString', 'custom_entity']) {
        expect(s.entityLabel(hostile), `${locale} entityLabel(${hostile})`).to.equal(hostile);
        expect(s.outcomeLabel(hostile), `${locale} outcomeLabel(${hostile})`).to.equal(hostile);
      }
      if (locale === 'en') continue;
      for (const o of DEFAULT_CALL_OUTCOMES) expect(s.outcomeLabel(o), `${locale}: ${o}`).to.not.equal(o);
    }
  });

  it('<cif-incoming-call> follows its provider\'s locale (German), its own locale attribute, and `strings` win', async () => {
    const { client } = simulated();
    const p = await fixture<CifProvider>(html`<cif-provider locale="de" .client=${client}>
      <cif-incoming-call key-guard="0" default-country="US"></cif-incoming-call>
      <cif-incoming-call key-guard="0" default-country="US" locale="fr"></cif-incoming-call>
      <cif-incoming-call key-guard="0" default-country="US" .strings=${{ accept: 'Rangehen' }}></cif-incoming-call>
    </cif-provider>`);
    const [de, fr, own] = [...p.querySelectorAll<CifIncomingCall>('cif-incoming-call')];
    for (const el of [de!, fr!, own!]) el.show({ ...RINGING, name: '', records: [ADA, FAB] });
    await settle(de, fr, own);
    expect(q(de!, 'heading').textContent).to.equal('Eingehender Anruf');
    expect(q(de!, 'accept').textContent!.trim()).to.equal('Annehmen');
    expect(q(de!, 'name').textContent).to.equal('2 passende Datensätze');
    expect(q(de!, 'countdown').textContent).to.match(/^Läuft in (30|29) s ab$/);
    expect(q(de!, 'shortcuts').textContent).to.equal('Alt+A: Annehmen, Alt+D: Ablehnen.');
    expect(q(de!, 'live').textContent!.trim()).to.match(/^Eingehender Anruf von .*0149, Billing\.$/);
    expect(q(fr!, 'heading').textContent).to.equal('Appel entrant');
    expect(fr!.getAttribute('lang')).to.equal('fr');
    expect(q(own!, 'accept').textContent!.trim()).to.equal('Rangehen');
    expect(q(own!, 'decline').textContent!.trim()).to.equal('Ablehnen');
    await expect(de!).to.be.accessible();
  });

  it('<cif-incoming-call> announces a call in its locale even when it rings before the locale\'s strings loaded', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('cif-incoming-call');
    el.locale = 'it';
    el.keyGuard = 0;
    wrap.append(el);
    el.show(RINGING); // at once: the Italian pack is still on its way
    await settle(el);
    expect(q(el, 'heading').textContent).to.equal('Chiamata in arrivo');
    expect(q(el, 'live').textContent!.trim()).to.equal('Chiamata in arrivo da Ada Lovelace, Billing.');
  });

  it('<cif-incoming-call> shows numbers in the locale\'s digits (Arabic countdown)', async () => {
    const el = await fixture<CifIncomingCall>(html`<cif-incoming-call locale="ar" key-guard="0" timeout="30"></cif-incoming-call>`);
    el.show(RINGING);
    await settle(el);
    const digits = new Intl.NumberFormat('ar').format(30);
    expect(q(el, 'countdown').textContent).to.contain(digits.slice(0, 1));
  });

  it('<cif-wrap-up> in German: labels, translated outcomes (the value logged stays), duration in the locale, `strings` win', async () => {
    const el = await fixture<CifWrapUp>(html`<cif-wrap-up locale="de" default-country="US" .call=${endedCall()} pending-count="3"></cif-wrap-up>`);
    await settle(el);
    expect(q(el, 'heading').textContent).to.equal('Nachbearbeitung');
    expect(q(el, 'submit').textContent).to.equal('Anrufprotokoll speichern');
    expect(q(el, 'pending').textContent).to.equal('3 Anrufprotokolle warten auf Dynamics.');
    expect([...el.shadowRoot!.querySelectorAll('.record-kind')].map((n) => n.textContent)).to.deep.equal(['Kontakt', 'Firma']);
    const select = q(el, 'outcome') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['(keins)', 'Gelöst', 'Nachverfolgung nötig', 'Rückruf gewünscht', 'Auf Mailbox gesprochen', 'Keine Antwort', 'Falsche Nummer']);
    select.selectedIndex = 1;
    select.dispatchEvent(new Event('change'));
    let submitted: CifWrapUpSubmitDetail | undefined;
    el.addEventListener('cif-wrap-up-submit', (e) => (submitted = e.detail));
    expect(el.submit()).to.equal(true);
    expect(submitted!.outcome, 'the logged value is the outcome, not its label').to.equal('Resolved');
    expect(q(el, 'duration').textContent).to.contain('01:15');
    el.locale = 'ar';
    await settle(el);
    expect(q(el, 'duration').textContent).to.contain(new Intl.NumberFormat('ar', { minimumIntegerDigits: 2 }).format(15));
    el.locale = 'de';
    el.strings = { heading: 'Abschluss' };
    await settle(el);
    expect(q(el, 'heading').textContent).to.equal('Abschluss');
    expect(q(el, 'notes-label').textContent).to.contain('Notizen');
    await expect(el).to.be.accessible();
  });

  it('<cif-call-flow> hands its provider\'s locale and its client on to the elements inside it', async () => {
    const { client } = fakeClient();
    const p = await fixture<CifProvider>(html`<cif-provider locale="es" .client=${client}>
      <cif-call-flow><cif-incoming-call key-guard="0"></cif-incoming-call><cif-wrap-up></cif-wrap-up></cif-call-flow>
    </cif-provider>`);
    const flow = p.querySelector<CifCallFlow>('cif-call-flow')!;
    const alert = p.querySelector<CifIncomingCall>('cif-incoming-call')!;
    await settle(flow, alert);
    expect(flow.client).to.equal(client);
    expect(flow.controller.client).to.equal(client);
    flow.incoming({ callId: 'x1', from: '+14255550149' });
    await waitUntil(() => alert.open, 'the flow opens the alert');
    await settle(alert);
    expect(q(alert, 'heading').textContent).to.equal('Llamada entrante');
  });

  for (const locale of ['ar', 'he'] as const) {
    it(`${locale}: right to left, no horizontal overflow at 320 px, accessible`, async () => {
      const wrap = await fixture<HTMLDivElement>(html`<div style="width: 320px">
        <cif-incoming-call locale=${locale} key-guard="0" default-country="US"></cif-incoming-call>
        <cif-wrap-up locale=${locale} default-country="US" .call=${endedCall()} pending-count="2" log-state="failed" log-error="HTTP 503" storage-unavailable></cif-wrap-up>
      </div>`);
      const alert = wrap.querySelector<CifIncomingCall>('cif-incoming-call')!;
      const wrapUp = wrap.querySelector<CifWrapUp>('cif-wrap-up')!;
      alert.show({ ...RINGING, lookup: 'failed' });
      await settle(alert, wrapUp);
      for (const el of [alert, wrapUp]) {
        expect(getComputedStyle(el).direction, el.localName).to.equal('rtl');
        expect(getComputedStyle(q(el, 'base')).direction, `${el.localName} base`).to.equal('rtl');
        expect(overflowing(el), el.localName).to.deep.equal([]);
        await expect(el).to.be.accessible();
      }
    });
  }

  for (const locale of [...CIF_LOCALES, 'en-XA']) {
    it(`${locale} fits a 320 px panel: no horizontal overflow`, async () => {
      const wrap = await fixture<HTMLDivElement>(html`<div style="width: 320px">
        <cif-incoming-call locale=${locale} key-guard="0" default-country="US"></cif-incoming-call>
        <cif-wrap-up locale=${locale} default-country="US" .call=${endedCall()} pending-count="12" log-state="failed" retry-state="waiting" storage-unavailable></cif-wrap-up>
      </div>`);
      const alert = wrap.querySelector<CifIncomingCall>('cif-incoming-call')!;
      const wrapUp = wrap.querySelector<CifWrapUp>('cif-wrap-up')!;
      alert.show({ ...RINGING, name: '', records: [ADA, FAB], lookup: 'failed' });
      await settle(alert, wrapUp);
      expect(overflowing(alert), `${locale} alert`).to.deep.equal([]);
      expect(overflowing(wrapUp), `${locale} wrap-up`).to.deep.equal([]);
    });
  }

  it('pseudo-locale en-XA: no visible text left unlocalized', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div style="width: 320px">
      <cif-incoming-call locale="en-XA" key-guard="0" default-country="US"></cif-incoming-call>
      <cif-wrap-up locale="en-XA" default-country="US" .call=${endedCall()} pending-count="2" log-state="failed" retry-state="waiting" storage-unavailable></cif-wrap-up>
      <cif-wrap-up locale="en-XA" default-country="US" .call=${endedCall({ records: [], lookup: 'failed', active: true })}></cif-wrap-up>
    </div>`);
    const alert = wrap.querySelector<CifIncomingCall>('cif-incoming-call')!;
    const [wrapUp, active] = [...wrap.querySelectorAll<CifWrapUp>('cif-wrap-up')];
    alert.show({ ...RINGING, lookup: 'failed' });
    await settle(alert, wrapUp, active);
    expect(q(alert, 'heading').textContent).to.contain(PSEUDO_OPEN);
    for (const el of [alert, wrapUp!, active!]) expect(unlocalized(el), el.localName).to.deep.equal([]);
    expect(overflowing(alert)).to.deep.equal([]);
    expect(overflowing(wrapUp!)).to.deep.equal([]);
  });
});
