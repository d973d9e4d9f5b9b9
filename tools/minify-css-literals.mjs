// Minifies the text inside Lit's template literals — something neither esbuild nor Vite does: the CSS of
// `css` tagged templates, of `unsafeCSS(`…`)` and of literals marked `/*css*/` (comments, indentation,
// spaces around punctuation), and the indentation of `html` / `svg` templates. Used by the single-file
// build and by the size benchmark. Interpolations (`${…}`) are left as they are; only the static text is
// touched.
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

/**
 * Collapses the source indentation of an HTML template's static text: every run of white space that
 * contains a line break becomes one space. That renders the same (such a run is one space in HTML, inside
 * a tag and between inline elements alike); runs without a line break are kept as written.
 */
export function minifyHtmlText(text) {
  return text.replace(/\s*\n\s*/g, ' ');
}

/**
 * CSS text next to an interpolation keeps one space where it had white space and no punctuation separates
 * it from the interpolated value (`margin: ${a} ${b}` stays two values).
 */
function minifyCssAround(text, afterValue, beforeValue) {
  const min = minifyCssText(text);
  if (!min) return (afterValue || beforeValue) && /\s/.test(text) ? ' ' : '';
  const lead = afterValue && /^\s/.test(text) && !/^[{};,>:]/.test(min) ? ' ' : '';
  const trail = beforeValue && /\s$/.test(text) && !/[{};,>:(]$/.test(min) ? ' ' : '';
  return lead + min + trail;
}

// What a template literal holds, from the code just before its opening backtick.
const KINDS = [
  ['css', /(?:\bcss|\bunsafeCSS\(\s*|\/\*\s*css\s*\*\/\s*)$/],
  ['html', /\b(?:html|svg)$/],
];
// A `/` that starts a regular expression (not a division): after one of these, or at the start.
const BEFORE_REGEXP = /(?:^|[(,=:[!&|?{};+\-*%<>~^]|\breturn|\btypeof)\s*$/;

/**
 * Rewrites every css`…`, unsafeCSS(`…`) and /*css*\/`…` literal in a module's source, and the indentation
 * of html`…` / svg`…` literals (except those with `<pre` or `<textarea`, whose white space is content), at
 * any depth (a template inside another one's `${…}` too). A small scanner, not a regular expression:
 * interpolations hold arrow functions, objects, strings and nested templates.
 */
export function minifyCssLiterals(code) {
  let i = 0;

  /** Copies code up to the `}` that closes an interpolation (or to the end), rewriting the templates in it. */
  function scanCode(inInterpolation) {
    let out = '';
    let depth = 0;
    while (i < code.length) {
      const c = code[i];
      if (c === '}' && inInterpolation && depth === 0) return out;
      if (c === '{') depth++;
      else if (c === '}') depth--;
      if (c === "'" || c === '"') {
        const from = i++;
        while (i < code.length && code[i] !== c) i += code[i] === '\\' ? 2 : 1;
        out += code.slice(from, ++i);
      } else if (c === '/' && code[i + 1] === '/') {
        const to = code.indexOf('\n', i);
        out += code.slice(i, (i = to < 0 ? code.length : to));
      } else if (c === '/' && code[i + 1] === '*') {
        const to = code.indexOf('*/', i + 2);
        out += code.slice(i, (i = to < 0 ? code.length : to + 2));
      } else if (c === '/' && BEFORE_REGEXP.test(out)) {
        const from = i++;
        let inClass = false;
        while (i < code.length && (code[i] !== '/' || inClass)) {
          if (code[i] === '\\') i++;
          else if (code[i] === '[') inClass = true;
          else if (code[i] === ']') inClass = false;
          i++;
        }
        out += code.slice(from, ++i);
      } else if (c === '`') {
        i++;
        out += scanTemplate(KINDS.find(([, before]) => before.test(out))?.[0]);
      } else {
        out += c;
        i++;
      }
    }
    return out;
  }

  /** Reads a template literal after its opening backtick; returns it with its static text minified. */
  function scanTemplate(kind) {
    const statics = [''];
    const expressions = [];
    while (i < code.length && code[i] !== '`') {
      if (code[i] === '\\') {
        statics[statics.length - 1] += code.slice(i, i + 2);
        i += 2;
      } else if (code[i] === '$' && code[i + 1] === '{') {
        i += 2;
        expressions.push(scanCode(true));
        i++; // the closing brace
        statics.push('');
      } else {
        statics[statics.length - 1] += code[i++];
      }
    }
    i++; // the closing backtick
    const keep = kind === 'html' && statics.some((p) => /<(?:pre|textarea)\b/i.test(p));
    const last = statics.length - 1;
    const minify = keep || !kind ? (p) => p : kind === 'css' ? (p, n) => minifyCssAround(p, n > 0, n < last) : minifyHtmlText;
    return '`' + statics.map((p, n) => (n ? '${' + expressions[n - 1] + '}' : '') + minify(p, n)).join('') + '`';
  }

  return scanCode(false);
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
      if (!isSource(file) || !/\b(?:css|html|svg)`|unsafeCSS\(|\/\*\s*css\s*\*\//.test(code)) return null;
      return { code: minifyCssLiterals(code), map: null };
    },
  };
}
