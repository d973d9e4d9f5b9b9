// The whole widget from the single-file bundle under a strict Content-Security-Policy (issue #6): no
// 'unsafe-inline', no 'unsafe-eval'. Nothing may be blocked, and the widget must work and be styled.
import { expect } from '@open-wc/testing';
import type { CifClickToAct, CifDialer, CifPresence, CifProvider, CifSessionList } from '../src/index.js';
import { closePages, digits, loadPage, part, until } from './frame.js';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

describe('strict CSP (no unsafe-inline, no unsafe-eval) with cif-elements.js', () => {
  afterEach(closePages);

  it('assembles, styles and runs the widget with no CSP violation of ours', async () => {
    const page = await loadPage('/packages/elements/test/pages/csp.html');
    const { win, doc } = page;
    const provider = doc.querySelector('cif-provider') as CifProvider;
    await until(() => provider.state === 'ready', 'provider not ready under CSP');
    const dialer = doc.querySelector('cif-dialer') as CifDialer;
    const presence = doc.querySelector('cif-presence') as CifPresence;
    const c2a = doc.querySelector('cif-click-to-act') as CifClickToAct;
    const list = doc.querySelector('cif-session-list') as CifSessionList;
    await dialer.updateComplete;

    // behaviour: click-to-act → dialer → cif-dial; a session; presence from Dynamics
    let dialed = '';
    dialer.addEventListener('cif-dial', (e) => (dialed = (e as CustomEvent<{ number: string }>).detail.number));
    provider.host!.clickToAct({ value: '+1 425 555 0100' });
    await until(() => digits(dialer.value) === '14255550100', 'click-to-act did not fill the dialer');
    part<HTMLButtonElement>(dialer, 'call-button')!.click();
    await until(() => dialed === '+14255550100', 'no cif-dial');
    await provider.client!.createSession({ templateName: 't', customerName: 'Ada', channel: 'voice' });
    await until(() => list.sessions.length === 1, 'session not listed');
    provider.host!.userSetsPresence('Away');
    await until(() => presence.value === 'away', 'presence not followed');
    await until(() => c2a.checked, 'click-to-act state not read');

    // styles applied (constructable stylesheets are allowed by style-src 'self')
    const call = part<HTMLButtonElement>(dialer, 'call-button')!;
    expect(win.getComputedStyle(call).backgroundColor).to.not.equal('rgba(0, 0, 0, 0)');
    const dot = part(presence, 'dot')!;
    expect(win.getComputedStyle(dot).backgroundColor).to.not.equal('rgba(0, 0, 0, 0)');
    expect(win.getComputedStyle(doc.documentElement).getPropertyValue('--cif-color-brand').trim()).to.not.equal('');

    // no violation except the test server's own injected inline script
    const violations = ((win as unknown as { __cspViolations: Violation[] }).__cspViolations ?? []).filter(
      (v) => !/web-dev-server|__wds/.test(`${v.sample} ${v.source} ${v.blocked}`),
    );
    expect(violations).to.deep.equal([]);
    expect(page.errors).to.deep.equal([]);
  });
});
