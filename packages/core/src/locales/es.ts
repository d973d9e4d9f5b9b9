import type { CifProviderStrings } from '../strings.js';

const strings: CifProviderStrings = {
  errorTitle: 'No se pudo conectar con Dynamics 365',
  retry: 'Reintentar',
};
export default strings;
