import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { cifLocaleContext } from './context.js';
import {
  intlLocale,
  localeDirection,
  resolveLocale,
  type CifDisplayLocale,
  type CifLocalePack,
  type CifLocalePacks,
} from './locale.js';

/** What a {@link LocaleController} localizes: the English defaults (built in) and the lazy packs. */
export interface LocaleControllerOptions<S extends object> {
  /** Every string in English; also the list of keys a pack may have. */
  defaults: S;
  /** The other locales, each behind an `import()` (see {@link CifLocalePacks}). */
  packs?: CifLocalePacks<S>;
  /** The element's own locale (its `locale` attribute), which wins over the provider's. */
  own?: () => string | null | undefined;
  /**
   * The locale to use when the element has none of its own, before the one from the nearest
   * `<cif-provider>` (the provider passes the Dynamics 365 user's language here).
   */
  fallback?: () => string | null | undefined;
  /**
   * Whether the host carries the locale as `lang` and `dir` attributes (for screen-reader pronunciation and
   * right-to-left layout): when this returns true. Attributes the page author wrote are never changed.
   */
  mark?: () => boolean;
}

// One load per pack loader, shared by every element of the package (and retried after a failure); once
// loaded, a pack is at hand synchronously, so an element created later renders (and announces) in its
// language from its first update.
const loads = new WeakMap<() => Promise<{ default: unknown }>, Promise<unknown>>();
const loaded = new WeakMap<() => Promise<{ default: unknown }>, unknown>();
const warned = new Set<string>();

function loadPack<S>(loader: () => Promise<{ default: CifLocalePack<S> }>, locale: string): Promise<CifLocalePack<S> | undefined> {
  let p = loads.get(loader) as Promise<CifLocalePack<S> | undefined> | undefined;
  if (!p) {
    p = loader().then(
      (m) => {
        const pack = m && typeof m.default === 'object' ? m.default : undefined;
        if (pack) loaded.set(loader, pack);
        return pack;
      },
      (err: unknown) => {
        loads.delete(loader);
        if (!warned.has(locale)) {
          warned.add(locale);
          console.warn(`cif-elements: could not load the "${locale}" strings; showing English.`, err);
        }
        return undefined;
      },
    );
    loads.set(loader, p);
  }
  return p;
}

/**
 * Gives an element its strings in the right language: the element's own `locale`, else the locale of the
 * nearest `<cif-provider>` (context), else English. English is built in; another locale's pack is loaded
 * on first use (shared by every element of the package, and at hand synchronously once loaded) and the host
 * re-renders when it arrives (a `CifElement` holds its updates meanwhile, see `loading`). `strings(overrides)`
 * merges English < pack < the element's `strings` property.
 */
export class LocaleController<S extends object> implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: LocaleControllerOptions<S>;
  private fromContext: string | undefined;
  private packs = new Map<CifDisplayLocale, CifLocalePack<S> | undefined>();
  private pending: Promise<unknown> | undefined;
  /** The pseudo-locales' "pack": English run through pseudo.ts, loaded only when shown. */
  private pseudo: (() => Promise<{ default: CifLocalePack<S> }>) | undefined;
  private baseMemo: { locale: string; pack: unknown; value: S } | undefined;
  private memo: { base: S; overrides: unknown; value: S } | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: LocaleControllerOptions<S>) {
    this.host = host;
    this.options = options;
    new ContextConsumer(host, {
      context: cifLocaleContext,
      subscribe: true,
      callback: (value) => {
        if (value === this.fromContext) return;
        this.fromContext = value;
        this.host.requestUpdate();
      },
    });
    host.addController(this);
  }

  /** The locale shown (a supported one, `'en'` when nothing else applies). */
  get locale(): CifDisplayLocale {
    return resolveLocale(this.options.own?.(), this.options.fallback?.(), this.fromContext);
  }

  /** `'rtl'` for Arabic and Hebrew. */
  get dir(): 'ltr' | 'rtl' {
    return localeDirection(this.locale);
  }

  /** The locale to give `Intl` formatters. */
  get intl(): string {
    return intlLocale(this.locale);
  }

  /** While the current locale's pack is loading: a promise that settles when it has (or has failed). */
  get loading(): Promise<unknown> | undefined {
    this.ensurePack();
    return this.pending;
  }

  /** Settles when the current locale's pack has loaded (or failed and English is shown). */
  get ready(): Promise<void> {
    return Promise.resolve(this.loading).then(() => undefined);
  }

  /** English overlaid with the locale's pack (once loaded): the locale's own strings, without overrides. */
  get base(): S {
    const locale = this.locale;
    this.ensurePack();
    const pack = this.packs.get(locale);
    const b = this.baseMemo;
    if (b && b.locale === locale && b.pack === pack) return b.value;
    const value: S = pack ? { ...this.options.defaults, ...pack } : this.options.defaults;
    this.baseMemo = { locale, pack, value };
    return value;
  }

  /** English, overlaid with the locale's pack (once loaded), overlaid with `overrides`. */
  strings(overrides?: Partial<S> | null): S {
    const base = this.base;
    const m = this.memo;
    if (m && m.base === base && m.overrides === overrides) return m.value;
    const value = overrides && typeof overrides === 'object' ? { ...base, ...overrides } : base;
    this.memo = { base, overrides, value };
    return value;
  }

  hostConnected(): void {
    this.ensurePack();
  }

  hostUpdate(): void {
    this.ensurePack();
  }

  private marked: { lang: string; dir: string } | undefined;

  hostUpdated(): void {
    const host = this.host;
    const want = this.options.mark?.() ? { lang: this.intl, dir: this.dir } : undefined;
    for (const attr of ['lang', 'dir'] as const) {
      const mine = this.marked?.[attr];
      const current = host.getAttribute(attr);
      // An attribute the page wrote (or changed after us) is the page's.
      if (current !== null && current !== mine) continue;
      if (want) {
        if (current !== want[attr]) host.setAttribute(attr, want[attr]);
      } else if (mine !== undefined && current === mine) host.removeAttribute(attr);
    }
    this.marked = want;
  }

  private ensurePack(): void {
    const locale = this.locale;
    if (this.packs.has(locale)) return;
    const loader =
      locale === 'en-XA' || locale === 'ar-XB'
        ? (this.pseudo ??= () => import('./pseudo.js').then((m) => ({ default: m.pseudoStrings(this.options.defaults) })))
        : (this.options.packs as Record<string, (() => Promise<{ default: CifLocalePack<S> }>) | undefined> | undefined)?.[locale];
    if (!loader) {
      this.packs.set(locale, undefined);
      return;
    }
    // Only the keys English has: a stale key in a pack never reaches the element.
    const known = (pack: CifLocalePack<S>): Partial<S> => {
      const out: Partial<S> = {};
      for (const k of Object.keys(pack) as (keyof S)[]) if (k in this.options.defaults) out[k] = pack[k];
      return out;
    };
    const ready = loaded.get(loader) as CifLocalePack<S> | undefined;
    if (ready) {
      this.packs.set(locale, known(ready));
      return;
    }
    this.packs.set(locale, undefined);
    const p = loadPack(loader, locale).then((pack) => {
      if (pack) this.packs.set(locale, known(pack));
      // (a pack that failed stays English for this element: no retry on every update)
      if (this.pending === p) this.pending = undefined;
      if (this.locale === locale && pack) this.host.requestUpdate();
    });
    this.pending = p;
  }
}
