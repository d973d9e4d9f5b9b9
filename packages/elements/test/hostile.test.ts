// Hostile data (issue #6) in every field the elements render: markup, event-handler attributes, RTL
// override characters, 100 KB strings. It must render as text, create no elements, run no script, and
// the layout must hold inside a narrow panel.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../src/index.js';
import { SimulatedCifHost, createSimulatedClient } from '@cif-elements/client/simulated';
import {
  type CifClickToAct,
  type CifDialer,
  type CifPresence,
  type CifProvider,
  type CifSessionList,
} from '../src/index.js';

const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '" onmouseover="window.__pwned=1" x="',
  '\u202Eevil\u202C',
  `${'W'.repeat(100_000)}`,
];

/** Every element in the widget's shadow trees (to look for injected markup). */
function deepElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...deepElements(el.shadowRoot));
  }
  return out;
}

describe('hostile data renders as text and the layout holds', () => {
  for (const evil of HOSTILE) {
    const label = evil.length > 60 ? `${evil.length} chars` : JSON.stringify(evil);
    it(label, async () => {
      const host = new SimulatedCifHost({
        presences: [
          { presenceId: 'available', presenceText: 'Available', presenceColor: '#6BB700', basePresenceStatus: 'AVAILABLE' },
          { presenceId: 'evil', presenceText: evil, presenceColor: `red;background:url(x)`, basePresenceStatus: 'BUSY' },
        ],
      });
      const client = createSimulatedClient(host);
      const panel = await fixture<HTMLDivElement>(html`<div style="width: 320px">
        <cif-provider .client=${client}>
          <cif-presence></cif-presence>
          <cif-click-to-act></cif-click-to-act>
          <cif-dialer default-country="US" contact-name=${evil}></cif-dialer>
          <cif-session-list></cif-session-list>
        </cif-provider>
      </div>`);
      const provider = panel.querySelector<CifProvider>('cif-provider')!;
      const presence = provider.querySelector<CifPresence>('cif-presence')!;
      const c2a = provider.querySelector<CifClickToAct>('cif-click-to-act')!;
      const dialer = provider.querySelector<CifDialer>('cif-dialer')!;
      const list = provider.querySelector<CifSessionList>('cif-session-list')!;
      await dialer.updateComplete;

      await client.createSession({ templateName: 't', customerName: evil, channel: evil, title: evil });
      host.clickToAct({ value: evil, name: evil, entityLogicalName: evil });
      host.userSetsPresence('evil');
      dialer.callState = 'connected';
      await waitUntil(() => list.sessions.length === 1 && c2a.lastItem?.value === evil && presence.value === 'evil');
      for (const el of [presence, c2a, dialer, list]) await el.updateComplete;
      await list.updateComplete;

      // no element was created from the data, no script ran
      const tags = deepElements(provider).map((e) => e.localName);
      expect(tags).to.not.include('img');
      expect(tags.filter((t) => t === 'script')).to.have.length(0);
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
      // the text is there, verbatim
      const texts = (el: Element) => el.shadowRoot!.textContent!;
      expect(texts(c2a)).to.contain(evil);
      expect(texts(presence)).to.contain(evil);
      expect(texts(dialer)).to.contain(evil);
      expect(texts(list)).to.contain(evil);
      // the hostile colour did not become CSS
      const dot = presence.shadowRoot!.querySelector<HTMLElement>('[part~=dot]')!;
      expect(getComputedStyle(dot).backgroundImage).to.equal('none');
      // layout holds: nothing is wider than the 320 px panel
      for (const el of [presence, c2a, dialer, list]) {
        expect(el.getBoundingClientRect().width, el.localName).to.be.at.most(321);
      }
      expect(panel.scrollWidth).to.be.at.most(321);
      await expect(provider).to.be.accessible();
    });
  }
});
