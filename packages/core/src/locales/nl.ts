import type { CifProviderStrings } from '../strings.js';

const strings: CifProviderStrings = {
  errorTitle: 'Kan geen verbinding maken met Dynamics 365',
  retry: 'Opnieuw proberen',
};
export default strings;
