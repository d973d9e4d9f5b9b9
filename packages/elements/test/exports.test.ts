// Every package's package.json after `npm run build`: each file its exports map, main/module/types fields
// and sideEffects list name exists (the built JS, the .d.ts, the sources the workspace resolves through the
// "source"/"development" conditions), and sideEffects names the files that define elements.
import { expect } from '@open-wc/testing';

const PACKAGES = ['client', 'core', 'click-to-act', 'dialer', 'presence', 'session-list', 'calls', 'elements', 'react'];

type Target = string | string[] | { [condition: string]: Target };
interface PackageJson {
  name: string;
  main?: string;
  module?: string;
  types?: string;
  exports: Record<string, Target>;
  sideEffects: boolean | string[];
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

describe('package exports maps (after npm run build)', () => {
  for (const dir of PACKAGES) {
    it(`${dir}: every file named by exports, main/module/types and sideEffects exists`, async () => {
      const base = `/packages/${dir}/`;
      const res = await fetch(`${base}package.json`, { cache: 'no-store' });
      expect(res.ok, `${base}package.json`).to.equal(true);
      const pkg = (await res.json()) as PackageJson;
      const named = new Set<string>();
      for (const [subpath, target] of Object.entries(pkg.exports)) {
        expect(subpath === '.' || subpath.startsWith('./'), `subpath ${subpath}`).to.equal(true);
        for (const f of files(target)) named.add(f);
        if (typeof target === 'object' && !Array.isArray(target) && subpath !== './vue') {
          // ESM JS for bundlers and browsers, declarations for TypeScript consumers, sources for the workspace.
          expect(Object.keys(target), `${pkg.name} ${subpath} conditions`).to.include.members(['source', 'development', 'types', 'default']);
          expect(Object.keys(target)[0], 'the workspace conditions come first').to.equal('source');
          expect(files(target.default)[0]).to.match(/^\.\/dist\/.+\.js$/);
          expect(files(target.types).at(-1), 'published declarations').to.match(/^\.\/dist\/.+\.d\.ts$/);
        }
      }
      for (const f of [pkg.main, pkg.module, pkg.types]) if (f) named.add(f);
      if (Array.isArray(pkg.sideEffects)) for (const f of pkg.sideEffects) if (!f.includes('*')) named.add(f);
      const missing: string[] = [];
      for (const f of named) if (!(await exists(new URL(f, location.origin + base).pathname))) missing.push(f);
      expect(missing, `${pkg.name}: missing files`).to.deep.equal([]);
    });
  }

  it('sideEffects lists, for every element, the source and built module that defines it', async () => {
    const manifest = (await (await fetch('/custom-elements.json', { cache: 'no-store' })).json()) as {
      modules: { path: string; declarations?: { customElement?: boolean; tagName?: string }[] }[];
    };
    const defining = manifest.modules.filter((m) => m.declarations?.some((d) => d.customElement && d.tagName));
    expect(defining.length).to.be.greaterThan(4);
    for (const m of defining) {
      const [, dir, file] = /^packages\/([^/]+)\/src\/(.+)\.ts$/.exec(m.path)!;
      const pkg = (await (await fetch(`/packages/${dir}/package.json`, { cache: 'no-store' })).json()) as PackageJson;
      expect(pkg.sideEffects, `${pkg.name} sideEffects`).to.include.members([`./src/${file}.ts`, `./dist/${file}.js`]);
    }
  });

  it('sideEffects keeps the single-file bundle and its chunks', async () => {
    const pkg = (await (await fetch('/packages/elements/package.json', { cache: 'no-store' })).json()) as PackageJson;
    expect(pkg.sideEffects).to.include.members(['./src/index.ts', './dist/index.js', './dist/cif-elements.js', './dist/cif-elements.*.js']);
  });
});
