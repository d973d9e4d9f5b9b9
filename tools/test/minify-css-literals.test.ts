import { expect } from '@open-wc/testing';
// The build tool's own module (plain ESM; its Node-only imports are inside the esbuild plugin).
import { minifyCssLiterals, minifyCssText, minifyHtmlText } from '../minify-css-literals.mjs';

describe('minify-css-literals (the single-file build)', () => {
  it('drops comments, also ones with quotes or apostrophes, and keeps strings verbatim', () => {
    const css = `
      /* The secondary "Retry" button every element shows */
      .retry { color: red ; }
      /* the element's narrow layout */
      @media (max-width: 20rem) { .x > .y { gap: 1px } }
      .q::after { content: '/* not a comment */  two  spaces'; }
      .r::before { content: "it's"; }
    `;
    expect(minifyCssText(css)).to.equal(
      `.retry{color:red}@media (max-width:20rem){.x>.y{gap:1px}}.q::after{content:'/* not a comment */  two  spaces'}.r::before{content:"it's"}`,
    );
  });

  it('rewrites css`` literals and leaves interpolations alone', () => {
    const code = 'const s = css`\n  :host { display: block; }\n  /* it\'s the host */\n  .a { color: ${unsafeCSS(c)}; }\n`;';
    expect(minifyCssLiterals(code)).to.equal('const s = css`:host{display:block}.a{color:${unsafeCSS(c)}}`;');
  });

  it('keeps a space between two interpolated CSS values', () => {
    expect(minifyCssLiterals('css`\n  a { margin: ${x} ${y}; color: ${c}; }\n`')).to.equal('css`a{margin:${x} ${y};color:${c}}`');
  });

  it('minifies unsafeCSS(`…`) and /*css*/-marked literals, not other template literals', () => {
    const code = 'unsafeCSS(`\n  a { b: c; }\n`); const t = /*css*/ `\n  --x: 1px;\n`; const m = `\n  keep  me\n`;';
    expect(minifyCssLiterals(code)).to.equal('unsafeCSS(`a{b:c}`); const t = /*css*/ `--x:1px;`; const m = `\n  keep  me\n`;');
  });

  it('collapses line-break indentation in html`` to one space and keeps other spacing', () => {
    expect(minifyHtmlText('\n  <button\n    id="a"\n  >Call  now</button>\n')).to.equal(' <button id="a" >Call  now</button> ');
  });

  it('finds templates nested in interpolations with arrow functions, objects, strings and regular expressions', () => {
    const code = [
      'const h = html`\n  <div @click=${(e) => { if (a) { f({ k: "`" }); } }}',
      '  >${x ? html`\n    <b>${y}</b>\n  ` : nothing}</div>\n`;',
      "const r = /[`{]/g; const q = '`'; // a ` in a comment",
      'const s = css`\n  a { b: c; }\n`;',
    ].join('\n');
    expect(minifyCssLiterals(code)).to.equal(
      [
        'const h = html` <div @click=${(e) => { if (a) { f({ k: "`" }); } }} >${x ? html` <b>${y}</b> ` : nothing}</div> `;',
        "const r = /[`{]/g; const q = '`'; // a ` in a comment",
        'const s = css`a{b:c}`;',
      ].join('\n'),
    );
  });

  it('leaves html`` with <pre> or <textarea> as written (their white space is content)', () => {
    const code = 'html`\n  <textarea>\n  x</textarea>\n`';
    expect(minifyCssLiterals(code)).to.equal(code);
  });
});
