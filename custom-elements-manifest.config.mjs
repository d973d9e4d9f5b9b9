// Configuration of `cem analyze` (npm run analyze).
// - The manifest documents the public API only: the packages' source modules minus translations, test
//   helpers and the simulated host's internals, and in every class only public members (private and
//   protected members, `#private` fields and the base class's generic `emit(type, …)` are dropped).
// - The analyzer lists modules in file-system order, which differs between checkouts; sorting them makes
//   custom-elements.json the same on every machine, so CI can tell a stale manifest from a fresh one.
export default {
  globs: ['packages/*/src/**/*.ts'],
  exclude: [
    'packages/*/src/**/*.styles.ts',
    'packages/*/src/**/locales/**',
    'packages/client/src/testing/**',
    'packages/client/src/simulated/**',
    'packages/react/**',
  ],
  litelement: true,
  plugins: [
    {
      name: 'public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        const isPublic = (m) => !m.privacy || m.privacy === 'public';
        for (const mod of customElementsManifest.modules) {
          for (const d of mod.declarations ?? []) {
            if (d.members) d.members = d.members.filter((m) => isPublic(m) && !String(m.name).startsWith('#'));
            // CifElement.emit(type, detail) dispatches whatever its caller names: not an event called "type".
            if (d.events) d.events = d.events.filter((e) => e.name && e.name !== 'type');
            // a base class (CifElement) is a class, not an element: only a registered tag makes one
            if (d.customElement && !d.tagName) delete d.customElement;
            if (d.attributes) d.attributes = d.attributes.filter((a) => !a.fieldName || d.members?.some((m) => m.name === a.fieldName) !== false);
          }
        }
      },
    },
    {
      name: 'sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
