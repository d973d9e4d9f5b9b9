import type { CifSessionListStrings } from '../strings.js';
import { formatSessionAgeIn } from '../age-intl.js';

const strings: CifSessionListStrings = {
  label: 'Sitzungen',
  loading: 'Sitzungen werden geladen…',
  empty: 'Keine Sitzungen. Von Ihnen gestartete Sitzungen werden hier angezeigt.',
  notConnected: 'Nicht mit Dynamics 365 verbunden.',
  unsupported: 'Sitzungen erfordern eine Multisitzungs-App (CIF 2.0). Diese App verwendet CIF 1.0, das keine Sitzungen kennt.',
  loadError: 'Die Sitzungen konnten nicht geladen werden.',
  focusError: 'Es konnte nicht zur Sitzung gewechselt werden.',
  retry: 'Erneut versuchen',
  untitled: 'Sitzung ohne Titel',
  channels: {
    voice: 'Sprache',
    phone: 'Telefon',
    chat: 'Chat',
    sms: 'SMS',
    email: 'E-Mail',
    video: 'Video',
  },
  formatAge: (ms: number) => formatSessionAgeIn('de', ms),
  separator: ', ',
  ageLabel: (_age: string, relative: string) => `gestartet ${relative}`,
  unreadLabel: (count: number) => `${count} ungelesen`,
  created: (title: string) => `Neue Sitzung: ${title}`,
  closed: (title: string) => `Sitzung geschlossen: ${title}`,
};
export default strings;
