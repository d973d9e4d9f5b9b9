// Locale test helpers shared by the element packages' locale tests (pack completeness, overflow at a narrow
// width, unlocalized text under the pseudo-locale).
import { expect } from '@open-wc/testing';
import { CIF_LOCALES, PSEUDO_CLOSE, PSEUDO_OPEN, type CifLocalePacks } from '@cif-elements/core';

/** Several argument lists for one function entry, each checked (see {@link sampleSets}). */
export class SampleSets {
  readonly sets: readonly unknown[][];
  constructor(sets: readonly unknown[][]) {
    this.sets = sets;
  }
}

/** Several argument lists for one function entry (e.g. a count of 1, 2 and 5), each checked. */
export const sampleSets = (...sets: unknown[][]): SampleSets => new SampleSets(sets);

/** Sample arguments for the function entries of a strings object (by key): one argument list, or {@link sampleSets}. */
export type SampleArgs = Record<string, unknown[] | SampleSets>;

/** Options of {@link expectCompletePacks}. */
export interface PackCheckOptions {
  /** Every function entry must have samples (else a missing one is called with `'Ana'`). */
  requireSamples?: boolean;
  /** More checks on each function entry's text (e.g. that it contains the value passed in). */
  check?: (text: string, where: { locale: string; key: string; args: readonly unknown[] }) => void;
}

/**
 * Every locale pack has exactly the English keys, each a non-empty string or a function (as in English)
 * returning a non-empty string for the sample arguments; and there is a pack for every locale but English.
 */
export async function expectCompletePacks<S extends object>(
  defaults: S,
  packs: CifLocalePacks<S>,
  samples: SampleArgs = {},
  options: PackCheckOptions = {},
): Promise<void> {
  const keys = Object.keys(defaults).sort();
  expect(Object.keys(packs).sort()).to.deep.equal(CIF_LOCALES.filter((l) => l !== 'en').sort());
  for (const [locale, load] of Object.entries(packs) as [string, () => Promise<{ default: Partial<S> }>][]) {
    const pack = (await load()).default as Record<string, unknown>;
    expect(Object.keys(pack).sort(), `${locale}: keys`).to.deep.equal(keys);
    for (const k of keys) {
      const en = (defaults as Record<string, unknown>)[k];
      const v = pack[k];
      expect(typeof v, `${locale}.${k}: same kind as English`).to.equal(typeof en);
      if (typeof v === 'function') {
        const sample = samples[k];
        if (options.requireSamples) expect(sample, `sample arguments for ${k}`).to.not.equal(undefined);
        const sets = sample instanceof SampleSets ? sample.sets : [sample ?? ['Ana']];
        for (const args of sets) {
          const out = (v as (...a: unknown[]) => unknown)(...args);
          expect(typeof out === 'string' && out.trim() !== '', `${locale}.${k}(${args.join(', ')}) returns text`).to.equal(true);
          options.check?.(out as string, { locale, key: k, args });
        }
      } else if (typeof v === 'string') {
        expect(v.trim(), `${locale}.${k} is not empty`).to.not.equal('');
      } else {
        expect(v && typeof v === 'object', `${locale}.${k}`).to.equal(true);
      }
    }
  }
}

const isShown = (el: Element): boolean => {
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (e instanceof HTMLElement && (e.hidden || getComputedStyle(e).display === 'none')) return false;
  }
  return true;
};

/**
 * Texts in the element's shadow root (text nodes in shown elements, and `aria-label` / `title` /
 * `aria-valuetext` attributes) that are not pseudo-localized, except those made only of `userData`
 * (names, numbers the test passed in), digits and punctuation.
 */
export function unlocalizedTexts(el: HTMLElement, userData: string[] = []): string[] {
  const root = el.shadowRoot!;
  const found: string[] = [];
  const check = (text: string, where: string) => {
    let rest = text;
    // strip pseudo-localized runs, then user data
    // (innermost first: a pseudo-localized phrase may hold another, e.g. a formatted age)
    const run = new RegExp(`${PSEUDO_OPEN}[^${PSEUDO_OPEN}${PSEUDO_CLOSE}]*${PSEUDO_CLOSE}`, 'g');
    while (run.test(rest)) rest = rest.replace(run, ' ');
    for (const u of [...userData].sort((a, b) => b.length - a.length)) rest = rest.split(u).join(' ');
    if (/\p{L}/u.test(rest)) found.push(`${where}: ${JSON.stringify(text)}`);
  };
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (!parent || parent.closest('style') || !isShown(parent)) continue;
    if ((n.textContent ?? '').trim()) check(n.textContent!, `text in <${parent.localName}>`);
  }
  for (const e of root.querySelectorAll('*')) {
    for (const a of ['aria-label', 'title', 'aria-valuetext', 'placeholder']) {
      const v = e.getAttribute(a);
      if (v && v.trim()) check(v, `${a} of <${e.localName}>`);
    }
  }
  return found;
}

/**
 * Horizontal overflow of the element and its shown parts: a scroll box (the element, or a part whose
 * `overflow-x` is not `visible`) whose `scrollWidth` exceeds its `clientWidth`, or a part (or anything in
 * it) that reaches outside the element's box. (For `overflow: visible` boxes the rectangles are compared
 * rather than `scrollWidth`: Firefox reports a right-to-left grid row's scrollWidth far beyond any box in it
 * while nothing shows outside the row or scrolls in the list around it.)
 */
export function overflowing(el: HTMLElement): string[] {
  const out: string[] = [];
  const host = el.getBoundingClientRect();
  const scrolls = (e: Element, name: string) => {
    if (e.scrollWidth > e.clientWidth + 1) out.push(`${name}: ${e.scrollWidth} > ${e.clientWidth}`);
  };
  const inside = (e: Element, name: string) => {
    const r = e.getBoundingClientRect();
    if (r.width && (r.left < host.left - 1 || r.right > host.right + 1)) out.push(`${name}: ${Math.round(r.left)}…${Math.round(r.right)} outside ${Math.round(host.left)}…${Math.round(host.right)}`);
  };
  scrolls(el, el.localName);
  for (const p of el.shadowRoot!.querySelectorAll<HTMLElement>('[part]')) {
    if (!isShown(p) || p.getBoundingClientRect().width === 0) continue;
    const name = p.getAttribute('part')!;
    const style = getComputedStyle(p);
    if (style.display !== 'inline' && style.overflowX !== 'visible') scrolls(p, name);
    inside(p, name);
    for (const d of p.querySelectorAll('*')) {
      // clipped by a box of its own (visually hidden text) or hidden: not shown outside
      if (d.closest('.visually-hidden') || !isShown(d)) continue;
      inside(d, `${name} > ${d.localName}`);
    }
  }
  return out;
}
