// The catalog's theme and direction toolbar: globals plus one decorator that wraps every story in an
// element carrying `data-cif-theme` and `dir`. Kept apart from preview.ts (which imports the JSON
// manifest) so that the stories test can apply exactly the same annotations.
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { ContextProvider } from '@lit/context';
import type { Decorator, Preview } from '@storybook/web-components-vite';
import { cifLocaleContext } from '@cif-elements/core';

/** Theme global: `light` and `dark` force the tokens; `system` follows `prefers-color-scheme`. */
export type CifStoryTheme = 'light' | 'dark' | 'system';
/** Direction global. */
export type CifStoryDirection = 'ltr' | 'rtl';

export const globalTypes: Preview['globalTypes'] = {
  theme: {
    description: 'cif-elements theme (sets data-cif-theme on the story wrapper)',
    toolbar: {
      title: 'Theme',
      icon: 'mirror',
      items: [
        { value: 'light', title: 'Light', icon: 'sun' },
        { value: 'dark', title: 'Dark', icon: 'moon' },
        { value: 'system', title: 'Follow the OS', icon: 'browser' },
      ],
      dynamicTitle: true,
    },
  },
  direction: {
    description: 'Text direction of the story wrapper (dir attribute)',
    toolbar: {
      title: 'Direction',
      icon: 'transfer',
      items: [
        { value: 'ltr', title: 'Left to right' },
        { value: 'rtl', title: 'Right to left' },
      ],
      dynamicTitle: true,
    },
  },
};

// The locale menu: the twelve shipped locales and the two pseudo-locales (accented, ~30 % longer).
const LOCALES: Array<{ value: string; title: string }> = [
  { value: 'story', title: 'As the story says' },
  { value: 'en', title: 'English' },
  { value: 'de', title: 'Deutsch' },
  { value: 'fr', title: 'Français' },
  { value: 'es', title: 'Español' },
  { value: 'it', title: 'Italiano' },
  { value: 'pt-BR', title: 'Português (Brasil)' },
  { value: 'nl', title: 'Nederlands' },
  { value: 'ja', title: '日本語' },
  { value: 'zh-Hans', title: '简体中文' },
  { value: 'ko', title: '한국어' },
  { value: 'ar', title: 'العربية' },
  { value: 'he', title: 'עברית' },
  { value: 'en-XA', title: 'Pseudo (accented, longer)' },
  { value: 'ar-XB', title: 'Pseudo, right to left' },
];

(globalTypes as Record<string, unknown>).locale = {
  description: 'cif-elements locale (every <cif-provider> in the story and elements outside one)',
  toolbar: { title: 'Locale', icon: 'globe', items: LOCALES, dynamicTitle: true },
};

export const initialGlobals: Preview['initialGlobals'] = { theme: 'light', direction: 'ltr', locale: 'story' };

const localeProviders = new WeakMap<Element, ContextProvider<typeof cifLocaleContext>>();

/**
 * Applies the toolbar's locale to a story wrapper: elements outside a provider get it through the locale
 * context (as from a provider), and every `<cif-provider>` in the story gets it as its `locale` (which wins
 * over the simulated Dynamics user's language). `story` leaves the story's own locale alone.
 */
function applyLocale(wrapper: Element | undefined, locale: string): void {
  if (!wrapper) return;
  const value = locale === 'story' ? undefined : locale;
  let provider = localeProviders.get(wrapper);
  if (!provider) {
    provider = new ContextProvider(wrapper as HTMLElement, { context: cifLocaleContext, initialValue: value });
    localeProviders.set(wrapper, provider);
    // Announce it, so that the ContextRoot hands it the requests of elements that connected first.
    provider.hostConnected();
  } else provider.setValue(value);
  queueMicrotask(() => {
    for (const p of wrapper.querySelectorAll<HTMLElement & { locale?: string }>('cif-provider')) {
      if (value) p.locale = value;
    }
  });
}

/**
 * Wraps the story in `<div class="cif-story" data-cif-theme=… dir=…>` on the theme's surface colour, so
 * dark stories are dark all around and RTL stories mirror (the tokens cascade from any ancestor with
 * `data-cif-theme`).
 */
export const withCifTheme: Decorator = (story, context) => {
  const theme = (context.globals.theme as CifStoryTheme | undefined) ?? 'light';
  const direction = (context.globals.direction as CifStoryDirection | undefined) ?? 'ltr';
  const locale = (context.globals.locale as string | undefined) ?? 'story';
  return html`<div
    ${ref((el) => applyLocale(el, locale))}
    class="cif-story"
    data-cif-theme=${theme === 'system' ? nothing : theme}
    dir=${direction}
    style="background: var(--cif-color-surface); color: var(--cif-color-text); padding: 16px; border-radius: 4px;"
  >
    ${story()}
  </div>`;
};

export const decorators: Decorator[] = [withCifTheme];
