import type { CifSessionListStrings } from '../strings.js';
import { formatSessionAgeIn } from '../age-intl.js';

const strings: CifSessionListStrings = {
  label: 'Sesiones',
  loading: 'Cargando sesiones…',
  empty: 'No hay sesiones. Las sesiones que inicie aparecerán aquí.',
  notConnected: 'No conectado a Dynamics 365.',
  unsupported: 'Las sesiones requieren una aplicación multisesión (CIF 2.0). Esta aplicación usa CIF 1.0, que no tiene sesiones.',
  loadError: 'No se pudieron cargar las sesiones.',
  focusError: 'No se pudo cambiar a la sesión.',
  retry: 'Reintentar',
  untitled: 'Sesión sin título',
  channels: {
    voice: 'Voz',
    phone: 'Teléfono',
    chat: 'Chat',
    sms: 'SMS',
    email: 'Correo',
    video: 'Vídeo',
  },
  formatAge: (ms: number) => formatSessionAgeIn('es', ms),
  separator: ', ',
  ageLabel: (_age: string, relative: string) => `iniciada ${relative}`,
  unreadLabel: (count: number) => `${count} sin leer`,
  created: (title: string) => `Nueva sesión: ${title}`,
  closed: (title: string) => `Sesión cerrada: ${title}`,
};
export default strings;
