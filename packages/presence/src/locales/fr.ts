import type { CifPresenceStrings } from '../strings.js';

const strings: CifPresenceStrings = {
  buttonLabel: (p: string) => `Présence\u00a0: ${p}`,
  changing: (p: string) => `Présence\u00a0: passage à ${p}`,
  menuLabel: 'Définir la présence',
  unknown: 'Inconnu',
  loading: 'Chargement…',
  readError: 'Impossible de lire votre présence dans Dynamics 365.',
  writeError: (p: string) => `Impossible de définir votre présence sur «\u00a0${p}\u00a0».`,
  changed: (p: string) => `Présence définie sur ${p}`,
  changedInDynamics: (p: string) => `Présence modifiée dans Dynamics 365\u00a0: ${p}`,
  changedLocally: (p: string) => `Présence définie sur ${p} dans ce widget uniquement, pas dans Dynamics 365`,
  localOnly: 'Local uniquement\u00a0: ce Dynamics 365 ne permet pas aux fournisseurs de canaux de lire ou de définir la présence. Vos modifications ici n’apparaissent pas dans Dynamics 365.',
  unavailable: 'Dynamics 365 n’a pas pu charger votre présence («\u00a0Inconnu\u00a0»). Pour votre administrateur\u00a0: en général, le rôle d’agent Omnicanal manque, la capacité ou la présence par défaut n’est pas définie dans le profil de l’agent, ou les canaux n’y sont pas activés.',
};
export default strings;
