import type { CifPresenceStrings } from '../strings.js';

const strings: CifPresenceStrings = {
  buttonLabel: (p: string) => `Presencia: ${p}`,
  changing: (p: string) => `Presencia: cambiando a ${p}`,
  menuLabel: 'Establecer presencia',
  unknown: 'Desconocido',
  loading: 'Cargando…',
  readError: 'No se pudo leer su presencia de Dynamics 365.',
  writeError: (p: string) => `No se pudo cambiar su presencia a ${p}.`,
  changed: (p: string) => `Presencia establecida en ${p}`,
  changedInDynamics: (p: string) => `Presencia cambiada en Dynamics 365 a ${p}`,
  changedLocally: (p: string) => `Presencia establecida en ${p} solo en este widget, no en Dynamics 365`,
  localOnly: 'Solo local: este Dynamics 365 no permite a los proveedores de canales leer ni establecer la presencia, así que los cambios aquí no se muestran en Dynamics 365.',
  unavailable: 'Dynamics 365 no pudo cargar su presencia («Desconocido»). Para su administrador: normalmente falta el rol de agente de Omnicanal, la capacidad o una presencia predeterminada no está establecida en el perfil del agente, o los canales no están activados en el perfil del agente.',
};
export default strings;
