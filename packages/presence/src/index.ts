export { CifPresence, CIF_PRESENCE_STRINGS, presenceDotColor } from './cif-presence.js';
export type {
  CifPresenceApplied,
  CifPresenceChangeDetail,
  CifPresenceChangeSource,
  CifPresenceStrings,
  CifPresenceWriter,
} from './cif-presence.js';
