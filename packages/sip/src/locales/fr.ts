import { sipReasons } from '../strings.js';
import type { CifAudioSettingsStrings, CifSipStrings } from '../strings.js';

export const sip: CifSipStrings = {
  idle: 'Téléphone désactivé',
  connecting: 'Connexion du téléphone…',
  registering: 'Inscription du téléphone…',
  registered: (user) => `Téléphone prêt (${user})`,
  registeredElsewhere: (user) => `Téléphone prêt (${user}), dans un autre onglet`,
  reconnecting: 'Connexion perdue : reconnexion…',
  failed: (reason) => `Téléphone non inscrit : ${reason}`,
  reason: sipReasons({
    'invalid-argument': 'serveur ou adresse non valide',
    transport: 'serveur téléphonique injoignable',
    'registration-refused': 'refusé par le serveur téléphonique',
    'auth-failed': 'nom d’utilisateur ou mot de passe incorrect',
    timeout: 'pas de réponse du serveur téléphonique',
    busy: 'Correspondant occupé',
    declined: 'Appel refusé',
    'not-found': 'Numéro introuvable',
    unavailable: 'Correspondant injoignable',
    microphone: 'pas d’accès au micro',
    'ice-failed': 'échec de la connexion audio',
    'call-failed': 'échec de l’appel',
  }),
  unknownError: 'erreur inconnue',
  retry: 'Réessayer',
};

export const audioSettings: CifAudioSettingsStrings = {
  heading: 'Audio',
  microphone: 'Microphone',
  speaker: 'Haut-parleur',
  systemDefault: 'Valeur par défaut du système',
  unnamedDevice: (kind, _n, f) => `${kind === 'microphone' ? 'Microphone' : 'Haut-parleur'} ${f}`,
  allow: 'Autoriser le microphone',
  level: 'Niveau du microphone',
  checkMicrophone: 'Tester le microphone',
  stopCheck: 'Arrêter le test',
  testSpeaker: 'Lire le son de test',
  testing: 'Lecture du son de test…',
  denied: 'Le microphone est bloqué pour ce site. Autorisez-le dans les paramètres du site de votre navigateur, puis réessayez.',
  noMicrophone: 'Aucun microphone trouvé.',
  speakerFixed: 'Ce navigateur diffuse les appels sur le haut-parleur du système.',
};
