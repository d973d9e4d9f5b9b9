// Phone numbers in right-to-left pages (issue #12 item 7): every place an element shows a number lays it
// out left to right, isolated from the RTL text around it ("+1 425 555 0148", never "0148 555 425 1+").
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../src/index.js';
import type { CifDialer, CifProvider, CifWrapUp } from '../src/index.js';

const PHONE = /\+?\d[\d ()-]{6,}\d/;

/** Text nodes that look like phone numbers, through shadow roots (form controls: their value). */
function numberTexts(root: Node): Array<{ el: Element; text: string }> {
  const out: Array<{ el: Element; text: string }> = [];
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE && PHONE.test(child.textContent ?? '')) {
        out.push({ el: child.parentElement!, text: child.textContent!.trim() });
      }
      if (child instanceof HTMLInputElement && PHONE.test(child.value)) out.push({ el: child, text: child.value });
      if (child instanceof Element && child.shadowRoot) walk(child.shadowRoot);
      walk(child);
    }
  };
  walk(root);
  return out;
}

/** Laid out left to right on its own: an LTR element that isolates (or is a block / a form control). */
function readsLtr(el: Element): boolean {
  const cs = getComputedStyle(el);
  if (cs.direction !== 'ltr') return false;
  return cs.unicodeBidi !== 'normal' || !cs.display.startsWith('inline') || el.localName === 'input';
}

const where = (el: Element) => {
  const host = (el.getRootNode() as ShadowRoot).host;
  return `${host ? `${host.localName} ` : ''}${el.localName}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''}`;
};

describe('phone numbers in RTL', () => {
  it('read left to right in every element that shows one', async () => {
    const root = await fixture<HTMLElement>(html`<div dir="rtl" lang="ar">
      <cif-provider simulated>
        <cif-click-to-act></cif-click-to-act>
        <cif-dialer default-country="US"></cif-dialer>
        <cif-dialer id="in-call" default-country="US" call-state="connected" call-number="+14255550148"></cif-dialer>
        <cif-incoming-call open caller-number="+14255550148" caller-name="مريم"></cif-incoming-call>
        <cif-wrap-up></cif-wrap-up>
        <cif-session-list></cif-session-list>
      </cif-provider>
    </div>`);
    const provider = root.querySelector<CifProvider>('cif-provider')!;
    await waitUntil(() => provider.state === 'ready');
    const dialer = root.querySelector<CifDialer>('cif-dialer')!;
    await waitUntil(() => dialer.client !== undefined);
    // A number dialled earlier (recent list), then one from Dynamics (field, origin, last clicked item).
    dialer.value = '+1 425 555 0172';
    dialer.dial();
    dialer.callState = 'ended';
    await dialer.updateComplete;
    dialer.callState = 'idle';
    await dialer.updateComplete;
    await provider.client!.createSession({ templateName: 'call', customerName: '+1 425 555 0190', channel: 'Voice' });
    provider.host!.clickToAct({ value: '+1 425 555 0148', entityLogicalName: 'contact' });
    const wrapUp = root.querySelector<CifWrapUp>('cif-wrap-up')!;
    wrapUp.call = { callId: 'c1', direction: 'incoming', number: '+14255550148', active: false, durationSeconds: 303, lookup: 'idle' } as CifWrapUp['call'];
    const inCall = root.querySelector<CifDialer>('#in-call')!;
    inCall.shadowRoot!.querySelector<HTMLButtonElement>('[part~="keypad-toggle"]')!.click();
    await inCall.updateComplete;
    for (const d of '5550100') inCall.shadowRoot!.querySelector<HTMLButtonElement>(`[data-key="${d}"]`)!.click();
    for (const el of root.querySelectorAll('*')) await (el as Partial<{ updateComplete: Promise<unknown> }>).updateComplete;
    await new Promise((r) => requestAnimationFrame(r));

    const found = numberTexts(root);
    const places = new Set(found.map((f) => (f.el.getRootNode() as ShadowRoot).host?.localName));
    for (const tag of ['cif-click-to-act', 'cif-dialer', 'cif-incoming-call', 'cif-wrap-up', 'cif-session-list']) {
      expect(places.has(tag), `no number found in ${tag}`).to.equal(true);
    }
    // Live-region text that is only announced (visually hidden) has no visual order.
    const visible = (el: Element): boolean => {
      for (let e: Element | null = el; e; e = e.parentElement ?? ((e.getRootNode() as ShadowRoot).host as Element | null)) {
        if (e.getBoundingClientRect().width <= 1) return false;
      }
      return true;
    };
    const shown = found.filter((f) => visible(f.el));
    const reversed = shown.filter((f) => !readsLtr(f.el)).map((f) => `"${f.text}" in ${where(f.el)}`);
    expect(reversed, reversed.join('\n')).to.deep.equal([]);
  });
});
