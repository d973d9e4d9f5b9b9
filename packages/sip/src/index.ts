export { DEFAULT_SIP_STRINGS, DEFAULT_AUDIO_SETTINGS_STRINGS } from './strings.js';
export type { CifSipStrings, CifAudioSettingsStrings } from './strings.js';
export { CifAudioSettings, CIF_AUDIO_SETTINGS_STRINGS } from './cif-audio-settings.js';
export type { MicrophonePermission } from './cif-audio-settings.js';
export { CifSip, CIF_SIP_STRINGS } from './cif-sip.js';
export { SipPhone, checkServer, checkAor, defaultDialPlan } from './sip-phone.js';
export type {
  SipCall,
  SipCredentials,
  SipCredentialsSource,
  SipDtmfMethod,
  SipPhoneEventMap,
  SipPhoneOptions,
  SipReconnectOptions,
  SipRegistrationState,
  SipTimeoutResponse,
} from './sip-phone.js';
export { SipError, inviteFailureCode, registerFailureCode } from './errors.js';
export type { SipErrorCode } from './errors.js';
export { TabLeader } from './tab-leader.js';
export type { TabRole } from './tab-leader.js';
export { TonePlayer, RINGBACK_TONE, RINGING_TONE, CALL_WAITING_TONE, TEST_TONE } from './tones.js';
export type { TonePattern } from './tones.js';
