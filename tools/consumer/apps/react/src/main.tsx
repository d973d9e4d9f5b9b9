// A React 19 app that uses the typed @cif-elements/react wrappers (run in Vite's dev server: React's
// development build, the packages' default export condition).
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CifDialer, CifPresence, CifProvider, CifSessionList, CifClickToAct } from '@cif-elements/react';
import type { CifDialDetail } from '@cif-elements/dialer';

declare global {
  interface Window {
    appDials: CifDialDetail[];
  }
}
window.appDials = [];

function App() {
  const [status, setStatus] = useState('connecting');
  return (
    <>
      <CifProvider simulated onCifReady={() => setStatus('ready')}>
        <CifPresence />
        <CifClickToAct />
        <CifDialer defaultCountry="US" onCifDial={(e) => window.appDials.push(e.detail)} />
        <CifSessionList />
      </CifProvider>
      <p id="status">{status}</p>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
