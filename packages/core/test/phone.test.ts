import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { PhoneLibController, displayFormat, loadPhoneLib, phoneLib, toCountryCode } from '../src/phone.js';
import { stripInvisible } from '../src/phone-text.js';

describe('shared phone helpers (@cif-elements/core/phone)', () => {
  it('strips invisible formatting and bidi controls, nothing else', () => {
    expect(stripInvisible('\u202e+1\u200b 425\u200e 555\u2066 0100\u2069\ufeff')).to.equal('+1 425 555 0100');
    expect(stripInvisible('Ada · +44 (20)')).to.equal('Ada · +44 (20)');
  });

  it('knows supported countries once the library is there, in any case and spacing', async () => {
    if (!phoneLib()) expect(toCountryCode('US')).to.equal(undefined, 'no answer before the library has loaded');
    await loadPhoneLib();
    expect(toCountryCode('US')).to.equal('US');
    expect(toCountryCode(' gb ')).to.equal('GB');
    for (const bad of ['ZZ', 'USA', 'u', '', null, undefined, 42, {}]) expect(toCountryCode(bad), String(bad)).to.equal(undefined);
  });

  it('shows national format at home, international elsewhere or without a usable country', async () => {
    await loadPhoneLib();
    const us = { country: 'US', national: '(425) 555-0100', international: '+1 425 555 0100' };
    expect(displayFormat(us, 'US')).to.equal('(425) 555-0100');
    expect(displayFormat(us, 'us')).to.equal('(425) 555-0100');
    expect(displayFormat(us, 'GB')).to.equal('+1 425 555 0100');
    expect(displayFormat(us, '')).to.equal('+1 425 555 0100');
    expect(displayFormat(us, 'ZZ')).to.equal('+1 425 555 0100');
    expect(displayFormat({ national: '0800 123', international: '+44 800 123' }, 'GB')).to.equal('+44 800 123');
  });
});

/** An element whose controller loads what the test gives it. */
class LoaderHost extends LitElement {
  static loader: { load(): Promise<unknown>; loaded(): boolean };
  loadedCalls = 0;
  readonly phone = new PhoneLibController(this, () => this.loadedCalls++, 'connected', LoaderHost.loader);
  protected override async getUpdateComplete(): Promise<boolean> {
    return this.phone.settle(() => super.getUpdateComplete());
  }
}
customElements.define('phone-loader-host', LoaderHost);

describe('PhoneLibController with a loader of its own', () => {
  it('loads it once when connected, calls back once it is there, and updateComplete waits for it', async () => {
    // a loader as PhoneLoader asks for: one fetch however often it is called
    let calls = 0;
    let done = false;
    let release!: () => void;
    let pending: Promise<void> | undefined;
    LoaderHost.loader = {
      load: () =>
        (pending ??= (calls++, new Promise<void>((r) => (release = r)).then(() => void (done = true)))),
      loaded: () => done,
    };
    const el = document.createElement('phone-loader-host') as LoaderHost;
    document.body.append(el);
    try {
      let settled = false;
      const complete = el.updateComplete.then(() => (settled = true));
      el.phone.need();
      await new Promise((r) => setTimeout(r, 20));
      expect(calls, 'one fetch for connect, need() and updateComplete').to.equal(1);
      expect(settled, 'updateComplete settled before the load finished').to.equal(false);
      release();
      await complete;
      expect(done, 'updateComplete settled before the load').to.equal(true);
      expect(el.loadedCalls).to.equal(1);
      el.phone.need();
      expect(calls, 'loaded: need() asks for nothing').to.equal(1);
    } finally {
      el.remove();
    }
  });

  it('asks again on the next need after a failed load', async () => {
    let calls = 0;
    LoaderHost.loader = { load: () => (calls++, Promise.reject(new Error('offline'))), loaded: () => false };
    const warn = console.warn;
    const warned: unknown[] = [];
    console.warn = (...a: unknown[]) => void warned.push(a[0]);
    try {
      const el = await fixture<LoaderHost>(html`<phone-loader-host></phone-loader-host>`);
      expect(calls).to.be.greaterThan(0);
      const before = calls;
      el.phone.need();
      await new Promise((r) => setTimeout(r));
      expect(calls).to.equal(before + 1);
      expect(el.loadedCalls).to.equal(0);
      expect(String(warned[0])).to.contain('could not load phone-number data');
    } finally {
      console.warn = warn;
    }
  });
});

/** An element whose 'idle' controller loads what the test gives it. */
class IdleHost extends LitElement {
  static loader: { load(): Promise<unknown>; loaded(): boolean };
  readonly phone = new PhoneLibController(this, () => undefined, 'idle', IdleHost.loader);
}
customElements.define('phone-idle-host', IdleHost);

