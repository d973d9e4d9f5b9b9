import type { CifSessionListStrings } from '../strings.js';
import { formatSessionAgeIn } from '../age-intl.js';

const strings: CifSessionListStrings = {
  label: 'Sessies',
  loading: 'Sessies laden…',
  empty: 'Geen sessies. Sessies die u start, worden hier weergegeven.',
  notConnected: 'Niet verbonden met Dynamics 365.',
  unsupported: 'Voor sessies is een app met meerdere sessies nodig (CIF 2.0). Deze app gebruikt CIF 1.0, dat geen sessies kent.',
  loadError: 'De sessies kunnen niet worden geladen.',
  focusError: 'Kan niet naar de sessie overschakelen.',
  retry: 'Opnieuw proberen',
  untitled: 'Sessie zonder titel',
  channels: {
    voice: 'Spraak',
    phone: 'Telefoon',
    chat: 'Chat',
    sms: 'Sms',
    email: 'E-mail',
    video: 'Video',
  },
  formatAge: (ms: number) => formatSessionAgeIn('nl', ms),
  separator: ', ',
  ageLabel: (_age: string, relative: string) => `gestart ${relative}`,
  unreadLabel: (count: number) => `${count} ongelezen`,
  created: (title: string) => `Nieuwe sessie: ${title}`,
  closed: (title: string) => `Sessie gesloten: ${title}`,
};
export default strings;
