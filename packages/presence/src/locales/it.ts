import type { CifPresenceStrings } from '../strings.js';

const strings: CifPresenceStrings = {
  buttonLabel: (p: string) => `Presenza: ${p}`,
  changing: (p: string) => `Presenza: passaggio a ${p}`,
  menuLabel: 'Imposta presenza',
  unknown: 'Sconosciuto',
  loading: 'Caricamento…',
  readError: 'Impossibile leggere la presenza da Dynamics 365.',
  writeError: (p: string) => `Impossibile impostare la presenza su ${p}.`,
  changed: (p: string) => `Presenza impostata su ${p}`,
  changedInDynamics: (p: string) => `Presenza modificata in Dynamics 365: ${p}`,
  changedLocally: (p: string) => `Presenza impostata su ${p} solo in questo widget, non in Dynamics 365`,
  localOnly: 'Solo locale: questo Dynamics 365 non consente ai provider di canali di leggere o impostare la presenza, quindi le modifiche fatte qui non vengono mostrate in Dynamics 365.',
  unavailable: 'Dynamics 365 non è riuscito a caricare la presenza ("Sconosciuto"). Per l’amministratore: di solito manca il ruolo di agente Omnicanale, la capacità o una presenza predefinita non è impostata nel profilo agente, oppure i canali non sono attivati nel profilo agente.',
};
export default strings;
