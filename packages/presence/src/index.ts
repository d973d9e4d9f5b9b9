export { CifPresence, presenceDotColor } from './cif-presence.js';
export { DEFAULT_PRESENCE_STRINGS, CIF_PRESENCE_STRINGS } from './strings.js';
export type {
  CifPresenceApplied,
  CifPresenceChangeDetail,
  CifPresenceChangeSource,
  CifPresenceWriter,
} from './cif-presence.js';
export type { CifPresenceStrings } from './strings.js';
