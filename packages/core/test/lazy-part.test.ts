import { expect, fixture } from '@open-wc/testing';
import { LitElement, css, html } from 'lit';
import { LazyPart, lazyModule } from '../src/index.js';
import type { LazyPartLoadTime, PartLoader } from '../src/index.js';

interface Part {
  label: string;
}

/** A loader whose import the test settles by hand, counting the imports it starts. */
function controlledLoader(): { loader: PartLoader<Part>; imports: number; resolve(p: Part): void; reject(e: Error): void } {
  const out = {
    imports: 0,
    resolve: (_: Part) => {},
    reject: (_: Error) => {},
    loader: undefined as unknown as PartLoader<Part>,
  };
  out.loader = lazyModule(() => {
    out.imports++;
    return new Promise<Part>((resolve, reject) => {
      out.resolve = resolve;
      out.reject = reject;
    });
  });
  return out;
}

let n = 0;
/** A fresh element class (and tag) using `loader` for its lazy part. */
function defineHost(loader: PartLoader<Part>, when?: LazyPartLoadTime): string {
  const tag = `lazy-part-host-${++n}`;
  class Host extends LitElement {
    readonly rows = new LazyPart(this, loader, when);
    protected override getUpdateComplete(): Promise<boolean> {
      return this.rows.settle(() => super.getUpdateComplete());
    }
    override render() {
      const p = this.rows.value;
      return p ? html`<p>${p.label}</p>` : html`<p>${this.rows.failed ? 'failed' : 'waiting'}</p>`;
    }
  }
  customElements.define(tag, Host);
  return tag;
}

const text = (el: Element): string => el.shadowRoot!.querySelector('p')!.textContent!;

describe('LazyPart (core)', () => {
  it('starts loading when the element connects, renders without it first, and re-renders when it arrives', async () => {
    const c = controlledLoader();
    const tag = defineHost(c.loader);
    const el = document.createElement(tag) as HTMLElement & { rows: LazyPart<Part>; updateComplete: Promise<boolean> };
    expect(c.imports).to.equal(0);
    document.body.append(el);
    expect(c.imports).to.equal(1);
    await new Promise((r) => requestAnimationFrame(r));
    expect(text(el)).to.equal('waiting');
    // updateComplete waits for the part
    let settled = false;
    void el.updateComplete.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(settled).to.equal(false);
    c.resolve({ label: 'rows' });
    await el.updateComplete;
    expect(text(el)).to.equal('rows');
    el.remove();
  });

  it('imports once per page: a second element has the part synchronously', async () => {
    const c = controlledLoader();
    const tag = defineHost(c.loader);
    const first = fixture(`<${tag}></${tag}>`);
    c.resolve({ label: 'shared' });
    const a = await first;
    const b = await fixture(`<${tag}></${tag}>`);
    expect(c.imports).to.equal(1);
    expect(text(a)).to.equal('shared');
    expect(text(b)).to.equal('shared');
    expect(c.loader.value).to.deep.equal({ label: 'shared' });
  });

  it('a failed import shows the fallback, warns, never rejects updateComplete, and is retried on the next connect', async () => {
    const c = controlledLoader();
    const tag = defineHost(c.loader);
    const warn = console.warn;
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      const el = document.createElement(tag) as HTMLElement & { rows: LazyPart<Part>; updateComplete: Promise<boolean> };
      document.body.append(el);
      c.reject(new Error('offline'));
      await el.updateComplete;
      expect(text(el)).to.equal('failed');
      expect(el.rows.failed).to.equal(true);
      expect(String(warnings[0]?.[0])).to.contain(`<${tag}>`);
      el.remove();
      document.body.append(el);
      expect(c.imports).to.equal(2);
      c.resolve({ label: 'second try' });
      await el.updateComplete;
      expect(text(el)).to.equal('second try');
      expect(el.rows.failed).to.equal(false);
      el.remove();
    } finally {
      console.warn = warn;
    }
  });

  it("'with-client': loads on connecting inside a <cif-provider> (through shadow roots), else only when asked", async () => {
    const c = controlledLoader();
    const tag = defineHost(c.loader, 'with-client');
    const alone = document.createElement(tag) as HTMLElement & { rows: LazyPart<Part> };
    document.body.append(alone);
    expect(c.imports, 'no provider: nothing fetched').to.equal(0);
    const provider = document.createElement('cif-provider');
    provider.setAttribute('simulated', '');
    const holder = document.createElement('div');
    holder.attachShadow({ mode: 'open' });
    provider.append(holder);
    document.body.append(provider);
    const inside = document.createElement(tag);
    holder.shadowRoot!.append(inside);
    expect(c.imports, 'inside a provider (in a shadow root of its child): fetched at connect').to.equal(1);
    void alone.rows.load(); // what an element does when a client arrives
    expect(c.imports, 'shared with the pending import').to.equal(1);
    c.resolve({ label: 'rows' });
    await (alone as unknown as { updateComplete: Promise<boolean> }).updateComplete;
    expect(text(alone)).to.equal('rows');
    alone.remove();
    provider.remove();
  });

  it("'with-client': once asked, a failed load is tried again on the next connect, provider or not", async () => {
    const c = controlledLoader();
    const tag = defineHost(c.loader, 'with-client');
    const warn = console.warn;
    console.warn = () => {};
    try {
      const el = document.createElement(tag) as HTMLElement & { rows: LazyPart<Part>; updateComplete: Promise<boolean> };
      document.body.append(el);
      el.remove();
      document.body.append(el);
      expect(c.imports, 'not asked yet: nothing fetched on reconnect').to.equal(0);
      void el.rows.load();
      c.reject(new Error('offline'));
      await el.updateComplete;
      expect(el.rows.failed).to.equal(true);
      el.remove();
      document.body.append(el);
      expect(c.imports, 'asked before: tried again on connect').to.equal(2);
      c.resolve({ label: 'rows' });
      await el.updateComplete;
      expect(text(el)).to.equal('rows');
      el.remove();
    } finally {
      console.warn = warn;
    }
  });

  it('adds the part\'s styles to the shadow root once, before the first render with the part', async () => {
    const c = controlledLoader();
    const partStyles = css`p { color: rgb(1, 2, 3); }`;
    const tag = `lazy-part-styled-${++n}`;
    let styleCalls = 0;
    class Styled extends LitElement {
      readonly rows = new LazyPart(this, c.loader, 'connected', () => (styleCalls++, [partStyles]));
      protected override getUpdateComplete(): Promise<boolean> {
        return this.rows.settle(() => super.getUpdateComplete());
      }
      override render() {
        return html`<p>${this.rows.value?.label ?? 'waiting'}</p>`;
      }
    }
    customElements.define(tag, Styled);
    const el = document.createElement(tag) as Styled;
    document.body.append(el);
    await new Promise((r) => requestAnimationFrame(r));
    const p = () => el.shadowRoot!.querySelector('p')!;
    expect(getComputedStyle(p()).color, 'not before the part').to.not.equal('rgb(1, 2, 3)');
    c.resolve({ label: 'rows' });
    await el.updateComplete;
    expect(text(el)).to.equal('rows');
    expect(getComputedStyle(p()).color).to.equal('rgb(1, 2, 3)');
    el.requestUpdate();
    await el.updateComplete;
    expect(styleCalls, 'added once').to.equal(1);
    el.remove();
  });
});
