// Narrow panels (issue #12 item 6): every element and the assembled widget fit, with no clipped control
// and no horizontal scroll, in a 280 px panel — left to right, right to left, and at 200 % zoom.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../src/index.js';
import type { CifDialer, CifProvider } from '../src/index.js';

interface Layout {
  width: number;
  dir: 'ltr' | 'rtl';
  /** CSS zoom of the panel's content (the panel keeps its width in device pixels). */
  zoom: 1 | 2;
}

const LAYOUTS: Layout[] = [
  { width: 280, dir: 'ltr', zoom: 1 },
  { width: 280, dir: 'rtl', zoom: 1 },
  { width: 280, dir: 'ltr', zoom: 2 },
  { width: 280, dir: 'rtl', zoom: 2 },
];

/** Every element under `root`, through open shadow roots. */
function allElements(root: Element | ShadowRoot): Element[] {
  const out: Element[] = [];
  const walk = (node: Element | ShadowRoot) => {
    for (const child of node.children) {
      out.push(child);
      if (child.shadowRoot) walk(child.shadowRoot);
      walk(child);
    }
  };
  walk(root);
  return out;
}

function textNodes(el: Element): Text[] {
  return [...el.childNodes].filter((n): n is Text => n.nodeType === Node.TEXT_NODE && !!n.textContent?.trim());
}

/** Visually hidden on purpose (the 1 px clip pattern), or not rendered. */
function hidden(el: Element): boolean {
  const r = el.getBoundingClientRect();
  if (r.width <= 1 || r.height <= 1) return true;
  const cs = styleOf(el);
  return cs.visibility === 'hidden' || cs.display === 'none' || cs.clip === 'rect(0px, 0px, 0px, 0px)';
}

const styleOf = (el: Element): CSSStyleDeclaration => el.ownerDocument.defaultView!.getComputedStyle(el);

