import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { CifFrameworkClient, type CifClient } from '@cif-elements/client';
import { createFakeCIFramework, installFakeCIFramework, type FakeCIFramework } from '@cif-elements/client/testing';
import { CifController, CifProvider } from '../src/index.js';

/** A minimal element using the controller the way every cif-element does. */
class TestConsumer extends LitElement {
  clicks: string[] = [];
  clientsSeen = 0;
  cif = new CifController(this, {
    events: { clicktoact: (p) => this.clicks.push(p.value) },
    onClient: () => this.clientsSeen++,
  });
}
customElements.define('test-consumer', TestConsumer);

const fixtures = new URL('../../client/test/fixtures/', import.meta.url).href.replace(/\/$/, '');

describe('<cif-provider>', () => {
  let fake: FakeCIFramework;
  let client: CifClient;
  beforeEach(() => {
    fake = createFakeCIFramework({ version: 2 });
    client = new CifFrameworkClient(fake, { version: 2 });
  });
  afterEach(() => {
    delete (window as Window).Microsoft;
    document.querySelectorAll('script[data-cifid]').forEach((s) => s.remove());
  });

  it('provides an injected client to descendants and reflects state=ready', async () => {
    const el = await fixture<CifProvider>(html`<cif-provider .client=${client}><test-consumer></test-consumer></cif-provider>`);
    const consumer = el.querySelector<TestConsumer>('test-consumer')!;
    expect(el.state).to.equal('ready');
    expect(el.getAttribute('state')).to.equal('ready');
    expect(consumer.cif.client).to.equal(client);
    await fake.raise('onclicktoact', { value: '+1 425 555 0100', name: 'telephone1', format: 'phone', entityLogicalName: 'contact' });
    expect(consumer.clicks).to.deep.equal(['+1 425 555 0100']);
    await expect(el).to.be.accessible();
  });

  it('fires cif-ready with the client', async () => {
    const el = document.createElement('cif-provider');
    el.client = client;
    setTimeout(() => document.body.append(el));
    const ev = await oneEvent(el, 'cif-ready');
    expect(ev.detail.client).to.equal(client);
    el.remove();
  });

  it('removing a consumer leaves no listener; re-adding subscribes again', async () => {
    const el = await fixture<CifProvider>(html`<cif-provider .client=${client}><test-consumer></test-consumer></cif-provider>`);
    const consumer = el.querySelector<TestConsumer>('test-consumer')!;
    expect(client.listenerCount()).to.equal(1);
    consumer.remove();
    expect(client.listenerCount()).to.equal(0);
    expect(fake.handlerCount()).to.equal(0);
    el.append(consumer);
    await consumer.updateComplete;
    expect(client.listenerCount()).to.equal(1);
    expect(consumer.clientsSeen).to.equal(2);
  });

  it('uses Microsoft.CIFramework already on the page (live)', async () => {
    const uninstall = installFakeCIFramework(fake);
    try {
      const el = await fixture<CifProvider>(html`<cif-provider init-timeout="200"><test-consumer></test-consumer></cif-provider>`);
      await waitUntil(() => el.state === 'ready', 'provider never got ready');
      expect(el.client!.kind).to.equal('live');
      expect(el.client!.version).to.equal(2);
      expect(el.querySelector<TestConsumer>('test-consumer')!.cif.client).to.equal(el.client);
    } finally {
      uninstall();
    }
  });

  it('a host that refuses this origin fails the handshake with a clear error', async () => {
    fake.reject('getMode', new Map([['message', 'Sender domain is not a recognised or is invalid and hence the message cant be processed']]));
    const uninstall = installFakeCIFramework(fake);
    try {
      const el = await fixture<CifProvider>(html`<cif-provider init-timeout="200"><test-consumer></test-consumer></cif-provider>`);
      await waitUntil(() => el.state === 'error', 'handshake failure not reported');
      expect(el.error!.code).to.equal('rejected');
      expect(el.error!.message).to.contain('Sender domain is not a recognised');
      expect(el.error!.message).to.contain('Trusted Domain');
      expect(el.querySelector<TestConsumer>('test-consumer')!.cif.client).to.equal(undefined);
    } finally {
      uninstall();
    }
  });

  it('cif-version overrides detection', async () => {
    const uninstall = installFakeCIFramework(fake);
    try {
      const el = await fixture<CifProvider>(html`<cif-provider cif-version="1"></cif-provider>`);
      await waitUntil(() => el.state === 'ready');
      expect(el.client!.version).to.equal(1);
    } finally {
      uninstall();
    }
  });

  it('applies panel-mode and panel-width once ready', async () => {
    const el = await fixture<CifProvider>(html`<cif-provider .client=${client} panel-mode="0" panel-width="420"></cif-provider>`);
    await waitUntil(() => fake.callsOf('setWidth').length === 1);
    expect(fake.callsOf('setMode')).to.deep.equal([[0]]);
    expect(fake.callsOf('setWidth')).to.deep.equal([[420]]);
    el.panelWidth = 500;
    await waitUntil(() => fake.callsOf('setWidth').length === 2);
    expect(fake.callsOf('setWidth')[1]).to.deep.equal([500]);
  });

  it('reports a failing setMode as cif-error but stays ready', async () => {
    fake.reject('setMode', new Map([['message', 'Panel is locked']]));
    const el = document.createElement('cif-provider');
    el.client = client;
    el.panelMode = 1;
    setTimeout(() => document.body.append(el));
    const ev = await oneEvent(el, 'cif-error');
    expect(ev.detail.message).to.equal('Panel is locked');
    expect(el.state).to.equal('ready');
    el.remove();
  });

  it('shows an accessible error with retry when CIF never initialises, then recovers', async () => {
    const el = document.createElement('cif-provider');
    el.crmUrl = `${fixtures}/silent`;
    el.initTimeout = 150;
    const errored = oneEvent(el, 'cif-error');
    document.body.append(el);
    const ev = await errored;
    expect(ev.detail.code).to.equal('init-timeout');
    await el.updateComplete;
    expect(el.state).to.equal('error');
    expect(el.getAttribute('state')).to.equal('error');
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('Could not connect to Dynamics 365');
    expect(alert.textContent).to.contain('CIFInitDone');
    await expect(el).to.be.accessible();
    // The library shows up (e.g. the host finished loading): retry succeeds.
    const uninstall = installFakeCIFramework(fake);
    try {
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part=retry]')!.click();
      await waitUntil(() => el.state === 'ready');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
    } finally {
      uninstall();
      el.remove();
    }
  });

  it('Retry after a library that failed to load fails fast again; a changed crm-url then connects', async () => {
    const el = document.createElement('cif-provider');
    el.crmUrl = `${fixtures}/missing`;
    el.initTimeout = 4000;
    document.body.append(el);
    try {
      await waitUntil(() => el.state === 'error', 'first attempt fails', { timeout: 3000 });
      expect(el.error!.code).to.equal('library-load-failed');
      await el.updateComplete;
      const errored = oneEvent(el, 'cif-error');
      const started = performance.now();
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part=retry]')!.click();
      expect((await errored).detail.code).to.equal('library-load-failed');
      expect(performance.now() - started).to.be.below(3000);
      el.crmUrl = `${fixtures}/working`;
      await waitUntil(() => el.state === 'ready', 'the new crm-url connects', { timeout: 3000 });
      expect(document.querySelector<HTMLScriptElement>('script[data-cifid]')!.src).to.contain('/working/');
    } finally {
      el.remove();
    }
  });

  it('a provider removed and re-added while connecting connects again instead of hanging', async () => {
    const el = document.createElement('cif-provider');
    el.crmUrl = `${fixtures}/silent`;
    el.initTimeout = 300;
    document.body.append(el);
    await el.updateComplete;
    expect(el.state).to.equal('connecting');
    // A framework re-render: the same node leaves and comes back in one task.
    el.remove();
    document.body.append(el);
    try {
      const ev = await oneEvent(el, 'cif-error');
      expect(ev.detail.code).to.equal('init-timeout');
      expect(el.state).to.equal('error');
      el.crmUrl = `${fixtures}/working`;
      await waitUntil(() => el.state === 'ready', 'reconnects', { timeout: 3000 });
    } finally {
      el.remove();
    }
  });

  it('a provider removed while connecting and re-added later reconnects (simulated and live)', async () => {
    const el = document.createElement('cif-provider');
    el.crmUrl = `${fixtures}/working`;
    document.body.append(el);
    await el.updateComplete;
    el.remove();
    await new Promise((r) => setTimeout(r, 50));
    expect(el.state).to.equal('connecting');
    document.body.append(el);
    try {
      await waitUntil(() => el.state === 'ready', 'reconnects on re-attach', { timeout: 3000 });
    } finally {
      el.remove();
    }
    const sim = document.createElement('cif-provider');
    sim.simulated = true;
    document.body.append(sim);
    await sim.updateComplete;
    sim.remove();
    document.body.append(sim);
    try {
      await waitUntil(() => sim.state === 'ready', 'simulated reconnects', { timeout: 3000 });
      expect(sim.host).to.not.equal(undefined);
    } finally {
      sim.remove();
    }
  });

  it('renders hostile error text as text, and strings are replaceable', async () => {
    const el = document.createElement('cif-provider');
    el.strings = { errorTitle: 'Keine Verbindung', retry: 'Erneut' };
    el.crmUrl = 'javascript:<img src=x onerror=alert(1)>';
    document.body.append(el);
    await waitUntil(() => el.state === 'error');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(el.shadowRoot!.textContent).to.contain('<img src=x onerror=alert(1)>');
    expect(el.shadowRoot!.querySelector('[part=retry]')!.textContent).to.equal('Erneut');
    expect(el.shadowRoot!.textContent).to.contain('Keine Verbindung');
    el.remove();
  });

  it('an element-level client override wins over the context', async () => {
    const other = new CifFrameworkClient(createFakeCIFramework(), { version: 1 });
    const el = await fixture<CifProvider>(html`<cif-provider .client=${client}><test-consumer></test-consumer></cif-provider>`);
    const consumer = el.querySelector<TestConsumer>('test-consumer')!;
    consumer.cif.setOverride(other);
    expect(consumer.cif.client).to.equal(other);
    expect(client.listenerCount()).to.equal(0);
    expect(other.listenerCount()).to.equal(1);
    consumer.cif.setOverride(undefined);
    expect(consumer.cif.client).to.equal(client);
    expect(other.listenerCount()).to.equal(0);
  });
});

