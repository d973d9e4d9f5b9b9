import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@cif-elements/core';
import { handset } from '@cif-elements/core/icons';
import type { CifProvider } from '@cif-elements/core';
import '../src/index.js';
import type { CifDialer, CifDialerCall } from '../src/index.js';

const part = <T extends Element = HTMLElement>(el: CifDialer, name: string): T | null => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const parts = (el: CifDialer, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const focusedPart = (el: CifDialer) => el.shadowRoot!.activeElement?.getAttribute('part') ?? '';

/**
 * Asserts that `text` shows a timer counting from `connectedAt`: at least the time from `connectedAt` to the
 * test's start (T0), at most the time until now (a loaded machine may take seconds to render).
 */
function expectTimerFrom(text: string | null | undefined, connectedAt: number): void {
  const m = /(\d\d):(\d\d)/.exec(text ?? '');
  expect(m, `a mm:ss timer in ${JSON.stringify(text)}`).to.not.equal(null);
  const shown = Number(m![1]) * 60 + Number(m![2]);
  expect(shown).to.be.within(Math.floor((T0 - connectedAt) / 1000), Math.floor((Date.now() - connectedAt) / 1000));
}

let T0 = Date.now();
let A: CifDialerCall;
let B: CifDialerCall;
let C: CifDialerCall;
beforeEach(() => {
  T0 = Date.now();
  A = { callId: 'A', name: 'Alan Turing', number: '+14255550149', state: 'held', connectedAt: T0 - 75_000 };
  B = { callId: 'B', name: 'Grace Hopper', number: '+442079460050', state: 'connected', connectedAt: T0 - 4_000 };
  C = { callId: 'C', name: 'Ada Lovelace', number: '+442079460077', state: 'ringing' };
});

async function setCalls(el: CifDialer, calls: CifDialerCall[], inFront: string): Promise<void> {
  const front = calls.find((c) => c.callId === inFront)!;
  el.calls = calls;
  el.activeCallId = inFront;
  el.connectedAt = front.connectedAt;
  el.callNumber = front.number;
  el.contactName = front.name;
  el.callState = 'connected';
  await el.updateComplete;
}

/** The cell of a call's row in the call list (`info`, `swap`, `hold`, `hangup`). */
const cell = (el: CifDialer, callId: string, name: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part~="call-item"][data-call-id="${callId}"] [data-cell="${name}"]`);

const focusedCell = (el: CifDialer) => el.shadowRoot!.activeElement?.closest<HTMLElement>('[data-cell]') ?? null;

/** [call id, cell] of the focused cell of the call list; also checks it is the list's one tab stop. */
function stop(el: CifDialer): [string, string] | undefined {
  const c = focusedCell(el);
  if (!c) return undefined;
  expect(c.getAttribute('tabindex'), 'the focused cell is the tab stop').to.equal('0');
  return [c.closest<HTMLElement>('[part~="call-item"]')!.dataset.callId!, c.dataset.cell!];
}

async function press(el: CifDialer, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    await sendKeys({ press: key });
    await el.updateComplete;
  }
}

async function twoCalls(): Promise<CifDialer> {
  const el = await fixture<CifDialer>(html`<cif-dialer default-country="US"></cif-dialer>`);
  el.calls = [A, B];
  el.activeCallId = 'B';
  el.connectedAt = B.connectedAt;
  el.callNumber = B.number;
  el.contactName = B.name;
  el.callState = 'connected';
  await el.updateComplete;
  return el;
}

/** Presses Tab (Shift+Tab with `back`) until the part has the focus; fails after 30 presses. */
async function tabTo(el: CifDialer, name: string, back = false): Promise<void> {
  for (let i = 0; i < 30; i++) {
    if (focusedPart(el).split(' ').includes(name)) return;
    if (back) await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    if (back) await sendKeys({ up: 'Shift' });
  }
  throw new Error(`Tab never reached ${name} (at ${focusedPart(el)})`);
}

function record<T>(el: EventTarget, type: string): T[] {
  const seen: T[] = [];
  el.addEventListener(type, (e) => seen.push((e as CustomEvent<T>).detail));
  return seen;
}

describe('<cif-dialer> with several calls', () => {
  it('one call: no list; two: a list with each party, state, own timer, and the one in front marked', async () => {
    const el = await fixture<CifDialer>(html`<cif-dialer></cif-dialer>`);
    el.calls = [B];
    el.activeCallId = 'B';
    el.callState = 'connected';
    await el.updateComplete;
    expect(part(el, 'call-list')).to.equal(null);
    const two = await twoCalls();
    const items = parts(two, 'call-item');
    expect(items.map((i) => i.dataset.callId)).to.deep.equal(['A', 'B']);
    expect(items.map((i) => i.getAttribute('aria-current'))).to.deep.equal(['false', 'true']);
    expect(items[0]!.textContent).to.contain('Alan Turing').and.contain('On hold');
    expectTimerFrom(items[0]!.textContent, A.connectedAt!);
    expect(items[1]!.textContent).to.contain('Grace Hopper').and.contain('Connected');
    // The in-call timer counts from B's connection, not A's.
    expect(part(two, 'timer')!.textContent).to.match(/^\d\d:\d\d$/);
    expectTimerFrom(part(two, 'timer')!.textContent, B.connectedAt!);
    expect(part(two, 'call-list')!.getAttribute('aria-label')).to.equal('Calls');
    await expect(two).to.be.accessible();
  });

  it('switching the call in front restarts the timer from that call', async () => {
    const el = await twoCalls();
    el.calls = [{ ...A, state: 'connected' }, { ...B, state: 'held' }];
    el.activeCallId = 'A';
    el.connectedAt = A.connectedAt;
    await el.updateComplete;
    expect(part(el, 'timer')!.textContent).to.match(/^\d\d:\d\d$/);
    expectTimerFrom(part(el, 'timer')!.textContent, A.connectedAt!);
  });

  it('keyboard only: the list is one tab stop; ↑ ↓ between calls, ← → along a call; switch to, hold/resume, hang up', async () => {
    const wrap = await fixture<HTMLDivElement>(
      html`<div><button id="before">before</button><cif-dialer default-country="US"></cif-dialer></div>`,
    );
    const el = wrap.querySelector('cif-dialer')!;
    await setCalls(el, [A, B, C], 'B');
    const swaps = record<{ callId: string }>(el, 'cif-call-swap');
    const holds = record<{ held: boolean; callId?: string }>(el, 'cif-hold');
    const hangups = record<{ callId?: string }>(el, 'cif-hangup');
    const before = wrap.querySelector<HTMLButtonElement>('#before')!;
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(stop(el), 'Tab enters on the first call').to.deep.equal(['A', 'info']);
    expect(focusedCell(el)!.textContent).to.contain('Alan Turing').and.contain('On hold');
    // exactly one tab stop in the list
    const tabbable = [...part(el, 'call-list')!.querySelectorAll('[tabindex="0"]')];
    expect(tabbable).to.have.length(1);
    await press(el, 'ArrowRight');
    expect(stop(el)).to.deep.equal(['A', 'swap']);
    await press(el, 'ArrowRight');
    expect(stop(el)).to.deep.equal(['A', 'hold']);
    await press(el, 'ArrowRight', 'ArrowRight');
    expect(stop(el), 'stops at the end of the row').to.deep.equal(['A', 'hangup']);
    await press(el, 'ArrowDown');
    // B (in front) has no swap: its hang-up is the same cell
    expect(stop(el)).to.deep.equal(['B', 'hangup']);
    await press(el, 'ArrowDown');
    expect(stop(el), 'C (ringing) has no hold').to.deep.equal(['C', 'hangup']);
    await press(el, 'ArrowDown');
    expect(stop(el), 'stops at the last call').to.deep.equal(['C', 'hangup']);
    await press(el, 'Home');
    expect(stop(el)).to.deep.equal(['A', 'hangup']);
    await press(el, 'ArrowLeft', 'ArrowLeft');
    expect(stop(el)).to.deep.equal(['A', 'swap']);
    await press(el, 'ArrowDown');
    // B has no swap: the same column (its hold)
    expect(stop(el)).to.deep.equal(['B', 'hold']);
    await press(el, 'End');
    expect(stop(el), 'C (ringing) has swap, no hold: column 1 is its swap').to.deep.equal(['C', 'swap']);
    await press(el, 'ArrowUp', 'ArrowLeft');
    expect(stop(el)).to.deep.equal(['B', 'info']);
    // Tab leaves the list; Shift+Tab comes back to the same cell
    await sendKeys({ press: 'Tab' });
    expect(part(el, 'call-list')!.contains(el.shadowRoot!.activeElement)).to.equal(false);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(stop(el)).to.deep.equal(['B', 'info']);
    await expect(el).to.be.accessible();

    await press(el, 'ArrowUp', 'ArrowRight');
    expect(stop(el)).to.deep.equal(['A', 'swap']);
    await sendKeys({ press: 'Enter' });
    expect(swaps).to.deep.equal([{ callId: 'A' }]);
    await press(el, 'ArrowRight');
    await sendKeys({ press: ' ' });
    expect(holds).to.deep.equal([{ held: false, callId: 'A' }]);
    await press(el, 'ArrowRight');
    await sendKeys({ press: 'Enter' });
    expect(hangups).to.deep.equal([{ number: '+14255550149', callId: 'A' }]);
    const names = parts(el, 'call-hangup').map((b) => b.textContent!.replace(/\s+/g, ' ').trim());
    expect(names).to.deep.equal(['Hang up Alan Turing', 'Hang up Grace Hopper', 'Hang up Ada Lovelace']);
  });

  it('right to left: ← moves on along a call, → back', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div dir="rtl"><cif-dialer default-country="US"></cif-dialer></div>`);
    const el = wrap.querySelector('cif-dialer')!;
    await setCalls(el, [A, B], 'B');
    cell(el, 'A', 'info')!.focus();
    await press(el, 'ArrowLeft');
    expect(stop(el)).to.deep.equal(['A', 'swap']);
    await press(el, 'ArrowLeft');
    expect(stop(el)).to.deep.equal(['A', 'hold']);
    await press(el, 'ArrowRight');
    expect(stop(el)).to.deep.equal(['A', 'swap']);
  });

  it('the focused call keeps the focus when calls are reordered, added and removed; its removal moves it to the call in its place', async () => {
    const el = await twoCalls();
    cell(el, 'B', 'hold')!.focus();
    await press(el, 'ArrowRight');
    expect(stop(el)).to.deep.equal(['B', 'hangup']);
    await setCalls(el, [B, A], 'B');
    expect(stop(el), 'reordered').to.deep.equal(['B', 'hangup']);
    expect(parts(el, 'call-item').map((i) => i.dataset.callId)).to.deep.equal(['B', 'A']);
    await setCalls(el, [C, B, A], 'B');
    expect(stop(el), 'a call added before it').to.deep.equal(['B', 'hangup']);
    await press(el, 'ArrowUp');
    expect(stop(el)).to.deep.equal(['C', 'hangup']);
    await press(el, 'ArrowDown', 'ArrowLeft');
    expect(stop(el)).to.deep.equal(['B', 'hold']);
    // B ends: the call now in its place (A), same column
    await setCalls(el, [C, A], 'C');
    expect(stop(el)).to.deep.equal(['A', 'hold']);
    expect([...part(el, 'call-list')!.querySelectorAll('[tabindex="0"]')]).to.have.length(1);
    await press(el, 'ArrowUp');
    expect(stop(el)).to.deep.equal(['C', 'hangup']);
    // The last call after it ends: the previous one
    await setCalls(el, [{ ...C, state: 'connected', connectedAt: T0 }, A, B], 'C');
    cell(el, 'B', 'info')!.focus();
    await setCalls(el, [{ ...C, state: 'connected', connectedAt: T0 }, A], 'C');
    expect(stop(el)).to.deep.equal(['A', 'info']);
    // Down to one call: the list goes, and focus goes to the first in-call control, not to the page
    await setCalls(el, [{ ...C, state: 'connected', connectedAt: T0 }], 'C');
    expect(part(el, 'call-list')).to.equal(null);
    expect(focusedPart(el)).to.equal('mute');
  });

  it('focus away from the list is left alone when calls change', async () => {
    const el = await twoCalls();
    part(el, 'mute')!.focus();
    await setCalls(el, [B, A], 'B');
    expect(focusedPart(el)).to.equal('mute');
  });

  it('transfer panel, keyboard only: target typed or picked from recent numbers; blind (Enter) and consult; cancelable', async () => {
    const el = await twoCalls();
    el.recent = [{ number: '+14255550111', display: '(425) 555-0111', at: 1 }];
    await el.updateComplete;
    const transfers = record<{ callId: string; target: string; mode: string }>(el, 'cif-transfer');
    el.focus();
    await tabTo(el, 'transfer-toggle');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(part(el, 'transfer-toggle')!.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
    await tabTo(el, 'transfer-target');
    await sendKeys({ type: '+14255550123' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(transfers).to.deep.equal([{ callId: 'B', target: '+14255550123', mode: 'blind' }]);
    expect(part(el, 'transfer'), 'closes after a transfer').to.equal(null);
    // Again: a recent number, then "Consult first"; a listener cancels it, the panel stays.
    part(el, 'transfer-toggle')!.click();
    await el.updateComplete;
    el.addEventListener('cif-transfer', (e) => e.preventDefault(), { once: true });
    part(el, 'transfer-recent')!.click();
    await el.updateComplete;
    expect(part<HTMLInputElement>(el, 'transfer-target')!.value).to.equal('+14255550111');
    part(el, 'transfer-consult')!.click();
    await el.updateComplete;
    expect(transfers.at(-1)).to.deep.equal({ callId: 'B', target: '+14255550111', mode: 'consult' });
    expect(part(el, 'transfer'), 'cancelled: stays open').to.not.equal(null);
  });

  it('digits typed in the transfer target are not sent as tones', async () => {
    const el = await twoCalls();
    const tones = record(el, 'cif-dtmf');
    part(el, 'transfer-toggle')!.click();
    await el.updateComplete;
    part<HTMLInputElement>(el, 'transfer-target')!.focus();
    await sendKeys({ type: '123' });
    expect(tones).to.deep.equal([]);
  });

  it('consult in progress: complete, cancel and merge (keyboard), with both call ids', async () => {
    const el = await fixture<CifDialer>(html`<cif-dialer></cif-dialer>`);
    el.calls = [{ ...A, state: 'held' }, { callId: 'K', name: 'Grace Hopper', number: '+442079460050', state: 'connected', connectedAt: T0, consultFor: 'A' }];
    el.activeCallId = 'K';
    el.callState = 'connected';
    await el.updateComplete;
    expect(part(el, 'transfer')!.textContent).to.contain('Consulting Grace Hopper');
    expect(part(el, 'transfer-toggle')).to.equal(null);
    await expect(el).to.be.accessible();
    const completes = record(el, 'cif-transfer-complete');
    const cancels = record(el, 'cif-transfer-cancel');
    const merges = record(el, 'cif-conference');
    el.focus();
    await tabTo(el, 'transfer-complete');
    await sendKeys({ press: 'Enter' });
    await tabTo(el, 'transfer-cancel');
    await sendKeys({ press: 'Enter' });
    await tabTo(el, 'merge');
    await sendKeys({ press: ' ' });
    expect(completes).to.deep.equal([{ callId: 'A', consultCallId: 'K' }]);
    expect(cancels).to.deep.equal([{ callId: 'A', consultCallId: 'K' }]);
    expect(merges).to.deep.equal([{ callIds: ['A', 'K'] }]);
  });

  it('the phone drawing is the handset every element shares: Call, Transfer, and turned down on Hang up', async () => {
    const el = await twoCalls();
    const probe = await fixture<SVGSVGElement>(html`<svg>${handset}</svg>`);
    const d = probe.querySelector('path')!.getAttribute('d');
    const pathOf = (name: string) => part(el, name)!.querySelector('svg path')!.getAttribute('d');
    expect([pathOf('transfer-toggle'), pathOf('hangup')]).to.deep.equal([d, d]);
    expect(part(el, 'hangup')!.querySelector('svg g')!.getAttribute('transform')).to.equal('rotate(135 12 12)');
    const idle = await fixture<CifDialer>(html`<cif-dialer></cif-dialer>`);
    expect(part(idle, 'call-button')!.querySelector('svg path')!.getAttribute('d')).to.equal(d);
  });

  it('hostile party names render as text', async () => {
    const el = await twoCalls();
    el.calls = [{ ...A, name: '<img src=x onerror="window.__pwned=1">' }, B];
    await el.updateComplete;
    expect(part(el, 'call-list')!.querySelector('img')).to.equal(null);
    expect(part(el, 'call-item-name')!.textContent).to.equal('<img src=x onerror="window.__pwned=1">');
  });

  it('transfer target by name: Dynamics contacts found through the client (keyboard), and a failed search says so', async () => {
    const provider = await fixture<CifProvider>(html`<cif-provider simulated><cif-dialer default-country="US"></cif-dialer></cif-provider>`);
    await waitUntil(() => provider.state === 'ready', 'provider ready');
    const el = provider.querySelector('cif-dialer')!;
    await waitUntil(() => el.client !== undefined);
    el.calls = [B];
    el.activeCallId = 'B';
    el.callState = 'connected';
    await el.updateComplete;
    const transfers = record<{ target: string; mode: string }>(el, 'cif-transfer');
    part(el, 'transfer-toggle')!.click();
    await el.updateComplete;
    part<HTMLInputElement>(el, 'transfer-target')!.focus();
    await sendKeys({ type: 'Alan' });
    await waitUntil(() => parts(el, 'transfer-contact').length > 0, 'contacts found');
    expect(parts(el, 'transfer-contact')[0]!.textContent).to.contain('Alan Turing');
    await expect(el).to.be.accessible();
    await tabTo(el, 'transfer-contact');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(part<HTMLInputElement>(el, 'transfer-target')!.value).to.equal('(425) 555-0149');
    part(el, 'transfer-blind')!.click();
    expect(transfers).to.deep.equal([{ callId: 'B', target: '(425) 555-0149', mode: 'blind' }]);

    provider.host!.fail('searchAndOpenRecords', { message: 'search is down' });
    part(el, 'transfer-toggle')!.click();
    await el.updateComplete;
    part<HTMLInputElement>(el, 'transfer-target')!.focus();
    await sendKeys({ type: 'Grace' });
    await waitUntil(() => part(el, 'transfer-search-failed') !== null, 'failure shown');
    expect(part(el, 'transfer-search-failed')!.textContent).to.equal('Could not search Dynamics for contacts.');
    expect(parts(el, 'transfer-contact')).to.deep.equal([]);
  });
});

describe('<cif-dialer> transfer targets from the keypad and from click-to-act', () => {
  it('with the transfer panel open, the keypad types the target and sends no tone', async () => {
    const el = await twoCalls();
    const tones = record<{ digit: string }>(el, 'cif-dtmf');
    const transfers = record<{ callId: string; target: string; mode: string }>(el, 'cif-transfer');
    part(el, 'keypad-toggle')!.click();
    await el.updateComplete;
    expect(part(el, 'keypad')!.getAttribute('aria-label')).to.equal('Keypad (sends tones)');
    part(el, 'transfer-toggle')!.click();
    await el.updateComplete;
    expect(part(el, 'keypad')!.getAttribute('aria-label'), 'the keypad now types, it sends no tones').to.not.equal('Keypad (sends tones)');
    for (const key of ['4', '2', '5']) {
      el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="key"][data-key="${key}"]`)!.click();
    }
    await el.updateComplete;
    expect(part<HTMLInputElement>(el, 'transfer-target')!.value).to.equal('425');
    expect(tones).to.deep.equal([]);
    part(el, 'transfer-blind')!.click();
    expect(transfers).to.deep.equal([{ callId: 'B', target: '425', mode: 'blind' }]);
    // Panel closed again: the keypad sends tones.
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="key"][data-key="7"]')!.click();
    expect(tones.map((t) => t.digit)).to.deep.equal(['7']);
    await expect(el).to.be.accessible();
  });

  it('a number clicked in Dynamics while the transfer panel is open becomes the target (simulated host)', async () => {
    const provider = await fixture<CifProvider>(html`<cif-provider simulated><cif-dialer default-country="US"></cif-dialer></cif-provider>`);
    await waitUntil(() => provider.state === 'ready', 'provider ready');
    const el = provider.querySelector('cif-dialer')!;
    await waitUntil(() => el.client !== undefined);
    el.calls = [B];
    el.activeCallId = 'B';
    el.callNumber = B.number;
    el.callState = 'connected';
    await el.updateComplete;
    part(el, 'transfer-toggle')!.click();
    await el.updateComplete;
    const dials = record(el, 'cif-dial');
    provider.host!.clickToAct({ value: '+1 425 555 0177', name: 'telephone1', format: 'phone', entityLogicalName: 'contact' });
    await waitUntil(() => part<HTMLInputElement>(el, 'transfer-target')!.value === '+1 425 555 0177', 'target filled from click-to-act');
    expect(dials, 'no new call is dialled').to.deep.equal([]);
    expect(el.callNumber).to.equal(B.number);
  });
});
