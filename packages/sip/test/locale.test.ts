import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { CifFrameworkClient } from '@cif-elements/client';
import { createFakeCIFramework } from '@cif-elements/client/testing';
import { CIF_LOCALES, PSEUDO_OPEN } from '@cif-elements/core';
import type { CifLocalePacks, CifProvider } from '@cif-elements/core';
import '@cif-elements/core';
import '../src/index.js';
import { DEFAULT_AUDIO_SETTINGS_STRINGS, DEFAULT_SIP_STRINGS } from '../src/index.js';
import type { CifAudioSettings, CifSip } from '../src/index.js';
import { AUDIO_SETTINGS_LOCALE_PACKS, SIP_LOCALE_PACKS } from '../src/strings.js';
import { expectCompletePacks, sampleSets, type SampleArgs } from '../../../tools/testing/l10n.js';

/** Sample arguments of every function entry. */
const SAMPLES: SampleArgs = {
  registered: ['1001'],
  registeredElsewhere: ['1001'],
  failed: ['408 Request Timeout'],
  reason: sampleSets(['transport', 'The WebSocket closed'], ['registration-refused', 'Forbidden', 403], ['call-failed', 'Server Internal Error', 500]),
  unnamedDevice: sampleSets(['microphone', 1, '1'], ['speaker', 2, '2']),
};

/** The packs are complete, and each sentence holds the value passed in (a user, a reason, a number). */
const checkPacks = <S extends object>(defaults: S, packs: CifLocalePacks<S>) =>
  expectCompletePacks(defaults, packs, SAMPLES, {
    requireSamples: true,
    check: (text, { locale, key, args }) => {
      if (key !== 'reason') expect(text, `${locale}.${key}`).to.contain(String(args[args.length - 1]));
    },
  });

/** Visible text nodes of the shadow root that are not pseudo-localized (numbers excepted). */
function unlocalized(el: HTMLElement): string[] {
  const out: string[] = [];
  const walker = document.createTreeWalker(el.shadowRoot!, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.textContent!.trim();
    const parent = n.parentElement;
    if (!t || !parent || parent.closest('style') || /^[\p{N}\s:.,+()-]+$/u.test(t)) continue;
    if (parent.getClientRects().length === 0 && !parent.closest('option')) continue;
    if (!t.includes(PSEUDO_OPEN)) out.push(t);
  }
  return out;
}

function overflowing(el: HTMLElement): string[] {
  const out: string[] = [];
  if (el.scrollWidth > el.clientWidth) out.push(`${el.localName} ${el.scrollWidth} > ${el.clientWidth}`);
  for (const p of el.shadowRoot!.querySelectorAll<HTMLElement>('[part]')) {
    if (getComputedStyle(p).display === 'inline' || p.clientWidth === 0) continue;
    if (p.scrollWidth > p.clientWidth) out.push(`${p.getAttribute('part')} ${p.scrollWidth} > ${p.clientWidth}`);
  }
  return out;
}

/** A stand-in for navigator.mediaDevices: unnamed devices (no permission yet); the microphone is blocked. */
function blockedDevices(): MediaDevices {
  const device = (kind: MediaDeviceKind, deviceId: string) => ({ kind, deviceId, label: '', groupId: 'g', toJSON: () => ({}) }) as MediaDeviceInfo;
  return Object.assign(new EventTarget(), {
    async enumerateDevices() {
      return [device('audioinput', 'mic-1'), device('audioinput', 'mic-2'), device('audiooutput', 'spk-1')];
    },
    async getUserMedia(): Promise<MediaStream> {
      throw new DOMException('Permission denied', 'NotAllowedError');
    },
  }) as unknown as MediaDevices;
}

