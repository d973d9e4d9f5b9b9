// Shared Vite configuration for the packages' builds (used by packages/*/vite.config.ts).
//
// libConfig(): the npm library build. ES modules only, one output file per source module
// (`preserveModules`, so `dist/` mirrors `src/` and the `sideEffects` list names real files), every bare
// import (lit, @lit/*, @cif-elements/*, libphonenumber-js, react…) left external, no minification (the
// application that installs the package minifies), source maps. Declarations come from tools/build-types.mjs.
//
// standaloneConfig(): the single-file build a provider loads with one <script type="module">. Everything is
// bundled (workspace packages from their sources, through the "source" export condition), minified, with
// Lit's production build. A dynamic import() in the sources becomes a lazily loaded chunk next to the file
// (the dialer's phone-number metadata); the page still writes only the one script tag. The entry itself
// imports no other chunk statically (modules shared with a lazy chunk stay in the entry, which the lazy
// chunk imports back), so it runs standalone; selfContained() fails the build otherwise.
import { defineConfig, defaultClientConditions, type Plugin, type UserConfig } from 'vite';
import { isAbsolute, join } from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { viteMinifyCss } from './minify-css-literals.mjs';

/**
 * Bare specifiers (packages) are external in a library build; relative and absolute paths are bundled, and
 * so are the transpiler's own helpers (`@oxc-project/runtime`, e.g. the legacy-decorator helper), which are
 * no dependency of the package.
 */
function isExternal(id: string): boolean {
  if (id.startsWith('.') || isAbsolute(id) || id.startsWith('\0') || /^[a-zA-Z]:[\\/]/.test(id)) return false;
  return !id.startsWith('@oxc-project/runtime/');
}

export interface LibOptions {
  /** Entry points, name → source file (relative to the package). Default `{ index: 'src/index.ts' }`. */
  entries?: Record<string, string>;
}

export function libConfig({ entries = { index: 'src/index.ts' } }: LibOptions = {}): UserConfig {
  return defineConfig({
    logLevel: 'warn',
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: true,
      minify: false,
      sourcemap: true,
      reportCompressedSize: false,
      lib: { entry: entries, formats: ['es'] },
      rolldownOptions: {
        external: isExternal,
        output: {
          preserveModules: true,
          preserveModulesRoot: 'src',
          // The transpiler helpers land in dist/_helpers/ (not under a versioned _virtual/ path).
          entryFileNames: (chunk) =>
            chunk.name.includes('@oxc-project') ? `_helpers/${chunk.name.split('/').pop()}.js` : '[name].js',
        },
      },
    },
  });
}

export interface StandaloneOptions {
  /** The entry module (relative to the package). */
  entry: string;
  /** Output file name without `.js` (`cif-elements`); lazy chunks are named `<fileName>.<chunk>-<hash>.js`. */
  fileName: string;
}

/**
 * Fails the build if the output imports anything that is not one of its own files: the single file must run
 * from a plain static server with no import map and no bundler.
 */
function selfContained(): Plugin {
  return {
    name: 'cif-self-contained',
    generateBundle(_options, bundle) {
      const own = new Set(Object.keys(bundle));
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        const foreign = [...file.imports, ...file.dynamicImports].filter((i) => !own.has(i));
        if (foreign.length) this.error(`${file.fileName} imports ${foreign.join(', ')}: the standalone build must bundle everything`);
        // The file a page loads must run on its own: chunks next to it are only ever loaded lazily.
        if (file.isEntry && file.imports.length) {
          this.error(`${file.fileName} statically imports ${file.imports.join(', ')}: a page that copies only ${file.fileName} would 404`);
        }
      }
    },
  };
}

/**
 * Rolldown puts its runtime helper (the namespace-object maker, ~0.2 KiB) in a chunk of its own that the
 * client's chunk imports: a third round trip before `ready` (entry → client + simulated host → runtime).
 * Instead, each chunk that imports it gets the helper written after its license line (line 1 or 2, which has no
 * source mappings), and the import statement is blanked with as many spaces (columns, and so the source
 * maps, stay exact). The runtime chunk is then dropped. Fails the build if the runtime's shape is not the
 * one this expects, rather than guess.
 */
