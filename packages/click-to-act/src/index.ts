export { CifClickToAct, CIF_CLICK_TO_ACT_STRINGS } from './cif-click-to-act.js';
export type { CifClickToActState, CifClickToActStrings, CifClickToActChangeDetail } from './cif-click-to-act.js';
