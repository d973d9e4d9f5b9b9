import type { StorybookConfig } from '@storybook/web-components-vite';
import { defaultClientConditions } from 'vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  // Docs pages (autodocs) from the JSDoc in custom-elements.json.
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // The repo uses legacy decorators (experimentalDecorators), which Vite 8/oxc lowers itself: no plugin.
  async viteFinal(config) {
    // Workspace packages export their TypeScript sources under the "source" condition (and built files
    // under "default"): the catalog always uses the sources, in `storybook dev` and `storybook build`, so
    // it needs no package build first.
    const conditions = config.resolve?.conditions ?? defaultClientConditions;
    config.resolve = { ...config.resolve, conditions: ['source', ...conditions.filter((c) => c !== 'source')] };
    return config;
  },
};
export default config;
