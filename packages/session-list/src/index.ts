export { CifSessionList, defaultSessionListStrings, formatSessionAge } from './cif-session-list.js';
export type {
  CifSessionListState,
  CifSessionListStrings,
  CifSessionSelectDetail,
} from './cif-session-list.js';
