// The React 19 embedding example, built by `npm run build` into embedding/react/dist/ (and loaded by
// packages/elements/test/embedding.test.ts). It consumes the packages as an app would: through their
// exports maps, i.e. the built dist/ files (so build the packages first).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
});
