import type { ClickToActPayload } from '@cif-elements/client/api';
import type { CifClickToActStrings } from '../strings.js';

const strings: CifClickToActStrings = {
  label: 'Klicken zum Wählen',
  description: 'Organisationsweite Einstellung: Das Ein- oder Ausschalten gilt für alle Agenten Ihrer Organisation.',
  loading: 'Einstellung wird gelesen…',
  writing: 'Wird gespeichert…',
  notConnected: 'Nicht mit Dynamics 365 verbunden.',
  readError: 'Die aktuelle Einstellung konnte nicht gelesen werden.',
  writeError: 'Die Änderung wurde nicht gespeichert.',
  retry: 'Erneut versuchen',
  lastHeading: 'Zuletzt in Dynamics 365 angeklickt',
  lastValue: 'Wert',
  lastField: 'Feld',
  lastEntity: 'Datensatztyp',
  lastEmpty: 'Klicken Sie in Dynamics 365 auf eine Telefonnummer, um sie hier zu verwenden.',
  announceClick: (item: ClickToActPayload) => `In Dynamics 365 angeklickt: ${item.value}`,
};
export default strings;
