import type { ClickToActPayload } from '@cif-elements/client/api';
import type { CifClickToActStrings } from '../strings.js';

const strings: CifClickToActStrings = {
  label: 'Fai clic per chiamare',
  description: 'Impostazione dell’intera organizzazione: attivarla o disattivarla la modifica per tutti gli agenti dell’organizzazione.',
  loading: 'Lettura dell’impostazione…',
  writing: 'Salvataggio…',
  notConnected: 'Non connesso a Dynamics 365.',
  readError: 'Impossibile leggere l’impostazione corrente.',
  writeError: 'La modifica non è stata salvata.',
  retry: 'Riprova',
  lastHeading: 'Ultimo clic in Dynamics 365',
  lastValue: 'Valore',
  lastField: 'Campo',
  lastEntity: 'Tipo di record',
  lastEmpty: 'Fai clic su un numero di telefono in Dynamics 365 per usarlo qui.',
  announceClick: (item: ClickToActPayload) => `Clic in Dynamics 365: ${item.value}`,
};
export default strings;
