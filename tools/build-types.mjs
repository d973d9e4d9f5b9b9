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
// package by a relative path (a type TypeScript could not name through a package specifier).
import ts from 'typescript';
import { mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
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
