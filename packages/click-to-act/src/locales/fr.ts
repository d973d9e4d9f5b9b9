import type { ClickToActPayload } from '@cif-elements/client/api';
import type { CifClickToActStrings } from '../strings.js';

const strings: CifClickToActStrings = {
  label: 'Cliquer pour appeler',
  description: 'Paramètre de toute l’organisation\u00a0: l’activer ou le désactiver le modifie pour tous les agents de votre organisation.',
  loading: 'Lecture du paramètre…',
  writing: 'Enregistrement…',
  notConnected: 'Non connecté à Dynamics 365.',
  readError: 'Impossible de lire le paramètre actuel.',
  writeError: 'La modification n’a pas été enregistrée.',
  retry: 'Réessayer',
  lastHeading: 'Dernier clic dans Dynamics 365',
  lastValue: 'Valeur',
  lastField: 'Champ',
  lastEntity: 'Type d’enregistrement',
  lastEmpty: 'Cliquez sur un numéro de téléphone dans Dynamics 365 pour l’utiliser ici.',
  announceClick: (item: ClickToActPayload) => `Clic dans Dynamics 365\u00a0: ${item.value}`,
};
export default strings;
