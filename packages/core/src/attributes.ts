import type { ComplexAttributeConverter } from 'lit';

/** Options of {@link numberAttribute}. */
export interface NumberAttributeOptions {
  /** Element tag and attribute name, for the warning: `'<cif-provider> init-timeout'`. */
  name: string;
  /** Value used when the attribute is missing, empty or not a valid number. */
  fallback: number | undefined;
  /** Smallest valid value (inclusive). Default: no minimum. */
  min?: number;
  /** Whether the value must be > `min` rather than ≥ `min`. */
  exclusiveMin?: boolean;
  /** Rounds down to a whole number. */
  integer?: boolean;
  /** What the value means, for the warning: `'a number of milliseconds > 0'`. */
  expected: string;
}

/** Whether `value` is a finite number that satisfies `options`. */
export function isValidNumber(value: unknown, options: Pick<NumberAttributeOptions, 'min' | 'exclusiveMin'>): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (options.min === undefined) return true;
  return options.exclusiveMin ? value > options.min : value >= options.min;
}

/**
 * A Lit attribute converter for numbers that never lets a typo through as `NaN`: an empty or missing
 * attribute gives `fallback`; a value that is not a valid number (`"abc"`, `"-5"` for a time-out) logs a
 * warning naming the element, the attribute and the value, and gives `fallback` too.
 */
export function numberAttribute(options: NumberAttributeOptions): ComplexAttributeConverter<number | undefined> {
  return {
    fromAttribute(raw: string | null): number | undefined {
      if (raw === null || raw.trim() === '') return options.fallback;
      const n = Number(raw.trim());
      if (!isValidNumber(n, options)) {
        console.warn(
          `[cif-elements] ${options.name}="${raw}" is not ${options.expected}; using ` +
            `${options.fallback === undefined ? 'the default' : options.fallback}.`,
        );
        return options.fallback;
      }
      return options.integer ? Math.floor(n) : n;
    },
    toAttribute: (value: number | undefined) => (value === undefined || value === null ? null : String(value)),
  };
}

/**
 * Returns `value` when it is a valid number for `options`, else warns (once per distinct bad value and
 * `seen` set) and returns `options.fallback`. For numbers set as properties, which bypass the converter.
 */
export function sanitizeNumber(value: unknown, options: NumberAttributeOptions, seen?: Set<string>): number | undefined {
  if (value === undefined || value === null) return options.fallback;
  if (isValidNumber(value, options)) return options.integer ? Math.floor(value) : value;
  const key = String(value);
  if (!seen || !seen.has(key)) {
    seen?.add(key);
    console.warn(`[cif-elements] ${options.name} = ${key} is not ${options.expected}; using ${options.fallback ?? 'the default'}.`);
  }
  return options.fallback;
}

/**
 * Returns `value` when it is one of `allowed`, else warns (once per distinct bad value and `seen` set) naming
 * the element and attribute, and returns `fallback`. For enumerated attributes (`screen-pop="sometimes"`),
 * so a typo behaves as the documented default instead of as an undefined mode.
 */
export function sanitizeChoice<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  name: string,
  seen?: Set<string>,
): T {
  if ((allowed as readonly unknown[]).includes(value)) return value as T;
  const key = String(value);
  if (!seen || !seen.has(key)) {
    seen?.add(key);
    console.warn(`[cif-elements] ${name}="${key}" is not one of ${allowed.join(', ')}; using ${fallback}.`);
  }
  return fallback;
}
