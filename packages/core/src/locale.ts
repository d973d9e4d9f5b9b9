/**
 * Locales of cif-elements: which ones exist, how a Dynamics 365 user's LCID and any BCP 47 tag map to one,
 * text direction, and the pseudo-locale. Pure functions, no DOM.
 *
 * Why not `@lit/localize`: its locale is one global per page (`configureLocalization` once), while a
 * cif-elements locale belongs to a `<cif-provider>` (two providers on one page may show two languages) and
 * may be overridden per element. Why not `@shoelace-style/localize`: it resolves through `lang` attributes
 * and a global registry of whole translations, with no lazy loading per package. What remains is small: a
 * context value from the provider, per-package packs behind `import()`, and `Intl` for numbers.
 */

/** The locales every cif-elements string is translated to (English is built in, the others load lazily). */
export const CIF_LOCALES = ['en', 'de', 'fr', 'es', 'it', 'pt-BR', 'nl', 'ja', 'zh-Hans', 'ko', 'ar', 'he'] as const;

/** One of {@link CIF_LOCALES}. */
export type CifLocale = (typeof CIF_LOCALES)[number];

/**
 * The pseudo-locales, for testing layouts: `en-XA` is English accented and about 30 % longer in brackets
 * (shows text that is clipped or not localized); `ar-XB` is the same, right to left.
 */
export const CIF_PSEUDO_LOCALES = ['en-XA', 'ar-XB'] as const;

/** A locale an element can show: one of {@link CIF_LOCALES} or a pseudo-locale. */
export type CifDisplayLocale = CifLocale | (typeof CIF_PSEUDO_LOCALES)[number];

const RTL = new Set(['ar', 'he', 'ar-XB']);

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

const EXACT = new Map<string, CifDisplayLocale>(
  [...CIF_LOCALES, ...CIF_PSEUDO_LOCALES].map((l) => [l.toLowerCase(), l] as [string, CifDisplayLocale]),
);

/**
 * The cif-elements locale for a BCP 47 tag, or `undefined` when there is none: `'de-AT'` → `'de'`,
 * `'pt'`/`'pt-PT'` → `'pt-BR'` (the one Portuguese, closer than English), `'zh-CN'`/`'zh-SG'`/`'zh-Hans-*'` →
 * `'zh-Hans'`; Traditional Chinese (`zh-TW`, `zh-HK`, `zh-Hant`) has no translation yet and gets `undefined`
 * (so English), not Simplified Chinese; `'iw'` → `'he'`. Case and `_` separators are tolerated.
 */
export function matchLocale(tag: unknown): CifDisplayLocale | undefined {
  if (typeof tag !== 'string') return undefined;
  const t = tag.trim().replace(/_/g, '-').toLowerCase();
  if (!t) return undefined;
  const exact = EXACT.get(t);
  if (exact) return exact;
  const [lang, ...rest] = t.split('-');
  if (lang === 'zh') {
    if (rest.includes('hant') || rest.some((r) => r === 'tw' || r === 'hk' || r === 'mo')) return undefined;
    return 'zh-Hans';
  }
  if (lang === 'pt') return 'pt-BR';
  if (lang === 'iw') return 'he';
  return EXACT.get(lang ?? '') as CifLocale | undefined;
}

/** Resolves the first usable of several candidates (an element's own, its provider's, …); English last. */
export function resolveLocale(...candidates: unknown[]): CifDisplayLocale {
  for (const c of candidates) {
    const m = matchLocale(c);
    if (m) return m;
  }
  return 'en';
}

/** `'rtl'` for Arabic, Hebrew and the RTL pseudo-locale, else `'ltr'`. */
export function localeDirection(locale: string): 'ltr' | 'rtl' {
  return RTL.has(matchLocale(locale) ?? '') ? 'rtl' : 'ltr';
}

/** The locale whose `Intl` formats a display locale uses (pseudo-locales format as English / Arabic). */
export function intlLocale(locale: CifDisplayLocale): string {
  return locale === 'en-XA' ? 'en' : locale === 'ar-XB' ? 'ar' : locale;
}

const ACCENTS: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ĺ', m: 'ɱ',
  n: 'ñ', o: 'ó', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'ú', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Á', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ĺ', M: 'Ṁ',
  N: 'Ñ', O: 'Ó', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Ú', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/** Marks that open and close every pseudo-localized text (so a test can tell it from text that is not). */
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

/**
 * Pseudo-localizes a text: letters accented, about 30 % longer (padding inside `⟦ ⟧`). Digits, spaces and
 * punctuation stay, so numbers and durations still read the same. Empty text stays empty.
 */
export function pseudoLocalize(text: string): string {
  if (!text) return text;
  const accented = text.replace(/[a-zA-Z]/g, (c) => ACCENTS[c] ?? c);
  const pad = '·'.repeat(Math.max(1, Math.round(text.length * 0.3)));
  return `${PSEUDO_OPEN}${accented}${pad}${PSEUDO_CLOSE}`;
}

/** A translatable entry: a fixed text, or a function of the values it shows. */
export type CifStringValue = string | ((...args: never[]) => string);

/** A pack of translations for one element: any subset of its strings (the rest stay English). */
export type CifLocalePack<S> = Partial<S>;

/**
 * The lazily loaded packs of one package, by locale: each a function returning `import('./locales/xx.js')`,
 * so a bundler splits every locale into its own chunk and a page downloads only the one it shows.
 */
export type CifLocalePacks<S> = Partial<Record<Exclude<CifLocale, 'en'>, () => Promise<{ default: CifLocalePack<S> }>>>;

/** Applies the pseudo-locale to every entry of a strings object (functions wrapped, texts transformed). */
export function pseudoStrings<S extends object>(strings: S): S {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(strings)) {
    out[key] =
      typeof value === 'function'
        ? (...args: unknown[]) => pseudoLocalize(String((value as (...a: unknown[]) => unknown)(...args)))
        : typeof value === 'string'
          ? pseudoLocalize(value)
          : value;
  }
  return out as S;
}
