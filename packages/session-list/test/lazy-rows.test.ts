import { expect, waitUntil } from '@open-wc/testing';
import type { CifProvider } from '@cif-elements/core';
import { SimulatedCifHost, createSimulatedClient } from '@cif-elements/client';
import type { PartLoader } from '@cif-elements/core';
import { CifSessionList, defaultSessionListStrings } from '../src/index.js';
import { loaded, optionNames, options, part, seeded, threeSessions } from './helpers.js';
import { heldLoader } from '../../../tools/testing/lazy-part.js';

type RowsModule = typeof import('../src/session-rows.js');

/** A rows loader the test settles by hand (the real module, held back or failed), counting its imports. */
function heldRows() {
  const held = heldLoader<RowsModule>(() => import('../src/session-rows.js'));
  return Object.assign(held, { fail: () => held.reject(new TypeError('Failed to fetch dynamically imported module')) });
}

let n = 0;
/** A `<cif-session-list>` subclass (and tag) whose rows come from `loader`. */
function listWith(loader: PartLoader<RowsModule>): string {
  const tag = `held-session-list-${++n}`;
  customElements.define(
    tag,
    class extends CifSessionList {
      static override rowsModule = loader;
    },
  );
  return tag;
}

/** Records console errors and uncaught errors until `stop()`. */
function recordErrors(): { errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void errors.push(args);
  const onError = (e: ErrorEvent | PromiseRejectionEvent) => void errors.push('reason' in e ? e.reason : e.error);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onError);
  return {
    errors,
    stop() {
      console.error = original;
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    },
  };
}

const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r)));

/**
 * A list on the page, with a client, whose rows failed to load (state `error`); console warnings are kept in
 * `warnings` until `restore()`.
 */
async function listWithFailedRows() {
  const held = heldRows();
  const tag = listWith(held.loader);
  const { fake, client } = seeded(threeSessions());
  const warn = console.warn;
  const warnings: unknown[] = [];
  console.warn = (...args: unknown[]) => void warnings.push(args);
  const restore = () => void (console.warn = warn);
  try {
    const el = document.createElement(tag) as CifSessionList;
    el.client = client;
    document.body.append(el);
    held.fail();
    await el.updateComplete;
    expect(el.state).to.equal('error');
    return { el, held, fake, warnings, restore };
  } catch (e) {
    restore();
    throw e;
  }
}

