export { CifPresence, CIF_PRESENCE_STRINGS, presenceDotColor } from './cif-presence.js';
export type { CifPresenceChangeDetail, CifPresenceChangeSource, CifPresenceStrings } from './cif-presence.js';
