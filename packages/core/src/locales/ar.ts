import type { CifProviderStrings } from '../strings.js';

const strings: CifProviderStrings = {
  errorTitle: 'تعذّر الاتصال بـ Dynamics 365',
  retry: 'إعادة المحاولة',
};
export default strings;
