// Size measurement for `npm run bench`: what a page loads before first paint, measured on built files.
//
// "Up front" = the entry file plus every file it imports statically, transitively (a static import is
// fetched and evaluated before the entry runs, whatever its name says). Dynamic import() targets are lazy.
// Each file is compressed on its own (gzip -9, brotli -q 11), as a server sends it, and the sizes are
// added; no ratio of separately compressed files is taken.
import { build } from 'vite';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { viteMinifyCss } from '../minify-css-literals.mjs';

export function measure(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

// `import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"` (minified or not); not `import(`.
const STATIC_IMPORT = /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{][^"'`;()]*?\bfrom\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g;

/** The entry and its static imports (transitively), and the files only reachable by dynamic import(). */
export function loadGraph(entryPath) {
  const upFront = [];
  const lazy = new Set();
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    upFront.push(file);
    for (const m of code.matchAll(STATIC_IMPORT)) visit(resolve(dirname(file), m[1]));
    for (const m of code.matchAll(DYNAMIC_IMPORT)) lazy.add(resolve(dirname(file), m[1]));
  };
  visit(resolve(entryPath));
  // lazy chunks and what they import statically in turn (loaded together with them)
  const lazyFiles = new Set();
  const visitLazy = (file) => {
    if (seen.has(file) || lazyFiles.has(file) || !existsSync(file)) return;
    lazyFiles.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) visitLazy(resolve(dirname(file), m[1]));
    for (const m of code.matchAll(DYNAMIC_IMPORT)) visitLazy(resolve(dirname(file), m[1]));
  };
  for (const f of lazy) visitLazy(f);
  return { upFront, lazy: [...lazyFiles] };
}

/** Sums the measures of `files` (each compressed on its own). */
export function total(files) {
  const sum = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) {
    const m = measure(readFileSync(f));
    sum.raw += m.raw;
    sum.gzip += m.gzip;
    sum.brotli += m.brotli;
  }
  return sum;
}

/**
 * Builds `entries` (name → source text of an entry module) with Vite the way the single file is built
 * (ES modules, code splitting for dynamic imports, minified JS and css`` literals, production conditions),
 * into `outDir`. Resolves packages from `root`'s node_modules.
 */
export async function buildEntries(root, outDir, entries) {
  const srcDir = join(outDir, 'src');
  mkdirSync(srcDir, { recursive: true });
  const input = {};
  for (const [name, text] of Object.entries(entries)) {
    const file = join(srcDir, `${name}.js`);
    writeFileSync(file, text);
    input[name] = file;
  }
  await build({
    configFile: false,
    root,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    plugins: [viteMinifyCss()],
    build: {
      target: 'es2022',
      outDir: join(outDir, 'dist'),
      emptyOutDir: true,
      reportCompressedSize: false,
      lib: { entry: input, formats: ['es'] },
      rolldownOptions: {
        external: [],
        preserveEntrySignatures: 'allow-extension',
        output: { entryFileNames: '[name].js', chunkFileNames: 'chunk-[name]-[hash].js', minify: true, comments: { legal: true, annotation: false, jsdoc: false } },
      },
    },
  });
  return Object.fromEntries(Object.keys(entries).map((name) => [name, join(outDir, 'dist', `${name}.js`)]));
}

export const rel = (root, f) => relative(root, f);
export const listDir = (dir) => readdirSync(dir).map((f) => join(dir, f));
