import type { CifProviderStrings } from '../strings.js';

const strings: CifProviderStrings = {
  errorTitle: 'Impossible de se connecter à Dynamics 365',
  retry: 'Réessayer',
};
export default strings;
