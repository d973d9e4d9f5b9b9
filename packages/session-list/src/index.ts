export { CifSessionList } from './cif-session-list.js';
export type { CifSessionListState, CifSessionSelectDetail } from './cif-session-list.js';
export { DEFAULT_SESSION_LIST_STRINGS, defaultSessionListStrings } from './strings.js';
export type { CifSessionListStrings } from './strings.js';
export { formatSessionAge } from './age.js';
