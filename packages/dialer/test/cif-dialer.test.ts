import { aTimeout, elementUpdated, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@cif-elements/core';
import type { CifProvider } from '@cif-elements/core';
import { CifFrameworkClient, SimulatedCifHost, createSimulatedClient } from '@cif-elements/client';
import { createFakeCIFramework, installFakeCIFramework } from '@cif-elements/client/testing';
import '../src/index.js';
import { CifDialer, DEFAULT_DIALER_STRINGS, DIALER_LONG_PRESS_MS } from '../src/index.js';
import type { CifDialDetail } from '../src/index.js';

// ------------------------------------------------------------------ helpers

const $ = <T extends Element = HTMLElement>(el: CifDialer, selector: string): T | null =>
  el.shadowRoot!.querySelector<T>(selector);
const part = <T extends Element = HTMLElement>(el: CifDialer, name: string): T | null => $<T>(el, `[part~="${name}"]`);
const input = (el: CifDialer) => part<HTMLInputElement>(el, 'input')!;
const key = (el: CifDialer, k: string) => $<HTMLButtonElement>(el, `[data-key="${k}"]`)!;
const errorText = (el: CifDialer) => part(el, 'error')!.textContent!.trim();
const announced = (el: CifDialer) => $(el, '[aria-live="polite"]')!.textContent!.trim();
const active = (el: CifDialer) => el.shadowRoot!.activeElement;

async function dialer(template = html`<cif-dialer default-country="US"></cif-dialer>`): Promise<CifDialer> {
  const el = await fixture<CifDialer>(template);
  await el.updateComplete;
  return el;
}

/** Collects the `cif-dial` events an element fires. */
function dials(el: CifDialer): CifDialDetail[] {
  const seen: CifDialDetail[] = [];
  el.addEventListener('cif-dial', (e) => seen.push(e.detail));
  return seen;
}

/**
 * Dispatches a paste of `text` at `target`, as a user's paste reaches the element. Firefox's ClipboardEvent
 * constructor ignores `clipboardData` (the event gets an empty DataTransfer of its own), so the data is
 * attached to the event itself where the constructor dropped it. A real paste carries its data in every
 * engine; only a synthetic event differs.
 */
function paste(target: HTMLElement, text: string): boolean {
  const clipboardData = new DataTransfer();
  clipboardData.setData('text/plain', text);
  const event = new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true, composed: true });
  if (event.clipboardData?.getData('text/plain') !== text) {
    Object.defineProperty(event, 'clipboardData', { value: clipboardData });
  }
  return target.dispatchEvent(event);
}

