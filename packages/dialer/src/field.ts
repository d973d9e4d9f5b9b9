/**
 * Editing helpers for the number field of `<cif-dialer>`: where the caret goes after the text is
 * re-formatted, and what a deletion removes when the character next to the caret is only formatting.
 * Pure functions over strings, no DOM.
 */
import { EXTENSION_SEPARATOR, formatAsYouType, isDialChar, normalizeInput } from './phone.js';

/** Characters that may be typed into the field (the rest is refused before it lands). */
const TYPABLE = /^[\p{Nd}A-Za-z+*#()\-.\p{Zs}/,;]+$/u;

/** Whether typed `data` may be inserted into a field currently showing `current`. */
export function canType(data: string, current: string): boolean {
  if (!TYPABLE.test(data)) return false;
  // After an extension only digits make sense; letters there would be read as vanity digits.
  if (/[A-Za-z]/.test(data) && (current.includes(EXTENSION_SEPARATOR) || /[,;]/.test(current))) return false;
  return true;
}

/** How many dial characters (digits, `+`, `*`, `#`) `prefix` stands for, and whether it ends in an extension marker. */
export function measure(prefix: string): { count: number; afterMarker: boolean } {
  const n = normalizeInput(prefix);
  return { count: n.replace(';ext=', '').length, afterMarker: n.endsWith(';ext=') };
}

/** Caret index in `display` just after `count` dial characters (and after the extension marker if asked). */
export function caretFor(display: string, count: number, afterMarker: boolean): number {
  let seen = 0;
  let i = 0;
  while (i < display.length && seen < count) {
    if (isDialChar(display[i])) seen++;
    i++;
  }
  const markerAt = display.indexOf(EXTENSION_SEPARATOR);
  if (afterMarker && markerAt >= 0 && i <= markerAt + EXTENSION_SEPARATOR.length) {
    i = markerAt + EXTENSION_SEPARATOR.length;
  }
  return Math.min(i, display.length);
}

/** Result of a deletion: the new text, and the text before the caret (for {@link measure}). */
export interface Removal {
  text: string;
  before: string;
}

/**
 * Backspace at `caret` (collapsed selection): removes the extension marker when the caret is on it, else
 * the nearest dial character to the left, skipping formatting (`)`, spaces, `-`). `undefined`: nothing to remove.
 */
export function removeBackward(value: string, caret: number): Removal | undefined {
  const markerAt = value.indexOf(EXTENSION_SEPARATOR);
  const markerEnd = markerAt + EXTENSION_SEPARATOR.length;
  if (markerAt >= 0 && caret > markerAt && caret <= markerEnd) {
    return { text: value.slice(0, markerAt) + value.slice(markerEnd), before: value.slice(0, markerAt) };
  }
  for (let i = Math.min(caret, value.length) - 1; i >= 0; i--) {
    if (isDialChar(value[i])) return { text: value.slice(0, i) + value.slice(i + 1), before: value.slice(0, i) };
  }
  return undefined;
}

/** Delete at `caret` (collapsed selection): like {@link removeBackward}, to the right. */
export function removeForward(value: string, caret: number): Removal | undefined {
  const markerAt = value.indexOf(EXTENSION_SEPARATOR);
  const markerEnd = markerAt + EXTENSION_SEPARATOR.length;
  if (markerAt >= 0 && caret >= markerAt && caret < markerEnd) {
    return { text: value.slice(0, markerAt) + value.slice(markerEnd), before: value.slice(0, markerAt) };
  }
  for (let i = Math.max(caret, 0); i < value.length; i++) {
    if (isDialChar(value[i])) return { text: value.slice(0, i) + value.slice(i + 1), before: value.slice(0, caret) };
  }
  return undefined;
}

/** Text that is kept when the field holds something that is not written like a phone number. */
const KEEPABLE = /[^\p{Nd}A-Za-z+*#()\-.\p{Zs}/;=,]/gu;

/**
 * What the field shows for `text`: formatted as you type. Text that is not written like a phone number
 * (an autofill or drop of anything) is first stripped of the characters a number cannot contain.
 */
export function displayFor(text: string, defaultCountry?: string): string {
  const shown = formatAsYouType(text, defaultCountry);
  if (shown || !text.trim()) return shown;
  return formatAsYouType(text.replace(KEEPABLE, ''), defaultCountry);
}

/** A change to the field: its new text, and the text before the caret (`undefined`: the caret goes to the end). */
export interface Edit {
  text: string;
  before?: string | undefined;
  /** The pasted text, when it replaced the whole field (reported as `raw` by the next dial). */
  raw?: string;
}

/**
 * What a `beforeinput` of `inputType` (with `data`) does to a field showing `value` with the selection
 * `start`…`end`: `'refuse'` (cancel it: nothing to type or delete), an {@link Edit} (cancel it and apply that:
 * a deletion that skips formatting), or `undefined` (let it happen; the `input` event re-formats).
 */
export function beforeInput(inputType: string, data: string | null, value: string, start: number, end: number): 'refuse' | Edit | undefined {
  if (inputType === 'insertText' && data) return canType(data, value) ? undefined : 'refuse';
  if ((inputType === 'deleteContentBackward' || inputType === 'deleteContentForward') && start === end) {
    return (inputType === 'deleteContentBackward' ? removeBackward(value, start) : removeForward(value, start)) ?? 'refuse';
  }
  return undefined;
}

/**
 * What pasting `text` over the selection `start`…`end` of `value` makes: an {@link Edit} (with `raw` when it
 * replaced the whole field), `'invalid'` for text that is not written like a number, `undefined` for blank text.
 */
export function paste(text: string, value: string, start: number, end: number): Edit | 'invalid' | undefined {
  const normalized = normalizeInput(text);
  if (!normalized) return text.trim() ? 'invalid' : undefined;
  const before = value.slice(0, start) + normalized;
  const after = value.slice(end);
  const edit: Edit = { text: before + after, before: after ? before : undefined };
  if (start === 0 && end === value.length) edit.raw = text;
  return edit;
}

/** How the field shows an {@link Edit}'s text, formatted, and where the caret goes in it. */
export function layout(text: string, before: string | undefined, defaultCountry?: string): { shown: string; caret: number } {
  const shown = displayFor(text, defaultCountry);
  if (before === undefined) return { shown, caret: shown.length };
  const { count, afterMarker } = measure(before);
  return { shown, caret: caretFor(shown, count, afterMarker) };
}
