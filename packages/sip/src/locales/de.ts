import { sipReasons } from '../strings.js';
import type { CifAudioSettingsStrings, CifSipStrings } from '../strings.js';

export const sip: CifSipStrings = {
  idle: 'Telefon aus',
  connecting: 'Telefon wird verbunden…',
  registering: 'Telefon wird registriert…',
  registered: (user) => `Telefon bereit (${user})`,
  registeredElsewhere: (user) => `Telefon bereit (${user}), in einem anderen Tab`,
  reconnecting: 'Verbindung unterbrochen: wird wiederhergestellt…',
  failed: (reason) => `Telefon nicht registriert: ${reason}`,
  reason: sipReasons({
    'invalid-argument': 'Server oder Adresse ungültig',
    transport: 'Telefonanlage nicht erreichbar',
    'registration-refused': 'von der Telefonanlage abgelehnt',
    'auth-failed': 'Benutzername oder Kennwort falsch',
    timeout: 'keine Antwort der Telefonanlage',
    busy: 'Gegenstelle besetzt',
    declined: 'Anruf abgelehnt',
    'not-found': 'Nummer nicht gefunden',
    unavailable: 'Gegenstelle nicht erreichbar',
    microphone: 'kein Zugriff auf das Mikrofon',
    'ice-failed': 'Audioverbindung fehlgeschlagen',
    'call-failed': 'Anruf fehlgeschlagen',
  }),
  unknownError: 'unbekannter Fehler',
  retry: 'Erneut versuchen',
};

export const audioSettings: CifAudioSettingsStrings = {
  heading: 'Audio',
  microphone: 'Mikrofon',
  speaker: 'Lautsprecher',
  systemDefault: 'Systemstandard',
  unnamedDevice: (kind, _n, f) => `${kind === 'microphone' ? 'Mikrofon' : 'Lautsprecher'} ${f}`,
  allow: 'Mikrofon zulassen',
  level: 'Mikrofonpegel',
  checkMicrophone: 'Mikrofon prüfen',
  stopCheck: 'Prüfung beenden',
  testSpeaker: 'Testton abspielen',
  testing: 'Testton wird abgespielt…',
  denied: 'Das Mikrofon ist für diese Website blockiert. Lassen Sie es in den Website-Einstellungen des Browsers zu und versuchen Sie es erneut.',
  noMicrophone: 'Kein Mikrofon gefunden.',
  speakerFixed: 'Dieser Browser gibt Anrufe über den Systemlautsprecher wieder.',
};
