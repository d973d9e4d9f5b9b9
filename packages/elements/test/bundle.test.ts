// The single-file build (dist/cif-elements.js, made by `npm run build`) on a plain HTML page: one
// <script type="module"> and declarative markup must assemble a working widget, with no import map, no
// bundler and nothing else fetched but the bundle's own lazily loaded chunk(s).
import { expect } from '@open-wc/testing';
import type { CifClickToAct, CifDialer, CifPresence, CifProvider, CifSessionList } from '../src/index.js';
import { closePages, digits, loadPage, part, scriptPaths, until } from './frame.js';

const PLAIN = '/packages/elements/test/pages/plain.html';
const NO_DIALER = '/packages/elements/test/pages/no-dialer.html';
const TAGS = ['cif-provider', 'cif-presence', 'cif-click-to-act', 'cif-dialer', 'cif-session-list'];
/** The bundle and the chunks it splits off, all named after it and next to it. */
const BUNDLE_FILE = /^\/packages\/elements\/dist\/cif-elements(\.[\w-]+)?\.js$/;

async function widget(url = PLAIN) {
  const page = await loadPage(url);
  const q = <T extends Element>(sel: string) => page.doc.querySelector(sel) as T;
  const provider = q<CifProvider>('cif-provider');
  await until(() => provider.state === 'ready', `provider never became ready (state: ${provider?.state})`);
  return {
    ...page,
    provider,
    presence: q<CifPresence>('cif-presence'),
    clickToAct: q<CifClickToAct>('cif-click-to-act'),
    dialer: q<CifDialer>('cif-dialer'),
    sessions: q<CifSessionList>('cif-session-list'),
  };
}

