// Fault suite (issue #6): the widget under a broken CIF. Nothing may throw uncaught; elements show a
// clear error and keep their last good state.
import { expect, fixture, html, waitUntil, aTimeout } from '@open-wc/testing';
import '../src/index.js';
import {
  CifFrameworkClient,
  type CifClickToAct,
  type CifDialer,
  type CifPresence,
  type CifProvider,
  type CifSessionList,
} from '../src/index.js';
import { createFakeCIFramework, installFakeCIFramework, type FakeCIFramework } from '@cif-elements/client/testing';

const fixtures = new URL('../../client/test/fixtures/', import.meta.url).href.replace(/\/$/, '');
const errorText = (el: Element) => el.shadowRoot!.querySelector('[part~=error]')?.textContent?.trim() ?? '';

/** Collects uncaught errors and unhandled rejections during a test. */
function watchUncaught() {
  const seen: unknown[] = [];
  const onError = (e: ErrorEvent) => seen.push(e.error ?? e.message);
  const onRejection = (e: PromiseRejectionEvent) => seen.push(e.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    seen,
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

function widget(attrs: { crmUrl?: string; initTimeout?: number; callTimeout?: number; client?: unknown; version?: 1 | 2 } = {}) {
  return fixture<CifProvider>(html`
    <cif-provider
      cif-version=${attrs.version ?? ''}
      crm-url=${attrs.crmUrl ?? ''}
      init-timeout=${attrs.initTimeout ?? 10000}
      call-timeout=${attrs.callTimeout ?? 15000}
      .client=${attrs.client}
    >
      <cif-presence></cif-presence>
      <cif-click-to-act></cif-click-to-act>
      <cif-dialer default-country="US"></cif-dialer>
      <cif-session-list></cif-session-list>
    </cif-provider>
  `);
}

describe('faults: CIF that never works', () => {
  let uncaught: ReturnType<typeof watchUncaught>;
  beforeEach(() => (uncaught = watchUncaught()));
  afterEach(() => {
    uncaught.stop();
    delete (window as Window).Microsoft;
    document.querySelectorAll('script[data-cifid]').forEach((s) => s.remove());
  });

  for (const [name, crmUrl, code] of [
    ['the library never loads (404)', `${fixtures}/missing`, 'library-load-failed'],
    ['the library never sends CIFInitDone', `${fixtures}/silent`, 'init-timeout'],
  ] as const) {
    it(`${name}: the provider shows an error with retry, elements stay calm, nothing throws`, async () => {
      const el = await widget({ crmUrl, initTimeout: 200 });
      await waitUntil(() => el.state === 'error', 'provider never reported the error', { timeout: 3000 });
      await el.updateComplete;
      expect(el.error!.code).to.equal(code);
      expect(errorText(el)).to.contain('Could not connect');
      expect(el.shadowRoot!.querySelector('[part=retry]')).to.exist;
      // elements without a client: no errors of their own, a calm not-connected state
      const presence = el.querySelector<CifPresence>('cif-presence')!;
      const c2a = el.querySelector<CifClickToAct>('cif-click-to-act')!;
      expect(c2a.state).to.equal('not-connected');
      expect(presence.error).to.equal(undefined);
      await expect(el).to.be.accessible();
      expect(uncaught.seen).to.deep.equal([]);
    });
  }

  it('CIFInitDone arrives but Dynamics never answers: the provider says so, with retry, nothing throws', async () => {
    const fake = createFakeCIFramework({ version: 2 });
    fake.hang('getMode');
    const uninstall = installFakeCIFramework(fake);
    try {
      const el = await widget({ callTimeout: 150, initTimeout: 500, version: 2 });
      await waitUntil(() => el.state === 'error', 'provider did not report the silent host', { timeout: 4000 });
      await el.updateComplete;
      expect(el.error!.code).to.equal('timeout');
      expect(errorText(el)).to.contain('Trusted Domain');
      expect(el.querySelector<CifClickToAct>('cif-click-to-act')!.state).to.equal('not-connected');
      expect(fake.handlerCount()).to.equal(0);
      await expect(el).to.be.accessible();
      // the host starts answering (e.g. the admin fixed the trusted domain): Retry connects
      fake.respond('getMode', 1);
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part=retry]')!.click();
      await waitUntil(() => el.state === 'ready', 'retry did not connect', { timeout: 4000 });
      await aTimeout(20);
      expect(uncaught.seen).to.deep.equal([]);
    } finally {
      uninstall();
    }
  });

  it('CIFInitDone arrives, the handshake answers, then every other call times out: each element shows it', async () => {
    const fake = createFakeCIFramework({ version: 2 });
    for (const m of ['getClickToAct', 'getPresence', 'getAllSessions', 'getFocusedSession', 'getSession', 'setClickToAct', 'setPresence', 'requestFocusSession'] as const) {
      fake.hang(m);
    }
    const uninstall = installFakeCIFramework(fake);
    try {
      const el = await widget({ callTimeout: 150, initTimeout: 500 });
      await waitUntil(() => el.state === 'ready', 'provider not ready', { timeout: 4000 });
      const presence = el.querySelector<CifPresence>('cif-presence')!;
      const c2a = el.querySelector<CifClickToAct>('cif-click-to-act')!;
      const list = el.querySelector<CifSessionList>('cif-session-list')!;
      await waitUntil(() => presence.error && c2a.error && list.state === 'error', 'elements did not all report the time-out', { timeout: 3000 });
      expect(presence.error!.code).to.equal('timeout');
      expect(c2a.error!.code).to.equal('timeout');
      for (const e of [presence, c2a, list]) {
        await e.updateComplete;
        expect(errorText(e), e.localName).to.not.equal('');
      }
      // the dialer needs no CIF call to work: it still dials
      const dialer = el.querySelector<CifDialer>('cif-dialer')!;
      await dialer.updateComplete;
      expect(dialer.dial('+1 425 555 0100')).to.equal(true);
      // a write that times out reverts
      const before = c2a.checked;
      await c2a.toggle();
      expect(c2a.checked).to.equal(before);
      await expect(el).to.be.accessible();
      await aTimeout(50);
      expect(uncaught.seen).to.deep.equal([]);
    } finally {
      uninstall();
    }
  });
});

describe('faults: malformed event payloads keep the last good state', () => {
  let fake: FakeCIFramework;
  let el: CifProvider;
  let warn: typeof console.warn;
  beforeEach(async () => {
    warn = console.warn;
    console.warn = () => {};
    fake = createFakeCIFramework({ version: 2 });
    const client = new CifFrameworkClient(fake, { version: 2 });
    await client.createSession({ templateName: 't', customerName: 'Ada' });
    el = await widget({ client });
    await waitUntil(() => el.querySelector<CifSessionList>('cif-session-list')!.sessions.length === 1);
  });
  afterEach(() => {
    console.warn = warn;
  });

  const junk: Array<[string, unknown]> = [
    ['not JSON', '{not json'],
    ['a JSON array', '[1,2,3]'],
    ['JSON null', 'null'],
    ['wrong types', { value: ['+1'], sessionId: 7, presenceId: { x: 1 }, presenceInfo: 5, focused: 'yes' }],
    ['missing keys', {}],
    ['a 1 MB string', 'x'.repeat(1_000_000)],
  ];
  for (const [name, payload] of junk) {
    it(`${name}: handlers still answer with a promise and the elements keep their state`, async () => {
      const c2a = el.querySelector<CifClickToAct>('cif-click-to-act')!;
      const dialer = el.querySelector<CifDialer>('cif-dialer')!;
      const presence = el.querySelector<CifPresence>('cif-presence')!;
      const list = el.querySelector<CifSessionList>('cif-session-list')!;
      await fake.raise('onclicktoact', { value: '+14255550100', name: 'telephone1', format: 'phone', entityLogicalName: 'contact' });
      await waitUntil(() => c2a.lastItem?.value === '+14255550100');
      const good = { c2a: c2a.lastItem, dialer: dialer.value, presence: presence.value, sessions: list.sessions.map((s) => s.sessionId) };
      for (const name of ['onclicktoact', 'onPresenceChange', 'setPresenceEvent', 'onSessionSwitched', 'onSessionClosed', 'onmodechanged']) {
        const results = await fake.raise(name, payload);
        expect(results.every((r) => r === true), name).to.equal(true);
      }
      await el.updateComplete;
      await list.updateComplete;
      expect(c2a.lastItem).to.deep.equal(good.c2a);
      expect(dialer.value).to.equal(good.dialer);
      expect(presence.value).to.equal(good.presence);
      expect(list.sessions.map((s) => s.sessionId)).to.deep.equal(good.sessions);
    });
  }
});
