// The demo page (demo/index.html), the first thing users see: axe finds nothing in light and dark, LTR and
// RTL, and every phone number on it reads left to right in a right-to-left page (issue #12 items 7 and 9).
import { expect } from '@open-wc/testing';
import type { CifProvider } from '../src/index.js';
import { closePages, loadPage, until } from './frame.js';
import type { LoadedPage } from './frame.js';

interface AxeViolation {
  id: string;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}
type AxeWindow = Window & { axe?: { run(context: Node, options: object): Promise<{ violations: AxeViolation[] }> } };

async function openDemo(query = ''): Promise<LoadedPage> {
  const page = await loadPage(`/demo/index.html${query}`);
  page.frame.style.width = '1100px';
  const provider = page.doc.querySelector<CifProvider>('#provider')!;
  await until(() => provider.state === 'ready', 'the demo connected', 8000);
  await until(() => page.doc.querySelector('#form .click-to-act'), 'the demo form rendered', 5000);
  const script = page.doc.createElement('script');
  script.src = '/node_modules/axe-core/axe.min.js';
  const loaded = new Promise((r) => script.addEventListener('load', r, { once: true }));
  page.doc.head.append(script);
  await loaded;
  return page;
}

/** Lets the page render, and its colour transitions (keys fade their background) finish. */
async function settle(page: LoadedPage): Promise<void> {
  await new Promise((r) => page.win.requestAnimationFrame(() => page.win.requestAnimationFrame(r)));
  await Promise.all(page.doc.getAnimations().map((a) => a.finished.catch(() => undefined)));
  await new Promise((r) => setTimeout(r, 250));
}

async function violations(page: LoadedPage): Promise<string[]> {
  const axe = (page.win as AxeWindow).axe!;
  const result = await axe.run(page.doc, { resultTypes: ['violations'] });
  return result.violations.map(
    (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('; ')}`,
  );
}

/** Text nodes that look like phone numbers, through shadow roots. */
function numberTexts(root: Document | ShadowRoot | Element): Text[] {
  const out: Text[] = [];
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE && /\+?\d[\d ()-]{6,}\d/.test(child.textContent ?? '')) out.push(child as Text);
      if (child instanceof Element && child.shadowRoot) walk(child.shadowRoot);
      walk(child);
    }
  };
  walk(root);
  return out;
}

/** Whether `text` is laid out left to right on its own: in an LTR element that isolates or is a block. */
function readsLtr(text: Text): boolean {
  const el = text.parentElement!;
  const cs = el.ownerDocument.defaultView!.getComputedStyle(el);
  if (cs.direction !== 'ltr') return false;
  return cs.unicodeBidi !== 'normal' || !cs.display.startsWith('inline') || el.localName === 'button';
}

describe('the demo page', () => {
  afterEach(closePages);

  it('shows the widget in the language chosen (?locale=ar, then the Language menu): text, direction, axe', async function () {
    this.timeout(30_000);
    const page = await openDemo('?locale=ar');
    const provider = page.doc.querySelector<CifProvider>('#provider')!;
    const dialer = page.doc.querySelector('cif-dialer')!;
    const callButton = () => dialer.shadowRoot!.querySelector('[part~="call-button"]')!.textContent!.trim();
    await until(() => callButton() !== 'Call', 'the dialer in Arabic');
    expect(provider.getAttribute('dir')).to.equal('rtl');
    expect(page.win.getComputedStyle(dialer).direction).to.equal('rtl');
    const select = page.doc.querySelector<HTMLSelectElement>('#locale')!;
    expect(select.value).to.equal('ar');
    select.value = 'de';
    select.dispatchEvent(new page.win.Event('change'));
    await until(() => callButton() === 'Anrufen', 'the dialer in German');
    expect(provider.hasAttribute('dir') ? provider.getAttribute('dir') : 'ltr').to.equal('ltr');
    const result = await (page.win as AxeWindow).axe!.run(provider, { resultTypes: ['violations'] });
    expect(result.violations.map((v) => v.id)).to.deep.equal([]);
  });

  it('has no axe violations, light and dark, LTR and RTL', async function () {
    this.timeout(30_000);
    const page = await openDemo();
    const found: string[] = [];
    for (const [theme, dir] of [
      ['light', 'ltr'],
      ['dark', 'ltr'],
      ['light', 'rtl'],
      ['dark', 'rtl'],
    ] as const) {
      const dark = page.doc.querySelector<HTMLInputElement>('#dark')!;
      if (dark.checked !== (theme === 'dark')) dark.click();
      const rtl = page.doc.querySelector<HTMLInputElement>('#rtl')!;
      if (rtl.checked !== (dir === 'rtl')) rtl.click();
      await settle(page);
      for (const v of await violations(page)) found.push(`${theme} ${dir}: ${v}`);
    }
    expect(found, found.join('\n')).to.deep.equal([]);
  });

  it('shows every phone number left to right in a right-to-left page (form and widget)', async function () {
    this.timeout(30_000);
    const page = await openDemo();
    page.doc.querySelector<HTMLInputElement>('#rtl')!.click();
    expect(page.doc.documentElement.dir).to.equal('rtl');
    // Put numbers in the widget too: a click-to-act from the form fills the dialer and the last-clicked item.
    page.doc.querySelector<HTMLButtonElement>('#form .click-to-act')!.click();
    await settle(page);
    await new Promise((r) => setTimeout(r, 100));
    const texts = numberTexts(page.doc);
    expect(texts.length).to.be.greaterThan(2);
    const reversed = texts.filter((t) => !readsLtr(t)).map((t) => {
      const host = (t.parentElement!.getRootNode() as ShadowRoot).host;
      return `"${t.textContent!.trim()}" in ${host ? `${host.localName} ` : ''}${t.parentElement!.localName}`;
    });
    expect(reversed, reversed.join('\n')).to.deep.equal([]);
  });
});

describe('the demo page with several channel providers', () => {
  afterEach(closePages);

  it('opens the default session so the widget shows, and hides the widget in the home session without it', async function () {
    this.timeout(30_000);
    const page = await openDemo();
    const provider = page.doc.querySelector<CifProvider>('#provider')!;
    const firstHost = provider.host;
    page.doc.querySelector<HTMLInputElement>('#providers')!.click();
    await until(() => provider.host !== firstHost && provider.state === 'ready', 'reconnected with several providers', 8000);
    const host = provider.host!;
    expect(host.providers).to.equal(2);
    await until(() => host.sessions.length === 1, 'default session opened', 5000);
    expect(host.sessions[0]!.templateName).to.equal('msdyn_phone_default');
    expect(host.widgetVisible).to.equal(true);
    expect(page.doc.querySelector<HTMLElement>('#hidden-note')!.hidden).to.equal(true);
    // The agent goes back to the home session: Dynamics hides the widget, and the demo says why.
    host.userSwitchesSession('session-id-0');
    await settle(page);
    expect(host.widgetVisible).to.equal(false);
    expect(page.doc.querySelector<HTMLElement>('#hidden-note')!.hidden).to.equal(false);
    expect((await violations(page)).join('\n')).to.equal('');
  });
});
