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
export { DEFAULT_DIALER_STRINGS } from './strings.js';
export type { CifDialerStrings } from './strings.js';
export { normalizeInput, parseDialable, formatAsYouType } from './phone.js';
export type { DialableResult, DialableNumber, NotDialable, DialableErrorReason } from './phone.js';