describe('context load order', () => {
  it('a consumer that upgrades before its provider is defined still receives the client', async () => {
    const fake = createFakeCIFramework({ version: 2 });
    const client = new CifFrameworkClient(fake, { version: 2 });
    const wrapper = document.createElement('div');
    wrapper.innerHTML = '<late-cif-provider><test-consumer></test-consumer></late-cif-provider>';
    document.body.append(wrapper);
    const consumer = wrapper.querySelector<TestConsumer>('test-consumer')!;
    await consumer.updateComplete;
    expect(consumer.cif.client).to.equal(undefined);
    // Now the provider's definition arrives (a later <script>, a lazy bundle …).
    const provider = wrapper.querySelector('late-cif-provider') as CifProvider;
    (provider as unknown as { client: CifClient }).client = client;
    customElements.define('late-cif-provider', class extends CifProvider {});
    await waitUntil(() => consumer.cif.client === client, 'consumer never got the client');
    await fake.raise('onclicktoact', { value: '123', name: 'n', format: 'phone', entityLogicalName: 'contact' });
    expect(consumer.clicks).to.deep.equal(['123']);
    wrapper.remove();
  });
});

describe('<cif-provider simulated>', () => {
  it('makes its own SimulatedCifHost and a simulated CIF 2.0 client', async () => {
    const el = await fixture<CifProvider>(html`<cif-provider simulated><test-consumer></test-consumer></cif-provider>`);
    await waitUntil(() => el.state === 'ready');
    expect(el.host).to.exist;
    expect(el.client!.kind).to.equal('simulated');
    expect(el.client!.version).to.equal(2);
    const consumer = el.querySelector<TestConsumer>('test-consumer')!;
    expect(consumer.cif.client).to.equal(el.client);
    expect(el.host!.clickToAct({ value: '+14255550100' })).to.equal(true);
    expect(consumer.clicks).to.deep.equal(['+14255550100']);
    await expect(el).to.be.accessible();
  });

  it('cif-version="1" simulates CIF 1.0; changing it reconnects with a new client', async () => {
    const el = await fixture<CifProvider>(html`<cif-provider simulated cif-version="1"><test-consumer></test-consumer></cif-provider>`);
    await waitUntil(() => el.state === 'ready');
    const first = el.client!;
    expect(first.version).to.equal(1);
    expect(el.host!.version).to.equal(1);
    el.cifVersion = 2;
    await waitUntil(() => el.client !== first && el.state === 'ready');
    expect(el.client!.version).to.equal(2);
    const consumer = el.querySelector<TestConsumer>('test-consumer')!;
    expect(consumer.cif.client).to.equal(el.client);
    // the old client was disposed: its listeners are gone
    expect(first.listenerCount()).to.equal(0);
  });

  it('applies panel-mode on the simulated host', async () => {
    const el = await fixture<CifProvider>(html`<cif-provider simulated panel-mode="0" panel-width="300"></cif-provider>`);
    await waitUntil(() => el.host?.width === 300);
    expect(el.host!.mode).to.equal(0);
  });
});

