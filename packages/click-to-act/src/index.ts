export { CifClickToAct } from './cif-click-to-act.js';
export type { CifClickToActState, CifClickToActChangeDetail } from './cif-click-to-act.js';
export { DEFAULT_CLICK_TO_ACT_STRINGS, CIF_CLICK_TO_ACT_STRINGS } from './strings.js';
export type { CifClickToActStrings } from './strings.js';
