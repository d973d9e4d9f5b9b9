import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { CifFrameworkClient } from '@cif-elements/client';
import { createFakeCIFramework } from '@cif-elements/client/testing';
import { CifClientElement, CifProvider } from '../src/index.js';

interface Render {
  client: boolean;
  state: string | undefined;
}

/** A client element that notes, at each render, whether it had a client and what state its provider was in. */
class WaitConsumer extends CifClientElement {
  renders: Render[] = [];
  override render() {
    this.renders.push({ client: !!this.client, state: this.closest('cif-provider')?.state });
    return html`<p>${this.client ? 'connected' : 'connecting'}</p>`;
  }
}
customElements.define('wait-consumer', WaitConsumer);

const fixtures = new URL('../../client/test/fixtures/', import.meta.url).href.replace(/\/$/, '');

/**
 * One macrotask. Timers run in the order they fall due, so a 0 ms timer set after the provider's 100 ms wait
 * has begun fires before it, however busy the machine: an element still waiting has not rendered yet.
 */
const task = () => new Promise((r) => setTimeout(r));

describe('first render inside a connecting <cif-provider>', () => {
  // The provider's modules already loaded, so that a simulated connection is ready within a few ms, well inside
  // the 100 ms wait, however slowly the test server serves them the first time.
  before(() => Promise.all([import('@cif-elements/client/simulated'), import('@cif-elements/client/connect')]));
  afterEach(() => {
    delete (window as Window).Microsoft;
    document.querySelectorAll('script[data-cifid]').forEach((s) => s.remove());
  });

  it('waits for a quick connection (simulated host): the first render already has the client', async () => {
    const el = await fixture<CifProvider>(html`<cif-provider simulated><wait-consumer></wait-consumer></cif-provider>`);
    const consumer = el.querySelector<WaitConsumer>('wait-consumer')!;
    await waitUntil(() => consumer.renders.length > 0, 'never rendered');
    expect(consumer.renders[0]).to.deep.equal({ client: true, state: 'ready' });
    expect(consumer.shadowRoot!.textContent).to.equal('connected');
  });

  it('waits at most 100 ms: inside a provider whose CIF library never sends CIFInitDone it shows the connecting state', async () => {
    const el = document.createElement('cif-provider');
    el.crmUrl = `${fixtures}/silent`;
    el.initTimeout = 5000;
    const consumer = document.createElement('wait-consumer') as WaitConsumer;
    el.append(consumer);
    document.body.append(el);
    try {
      await task();
      expect(consumer.renders).to.deep.equal([], 'rendered before the wait was over');
      await waitUntil(() => consumer.renders.length > 0, 'the wait never ended', { timeout: 2000 });
      expect(consumer.renders[0]).to.deep.equal({ client: false, state: 'connecting' });
      expect(el.state).to.equal('connecting');
      expect(consumer.shadowRoot!.textContent).to.equal('connecting');
    } finally {
      el.remove();
    }
  });

  it('ends with the connection error: the first render shows the provider failed, not connecting', async () => {
    // the client module is loaded (before()), so the bad crm-url fails within a few ms
    const el = document.createElement('cif-provider');
    el.crmUrl = 'not a url';
    const consumer = document.createElement('wait-consumer') as WaitConsumer;
    el.append(consumer);
    document.body.append(el);
    try {
      await waitUntil(() => consumer.renders.length > 0, 'never rendered');
      expect(el.state).to.equal('error');
      expect(consumer.renders[0]).to.deep.equal({ client: false, state: 'error' });
    } finally {
      el.remove();
    }
  });

  it('does not wait with a client of its own, outside any provider, or in a provider that is already ready', async () => {
    const client = new CifFrameworkClient(createFakeCIFramework({ version: 2 }), { version: 2 });
    const silent = document.createElement('cif-provider');
    silent.crmUrl = `${fixtures}/silent`;
    silent.initTimeout = 5000;
    const injected = Object.assign(document.createElement('wait-consumer') as WaitConsumer, { client });
    silent.append(injected);
    const outside = document.createElement('wait-consumer') as WaitConsumer;
    const ready = await fixture<CifProvider>(html`<cif-provider .client=${client}></cif-provider>`);
    expect(ready.state).to.equal('ready');
    const late = document.createElement('wait-consumer') as WaitConsumer;
    document.body.append(silent, outside);
    ready.append(late);
    try {
      await task();
      expect(injected.renders).to.deep.equal([{ client: true, state: 'connecting' }]);
      expect(outside.renders).to.deep.equal([{ client: false, state: undefined }]);
      expect(late.renders).to.deep.equal([{ client: true, state: 'ready' }]);
    } finally {
      silent.remove();
      outside.remove();
    }
  });
});