async function typeInto(el: CifDialer, text: string): Promise<void> {
  input(el).focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

async function setState(el: CifDialer, state: CifDialer['callState']): Promise<void> {
  el.callState = state;
  await el.updateComplete;
}

async function simulated(inner = html`<cif-dialer default-country="US"></cif-dialer>`) {
  const provider = await fixture<CifProvider>(html`<cif-provider simulated>${inner}</cif-provider>`);
  await waitUntil(() => provider.state === 'ready', 'provider never became ready');
  const el = provider.querySelector('cif-dialer')!;
  await waitUntil(() => el.client !== undefined, 'dialer never got the client');
  await el.updateComplete;
  return { provider, el, host: provider.host! };
}

function fakeClient() {
  const fake = createFakeCIFramework({ version: 2 });
  const client = new CifFrameworkClient(fake, { version: 2 });
  return { fake, client };
}

const HOSTILE = '<img src=x onerror=alert(1)>';

// ------------------------------------------------------------------ rendering

describe('<cif-dialer> rendering', () => {
  it('is defined and renders a labelled tel input, a keypad of 12 buttons and a call button', async () => {
    const el = await dialer();
    expect(el).to.be.instanceOf(CifDialer);
    expect(customElements.get('cif-dialer')).to.equal(CifDialer);
    const field = input(el);
    expect(field.type).to.equal('tel');
    expect(field.getAttribute('autocomplete')).to.equal('tel');
    expect(field.getAttribute('inputmode')).to.equal('tel');
    expect(field.getAttribute('aria-invalid')).to.equal('false');
    const label = part<HTMLLabelElement>(el, 'label')!;
    expect(label.htmlFor).to.equal(field.id);
    expect(label.textContent!.trim()).to.equal('Phone number');
    const keys = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="key"]')];
    expect(keys.map((k) => k.dataset.key)).to.deep.equal(['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']);
    expect(keys.every((k) => k.tagName === 'BUTTON' && k.type === 'button')).to.equal(true);
    const call = part<HTMLButtonElement>(el, 'call-button')!;
    expect(call.type).to.equal('submit');
    expect(call.textContent!.trim()).to.equal('Call');
    expect(part(el, 'keypad')!.getAttribute('role')).to.equal('group');
    expect(part(el, 'in-call')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('gives each key an accessible name with its letters ("2 ABC", "0 +")', async () => {
    const el = await dialer();
    const name = (k: string) => key(el, k).textContent!.replace(/\s+/g, ' ').trim();
    expect(name('2')).to.equal('2 ABC');
    expect(name('7')).to.equal('7 PQRS');
    expect(name('9')).to.equal('9 WXYZ');
    expect(name('0')).to.equal('0 +');
    expect(name('1')).to.equal('1');
    expect(key(el, '5').getAttribute('part')).to.equal('key key-5');
    expect(key(el, '*').getAttribute('part')).to.equal('key key-star');
    expect(key(el, '#').getAttribute('part')).to.equal('key key-hash');
  });

  it('exposes the documented parts', async () => {
    const el = await dialer();
    for (const p of ['base', 'form', 'field', 'label', 'input', 'backspace', 'error', 'keypad', 'key', 'key-digit', 'key-letters', 'call-button']) {
      expect(part(el, p), p).to.not.equal(null);
    }
    el.recent = [{ number: '+14255550100', display: '(425) 555-0100', at: 1 }];
    el.callState = 'ended';
    await el.updateComplete;
    for (const p of ['recent', 'recent-label', 'recent-clear', 'recent-item', 'status']) expect(part(el, p), p).to.not.equal(null);
    el.callState = 'connected';
    el.contactName = 'Ada';
    await el.updateComplete;
    for (const p of ['in-call', 'contact-name', 'number', 'call-status', 'timer', 'controls', 'mute', 'hold', 'keypad-toggle', 'hangup']) {
      expect(part(el, p), p).to.not.equal(null);
    }
  });

  it('replaces its texts with the strings property', async () => {
    const el = await dialer();
    el.strings = { label: 'Numéro', call: 'Appeler', announceDialing: (who) => `Appel de ${who}` };
    await el.updateComplete;
    expect(part(el, 'label')!.textContent!.trim()).to.equal('Numéro');
    expect(part(el, 'call-button')!.textContent!.trim()).to.equal('Appeler');
    el.callNumber = '+14255550100';
    await setState(el, 'dialing');
    expect(announced(el)).to.equal('Appel de (425) 555-0100');
    expect(part(el, 'hangup')!.textContent!.trim()).to.equal(DEFAULT_DIALER_STRINGS.hangup);
  });

  it('keeps the keypad and the number left-to-right in an RTL page', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl"><cif-dialer default-country="US"></cif-dialer></div>`);
    const el = wrapper.querySelector('cif-dialer')!;
    await el.updateComplete;
    expect(getComputedStyle(part(el, 'keypad')!).direction).to.equal('ltr');
    expect(getComputedStyle(input(el)).direction).to.equal('ltr');
    expect(getComputedStyle(part(el, 'label')!).direction).to.equal('rtl');
    await expect(el).to.be.accessible();
  });
});

// ------------------------------------------------------------------ attributes and properties

describe('<cif-dialer> attributes and properties', () => {
  it('reflects call-state, auto-dial, no-click-to-act, muted and held', async () => {
    const el = await dialer();
    expect(el.getAttribute('call-state')).to.equal('idle');
    el.autoDial = true;
    el.noClickToAct = true;
    el.callState = 'connected';
    await el.updateComplete;
    expect(el.hasAttribute('auto-dial')).to.equal(true);
    expect(el.hasAttribute('no-click-to-act')).to.equal(true);
    expect(el.getAttribute('call-state')).to.equal('connected');
    el.muted = true;
    el.held = true;
    await el.updateComplete;
    expect(el.hasAttribute('muted')).to.equal(true);
    expect(el.hasAttribute('held')).to.equal(true);
    expect(el.callState).to.equal('held', 'held moves a connected call to held');
    expect(el.getAttribute('call-state')).to.equal('held');
    el.held = false;
    await el.updateComplete;
    expect(el.callState).to.equal('connected');
    expect(el.hasAttribute('held')).to.equal(false);
  });

  it('reads its attributes', async () => {
    const el = await dialer(
      html`<cif-dialer
        default-country="GB"
        call-state="ringing"
        contact-name="Ada Lovelace"
        call-number="+442079460958"
        max-recent="3"
        auto-dial
      ></cif-dialer>`,
    );
    expect(el.defaultCountry).to.equal('GB');
    expect(el.callState).to.equal('ringing');
    expect(el.autoDial).to.equal(true);
    expect(el.maxRecent).to.equal(3);
    expect(part(el, 'contact-name')!.textContent!.trim()).to.equal('Ada Lovelace');
    expect(part(el, 'number')!.textContent!.trim()).to.equal('020 7946 0958', 'national format in the home country');
    expect(part(el, 'call-status')!.textContent).to.contain('Ringing');
  });

  it('treats an unknown call-state as idle and held as false outside a held call', async () => {
    const el = await dialer();
    el.setAttribute('call-state', 'exploded');
    await el.updateComplete;
    expect(el.callState).to.equal('idle');
    expect(el.getAttribute('call-state')).to.equal('idle');
    el.held = true;
    await el.updateComplete;
    expect(el.held).to.equal(false);
    expect(el.callState).to.equal('idle');
  });

  it('formats a value set from outside, and re-formats it when default-country changes', async () => {
    const el = await dialer();
    el.value = '4255550100';
    await el.updateComplete;
    expect(el.value).to.equal('(425) 555-0100');
    expect(input(el).value).to.equal('(425) 555-0100');
    el.value = '';
    el.defaultCountry = 'GB';
    await el.updateComplete;
    el.value = '02079460958';
    await el.updateComplete;
    expect(el.value).to.equal('020 7946 0958');
    el.clear();
    await el.updateComplete;
    expect(input(el).value).to.equal('');
  });

  it('shows the in-call number in international format for other countries, and text it cannot parse as is', async () => {
    const el = await dialer(html`<cif-dialer default-country="US" call-state="connected" call-number="+442079460958"></cif-dialer>`);
    expect(part(el, 'number')!.textContent!.trim()).to.equal('+44 20 7946 0958');
    el.callNumber = 'Anonymous';
    await el.updateComplete;
    expect(part(el, 'number')!.textContent!.trim()).to.equal('Anonymous');
    el.callNumber = '';
    await el.updateComplete;
    expect(part(el, 'number')!.textContent!.trim()).to.equal('Unknown number');
  });
});

// ------------------------------------------------------------------ keyboard

describe('<cif-dialer> keyboard', () => {
  it('dials with the keyboard only: Tab into the field, type, Enter', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><button id="before">before</button><cif-dialer default-country="US"></cif-dialer></div>`,
    );
    const el = wrapper.querySelector('cif-dialer')!;
    await el.updateComplete;
    const seen = dials(el);
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(active(el)).to.equal(input(el), 'Tab lands in the number field');
    await sendKeys({ type: '4255550100' });
    await el.updateComplete;
    expect(input(el).value).to.equal('(425) 555-0100');
    await sendKeys({ press: 'Enter' });
    expect(seen).to.have.length(1);
    expect(seen[0]).to.deep.equal({ number: '+14255550100', raw: '(425) 555-0100', source: 'keypad' });
  });

  it('formats as you type and keeps the caret where the agent edits', async () => {
    const el = await dialer();
    await typeInto(el, '4255550100');
    expect(input(el).value).to.equal('(425) 555-0100');
    // caret after "(425) " then Backspace: the ")" and space are skipped, the 5 goes
    input(el).setSelectionRange(6, 6);
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(input(el).value).to.equal('(425) 550-100');
    expect(input(el).selectionStart).to.equal(3);
    await sendKeys({ type: '9' });
    await el.updateComplete;
    expect(input(el).value).to.equal('(429) 555-0100');
    expect(input(el).selectionStart).to.equal(4);
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(input(el).value).to.equal('(429) 555-010');
  });

  it('types an extension with x, and letters as keypad digits', async () => {
    const el = await dialer();
    const seen = dials(el);
    await typeInto(el, '4255550100x12');
    expect(input(el).value).to.equal('(425) 555-0100 ext. 12');
    await sendKeys({ press: 'Enter' });
    expect(seen[0]).to.include({ number: '+14255550100', extension: '12', source: 'keypad' });
    await typeInto(el, '1800FLOWERS');
    expect(input(el).value).to.equal('1 (800) 356-9377');
    await sendKeys({ press: 'Enter' });
    expect(seen[1].number).to.equal('+18003569377');
  });

  it('refuses characters a number cannot contain', async () => {
    const el = await dialer();
    await typeInto(el, '42!5<>');
    expect(input(el).value).to.equal('(425)');
  });

  it('operates the keypad with arrow keys, Enter and Space, and digits typed on it', async () => {
    const el = await dialer();
    const seen = dials(el);
    input(el).focus();
    await sendKeys({ press: 'Tab' }); // backspace button
    expect(active(el)).to.equal(part(el, 'backspace'));
    await sendKeys({ press: 'Tab' }); // the keypad is one tab stop
    expect(active(el)).to.equal(key(el, '1'));
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowDown' });
    expect(active(el)).to.equal(key(el, '6'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.value).to.equal('6');
    await sendKeys({ press: 'ArrowLeft' });
    expect(active(el)).to.equal(key(el, '5'));
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    expect(el.value).to.equal('65');
    await sendKeys({ press: 'End' });
    expect(active(el)).to.equal(key(el, '#'));
    await sendKeys({ press: 'Home' });
    expect(active(el)).to.equal(key(el, '1'));
    expect(key(el, '1').tabIndex).to.equal(0);
    expect(key(el, '5').tabIndex).to.equal(-1);
    // digits typed while focus is on the keypad go into the number
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '4255550100' });
    await el.updateComplete;
    expect(el.value).to.equal('(425) 555-0100');
    expect(active(el)).to.equal(key(el, '1'), 'focus stays on the keypad');
    await sendKeys({ press: 'Tab' });
    expect(active(el)).to.equal(part(el, 'call-button'));
    await sendKeys({ press: 'Enter' });
    expect(seen).to.have.length(1);
    expect(seen[0]).to.include({ number: '+14255550100', source: 'keypad' });
  });

  it('pressing keypad buttons adds digits, backspace deletes one', async () => {
    const el = await dialer();
    for (const k of ['4', '2', '5']) key(el, k).click();
    await el.updateComplete;
    expect(el.value).to.equal('(425)');
    part(el, 'backspace')!.click();
    await el.updateComplete;
    expect(el.value).to.equal('42');
  });
});

// ------------------------------------------------------------------ long press

describe('<cif-dialer> long press', () => {
  const press = async (target: HTMLElement, ms: number) => {
    target.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true, button: 0, isPrimary: true }));
    await aTimeout(ms);
    target.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, composed: true, button: 0, isPrimary: true }));
    target.click();
  };

  it('a long press on 0 gives +, a short one 0', async () => {
    const el = await dialer();
    await press(key(el, '0'), DIALER_LONG_PRESS_MS + 150);
    await el.updateComplete;
    expect(el.value).to.equal('+');
    await press(key(el, '4'), 10);
    await press(key(el, '4'), 10);
    await press(key(el, '0'), 10);
    await el.updateComplete;
    expect(el.value).to.equal('+44 0');
  });

  it('a long press on backspace clears the field', async () => {
    const el = await dialer();
    el.value = '4255550100';
    await el.updateComplete;
    await press(part(el, 'backspace')!, DIALER_LONG_PRESS_MS + 150);
    await el.updateComplete;
    expect(el.value).to.equal('');
    el.value = '425';
    await el.updateComplete;
    await press(part(el, 'backspace')!, 10);
    await el.updateComplete;
    expect(el.value).to.equal('42', 'the click after a long press was swallowed only once');
  });
});

// ------------------------------------------------------------------ paste

describe('<cif-dialer> paste', () => {
  const cases: Array<[string, string, string, string?]> = [
    ['(425) 555-0100', '(425) 555-0100', '+14255550100'],
    ['+44 20 7946 0958', '+44 20 7946 0958', '+442079460958'],
    ['425.555.0100 x12', '(425) 555-0100 ext. 12', '+14255550100', '12'],
    ['1-800-FLOWERS', '1 (800) 356-9377', '+18003569377'],
    ['tel:+1-425-555-0100;ext=7', '+1 425 555 0100 ext. 7', '+14255550100', '7'],
  ];
  for (const [text, shown, e164, extension] of cases) {
    it(`normalises a pasted ${JSON.stringify(text)}`, async () => {
      const el = await dialer();
      const seen = dials(el);
      input(el).focus();
      expect(paste(input(el), text)).to.equal(false, 'the paste is handled by the dialer');
      await el.updateComplete;
      expect(input(el).value).to.equal(shown);
      await sendKeys({ press: 'Enter' });
      expect(seen).to.have.length(1);
      expect(seen[0].number).to.equal(e164);
      expect(seen[0].extension).to.equal(extension);
      expect(seen[0].raw).to.equal(text, 'raw is what was pasted');
      expect(seen[0].source).to.equal('keypad');
    });
  }

  it('pastes into the selection and re-formats the whole number', async () => {
    const el = await dialer();
    await typeInto(el, '4250100');
    input(el).setSelectionRange(3, 3); // "425|-0100"
    paste(input(el), '555');
    await el.updateComplete;
    expect(input(el).value).to.equal('(425) 555-0100');
  });

  it('refuses a paste that is no phone number, with an error, and keeps the field', async () => {
    const el = await dialer();
    await typeInto(el, '425');
    paste(input(el), HOSTILE);
    await el.updateComplete;
    expect(input(el).value).to.equal('(425)');
    expect(errorText(el)).to.equal(DEFAULT_DIALER_STRINGS.errorInvalid);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });
});

// ------------------------------------------------------------------ invalid input

describe('<cif-dialer> invalid input', () => {
  it('shows an inline, announced error, fires no cif-dial, and keeps focus in the field', async () => {
    const el = await dialer();
    const seen = dials(el);
    await typeInto(el, '425');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(seen).to.have.length(0);
    const error = part(el, 'error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(errorText(el)).to.equal('This number is too short.');
    expect(input(el).getAttribute('aria-invalid')).to.equal('true');
    expect(input(el).getAttribute('aria-describedby')).to.equal(error.id);
    expect(active(el)).to.equal(input(el));
    expect(el.validationError).to.equal('too-short');
    await expect(el).to.be.accessible();
    // editing clears the error
    await sendKeys({ type: '5' });
    await el.updateComplete;
    expect(errorText(el)).to.equal('');
    expect(input(el).getAttribute('aria-invalid')).to.equal('false');
    expect(input(el).hasAttribute('aria-describedby')).to.equal(false);
  });

  it('moves focus to the field when the call button is pressed with an invalid number', async () => {
    const el = await dialer();
    part<HTMLButtonElement>(el, 'call-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(errorText(el)).to.equal('Enter a phone number.');
    expect(active(el)).to.equal(input(el));
  });

  it('says which problem the number has', async () => {
    const el = await dialer();
    const check = async (number: string, message: string) => {
      expect(el.dial(number)).to.equal(false, number);
      await el.updateComplete;
      expect(errorText(el)).to.equal(message, number);
    };
    await check('4255550100999999', DEFAULT_DIALER_STRINGS.errorTooLong);
    await check('+999 123 4567', DEFAULT_DIALER_STRINGS.errorUnknownCountry);
    await check('*67', DEFAULT_DIALER_STRINGS.errorInvalid);
    await check(HOSTILE, DEFAULT_DIALER_STRINGS.errorInvalid);
  });

  it('does not throw on an invalid default-country: national numbers ask for their country code', async () => {
    const warn = console.warn;
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const el = await dialer(html`<cif-dialer default-country="ZZ"></cif-dialer>`);
      const seen = dials(el);
      expect(el.dial('425 555 0100')).to.equal(false);
      await el.updateComplete;
      expect(errorText(el)).to.equal(DEFAULT_DIALER_STRINGS.errorNoCountry);
      expect(el.dial('+44 20 7946 0958')).to.equal(true);
      expect(seen.map((d) => d.number)).to.deep.equal(['+442079460958']);
      expect(warnings.some((w) => String(w[0]).includes('"ZZ"'))).to.equal(true, 'a developer warning names the code');
    } finally {
      console.warn = warn;
    }
  });
});

// ------------------------------------------------------------------ dial() and cif-dial

describe('<cif-dialer> dial() and cif-dial', () => {
  it('dial(number) fires a cancelable, bubbling, composed cif-dial with source api', async () => {
    const el = await dialer();
    const event = oneEvent(el, 'cif-dial');
    const context = { ticket: 42 };
    expect(el.dial('+1 (425) 555-0100 x9', { context })).to.equal(true);
    const e = await event;
    expect(e.cancelable).to.equal(true);
    expect(e.bubbles).to.equal(true);
    expect(e.composed).to.equal(true);
    expect(e.detail).to.deep.equal({
      number: '+14255550100',
      extension: '9',
      raw: '+1 (425) 555-0100 x9',
      source: 'api',
      context,
    });
    expect(el.callNumber).to.equal('+14255550100;ext=9');
    await el.updateComplete;
    expect(el.value).to.equal('', 'the field is emptied after a dial');
  });

  it('dial() without a number dials the field; options.source is passed through', async () => {
    const el = await dialer();
    const seen = dials(el);
    el.value = '4255550100';
    await el.updateComplete;
    expect(el.dial(undefined, { source: 'keypad' })).to.equal(true);
    expect(seen[0]).to.deep.equal({ number: '+14255550100', raw: '(425) 555-0100', source: 'keypad' });
  });

  it('a cancelled cif-dial returns false, keeps the number and adds nothing to the recent list', async () => {
    const el = await dialer();
    el.addEventListener('cif-dial', (e) => e.preventDefault());
    expect(el.dial('4255550100')).to.equal(false);
    await el.updateComplete;
    expect(el.recent).to.deep.equal([]);
    expect(el.callNumber).to.equal('');
    expect(el.value).to.equal('(425) 555-0100');
    expect(errorText(el)).to.equal('');
  });

  it('never throws: odd arguments give false', async () => {
    const el = await dialer();
    const seen = dials(el);
    const evil = {
      toString() {
        throw new Error('no string for you');
      },
    };
    expect(el.dial(evil as unknown as string)).to.equal(false);
    expect(el.dial(null as unknown as string)).to.equal(false, 'null dials the (empty) field');
    expect(el.dial(4255550100 as unknown as string)).to.equal(true, 'a number is read as its digits');
    expect(seen.map((d) => d.number)).to.deep.equal(['+14255550100']);
  });

  it('does not dial while a call is active', async () => {
    const el = await dialer(html`<cif-dialer default-country="US" call-state="connected"></cif-dialer>`);
    const seen = dials(el);
    expect(el.dial('4255550100')).to.equal(false);
    expect(seen).to.have.length(0);
  });
});

// ------------------------------------------------------------------ recent numbers

describe('<cif-dialer> recent numbers', () => {
  it('lists successful dials when the field is empty, newest first, without duplicates', async () => {
    const el = await dialer();
    el.dial('4255550100');
    el.dial('+44 20 7946 0958');
    el.dial('(425) 555-0100');
    await el.updateComplete;
    expect(el.recent.map((r) => r.number)).to.deep.equal(['+14255550100', '+442079460958']);
    const items = [...el.shadowRoot!.querySelectorAll('[part="recent-item"]')].map((b) => b.textContent!.trim());
    expect(items).to.deep.equal(['(425) 555-0100', '+44 20 7946 0958']);
    await expect(el).to.be.accessible();
    el.value = '4';
    await el.updateComplete;
    expect(part(el, 'recent')).to.equal(null, 'hidden while the field has text');
  });

  it('keeps the last 10 (max-recent) and max-recent="0" turns it off', async () => {
    const el = await dialer();
    for (let i = 0; i < 12; i++) el.dial(`425555${String(i).padStart(4, '0')}`);
    expect(el.recent).to.have.length(10);
    expect(el.recent[0].number).to.equal('+14255550011');
    el.maxRecent = 3;
    await el.updateComplete;
    expect(el.recent).to.have.length(3);
    el.maxRecent = 0;
    await el.updateComplete;
    el.dial('4255550100');
    await el.updateComplete;
    expect(el.recent).to.have.length(0);
    expect(part(el, 'recent')).to.equal(null);
  });

  it('a recent number fills the field; Clear empties the list and focuses the field', async () => {
    const el = await dialer();
    el.dial('4255550100 x12');
    await el.updateComplete;
    part(el, 'recent-item')!.click();
    await el.updateComplete;
    expect(el.value).to.equal('+1 425 555 0100 ext. 12');
    expect(active(el)).to.equal(input(el));
    el.value = '';
    await el.updateComplete;
    part(el, 'recent-clear')!.click();
    await el.updateComplete;
    expect(el.recent).to.deep.equal([]);
    expect(part(el, 'recent')).to.equal(null);
    expect(active(el)).to.equal(input(el));
  });

  it('clearRecent() empties the list', async () => {
    const el = await dialer();
    el.dial('4255550100');
    el.clearRecent();
    await el.updateComplete;
    expect(el.recent).to.deep.equal([]);
  });
});

// ------------------------------------------------------------------ click-to-act

describe('<cif-dialer> click-to-act', () => {
  it('fills the dialer from the simulated host; the call then carries source click-to-act and the payload', async () => {
    const { el, host } = await simulated();
    const seen = dials(el);
    expect(host.clickToAct({ value: '+1 425 555 0100', entityLogicalName: 'contact' })).to.equal(true);
    await el.updateComplete;
    expect(el.value).to.equal('+1 425 555 0100');
    expect(part(el, 'origin')!.textContent).to.contain('+1 425 555 0100');
    expect(announced(el)).to.equal('Number from Dynamics: +1 425 555 0100');
    expect(seen).to.have.length(0, 'no auto-dial by default');
    await expect(el).to.be.accessible();
    part<HTMLButtonElement>(el, 'call-button')!.click();
    expect(seen).to.have.length(1);
    expect(seen[0].source).to.equal('click-to-act');
    expect(seen[0].number).to.equal('+14255550100');
    expect(seen[0].raw).to.equal('+1 425 555 0100');
    expect(seen[0].context).to.deep.include({ value: '+1 425 555 0100', name: 'telephone1', format: 'phone', entityLogicalName: 'contact' });
  });

  it('editing a click-to-act number makes it a keypad dial', async () => {
    const { el, host } = await simulated();
    const seen = dials(el);
    host.clickToAct({ value: '425 555 0100' });
    await el.updateComplete;
    input(el).focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '1' });
    await sendKeys({ press: 'Enter' });
    expect(seen[0]).to.deep.equal({ number: '+14255550101', raw: '(425) 555-0101', source: 'keypad' });
    expect(part(el, 'origin')).to.equal(null);
  });

  it('fills the dialer from a fake Microsoft.CIFramework (JSON-string payload)', async () => {
    const { fake, client } = fakeClient();
    const el = await dialer();
    el.client = client;
    await el.updateComplete;
    expect(fake.handlerCount('onclicktoact')).to.equal(1);
    await fake.raise(
      'onclicktoact',
      JSON.stringify({ value: '(425) 555-0100', name: 'mobilephone', format: 'phone', entityLogicalName: 'contact' }),
    );
    await el.updateComplete;
    expect(el.value).to.equal('(425) 555-0100');
    const seen = dials(el);
    expect(el.dial()).to.equal(true);
    expect(seen[0]).to.deep.include({ number: '+14255550100', raw: '(425) 555-0100', source: 'api' });
    expect(seen[0].context).to.deep.include({ name: 'mobilephone', entityLogicalName: 'contact' });
  });

  it('fills the dialer through <cif-provider> over window.Microsoft.CIFramework (the fake library)', async () => {
    const fake = createFakeCIFramework({ version: 2 });
    const uninstall = installFakeCIFramework(fake);
    try {
      const provider = await fixture<CifProvider>(
        html`<cif-provider cif-version="2"><cif-dialer default-country="GB"></cif-dialer></cif-provider>`,
      );
      await waitUntil(() => provider.state === 'ready', 'provider never became ready');
      const el = provider.querySelector('cif-dialer')!;
      await waitUntil(() => fake.handlerCount('onclicktoact') === 1, 'dialer never subscribed');
      await fake.raise('onclicktoact', '{"value":"020 7946 0958","name":"telephone1","format":"phone","entityLogicalName":"contact"}');
      await el.updateComplete;
      expect(el.value).to.equal('020 7946 0958');
      const seen = dials(el);
      part<HTMLButtonElement>(el, 'call-button')!.click();
      expect(seen[0]).to.deep.include({ number: '+442079460958', source: 'click-to-act', raw: '020 7946 0958' });
      el.remove();
      expect(fake.handlerCount()).to.equal(0);
    } finally {
      uninstall();
    }
  });

  it('works the same on CIF 1.0 (simulated v1 host injected through the client property)', async () => {
    const host = new SimulatedCifHost({ version: 1 });
    const client = createSimulatedClient(host);
    expect(client.version).to.equal(1);
    const el = await dialer(html`<cif-dialer default-country="US" auto-dial .client=${client}></cif-dialer>`);
    const seen = dials(el);
    host.clickToAct({ value: '(425) 555-0100' });
    expect(seen.map((d) => d.number)).to.deep.equal(['+14255550100']);
    el.remove();
    expect(host.handlerCount()).to.equal(0);
  });

  it('auto-dial dials at once from the simulated host', async () => {
    const { el, host } = await simulated(html`<cif-dialer default-country="US" auto-dial></cif-dialer>`);
    const event = oneEvent(el, 'cif-dial');
    host.clickToAct({ value: '+44 20 7946 0958', entityLogicalName: 'account', name: 'telephone1' });
    const e = await event;
    expect(e.detail.number).to.equal('+442079460958');
    expect(e.detail.source).to.equal('click-to-act');
    expect(e.detail.raw).to.equal('+44 20 7946 0958');
    expect(e.detail.context).to.deep.include({ entityLogicalName: 'account' });
    await el.updateComplete;
    expect(el.recent[0].number).to.equal('+442079460958');
  });

  it('auto-dial dials at once from a fake Microsoft.CIFramework', async () => {
    const { fake, client } = fakeClient();
    const el = await dialer(html`<cif-dialer default-country="US" auto-dial .client=${client}></cif-dialer>`);
    const seen = dials(el);
    await fake.raise('onclicktoact', JSON.stringify({ value: '1-800-FLOWERS', name: 'telephone1', format: 'phone', entityLogicalName: 'contact' }));
    expect(seen).to.have.length(1);
    expect(seen[0]).to.deep.include({ number: '+18003569377', raw: '1-800-FLOWERS', source: 'click-to-act' });
  });

  it('auto-dial with an invalid number shows the error instead of dialling', async () => {
    const { el, host } = await simulated(html`<cif-dialer default-country="US" auto-dial></cif-dialer>`);
    const seen = dials(el);
    host.clickToAct({ value: '555-01' });
    await el.updateComplete;
    expect(seen).to.have.length(0);
    expect(errorText(el)).to.equal(DEFAULT_DIALER_STRINGS.errorTooShort);
    await expect(el).to.be.accessible();
  });

  it('auto-dial does not dial during a call; the number waits in the field', async () => {
    const { el, host } = await simulated(html`<cif-dialer default-country="US" auto-dial call-state="connected"></cif-dialer>`);
    const seen = dials(el);
    host.clickToAct({ value: '4255550100' });
    await el.updateComplete;
    expect(seen).to.have.length(0);
    await setState(el, 'idle');
    expect(input(el).value).to.equal('(425) 555-0100');
  });

  it('no-click-to-act ignores click-to-act', async () => {
    const { el, host } = await simulated(html`<cif-dialer default-country="US" no-click-to-act auto-dial></cif-dialer>`);
    const seen = dials(el);
    host.clickToAct({ value: '4255550100' });
    await el.updateComplete;
    expect(el.value).to.equal('');
    expect(seen).to.have.length(0);
    el.noClickToAct = false;
    host.clickToAct({ value: '4255550100' });
    expect(seen).to.have.length(1);
  });

  it('ignores e-mail click-to-act', async () => {
    const { el, host } = await simulated();
    host.clickToAct({ value: 'ada@example.com', format: 'email', name: 'emailaddress1' });
    await el.updateComplete;
    expect(el.value).to.equal('');
    expect(part(el, 'origin')).to.equal(null);
  });

  it('works without any provider or client (no click-to-act, dialling still works)', async () => {
    const el = await dialer();
    expect(el.client).to.equal(undefined);
    expect(el.dial('4255550100')).to.equal(true);
  });
});

// ------------------------------------------------------------------ hostile strings

describe('<cif-dialer> hostile strings', () => {
  it('renders a hostile click-to-act value as text (simulated host)', async () => {
    const { el, host } = await simulated(html`<cif-dialer default-country="US" auto-dial></cif-dialer>`);
    const seen = dials(el);
    host.clickToAct({ value: HOSTILE });
    await el.updateComplete;
    expect(document.querySelector('img')).to.equal(null);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(part(el, 'origin')!.querySelector('bdi')!.textContent).to.equal(HOSTILE);
    expect(seen).to.have.length(0);
    expect(errorText(el)).to.equal(DEFAULT_DIALER_STRINGS.errorInvalid);
    expect(input(el).value).to.equal('');
  });

  it('renders a hostile JSON-string payload from the fake library as text', async () => {
    const { fake, client } = fakeClient();
    const el = await dialer(html`<cif-dialer default-country="US" .client=${client}></cif-dialer>`);
    const value = `\u202E${HOSTILE}<script>alert(2)</script>`;
    await fake.raise('onclicktoact', JSON.stringify({ value, name: '<b>x</b>', format: 'phone', entityLogicalName: '<i>' }));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('img, script, b, i')).to.equal(null);
    expect(part(el, 'origin')!.querySelector('bdi')!.textContent).to.equal(value);
  });

  it('renders hostile contact names and numbers as text, and a 100 KB name keeps the layout', async () => {
    const el = await dialer(html`<cif-dialer default-country="US" call-state="connected" style="width: 300px"></cif-dialer>`);
    el.contactName = `\u202E${HOSTILE}`;
    el.callNumber = HOSTILE;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(part(el, 'contact-name')!.textContent!.trim()).to.equal(`\u202E${HOSTILE}`);
    expect(part(el, 'number')!.textContent!.trim()).to.equal(HOSTILE);
    el.contactName = 'A'.repeat(100_000);
    await el.updateComplete;
    expect(el.getBoundingClientRect().width).to.be.at.most(300);
    expect(part(el, 'contact-name')!.getBoundingClientRect().height).to.be.below(200);
    expect(part(el, 'hangup')!.getBoundingClientRect().width).to.be.at.most(300);
  });

  it('sets a hostile value from code as text in the field', async () => {
    const el = await dialer();
    el.value = HOSTILE;
    await el.updateComplete;
    expect(input(el).value).to.equal(HOSTILE);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(el.dial()).to.equal(false);
  });
});

// ------------------------------------------------------------------ in call

describe('<cif-dialer> in a call', () => {
  it('shows the number, the contact and the call controls, and announces state changes', async () => {
    const el = await dialer();
    el.dial('4255550100');
    el.contactName = 'Ada Lovelace';
    await setState(el, 'dialing');
    expect(part(el, 'in-call')).to.not.equal(null);
    expect(part(el, 'form')).to.equal(null);
    expect(part(el, 'number')!.textContent!.trim()).to.equal('(425) 555-0100');
    expect(part(el, 'contact-name')!.textContent!.trim()).to.equal('Ada Lovelace');
    expect(announced(el)).to.equal('Calling Ada Lovelace');
    expect(part(el, 'timer')).to.equal(null, 'no timer before connected');
    expect(part<HTMLButtonElement>(el, 'hold')!.disabled).to.equal(true);
    await expect(el).to.be.accessible();
    await setState(el, 'ringing');
    expect(announced(el)).to.equal('Ringing Ada Lovelace');
    await setState(el, 'connected');
    expect(announced(el)).to.equal('Connected');
    await expect(el).to.be.accessible();
    await setState(el, 'held');
    expect(announced(el)).to.equal('On hold');
    expect(el.held).to.equal(true);
    await expect(el).to.be.accessible();
    await setState(el, 'connected');
    expect(announced(el)).to.equal('Call resumed');
    await setState(el, 'ended');
    expect(announced(el)).to.equal('Call ended');
    expect(part(el, 'in-call')).to.equal(null);
    expect(part(el, 'status')!.textContent).to.contain('Call ended');
    await expect(el).to.be.accessible();
    await setState(el, 'idle');
    expect(part(el, 'status')).to.equal(null);
  });

  it('announces the number when there is no contact name, and "Call ended" when going straight to idle', async () => {
    const el = await dialer(html`<cif-dialer default-country="US" call-number="+442079460958"></cif-dialer>`);
    await setState(el, 'ringing');
    expect(announced(el)).to.equal('Ringing +44 20 7946 0958');
    const live = $(el, '[aria-live="polite"]')!;
    expect(live.getAttribute('aria-atomic')).to.equal('true');
    await setState(el, 'idle');
    expect(announced(el)).to.equal('Call ended');
  });

  it('runs a timer from connected, through held, and stops it when the call ends', async function () {
    this.timeout(12_000); // real seconds pass
    const el = await dialer(html`<cif-dialer default-country="US" call-number="+14255550100"></cif-dialer>`);
    await setState(el, 'connected');
    const timer = part(el, 'timer')!;
    expect(timer.getAttribute('role')).to.equal('timer');
    expect(timer.tagName).to.equal('TIME');
    expect(timer.textContent!.trim()).to.equal('00:00');
    await waitUntil(() => part(el, 'timer')!.textContent!.trim() === '00:01', 'timer did not tick', { timeout: 2500 });
    expect(part(el, 'timer')!.getAttribute('datetime')).to.equal('PT1S');
    await setState(el, 'held');
    expect(el.callDuration).to.be.at.least(1, 'held does not reset the timer');
    await waitUntil(() => el.callDuration >= 2, 'timer stopped during hold', { timeout: 2500 });
    await setState(el, 'connected');
    expect(el.callDuration).to.be.at.least(2);
    await setState(el, 'ended');
    const final = el.callDuration;
    expect(part(el, 'status')!.textContent).to.contain(part(el, 'timer')!.textContent!.trim());
    await aTimeout(1200);
    expect(el.callDuration).to.equal(final, 'the timer stopped');
    await setState(el, 'dialing');
    expect(el.callDuration).to.equal(0, 'a new call starts from zero');
  });

  it("ticks on the call's whole seconds: a call connected 900 ms ago shows 00:01 about 100 ms later", async () => {
    const el = await dialer(html`<cif-dialer default-country="US" call-number="+14255550100"></cif-dialer>`);
    el.connectedAt = Date.now() - 900;
    await setState(el, 'connected');
    expect(part(el, 'timer')!.textContent!.trim()).to.equal('00:00');
    const started = performance.now();
    // (an interval of 1000 ms from now would show it 1000 ms from now)
    await waitUntil(() => part(el, 'timer')!.textContent!.trim() === '00:01', 'the second did not show on time', { timeout: 600, interval: 10 });
    expect(performance.now() - started).to.be.below(600);
    await setState(el, 'ended');
  });

  it('shows h:mm:ss past an hour', async () => {
    const el = await dialer();
    const realNow = Date.now;
    await setState(el, 'connected');
    try {
      const offset = 3723_000;
      Date.now = () => realNow() + offset;
      await waitUntil(() => /^1:02:0[34]$/.test(part(el, 'timer')!.textContent!.trim()), 'no h:mm:ss', { timeout: 2500 });
    } finally {
      Date.now = realNow;
    }
  });

  it('mute is a cancelable toggle button with aria-pressed; it resets when the call ends', async () => {
    const el = await dialer(html`<cif-dialer call-state="connected"></cif-dialer>`);
    const mute = part<HTMLButtonElement>(el, 'mute')!;
    expect(mute.getAttribute('aria-pressed')).to.equal('false');
    const cancel = (e: Event) => e.preventDefault();
    el.addEventListener('cif-mute', cancel);
    let event = oneEvent(el, 'cif-mute');
    mute.click();
    let e = await event;
    expect(e.detail).to.deep.equal({ muted: true });
    expect(e.cancelable).to.equal(true);
    await el.updateComplete;
    expect(el.muted).to.equal(false, 'cancelled: not toggled');
    expect(mute.getAttribute('aria-pressed')).to.equal('false');
    el.removeEventListener('cif-mute', cancel);
    event = oneEvent(el, 'cif-mute');
    mute.click();
    e = await event;
    await el.updateComplete;
    expect(el.muted).to.equal(true);
    expect(el.hasAttribute('muted')).to.equal(true);
    expect(mute.getAttribute('aria-pressed')).to.equal('true');
    await setState(el, 'ended');
    expect(el.muted).to.equal(false);
  });

  it('hold is a cancelable toggle that moves the call between connected and held', async () => {
    const el = await dialer(html`<cif-dialer call-state="connected"></cif-dialer>`);
    const hold = part<HTMLButtonElement>(el, 'hold')!;
    const cancel = (e: Event) => e.preventDefault();
    el.addEventListener('cif-hold', cancel);
    hold.click();
    await el.updateComplete;
    expect(el.held).to.equal(false);
    expect(el.callState).to.equal('connected');
    el.removeEventListener('cif-hold', cancel);
    const event = oneEvent(el, 'cif-hold');
    hold.click();
    const e = await event;
    expect(e.detail).to.deep.equal({ held: true });
    await el.updateComplete;
    expect(el.callState).to.equal('held');
    expect(el.getAttribute('call-state')).to.equal('held');
    expect(part(el, 'hold')!.getAttribute('aria-pressed')).to.equal('true');
    expect(announced(el)).to.equal('On hold');
    part(el, 'hold')!.click();
    await el.updateComplete;
    expect(el.callState).to.equal('connected');
  });

  it('hang-up fires cif-hangup with the number', async () => {
    const el = await dialer();
    el.dial('4255550100');
    await setState(el, 'connected');
    const event = oneEvent(el, 'cif-hangup');
    part(el, 'hangup')!.click();
    const e = await event;
    expect(e.detail).to.deep.equal({ number: '+14255550100' });
    expect(e.bubbles && e.composed).to.equal(true);
  });

  it('the keypad sends tones (cif-dtmf) in a connected call and does not edit the number', async () => {
    const el = await dialer(html`<cif-dialer default-country="US" call-state="connected"></cif-dialer>`);
    el.value = '4255550100';
    const toggle = part<HTMLButtonElement>(el, 'keypad-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(part(el, 'keypad')).to.equal(null);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(toggle.getAttribute('aria-controls')).to.equal(part(el, 'keypad')!.id);
    expect(part(el, 'keypad')!.getAttribute('aria-label')).to.equal(DEFAULT_DIALER_STRINGS.dtmfKeypad);
    await expect(el).to.be.accessible();
    const digits: string[] = [];
    el.addEventListener('cif-dtmf', (e) => digits.push(e.detail.digit));
    key(el, '5').click();
    key(el, '#').click();
    // typing while focus is in the dialer sends tones too
    key(el, '1').focus();
    await sendKeys({ type: '9*' });
    await el.updateComplete;
    expect(digits).to.deep.equal(['5', '#', '9', '*']);
    expect(part(el, 'dtmf-digits')!.textContent).to.contain('5#9*');
    expect(el.value).to.equal('(425) 555-0100', 'the number is untouched');
    await setState(el, 'held');
    key(el, '5')?.click();
    expect(part(el, 'keypad')).to.equal(null, 'no tones while held');
    expect(digits).to.have.length(4);
  });

  it('moves focus to hang-up when a call starts from the dialer, and back to the field when it ends', async () => {
    const el = await dialer();
    el.addEventListener('cif-dial', () => (el.callState = 'dialing'));
    await typeInto(el, '4255550100');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await el.updateComplete;
    expect(active(el)).to.equal(part(el, 'hangup'));
    await sendKeys({ press: 'Enter' }); // hang up with the keyboard
    await setState(el, 'ended');
    await elementUpdated(el);
    expect(active(el)).to.equal(input(el));
  });
});

// ------------------------------------------------------------------ listeners

describe('<cif-dialer> listeners on the client', () => {
  it('leaves no listener on the client or the CIF library after removal (fake library)', async () => {
    const { fake, client } = fakeClient();
    const el = await dialer(html`<cif-dialer .client=${client}></cif-dialer>`);
    expect(client.listenerCount()).to.equal(1);
    expect(fake.handlerCount()).to.equal(1);
    el.remove();
    expect(client.listenerCount()).to.equal(0);
    expect(fake.handlerCount()).to.equal(0);
    // and re-attaching subscribes again
    document.body.append(el);
    await el.updateComplete;
    expect(client.listenerCount()).to.equal(1);
    el.remove();
    expect(fake.handlerCount()).to.equal(0);
  });

  it('leaves no listener on the simulated host after removal', async () => {
    const { el, host, provider } = await simulated();
    expect(host.handlerCount('onclicktoact')).to.equal(1);
    expect(provider.client!.listenerCount()).to.equal(1);
    el.remove();
    expect(provider.client!.listenerCount()).to.equal(0);
    expect(host.handlerCount()).to.equal(0);
  });

  it('switches clients cleanly when the client property changes', async () => {
    const a = fakeClient();
    const host = new SimulatedCifHost();
    const b = createSimulatedClient(host);
    const el = await dialer(html`<cif-dialer default-country="US" .client=${a.client}></cif-dialer>`);
    el.client = b;
    await el.updateComplete;
    expect(a.fake.handlerCount()).to.equal(0);
    expect(host.handlerCount('onclicktoact')).to.equal(1);
    host.clickToAct({ value: '4255550100' });
    await el.updateComplete;
    expect(el.value).to.equal('(425) 555-0100');
    el.remove();
    expect(b.listenerCount()).to.equal(0);
  });

  it('stops its timer when removed', async () => {
    const el = await dialer(html`<cif-dialer call-state="connected"></cif-dialer>`);
    const parent = el.parentElement!;
    el.remove();
    const before = el.callDuration;
    await aTimeout(1100);
    expect(el.callDuration).to.equal(before);
    parent.append(el);
    await waitUntil(() => el.callDuration > before, 'timer did not resume', { timeout: 2500 });
  });
});
