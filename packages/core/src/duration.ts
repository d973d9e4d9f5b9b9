/**
 * The one call-duration format of every cif-element (the dialer's timer, the wrap-up's summary): pure
 * functions, no DOM.
 */

const whole = (totalSeconds: number): number =>
  Number.isFinite(totalSeconds) && totalSeconds > 0 ? Math.floor(totalSeconds) : 0;

/**
 * Formats whole seconds as `mm:ss` (`05:03`), or `h:mm:ss` from one hour on (`1:02:03`). Negative or
 * non-finite input gives `00:00`.
 */
export function formatDuration(totalSeconds: number): string {
  const s = whole(Number(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

/** The same duration as an ISO 8601 duration for `<time datetime>`: `PT1H2M3S`. */
export function isoDuration(totalSeconds: number): string {
  const s = whole(Number(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds || (!hours && !minutes) ? `${seconds}S` : ''}`;
}
