/**
 * The one call-duration format of every cif-element (the dialer's timer, the wrap-up's summary): pure
 * functions, no DOM.
 */

/**
 * Whole hours, minutes and seconds of a duration in seconds (negative or non-finite input counts as 0):
 * the one split behind every duration format (this module's and the locale-aware ones in format.ts).
 */
export function durationParts(totalSeconds: number): { hours: number; minutes: number; seconds: number } {
  const n = Number(totalSeconds);
  const s = Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
  return { hours: Math.floor(s / 3600), minutes: Math.floor((s % 3600) / 60), seconds: s % 60 };
}

/**
 * Formats whole seconds as `mm:ss` (`05:03`), or `h:mm:ss` from one hour on (`1:02:03`). Negative or
 * non-finite input gives `00:00`.
 */
export function formatDuration(totalSeconds: number): string {
  const { hours, minutes, seconds } = durationParts(totalSeconds);
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

/** The same duration as an ISO 8601 duration for `<time datetime>`: `PT1H2M3S`. */
export function isoDuration(totalSeconds: number): string {
  const { hours, minutes, seconds } = durationParts(totalSeconds);
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds || (!hours && !minutes) ? `${seconds}S` : ''}`;
}
