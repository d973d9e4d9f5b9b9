// Keyboard-only, end to end (issue #6): presence change, click-to-act, dial, in-call controls and a
// session switch on the assembled widget, with real key presses (sendKeys) and no mouse.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/index.js';
import type { CifDialer, CifProvider, CifSessionList } from '../src/index.js';

/** The focused element, through shadow roots. */
function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/**
 * Presses Tab (Shift+Tab when `backward`; at most 40 times) until the focused element matches. It never
 * relies on Tab wrapping from the end of the page to its start: headless Firefox does not wrap (focus
 * leaves the document and comes back to the last element), so a target behind the focus is reached
 * backward.
 */
async function tabTo(match: (el: Element) => boolean, what: string, backward = false): Promise<Element> {
  for (let i = 0; i < 40; i++) {
    if (backward) await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    if (backward) await sendKeys({ up: 'Shift' });
    const a = deepActive();
    if (a && match(a)) return a;
  }
  throw new Error(`Tab never reached ${what}`);
}

const inHost = (tag: string) => (el: Element) => (el.getRootNode() as ShadowRoot).host?.localName === tag;

describe('keyboard-only end to end on the assembled widget', () => {
  it('presence, click-to-act, dial, in-call controls and a session switch', async () => {
    const provider = await fixture<CifProvider>(html`<cif-provider simulated>
      <cif-presence></cif-presence>
      <cif-click-to-act></cif-click-to-act>
      <cif-dialer default-country="US"></cif-dialer>
      <cif-session-list></cif-session-list>
    </cif-provider>`);
    await waitUntil(() => provider.state === 'ready');
    const host = provider.host!;
    const dialer = provider.querySelector<CifDialer>('cif-dialer')!;
    const list = provider.querySelector<CifSessionList>('cif-session-list')!;
    await dialer.updateComplete;
    const events: string[] = [];
    for (const t of ['cif-presence-change', 'cif-dial', 'cif-mute', 'cif-hold', 'cif-hangup', 'cif-session-select']) {
      provider.addEventListener(t, (e) => events.push(`${t}:${JSON.stringify((e as CustomEvent).detail?.source ?? '')}`));
    }
    let dialed = '';
    provider.addEventListener('cif-dial', (e) => (dialed = e.detail.number));

    // 1. presence: open the menu, type-ahead to Busy, choose it
    await tabTo((el) => inHost('cif-presence')(el) && el.localName === 'button', 'the presence button');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'b' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => host.presence.presenceText === 'Busy', 'presence not set in Dynamics');

    // 2. click-to-act: the switch toggles with Space (org-wide flag in the host)
    const sw = await tabTo((el) => el.getAttribute('role') === 'switch', 'the click-to-act switch');
    expect(host.clickToActEnabled).to.equal(true);
    await sendKeys({ press: ' ' });
    await waitUntil(() => host.clickToActEnabled === false, 'switch did not turn click-to-act off');
    await waitUntil(() => sw.getAttribute('aria-checked') === 'false' && sw.getAttribute('aria-disabled') !== 'true');
    await sendKeys({ press: ' ' });
    await waitUntil(() => host.clickToActEnabled === true, 'switch did not turn click-to-act on');

    // 3. click-to-act from Dynamics fills the dialer; Enter in the field dials
    host.clickToAct({ value: '+1 425 555 0100' });
    await waitUntil(() => dialer.value !== '', 'dialer not filled');
    await tabTo((el) => inHost('cif-dialer')(el) && el.localName === 'input', 'the number field');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialed === '+14255550100', 'no cif-dial');

    // 4. in-call controls: mute (Space), hold, hang up (Enter)
    dialer.callState = 'connected';
    await dialer.updateComplete;
    // On connect the dialer moves focus to Hang up, which comes after Mute: Mute is reached backward.
    const hasPart = (name: string) => (el: Element) => inHost('cif-dialer')(el) && el.getAttribute('part')?.split(' ').includes(name) === true;
    await waitUntil(() => {
      const a = deepActive();
      return a !== null && hasPart('hangup')(a);
    }, 'focus did not move to hang up');
    const mute = await tabTo(hasPart('mute'), 'mute', true);
    await sendKeys({ press: ' ' });
    await waitUntil(() => mute.getAttribute('aria-pressed') === 'true', 'mute not pressed');
    await tabTo(hasPart('hold'), 'hold');
    await sendKeys({ press: ' ' });
    await waitUntil(() => dialer.held, 'hold not applied');
    await tabTo(hasPart('hangup'), 'hang up');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => events.some((e) => e.startsWith('cif-hangup')), 'no cif-hangup');
    dialer.callState = 'idle';

    // 5. sessions: two calls → two sessions; switch to the other one with arrows + Enter
    const client = provider.client!;
    const first = await client.createSession({ templateName: 'msdyn_voicecall_session', customerName: 'Ada', channel: 'voice' });
    const second = await client.createSession({ templateName: 'msdyn_voicecall_session', customerName: 'Grace', channel: 'voice' });
    await waitUntil(() => list.sessions.length === 2 && host.focusedSessionId === second);
    await tabTo((el) => inHost('cif-session-list')(el) && el.getAttribute('role') === 'option', 'the session list');
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => host.focusedSessionId === first, 'session focus did not move');

    expect(events.map((e) => e.split(':')[0])).to.include.members([
      'cif-presence-change',
      'cif-dial',
      'cif-mute',
      'cif-hold',
      'cif-hangup',
      'cif-session-select',
    ]);
    await expect(provider).to.be.accessible();
  });
});
