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

const EXACT = new Map<string, CifDisplayLocale>(
  [...CIF_LOCALES, ...CIF_PSEUDO_LOCALES].map((l) => [l.toLowerCase(), l] as [string, CifDisplayLocale]),
);

/** {@link matchLocale}'s answers so far. */
const matched = new Map<string, CifDisplayLocale | undefined>();

/**
 * The cif-elements locale for a BCP 47 tag, or `undefined` when there is none: `'de-AT'` → `'de'`,
 * `'pt'`/`'pt-PT'` → `'pt-BR'` (the one Portuguese, closer than English), `'zh-CN'`/`'zh-SG'`/`'zh-Hans-*'` →
 * `'zh-Hans'`; Traditional Chinese (`zh-TW`, `zh-HK`, `zh-Hant`) has no translation yet and gets `undefined`
 * (so English), not Simplified Chinese; `'iw'` → `'he'`. Case and `_` separators are tolerated.
 */
export function matchLocale(tag: unknown): CifDisplayLocale | undefined {
  if (typeof tag !== 'string') return undefined;
  // Every element asks on every render, with the same few tags: remember the answers (a bounded few).
  const known = matched.get(tag);
  if (known !== undefined || matched.has(tag)) return known;
  const m = match(tag);
  if (matched.size >= 32) matched.clear();
  matched.set(tag, m);
  return m;
}

function match(tag: string): CifDisplayLocale | undefined {
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

/** Marks that open and close every pseudo-localized text (so a test can tell it from text that is not). */
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

/** A translatable entry: a fixed text, or a function of the values it shows. */
export type CifStringValue = string | ((...args: never[]) => string);

/** A pack of translations for one element: any subset of its strings (the rest stay English). */
export type CifLocalePack<S> = Partial<S>;

/**
 * The lazily loaded packs of one package, by locale: each a function returning `import('./locales/xx.js')`,
 * so a bundler splits every locale into its own chunk and a page downloads only the one it shows.
 */
export type CifLocalePacks<S> = Partial<Record<Exclude<CifLocale, 'en'>, () => Promise<{ default: CifLocalePack<S> }>>>;
