// Minifies the CSS inside Lit `css` tagged templates (comments, indentation, spaces around punctuation)
// — something neither esbuild nor Vite does to template literals. Used by the single-file build and by
// the size benchmark. Interpolations (`${…}`) are left as they are; only the static text is touched.
const CSS_LITERAL = /\bcss`((?:\\[\s\S]|\$\{(?:[^{}]|\{[^{}]*\})*\}|[^`\\$]|\$(?!\{))*)`/g;

/**
 * Minifies one piece of static CSS text. Conservative: quoted strings are kept verbatim, and spaces
 * before `:` (descendant selectors such as `a :hover`) are never touched.
 */
export function minifyCssText(text) {
  // Comments and quoted strings in one pass, left to right: an apostrophe inside a comment (`element's`)
  // does not open a string, and a comment inside a string stays. Strings are set aside (as \0n\0) while
  // the rest is minified in one piece, so whitespace collapses across a removed comment too.
  const strings = [];
  const outside = text.replace(/\/\*[\s\S]*?\*\/|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, (m) =>
    m.startsWith('/*') ? ' ' : `\0${strings.push(m) - 1}\0`,
  );
  return minifyOutsideStrings(outside)
    .replace(/\0(\d+)\0/g, (_, i) => strings[Number(i)])
    .trim();
}

function minifyOutsideStrings(text) {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

/** Rewrites every css`…` literal in a module's source. */
export function minifyCssLiterals(code) {
  return code.replace(CSS_LITERAL, (_, body) => {
    const parts = body.split(/(\$\{(?:[^{}]|\{[^{}]*\})*\})/);
    return 'css`' + parts.map((p, i) => (i % 2 ? p : minifyCssText(p).replace(/`/g, '\\`'))).join('') + '`';
  });
}

const isSource = (path) => /\/packages\/[^/]+\/src\/.*\.ts$/.test(path.replaceAll('\\', '/'));

/** esbuild plugin (bench). */
export function esbuildMinifyCss() {
  return {
    name: 'minify-css-literals',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
        if (!isSource(path)) return undefined;
        const { readFile } = await import('node:fs/promises');
        const code = await readFile(path, 'utf8');
        return { contents: minifyCssLiterals(code), loader: 'ts' };
      });
    },
  };
}

/** Vite/Rollup plugin (single-file build). */
export function viteMinifyCss() {
  return {
    name: 'minify-css-literals',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0];
      if (!isSource(file) || !code.includes('css`')) return null;
      return { code: minifyCssLiterals(code), map: null };
    },
  };
}
