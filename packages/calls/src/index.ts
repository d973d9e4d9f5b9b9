export { DEFAULT_INCOMING_CALL_STRINGS, DEFAULT_WRAP_UP_STRINGS } from './strings.js';
export type { CifIncomingCallStrings, CifWrapUpStrings } from './strings.js';
export { CifIncomingCall, CIF_INCOMING_CALL_STRINGS } from './cif-incoming-call.js';
export type {
  CallAnswerSource,
  CallerLookupState,
  CifCallAnswerDetail,
  CifCallTimeoutDetail,
  CifCallNotifyErrorDetail,
  IncomingCallDetails,
  IncomingCallMatch,
  IncomingCallNotifyState,
} from './cif-incoming-call.js';
export { CifWrapUp, CIF_WRAP_UP_STRINGS, DEFAULT_CALL_OUTCOMES, formatCallDuration } from './cif-wrap-up.js';
export type {
  WrapUpCall,
  WrapUpLogState,
  WrapUpRetryState,
  CifWrapUpSubmitDetail,
  CifRecordDetail,
  CifCallNumberDetail,
} from './cif-wrap-up.js';
export { CifCallFlow } from './cif-call-flow.js';
export { CallController, DEFAULT_CALL_SESSION_TEMPLATE, MAX_ENDED_CALLS } from './call-controller.js';
export type {
  CallPhase,
  CallAnswer,
  CallInfo,
  CallLogState,
  CallFlowStep,
  CallFlowError,
  CallControllerOptions,
  CallControllerElements,
  CallControllerEventMap,
  IncomingCallInput,
  OutgoingCallInput,
  WrapUpInput,
  DialRequest,
  ScreenPopAction,
  TransferMode,
  HoldPolicy,
  DialerCallView,
} from './call-controller.js';
export {
  findRecordsByPhone,
  openMatch,
  openSearchPage,
  openCreateContact,
  phoneSearchQuery,
  odataString,
  CONTACT_PHONE_FIELDS,
  ACCOUNT_PHONE_FIELDS,
  DEFAULT_SCREEN_POP_ENTITIES,
  SCREEN_POP_MAX_RESULTS,
} from './screen-pop.js';
export type { ScreenPopEntity, ScreenPopOptions, ScreenPopResult, ScreenPopKind, RecordMatch, CreateContactOptions } from './screen-pop.js';
export {
  buildPhoneCallRecord,
  defaultCallSubject,
  callDurationMinutes,
  callDescription,
  entitySetName,
  stripBraces,
  newActivityId,
  isDuplicateKeyError,
  PendingLogStore,
  PENDING_LOGS_KEY,
} from './activity-log.js';
export type {
  CallDirection,
  CallLogInput,
  LoggedRecord,
  PendingCallLog,
  KeyValueStorage,
  PendingLogStoreOptions,
  LogWriteResult,
  LogSkipReason,
  FlushResult,
  LockManagerLike,
  LogOwner,
  PendingLogStoreEventMap,
  QuarantinedLog,
  StorageProblem,
} from './activity-log.js';
export { loadPhoneLib, isPhoneLibLoaded, parsePhone, displayPhone, phoneVariants, samePhone, digitsOf } from './phone.js';
export type { ParsedPhone } from './phone.js';
