import type { CifProviderStrings } from '../strings.js';

const strings: CifProviderStrings = {
  errorTitle: 'לא ניתן להתחבר ל-Dynamics 365',
  retry: 'נסה שוב',
};
export default strings;
