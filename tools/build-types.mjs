// Emits the .d.ts files of workspace packages into packages/<pkg>/dist/types/ (mirroring src/).
//
//   node tools/build-types.mjs              every package under packages/ (or, run from inside a package
//                                           folder, as its `build` script does, only that package)
//   node tools/build-types.mjs core dialer  the named packages
//
// Options come from tsconfig.build.json (the root tsconfig plus declaration-only emit). `noCheck` skips
// type-checking: `npm run typecheck` does that; this only writes declarations, fast. Workspace imports
// resolve to sources through the "source" export condition, so no package needs another's dist/ first;
// the declarations keep the bare specifiers (`@cif-elements/core`), which consumers resolve through the
// "types" condition of that package's exports map. The build fails if a declaration reaches outside its
// package by a relative path (a type TypeScript could not name through a package specifier), or imports a
// package that is not among the package's dependencies / peerDependencies (a user's strict installer, pnpm
// or Yarn PnP, would not find it: e.g. `import("lit-html")` from an inferred `render()` type).
//
// It also writes packages/<pkg>/dist/custom-elements.json, the package's slice of the root
// custom-elements.json (its `customElements` field points at it), with paths rewritten to the shipped
// JavaScript (`dist/cif-dialer.js`). The `cif-elements` package ships every element of the manifest as
// declarations of its one entry module `dist/index.js` (which defines them all).
import ts from 'typescript';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = join(root, 'packages');

function selectPackages() {
  const args = process.argv.slice(2);
  if (args.length) return args;
  const rel = relative(packagesDir, process.cwd());
  if (rel && !rel.startsWith('..') && !rel.includes(sep)) return [rel];
  return readdirSync(packagesDir).filter((p) => existsSync(join(packagesDir, p, 'src')));
}

const configPath = join(root, 'tsconfig.build.json');
const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail(d) });
if (!parsed) process.exit(1);
if (parsed.errors.length) fail(parsed.errors[0]);

function fail(diagnostic) {
  console.error(ts.formatDiagnosticsWithColorAndContext([diagnostic], host));
  process.exit(1);
}

const packages = selectPackages();

const pkgJsonCache = new Map();
function packageJson(dir) {
  if (!pkgJsonCache.has(dir)) pkgJsonCache.set(dir, JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')));
  return pkgJsonCache.get(dir);
}
/** The package itself, its dependencies and its peer dependencies: what its declarations may import. */
function declaredPackages(dir) {
  const pkg = packageJson(dir);
  return new Set([pkg.name, ...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
}
const srcDirs = packages.map((p) => join(packagesDir, p, 'src') + sep);
const rootNames = parsed.fileNames.filter((f) => srcDirs.some((d) => resolve(f).startsWith(d)));
if (!rootNames.length) {
  console.error(`build-types: no sources for ${packages.join(', ')}`);
  process.exit(1);
}

const host = ts.createCompilerHost(parsed.options);
const program = ts.createProgram({ rootNames, options: parsed.options, host });
const declDir = resolve(root, parsed.options.declarationDir);
const problems = [];
const outputs = new Map();

for (const file of rootNames) {
  const sf = program.getSourceFile(file);
  const result = program.emit(sf, (fileName, text) => {
    // <declarationDir>/packages/<pkg>/src/<rest>.d.ts  →  packages/<pkg>/dist/types/<rest>.d.ts
    const rel = relative(declDir, resolve(fileName)).split(sep);
    if (rel[0] !== 'packages' || rel[2] !== 'src') return;
    const pkg = rel[1];
    const out = join(packagesDir, pkg, 'dist', 'types', ...rel.slice(3));
    const depth = rel.length - 4; // folders below src/
    for (const m of text.matchAll(/(?:from\s+|import\()\s*['"](\.\.?\/[^'"]*)['"]/g)) {
      const ups = m[1].split('/').filter((s) => s === '..').length;
      if (ups > depth) problems.push(`${relative(root, file)}: declaration refers outside the package: ${m[1]}`);
    }
    const declared = declaredPackages(pkg);
    for (const m of text.matchAll(/(?:from\s+|import\()\s*['"]([^.'"][^'"]*)['"]/g)) {
      const name = m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0];
      if (!declared.has(name)) problems.push(`${relative(root, file)}: declaration imports '${m[1]}', which ${pkg}/package.json does not declare`);
    }
    outputs.set(out, text);
  }, undefined, true);
  for (const d of result.diagnostics) problems.push(ts.formatDiagnostic(d, host));
}

if (problems.length) {
  console.error(`build-types: ${problems.length} problem(s)\n` + problems.join('\n'));
  process.exit(1);
}
for (const p of packages) rmSync(join(packagesDir, p, 'dist', 'types'), { recursive: true, force: true });
for (const [out, text] of outputs) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
}
console.log(`build-types: ${outputs.size} declaration files for ${packages.join(', ')}`);

// --- custom-elements.json slices -------------------------------------------------------------------------
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const SOURCE_PATH = /^\/?packages\/([^/]+)\/src\/(.+)\.ts$/;
const dirToName = (dir) => (existsSync(join(packagesDir, dir, 'package.json')) ? packageJson(dir).name : undefined);

/** Rewrites every `path` / `module` that names a workspace source file to the shipped JS (`dist/x.js`), adding
 * `package` to references into another package. */
function rewrite(value, own) {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, own));
  if (!value || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) out[k] = rewrite(v, own);
  for (const key of ['path', 'module']) {
    const m = typeof value[key] === 'string' ? SOURCE_PATH.exec(value[key]) : null;
    if (!m) continue;
    out[key] = `dist/${m[2]}.js`;
    if (key === 'module' && m[1] !== own && !out.package) out.package = dirToName(m[1]);
  }
  return out;
}

let slices = 0;
for (const dir of packages) {
  const pkg = packageJson(dir);
  if (!pkg.customElements) continue;
  let modules;
  if (dir === 'elements') {
    // every element, declared by the one module that defines them all
    const declarations = [];
    const exports = [];
    for (const mod of manifest.modules) {
      const [, from] = SOURCE_PATH.exec(mod.path) ?? [];
      for (const d of mod.declarations ?? []) {
        if (!d.customElement || !d.tagName) continue;
        declarations.push(rewrite(d, from));
        exports.push({ kind: 'js', name: d.name, declaration: { name: d.name, module: 'dist/index.js' } });
        exports.push({ kind: 'custom-element-definition', name: d.tagName, declaration: { name: d.name, module: 'dist/index.js' } });
      }
    }
    modules = [{ kind: 'javascript-module', path: 'dist/index.js', declarations, exports }];
  } else {
    modules = manifest.modules.filter((m) => SOURCE_PATH.exec(m.path)?.[1] === dir).map((m) => rewrite(m, dir));
  }
  if (!modules.some((m) => m.declarations?.some((d) => d.customElement))) {
    console.error(`build-types: ${pkg.name} has a customElements field but defines no element in custom-elements.json`);
    process.exit(1);
  }
  const out = join(packagesDir, dir, pkg.customElements);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ schemaVersion: manifest.schemaVersion, readme: '', modules }, null, 2) + '\n');
  slices++;
}
if (slices) console.log(`build-types: custom-elements.json for ${slices} package(s)`);
