import type { CifProviderStrings } from '../strings.js';

const strings: CifProviderStrings = {
  errorTitle: 'Dynamics 365 に接続できませんでした',
  retry: '再試行',
};
export default strings;
