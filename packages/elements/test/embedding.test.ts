// Framework embedding, through built pages (`npm run build` builds embedding/react and embedding/vue into
// their dist/ folders, from the packages' own dist/ files): the framework renders the widget, passes props
// into element properties, and receives the elements' cif-* events in its own handlers (asserted through
// the app's state, as rendered in its DOM).
import { expect } from '@open-wc/testing';
import type { CifDialer, CifPresence, CifProvider } from '../src/index.js';
import { closePages, digits, loadPage, part, scriptPaths, until } from './frame.js';

const TAGS = ['cif-provider', 'cif-presence', 'cif-click-to-act', 'cif-dialer', 'cif-session-list'];

async function app(url: string) {
  const page = await loadPage(url);
  const { doc } = page;
  const text = (id: string) => doc.getElementById(id)?.textContent?.trim() ?? '';
  await until(() => text('status') === 'ready', `the app never saw cif-ready (status: "${text('status')}")`);
  const dialer = doc.querySelector('cif-dialer') as CifDialer;
  await dialer.updateComplete; // phone-number data loaded
  return {
    ...page,
    text,
    provider: doc.querySelector('cif-provider') as CifProvider,
    presence: doc.querySelector('cif-presence') as CifPresence,
    dialer,
    /** The numbers the app's cif-dial handler collected, with their source. */
    dials: () => [...doc.querySelectorAll('#dials li')].map((li) => `${li.textContent?.trim()} ${li.getAttribute('data-source')}`),
    /** Picks a default country in the app's own <select> (a framework-controlled value). */
    chooseCountry(code: string) {
      const select = doc.getElementById('country') as HTMLSelectElement;
      select.value = code;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    },
  };
}

for (const framework of ['react', 'vue'] as const) {
  const url = `/embedding/${framework}/dist/index.html`;

  describe(`embedding in ${framework === 'react' ? 'React 19' : 'Vue 3'} (built page ${url})`, () => {
    afterEach(closePages);

    it('renders every element through the framework, and receives cif-ready in a framework handler', async () => {
      const { win, doc, provider, errors } = await app(url);
      for (const tag of TAGS) {
        expect(win.customElements.get(tag), `${tag} defined`).to.be.a('function');
        expect(doc.querySelector(tag)?.shadowRoot, `${tag} rendered`).to.exist;
      }
      expect(doc.querySelector('cif-provider cif-dialer'), 'elements nested in the provider').to.exist;
      expect(provider.simulated, 'boolean prop → property').to.equal(true);
      expect(provider.host, 'simulated host').to.exist;
      // The app bundles cif-elements itself: nothing is fetched from outside its dist/assets.
      for (const p of scriptPaths(win)) expect(p).to.match(new RegExp(`^/embedding/${framework}/dist/assets/`));
      expect(errors).to.deep.equal([]);
    });

    it('passes framework state into element properties', async () => {
      const { dialer, chooseCountry, dials, errors } = await app(url);
      expect(dialer.defaultCountry).to.equal('US');
      chooseCountry('GB');
      await until(() => dialer.defaultCountry === 'GB', `defaultCountry follows the app (is ${dialer.defaultCountry})`);
      // …and the element acts on it: a London number written nationally dials in E.164.
      expect(dialer.dial('020 7946 0018')).to.equal(true);
      await until(() => dials().length === 1, 'the app recorded the dial');
      expect(dials()).to.deep.equal(['+442079460018 api']);
      expect(errors).to.deep.equal([]);
    });

    it('gets click-to-act from Dynamics and the resulting cif-dial in its handlers', async () => {
      const { provider, dialer, dials, errors } = await app(url);
      provider.host!.clickToAct({ value: '+14255550100', name: 'Business Phone', entityLogicalName: 'contact' });
      await until(() => digits(dialer.value) === '14255550100', `dialer filled (value: ${dialer.value})`);
      part<HTMLButtonElement>(dialer, 'call-button')!.click();
      await until(() => dials().length === 1, 'the app recorded the dial');
      expect(dials()).to.deep.equal(['+14255550100 click-to-act']);
      expect(errors).to.deep.equal([]);
    });

    it('calls an element method through a framework ref', async () => {
      const { doc, dials } = await app(url);
      (doc.getElementById('call-api') as HTMLButtonElement).click();
      await until(() => dials().length === 1, 'the app recorded the dial');
      expect(dials()).to.deep.equal(['+14255550199 api']);
    });

    it('follows a presence change made in Dynamics in framework state', async () => {
      const { provider, presence, text } = await app(url);
      await until(() => part(presence, 'label')?.textContent?.trim() === 'Available', 'presence shown');
      provider.host!.userSetsPresence('Away');
      await until(() => text('presence') === 'Away', `the app's presence state (is "${text('presence')}")`);
    });
  });
}

describe('embedding specifics', () => {
  afterEach(closePages);

  it('React: onCifClickToAct delivers the parsed payload to the app', async () => {
    const { provider, text } = await app('/embedding/react/dist/index.html');
    provider.host!.clickToAct({ value: '+14255550123' });
    await until(() => text('clicked') === '+14255550123', `the app's last click-to-act (is "${text('clicked')}")`);
  });

  it('Vue: a .prop binding sets an object property (strings)', async () => {
    const { dialer } = await app('/embedding/vue/dist/index.html');
    expect(dialer.strings).to.deep.equal({ call: 'Call now' });
    expect(part(dialer, 'call-button')!.textContent!.trim()).to.equal('Call now');
  });
});