function inlineRuntime(): Plugin {
  return {
    name: 'cif-inline-runtime',
    generateBundle(_options, bundle) {
      const runtime = Object.values(bundle).find((f) => f.type === 'chunk' && /rolldown-runtime/.test(f.fileName));
      if (!runtime || runtime.type !== 'chunk') return;
      const body = runtime.code.replace(/^\/\*![^\n]*\*\/\n/, '').replace(/\n?\/\/# sourceMappingURL=.*$/, '').trim();
      const exported = /export\s*\{([^}]*)\};?$/.exec(body);
      if (!exported || runtime.imports.length) this.error(`${runtime.fileName}: unexpected runtime chunk shape`);
      // `export{t,n as r}` → the names this chunk exports, by their local names
      const exports = new Map(
        exported![1]!.split(',').map((spec) => {
          const [local, as = local] = spec.trim().split(/\s+as\s+/);
          return [as!, local!] as const;
        }),
      );
      const code = body.slice(0, exported!.index);
      const helper = `const __cifRuntime=(()=>{${code};return{${[...exports].map(([as, local]) => `${JSON.stringify(as)}:${local}`).join(',')}}})();`;
      const importFrom = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*["']\\./${runtime.fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["'];?`);
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk' || file === runtime || !file.imports.includes(runtime.fileName)) continue;
        const m = importFrom.exec(file.code);
        if (!m) this.error(`${file.fileName}: its import of ${runtime.fileName} was not found`);
        const bindings = m![1]!.split(',').map((spec) => {
          const [name, as = name] = spec.trim().split(/\s+as\s+/);
          if (!exports.has(name!)) this.error(`${file.fileName} imports ${name} that ${runtime.fileName} does not export`);
          return `${as}=__cifRuntime[${JSON.stringify(name)}]`;
        });
        const lineEnd = file.code.indexOf('\n', file.code.indexOf('/*!'));
        if (lineEnd < 0 || m!.index <= lineEnd) this.error(`${file.fileName}: expected the license line before the import`);
        file.code =
          file.code.slice(0, lineEnd) +
          helper +
          `var ${bindings.join(',')};` +
          file.code.slice(lineEnd, m!.index) +
          ' '.repeat(m![0].length) +
          file.code.slice(m!.index + m![0].length);
        file.imports = file.imports.filter((i) => i !== runtime.fileName);
      }
      delete bundle[runtime.fileName];
      delete bundle[`${runtime.fileName}.map`];
    },
  };
}

/** The npm package a bundled module comes from (`lit-html`, `@lit/context`), or undefined for our sources. */
function packageOf(id: string): string | undefined {
  const m = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(id.split('?')[0] ?? '');
  return m?.[1]?.replace('\\', '/');
}

/**
 * Third-party license notices written once, in `<fileName>.licenses.txt` next to the bundle, instead of the
 * same `@license` comment repeated in every file (24 copies of Lit's in the entry): the full license text
 * of every npm package whose code is in the output, and a one-line pointer to it at the top of each file.
 */
function licenseNotices(fileName: string): Plugin {
  return {
    name: 'cif-license-notices',
    generateBundle(_options, bundle) {
      const packages = new Set<string>();
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        for (const id of Object.keys(file.modules)) {
          const pkg = packageOf(id);
          if (pkg && !pkg.startsWith('@oxc-project/')) packages.add(pkg);
        }
      }
      const sections = [...packages].sort().map((pkg) => {
        const dir = join(process.cwd(), '..', '..', 'node_modules', pkg);
        const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string; license?: string };
        const licenseFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
        const text = licenseFile ? readFileSync(join(dir, licenseFile), 'utf8').trim() : `License: ${meta.license ?? 'see package'}`;
        return `${pkg} ${meta.version} (${meta.license ?? 'unknown'})\n${'-'.repeat(60)}\n${text}\n`;
      });
      this.emitFile({
        type: 'asset',
        fileName: `${fileName}.licenses.txt`,
        source: `${fileName}.js and its chunks include code from these packages:\n\n${sections.join('\n\n')}`,
      });
    },
  };
}

/**
 * What the page needs once the provider connects, in one chunk with the client (see the 'client' group): the
 * client modules only lazy chunks use (the entry keeps errors, presences and framework), the provider's
 * post-ready part (the user's language with its LCID table, default session, panel), the elements' parts that
 * load on connect (the presence menu, the session rows, click-to-act's details) and the Lit directives those
 * use. One file, evaluated in one task, instead of five arriving one by one, each followed by its element's
 * re-render: in `npm run bench`'s load test the widget was ready ~9% sooner (medians of 4 × 11 cold loads, A/B
 * alternating: 148 → 135 ms; painted 167 → 156 ms; measured while the bench's waitForFunction still ran
 * Playwright's script in the page). A page without a provider fetches it with its first such element (the
 * client then injected).
 */
const LAZY_CLIENT =
  /[\\/](?:packages[\\/](?:client[\\/]src[\\/](?:client|connect|typed-event-target|util)|core[\\/]src[\\/](?:provider-session|lcid)|presence[\\/]src[\\/]presence-menu|session-list[\\/]src[\\/](?:session-rows|session-rows\.styles|session-store)|click-to-act[\\/]src[\\/]click-to-act-details)\.ts|(?:lit-html[\\/]directive-helpers|(?:lit|lit-html)[\\/]directives[\\/](?:repeat|live|guard))\.js)$/;

/**
 * libphonenumber-js and the modules that import it statically (see the 'phone' group). None of them may import
 * a module of the entry: with Rolldown 1.2.19, one more lazy chunk importing from the entry (even a leaf module)
 * stopped Rolldown from merging lit and the client's errors into the entry (they were split into chunks the
 * entry imports statically, and selfContained() failed the build). So the dialer's number functions take
 * libphonenumber-js directly and core's library-free rules from phone-text.ts, which the entry does not use (the
 * call flow gets them from the loaded library).
 */
