// Every package's package.json after `npm run build`: each file its exports map, main/module/types,
// customElements and sideEffects name exists AND is shipped (inside one of its `files` entries; npm pack
// leaves everything else out); no condition a user's tools resolve by default (`development`, `import`,
// `browser`…) points at the TypeScript sources: only the repo's own custom `source` condition does.
// `npm run test:consumer` checks the same on the real `npm pack` tarballs, installed into fresh apps.
import { expect } from '@open-wc/testing';

const PACKAGES = ['client', 'core', 'click-to-act', 'dialer', 'presence', 'session-list', 'calls', 'elements', 'react'];

type Target = string | string[] | { [condition: string]: Target };
interface PackageJson {
  name: string;
  main?: string;
  module?: string;
  types?: string;
  customElements?: string;
  files: string[];
  exports: Record<string, Target>;
  sideEffects: boolean | string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** Every file path in an exports target (all conditions, all array fallbacks). */
function files(target: Target): string[] {
  if (typeof target === 'string') return [target];
  if (Array.isArray(target)) return target.flatMap(files);
  return Object.values(target).flatMap(files);
}

async function exists(url: string): Promise<boolean> {
  const res = await fetch(url, { method: 'HEAD', cache: 'no-store' });
  return res.ok;
}

async function packageJson(dir: string): Promise<PackageJson> {
  const res = await fetch(`/packages/${dir}/package.json`, { cache: 'no-store' });
  expect(res.ok, `/packages/${dir}/package.json`).to.equal(true);
  return (await res.json()) as PackageJson;
}

/** Whether npm pack ships `file` (a ./-relative path) given the package's `files` list (folders or files). */
function shipped(pkg: PackageJson, file: string): boolean {
  const path = file.replace(/^\.\//, '');
  if (path === 'package.json') return true; // npm always packs it
  return pkg.files.some((entry) => {
    const e = entry.replace(/^\.\//, '').replace(/\/$/, '');
    return path === e || path.startsWith(`${e}/`);
  });
}

interface Manifest {
  modules: { path: string; declarations?: { customElement?: boolean; tagName?: string }[] }[];
}

describe('package exports maps (after npm run build)', () => {
  for (const dir of PACKAGES) {
    it(`${dir}: every file named by exports, main/module/types, customElements and sideEffects exists and is shipped`, async () => {
      const pkg = await packageJson(dir);
      const named = new Set<string>();
      for (const [subpath, target] of Object.entries(pkg.exports)) {
        expect(subpath === '.' || subpath.startsWith('./'), `subpath ${subpath}`).to.equal(true);
        for (const f of files(target)) named.add(f);
        if (typeof target === 'object' && !Array.isArray(target) && subpath !== './vue') {
          // sources for the workspace only (custom condition), declarations, ESM JS for bundlers and browsers
          expect(Object.keys(target), `${pkg.name} ${subpath} conditions`).to.deep.equal(['source', 'types', 'default']);
          expect(target.source, `${pkg.name} ${subpath} source`).to.match(/^\.\/src\/.+\.ts$/);
          expect(target.types, `${pkg.name} ${subpath} types`).to.match(/^\.\/dist\/types\/.+\.d\.ts$/);
          expect(target.default, `${pkg.name} ${subpath} default`).to.match(/^\.\/dist\/.+\.js$/);
        }
      }
      expect(JSON.stringify(pkg.exports), `${pkg.name}: no "development" condition`).not.to.include('"development"');
      for (const f of [pkg.main, pkg.module, pkg.types, pkg.customElements]) if (f) named.add(f);
      if (Array.isArray(pkg.sideEffects)) for (const f of pkg.sideEffects) if (!f.includes('*')) named.add(f);
      const missing: string[] = [];
      const unshipped: string[] = [];
      for (const f of named) {
        if (!(await exists(new URL(f, `${location.origin}/packages/${dir}/`).pathname))) missing.push(f);
        if (!shipped(pkg, f)) unshipped.push(f);
      }
      expect(missing, `${pkg.name}: missing files`).to.deep.equal([]);
      expect(unshipped, `${pkg.name}: files outside "files"`).to.deep.equal([]);
    });
  }

  it('each package that defines elements ships its manifest slice, listing exactly its elements', async () => {
    const root = (await (await fetch('/custom-elements.json', { cache: 'no-store' })).json()) as Manifest;
    const tagsOf = (m: Manifest, filter = (_path: string) => true) =>
      m.modules.filter((mod) => filter(mod.path)).flatMap((mod) => (mod.declarations ?? []).filter((d) => d.customElement).map((d) => d.tagName));
    for (const dir of PACKAGES) {
      const pkg = await packageJson(dir);
      const expected = tagsOf(root, (p) => p.startsWith(`packages/${dir}/src/`));
      if (!expected.length && dir !== 'elements') {
        expect(pkg.customElements, `${pkg.name} defines no element`).to.equal(undefined);
        continue;
      }
      expect(pkg.customElements, `${pkg.name} customElements`).to.be.a('string');
      expect(pkg.exports['./custom-elements.json'], `${pkg.name} exports its manifest`).to.equal(`./${pkg.customElements}`);
      const slice = (await (await fetch(`/packages/${dir}/${pkg.customElements}`, { cache: 'no-store' })).json()) as Manifest;
      const want = dir === 'elements' ? tagsOf(root) : expected;
      expect(tagsOf(slice).sort(), `${pkg.name} manifest tags`).to.deep.equal([...want].sort());
      for (const mod of slice.modules) expect(mod.path, `${pkg.name} manifest paths name shipped JS`).to.match(/^dist\/.+\.js$/);
    }
  });

  it('sideEffects lists, for every element, the source and built module that defines it', async () => {
    const manifest = (await (await fetch('/custom-elements.json', { cache: 'no-store' })).json()) as Manifest;
    const defining = manifest.modules.filter((m) => m.declarations?.some((d) => d.customElement && d.tagName));
    expect(defining.length).to.be.greaterThan(4);
    for (const m of defining) {
      const [, dir, file] = /^packages\/([^/]+)\/src\/(.+)\.ts$/.exec(m.path)!;
      const pkg = await packageJson(dir);
      expect(pkg.sideEffects, `${pkg.name} sideEffects`).to.include.members([`./src/${file}.ts`, `./dist/${file}.js`]);
    }
  });

  it('sideEffects keeps the single-file bundle and its chunks; vue is an optional peer for dist/vue.d.ts', async () => {
    const pkg = await packageJson('elements');
    expect(pkg.sideEffects).to.include.members(['./src/index.ts', './dist/index.js', './dist/cif-elements.js', './dist/cif-elements.*.js']);
    expect(pkg.peerDependencies?.vue, 'vue peer').to.be.a('string');
    expect(pkg.peerDependenciesMeta?.vue?.optional, 'vue peer is optional').to.equal(true);
  });
});