describe('CifController across moves', () => {
  it('an element moved to another provider switches clients; moved out of any provider it has none', async () => {
    const a = new CifFrameworkClient(createFakeCIFramework(), { version: 2 });
    const b = new CifFrameworkClient(createFakeCIFramework(), { version: 2 });
    const root = await fixture<HTMLDivElement>(html`<div>
      <cif-provider id="a" .client=${a}><test-consumer></test-consumer></cif-provider>
      <cif-provider id="b" .client=${b}></cif-provider>
      <section id="none"></section>
    </div>`);
    const consumer = root.querySelector<TestConsumer>('test-consumer')!;
    expect(consumer.cif.client).to.equal(a);
    root.querySelector('#b')!.append(consumer);
    await waitUntil(() => consumer.cif.client === b, 'never switched to provider b');
    expect(a.listenerCount()).to.equal(0);
    expect(b.listenerCount()).to.equal(1);
    root.querySelector('#none')!.append(consumer);
    await consumer.updateComplete;
    expect(consumer.cif.client).to.equal(undefined);
    expect(b.listenerCount()).to.equal(0);
  });
});

describe('<cif-provider> configuration values', () => {
  let warnings: string[];
  let warn: typeof console.warn;
  beforeEach(() => {
    warnings = [];
    warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.warn = warn;
    delete (window as Window).Microsoft;
    document.querySelectorAll('script[data-cifid]').forEach((s) => s.remove());
  });

  it('init-timeout="abc" warns and waits the default time instead of failing "within NaN ms"', async () => {
    const el = await fixture<CifProvider>(html`<cif-provider init-timeout="abc" crm-url=${`${fixtures}/working`}></cif-provider>`);
    expect(el.initTimeout).to.equal(10_000);
    expect(warnings.join('\n')).to.contain('init-timeout="abc"');
    await waitUntil(() => el.state !== 'connecting', 'never settled', { timeout: 3000 });
    expect(el.state, el.error?.message).to.equal('ready');
  });

  it('call-timeout with a bad value (and a NaN property) warns and uses the default', async () => {
    const el = await fixture<CifProvider>(html`<cif-provider call-timeout="-5" simulated></cif-provider>`);
    expect(el.callTimeout).to.equal(15_000);
    expect(warnings.join('\n')).to.contain('call-timeout="-5"');
    el.remove();
  });

  it('cif-version="3" is a clear invalid-argument error, live and simulated', async () => {
    for (const tpl of [
      html`<cif-provider cif-version="3" crm-url=${`${fixtures}/working`}></cif-provider>`,
      html`<cif-provider cif-version="3" simulated></cif-provider>`,
    ]) {
      const el = await fixture<CifProvider>(tpl);
      await waitUntil(() => el.state === 'error', 'cif-version="3" was accepted');
      expect(el.error!.code).to.equal('invalid-argument');
      expect(el.error!.message).to.contain('cif-version="3"');
      el.remove();
    }
    // Empty means "detect", not an error.
    const ok = await fixture<CifProvider>(html`<cif-provider cif-version="" simulated></cif-provider>`);
    await waitUntil(() => ok.state === 'ready');
    ok.remove();
  });

  it('panel-mode and panel-width with bad values fire invalid-argument naming the attribute; empty ones do nothing', async () => {
    const fake = createFakeCIFramework({ version: 2 });
    const client = new CifFrameworkClient(fake, { version: 2 });
    const el = document.createElement('cif-provider');
    el.setAttribute('panel-mode', '5');
    el.client = client;
    const first = oneEvent(el, 'cif-error');
    document.body.append(el);
    const e1 = (await first).detail;
    expect(e1.code).to.equal('invalid-argument');
    expect(e1.message).to.contain('panel-mode="5"');
    expect(fake.callsOf('setMode')).to.deep.equal([]);
    el.removeAttribute('panel-mode');
    const second = oneEvent(el, 'cif-error');
    el.setAttribute('panel-width', 'wide');
    const e2 = (await second).detail;
    expect(e2.message).to.contain('panel-width="wide"');
    expect(el.state).to.equal('ready');
    el.remove();
    const quiet = await fixture<CifProvider>(html`<cif-provider .client=${client} panel-mode="" panel-width=""></cif-provider>`);
    await quiet.updateComplete;
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.callsOf('setMode')).to.deep.equal([]);
    expect(fake.callsOf('setWidth')).to.deep.equal([]);
  });
});