describe('<cif-session-list> rows loaded on demand', () => {
  it('without a provider or client it fetches nothing; a client starts the rows: waiting states, no error, then the list', async () => {
    const held = heldRows();
    const tag = listWith(held.loader);
    const recorder = recordErrors();
    try {
      const el = document.createElement(tag) as CifSessionList;
      document.body.append(el);
      await frame();
      // no client: not connected, as before, and nothing loaded (cif-elements.js copied alone fetches nothing)
      expect(held.imports).to.equal(0);
      expect(el.state).to.equal('idle');
      expect(part(el.shadowRoot!, 'idle')!.textContent).to.equal(defaultSessionListStrings.notConnected);
      await el.updateComplete;
      await expect(el).to.be.accessible();

      // a client, still no rows: it says it is loading, and reads nothing yet
      const { fake, client } = seeded(threeSessions(), 'seed-2');
      el.client = client;
      expect(held.imports, 'the import starts with the client').to.equal(1);
      await frame();
      expect(el.state).to.equal('loading');
      expect(el.getAttribute('state')).to.equal('loading');
      expect(part(el.shadowRoot!, 'loading')!.textContent).to.equal(defaultSessionListStrings.loading);
      expect(options(el)).to.have.length(0);
      expect(el.sessions).to.deep.equal([]);
      expect(fake.callsOf('getAllSessions')).to.have.length(0);
      await expect(el).to.be.accessible();

      // updateComplete waits for the rows
      let settled = false;
      void el.updateComplete.then(() => (settled = true));
      await frame();
      expect(settled).to.equal(false);

      held.resolve();
      await loaded(el);
      expect(settled).to.equal(true);
      expect(el.state).to.equal('ready');
      expect(optionNames(el)[1]).to.match(/^Billing chat, Bo Chen, Chat, started 1 h 5 min ago/);
      expect(el.sessions.map((s) => s.sessionId)).to.deep.equal(['seed-1', 'seed-2', 'seed-3']);
      // the rows' styles came with them
      const row = options(el)[0]!;
      expect(getComputedStyle(row).display).to.equal('grid');
      expect(getComputedStyle(row).borderInlineStartWidth).to.equal('3px');
      expect(fake.callsOf('getAllSessions')).to.have.length(1);
      await expect(el).to.be.accessible();
      el.remove();
      expect(held.imports).to.equal(1);
      expect(recorder.errors).to.deep.equal([]);
    } finally {
      recorder.stop();
    }
  });

  it('session events before the rows arrive are not lost: the rows read the sessions when they come', async () => {
    const held = heldRows();
    const tag = listWith(held.loader);
    const client = createSimulatedClient(new SimulatedCifHost());
    const el = document.createElement(tag) as CifSessionList;
    el.client = client;
    document.body.append(el);
    await frame();
    const id = await client.createSession({ templateName: 'msdyn_chat_session', customerName: 'Di Ek', channel: 'chat' });
    expect(options(el)).to.have.length(0);
    held.resolve();
    await loaded(el);
    expect(options(el).map((o) => o.dataset.id)).to.deep.equal([id]);
    expect(optionNames(el)[0]).to.match(/^Di Ek, Chat, started < 1 min ago/);
    el.remove();
  });

  it('inside a <cif-provider> it starts loading its rows on connect, in parallel with the client', async () => {
    const held = heldRows();
    const tag = listWith(held.loader);
    const provider = document.createElement('cif-provider') as CifProvider;
    provider.simulated = true;
    const el = document.createElement(tag) as CifSessionList;
    provider.append(el);
    document.body.append(provider);
    expect(provider.client, 'the client is still connecting').to.equal(undefined);
    expect(held.imports, 'the import starts on connect').to.equal(1);
    await waitUntil(() => provider.state === 'ready', 'the provider did not connect');
    await frame();
    expect(el.state).to.equal('loading');
    held.resolve();
    await waitUntil(() => el.state === 'empty', 'the list did not load');
    await el.updateComplete;
    expect(part(el.shadowRoot!, 'empty')).to.not.equal(null);
    expect(held.imports).to.equal(1);
    provider.remove();
  });

  it('a second list on the page has its rows at once (one import per page)', async () => {
    const held = heldRows();
    const tag = listWith(held.loader);
    const a = document.createElement(tag) as CifSessionList;
    a.client = seeded(threeSessions()).client;
    document.body.append(a);
    held.resolve();
    await loaded(a);
    const b = document.createElement(tag) as CifSessionList;
    b.client = seeded(threeSessions()).client;
    document.body.append(b);
    await loaded(b);
    expect(options(b)).to.have.length(3);
    expect(held.imports).to.equal(1);
    a.remove();
    b.remove();
  });

  it('rows that fail to load: an error with a retry, nothing broken; the retry loads them', async () => {
    const { el, held, fake, warnings, restore } = await listWithFailedRows();
    try {
      expect(el.getAttribute('state')).to.equal('error');
      const error = part(el.shadowRoot!, 'error')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(error.textContent).to.contain(defaultSessionListStrings.loadError);
      expect(options(el)).to.have.length(0);
      expect(el.sessions).to.deep.equal([]);
      expect(fake.callsOf('getAllSessions')).to.have.length(0);
      expect(warnings).to.have.length(1);
      await expect(el).to.be.accessible();

      part(el.shadowRoot!, 'retry')!.click();
      expect(held.imports).to.equal(2);
      held.resolve();
      await waitUntil(() => el.state === 'ready', 'the list did not load after the retry');
      await el.updateComplete;
      expect(options(el)).to.have.length(3);
      el.remove();
    } finally {
      restore();
    }
  });

  it('rows that fail to load are tried again when the list connects again', async () => {
    const { el, held, restore } = await listWithFailedRows();
    try {
      el.remove();
      document.body.append(el);
      expect(held.imports).to.equal(2);
      held.resolve();
      await waitUntil(() => el.state === 'ready', 'the list did not load after reconnecting');
      await el.updateComplete;
      expect(el.getAttribute('state')).to.equal('ready');
      expect(options(el).map((o) => o.dataset.id)).to.deep.equal(['seed-1', 'seed-2', 'seed-3']);
      el.remove();
    } finally {
      restore();
    }
  });
});
