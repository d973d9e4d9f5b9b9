/**
 * The pseudo-locales `en-XA` and `ar-XB`, for layout tests: loaded only when an element shows one.
 */
const ACCENTS: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ĺ', m: 'ɱ',
  n: 'ñ', o: 'ó', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'ú', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Á', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ĺ', M: 'Ṁ',
  N: 'Ñ', O: 'Ó', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Ú', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

import { PSEUDO_CLOSE, PSEUDO_OPEN } from './locale.js';
export { PSEUDO_CLOSE, PSEUDO_OPEN };

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

/**
 * Calls a string function with its text arguments stood in for by markers, pseudo-localizes the result and
 * puts the arguments back as they were: a name or a presence the text shows is data, not translated text,
 * and must read the same as on the screen (the accessible name "Presence: Busy" of a button showing "Busy").
 */
function pseudoCall(fn: (...a: unknown[]) => unknown, args: unknown[]): string {
  const values: string[] = [];
  const marked = args.map((a) => (typeof a === 'string' && a ? `\uE000${values.push(a) - 1}\uE001` : a));
  const text = pseudoLocalize(String(fn(...marked)));
  return text.replace(/\uE000(\d+)\uE001/g, (_, i: string) => values[Number(i)] ?? '');
}

/**
 * Applies the pseudo-locale to every entry of a strings object: texts transformed, functions wrapped, and
 * nested groups of strings (e.g. one label per channel) transformed the same way.
 */
export function pseudoStrings<S extends object>(strings: S): S {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(strings)) {
    out[key] =
      typeof value === 'function'
        ? (...args: unknown[]) => pseudoCall(value as (...a: unknown[]) => unknown, args)
        : typeof value === 'string'
          ? pseudoLocalize(value)
          : value && typeof value === 'object' && !Array.isArray(value)
            ? pseudoStrings(value as object)
            : value;
  }
  return out as S;
}