describe('<cif-provider> guard time-outs', () => {
  afterEach(() => {
    delete (window as Window).Microsoft;
  });

  it('agent-call-timeout guards calls that wait for the agent (notifyEvent) on the live client', async () => {
    const fake = createFakeCIFramework({ version: 2 });
    fake.hang('notifyEvent');
    const uninstall = installFakeCIFramework(fake);
    try {
      const el = await fixture<CifProvider>(html`<cif-provider agent-call-timeout="60" call-timeout="5000"></cif-provider>`);
      await waitUntil(() => el.state === 'ready');
      expect(el.agentCallTimeout).to.equal(60);
      let error: unknown;
      await el.client!.notifyEvent({ templateName: 'incoming', templateParameters: {} }).catch((e: unknown) => (error = e));
      expect(error).to.include({ code: 'timeout', method: 'notifyEvent' });
    } finally {
      uninstall();
    }
  });
});

describe('<cif-provider default-session> (several channel providers, CIF 2.0)', () => {
  it('the simulated host models several providers: widget hidden and setMode refused in the home session', async () => {
    const { SimulatedCifHost, createSimulatedClient, CIF_HOME_SESSION_MODE_MESSAGE } = await import('@cif-elements/client/simulated');
    const host = new SimulatedCifHost({ providers: 2 });
    const c = createSimulatedClient(host);
    expect(host.widgetVisible).to.equal(false);
    let error: unknown;
    await c.setMode(1).catch((e: unknown) => (error = e));
    expect(error).to.include({ method: 'setMode', message: CIF_HOME_SESSION_MODE_MESSAGE });
    await c.createSession({ templateName: 'phone' });
    expect(host.widgetVisible).to.equal(true);
    expect(await c.setMode(1)).to.equal(1);
    // One provider: always visible, setMode works in the home session.
    const single = new SimulatedCifHost();
    expect(single.widgetVisible).to.equal(true);
    expect(await createSimulatedClient(single).setMode(1)).to.equal(1);
  });

  it('without default-session, panel-mode fails in the home session and the widget stays hidden', async () => {
    const el = document.createElement('cif-provider');
    el.simulated = true;
    el.simulatedOptions = { providers: 2 };
    el.setAttribute('panel-mode', '1');
    const errored = oneEvent(el, 'cif-error');
    document.body.append(el);
    try {
      expect((await errored).detail.message).to.contain('home session');
      expect(el.host!.widgetVisible).to.equal(false);
    } finally {
      el.remove();
    }
  });

  it('creates the default session at start (before panel-mode), so the widget shows; again after it is closed', async () => {
    const el = document.createElement('cif-provider');
    el.simulated = true;
    el.simulatedOptions = { providers: 2 };
    el.defaultSession = 'msdyn_phone_default';
    el.setAttribute('panel-mode', '1');
    const errors: unknown[] = [];
    el.addEventListener('cif-error', (e) => errors.push(e.detail));
    document.body.append(el);
    try {
      await waitUntil(() => el.host?.sessions.length === 1, 'default session created');
      const host = el.host!;
      expect(host.sessions[0]!.templateName).to.equal('msdyn_phone_default');
      expect(host.widgetVisible).to.equal(true);
      await waitUntil(() => host.mode === 1 && errors.length === 0);
      const first = host.sessions[0]!.sessionId;
      host.userClosesSession(first);
      expect(host.widgetVisible).to.equal(false);
      await waitUntil(() => host.sessions.length === 1, 'recreated after close');
      expect(host.sessions[0]!.sessionId).to.not.equal(first);
      expect(host.widgetVisible).to.equal(true);
      // Already open: nothing new.
      expect(await el.ensureDefaultSession()).to.equal(host.sessions[0]!.sessionId);
      expect(host.sessions.length).to.equal(1);
      expect(errors).to.deep.equal([]);
    } finally {
      el.remove();
    }
  });

  it('is not created outside the home session, nor on CIF 1.0; a fake framework gets createSession(template)', async () => {
    const v1 = document.createElement('cif-provider');
    v1.simulated = true;
    v1.cifVersion = 1;
    v1.defaultSession = 'msdyn_phone_default';
    document.body.append(v1);
    await waitUntil(() => v1.state === 'ready');
    expect(await v1.ensureDefaultSession()).to.equal(undefined);
    v1.remove();

    const fake = createFakeCIFramework({ version: 2 });
    const uninstall = installFakeCIFramework(fake);
    try {
      const el = await fixture<CifProvider>(html`<cif-provider default-session="msdyn_phone_default"></cif-provider>`);
      await waitUntil(() => fake.callsOf('createSession').length === 1, 'createSession');
      expect((fake.callsOf('createSession')[0]![0] as { templateName: string }).templateName).to.equal('msdyn_phone_default');
      expect(await el.ensureDefaultSession()).to.equal('session-id-1');
      el.remove();
    } finally {
      uninstall();
    }
    // The agent is in another session: nothing is created.
    const elsewhere = createFakeCIFramework({ version: 2 });
    elsewhere.respond('getFocusedSession', 'session-id-7');
    const uninstall2 = installFakeCIFramework(elsewhere);
    try {
      const el = await fixture<CifProvider>(html`<cif-provider default-session="msdyn_phone_default"></cif-provider>`);
      await waitUntil(() => el.state === 'ready');
      expect(await el.ensureDefaultSession()).to.equal(undefined);
      expect(elsewhere.callsOf('createSession')).to.deep.equal([]);
    } finally {
      uninstall2();
    }
  });
});
