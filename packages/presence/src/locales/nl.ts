import type { CifPresenceStrings } from '../strings.js';

const strings: CifPresenceStrings = {
  buttonLabel: (p: string) => `Aanwezigheid: ${p}`,
  changing: (p: string) => `Aanwezigheid: wordt gewijzigd in ${p}`,
  menuLabel: 'Aanwezigheid instellen',
  unknown: 'Onbekend',
  loading: 'Laden…',
  readError: 'Uw aanwezigheid kan niet uit Dynamics 365 worden gelezen.',
  writeError: (p: string) => `Uw aanwezigheid kan niet worden gewijzigd in ${p}.`,
  changed: (p: string) => `Aanwezigheid ingesteld op ${p}`,
  changedInDynamics: (p: string) => `Aanwezigheid in Dynamics 365 gewijzigd in ${p}`,
  changedLocally: (p: string) => `Aanwezigheid alleen in deze widget ingesteld op ${p}, niet in Dynamics 365`,
  localOnly: 'Alleen lokaal: deze Dynamics 365 laat kanaalproviders de aanwezigheid niet lezen of instellen, dus wijzigingen hier worden niet in Dynamics 365 weergegeven.',
  unavailable: 'Dynamics 365 kan uw aanwezigheid niet laden ("Onbekend"). Voor uw beheerder: meestal ontbreekt de Omnichannel-agentrol, zijn capaciteit of een standaardaanwezigheid niet ingesteld in het agentprofiel, of zijn kanalen niet geactiveerd in het agentprofiel.',
};
export default strings;
