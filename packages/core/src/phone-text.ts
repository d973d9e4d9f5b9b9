/**
 * Phone-number rules that need no library and no DOM (`@cif-elements/core/phone-text`): shared by the
 * elements' first load (`@cif-elements/core/phone`) and the number functions loaded with libphonenumber-js,
 * which import only this module from core.
 */

/** Invisible formatting and bidi control characters (RLO, LRM, zero-width space…), Unicode category Cf. */
const INVISIBLE = /\p{Cf}/gu;

/**
 * `text` without invisible formatting and bidi control characters (Unicode `Cf`: RLO, LRM, zero-width
 * space…), which a pasted or CRM-stored number may carry and which would hide or reorder what is shown.
 */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * The ISO 3166-1 alpha-2 code for `code` (any case, trimmed) when `isSupported` (libphonenumber-js's
 * `isSupportedCountry` with its metadata) says so, else `undefined`. Never throws.
 */
export function supportedCountry<C extends string>(code: unknown, isSupported: ((c: C) => boolean) | undefined): C | undefined {
  if (typeof code !== 'string' || !isSupported) return undefined;
  const c = code.trim().toUpperCase() as C;
  if (!/^[A-Z]{2}$/.test(c)) return undefined;
  try {
    return isSupported(c) ? c : undefined;
  } catch {
    return undefined;
  }
}
