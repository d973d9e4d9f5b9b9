import type { CifProviderStrings } from '../strings.js';

const strings: CifProviderStrings = {
  errorTitle: 'Impossibile connettersi a Dynamics 365',
  retry: 'Riprova',
};
export default strings;
