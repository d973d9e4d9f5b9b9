import type { ClickToActPayload } from '@cif-elements/client/api';
import type { CifClickToActStrings } from '../strings.js';

const strings: CifClickToActStrings = {
  label: 'Hacer clic para llamar',
  description: 'Configuración de toda la organización: activarla o desactivarla la cambia para todos los agentes de su organización.',
  loading: 'Leyendo la configuración…',
  writing: 'Guardando…',
  notConnected: 'No conectado a Dynamics 365.',
  readError: 'No se pudo leer la configuración actual.',
  writeError: 'No se guardó el cambio.',
  retry: 'Reintentar',
  lastHeading: 'Último clic en Dynamics 365',
  lastValue: 'Valor',
  lastField: 'Campo',
  lastEntity: 'Tipo de registro',
  lastEmpty: 'Haga clic en un número de teléfono en Dynamics 365 para usarlo aquí.',
  announceClick: (item: ClickToActPayload) => `Clic en Dynamics 365: ${item.value}`,
};
export default strings;
