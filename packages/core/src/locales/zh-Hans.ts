import type { CifProviderStrings } from '../strings.js';

const strings: CifProviderStrings = {
  errorTitle: '无法连接到 Dynamics 365',
  retry: '重试',
};
export default strings;
