import type { CifLocalePacks } from '@cif-elements/core';
import type { SipErrorCode } from './errors.js';

/** Texts of `<cif-sip>` (see the `strings` property and the `locale` attribute). */
export interface CifSipStrings {
  idle: string;
  connecting: string;
  registering: string;
  registered: (user: string) => string;
  registeredElsewhere: (user: string) => string;
  reconnecting: string;
  /** The registration failed; `reason` is what {@link CifSipStrings.reason} made of the error. */
  failed: (reason: string) => string;
  /**
   * Why the registration failed, from the error's `code` (`transport`, `auth-failed`, `registration-refused`,
   * `timeout`, `invalid-argument`, …), the phone's English `message` and the SIP `status`. English shows the
   * message; the translations name the common codes in the agent's language and fall back to the message.
   */
  reason: (code: SipErrorCode, message: string, status?: number) => string;
  /** The reason shown when the failure gave none. */
  unknownError: string;
  retry: string;
}

/** English text of `<cif-sip>`. */
export const DEFAULT_SIP_STRINGS: Readonly<CifSipStrings> = Object.freeze({
  idle: 'Phone off',
  connecting: 'Phone connecting…',
  registering: 'Phone registering…',
  registered: (user: string) => `Phone ready (${user})`,
  registeredElsewhere: (user: string) => `Phone ready (${user}), in another tab`,
  reconnecting: 'Connection lost: reconnecting…',
  failed: (reason: string) => `Phone not registered: ${reason}`,
  reason: (_code: SipErrorCode, message: string) => message,
  unknownError: 'unknown error',
  retry: 'Retry',
});

/**
 * A {@link CifSipStrings.reason} for a translation: the codes in `texts` in the agent's language (with the SIP
 * status, when there is one), any other code as the phone's message.
 */
export function sipReasons(texts: Partial<Record<SipErrorCode, string>>): CifSipStrings['reason'] {
  return (code, message, status) => {
    const text = Object.prototype.hasOwnProperty.call(texts, code) ? texts[code] : undefined;
    return text ? (status ? `${text} (${status})` : text) : message;
  };
}

/** Texts of `<cif-audio-settings>` (see the `strings` property and the `locale` attribute). */
export interface CifAudioSettingsStrings {
  heading: string;
  microphone: string;
  speaker: string;
  systemDefault: string;
  /** A device the browser gives no name (before the microphone is allowed); `formatted` is `n` in the locale's digits. */
  unnamedDevice: (kind: 'microphone' | 'speaker', n: number, formatted: string) => string;
  allow: string;
  level: string;
  checkMicrophone: string;
  stopCheck: string;
  testSpeaker: string;
  testing: string;
  denied: string;
  noMicrophone: string;
  speakerFixed: string;
}

/** English text of `<cif-audio-settings>`. */
export const DEFAULT_AUDIO_SETTINGS_STRINGS: Readonly<CifAudioSettingsStrings> = Object.freeze({
  heading: 'Audio',
  microphone: 'Microphone',
  speaker: 'Speaker',
  systemDefault: 'System default',
  unnamedDevice: (kind: 'microphone' | 'speaker', n: number, f: string = String(n)) => `${kind === 'microphone' ? 'Microphone' : 'Speaker'} ${f}`,
  allow: 'Allow the microphone',
  level: 'Microphone level',
  checkMicrophone: 'Check microphone',
  stopCheck: 'Stop check',
  testSpeaker: 'Play test tone',
  testing: 'Playing test tone…',
  denied: 'The microphone is blocked for this site. Allow it in the browser’s site settings, then try again.',
  noMicrophone: 'No microphone found.',
  speakerFixed: 'This browser plays calls on the system speaker.',
});

/** The locale packs of `<cif-sip>`, each loaded when first shown. */
export const SIP_LOCALE_PACKS: CifLocalePacks<CifSipStrings> = {
  de: () => import('./locales/de.js').then((m) => ({ default: m.sip })),
  fr: () => import('./locales/fr.js').then((m) => ({ default: m.sip })),
  es: () => import('./locales/es.js').then((m) => ({ default: m.sip })),
  it: () => import('./locales/it.js').then((m) => ({ default: m.sip })),
  'pt-BR': () => import('./locales/pt-BR.js').then((m) => ({ default: m.sip })),
  nl: () => import('./locales/nl.js').then((m) => ({ default: m.sip })),
  ja: () => import('./locales/ja.js').then((m) => ({ default: m.sip })),
  'zh-Hans': () => import('./locales/zh-Hans.js').then((m) => ({ default: m.sip })),
  ko: () => import('./locales/ko.js').then((m) => ({ default: m.sip })),
  ar: () => import('./locales/ar.js').then((m) => ({ default: m.sip })),
  he: () => import('./locales/he.js').then((m) => ({ default: m.sip })),
};

/** The locale packs of `<cif-audio-settings>`, each loaded when first shown. */
export const AUDIO_SETTINGS_LOCALE_PACKS: CifLocalePacks<CifAudioSettingsStrings> = {
  de: () => import('./locales/de.js').then((m) => ({ default: m.audioSettings })),
  fr: () => import('./locales/fr.js').then((m) => ({ default: m.audioSettings })),
  es: () => import('./locales/es.js').then((m) => ({ default: m.audioSettings })),
  it: () => import('./locales/it.js').then((m) => ({ default: m.audioSettings })),
  'pt-BR': () => import('./locales/pt-BR.js').then((m) => ({ default: m.audioSettings })),
  nl: () => import('./locales/nl.js').then((m) => ({ default: m.audioSettings })),
  ja: () => import('./locales/ja.js').then((m) => ({ default: m.audioSettings })),
  'zh-Hans': () => import('./locales/zh-Hans.js').then((m) => ({ default: m.audioSettings })),
  ko: () => import('./locales/ko.js').then((m) => ({ default: m.audioSettings })),
  ar: () => import('./locales/ar.js').then((m) => ({ default: m.audioSettings })),
  he: () => import('./locales/he.js').then((m) => ({ default: m.audioSettings })),
};