const q = (el: HTMLElement, part: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${part}"]`)!;
const options = (el: HTMLElement) => [...(q(el, 'microphone') as HTMLSelectElement).options].map((o) => o.textContent!.trim());

async function audio(locale: string, attrs: { denied?: boolean } = {}): Promise<CifAudioSettings> {
  const el = document.createElement('cif-audio-settings');
  el.mediaDevices = blockedDevices();
  if (locale) el.locale = locale;
  const wrap = await fixture(html`<div style="width: 320px"></div>`);
  wrap.append(el);
  await waitUntil(() => el.shadowRoot!.querySelectorAll('[part="microphone"] option').length === 3, 'devices listed');
  if (attrs.denied) await el.requestPermission();
  await el.updateComplete;
  return el;
}

describe('sip: locales', () => {
  it('every <cif-sip> and <cif-audio-settings> pack has exactly the English keys, all non-empty', async () => {
    await checkPacks(DEFAULT_SIP_STRINGS, SIP_LOCALE_PACKS);
    await checkPacks(DEFAULT_AUDIO_SETTINGS_STRINGS, AUDIO_SETTINGS_LOCALE_PACKS);
  });

  it('<cif-sip> says why the registration failed in the agent\'s language, with the SIP status; other codes as the phone says', async () => {
    for (const [locale, load] of Object.entries(SIP_LOCALE_PACKS)) {
      const reason = (await load!()).default.reason!;
      const refused = reason('registration-refused', 'Forbidden', 403);
      expect(refused, locale).to.not.contain('Forbidden');
      expect(refused, locale).to.contain('403');
      // registration failures and the call failures <cif-sip> shows under a call
      for (const code of ['transport', 'auth-failed', 'timeout', 'invalid-argument', 'busy', 'declined', 'not-found', 'unavailable', 'microphone', 'ice-failed', 'call-failed'] as const) {
        expect(reason(code, 'English message'), `${locale} ${code}`).to.not.equal('English message');
      }
      expect(reason('call-failed', 'Server Internal Error', 500), locale).to.contain('500').and.not.contain('Server Internal Error');
      expect(reason('invalid-state', 'No such call'), locale).to.equal('No such call');
      expect(reason('constructor' as never, 'as given'), locale).to.equal('as given');
    }
    expect(DEFAULT_SIP_STRINGS.reason('transport', 'The WebSocket closed')).to.equal('The WebSocket closed');
  });

  it('<cif-sip> follows its provider\'s locale, its own locale attribute, and `strings` win', async () => {
    const client = new CifFrameworkClient(createFakeCIFramework({ version: 2 }), { version: 2 });
    const p = await fixture<CifProvider>(html`<cif-provider locale="de" .client=${client}>
      <cif-sip></cif-sip><cif-sip locale="ja"></cif-sip><cif-sip server="ws://pbx.example.com/ws" aor="sip:1001@pbx.example.com" .strings=${{ idle: 'Aus' }}></cif-sip>
    </cif-provider>`);
    const [de, ja, own] = [...p.querySelectorAll<CifSip>('cif-sip')];
    await Promise.all([de!.updateComplete, ja!.updateComplete, own!.updateComplete]);
    expect(q(de!, 'text').textContent).to.equal('Telefon aus');
    expect(q(ja!, 'text').textContent).to.equal('電話オフ');
    // A configuration error (plain ws:// to another host): the German sentence around the phone's reason.
    expect(own!.state).to.equal('failed');
    expect(q(own!, 'text').textContent).to.equal('Telefon nicht registriert: Server oder Adresse ungültig');
    own!.server = '';
    await own!.updateComplete;
    expect(q(own!, 'text').textContent, '`strings` win').to.equal('Aus');
    await expect(de!).to.be.accessible();
  });

  it('<cif-audio-settings> in French: labels, numbered devices, the blocked-microphone alert', async () => {
    const el = await audio('fr', { denied: true });
    expect(q(el, 'heading').textContent).to.equal('Audio');
    expect(options(el)).to.deep.equal(['Valeur par défaut du système', 'Microphone 1', 'Microphone 2']);
    expect(q(el, 'denied').textContent).to.match(/bloqué/);
    expect(q(el, 'allow').textContent).to.equal('Autoriser le microphone');
    el.strings = { allow: 'Micro SVP' };
    await el.updateComplete;
    expect(q(el, 'allow').textContent).to.equal('Micro SVP');
    el.locale = 'ar';
    await el.updateComplete;
    expect(options(el)[1]).to.equal(`ميكروفون ${new Intl.NumberFormat('ar').format(1)}`);
    await expect(el).to.be.accessible();
  });

  for (const locale of ['ar', 'he'] as const) {
    it(`${locale}: right to left, no horizontal overflow at 320 px, accessible`, async () => {
      const wrap = await fixture<HTMLDivElement>(html`<div style="width: 320px"><cif-sip locale=${locale} server="ws://pbx.example.com/ws" aor="sip:1001@pbx.example.com"></cif-sip></div>`);
      const sip = wrap.querySelector<CifSip>('cif-sip')!;
      const settings = await audio(locale, { denied: true });
      await sip.updateComplete;
      expect(sip.state).to.equal('failed');
      for (const el of [sip, settings]) {
        expect(getComputedStyle(el).direction, el.localName).to.equal('rtl');
        expect(overflowing(el), el.localName).to.deep.equal([]);
        await expect(el).to.be.accessible();
      }
    });
  }

  for (const locale of [...CIF_LOCALES, 'en-XA']) {
    it(`${locale} fits a 320 px panel: no horizontal overflow`, async () => {
      const wrap = await fixture<HTMLDivElement>(html`<div style="width: 320px"><cif-sip locale=${locale} server="ws://pbx.example.com/ws" aor="sip:1001@pbx.example.com"></cif-sip></div>`);
      const sip = wrap.querySelector<CifSip>('cif-sip')!;
      await sip.updateComplete;
      const settings = await audio(locale, { denied: true });
      expect(overflowing(sip), `${locale} sip`).to.deep.equal([]);
      expect(overflowing(settings), `${locale} audio settings`).to.deep.equal([]);
    });
  }

  it('pseudo-locale en-XA: no visible text left unlocalized', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div style="width: 320px"><cif-sip locale="en-XA"></cif-sip></div>`);
    const sip = wrap.querySelector<CifSip>('cif-sip')!;
    await sip.updateComplete;
    expect(unlocalized(sip)).to.deep.equal([]);
    sip.server = 'ws://pbx.example.com/ws';
    sip.aor = 'sip:1001@pbx.example.com';
    await sip.updateComplete;
    expect(sip.state).to.equal('failed');
    expect(unlocalized(sip)).to.deep.equal([]);
    const settings = await audio('en-XA', { denied: true });
    expect(q(settings, 'heading').textContent).to.contain(PSEUDO_OPEN);
    expect(unlocalized(settings)).to.deep.equal([]);
    expect(overflowing(settings)).to.deep.equal([]);
  });
});
