import type { CifSessionListStrings } from '../strings.js';
import { formatSessionAgeIn } from '../age-intl.js';

const strings: CifSessionListStrings = {
  label: 'Sessions',
  loading: 'Chargement des sessions…',
  empty: 'Aucune session. Les sessions que vous démarrez s’affichent ici.',
  notConnected: 'Non connecté à Dynamics 365.',
  unsupported: 'Les sessions nécessitent une application multisession (CIF 2.0). Cette application utilise CIF 1.0, qui n’a pas de sessions.',
  loadError: 'Impossible de charger les sessions.',
  focusError: 'Impossible de basculer vers la session.',
  retry: 'Réessayer',
  untitled: 'Session sans titre',
  channels: {
    voice: 'Voix',
    phone: 'Téléphone',
    chat: 'Conversation',
    sms: 'SMS',
    email: 'E-mail',
    video: 'Vidéo',
  },
  formatAge: (ms: number) => formatSessionAgeIn('fr', ms),
  separator: ', ',
  ageLabel: (_age: string, relative: string) => `démarrée ${relative}`,
  unreadLabel: (count: number) => (count === 1 ? '1 non lu' : `${count} non lus`),
  created: (title: string) => `Nouvelle session\u00a0: ${title}`,
  closed: (title: string) => `Session fermée\u00a0: ${title}`,
};
export default strings;
