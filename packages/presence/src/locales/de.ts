import type { CifPresenceStrings } from '../strings.js';

const strings: CifPresenceStrings = {
  buttonLabel: (p: string) => `Anwesenheit: ${p}`,
  changing: (p: string) => `Anwesenheit: Wechsel zu ${p}`,
  menuLabel: 'Anwesenheit festlegen',
  unknown: 'Unbekannt',
  loading: 'Wird geladen…',
  readError: 'Ihre Anwesenheit konnte nicht aus Dynamics 365 gelesen werden.',
  writeError: (p: string) => `Ihre Anwesenheit konnte nicht auf „${p}“ gesetzt werden.`,
  changed: (p: string) => `Anwesenheit auf ${p} gesetzt`,
  changedInDynamics: (p: string) => `Anwesenheit in Dynamics 365 auf ${p} geändert`,
  changedLocally: (p: string) => `Anwesenheit nur in diesem Widget auf ${p} gesetzt, nicht in Dynamics 365`,
  localOnly: 'Nur lokal: Diese Dynamics 365-Umgebung lässt Kanalanbieter die Anwesenheit weder lesen noch festlegen. Änderungen hier werden in Dynamics 365 nicht angezeigt.',
  unavailable: 'Dynamics 365 konnte Ihre Anwesenheit nicht laden („Unbekannt“). Für Ihren Administrator: Meist fehlt die Omnichannel-Agentenrolle, im Agentenprofil sind Kapazität oder Standardanwesenheit nicht festgelegt, oder die Kanäle sind im Agentenprofil nicht aktiviert.',
};
export default strings;
