/**
 * Dynamics 365 user languages (LCIDs) as BCP 47 tags. Its own module: `<cif-provider>` loads it only once
 * connected, with its session part (provider-session.ts), which reads the user's language.
 */
/**
 * Dynamics 365 language ids (LCIDs, as `getEnvironment().userLcid` reports them) of the languages Dynamics
 * offers, as BCP 47 tags. Languages cif-elements has no translation for map to their tag all the same
 * (and then fall back to English in {@link matchLocale}).
 */
const LCIDS: Record<number, string> = {
  1025: 'ar-SA', 1026: 'bg-BG', 1027: 'ca-ES', 1028: 'zh-TW', 1029: 'cs-CZ', 1030: 'da-DK', 1031: 'de-DE',
  1032: 'el-GR', 1033: 'en-US', 1035: 'fi-FI', 1036: 'fr-FR', 1037: 'he-IL', 1038: 'hu-HU', 1040: 'it-IT',
  1041: 'ja-JP', 1042: 'ko-KR', 1043: 'nl-NL', 1044: 'nb-NO', 1045: 'pl-PL', 1046: 'pt-BR', 1048: 'ro-RO',
  1049: 'ru-RU', 1050: 'hr-HR', 1051: 'sk-SK', 1053: 'sv-SE', 1054: 'th-TH', 1055: 'tr-TR', 1057: 'id-ID',
  1058: 'uk-UA', 1060: 'sl-SI', 1061: 'et-EE', 1062: 'lv-LV', 1063: 'lt-LT', 1066: 'vi-VN', 1069: 'eu-ES',
  1081: 'hi-IN', 1086: 'ms-MY', 1087: 'kk-KZ', 1110: 'gl-ES', 2049: 'ar-IQ', 2052: 'zh-CN', 2055: 'de-CH',
  2057: 'en-GB', 2058: 'es-MX', 2060: 'fr-BE', 2067: 'nl-BE', 2070: 'pt-PT', 2074: 'sr-Latn-CS', 3073: 'ar-EG',
  3076: 'zh-HK', 3079: 'de-AT', 3081: 'en-AU', 3082: 'es-ES', 3084: 'fr-CA', 3098: 'sr-Cyrl-CS', 4097: 'ar-LY',
  4100: 'zh-SG', 4105: 'en-CA', 4108: 'fr-CH', 5121: 'ar-DZ', 6145: 'ar-MA', 7169: 'ar-TN', 8193: 'ar-OM',
  9217: 'ar-YE', 10241: 'ar-SY', 11265: 'ar-JO', 12289: 'ar-LB', 13313: 'ar-KW', 14337: 'ar-AE', 15361: 'ar-BH',
  16385: 'ar-QA', 1034: 'es-ES', 5129: 'en-NZ', 6153: 'en-IE', 16393: 'en-IN', 4106: 'es-GT',
};

/** The BCP 47 tag of a Dynamics 365 LCID (`1031` → `'de-DE'`), or `undefined` for an unknown id. */
export function lcidToLocale(lcid: unknown): string | undefined {
  const n = typeof lcid === 'string' && /^\d+$/.test(lcid.trim()) ? Number(lcid) : lcid;
  return typeof n === 'number' && Number.isInteger(n) ? LCIDS[n] : undefined;
}
