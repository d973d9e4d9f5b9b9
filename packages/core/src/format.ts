/**
 * Numbers, durations and relative times in the agent's language, through `Intl` (no DOM). Every function
 * takes a BCP 47 locale (e.g. `LocaleController.intl`) and falls back to English formatting if the engine
 * does not know it.
 */

import { durationParts } from './duration.js';

const cache = new Map<string, Intl.NumberFormat | Intl.RelativeTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, options);
    } catch {
      f = new Intl.NumberFormat('en', options);
    }
    cache.set(key, f);
  }
  return f;
}

/** A number in the locale's digits and grouping (`1234.5` → `1.234,5` in German). */
export function formatNumber(locale: string, value: number, options: Intl.NumberFormatOptions = {}): string {
  return numberFormat(locale, options).format(value);
}

/**
 * A call timer in the locale's digits: `mm:ss`, or `h:mm:ss` from one hour on (the layout every locale we
 * ship uses for a running timer). With `locale` `'en'` it equals `formatDuration` from this package.
 */
export function formatTimer(locale: string, totalSeconds: number): string {
  const { hours: h, minutes: m, seconds: sec } = durationParts(totalSeconds);
  const two = numberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const one = numberFormat(locale, { useGrouping: false });
  return h > 0 ? `${one.format(h)}:${two.format(m)}:${two.format(sec)}` : `${two.format(m)}:${two.format(sec)}`;
}

/**
 * A duration in words for screen readers and summaries: `1 hour, 2 minutes, 3 seconds` / `1 Stunde,
 * 2 Minuten und 3 Sekunden`. Uses `Intl.DurationFormat` where the engine has it, else `Intl.NumberFormat`
 * units joined with `Intl.ListFormat`.
 */
export function formatDurationWords(locale: string, totalSeconds: number): string {
  const parts = durationParts(totalSeconds);
  const DF = (Intl as unknown as { DurationFormat?: new (l: string, o: object) => { format(d: object): string } }).DurationFormat;
  if (DF) {
    try {
      const d = { ...parts };
      if (!d.hours) delete (d as Partial<typeof d>).hours;
      if (!d.minutes && d.hours) delete (d as Partial<typeof d>).minutes;
      return new DF(locale, { style: 'long' }).format(d);
    } catch {
      /* fall through */
    }
  }
  const units: string[] = [];
  if (parts.hours) units.push(numberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'long' }).format(parts.hours));
  if (parts.minutes) units.push(numberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(parts.minutes));
  if (parts.seconds || !units.length) {
    units.push(numberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(parts.seconds));
  }
  try {
    return new Intl.ListFormat(locale, { style: 'long', type: 'unit' }).format(units);
  } catch {
    return units.join(', ');
  }
}

/**
 * How long ago (or until) a time, in words: `2 minutes ago`, `vor 2 Minuten`, `now`. `seconds` is negative
 * for the past.
 */
export function formatRelativeTime(locale: string, seconds: number): string {
  const key = `r|${locale}`;
  let f = cache.get(key) as Intl.RelativeTimeFormat | undefined;
  if (!f) {
    try {
      f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    } catch {
      f = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    }
    cache.set(key, f);
  }
  const v = Number.isFinite(seconds) ? seconds : 0;
  const a = Math.abs(v);
  if (a < 60) return f.format(Math.round(v / 1) === 0 ? 0 : Math.trunc(v), 'second');
  if (a < 3600) return f.format(Math.trunc(v / 60), 'minute');
  if (a < 86400) return f.format(Math.trunc(v / 3600), 'hour');
  return f.format(Math.trunc(v / 86400), 'day');
}
