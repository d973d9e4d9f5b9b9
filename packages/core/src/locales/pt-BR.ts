import type { CifProviderStrings } from '../strings.js';

const strings: CifProviderStrings = {
  errorTitle: 'Não foi possível conectar ao Dynamics 365',
  retry: 'Tentar novamente',
};
export default strings;
