import { formatNumber } from '@cif-elements/core';

const unit = (locale: string, n: number, u: 'minute' | 'hour' | 'day'): string =>
  formatNumber(locale, n, { style: 'unit', unit: u, unitDisplay: 'short' });

/** English: `"< 1 min"`, `"3 min"`, `"1 h 5 min"` or `"2 d 3 h"` (the default `formatAge`). */
export function formatSessionAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, Number.isFinite(ms) ? ms : 0) / 60_000);
  if (minutes < 1) return '< 1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/**
 * The time since a session started in a locale's short units through `Intl` (`"3 Min."`, `"1 Std. 5 Min."`,
 * `"3 分"`), the same steps as {@link formatSessionAge}: under a minute, minutes, hours and minutes, days and
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
