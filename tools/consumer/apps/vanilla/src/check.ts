// Compiled with `tsc --noEmit` (moduleResolution bundler, then node16), without skipLibCheck: the published
// declarations of every package must resolve and type-check from node_modules.
import { CifDialer, CifProvider, CifError, type CifDialDetail, type CifClient } from 'cif-elements';
import { CifProvider as CoreProvider } from '@cif-elements/core';
import { CifDialer as Dialer } from '@cif-elements/dialer';
import { CifPresence } from '@cif-elements/presence';
import { CifSessionList } from '@cif-elements/session-list';
import { CifClickToAct } from '@cif-elements/click-to-act';
import { CallController, CifCallFlow } from '@cif-elements/calls';
import type { CifClient as ApiClient } from '@cif-elements/client/api';
import { SimulatedCifHost } from '@cif-elements/client/simulated';

const dialer: CifDialer = document.createElement('cif-dialer');
dialer.defaultCountry = 'US';
dialer.addEventListener('cif-dial', (e) => {
  const detail: CifDialDetail = e.detail;
  console.log(detail.number.toUpperCase());
});
const provider: CifProvider = document.createElement('cif-provider');
const client: CifClient | undefined = provider.client;
const same: ApiClient | undefined = client;
const err: CifError | undefined = undefined;
export const used = [dialer, same, err, CoreProvider, Dialer, CifPresence, CifSessionList, CifClickToAct, CallController, CifCallFlow, SimulatedCifHost];
