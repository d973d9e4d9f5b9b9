export { CifDialer, DIALER_LONG_PRESS_MS } from './cif-dialer.js';
export type {
  CifCallState,
  CifDialSource,
  CifDialDetail,
  CifHangupDetail,
  CifMuteDetail,
  CifHoldDetail,
  CifDtmfDetail,
  CifDialOptions,
  CifDialerRecentNumber,
} from './cif-dialer.js';
export { DEFAULT_DIALER_STRINGS, DEFAULT_CALL_LIST_STRINGS } from './strings.js';
export type { CifDialerStrings, CifDialerCallListStrings } from './strings.js';
export { normalizeInput, parseDialable, formatAsYouType } from './phone.js';
export { loadPhoneTools } from './load-phone-tools.js';
export type { PhoneTools } from './load-phone-tools.js';
export type { DialableResult, DialableNumber, NotDialable, DialableErrorReason } from './phone.js';
export type {
  CifDialerCall,
  CifCallSwapDetail,
  CifTransferDetail,
  CifTransferStepDetail,
  CifConferenceDetail,
} from './call-list.js';