/** The parent element, crossing shadow roots. */
const parentOf = (el: Element): Element | null => el.parentElement ?? ((el.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;

/** Whether an ancestor below `panel` clips its overflow (then that ancestor is what gets checked). */
function clippedByAncestor(el: Element, panel: Element): boolean {
  for (let p = parentOf(el); p && p !== panel; p = parentOf(p)) {
    if (styleOf(p).overflowX !== 'visible') return true;
  }
  return false;
}

/** What sticks out of `panel` or scrolls sideways: a list of readable problems, empty when it fits. */
function overflow(panel: HTMLElement): string[] {
  const problems: string[] = [];
  const box = panel.getBoundingClientRect();
  const name = (el: Element) => {
    const host = (el.getRootNode() as ShadowRoot).host;
    const part = el.getAttribute('part');
    return `${host ? `${host.localName} ` : ''}${el.localName}${part ? `[part=${part}]` : el.className ? `.${String(el.className).split(' ')[0]}` : ''}`;
  };
  if (panel.scrollWidth > panel.clientWidth + 1) problems.push(`panel scrolls: ${panel.scrollWidth} > ${panel.clientWidth}`);
  for (const el of allElements(panel)) {
    if (hidden(el)) continue;
    const cs = styleOf(el);
    if (cs.position === 'fixed') continue;
    const r = el.getBoundingClientRect();
    const clipped = clippedByAncestor(el, panel);
    if (!clipped && (r.left < box.left - 1 || r.right > box.right + 1)) {
      problems.push(`${name(el)} outside the panel: ${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)} of ${Math.round(box.width)}`);
    }
    // A text field's own text scrolls under the caret (long numbers at 200 %); the field itself must fit.
    // Deliberate truncation with an ellipsis (long names, record fields) is a design choice; a phone number
    // (part *value / *number) must never be cut.
    const part = el.getAttribute('part') ?? '';
    const ellipsis = cs.textOverflow === 'ellipsis' && !/value|number/.test(part);
    const ownTextScrolls = el.localName === 'input' || el.localName === 'textarea' || ellipsis;
    if (!ownTextScrolls && /(hidden|clip|auto|scroll)/.test(cs.overflowX) && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${name(el)} clips or scrolls its content: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    for (const t of textNodes(el)) {
      const range = el.ownerDocument.createRange();
      range.selectNodeContents(t);
      const tr = range.getBoundingClientRect();
      if (!clipped && tr.width > 0 && (tr.left < box.left - 1 || tr.right > box.right + 1)) {
        problems.push(`text "${t.textContent!.trim().slice(0, 30)}" in ${name(el)} outside the panel`);
      }
    }
  }
  return problems;
}

/** Renders `content` in a panel of `layout` and waits until it has settled. */
async function panel(layout: Layout, content: TemplateResult): Promise<HTMLElement> {
  // At 200 % zoom a panel of 280 device pixels holds 140 CSS pixels of content, each drawn twice as big.
  const css = `inline-size: ${layout.width / layout.zoom}px; zoom: ${layout.zoom}; box-sizing: border-box;`;
  const wrapper = await fixture<HTMLElement>(html`<div dir=${layout.dir} style=${css}>${content}</div>`);
  const provider = wrapper.querySelector<CifProvider>('cif-provider');
  if (provider) await waitUntil(() => provider.state !== 'connecting', 'provider settled');
  await settle(wrapper);
  return wrapper;
}

async function settle(wrapper: HTMLElement): Promise<void> {
  for (const el of allElements(wrapper)) await (el as Partial<{ updateComplete: Promise<unknown> }>).updateComplete;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
}

const label = (l: Layout) => `${l.width} px ${l.dir.toUpperCase()}${l.zoom === 2 ? ' at 200 %' : ''}`;

/** What to do once the panel is ready, before measuring (fill lists, raise events). */
type Setup = (wrapper: HTMLElement) => Promise<void>;

const withSessions: Setup = async (wrapper) => {
  const provider = wrapper.querySelector<CifProvider>('cif-provider')!;
  for (const name of ['Maria Campbell-Fernández de la Cruz', 'Дмитрий Константинопольский', 'Alex']) {
    await provider.client!.createSession({ templateName: 'call', customerName: name, channel: 'Voice' });
  }
  provider.host!.clickToAct({ value: '+1 (425) 555-0149 ext. 12345', entityLogicalName: 'contact' });
};

const ELEMENTS: Record<string, [() => TemplateResult, Setup?]> = {
  'cif-provider (error)': [() => html`<cif-provider crm-url="javascript:alert(1)"></cif-provider>`],
  'cif-presence': [() => html`<cif-provider simulated><cif-presence></cif-presence></cif-provider>`],
  'cif-click-to-act': [() => html`<cif-provider simulated><cif-click-to-act></cif-click-to-act></cif-provider>`, withSessions],
  'cif-dialer': [() => html`<cif-provider simulated><cif-dialer default-country="US"></cif-dialer></cif-provider>`, withSessions],
  'cif-dialer (in a call)': [() => html`<cif-provider simulated
    ><cif-dialer default-country="US" call-state="connected" contact-name="Maria Campbell" call-number="+14255550149"></cif-dialer
  ></cif-provider>`],
  'cif-session-list': [() => html`<cif-provider simulated><cif-session-list></cif-session-list></cif-provider>`, withSessions],
  'cif-incoming-call': [() => html`<cif-provider simulated
    ><cif-incoming-call open caller-number="+14255550149" caller-name="Maria Campbell" queue="Support"></cif-incoming-call
  ></cif-provider>`],
  'cif-wrap-up': [() => html`<cif-provider simulated><cif-wrap-up></cif-wrap-up></cif-provider>`],
  'the assembled widget': [
    () => html`<cif-provider simulated>
    <div style="display: grid; gap: 12px">
      <div style="display: flex; flex-wrap: wrap; gap: 8px; justify-content: space-between">
        <cif-presence></cif-presence>
        <cif-click-to-act></cif-click-to-act>
      </div>
      <cif-call-flow default-country="US">
        <cif-incoming-call timeout="20"></cif-incoming-call>
        <cif-dialer default-country="US"></cif-dialer>
        <cif-wrap-up></cif-wrap-up>
      </cif-call-flow>
      <cif-session-list></cif-session-list>
    </div>
  </cif-provider>`,
    withSessions,
  ],
};

/**
 * Renders `markup` as the whole page of an iframe of the layout's width — the widget's real situation: its
 * viewport is the panel (popups sized with vw then fit). At 200 % the frame is zoomed.
 */
async function framePanel(layout: Layout, markup: string): Promise<HTMLElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = `inline-size: ${layout.width / layout.zoom}px; block-size: 600px; border: 0; zoom: ${layout.zoom}`;
  frame.srcdoc = `<!doctype html><html dir="${layout.dir}"><body style="margin: 0">
    <script type="module" src="/packages/elements/src/index.ts"></script>${markup}</body></html>`;
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  document.body.append(frame);
  await loaded;
  const doc = frame.contentDocument!;
  await waitUntil(() => doc.querySelector<CifProvider>('cif-provider')?.state === 'ready', 'provider ready in the frame');
  const body = doc.body;
  await settle(body);
  return body;
}

describe('narrow panels: popups fit the panel (the widget’s viewport)', () => {
  it('the presence menu fits a 280 px panel, LTR, RTL and at 200 %', async function () {
    // Four frames, each loading the whole widget from source: 4.1-4.9 s in Firefox on a 2-core machine.
    this.timeout(20_000);
    const failures: string[] = [];
    for (const layout of LAYOUTS) {
      const body = await framePanel(layout, '<cif-provider simulated><cif-presence></cif-presence></cif-provider>');
      const presence = body.querySelector('cif-presence')!;
      presence.show();
      await settle(body);
      expect(presence.shadowRoot!.querySelector('[part~="menu"]')!.getBoundingClientRect().width).to.be.greaterThan(50);
      for (const p of overflow(body)) failures.push(`${label(layout)}: ${p}`);
      body.ownerDocument.defaultView!.frameElement!.remove();
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });
});

describe('narrow panels: no clipping and no horizontal scroll from 280 px', () => {
  for (const [what, [template, setup]] of Object.entries(ELEMENTS)) {
    it(`${what} fits`, async () => {
      const failures: string[] = [];
      for (const layout of LAYOUTS) {
        const wrapper = await panel(layout, template());
        if (setup) {
          await setup(wrapper);
          await settle(wrapper);
        }
        const dialer = wrapper.querySelector<CifDialer>('cif-dialer');
        if (dialer) expect(dialer.shadowRoot!.querySelector('[part~="input"], [part~="hangup"]')).to.not.equal(null);
        for (const p of overflow(wrapper)) failures.push(`${label(layout)}: ${p}`);
        wrapper.remove();
      }
      expect(failures, failures.join('\n')).to.deep.equal([]);
    });
  }
});