/**
 * Records the frame and idle callbacks asked for while `body` runs (WebKit has no requestIdleCallback: the
 * controller's 50 ms timer stands for it) and which of them were cancelled; the real ones still run.
 */
async function waits(body: () => Promise<void>) {
  const w = window as unknown as Record<string, (...a: unknown[]) => unknown>;
  const idle = typeof requestIdleCallback === 'function' ? ['requestIdleCallback', 'cancelIdleCallback'] : ['setTimeout', 'clearTimeout'];
  const pairs = [['requestAnimationFrame', 'cancelAnimationFrame'], idle];
  const saved = pairs.flat().map((name) => [name, w[name]] as const);
  const asked: unknown[] = [];
  const cancelled: unknown[] = [];
  for (const [ask, cancel] of pairs) {
    const [realAsk, realCancel] = [w[ask], w[cancel]];
    w[ask] = (...a: unknown[]) => {
      const id = realAsk.apply(window, a);
      if (ask !== 'setTimeout' || a[1] === 50) asked.push(`${ask} ${String(id)}`);
      return id;
    };
    w[cancel] = (id: unknown) => {
      cancelled.push(`${ask} ${String(id)}`);
      return realCancel.call(window, id);
    };
  }
  try {
    await body();
  } finally {
    for (const [name, fn] of saved) w[name] = fn;
  }
  return { asked, cancelled };
}

/** The next frame, asked for outside {@link waits}' records. */
const realFrame = requestAnimationFrame.bind(window);
const nextFrame = () => new Promise((r) => realFrame(r));

describe("PhoneLibController 'idle'", () => {
  it('loads after the first render, a frame and idle time', async () => {
    let calls = 0;
    IdleHost.loader = { load: () => (calls++, Promise.resolve()), loaded: () => false };
    const el = document.createElement('phone-idle-host') as IdleHost;
    document.body.append(el);
    try {
      await el.updateComplete;
      expect(calls, 'not before the frame').to.equal(0);
      await waitUntil(() => calls === 1, 'never loaded when idle', { timeout: 3000 });
    } finally {
      el.remove();
    }
  });

  for (const stage of ['frame', 'idle'] as const) {
    it(`a host removed while waiting for the ${stage} leaves no callback behind to keep it alive, and never loads`, async () => {
      let calls = 0;
      IdleHost.loader = { load: () => (calls++, Promise.resolve()), loaded: () => false };
      const el = document.createElement('phone-idle-host') as IdleHost;
      const { asked, cancelled } = await waits(async () => {
        document.body.append(el);
        await el.updateComplete;
        if (stage === 'idle') await nextFrame();
        el.remove();
      });
      expect(asked, 'the controller asked for its frame (and, after it, its idle time)').to.have.length(stage === 'frame' ? 1 : 2);
      expect(cancelled).to.deep.equal(asked.slice(-1), 'the pending one cancelled on removal');
      await new Promise((r) => setTimeout(r, 100));
      expect(calls).to.equal(0);
    });
  }

  it('cancels with the idle functions it asked with, even when the page has put others (or none) in their place since', async () => {
    IdleHost.loader = { load: () => Promise.resolve(), loaded: () => false };
    const w = window as unknown as Record<string, unknown>;
    const saved = { ask: w.requestIdleCallback, cancel: w.cancelIdleCallback };
    const cancelled: number[] = [];
    // a page's own idle functions (WebKit has none), taken away again before the element is removed
    w.requestIdleCallback = () => 7;
    w.cancelIdleCallback = (id: number) => void cancelled.push(id);
    const el = document.createElement('phone-idle-host') as IdleHost;
    try {
      document.body.append(el);
      await el.updateComplete;
      await nextFrame();
    } finally {
      w.requestIdleCallback = saved.ask;
      w.cancelIdleCallback = saved.cancel;
    }
    el.remove();
    expect(cancelled).to.deep.equal([7]);
  });

  it('a host connected again waits again; one connected after the data arrived waits for nothing', async () => {
    let loaded = false;
    IdleHost.loader = { load: () => Promise.resolve().then(() => void (loaded = true)), loaded: () => loaded };
    const el = document.createElement('phone-idle-host') as IdleHost;
    const first = await waits(async () => {
      document.body.append(el);
      await el.updateComplete;
      el.remove();
      document.body.append(el);
    });
    expect(first.asked, 'a frame for each connection').to.have.length(2);
    expect(first.cancelled).to.deep.equal(first.asked.slice(0, 1));
    await waitUntil(() => loaded, 'never loaded after reconnecting', { timeout: 3000 });
    el.remove();
    const later = document.createElement('phone-idle-host') as IdleHost;
    const second = await waits(async () => {
      document.body.append(later);
      await later.updateComplete;
      later.remove();
    });
    expect(second.asked, 'loaded: nothing to wait for').to.deep.equal([]);
  });
});
