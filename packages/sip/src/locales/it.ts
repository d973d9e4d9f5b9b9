import { sipReasons } from '../strings.js';
import type { CifAudioSettingsStrings, CifSipStrings } from '../strings.js';

export const sip: CifSipStrings = {
  idle: 'Telefono spento',
  connecting: 'Connessione del telefono…',
  registering: 'Registrazione del telefono…',
  registered: (user) => `Telefono pronto (${user})`,
  registeredElsewhere: (user) => `Telefono pronto (${user}), in un’altra scheda`,
  reconnecting: 'Connessione persa: riconnessione…',
  failed: (reason) => `Telefono non registrato: ${reason}`,
  reason: sipReasons({
    'invalid-argument': 'server o indirizzo non validi',
    transport: 'centralino non raggiungibile',
    'registration-refused': 'rifiutato dal centralino',
    'auth-failed': 'nome utente o password errati',
    timeout: 'nessuna risposta dal centralino',
    busy: 'Numero occupato',
    declined: 'Chiamata rifiutata',
    'not-found': 'Numero non trovato',
    unavailable: 'Destinatario non raggiungibile',
    microphone: 'nessun accesso al microfono',
    'ice-failed': 'connessione audio non riuscita',
    'call-failed': 'chiamata non riuscita',
  }),
  unknownError: 'errore sconosciuto',
  retry: 'Riprova',
};

export const audioSettings: CifAudioSettingsStrings = {
  heading: 'Audio',
  microphone: 'Microfono',
  speaker: 'Altoparlante',
  systemDefault: 'Predefinito di sistema',
  unnamedDevice: (kind, _n, f) => `${kind === 'microphone' ? 'Microfono' : 'Altoparlante'} ${f}`,
  allow: 'Consenti il microfono',
  level: 'Livello del microfono',
  checkMicrophone: 'Verifica microfono',
  stopCheck: 'Interrompi verifica',
  testSpeaker: 'Riproduci tono di prova',
  testing: 'Riproduzione del tono di prova…',
  denied: 'Il microfono è bloccato per questo sito. Consentilo nelle impostazioni del sito del browser, quindi riprova.',
  noMicrophone: 'Nessun microfono trovato.',
  speakerFixed: 'Questo browser riproduce le chiamate sull’altoparlante di sistema.',
};
