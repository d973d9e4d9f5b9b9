import type { ClickToActPayload } from '@cif-elements/client/api';
import type { CifClickToActStrings } from '../strings.js';

const strings: CifClickToActStrings = {
  label: 'Klikken om te bellen',
  description: 'Instelling voor de hele organisatie: in- of uitschakelen geldt voor alle agenten in uw organisatie.',
  loading: 'Instelling lezen…',
  writing: 'Opslaan…',
  notConnected: 'Niet verbonden met Dynamics 365.',
  readError: 'De huidige instelling kan niet worden gelezen.',
  writeError: 'De wijziging is niet opgeslagen.',
  retry: 'Opnieuw proberen',
  lastHeading: 'Laatst aangeklikt in Dynamics 365',
  lastValue: 'Waarde',
  lastField: 'Veld',
  lastEntity: 'Recordtype',
  lastEmpty: 'Klik in Dynamics 365 op een telefoonnummer om het hier te gebruiken.',
  announceClick: (item: ClickToActPayload) => `Aangeklikt in Dynamics 365: ${item.value}`,
};
export default strings;
