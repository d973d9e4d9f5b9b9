import type { CifProviderStrings } from '../strings.js';

const strings: CifProviderStrings = {
  errorTitle: 'Keine Verbindung zu Dynamics 365 möglich',
  retry: 'Erneut versuchen',
};
export default strings;