const LAZY_PHONE =
  /[\\/](?:libphonenumber-js[\\/].*|packages[\\/](?:core[\\/]src[\\/]phone-(?:lib|text)|dialer[\\/]src[\\/](?:phone|field|phone-tools))\.ts)$/;

/**
 * V8's explicit compile hint (Chrome 136+; other engines read a comment): the functions of a file that starts
 * with it are compiled while the file streams in, off the main thread, instead of one by one on the main
 * thread when first called. On the entry only. Chromium traces of the widget's cold load on a 2-core
 * machine: V8 compiling on the main thread 16-33 ms without the hint, 5-14 ms with it (the rest moves to
 * background threads); painted, cold loads A/B: 173 ms with, 195 ms without (20 loads), 179 → 200 ms with the
 * hint taken from the entry alone. Not on the lazy chunks, though: the client's and the simulated host's
 * are received at ~50-55 ms and their eager compile was what ready waited for, the main thread being free
 * (marks: evaluated at ~63-69 ms). Without the hint on the simulated host's chunk, ready came 2-6 ms sooner
 * in 4 alternating runs of 20-30 cold loads (order swapped between runs), painted 0-9 ms; without it on the
 * client's chunk as well, ready 1-7 ms and painted 0-6 ms sooner again in 4 more, for 1.5 ms more
 * main-thread time (through a bare protocol pipe, tools/bench/cdp-pipe.mjs).
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

export function standaloneConfig({ entry, fileName }: StandaloneOptions): UserConfig {
  return defineConfig({
    logLevel: 'warn',
    // Workspace packages from source: the standalone build does not depend on their dist/ being built first.
    resolve: { conditions: ['source', ...defaultClientConditions] },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    // css`` literals minified too: the standalone file is final, nobody re-processes it.
    plugins: [viteMinifyCss(), inlineRuntime(), selfContained(), licenseNotices(fileName)],
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: false,
      sourcemap: true,
      reportCompressedSize: false,
      lib: { entry: { [fileName]: entry }, formats: ['es'] },
      rolldownOptions: {
        external: [],
        // lets Rolldown keep modules shared with lazy chunks in the entry (exporting what those chunks use)
        // instead of splitting them into a common chunk the entry would import statically
        preserveEntrySignatures: 'allow-extension',
        output: {
          entryFileNames: '[name].js',
          // after minification, so it stays; the licenses themselves are in <fileName>.licenses.txt
          // (and, first, V8's compile hint on the entry: see COMPILE_HINT)
          postBanner: (chunk) =>
            (chunk.isEntry ? `${COMPILE_HINT}\n` : '') + `/*! cif-elements, MIT. Third-party code and its licenses: ${fileName}.licenses.txt */`,
          // one dot only: `cif-elements.<chunk>-<hash>.js` (a chunk named after `metadata.min.json` would add more)
          // a package's index is named after its package folder (`cif-elements.calls-<hash>.js`, not `src`)
          chunkFileNames: (chunk) => {
            const id = chunk.facadeModuleId ?? '';
            const pkg = /[\\/]packages[\\/]([^\\/]+)[\\/]src[\\/]index\.ts$/.exec(id)?.[1];
            // a translation is named after its package and locale: `cif-elements.dialer-de-<hash>.js` (one small
            // chunk per package and locale: a page in German fetches those of the packages it uses)
            const pack = /[\\/]packages[\\/]([^\\/]+)[\\/]src[\\/]locales[\\/]([^\\/]+)\.ts$/.exec(id);
            const name = pack ? `${pack[1]}-${pack[2]}` : (pkg ?? chunk.name);
            return `${fileName}.${name.replace(/[^\w-]+/g, '-')}-[hash].js`;
          },
          // Everything the entry imports statically goes into the entry file itself: a module shared with a
          // lazy chunk (the client's event target, lit) would otherwise be split into a common chunk that the
          // entry imports statically, and a page that copies only cif-elements.js would 404 on it.

          // The client's lazy part in one chunk (LAZY_CLIENT): the provider imports it alongside the simulated host
          // (or the live connector), so both arrive in one round trip instead of the host's chunk being parsed
          // first and only then naming the client, event-target and util chunks it imports (a waterfall;
          // Rolldown's runtime helper is written into this chunk by inlineRuntime()). Should the entry start to
          // use one of these modules, the group would move it out of the entry and selfContained() fails the
          // build: drop it from the list.
          codeSplitting: {
            includeDependenciesRecursively: false,
            groups: [
              { name: 'client', test: (id: string) => LAZY_CLIENT.test(id) },
              // libphonenumber-js, core's loader facade and the dialer's number functions: one chunk that the
              // dialer fetches after the first paint (rather than three, one after the other)
              { name: 'phone', test: (id: string) => LAZY_PHONE.test(id) },
            ],
          },
          // Vite keeps whitespace in lib-mode ES output (for downstream tree-shaking); this file is final.
          minify: true,
          // one notice per file and the licenses in <fileName>.licenses.txt (licenseNotices)
          comments: { legal: false, annotation: false, jsdoc: false },
        },
      },
    },
  });
}
