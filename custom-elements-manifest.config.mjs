// Configuration of `cem analyze` (npm run analyze). The analyzer lists modules in file-system order,
// which differs between checkouts; sorting them makes custom-elements.json the same on every machine,
// so CI can tell a stale manifest from a fresh one.
export default {
  globs: ['packages/*/src/**/*.ts'],
  exclude: ['packages/*/src/**/*.styles.ts', 'packages/react/**'],
  litelement: true,
  plugins: [
    {
      name: 'sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