describe('cif-elements.js (single-file build) on a plain HTML page', () => {
  afterEach(closePages);

  it('defines every element from the one script tag, and upgrades the markup', async () => {
    const { win, doc, errors } = await loadPage(PLAIN);
    for (const tag of TAGS) {
      expect(win.customElements.get(tag), `${tag} defined`).to.be.a('function');
      const el = doc.querySelector(tag)!;
      expect(el, tag).to.be.instanceOf(win.customElements.get(tag)!);
      expect(el.shadowRoot, `${tag} rendered`).to.exist;
    }
    expect(errors).to.deep.equal([]);
  });

  it('fetches nothing but the bundle and its own chunks (self-contained)', async () => {
    const { win, dialer, errors } = await widget();
    await dialer.updateComplete; // the dialer has loaded its phone-number data by now
    const scripts = scriptPaths(win);
    expect(scripts).to.include('/packages/elements/dist/cif-elements.js');
    for (const path of scripts) expect(path, 'every script comes from the bundle').to.match(BUNDLE_FILE);
    expect(errors).to.deep.equal([]);
  });

  it('imports no other file statically: a page that copies only cif-elements.js runs', async () => {
    const code = await (await fetch('/packages/elements/dist/cif-elements.js', { cache: 'no-store' })).text();
    // static `import … from "./x.js"` / `import "./x.js"` / `export … from "./x.js"`; `import("./x.js")` is lazy
    const staticImports = code.match(/(?:\bimport|\bexport)\s*(?:[\w$*{][^;()]*?\bfrom\s*)?["'`]\.{1,2}\/[^"'`]+["'`]/g) ?? [];
    expect(staticImports).to.deep.equal([]);
    expect(code, 'the lazy chunks are imported dynamically').to.match(/\bimport\(\s*["'`]\.\/cif-elements\./);
  });

  it('reaches ready in one round of lazy chunks: each chunk fetched by then is named by the entry itself', async () => {
    const { win, errors } = await widget();
    const entry = await (await fetch('/packages/elements/dist/cif-elements.js', { cache: 'no-store' })).text();
    const named = new Set([...entry.matchAll(/\bimport\(\s*["'`]\.\/(cif-elements\.[\w-]+\.js)["'`]/g)].map((m) => `/packages/elements/dist/${m[1]}`));
    const chunks = scriptPaths(win).filter((p) => BUNDLE_FILE.test(p) && !p.endsWith('/cif-elements.js'));
    expect(chunks.length, 'lazy chunks before ready (simulated host, client)').to.be.greaterThan(1);
    // A chunk only another chunk names is fetched after that one has arrived and been parsed: a second round
    // trip before ready (as Rolldown's runtime chunk was).
    for (const path of chunks) expect(named.has(path), `${path} is imported by the entry`).to.equal(true);
    // and only two of them: the client's (with everything the provider and the elements need once connected)
    // and the simulated host's. The dialer's phone chunk may have followed the first paint by now.
    const names = chunks.map((p) => /cif-elements\.([\w-]+?)-[\w-]{8}\.js$/.exec(p)?.[1]).filter((n) => n !== 'phone');
    expect(names.sort(), 'the chunks fetched before ready').to.deep.equal(['client', 'simulated']);
    expect(errors).to.deep.equal([]);
  });

  it('connects the provider to its simulated host and shares one client', async () => {
    const { provider, presence, dialer, clickToAct } = await widget();
    expect(provider.getAttribute('state')).to.equal('ready');
    expect(provider.host, 'simulated host').to.exist;
    expect(provider.client!.version).to.equal(2);
    for (const el of [presence, dialer, clickToAct]) {
      await until(() => (el as unknown as { client?: unknown }).client === provider.client, `${el.localName} got the client`);
    }
  });

  it('fills the dialer from click-to-act and fires cif-dial when the agent calls', async () => {
    const { provider, dialer, clickToAct, doc, errors } = await widget();
    await until(() => clickToAct.checked === true, 'click-to-act switch shows the org setting (on)');
    expect(provider.host!.clickToAct({ value: '+14255550100', name: 'Mobile Phone', entityLogicalName: 'contact' })).to.equal(true);
    await until(() => digits(dialer.value) === '14255550100', `dialer filled (value: ${dialer.value})`);
    await until(() => part(clickToAct, 'last-value')?.textContent?.trim() === '+14255550100', 'click-to-act shows the last clicked value');

    const dials: CustomEvent[] = [];
    doc.addEventListener('cif-dial', (e) => dials.push(e as CustomEvent));
    await dialer.updateComplete; // settled: its phone-number data has arrived
    part<HTMLButtonElement>(dialer, 'call-button')!.click();
    await until(() => dials.length === 1, 'cif-dial received');
    expect(dials[0].detail).to.include({ number: '+14255550100', source: 'click-to-act' });
    expect(dials[0].bubbles && dials[0].composed).to.equal(true);
    expect(errors).to.deep.equal([]);
  });

  it('shows the presence and follows a change made in Dynamics', async () => {
    const { provider, presence } = await widget();
    const label = () => part(presence, 'label')?.textContent?.trim();
    await until(() => label() === provider.host!.presence.presenceText, `presence shown (label: ${label()})`);
    expect(label()).to.equal('Available');
    provider.host!.userSetsPresence('Busy');
    await until(() => label() === 'Busy', `presence follows Dynamics (label: ${label()})`);
  });

  it('lists the simulated sessions', async () => {
    const { sessions } = await widget();
    await until(() => part(sessions, 'list') || part(sessions, 'empty'), 'session list settled');
    expect(part(sessions, 'error')).to.equal(null);
  });

  it('loads the call flow only when the page uses it: a call-flow tag in the document, or loadCallFlow()', async () => {
    const { win, doc, errors } = await widget();
    const callChunks = () => scriptPaths(win).filter((p) => /cif-elements\.calls-/.test(p));
    for (const tag of ['cif-call-flow', 'cif-incoming-call', 'cif-wrap-up']) expect(win.customElements.get(tag), `${tag} not yet`).to.equal(undefined);
    expect(callChunks(), 'no call-flow chunk for the plain widget').to.deep.equal([]);

    const wrapUp = doc.createElement('cif-wrap-up');
    doc.querySelector('cif-provider')!.append(wrapUp);
    await until(() => win.customElements.get('cif-wrap-up'), 'the call flow was defined once its tag was in the document');
    expect(wrapUp, 'the element upgraded').to.be.instanceOf(win.customElements.get('cif-wrap-up')!);
    expect(win.customElements.get('cif-call-flow')).to.be.a('function');
    expect(callChunks().length, 'the call-flow chunk was fetched').to.equal(1);
    for (const path of callChunks()) expect(path).to.match(BUNDLE_FILE);

    // the module gives CallController too (same module instance as the page's script)
    const bundle = (await (win as unknown as { eval(code: string): Promise<typeof import('../src/standalone.js')> }).eval(
      "import('/packages/elements/dist/cif-elements.js')",
    ));
    const calls = await bundle.loadCallFlow();
    expect(calls.CallController).to.be.a('function');
    expect(calls.CifWrapUp).to.equal(win.customElements.get('cif-wrap-up'));
    expect(callChunks().length, 'loaded once').to.equal(1);
    expect(errors).to.deep.equal([]);
  });

  it('gives the client class and the CIF library loader through loadClient() (not in the first file)', async () => {
    const { win, errors } = await widget();
    const bundle = await (win as unknown as { eval(code: string): Promise<typeof import('../src/standalone.js')> }).eval(
      "import('/packages/elements/dist/cif-elements.js')",
    );
    expect(bundle.CifError, 'errors are in the file itself').to.be.a('function');
    expect('CifFrameworkClient' in bundle, 'the client class is not exported up front').to.equal(false);
    const api = await bundle.loadClient();
    expect(api.CifFrameworkClient).to.be.a('function');
    expect(api.connectCif).to.be.a('function');
    expect(scriptPaths(win).some((p) => /cif-elements\.client-on-demand-/.test(p)), 'fetched on demand').to.equal(true);
    expect(errors).to.deep.equal([]);
  });

  it('loads the phone-number chunk only when a dialer first needs it', async () => {
    const { win, doc } = await widget(NO_DIALER);
    // <cif-provider simulated> fetches the simulated host's chunk; the phone chunks wait for a dialer.
    const all = () => scriptPaths(win).filter((p) => p !== '/packages/elements/dist/cif-elements.js');
    const chunks = () => all().filter((p) => /phone|metadata/.test(p));
    expect(all().some((p) => /simulated/.test(p)), 'the simulated host was loaded on demand').to.equal(true);
    expect(chunks(), 'no phone chunk before a dialer exists').to.deep.equal([]);
    const dialer = doc.createElement('cif-dialer') as CifDialer;
    dialer.defaultCountry = 'GB';
    doc.querySelector('cif-provider')!.append(dialer);
    await dialer.updateComplete;
    expect(chunks().length, 'the phone-number chunk was fetched').to.be.greaterThan(0);
    for (const path of chunks()) expect(path).to.match(BUNDLE_FILE);
    expect(dialer.dial('020 7946 0018')).to.equal(true);
  });
});
