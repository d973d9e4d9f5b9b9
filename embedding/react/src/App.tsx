// A provider's React 19 widget: the four elements inside a simulated <cif-provider>, through the typed
// @cif-elements/react wrappers. Props flow from React state into element properties; the elements'
// cif-* events arrive in React handlers (onCifDial, …) and update React state.
import { useRef, useState } from 'react';
import { CifClickToAct, CifDialer, CifPresence, CifProvider, CifSessionList } from '@cif-elements/react';
import type { CifDialDetail, CifDialer as CifDialerElement } from '@cif-elements/dialer';

const COUNTRIES = ['US', 'GB', 'DE', 'FR'] as const;

export function App() {
  const [ready, setReady] = useState(false);
  const [country, setCountry] = useState<string>('US');
  const [presence, setPresence] = useState('');
  const [clicked, setClicked] = useState('');
  const [dials, setDials] = useState<CifDialDetail[]>([]);
  const dialer = useRef<CifDialerElement>(null);

  return (
    <main>
      <h1>cif-elements in React</h1>
      <label>
        Default country{' '}
        <select id="country" value={country} onChange={(e) => setCountry(e.target.value)}>
          {COUNTRIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <CifProvider simulated onCifReady={() => setReady(true)}>
        <CifPresence onCifPresenceChange={(e) => setPresence(e.detail.presence.presenceText)} />
        <CifClickToAct onCifClickToAct={(e) => setClicked(e.detail.value)} />
        <CifDialer
          ref={dialer}
          defaultCountry={country}
          maxRecent={5}
          onCifDial={(e) => {
            const detail = e.detail;
            setDials((list) => [...list, detail]);
          }}
        />
        <CifSessionList />
      </CifProvider>
      <button id="call-api" type="button" onClick={() => dialer.current?.dial('+1 425 555 0199')}>
        Call the help desk
      </button>
      <dl>
        <dt>Connection</dt>
        <dd id="status">{ready ? 'ready' : 'connecting'}</dd>
        <dt>Presence</dt>
        <dd id="presence">{presence}</dd>
        <dt>Last click-to-act</dt>
        <dd id="clicked">{clicked}</dd>
      </dl>
      <ol id="dials">
        {dials.map((d, i) => (
          <li key={i} data-source={d.source}>
            {d.number}
          </li>
        ))}
      </ol>
    </main>
  );
}
