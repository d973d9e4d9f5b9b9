import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { DEFAULT_PRESENCES } from '@cif-elements/client';
import type { CifPresenceInfo } from '@cif-elements/client';
import { CIF_PRESENCE_STRINGS, CifPresence, DEFAULT_PRESENCE_STRINGS, presenceDotColor } from '../src/index.js';
import { deferred, fakeClient, parts, recordChanges, renderWith, settle } from './helpers.js';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const RLO = '\u202Eevil\u202C Busy';
const HUGE = 'A'.repeat(100_000);

describe('<cif-presence> rendering and properties', () => {
  it('is registered and renders the button, a hidden menu with the five default presences, no error', async () => {
    const el = await renderWith(undefined);
    expect(el).to.be.instanceOf(CifPresence);
    expect(customElements.get('cif-presence')).to.equal(CifPresence);
    const p = parts(el);
    expect(p.button.getAttribute('aria-haspopup')).to.equal('menu');
    expect(p.button.getAttribute('aria-expanded')).to.equal('false');
    expect(p.button.getAttribute('aria-controls')).to.equal('menu');
    expect(p.menu.getAttribute('role')).to.equal('menu');
    expect(p.menu.hidden).to.be.true;
    expect(p.options.map((o) => o.textContent!.trim())).to.deep.equal(DEFAULT_PRESENCES.map((x) => x.presenceText));
    expect(p.options.every((o) => o.getAttribute('role') === 'menuitemradio')).to.be.true;
    expect(p.error).to.equal(null);
    // No client and no value: a calm "unknown" state.
    expect(p.label.textContent).to.equal('Unknown');
    expect(p.button.getAttribute('aria-label')).to.equal('Presence: Unknown');
    expect(p.dot.dataset.status).to.equal('unknown');
    expect(el.presence).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('shows the presence named by the value attribute, with its colour and an accessible name', async () => {
    const el = await fixture<CifPresence>(html`<cif-presence value="busy"></cif-presence>`);
    const p = parts(el);
    expect(el.presence?.presenceText).to.equal('Busy');
    expect(p.label.textContent).to.equal('Busy');
    expect(p.button.getAttribute('aria-label')).to.equal('Presence: Busy');
    expect(p.dot.style.getPropertyValue('--cif-presence-dot-color')).to.equal('#C50F1F');
    expect(p.dot.dataset.status).to.equal('BUSY');
    expect(p.options[1].getAttribute('aria-checked')).to.equal('true');
    expect(p.options.filter((o) => o.getAttribute('aria-checked') === 'true')).to.have.length(1);
  });

  it('reflects value, compact, open and disabled; an empty value has no attribute', async () => {
    const el = await renderWith(undefined);
    expect(el.hasAttribute('value')).to.be.false;
    el.value = 'away';
    el.compact = true;
    el.disabled = true;
    await el.updateComplete;
    expect(el.getAttribute('value')).to.equal('away');
    expect(el.hasAttribute('compact')).to.be.true;
    expect(el.hasAttribute('disabled')).to.be.true;
    expect(parts(el).button.disabled).to.be.true;
    el.disabled = false;
    el.show();
    await settle(el);
    expect(el.hasAttribute('open')).to.be.true;
    el.hide();
    await settle(el);
    expect(el.hasAttribute('open')).to.be.false;
    el.setAttribute('value', 'offline');
    await el.updateComplete;
    expect(el.value).to.equal('offline');
    expect(parts(el).label.textContent).to.equal('Offline');
    el.value = '';
    await el.updateComplete;
    expect(el.hasAttribute('value')).to.be.false;
  });

  it('setting value fires no event and writes nothing', async () => {
    const el = await renderWith(undefined);
    const events = recordChanges(el);
    el.value = 'busy';
    await settle(el);
    expect(events).to.have.length(0);
  });

  it('uses a custom presences list', async () => {
    const presences: CifPresenceInfo[] = [
      { presenceId: 'p1', presenceText: 'Ready', presenceColor: '#00ff00', basePresenceStatus: 'AVAILABLE' },
      { presenceId: 'p2', presenceText: 'On a call', presenceColor: 'rebeccapurple', basePresenceStatus: 'BUSY' },
      { presenceId: 'bad', presenceText: '' } as CifPresenceInfo, // ignored: no text
    ];
    const el = await renderWith(undefined, { presences });
    el.value = 'p2';
    await el.updateComplete;
    const p = parts(el);
    expect(p.options.map((o) => o.textContent!.trim())).to.deep.equal(['Ready', 'On a call']);
    expect(p.label.textContent).to.equal('On a call');
    expect(p.dot.style.getPropertyValue('--cif-presence-dot-color')).to.equal('rebeccapurple');
  });

  it('replaces every string through the strings property', async () => {
    const el = await renderWith(undefined);
    el.strings = { buttonLabel: (p) => `Statut : ${p}`, unknown: 'Inconnu', menuLabel: 'Choisir un statut' };
    await el.updateComplete;
    const p = parts(el);
    expect(p.label.textContent).to.equal('Inconnu');
    expect(p.button.getAttribute('aria-label')).to.equal('Statut : Inconnu');
    expect(p.menu.getAttribute('aria-label')).to.equal('Choisir un statut');
    expect(CIF_PRESENCE_STRINGS.menuLabel).to.equal('Set presence');
    expect(CIF_PRESENCE_STRINGS).to.equal(DEFAULT_PRESENCE_STRINGS, 'the deprecated name is an alias');
    // a `{presence}` template from before the entries were functions still works
    el.strings = { buttonLabel: 'Statut : {presence}' as unknown as (p: string) => string };
    await el.updateComplete;
    expect(p.button.getAttribute('aria-label')).to.equal('Statut : Unknown');
  });

  it('a "$&" in a presence text is not treated as a replacement pattern', async () => {
    const el = await renderWith(undefined, { presences: [{ presenceId: 'x', presenceText: 'Cost $& $1 $$' }] });
    el.value = 'x';
    await el.updateComplete;
    expect(parts(el).button.getAttribute('aria-label')).to.equal('Presence: Cost $& $1 $$');
  });

  it('compact renders only the dot, keeps the accessible name, a tooltip, and stays operable', async () => {
    const el = await renderWith(undefined, { compact: true });
    el.value = 'away';
    await el.updateComplete;
    const p = parts(el);
    expect(getComputedStyle(p.label).display).to.equal('none');
    expect(p.button.getAttribute('aria-label')).to.equal('Presence: Away');
    expect(p.button.title).to.equal('Presence: Away');
    expect(p.button.getBoundingClientRect().width).to.be.lessThan(40);
    await expect(el).to.be.accessible();
    p.button.click();
    await settle(el);
    expect(el.open).to.be.true;
    await expect(el).to.be.accessible();
    parts(el).options[0].click();
    await settle(el);
    expect(el.value).to.equal('available');
    expect(el.open).to.be.false;
  });

  it('opens with a click, picks with a click (no client: local), fires a cancelable agent event', async () => {
    const el = await renderWith(undefined);
    el.value = 'available';
    await el.updateComplete;
    parts(el).button.click();
    await settle(el);
    expect(el.open).to.be.true;
    expect(parts(el).menu.hidden).to.be.false;
    expect(parts(el).button.getAttribute('aria-expanded')).to.equal('true');
    setTimeout(() => parts(el).options[3].click());
    const e = await oneEvent(el, 'cif-presence-change');
    expect(e.cancelable).to.be.true;
    expect(e.bubbles && e.composed).to.be.true;
    expect(e.detail.source).to.equal('agent');
    expect(e.detail.presence.presenceText).to.equal('Away');
    expect(e.detail.previous?.presenceText).to.equal('Available');
    await settle(el);
    expect(el.value).to.equal('away');
    expect(el.open).to.be.false;
    expect(parts(el).status.textContent!.trim()).to.equal('Presence set to Away');
  });

  it('cancelling the event keeps the old presence; select() resolves false', async () => {
    const el = await renderWith(undefined);
    el.value = 'available';
    el.addEventListener('cif-presence-change', (e) => e.preventDefault());
    expect(await el.select('Busy')).to.be.false;
    expect(el.value).to.equal('available');
  });

  it('select() takes an id or a text, is a no-op for the current one and false when disabled', async () => {
    const el = await renderWith(undefined);
    const events = recordChanges(el);
    expect(await el.select('busy-dnd')).to.be.true;
    expect(el.value).to.equal('busy-dnd');
    expect(await el.select('offline')).to.be.true;
    expect(el.value).to.equal('offline');
    expect(await el.select('away')).to.be.true; // lower-case text also matches "Away"
    expect(el.presence?.presenceText).to.equal('Away');
    expect(await el.select('Away')).to.be.true;
    expect(events).to.have.length(3);
    expect(await el.select('   ')).to.be.false;
    el.disabled = true;
    expect(await el.select('Busy')).to.be.false;
    expect(el.value).to.equal('away');
  });

  it('select() with a text that is not in the list shows it as given (e.g. "onVoiceCall")', async () => {
    const el = await renderWith(undefined);
    expect(await el.select('onVoiceCall')).to.be.true;
    expect(el.value).to.equal('onVoiceCall');
    expect(parts(el).label.textContent).to.equal('onVoiceCall');
    expect(parts(el).dot.dataset.status).to.equal('other');
  });

  it('closes on a pointerdown outside, not inside', async () => {
    const el = await renderWith(undefined);
    el.show();
    await settle(el);
    parts(el).menu.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await settle(el);
    expect(el.open).to.be.true;
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await settle(el);
    expect(el.open).to.be.false;
  });

  it('does not open with an empty presences list', async () => {
    const el = await renderWith(undefined, { presences: [] });
    el.show();
    await settle(el);
    expect(el.open).to.be.false;
    parts(el).button.click();
    await settle(el);
    expect(el.open).to.be.false;
    await expect(el).to.be.accessible();
  });

  it('closes when disabled while open', async () => {
    const el = await renderWith(undefined);
    el.show();
    await settle(el);
    el.disabled = true;
    await settle(el);
    expect(el.open).to.be.false;
  });
});

describe('<cif-presence> hostile data', () => {
  it('renders hostile presence texts as text (markup, RTL override, 100 KB) and the layout holds', async () => {
    const presences: CifPresenceInfo[] = [
      { presenceId: 'h', presenceText: HOSTILE, presenceColor: '#ff0000' },
      { presenceId: 'r', presenceText: RLO },
      { presenceId: 'g', presenceText: HUGE },
    ];
    const wrap = await fixture<HTMLDivElement>(html`<div style="width: 240px"><cif-presence></cif-presence></div>`);
    const el = wrap.querySelector('cif-presence')!;
    el.presences = presences;
    el.value = 'h';
    await el.updateComplete;
    el.show();
    await settle(el);
    const p = parts(el);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(p.label.textContent).to.equal(HOSTILE);
    const labels = [...el.shadowRoot!.querySelectorAll('[part~="option-label"]')].map((x) => x.textContent);
    expect(labels).to.deep.equal([HOSTILE, RLO, HUGE]);
    expect(getComputedStyle(p.label).unicodeBidi).to.equal('isolate');
    el.value = 'g';
    await el.updateComplete;
    expect(p.label.textContent!.length).to.equal(100_000);
    expect(el.getBoundingClientRect().width).to.be.at.most(241);
    expect(p.button.getBoundingClientRect().width).to.be.at.most(241);
    for (const o of p.options) expect(o.getBoundingClientRect().width).to.be.lessThan(window.innerWidth + 1);
    await expect(el).to.be.accessible();
  });

  it('hostile colours never reach the style: only #rgb, #rrggbb and colour names pass', () => {
    const status = (presenceColor: string, basePresenceStatus?: string) =>
      presenceDotColor({ presenceId: 'x', presenceText: 'x', presenceColor, basePresenceStatus });
    expect(status('#abc')).to.equal('#abc');
    expect(status('#A1B2C3')).to.equal('#A1B2C3');
    expect(status('  #a1b2c3  ')).to.equal('#a1b2c3');
    expect(status('RebeccaPurple')).to.equal('rebeccapurple');
    expect(status('red;background:url(https://evil.example/x)', 'BUSY')).to.equal('var(--cif-presence-color-busy)');
    expect(status('url(https://evil.example/x)', 'AWAY')).to.equal('var(--cif-presence-color-away)');
    expect(status('var(--cif-color-brand)', 'AVAILABLE')).to.equal('var(--cif-presence-color-available)');
    expect(status('rgb(1,2,3)', 'OFFLINE')).to.equal('var(--cif-presence-color-offline)');
    expect(status('#12345g', 'BUSY_DO_NOT_DISTURB')).to.equal('var(--cif-presence-color-busy)');
    expect(status('#abcd')).to.equal('var(--cif-color-border-strong)');
    expect(status('notacolour')).to.equal('var(--cif-color-border-strong)');
    expect(status('inherit', 'AVAILABLE')).to.equal('var(--cif-presence-color-available)');
    expect(status('expression(alert(1))')).to.equal('var(--cif-color-border-strong)');
  });

  it('a hostile colour in the list leaves the dot with the base-status colour and no extra declarations', async () => {
    const el = await renderWith(undefined, {
      presences: [
        {
          presenceId: 'x',
          presenceText: 'X',
          presenceColor: 'red; background-image: url(https://evil.example/x); --y: 1',
          basePresenceStatus: 'AWAY',
        },
      ],
    });
    el.value = 'x';
    await el.updateComplete;
    const dot = parts(el).dot;
    expect(dot.style.getPropertyValue('--cif-presence-dot-color')).to.equal('var(--cif-presence-color-away)');
    expect(dot.style.length).to.equal(1);
    expect(getComputedStyle(dot).backgroundImage).to.equal('none');
    expect(getComputedStyle(dot).backgroundColor).to.equal('rgb(255, 170, 68)');
  });
});

describe('<cif-presence> styling', () => {
  it('forced-colors mode gives the dot a system-colour border (colour alone carries nothing there)', async () => {
    const el = await renderWith(undefined);
    const sheets = el.shadowRoot!.adoptedStyleSheets;
    const media = sheets
      .flatMap((sh) => [...sh.cssRules])
      .filter((r): r is CSSMediaRule => r instanceof CSSMediaRule && r.conditionText.includes('forced-colors: active'));
    const dotRule = media
      .flatMap((m) => [...m.cssRules])
      .find((r): r is CSSStyleRule => r instanceof CSSStyleRule && r.selectorText.split(',').some((x) => x.trim() === '.dot'));
    expect(dotRule, 'a forced-colors rule for .dot').to.not.equal(undefined);
    expect(dotRule!.style.getPropertyValue('border')).to.contain('canvastext');
  });

  it('the pending dot pulses, except with prefers-reduced-motion', async () => {
    const { fake, client } = fakeClient();
    const el = await renderWith(client);
    const answer = deferred<boolean>();
    fake.respond('setPresence', () => answer.promise);
    const done = el.select('Busy');
    await settle(el);
    const dot = parts(el).dot;
    expect(getComputedStyle(dot).animationName).to.equal('cif-presence-pulse');
    // Media emulation needs CDP: Firefox (Puppeteer over WebDriver BiDi) and WebKit (WebDriver) have none.
    const emulated = await emulateMedia({ reducedMotion: 'reduce' }).then(
      () => true,
      (e: Error) => {
        if (/not supported|CDP support/i.test(e.message)) return false;
        throw e;
      },
    );
    if (emulated) {
      try {
        expect(getComputedStyle(dot).animationName).to.equal('none');
      } finally {
        await emulateMedia({ reducedMotion: 'no-preference' });
      }
    } else {
      // Without emulation: a prefers-reduced-motion rule that matches this very dot stops the animation.
      const rules = el
        .shadowRoot!.adoptedStyleSheets.flatMap((sh) => [...sh.cssRules])
        .filter((r): r is CSSMediaRule => r instanceof CSSMediaRule && r.conditionText.includes('prefers-reduced-motion: reduce'))
        .flatMap((m) => [...m.cssRules])
        .filter((r): r is CSSStyleRule => r instanceof CSSStyleRule && dot.matches(r.selectorText));
      expect(rules.map((r) => r.style.getPropertyValue('animation-name'))).to.include('none');
    }
    answer.resolve(true);
    expect(await done).to.be.true;
  });

  it('in RTL the menu opens under the button from the inline start (right)', async () => {
    const wrap = await fixture<HTMLDivElement>(
      html`<div dir="rtl" style="width: 400px"><cif-presence value="available"></cif-presence></div>`,
    );
    const el = wrap.querySelector('cif-presence')!;
    el.show();
    await settle(el);
    const host = el.getBoundingClientRect();
    const menu = parts(el).menu.getBoundingClientRect();
    expect(Math.abs(menu.right - host.right)).to.be.lessThan(1);
    expect(menu.top).to.be.at.least(host.bottom);
    expect(host.right).to.be.closeTo(wrap.getBoundingClientRect().right, 1);
  });
});
