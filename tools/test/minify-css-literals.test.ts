import { expect } from '@open-wc/testing';
// The build tool's own module (plain ESM; its Node-only imports are inside the esbuild plugin).
import { minifyCssLiterals, minifyCssText } from '../minify-css-literals.mjs';

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
});
