import type { CifProviderStrings } from '../strings.js';

const strings: CifProviderStrings = {
  errorTitle: 'Dynamics 365에 연결할 수 없습니다',
  retry: '다시 시도',
};
export default strings;
