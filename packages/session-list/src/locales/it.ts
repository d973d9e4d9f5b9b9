import type { CifSessionListStrings } from '../strings.js';
import { formatSessionAgeIn } from '../age-intl.js';

const strings: CifSessionListStrings = {
  label: 'Sessioni',
  loading: 'Caricamento delle sessioni…',
  empty: 'Nessuna sessione. Le sessioni avviate vengono visualizzate qui.',
  notConnected: 'Non connesso a Dynamics 365.',
  unsupported: 'Le sessioni richiedono un’app multisessione (CIF 2.0). Questa app usa CIF 1.0, che non prevede sessioni.',
  loadError: 'Impossibile caricare le sessioni.',
  focusError: 'Impossibile passare alla sessione.',
  retry: 'Riprova',
  untitled: 'Sessione senza titolo',
  channels: {
    voice: 'Voce',
    phone: 'Telefono',
    chat: 'Chat',
    sms: 'SMS',
    email: 'E-mail',
    video: 'Video',
  },
  formatAge: (ms: number) => formatSessionAgeIn('it', ms),
  separator: ', ',
  ageLabel: (_age: string, relative: string) => `avviata ${relative}`,
  unreadLabel: (count: number) => (count === 1 ? '1 non letto' : `${count} non letti`),
  created: (title: string) => `Nuova sessione: ${title}`,
  closed: (title: string) => `Sessione chiusa: ${title}`,
};
export default strings;
