// Used by the locale packs only (lazy chunks): not part of the element's first load.
// Intl directly (not core's formatNumber): a lazy chunk that imports the core barrel makes the bundler
// split shared chunks out of the single-file entry.
const formats = new Map<string, Intl.NumberFormat>();
const unit = (locale: string, n: number, u: 'minute' | 'hour' | 'day'): string => {
  const key = `${locale}|${u}`;
  let f = formats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' });
    } catch {
      f = new Intl.NumberFormat('en', { style: 'unit', unit: u, unitDisplay: 'short' });
    }
    formats.set(key, f);
  }
  return f.format(n);
};

/**
 * The time since a session started in a locale's short units through `Intl` (`"3 Min."`, `"1 Std. 5 Min."`,
 * `"3 分"`), the same steps as `formatSessionAge`: under a minute, minutes, hours and minutes, days and
 * hours.
 */
export function formatSessionAgeIn(locale: string, ms: number): string {
  const minutes = Math.floor(Math.max(0, Number.isFinite(ms) ? ms : 0) / 60_000);
  if (minutes < 1) return `< ${unit(locale, 1, 'minute')}`;
  if (minutes < 60) return unit(locale, minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${unit(locale, hours, 'hour')} ${unit(locale, minutes % 60, 'minute')}` : unit(locale, hours, 'hour');
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${unit(locale, days, 'day')} ${unit(locale, hours % 24, 'hour')}` : unit(locale, days, 'day');
}
