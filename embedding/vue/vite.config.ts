// The Vue 3 embedding example, built by `npm run build` into embedding/vue/dist/ (and loaded by
// packages/elements/test/embedding.test.ts). It consumes `cif-elements` as an app would: through its
// exports map, i.e. the built dist/ files (so build the packages first).
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  plugins: [
    vue({
      // Templates are compiled at build time, so the custom-element rule goes to the compiler here
      // (`app.config.compilerOptions.isCustomElement` only applies to templates compiled in the browser).
      template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('cif-') } },
    }),
  ],
  define: { __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
});
