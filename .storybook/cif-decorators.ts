// The catalog's theme and direction toolbar: globals plus one decorator that wraps every story in an
// element carrying `data-cif-theme` and `dir`. Kept apart from preview.ts (which imports the JSON
// manifest) so that the stories test can apply exactly the same annotations.
import { html, nothing } from 'lit';
import type { Decorator, Preview } from '@storybook/web-components-vite';

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

export const initialGlobals: Preview['initialGlobals'] = { theme: 'light', direction: 'ltr' };

/**
 * Wraps the story in `<div class="cif-story" data-cif-theme=… dir=…>` on the theme's surface colour, so
 * dark stories are dark all around and RTL stories mirror (the tokens cascade from any ancestor with
 * `data-cif-theme`).
 */
export const withCifTheme: Decorator = (story, context) => {
  const theme = (context.globals.theme as CifStoryTheme | undefined) ?? 'light';
  const direction = (context.globals.direction as CifStoryDirection | undefined) ?? 'ltr';
  return html`<div
    class="cif-story"
    data-cif-theme=${theme === 'system' ? nothing : theme}
    dir=${direction}
    style="background: var(--cif-color-surface); color: var(--cif-color-text); padding: 16px; border-radius: 4px;"
  >
    ${story()}
  </div>`;
};

export const decorators: Decorator[] = [withCifTheme];
